import * as ExcelJS from 'exceljs';
import {
  changeLeadStatus,
  createContract,
  createLead,
  createProduct,
  createRep,
  exportForecastCsv,
  exportForecastXlsx,
  getForecastReport,
  setLeadPipeline,
  signContract,
} from '../../openapi/sdk';
import type { CreateContractDto, SetLeadPipelineDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';

/**
 * Vendor A's rep owns four valued leads: 100 000.00 CNY qualified (40 % by default) closing 2026-08-20,
 * 100 000.00 CNY negotiating (70 %) closing 2026-09-30, 1 000.00 EUR negotiating at its own 25 % closing
 * 2026-07-15, and 50 000.00 CNY qualified closing 2026-10-01 (next quarter, not in Q3). The rep signs
 * 10 000.00 CNY on 2026-08-01 and 5 000.00 CNY on 2026-08-20. Q3 2026 has 92 days; as of 2026-08-15,
 * 46 have passed (July's 31 and 15 of August): the elapsed share is one half.
 */
describe('Forecast report: weighted open pipeline and run-rate per period and node', () => {
  let t: TestApp;
  let manager: TestUser;
  let vendorManagerA: TestUser;
  let vendorManagerB: TestUser;
  let repA: TestUser;
  let vendorA: string;
  let repA1: string;
  let counter = 0;
  const q3 = { period: '2026-Q3', asOf: '2026-08-15' };

  const must = <T>(result: { data?: T; error?: unknown }): T => {
    if (!result.data) throw new Error(JSON.stringify(result.error));
    return result.data;
  };

  /** A lead taken in by rep A1 (so vendor A's and theirs), moved on to `status` and valued. */
  const valuedLead = async (status: 'qualified' | 'negotiating', value: SetLeadPipelineDto) => {
    const lead = must(
      await createLead({ client: repA.client, body: { companyName: `Forecast ${++counter} Kft.` } }),
    );
    const path = ['new', 'contacted', 'qualified', 'negotiating'];
    for (const next of path.slice(Math.max(path.indexOf(lead.status), 0) + 1, path.indexOf(status) + 1))
      must(
        await changeLeadStatus({
          client: manager.client,
          path: { id: lead.id },
          body: { status: next as never },
        }),
      );
    must(await setLeadPipeline({ client: manager.client, path: { id: lead.id }, body: value }));
  };

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    const fx = vendorFixtures(manager.client);
    const line = (await fx.productLine()).id;
    const unit = await fx.salesUnit();
    vendorA = (await fx.vendor(unit.id)).id;
    const vendorB = (await fx.vendor(unit.id)).id;
    await fx.agreement(vendorA, { startsOn: '2026-01-01', endsOn: '2027-12-31', productLineIds: [line] });
    repA1 = must(
      await createRep({
        client: manager.client,
        body: { vendorId: vendorA, fullName: 'Rep', grade: 'B', capacity: 20, timezone: 'Asia/Shanghai' },
      }),
    ).id;
    vendorManagerA = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendorA });
    vendorManagerB = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendorB });
    repA = await t.signIn(Role.REP, { vendorId: vendorA, repId: repA1 });

    const cny = (amountMinor: number, expectedCloseOn: string) => ({
      expectedAmountMinor: amountMinor,
      currency: 'CNY',
      expectedCloseOn,
    });
    await valuedLead('qualified', cny(10000000, '2026-08-20'));
    await valuedLead('negotiating', cny(10000000, '2026-09-30'));
    await valuedLead('negotiating', {
      expectedAmountMinor: 100000,
      currency: 'EUR',
      expectedCloseOn: '2026-07-15',
      winProbabilityPct: 25,
    });
    await valuedLead('qualified', cny(5000000, '2026-10-01'));

    const product = must(
      await createProduct({
        client: manager.client,
        body: {
          productLineId: line,
          sku: `FC-CNY-${Math.random()}`,
          name: 'Forecast unit',
          currency: 'CNY',
          listPriceMinor: 100000,
          floorPriceMinor: 100000,
        },
      }),
    ).id;
    const [customer]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO customers (name, name_key, erp_customer_id) VALUES ($1, $1, $1) RETURNING id`,
      [`Forecast customer ${Math.random()}`],
    );
    const sign = async (quantity: number, signedOn: string) => {
      const body: CreateContractDto = {
        customerId: customer.id,
        repId: repA1,
        currency: 'CNY',
        startsOn: '2026-09-01',
        endsOn: '2027-08-31',
        lines: [{ productId: product, quantity }],
      };
      const contract = must(await createContract({ client: manager.client, body }));
      must(await signContract({ client: manager.client, path: { id: contract.id }, body: { signedOn } }));
    };
    await sign(10, '2026-08-01');
    await sign(5, '2026-08-20');
  });
  afterAll(() => t.close());

  const vendorANode = {
    pipeline: [
      { currency: 'CNY', leads: 2, expectedAmountMinor: 20000000, weightedAmountMinor: 11000000 },
      { currency: 'EUR', leads: 1, expectedAmountMinor: 100000, weightedAmountMinor: 25000 },
    ],
    bookingsToDate: [{ currency: 'CNY', amountMinor: 1000000 }],
    runRate: [{ currency: 'CNY', amountMinor: 2000000 }],
  };

  it('weighs the open pipeline closing in the period by probability, per currency, and extrapolates bookings so far over the elapsed share', async () => {
    const { response, data } = await getForecastReport({ client: vendorManagerA.client, query: q3 });
    expect(response.status).toBe(200);
    expect(data).toEqual({
      period: '2026-Q3',
      start: '2026-07-01',
      end: '2026-10-01',
      asOf: '2026-08-15',
      level: 'company',
      periodDays: 92,
      elapsedDays: 46,
      elapsedShare: 0.5,
      nodes: [{ level: 'company', vendorId: null, repId: null, ...vendorANode }],
    });
  });

  it('gives one node per vendor and per rep, and a rep sees only themselves', async () => {
    const byVendor = must(
      await getForecastReport({
        client: manager.client,
        query: { ...q3, level: 'vendor', vendorId: vendorA },
      }),
    );
    expect(byVendor.nodes).toEqual([{ level: 'vendor', vendorId: vendorA, repId: null, ...vendorANode }]);
    const byRep = must(await getForecastReport({ client: repA.client, query: { ...q3, level: 'rep' } }));
    expect(byRep.nodes).toEqual([{ level: 'rep', vendorId: vendorA, repId: repA1, ...vendorANode }]);
  });

  it('counts every booking of the period once it has passed: the run-rate is the bookings', async () => {
    const data = must(
      await getForecastReport({
        client: vendorManagerA.client,
        query: { period: '2026-Q3', asOf: '2026-11-30' },
      }),
    );
    expect(data).toMatchObject({ elapsedDays: 92, elapsedShare: 1 });
    expect(data.nodes[0].bookingsToDate).toEqual([{ currency: 'CNY', amountMinor: 1500000 }]);
    expect(data.nodes[0].runRate).toEqual([{ currency: 'CNY', amountMinor: 1500000 }]);
  });

  it('another vendor’s manager sees nothing of vendor A’s pipeline or bookings, even when asking for vendor A', async () => {
    const own = must(await getForecastReport({ client: vendorManagerB.client, query: q3 }));
    expect(own.nodes).toEqual([
      { level: 'company', vendorId: null, repId: null, pipeline: [], bookingsToDate: [], runRate: [] },
    ]);
    const asked = must(
      await getForecastReport({
        client: vendorManagerB.client,
        query: { ...q3, level: 'vendor', vendorId: vendorA },
      }),
    );
    expect(asked.nodes).toEqual([]);
  });

  it('a period key that is no period answers 400 VALIDATION_FAILED', async () => {
    for (const period of ['2026-13', '2027-W53', 'Q3', '']) {
      const { response, error } = await getForecastReport({ client: manager.client, query: { period } });
      expect(response.status).toBe(400);
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    const noPeriod = await getForecastReport({ client: manager.client, query: {} as never });
    expect(noPeriod.response.status).toBe(400);
  });

  it('exports the forecast as CSV, one row per node and currency in major units', async () => {
    const { response, data } = await exportForecastCsv({
      client: vendorManagerA.client,
      query: q3,
      parseAs: 'text',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(String(data).trim().split('\n')).toEqual([
      'period,asOf,level,vendorId,repId,currency,leads,expected,weighted,bookingsToDate,runRate',
      '2026-Q3,2026-08-15,company,,,CNY,2,200000,110000,10000,20000',
      '2026-Q3,2026-08-15,company,,,EUR,1,1000,250,0,0',
    ]);
  });

  it('exports the forecast as XLSX with the same rows as the CSV', async () => {
    const { response, data } = await exportForecastXlsx({
      client: vendorManagerA.client,
      query: { ...q3, level: 'rep' },
      parseAs: 'arrayBuffer',
    });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
    const rows = workbook
      .getWorksheet('forecast')!
      .getSheetValues()
      .slice(1)
      .map((row) => (row as unknown[]).slice(1));
    expect(rows[0]).toEqual([
      'period',
      'asOf',
      'level',
      'vendorId',
      'repId',
      'currency',
      'leads',
      'expected',
      'weighted',
      'bookingsToDate',
      'runRate',
    ]);
    expect(rows.slice(1)).toEqual([
      ['2026-Q3', '2026-08-15', 'rep', vendorA, repA1, 'CNY', 2, 200000, 110000, 10000, 20000],
      ['2026-Q3', '2026-08-15', 'rep', vendorA, repA1, 'EUR', 1, 1000, 250, 0, 0],
    ]);
  });
});
