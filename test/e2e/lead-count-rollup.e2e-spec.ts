import {
  changeLeadStatus,
  createLead,
  eraseDataSubject,
  getAnalysisReport,
  importLeads,
  mergeLeads,
} from '../../openapi/sdk';
import { Principal, Role } from '../../src/common/auth/role';
import { LeadsService } from '../../src/modules/leads/leads.service';
import { PoolService } from '../../src/modules/leads/pool/pool.service';
import { callReportWorld, CallReportWorld } from '../support/call-report-fixtures';
import { must } from '../support/must';
import { startTestApp, TestApp } from '../support/test-app';
import { createRegionsByCode } from '../support/vendor-fixtures';

/**
 * The lead-count rollup (`lead_count_rollup`) is kept by triggers on `leads`: whatever writes a lead, the
 * rollup's months and years equal the counts over the leads. Each step below writes through one path and
 * compares the whole rollup with a GROUP BY over `leads` written here independently.
 */
describe('Lead-count rollup', () => {
  let t: TestApp;
  let w: CallReportWorld;
  let actor: Principal;

  /** The counts over the leads, per month and year: new by intake day, of them won, won by the day won. */
  const countedOverLeads = () =>
    t.dataSource.query(
      `SELECT g.grain, to_char(date_trunc(g.grain, f.day::timestamp), 'YYYY-MM-DD') AS period_start,
              f.vendor_id, f.region_code, f.industry_code, f.source,
              sum(f.n)::int AS new_leads, sum(f.nw)::int AS new_leads_won, sum(f.w)::int AS won_leads
         FROM (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, vendor_id, region_code, industry_code, source,
                      1 AS n, (status = 'won')::int AS nw, 0 AS w
                 FROM leads WHERE merged_into_id IS NULL
               UNION ALL
               SELECT (won_at AT TIME ZONE 'UTC')::date, vendor_id, region_code, industry_code, source, 0, 0, 1
                 FROM leads WHERE merged_into_id IS NULL AND status = 'won') f
        CROSS JOIN (VALUES ('month'), ('year')) AS g(grain)
        GROUP BY 1, 2, 3, 4, 5, 6
        ORDER BY 1, 2, 3, 4, 5, 6`,
    );
  const rollup = () =>
    t.dataSource.query(
      `SELECT grain, to_char(period_start, 'YYYY-MM-DD') AS period_start, vendor_id, region_code, industry_code,
              source, new_leads, new_leads_won, won_leads
         FROM lead_count_rollup ORDER BY 1, 2, 3, 4, 5, 6`,
    );
  const expectRollupEqualsLeads = async () => {
    const expected = await countedOverLeads();
    expect(expected.length).toBeGreaterThan(0);
    expect(await rollup()).toEqual(expected);
  };
  const newLead = async (companyName: string, extra: Record<string, unknown> = {}) =>
    must(
      await createLead({
        client: w.manager.client,
        body: { companyName, source: 'web_form', regionCode: 'HU-BU', ...extra },
      }),
    ).id;
  const move = async (id: string, ...statuses: ('contacted' | 'qualified' | 'won')[]) => {
    for (const status of statuses)
      must(await changeLeadStatus({ client: w.manager.client, path: { id }, body: { status } }));
  };

  beforeAll(async () => {
    t = await startTestApp();
    w = await callReportWorld(t);
    await createRegionsByCode(w.manager.client, ['HU-BU', 'HU-PE']);
    actor = {
      subjectId: w.manager.id,
      kind: 'user',
      role: Role.SALES_MANAGER,
      vendorId: null,
      repId: null,
      name: 'routing',
    };
  });
  afterAll(() => t.close());

  it('the lead-count rollup stays equal to the counts over leads through intake, import, assignment, reassignment, won, lost, reopen, merge and erasure', async () => {
    // Intake, one by one and in bulk.
    const a = await newLead('Rollup A Kft.', { industryCode: 'manufacturing' });
    const b = await newLead('Rollup B Kft.', { contacts: [{ email: 'anna@rollup-b.example' }] });
    const c = await newLead('Rollup C Kft.', { regionCode: 'HU-PE' });
    const imported = must(
      await importLeads({
        client: w.manager.client,
        body: {
          rows: Array.from({ length: 30 }, (_, i) => ({
            companyName: `Rollup import ${i} Kft.`,
            regionCode: i % 3 === 0 ? 'HU-PE' : 'HU-BU',
            industryCode: i % 2 === 0 ? 'retail' : undefined,
            source: 'event' as const,
          })),
        },
      }),
    );
    expect(imported.created).toBe(30);
    await expectRollupEqualsLeads();

    // Assignment to vendor A and its rep, then reassignment to vendor B.
    const leads = t.app.get(LeadsService);
    for (const id of [a, b, c]) await leads.assignLeadOwner(id, w.vendorA, w.repA1, actor);
    await expectRollupEqualsLeads();
    await leads.assignLeadOwner(c, w.vendorB, w.repB1, actor);
    await expectRollupEqualsLeads();

    // Won and lost.
    await move(a, 'contacted', 'qualified', 'won');
    must(
      await changeLeadStatus({
        client: w.manager.client,
        path: { id: c },
        body: { status: 'lost', lostReason: { reason: 'price' } },
      }),
    );
    await expectRollupEqualsLeads();

    // A lost lead offered again (the lead pool's revival), and a later set-based write of any kind.
    const revived = await t.app
      .get(PoolService)
      .reviveLeadsForRequest(new Date(Date.now() + 90 * 86_400_000), { sharePercent: 100 }, actor);
    expect(revived.leadIds).toContain(c);
    await t.dataSource.query(
      `UPDATE leads SET created_at = created_at - interval '400 days' WHERE company_name LIKE 'Rollup import 1%'`,
    );
    await expectRollupEqualsLeads();

    // A merge takes the duplicate out of the counts; erasure keeps the statistical record.
    const duplicate = await newLead('Rollup A duplicate Kft.', { industryCode: 'manufacturing' });
    await expectRollupEqualsLeads();
    must(
      await mergeLeads({ client: w.manager.client, path: { id: a }, body: { duplicateLeadId: duplicate } }),
    );
    must(await eraseDataSubject({ client: w.admin.client, body: { email: 'anna@rollup-b.example' } }));
    await expectRollupEqualsLeads();

    // Rows whose counts fall to zero are removed, and a truncate empties the rollup too.
    const [{ zero }] = await t.dataSource.query(
      `SELECT count(*)::int AS zero FROM lead_count_rollup WHERE new_leads = 0 AND won_leads = 0`,
    );
    expect(zero).toBe(0);
  });

  it('counts concurrent writers of the same rollup rows without losing one: four imports and ten intakes at once', async () => {
    const batch = (n: number) =>
      importLeads({
        client: w.manager.client,
        body: {
          rows: Array.from({ length: 200 }, (_, i) => ({
            companyName: `Rollup concurrent ${n}-${i} Kft.`,
            regionCode: 'HU-PE',
            source: 'partner' as const,
          })),
        },
      });
    const results = await Promise.all([
      ...[1, 2, 3, 4].map(batch),
      ...Array.from({ length: 10 }, (_, i) =>
        newLead(`Rollup concurrent single ${i} Kft.`, { regionCode: 'HU-PE', source: 'partner' }),
      ),
    ]);
    expect(results.slice(0, 4).map((r) => must(r as Awaited<ReturnType<typeof batch>>).created)).toEqual([
      200, 200, 200, 200,
    ]);
    await expectRollupEqualsLeads();
    const [{ n }] = await t.dataSource.query(
      `SELECT sum(new_leads)::int AS n FROM lead_count_rollup
        WHERE grain = 'year' AND region_code = 'HU-PE' AND source = 'partner' AND vendor_id IS NULL`,
    );
    expect(n).toBe(810);
  });

  it('answers the analysis cube from the rollup with the same counts as over the leads, odd days at either end included', async () => {
    // Three leads of vendor A taken in on known days of last year, one of them won in March.
    const year = new Date().getUTCFullYear() - 1;
    const ids = [
      await newLead('Rollup days 1 Kft.'),
      await newLead('Rollup days 2 Kft.'),
      await newLead('Rollup days 3 Kft.'),
    ];
    for (const id of ids) await t.app.get(LeadsService).assignLeadOwner(id, w.vendorA, null, actor);
    await move(ids[0], 'contacted', 'qualified', 'won');
    await t.dataSource.query(
      `UPDATE leads SET created_at = v.day::timestamptz, won_at = CASE WHEN status = 'won' THEN $4::timestamptz END
         FROM (VALUES ($1::uuid, '${year}-01-20T10:00:00Z'), ($2::uuid, '${year}-02-03T10:00:00Z'),
                      ($3::uuid, '${year}-02-27T23:30:00Z')) AS v(id, day)
        WHERE leads.id = v.id`,
      [...ids, `${year}-03-02T08:00:00Z`],
    );
    await expectRollupEqualsLeads();
    // 20 Jan … 2 Mar: odd days in January, the whole of February from the rollup, 1 March by day.
    const query = {
      from: `${year}-01-15`,
      to: `${year}-03-02`,
      measures: ['newLeads' as const, 'wonLeads' as const, 'conversion' as const],
      vendorId: w.vendorA,
    };
    const byMonth = must(
      await getAnalysisReport({
        client: w.manager.client,
        query: { ...query, dimensions: ['period', 'region'], grain: 'month' },
      }),
    );
    expect(byMonth.rows).toEqual([
      { keys: { period: `${year}-01`, region: 'HU-BU' }, newLeads: 1, wonLeads: 0, conversion: 1 },
      { keys: { period: `${year}-02`, region: 'HU-BU' }, newLeads: 2, wonLeads: 0, conversion: 0 },
    ]);
    expect(byMonth.total).toEqual({ keys: {}, newLeads: 3, wonLeads: 0, conversion: 0.3333 });
    // One day more takes in the win of 2 March (a day the rollup's month does not cover whole).
    const withWin = must(
      await getAnalysisReport({
        client: w.manager.client,
        query: { ...query, to: `${year}-03-03`, dimensions: ['period'], grain: 'quarter' },
      }),
    );
    expect(withWin.rows).toEqual([
      { keys: { period: `${year}-Q1` }, newLeads: 3, wonLeads: 1, conversion: 0.3333 },
    ]);
    // A vendor manager's cube is their vendor's, from the rollup as well.
    const scoped = must(
      await getAnalysisReport({
        client: w.vendorManagerA.client,
        query: {
          from: `${year}-01-01`,
          to: `${year + 1}-01-01`,
          measures: ['newLeads'],
          dimensions: ['vendor'],
          grain: 'year',
        },
      }),
    );
    expect(scoped.rows).toEqual([{ keys: { vendor: w.vendorA }, newLeads: 3 }]);
  });
});
