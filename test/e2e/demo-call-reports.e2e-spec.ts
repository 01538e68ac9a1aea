import {
  createToken,
  getRepCompliance,
  getRepDailyBrief,
  getTarget,
  listCallReports,
  listPlausibilityFlags,
  listRepsBelowQuota,
} from '../../openapi/sdk';
import { addDays, todayIn } from '../../src/common/calendar/working-days';
import {
  DEMO_IDLE_REP_ID,
  DEMO_REP_ID,
  DEMO_USERS,
  DEMO_VENDOR_ID,
} from '../../src/modules/demo/demo.module';
import { startTestApp, TestApp } from '../support/test-app';

describe('Demo call reports seeded at start-up', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true });
  });
  afterAll(() => t.close());

  const demoClient = async (email: string) => {
    const user = DEMO_USERS.find((u) => u.email === email)!;
    const { data } = await createToken({
      client: t.anonymous,
      body: { grant_type: 'password', username: user.email, password: user.password },
    });
    return t.clientWithToken(data!.access_token);
  };

  it('gives every demo rep several weeks of reports', async () => {
    const [row] = await t.dataSource.query<{ reps: number; weeks: number; total: number }[]>(
      `SELECT count(DISTINCT rep_id)::int AS reps,
              count(DISTINCT to_char(occurred_on, 'IYYY-IW'))::int AS weeks, count(*)::int AS total
         FROM call_reports`,
    );
    expect(row.reps).toBeGreaterThanOrEqual(20);
    expect(row.weeks).toBeGreaterThanOrEqual(6);
    expect(row.total).toBeGreaterThan(2000);
  });

  it('shows the demo rep their own reports and their quota gap', async () => {
    const rep = await demoClient('rep@osm.demo');
    const { data } = await listCallReports({ client: rep, query: { limit: 50 } });
    expect(data!.data.length).toBe(50);
    expect(data!.data.every((report) => report.repId === DEMO_REP_ID)).toBe(true);
    const lastWeek = addDays(todayIn('Asia/Shanghai'), -7);
    const compliance = await getRepCompliance({
      client: rep,
      path: { repId: DEMO_REP_ID },
      query: { from: addDays(lastWeek, -27), to: lastWeek },
    });
    expect(compliance.data?.calls.done).toBeGreaterThan(0);
    const brief = await getRepDailyBrief({
      client: rep,
      path: { repId: DEMO_REP_ID },
      query: { date: lastWeek },
    });
    expect(brief.response.status).toBe(200);
  });

  it('has reps below quota and a few implausible reports to look at', async () => {
    const manager = await demoClient('manager@osm.demo');
    const from = addDays(todayIn('UTC'), -28);
    const to = addDays(todayIn('UTC'), -1);
    const below = await listRepsBelowQuota({ client: manager, query: { from, to } });
    expect(below.data!.data.length).toBeGreaterThanOrEqual(2);

    const vendor = await demoClient('vendor@osm.demo');
    const flags = await listPlausibilityFlags({
      client: vendor,
      query: { vendorId: DEMO_VENDOR_ID, limit: 200 },
    });
    const kinds = new Set(flags.data!.data.map((flag) => flag.kind));
    // A few, not a flood: the generated routine itself must look plausible.
    expect(flags.data!.data.length).toBeLessThan(20);
    expect(kinds).toEqual(new Set(['short_call_streak', 'overlapping', 'impossible_travel', 'late_report']));
  });

  it('shows open alerts of every kind, raised by running every check at start-up', async () => {
    const rows = await t.dataSource.query<{ type: string; n: number }[]>(
      `SELECT type, count(*)::int AS n FROM alerts WHERE status = 'open' GROUP BY type ORDER BY type`,
    );
    const kinds = rows.map((row) => row.type);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'agreement_ending',
        'conflict_of_interest',
        'follow_up_overdue',
        'lead_reclaim_warning',
        'lead_unassigned',
        'rep_below_weekly_quota',
        'rep_idle',
        'stale_high_grade_lead',
        'stale_key_lead',
        'webhook_failing',
      ]),
    );
    // The idle rep is the one the demo set up to go quiet, not a random victim of the generator.
    const idle = await t.dataSource.query<{ rep_id: string }[]>(
      `SELECT rep_id FROM alerts WHERE type = 'rep_idle' AND status = 'open'`,
    );
    expect(idle.map((row) => row.rep_id)).toContain(DEMO_IDLE_REP_ID);
    const runs = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM check_runs WHERE status = 'succeeded'`,
    );
    expect(runs[0].n).toBe(28);
  });
  it("seeds this year's calls target tree: company year = its 12 months, every active rep a month each, last year imported", async () => {
    const year = new Date().toISOString().slice(0, 4);
    const roots = await t.dataSource.query<
      { id: string; period_key: string; base: number; months: number; sum: number }[]
    >(
      `SELECT r.id, r.period_key, r.base_value::int AS base, count(m.id)::int AS months, sum(m.base_value)::int AS sum
         FROM targets r JOIN targets m ON m.parent_id = r.id
        WHERE r.parent_id IS NULL GROUP BY r.id`,
    );
    expect(roots).toEqual([expect.objectContaining({ period_key: year, months: 12 })]);
    expect(roots[0].sum).toBe(roots[0].base);
    const [reps] = await t.dataSource.query<{ active: number; targets: number }[]>(
      `SELECT (SELECT count(*)::int FROM reps WHERE active) AS active,
              (SELECT count(*)::int FROM targets WHERE owner_kind = 'rep') AS targets`,
    );
    expect(reps.targets).toBe(reps.active * 12);
    // The demo rep reads their own month, with last year's actual and the growth it asks for.
    const month = `${year}-${new Date().toISOString().slice(5, 7)}`;
    const [own] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM targets WHERE owner_kind = 'rep' AND owner_id = $1 AND period_key = $2`,
      [DEMO_REP_ID, month],
    );
    const rep = await demoClient('rep@osm.demo');
    const { data } = await getTarget({ client: rep, path: { id: own.id } });
    expect(data!.priorYearActual).toBeGreaterThan(0);
    expect(data!.growthPercent).not.toBeNull();
  });
});
