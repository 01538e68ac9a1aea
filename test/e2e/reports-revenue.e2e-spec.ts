import * as ExcelJS from 'exceljs';
import {
  createDashboardLink,
  getDashboardPage,
  createLead,
  exportAnalysisCsv,
  exportAnalysisXlsx,
  exportFunnelCsv,
  exportLossesXlsx,
  getAnalysisChart,
  getAttainmentChart,
  getFunnelChart,
  getLeaderboardChart,
  createContract,
  createProduct,
  createRep,
  getAnalysisReport,
  postContractPayment,
  signContract,
} from '../../openapi/sdk';
import type { CreateContractDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';
import { must } from '../support/must';

/**
 * Three signed contracts: vendor A's rep signs 10 000.00 CNY (customer X, 2026-03-10, 3 000.00 paid on
 * 2026-04-15) and 1 000.00 EUR (customer Y, 2026-04-02); vendor B's rep signs 5 000.00 CNY for customer X
 * (2026-03-20), who is then no longer a new customer.
 */
describe('Analysis report: revenue, bookings and new customers; charts and exports', () => {
  let t: TestApp;
  let manager: TestUser;
  let vendorManagerA: TestUser;
  let vendorManagerB: TestUser;
  let repA: TestUser;
  let vendorA: string;
  let vendorB: string;
  let repA1: string;
  const year = { from: '2026-01-01', to: '2027-01-01' };

  const customer = async (name: string) => {
    const [row]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO customers (name, name_key, erp_customer_id) VALUES ($1, $1, $1) RETURNING id`,
      [`${name} ${Math.random()}`],
    );
    return row.id;
  };
  const sign = async (body: CreateContractDto, signedOn: string) => {
    const contract = must(await createContract({ client: manager.client, body }));
    must(await signContract({ client: manager.client, path: { id: contract.id }, body: { signedOn } }));
    return contract.id;
  };

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    const fx = vendorFixtures(manager.client);
    const line = (await fx.productLine()).id;
    const unit = await fx.salesUnit();
    vendorA = (await fx.vendor(unit.id)).id;
    vendorB = (await fx.vendor(unit.id)).id;
    for (const vendorId of [vendorA, vendorB])
      await fx.agreement(vendorId, { startsOn: '2026-01-01', endsOn: '2027-12-31', productLineIds: [line] });
    const rep = async (vendorId: string) =>
      must(
        await createRep({
          client: manager.client,
          body: { vendorId, fullName: 'Rep', grade: 'B', capacity: 20, timezone: 'Asia/Shanghai' },
        }),
      ).id;
    repA1 = await rep(vendorA);
    const repB1 = await rep(vendorB);
    const product = async (sku: string, currency: string, list: number) =>
      must(
        await createProduct({
          client: manager.client,
          body: {
            productLineId: line,
            sku,
            name: sku,
            currency,
            listPriceMinor: list,
            floorPriceMinor: list,
          },
        }),
      ).id;
    const yuan = await product(`RV-CNY-${Math.random()}`, 'CNY', 100000);
    const euro = await product(`RV-EUR-${Math.random()}`, 'EUR', 50000);
    const x = await customer('X');
    const term = { startsOn: '2026-03-01', endsOn: '2027-02-28' };
    const first = await sign(
      { customerId: x, repId: repA1, currency: 'CNY', ...term, lines: [{ productId: yuan, quantity: 10 }] },
      '2026-03-10',
    );
    await sign(
      {
        customerId: await customer('Y'),
        repId: repA1,
        currency: 'EUR',
        ...term,
        lines: [{ productId: euro, quantity: 2 }],
      },
      '2026-04-02',
    );
    await sign(
      { customerId: x, repId: repB1, currency: 'CNY', ...term, lines: [{ productId: yuan, quantity: 5 }] },
      '2026-03-20',
    );
    must(
      await postContractPayment({
        client: manager.client,
        path: { id: first },
        body: {
          amountMinor: 300000,
          currency: 'CNY',
          paidOn: '2026-04-15',
          externalSource: 'sap',
          externalId: `P-${first}`,
        },
      }),
    );
    vendorManagerA = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendorA });
    vendorManagerB = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendorB });
    repA = await t.signIn(Role.REP, { vendorId: vendorA, repId: repA1 });
    // Two in-house leads, taken in today, for the funnel's files.
    for (const name of ['Funnel One Kft.', 'Funnel Two Kft.'])
      must(await createLead({ client: manager.client, body: { companyName: name, source: 'web_form' } }));
  });
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  /** The SDK types an image body as a Blob; asked with parseAs: 'text' it is the SVG's text. */
  const svg = (data: unknown): string => data as string;
  const texts = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  afterAll(() => t.close());

  it('keeps revenue and bookings per currency by vendor, never summed across currencies', async () => {
    const { response, data } = await getAnalysisReport({
      client: manager.client,
      query: { ...year, measures: ['revenue', 'bookings', 'newCustomers'], dimensions: ['vendor'] },
    });
    expect(response.status).toBe(200);
    const ofVendor = (vendor: string) => data!.rows.find((row) => row.keys.vendor === vendor);
    expect(ofVendor(vendorA)).toEqual({
      keys: { vendor: vendorA },
      revenue: [{ currency: 'CNY', amountMinor: 300000 }],
      bookings: [
        { currency: 'CNY', amountMinor: 1000000 },
        { currency: 'EUR', amountMinor: 100000 },
      ],
      newCustomers: 2,
    });
    // Customer X signed with vendor A first: vendor B's contract wins no new customer.
    expect(ofVendor(vendorB)).toEqual({
      keys: { vendor: vendorB },
      revenue: [],
      bookings: [{ currency: 'CNY', amountMinor: 500000 }],
      newCustomers: 0,
    });
  });

  it('counts bookings on the signature day and revenue on the paid day, by quarter', async () => {
    const { data } = await getAnalysisReport({
      client: vendorManagerA.client,
      query: { ...year, measures: ['revenue', 'bookings'], dimensions: ['period'], grain: 'quarter' },
    });
    expect(data!.rows).toEqual([
      { keys: { period: '2026-Q1' }, revenue: [], bookings: [{ currency: 'CNY', amountMinor: 1000000 }] },
      {
        keys: { period: '2026-Q2' },
        revenue: [{ currency: 'CNY', amountMinor: 300000 }],
        bookings: [{ currency: 'EUR', amountMinor: 100000 }],
      },
    ]);
  });

  it('folds the days of an ISO week into the week key', async () => {
    const { data } = await getAnalysisReport({
      client: manager.client,
      query: { ...year, measures: ['bookings'], dimensions: ['period'], grain: 'week' },
    });
    expect(data!.rows).toEqual([
      { keys: { period: '2026-W11' }, bookings: [{ currency: 'CNY', amountMinor: 1000000 }] },
      { keys: { period: '2026-W12' }, bookings: [{ currency: 'CNY', amountMinor: 500000 }] },
      { keys: { period: '2026-W14' }, bookings: [{ currency: 'EUR', amountMinor: 100000 }] },
    ]);
  });

  it('answers a vendor manager and a rep with their own bookings only', async () => {
    for (const caller of [vendorManagerA, repA]) {
      const { data } = await getAnalysisReport({
        client: caller.client,
        query: { ...year, measures: ['bookings', 'newCustomers'] },
      });
      expect(data!.total).toEqual({
        keys: {},
        bookings: [
          { currency: 'CNY', amountMinor: 1000000 },
          { currency: 'EUR', amountMinor: 100000 },
        ],
        newCustomers: 2,
      });
    }
  });

  it('answers a vendor manager asking for another vendor with nothing', async () => {
    const { data } = await getAnalysisReport({
      client: vendorManagerB.client,
      query: { ...year, measures: ['bookings'], vendorId: vendorA },
    });
    expect(data!.total).toEqual({ keys: {}, bookings: [] });
  });

  it('refuses revenue by lead source with REPORT_MEASURE_DIMENSION_UNSUPPORTED', async () => {
    const { response, error } = await getAnalysisReport({
      client: manager.client,
      query: { ...year, measures: ['revenue'], dimensions: ['source'] },
    });
    expect(response.status).toBe(400);
    expect((error as { code: string }).code).toBe('REPORT_MEASURE_DIMENSION_UNSUPPORTED');
  });

  it('exports the analysis as CSV with one column per measure and currency in major units, then the total', async () => {
    const { response, data } = await exportAnalysisCsv({
      client: vendorManagerA.client,
      query: { ...year, measures: ['bookings', 'newCustomers'], dimensions: ['vendor'] },
      parseAs: 'text',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toContain('analysis.csv');
    expect(String(data).trim().split('\n')).toEqual([
      'vendor,bookings CNY,bookings EUR,newCustomers',
      `${vendorA},10000,1000,2`,
      'total,10000,1000,2',
    ]);
  });

  it('exports the analysis as an XLSX workbook with the same cells', async () => {
    const { response, data } = await exportAnalysisXlsx({
      client: vendorManagerA.client,
      query: { ...year, measures: ['bookings'], dimensions: ['period'], grain: 'quarter' },
      parseAs: 'arrayBuffer',
    });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('analysis')!;
    const rows = sheet
      .getSheetValues()
      .slice(1)
      .map((row) => (row as unknown[]).slice(1));
    expect(rows).toEqual([
      ['period', 'bookings CNY', 'bookings EUR'],
      ['2026-Q1', 10000, 0],
      ['2026-Q2', 0, 1000],
      ['total', 10000, 1000],
    ]);
  });

  it('exports the funnel as CSV and the losses as XLSX', async () => {
    const range = { from: today, to: tomorrow };
    const funnel = await exportFunnelCsv({ client: manager.client, query: range, parseAs: 'text' });
    const [header, first] = String(funnel.data).split('\n');
    expect(header).toBe('stage,reached,current,conversionToNext,completedStays,medianDaysInStage');
    // Both leads are new: reached 2, in the stage now 2, none went on.
    expect(first).toBe('new,2,2,0,0,');
    const losses = await exportLossesXlsx({ client: manager.client, query: range, parseAs: 'arrayBuffer' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(losses.data as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('losses')!.getRow(1).values).toEqual([
      undefined,
      'breakdown',
      'key',
      'leads',
    ]);
  });

  it('draws the analysis as a trend with one line per currency', async () => {
    const { response, data } = await getAnalysisChart({
      client: manager.client,
      query: { ...year, measures: ['bookings'], dimensions: ['period'], grain: 'quarter' },
      parseAs: 'text',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('image/svg+xml');
    expect(svg(data).startsWith('<svg')).toBe(true);
    expect(texts(svg(data))).toEqual(expect.arrayContaining(['bookings (CNY)', 'bookings (EUR)', '2026-Q1']));
  });

  it('draws an empty funnel and an empty leaderboard as empty charts, not errors', async () => {
    const funnel = await getFunnelChart({
      client: manager.client,
      query: { from: '2020-01-01', to: '2020-02-01' },
      parseAs: 'text',
    });
    expect(funnel.response.status).toBe(200);
    expect(texts(svg(funnel.data))).toContain('No data');
    const board = await getLeaderboardChart({
      client: manager.client,
      query: { period: '2020-Q1' },
      parseAs: 'text',
    });
    expect(board.response.status).toBe(200);
    expect(texts(svg(board.data))).toContain('No data');
  });

  it('answers the attainment chart of an unknown target with 404', async () => {
    const { response } = await getAttainmentChart({
      client: manager.client,
      path: { id: '00000000-0000-4000-8000-000000000000' },
      parseAs: 'text',
    });
    expect(response.status).toBe(404);
  });

  it('refuses an export of revenue by lead source with REPORT_MEASURE_DIMENSION_UNSUPPORTED', async () => {
    const { response, error } = await exportAnalysisCsv({
      client: manager.client,
      query: { ...year, measures: ['revenue'], dimensions: ['source'] },
    });
    expect(response.status).toBe(400);
    expect((error as { code: string }).code).toBe('REPORT_MEASURE_DIMENSION_UNSUPPORTED');
  });

  it('opens the company dashboard by a signed link with the year’s figures per currency, without a bearer token', async () => {
    const link = must(
      await createDashboardLink({ client: manager.client, body: { page: 'company', period: '2026' } }),
    );
    const page = await fetch(`${t.baseUrl}${link.url}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('Company dashboard 2026');
    // 10 000.00 + 5 000.00 CNY and 1 000.00 EUR booked; 3 000.00 CNY paid; X and Y new customers.
    expect(html).toContain('<th>Bookings</th><td>15,000.00 CNY · 1,000.00 EUR</td>');
    expect(html).toContain('<th>Revenue</th><td>3,000.00 CNY</td>');
    expect(html).toContain('<th>New customers</th><td>2</td>');
    expect((html.match(/<svg/g) ?? []).length).toBe(3);
  });

  it('lets the vendor manager open their vendor’s scorecard with their own numbers only', async () => {
    const link = must(
      await createDashboardLink({
        client: vendorManagerA.client,
        body: { page: 'vendor', vendorId: vendorA, period: '2026-03' },
      }),
    );
    const html = await (await fetch(`${t.baseUrl}${link.url}`)).text();
    expect(html).toContain('Vendor scorecard 2026-03');
    expect(html).toContain('<th>Bookings</th><td>10,000.00 CNY</td>');
    expect(html).toContain('<th>Revenue</th><td>—</td>');
  });

  it('answers a vendor manager asking for another vendor’s scorecard with 404 and a rep asking for the company dashboard with 403', async () => {
    const other = await createDashboardLink({
      client: vendorManagerB.client,
      body: { page: 'vendor', vendorId: vendorA },
    });
    expect(other.response.status).toBe(404);
    const rep = await createDashboardLink({ client: repA.client, body: { page: 'company' } });
    expect(rep.response.status).toBe(403);
  });

  it('refuses a forged link, a link of another page and a bearer token as a link with REPORT_DASHBOARD_LINK_INVALID', async () => {
    const link = must(await createDashboardLink({ client: manager.client, body: { page: 'company' } }));
    const token = new URL(link.url, 'http://x').searchParams.get('link')!;
    for (const [page, value] of [
      ['company', `${token.slice(0, -2)}xx`],
      ['vendor', token],
      ['company', manager.token],
    ] as const) {
      const { response, error } = await getDashboardPage({
        client: t.anonymous,
        path: { page },
        query: { link: value },
      });
      expect(response.status).toBe(401);
      expect((error as { code: string }).code).toBe('REPORT_DASHBOARD_LINK_INVALID');
    }
  });
});
