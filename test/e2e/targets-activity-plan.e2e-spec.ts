import {
  createCallReportBatch,
  createLead,
  getRepDailyBrief,
  getRepDayPlan,
  getTargetActivityPlan,
  getVendorDailyBrief,
} from '../../openapi/sdk';
import type { CreateCallReportDto } from '../../openapi/sdk';
import type { Principal } from '../../src/common/auth/role';
import { Role } from '../../src/common/auth/role';
import { LeadsService } from '../../src/modules/leads/leads.service';
import { targetWorld, TargetWorld } from '../support/target-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** n reports of one type from a UTC instant on, ten minutes apart. */
const reports = (
  repId: string,
  at: string,
  n: number,
  type: CreateCallReportDto['type'],
): CreateCallReportDto[] =>
  Array.from({ length: n }, (_, i) => ({
    repId,
    occurredAt: new Date(Date.parse(at) + i * 600_000).toISOString(),
    type,
    durationSeconds: 300,
    outcome: 'connected' as const,
  }));

/**
 * The activity plan on a constructed history (the 12 months before November 2026). Rep A1: 80 calls,
 * 20 visits, 10 negotiations, 5 won — enough (the default minimum is 5 won) for their own rates 0.25,
 * 0.5 and 0.5. Rep A2: 10 calls, 2 visits, 1 negotiation, 1 won — too little, so vendor A's rates
 * (90, 22, 11, 6). November 2026 in China has 21 working days; on Friday the 13th, 12 are left with
 * today included.
 */
describe('Targets: from a rep’s target to today’s activity plan', () => {
  let t: TestApp;
  let w: TargetWorld;

  const file = async (batch: CreateCallReportDto[]) => {
    const { response, error } = await createCallReportBatch({
      client: w.manager.client,
      body: { reports: batch },
    });
    if (response.status !== 201) throw new Error(JSON.stringify(error));
  };
  const wonLeads = async (repId: string, vendorId: string, wonAt: string, n: number) => {
    const routing: Principal = {
      subjectId: w.manager.id,
      kind: 'user',
      role: Role.SALES_MANAGER,
      vendorId: null,
      repId: null,
      name: 'routing',
    };
    for (let i = 0; i < n; i++) {
      const { data } = await createLead({
        client: w.manager.client,
        body: { companyName: `Plan lead ${Math.random()}`, source: 'web_form' },
      });
      await t.app.get(LeadsService).assignLeadOwner(data!.id, vendorId, repId, routing);
      await t.dataSource.query(
        `UPDATE leads SET status = 'won', won_at = $2, created_at = $2::timestamptz - interval '20 days' WHERE id = $1`,
        [data!.id, wonAt],
      );
    }
  };
  const plan = (id: string, asOf = '2026-11-13') =>
    getTargetActivityPlan({ client: w.manager.client, path: { id }, query: { asOf } });

  beforeAll(async () => {
    t = await startTestApp();
    w = await targetWorld(t);
    await file([
      ...reports(w.repA1, '2026-06-01T02:00:00Z', 80, 'call'),
      ...reports(w.repA1, '2026-06-02T02:00:00Z', 20, 'visit'),
      ...reports(w.repA1, '2026-06-03T02:00:00Z', 10, 'negotiation'),
      ...reports(w.repA2, '2026-06-01T02:00:00Z', 10, 'call'),
      ...reports(w.repA2, '2026-06-02T02:00:00Z', 2, 'visit'),
      ...reports(w.repA2, '2026-06-03T02:00:00Z', 1, 'negotiation'),
    ]);
    await wonLeads(w.repA1, w.vendorA, '2026-06-20T04:00:00Z', 5);
    await wonLeads(w.repA2, w.vendorA, '2026-06-20T04:00:00Z', 1);
    await wonLeads(w.repA1, w.vendorA, '2026-11-05T04:00:00Z', 2); // November's: the actual, not history
  });
  afterAll(() => t.close());

  it('plans from the rep’s own rates: 8 won wanted, 2 won, 6 to go → 12 negotiations, 24 visits, 96 calls; 8 calls a day for 12 days', async () => {
    const target = await w.target(w.manager.client, {
      metric: 'won_leads',
      periodKey: '2026-11',
      ownerKind: 'rep',
      ownerId: w.repA1,
      baseValue: 8,
    });
    const { data, error } = await plan(target.id);
    expect(error).toBeUndefined();
    expect(data).toMatchObject({
      repId: w.repA1,
      target: 8,
      actual: 2,
      asOf: '2026-11-13',
      historyFrom: '2025-11',
      historyTo: '2026-10',
      rates: { source: 'rep', visitsPerCall: 0.25, negotiationsPerVisit: 0.5, wonPerNegotiation: 0.5 },
      wonNeeded: 6,
      negotiationsNeeded: 12, // 6 / 0.5
      visitsNeeded: 24, // 12 / 0.5
      callsNeeded: 96, // 24 / 0.25
      workingDaysLeft: 12,
      perDay: { calls: 8, visits: 2, negotiations: 1 }, // 96/12, 24/12 = 2, 12/12
    });
  });

  it('falls back to the vendor’s rates when the rep won too few deals: 3 to go → 6 negotiations, 12 visits, 50 calls', async () => {
    const target = await w.target(w.manager.client, {
      metric: 'won_leads',
      periodKey: '2026-11',
      ownerKind: 'rep',
      ownerId: w.repA2,
      baseValue: 3,
    });
    const { data } = await plan(target.id);
    // Vendor A: 22/90 = 0.2444 visits per call, 11/22 = 0.5, 6/11 = 0.5455.
    expect(data).toMatchObject({
      rates: {
        source: 'vendor',
        visitsPerCall: 0.2444,
        negotiationsPerVisit: 0.5,
        wonPerNegotiation: 0.5455,
      },
      wonNeeded: 3,
      negotiationsNeeded: 6, // 3 / (6/11) = 5.5 → 6
      visitsNeeded: 12, // 6 / 0.5
      callsNeeded: 50, // 12 / (22/90) = 49.1 → 50
      perDay: { calls: 5, visits: 1, negotiations: 1 }, // 50/12 = 4.2 → 5
    });
  });

  it('refuses a plan for a vendor’s target (422 TARGET_ACTIVITY_PLAN_UNSUPPORTED naming ownerKind)', async () => {
    const target = await w.target(w.manager.client, {
      metric: 'won_leads',
      periodKey: '2026-11',
      ownerKind: 'vendor',
      ownerId: w.vendorA,
      baseValue: 10,
    });
    const { response, error } = await plan(target.id);
    expect(response.status).toBe(422);
    expect(error).toMatchObject({
      code: 'TARGET_ACTIVITY_PLAN_UNSUPPORTED',
      errors: [{ field: 'ownerKind' }],
    });
  });
  it('shows the rep’s day: the running month’s plan (8 calls a day) next to their daily call quota (8); another rep’s day is 404', async () => {
    await t.dataSource.query(`UPDATE reps SET daily_call_quota = 8 WHERE id = $1`, [w.repA1]);
    const { data, error } = await getRepDayPlan({
      client: w.repA1User.client,
      path: { repId: w.repA1 },
      query: { asOf: '2026-11-13' },
    });
    expect(error).toBeUndefined();
    expect(data).toMatchObject({ repId: w.repA1, asOf: '2026-11-13', dailyCallQuota: 8 });
    expect(data!.plans.map((p) => [p.metric, p.periodKey, p.wonNeeded, p.perDay])).toEqual([
      ['won_leads', '2026-11', 6, { calls: 8, visits: 2, negotiations: 1 }],
    ]);
    const other = await getRepDayPlan({ client: w.repA1User.client, path: { repId: w.repA2 } });
    expect(other.response.status).toBe(404);
  });

  it('puts the activity plan into the rep’s daily brief: 8 calls, 2 visits, 1 negotiation a day; a vendor’s brief carries none', async () => {
    const { data, error } = await getRepDailyBrief({
      client: w.repA1User.client,
      path: { repId: w.repA1 },
      query: { date: '2026-11-13' },
    });
    expect(error).toBeUndefined();
    expect(data!.plans).toEqual([
      expect.objectContaining({
        metric: 'won_leads',
        periodKey: '2026-11',
        wonNeeded: 6,
        workingDaysLeft: 12,
        perDay: { calls: 8, visits: 2, negotiations: 1 },
      }),
    ]);
    const vendor = await getVendorDailyBrief({
      client: w.manager.client,
      path: { vendorId: w.vendorA },
      query: { date: '2026-11-13' },
    });
    expect(vendor.data!.plans).toEqual([]);
    // Another rep's brief stays 404 for this rep, plans or not.
    const other = await getRepDailyBrief({ client: w.repA1User.client, path: { repId: w.repA2 } });
    expect(other.response.status).toBe(404);
  });
});
