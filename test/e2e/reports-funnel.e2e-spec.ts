import { randomUUID } from 'node:crypto';
import { changeLeadStatus, createLead, getFunnelReport, getLossReport } from '../../openapi/sdk';
import type { ChangeLeadStatusDto } from '../../openapi/sdk';
import { Principal, Role } from '../../src/common/auth/role';
import { LeadsService } from '../../src/modules/leads/leads.service';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';

type Move = [
  status: ChangeLeadStatusDto['status'],
  dayAfterIntake: number,
  extra?: Partial<ChangeLeadStatusDto>,
];

describe('Funnel and loss reports', () => {
  let t: TestApp;
  let manager: TestUser;
  let vendorManager: TestUser;
  const vendor1 = randomUUID();
  const vendor2 = randomUUID();
  let line1: string;
  let line2: string;
  let n = 0;

  /** A lead taken in on `intakeDay`, moved through `moves` on the given days after intake (via the API). */
  async function leadWith(
    intakeDay: string,
    moves: Move[],
    options: { vendorId?: string; productLineIds?: string[]; industryCode?: string; sizeBand?: 'micro' } = {},
  ): Promise<string> {
    const { data, error } = await createLead({
      client: manager.client,
      body: {
        companyName: `Funnel ${++n} Kft.`,
        source: 'import',
        productLineIds: options.productLineIds,
        industryCode: options.industryCode,
        sizeBand: options.sizeBand,
      },
    });
    if (!data) throw new Error(JSON.stringify(error));
    if (options.vendorId) {
      const actor: Principal = {
        subjectId: manager.id,
        kind: 'user',
        role: Role.SALES_MANAGER,
        vendorId: null,
        repId: null,
        name: 'routing',
      };
      await t.app.get(LeadsService).assignLeadOwner(data.id, options.vendorId, null, actor);
    }
    for (const [status, , extra] of moves) {
      const { response } = await changeLeadStatus({
        client: manager.client,
        path: { id: data.id },
        body: { status, ...extra },
      });
      expect(response.status).toBe(200);
    }
    // The history is the API's; only its clock is set back to the planned days.
    await t.dataSource.query(`UPDATE leads SET created_at = $2::timestamptz WHERE id = $1`, [
      data.id,
      `${intakeDay}T08:00:00Z`,
    ]);
    for (const [status, day] of moves)
      await t.dataSource.query(
        `UPDATE lead_activities SET occurred_at = $3::timestamptz + make_interval(days => $4)
          WHERE lead_id = $1 AND status_to = $2`,
        [data.id, status, `${intakeDay}T08:00:00Z`, day],
      );
    return data.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    vendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendor1 });
    const fx = vendorFixtures(manager.client);
    line1 = (await fx.productLine()).id;
    line2 = (await fx.productLine()).id;

    // January cohort: the funnel.
    await leadWith('2026-01-05', [
      ['contacted', 2],
      ['qualified', 6],
      ['won', 10],
    ]);
    await leadWith('2026-01-05', [
      ['contacted', 4],
      ['qualified', 5],
      ['lost', 8, { lostReason: { reason: 'competitor', competitor: 'Acme' } }],
    ]);
    await leadWith('2026-01-05', [
      ['contacted', 1],
      ['lost', 3, { lostReason: { reason: 'price' } }],
    ]);
    await leadWith('2026-01-05', [['rejected', 1, { rejectReason: { reason: 'spam' } }]]);
    await leadWith('2026-01-05', []);
    await leadWith('2026-01-05', [['contacted', 3]]);

    // February cohort: the losses.
    const lost = (reason: 'competitor' | 'price', competitor?: string, noChance?: boolean): Move[] => [
      ['contacted', 1],
      ['lost', 2, { lostReason: { reason, competitor, noChance } }],
    ];
    await leadWith('2026-02-10', lost('competitor', 'Acme'), { vendorId: vendor1, productLineIds: [line1] });
    await leadWith('2026-02-10', lost('competitor', 'Acme'), {
      vendorId: vendor1,
      productLineIds: [line1, line2],
    });
    await leadWith('2026-02-10', lost('competitor', 'Beta'), { vendorId: vendor2 });
    await leadWith('2026-02-10', lost('price', undefined, true), {
      vendorId: vendor2,
      productLineIds: [line2],
    });
    await leadWith('2026-02-10', [['rejected', 1, { rejectReason: { reason: 'spam' } }]]);
    await leadWith('2026-02-10', [['rejected', 1, { rejectReason: { reason: 'no_intent' } }]], {
      vendorId: vendor1,
    });

    // March cohort: low-graded leads (import source, 1 touch, touched today under the default points).
    // No industry, size or region: 4 + 15 + 4 = 23 points, low; industry, size and region gave nothing.
    await leadWith('2026-03-02', []);
    // Industry known but no vendor covers it, and a micro company: 0 + 4 + 15 + 4 = 23, low; industry,
    // size and region gave nothing.
    await leadWith('2026-03-02', [], { industryCode: 'retail', sizeBand: 'micro' });
  });
  afterAll(() => t.close());

  it('counts per stage the leads that reached it, with the conversion to the next stage', async () => {
    const { response, data } = await getFunnelReport({
      client: manager.client,
      query: { from: '2026-01-01', to: '2026-02-01' },
    });
    expect(response.status).toBe(200);
    expect(data!.cohort).toBe(6);
    expect(data!.lost).toBe(2);
    expect(data!.rejected).toBe(1);
    // Reached: all 6 were new; 4 got to contacted (skipping assigned counts as passing it); 2 qualified; 1 won.
    expect(data!.stages.map((s) => [s.stage, s.reached, s.current, s.conversionToNext])).toEqual([
      ['new', 6, 1, 0.6667],
      ['assigned', 4, 0, 1],
      ['contacted', 4, 1, 0.5],
      ['qualified', 2, 0, 0.5],
      ['negotiating', 1, 0, 1],
      ['won', 1, 1, null],
    ]);
  });

  it('gives the median days in each stage from the lead history, over stays that ended', async () => {
    const { data } = await getFunnelReport({
      client: manager.client,
      query: { from: '2026-01-01', to: '2026-02-01' },
    });
    // new: 2, 4, 1, 1, 3 days → median 2; contacted: 4, 1, 2 → 2; qualified: 4, 3 → 3.5; won never left.
    expect(data!.stages.map((s) => [s.stage, s.completedStays, s.medianDaysInStage])).toEqual([
      ['new', 5, 2],
      ['assigned', 0, null],
      ['contacted', 3, 2],
      ['qualified', 2, 3.5],
      ['negotiating', 0, null],
      ['won', 0, null],
    ]);
  });

  it('breaks lost and rejected leads down by reason, vendor, product line and competitor', async () => {
    const { response, data } = await getLossReport({
      client: manager.client,
      query: { from: '2026-02-01', to: '2026-03-01' },
    });
    expect(response.status).toBe(200);
    expect(data!.lostByReason).toEqual([
      { key: 'competitor', leads: 3 },
      { key: 'price', leads: 1 },
    ]);
    expect(data!.rejectedByReason).toEqual([
      { key: 'no_intent', leads: 1 },
      { key: 'spam', leads: 1 },
    ]);
    const byVendor = [
      { key: vendor1, leads: 2 },
      { key: vendor2, leads: 2 },
    ].sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(data!.lostByVendor).toEqual(byVendor);
    expect(data!.rejectedByVendor).toEqual(
      [
        { key: vendor1, leads: 1 },
        { key: null, leads: 1 },
      ].sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : 0)),
    );
    // line1: two leads; line2: two leads (one has both lines); one lost lead has no line.
    expect(data!.lostByProductLine).toEqual([
      ...[
        { key: line1, leads: 2 },
        { key: line2, leads: 2 },
      ].sort((a, b) => (a.key < b.key ? -1 : 1)),
      { key: null, leads: 1 },
    ]);
    expect(data!.lostByCompetitor).toEqual([
      { key: 'Acme', leads: 2 },
      { key: 'Beta', leads: 1 },
    ]);
  });

  it('gives dead leads by cause: lost with no chance', async () => {
    const { data } = await getLossReport({
      client: manager.client,
      query: { from: '2026-02-01', to: '2026-03-01' },
    });
    expect(data!.deadByCause).toEqual([{ key: 'lost_no_chance', leads: 1 }]);
  });

  it('gives low-graded leads by each scoring factor that gave them no points', async () => {
    const { data } = await getLossReport({
      client: manager.client,
      query: { from: '2026-03-01', to: '2026-04-01' },
    });
    expect(data!.lowByCause).toEqual([
      { key: 'industry', leads: 2 },
      { key: 'region', leads: 2 },
      { key: 'size', leads: 2 },
    ]);
    expect(data!.deadByCause).toEqual([]);
  });

  it('answers a vendor manager with their vendor’s leads only', async () => {
    const { data } = await getLossReport({
      client: vendorManager.client,
      query: { from: '2026-02-01', to: '2026-03-01' },
    });
    expect(data!.lostByVendor).toEqual([{ key: vendor1, leads: 2 }]);
    expect(data!.lostByCompetitor).toEqual([{ key: 'Acme', leads: 2 }]);
    expect(data!.rejectedByReason).toEqual([{ key: 'no_intent', leads: 1 }]);
  });

  it('refuses a range beyond the limit with REPORT_RANGE_TOO_LONG', async () => {
    const { response, error } = await getFunnelReport({
      client: manager.client,
      query: { from: '2020-01-01', to: '2026-01-01' },
    });
    expect(response.status).toBe(400);
    expect((error as { code: string }).code).toBe('REPORT_RANGE_TOO_LONG');
  });
});
