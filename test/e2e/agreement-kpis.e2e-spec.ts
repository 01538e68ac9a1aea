import { randomUUID } from 'node:crypto';
import {
  createAgreement,
  createCsatResponse,
  createCallReportBatch,
  createCallReport,
  getAgreement,
  listAgreementKpiBreaches,
  listAlerts,
  runCheck,
} from '../../openapi/sdk';
import { Role, type Principal } from '../../src/common/auth/role';
import { LeadsService } from '../../src/modules/leads/leads.service';
import { aCall } from '../support/call-report-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';
import { routingFixtures } from '../support/routing-fixtures';

describe('KPIs in the agreement: the scheduler holds each vendor to its clauses', () => {
  let t: TestApp;
  let admin: TestUser;
  let fx: ReturnType<typeof vendorFixtures>;
  let unitId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    fx = vendorFixtures(admin.client);
    unitId = (await fx.salesUnit()).id;
  });
  afterAll(() => t.close());

  /** A Hungarian vendor with one rep expected to make one call per working day. */
  const vendorWithRep = async (kpis: Record<string, unknown>) => {
    const vendor = await fx.vendor(unitId, { countryCode: 'HU', timezone: 'Europe/Budapest' });
    const agreement = await fx.agreement(vendor.id, { kpis });
    const rep = await routingFixtures(admin.client).rep(vendor.id, {
      timezone: 'Europe/Budapest',
      dailyCallQuota: 1,
    });
    return { vendor, agreement, rep };
  };
  /** n calls on the first n working days of June 2026 (June 1 is a Monday), 10:00 Budapest time. */
  const juneCalls = async (repId: string, n: number) => {
    const days = [1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 15, 16, 17, 18, 19, 22, 23, 24, 25, 26, 29, 30];
    const { response, error } = await createCallReportBatch({
      client: admin.client,
      body: {
        reports: days
          .slice(0, n)
          .map((day) => aCall({ repId, occurredAt: `2026-06-${String(day).padStart(2, '0')}T08:00:00Z` })),
      },
    });
    if (response.status !== 201) throw new Error(JSON.stringify(error));
  };
  const runKpiCheck = () =>
    runCheck({
      client: admin.client,
      path: { name: 'agreement_kpi' },
      body: { asOf: '2026-07-03T09:00:00Z' },
    });

  it('stores the KPI clauses with the agreement', async () => {
    const vendor = await fx.vendor(unitId);
    const agreement = await fx.agreement(vendor.id, {
      kpis: { minCallCompliancePercent: 80, firstResponseHours: 8, rerouteOnBreach: true, minCsat: 4.2 },
    });
    const read = (await getAgreement({ client: admin.client, path: { id: agreement.id } })).data!;
    expect(read.kpis).toEqual({
      minCallCompliancePercent: 80,
      firstResponseHours: 8,
      rerouteOnBreach: true,
      minConversionPercent: null,
      minCsat: 4.2,
    });
  });

  it('refuses rerouting on breach without a first-response clause, and a CSAT minimum outside 1–5', async () => {
    const vendor = await fx.vendor(unitId);
    const body = {
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      stagesOwned: ['prospecting' as const],
      regionIds: [],
      industryCodes: [],
      productLineIds: [],
      commissionRateBps: 800,
    };
    const reroute = await createAgreement({
      client: admin.client,
      path: { vendorId: vendor.id },
      body: { ...body, kpis: { rerouteOnBreach: true } },
    });
    expect(reroute.response.status).toBe(422);
    expect(reroute.error).toMatchObject({
      code: 'AGREEMENT_KPI_INVALID',
      errors: [{ field: 'kpis.rerouteOnBreach' }],
    });
    const csat = await createAgreement({
      client: admin.client,
      path: { vendorId: vendor.id },
      body: { ...body, kpis: { minCsat: 6 } },
    });
    expect(csat.response.status).toBe(400);
  });

  it("call compliance below the agreement's minimum raises agreement_kpi_breach", async () => {
    // June 2026 in Hungary: 22 working days (no holiday), one call a day expected → 22.
    //   breaching vendor: 11 calls → 11 / 22 = 50 % < 80 %
    //   keeping vendor:   18 calls → 18 / 22 = 81.82 % ≥ 80 %
    const breaching = await vendorWithRep({ minCallCompliancePercent: 80 });
    const keeping = await vendorWithRep({ minCallCompliancePercent: 80 });
    await juneCalls(breaching.rep.id, 11);
    await juneCalls(keeping.rep.id, 18);

    const run = (await runKpiCheck()).data!;
    expect(run.status).toBe('succeeded');

    const alerts = (
      await listAlerts({ client: admin.client, query: { type: 'agreement_kpi_breach', status: 'open' } })
    ).data!.data;
    expect(alerts.map((a) => a.subjectId)).toEqual([breaching.agreement.id]);
    expect(alerts[0]).toMatchObject({
      level: 'vendor_manager',
      vendorId: breaching.vendor.id,
      subjectType: 'agreement',
      data: { period: '2026-06', breaches: [{ kpi: 'min_call_compliance', threshold: 80, actual: 50 }] },
    });

    const breaches = (
      await listAgreementKpiBreaches({ client: admin.client, path: { id: breaching.agreement.id } })
    ).data!.data;
    expect(breaches).toHaveLength(1);
    expect(breaches[0]).toMatchObject({
      kpi: 'min_call_compliance',
      period: '2026-06',
      threshold: 80,
      actual: 50,
      details: { reportsDone: 11, reportsExpected: 22 },
    });

    // Running again stores nothing twice.
    await runKpiCheck();
    expect(
      (await listAgreementKpiBreaches({ client: admin.client, path: { id: breaching.agreement.id } })).data!
        .data,
    ).toHaveLength(1);
    expect(
      (await listAgreementKpiBreaches({ client: admin.client, path: { id: keeping.agreement.id } })).data!
        .data,
    ).toEqual([]);

    // The vendor's manager sees their own breaches; another vendor's manager gets 404.
    const ownManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: breaching.vendor.id });
    const otherManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: keeping.vendor.id });
    const own = await listAgreementKpiBreaches({
      client: ownManager.client,
      path: { id: breaching.agreement.id },
    });
    expect(own.data!.data).toHaveLength(1);
    const other = await listAgreementKpiBreaches({
      client: otherManager.client,
      path: { id: breaching.agreement.id },
    });
    expect(other.response.status).toBe(404);
    // The clauses themselves are company-only.
    const asVendor = await getAgreement({ client: ownManager.client, path: { id: breaching.agreement.id } });
    expect(asVendor.data!.kpis).toBeNull();
    const ownAlerts = (
      await listAlerts({ client: ownManager.client, query: { type: 'agreement_kpi_breach' } })
    ).data!.data;
    expect(ownAlerts.map((a) => a.subjectId)).toEqual([breaching.agreement.id]);
  });

  it("an average CSAT below the agreement's minimum raises agreement_kpi_breach", async () => {
    // June 2026 answers 5, 3 and 3 → 11 / 3 = 3.67 < 4. No quota is agreed, so compliance is not judged.
    const vendor = await fx.vendor(unitId, { countryCode: 'HU', timezone: 'Europe/Budapest' });
    const agreement = await fx.agreement(vendor.id, { kpis: { minCsat: 4, minCallCompliancePercent: 90 } });
    const rep = await routingFixtures(admin.client).rep(vendor.id, { timezone: 'Europe/Budapest' });
    for (const [rating, day] of [
      [5, '03'],
      [3, '10'],
      [3, '24'],
    ] as const) {
      const answer = await createCsatResponse({
        client: admin.client,
        body: { repId: rep.id, visitId: randomUUID(), rating, answeredAt: `2026-06-${day}T10:00:00Z` },
      });
      expect(answer.response.status).toBe(201);
    }
    await runKpiCheck();
    const [alert] = (
      await listAlerts({
        client: admin.client,
        query: { type: 'agreement_kpi_breach', subjectId: agreement.id },
      })
    ).data!.data;
    expect(alert.data).toEqual({
      period: '2026-06',
      breaches: [{ kpi: 'min_csat', threshold: 4, actual: 3.67 }],
    });
  });

  it('KPI months are the vendor’s own months: a Shanghai vendor is judged on its local November', async () => {
    const vendor = await fx.vendor(unitId, { countryCode: 'CN', timezone: 'Asia/Shanghai' });
    const agreement = await fx.agreement(vendor.id, {
      kpis: { minCallCompliancePercent: 50, minConversionPercent: 50 },
    });
    const routing = routingFixtures(admin.client);
    const rep = await routing.rep(vendor.id, { timezone: 'Asia/Shanghai', dailyCallQuota: 1 });
    // 2026-10-31T17:30Z is Sunday 1 November, 01:30 in Shanghai (UTC+8): a call and a lead taken in then.
    const report = await createCallReport({
      client: admin.client,
      body: aCall({ repId: rep.id, occurredAt: '2026-10-31T17:30:00Z' }),
    });
    expect(report.response.status).toBe(201);
    const lead = await routing.lead({ companyName: '上海月初贸易有限公司' });
    const actor: Principal = {
      subjectId: admin.id,
      kind: 'user',
      role: Role.ADMIN,
      vendorId: null,
      repId: null,
      name: 'routing',
    };
    await t.app.get(LeadsService).assignLeadOwner(lead.id, vendor.id, rep.id, actor);
    await t.dataSource.query(`UPDATE leads SET created_at = '2026-10-31T17:30:00Z' WHERE id = $1`, [lead.id]);
    const breachesOf = async () =>
      (await listAgreementKpiBreaches({ client: admin.client, path: { id: agreement.id } })).data!.data;
    const run = (asOf: string) =>
      runCheck({ client: admin.client, path: { name: 'agreement_kpi' }, body: { asOf } });

    // 2026-11-01T00:00Z is 08:00 on 1 November in Shanghai: October is the month judged, and neither the
    // call nor the lead is in it (in UTC both would be 31 October).
    await run('2026-11-01T00:00:00Z');
    const october = await breachesOf();
    expect(october.map((b) => [b.kpi, b.period])).toEqual([['min_call_compliance', '2026-10']]);
    expect(october[0].details).toMatchObject({ reportsDone: 0, leadsTakenIn: 0, leadsWon: 0 });

    // 2026-11-30T16:30Z is 00:30 on 1 December in Shanghai: November is over there and is judged.
    //   calls: 1 done against 21 working days × 1 (2–6, 9–13, 16–20, 23–27 and 30 November) → 4.76 % < 50 %
    //   conversion: 1 lead taken in, none won → 0 % < 50 %
    await run('2026-11-30T16:30:00Z');
    const november = (await breachesOf()).filter((b) => b.period === '2026-11');
    expect(november.map((b) => [b.kpi, b.actual]).sort()).toEqual([
      ['min_call_compliance', 4.76],
      ['min_conversion', 0],
    ]);
    expect(november[0].details).toMatchObject({
      reportsDone: 1,
      reportsExpected: 21,
      leadsTakenIn: 1,
      leadsWon: 0,
    });
  });
});
