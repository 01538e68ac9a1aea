import { randomUUID } from 'node:crypto';
import { changeLeadStatus, createLead, getLeadConversionMetrics } from '../../openapi/sdk';
import { Principal, Role } from '../../src/common/auth/role';
import { LeadsService } from '../../src/modules/leads/leads.service';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

describe('Lead conversion metrics', () => {
  let t: TestApp;
  let manager: TestUser;
  let rep: TestUser;
  const vendorId = randomUUID();
  const repId = randomUUID();
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    rep = await t.signIn(Role.REP, { vendorId, repId });
    const routing: Principal = {
      subjectId: manager.id,
      kind: 'user',
      role: Role.SALES_MANAGER,
      vendorId: null,
      repId: null,
      name: 'routing',
    };
    // web_form: 4 leads, 1 won after 10 days; referral: 2 leads, 2 won after 4 and 6 days; event: 1 lead, none won.
    const plan: [string, number | null][] = [
      ['web_form', 10],
      ['web_form', null],
      ['web_form', null],
      ['web_form', null],
      ['referral', 4],
      ['referral', 6],
      ['event', null],
    ];
    for (const [index, [source, daysToWin]] of plan.entries()) {
      const { data } = await createLead({
        client: manager.client,
        body: {
          companyName: `Metric ${index} Kft.`,
          source: source as never,
          industryCode: index % 2 ? 'retail' : 'manufacturing',
        },
      });
      if (source === 'referral')
        await t.app.get(LeadsService).assignLeadOwner(data!.id, vendorId, repId, routing);
      if (daysToWin === null) continue;
      for (const status of ['contacted', 'qualified', 'won'])
        await changeLeadStatus({
          client: manager.client,
          path: { id: data!.id },
          body: { status: status as never },
        });
      await t.dataSource.query(
        `UPDATE leads SET won_at = created_at + make_interval(days => $2) WHERE id = $1`,
        [data!.id, daysToWin],
      );
    }
  });
  afterAll(() => t.close());

  it('gives intake, won, rate and average days to won per source and in total', async () => {
    const { response, data } = await getLeadConversionMetrics({
      client: manager.client,
      query: { from: today, to: tomorrow, groupBy: 'source' },
    });
    expect(response.status).toBe(200);
    expect(data!.total).toEqual({
      key: null,
      intake: 7,
      won: 3,
      conversionRate: 0.4286,
      averageDaysToWon: 6.7,
    });
    expect(data!.rows).toEqual([
      { key: 'web_form', intake: 4, won: 1, conversionRate: 0.25, averageDaysToWon: 10 },
      { key: 'referral', intake: 2, won: 2, conversionRate: 1, averageDaysToWon: 5 },
      { key: 'event', intake: 1, won: 0, conversionRate: 0, averageDaysToWon: null },
    ]);
  });

  it('groups by vendor, rep and industry', async () => {
    const byRep = await getLeadConversionMetrics({
      client: manager.client,
      query: { from: today, to: tomorrow, groupBy: 'rep' },
    });
    expect(byRep.data!.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: repId, intake: 2, won: 2 }),
        expect.objectContaining({ key: null, intake: 5 }),
      ]),
    );
    const byIndustry = await getLeadConversionMetrics({
      client: manager.client,
      query: { from: today, to: tomorrow, groupBy: 'industry' },
    });
    expect(byIndustry.data!.rows.map((row) => row.key).sort()).toEqual(['manufacturing', 'retail']);
  });

  it('counts only the caller’s leads for a rep', async () => {
    const { data } = await getLeadConversionMetrics({
      client: rep.client,
      query: { from: today, to: tomorrow, groupBy: 'vendor' },
    });
    expect(data!.total).toMatchObject({ intake: 2, won: 2 });
    expect(data!.rows).toEqual([expect.objectContaining({ key: vendorId, intake: 2 })]);
  });

  it('refuses a period that ends before it starts and an unknown grouping', async () => {
    const backwards = await getLeadConversionMetrics({
      client: manager.client,
      query: { from: tomorrow, to: today, groupBy: 'source' },
    });
    expect(backwards.response.status).toBe(400);
    const unknown = await getLeadConversionMetrics({
      client: manager.client,
      query: { from: today, to: tomorrow, groupBy: 'weather' as never },
    });
    expect(unknown.response.status).toBe(400);
  });
});
