import { changeLeadStatus, createCallReport, createLead, getAnalysisReport } from '../../openapi/sdk';
import { Principal, Role } from '../../src/common/auth/role';
import { LeadsService } from '../../src/modules/leads/leads.service';
import { aCall, callReportWorld, CallReportWorld } from '../support/call-report-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('Analysis report', () => {
  let t: TestApp;
  let w: CallReportWorld;
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  // Wide enough for the rep's local day in Shanghai as well as today in UTC.
  const range = { from: day(-1), to: day(2) };
  const year = day(0).slice(0, 4);

  beforeAll(async () => {
    t = await startTestApp();
    w = await callReportWorld(t);
    const actor: Principal = {
      subjectId: w.manager.id,
      kind: 'user',
      role: Role.SALES_MANAGER,
      vendorId: null,
      repId: null,
      name: 'routing',
    };
    // Three new leads: two of vendor A (one of them won), one in-house.
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { data } = await createLead({
        client: w.manager.client,
        body: { companyName: `Analysis ${i} Kft.`, source: 'web_form' },
      });
      ids.push(data!.id);
    }
    for (const id of ids.slice(0, 2))
      await t.app.get(LeadsService).assignLeadOwner(id, w.vendorA, null, actor);
    for (const status of ['contacted', 'qualified', 'won'] as const)
      await changeLeadStatus({ client: w.manager.client, path: { id: ids[0] }, body: { status } });
    // Rep A1 reports two calls and a visit.
    for (const type of ['call', 'call', 'visit'] as const) {
      const { response } = await createCallReport({ client: w.repA1User.client, body: aCall({ type }) });
      expect(response.status).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('gives new leads, won leads, conversion, calls and visits per vendor with a total', async () => {
    const { response, data } = await getAnalysisReport({
      client: w.manager.client,
      query: {
        ...range,
        measures: ['newLeads', 'wonLeads', 'conversion', 'calls', 'visits'],
        dimensions: ['vendor'],
      },
    });
    expect(response.status).toBe(200);
    expect(data!.rows).toEqual([
      { keys: { vendor: w.vendorA }, newLeads: 2, wonLeads: 1, conversion: 0.5, calls: 2, visits: 1 },
      { keys: { vendor: null }, newLeads: 1, wonLeads: 0, conversion: 0, calls: 0, visits: 0 },
    ]);
    expect(data!.total).toEqual({
      keys: {},
      newLeads: 3,
      wonLeads: 1,
      conversion: 0.3333,
      calls: 2,
      visits: 1,
    });
  });

  it('keys the period dimension as a period key of the grain', async () => {
    const { data } = await getAnalysisReport({
      client: w.manager.client,
      query: { ...range, measures: ['newLeads'], dimensions: ['period'], grain: 'year' },
    });
    expect(data!.rows).toEqual([{ keys: { period: year }, newLeads: 3 }]);
  });

  it('answers a rep with their own leads and call reports only', async () => {
    const { data } = await getAnalysisReport({
      client: w.repA1User.client,
      query: { ...range, measures: ['newLeads', 'calls'] },
    });
    // The leads of vendor A have no owner rep: none of them is the rep's.
    expect(data!.total).toEqual({ keys: {}, newLeads: 0, calls: 2 });
  });

  it('refuses calls by a dimension call reports do not carry with REPORT_MEASURE_DIMENSION_UNSUPPORTED', async () => {
    const { response, error } = await getAnalysisReport({
      client: w.manager.client,
      query: { ...range, measures: ['calls'], dimensions: ['region'] },
    });
    expect(response.status).toBe(400);
    expect((error as { code: string }).code).toBe('REPORT_MEASURE_DIMENSION_UNSUPPORTED');
  });

  it('refuses more than three dimensions with REPORT_TOO_MANY_DIMENSIONS', async () => {
    const { response, error } = await getAnalysisReport({
      client: w.manager.client,
      query: { ...range, measures: ['newLeads'], dimensions: ['period', 'region', 'vendor', 'rep'] },
    });
    expect(response.status).toBe(400);
    expect((error as { code: string }).code).toBe('REPORT_TOO_MANY_DIMENSIONS');
  });

  it('refuses an unknown measure with a validation problem', async () => {
    const { response } = await getAnalysisReport({
      client: w.manager.client,
      query: { ...range, measures: ['margin' as never] },
    });
    expect(response.status).toBe(400);
  });

  it('counts a lead of two product lines under each line, and once in the total', async () => {
    const [line1, line2] = ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2'];
    // The won lead of vendor A offers both lines; the other two offer none.
    await t.dataSource.query(
      `UPDATE leads SET product_line_ids = ARRAY[$1, $2]::uuid[] WHERE company_name = 'Analysis 0 Kft.'`,
      [line1, line2],
    );
    const { data } = await getAnalysisReport({
      client: w.manager.client,
      query: { ...range, measures: ['newLeads', 'wonLeads'], dimensions: ['productLine'] },
    });
    expect(data!.rows).toEqual([
      { keys: { productLine: line1 }, newLeads: 1, wonLeads: 1 },
      { keys: { productLine: line2 }, newLeads: 1, wonLeads: 1 },
      { keys: { productLine: null }, newLeads: 2, wonLeads: 0 },
    ]);
    expect(data!.total).toEqual({ keys: {}, newLeads: 3, wonLeads: 1 });
  });
});
