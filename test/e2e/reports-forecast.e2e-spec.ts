import * as ExcelJS from 'exceljs';
import {
  changeLeadStatus,
  createContract,
  createLead,
  createProduct,
  createRep,
  exportForecastCsv,
  exportForecastXlsx,
  approveTarget,
  createTarget,
  getForecastReport,
  importExchangeRates,
  listLeadPipeline,
  setForecastAdjustment,
  setLeadPipeline,
  updateLeadPipelineSettings,
  signContract,
} from '../../openapi/sdk';
import type { CreateContractDto, SetForecastAdjustmentDto, SetLeadPipelineDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';
import { must } from '../support/must';

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
  let vendorB: string;
  const vendorManagerBVendor = () => vendorB;
  let repA1: string;
  let counter = 0;
  const q3 = { period: '2026-Q3', asOf: '2026-08-15' };

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
    vendorB = (await fx.vendor(unit.id)).id;
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
    // By the default rule (commit from 70 %, best case from 50 %): negotiating at 70 % is commit,
    // qualified at 40 % and the EUR lead at its own 25 % are pipeline.
    categories: [
      {
        category: 'commit',
        currency: 'CNY',
        leads: 1,
        expectedAmountMinor: 10000000,
        weightedAmountMinor: 7000000,
      },
      {
        category: 'pipeline',
        currency: 'CNY',
        leads: 1,
        expectedAmountMinor: 10000000,
        weightedAmountMinor: 4000000,
      },
      {
        category: 'pipeline',
        currency: 'EUR',
        leads: 1,
        expectedAmountMinor: 100000,
        weightedAmountMinor: 25000,
      },
    ],
    target: [],
    adjustments: [],
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

  it('converts each node’s money into one currency at the latest rate on or before asOf, never a partial sum', async () => {
    const admin = await t.signIn(Role.ADMIN);
    must(
      await importExchangeRates({
        client: admin.client,
        body: {
          rows: [
            { rateOn: '2026-08-01', fromCurrency: 'EUR', toCurrency: 'CNY', rate: 7.8 },
            // after asOf: not used
            { rateOn: '2026-08-20', fromCurrency: 'EUR', toCurrency: 'CNY', rate: 8.5 },
          ],
        },
      }),
    );
    const data = must(
      await getForecastReport({ client: vendorManagerA.client, query: { ...q3, convertTo: 'CNY' } }),
    );
    expect(data.ratesAsOf).toBe('2026-08-15');
    const eurRate = { fromCurrency: 'EUR', toCurrency: 'CNY', rateOn: '2026-08-01', rate: 7.8 };
    const cny = (amountMinor: number, rates: unknown[] = []) => ({
      currency: 'CNY',
      amountMinor,
      rates,
      missingRates: [],
    });
    // 110 000.00 CNY + 250.00 EUR × 7.8 = 110 000.00 + 1 950.00 = 111 950.00 CNY weighted.
    expect(data.nodes[0].converted).toEqual({
      pipeline: cny(11195000, [eurRate]),
      commit: cny(7000000),
      bookingsToDate: cny(1000000),
      runRate: cny(2000000),
      target: cny(0),
      adjusted: cny(0),
    });
    // Into HUF nothing has a rate: null, naming both currencies, rather than a sum of what converts.
    const huf = must(
      await getForecastReport({ client: vendorManagerA.client, query: { ...q3, convertTo: 'HUF' } }),
    );
    expect(huf.nodes[0].converted!.pipeline).toEqual({
      currency: 'HUF',
      amountMinor: null,
      rates: [],
      missingRates: ['CNY', 'EUR'],
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
      {
        level: 'company',
        vendorId: null,
        repId: null,
        pipeline: [],
        bookingsToDate: [],
        runRate: [],
        categories: [],
        target: [],
        adjustments: [],
      },
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
      'period,asOf,level,vendorId,repId,currency,leads,expected,weighted,bookingsToDate,runRate,' +
        'commitWeighted,bestCaseWeighted,pipelineWeighted,target,adjusted',
      '2026-Q3,2026-08-15,company,,,CNY,2,200000,110000,10000,20000,70000,0,40000,,',
      '2026-Q3,2026-08-15,company,,,EUR,1,1000,250,0,0,0,0,250,,',
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
      'commitWeighted',
      'bestCaseWeighted',
      'pipelineWeighted',
      'target',
      'adjusted',
    ]);
    expect(rows.slice(1)).toEqual([
      [
        '2026-Q3',
        '2026-08-15',
        'rep',
        vendorA,
        repA1,
        'CNY',
        2,
        200000,
        110000,
        10000,
        20000,
        70000,
        0,
        40000,
      ],
      ['2026-Q3', '2026-08-15', 'rep', vendorA, repA1, 'EUR', 1, 1000, 250, 0, 0, 0, 0, 250],
    ]);
  });

  describe('categories, adjustments and targets', () => {
    const q4 = { period: '2026-Q4', asOf: '2026-10-15', level: 'vendor' as const };
    const adjust = (user: TestUser, body: Partial<SetForecastAdjustmentDto>) =>
      setForecastAdjustment({
        client: user.client,
        body: { period: '2026-Q3', level: 'vendor', currency: 'CNY', amountMinor: 0, reason: 'r', ...body },
      });

    it('forecast categories sum per currency, never across currencies', async () => {
      // Q4 2026 holds the 50 000.00 CNY qualified lead (40 %: pipeline) and three more: 20 000.00 EUR at
      // its own 80 % (commit), 30 000.00 CNY qualified that its owner calls commit, and 10 000.00 CNY at
      // its own 55 % (best case).
      const value = (amount: number, currency: string, on: string, extra: Partial<SetLeadPipelineDto>) => ({
        expectedAmountMinor: amount,
        currency,
        expectedCloseOn: on,
        ...extra,
      });
      await valuedLead('negotiating', value(2000000, 'EUR', '2026-11-10', { winProbabilityPct: 80 }));
      await valuedLead('qualified', value(3000000, 'CNY', '2026-12-01', { forecastCategory: 'commit' }));
      await valuedLead('negotiating', value(1000000, 'CNY', '2026-11-30', { winProbabilityPct: 55 }));
      const [node] = must(
        await getForecastReport({ client: manager.client, query: { ...q4, vendorId: vendorA } }),
      ).nodes;
      expect(node.categories).toEqual([
        {
          category: 'commit',
          currency: 'CNY',
          leads: 1,
          expectedAmountMinor: 3000000,
          weightedAmountMinor: 1200000,
        },
        {
          category: 'commit',
          currency: 'EUR',
          leads: 1,
          expectedAmountMinor: 2000000,
          weightedAmountMinor: 1600000,
        },
        {
          category: 'best_case',
          currency: 'CNY',
          leads: 1,
          expectedAmountMinor: 1000000,
          weightedAmountMinor: 550000,
        },
        {
          category: 'pipeline',
          currency: 'CNY',
          leads: 1,
          expectedAmountMinor: 5000000,
          weightedAmountMinor: 2000000,
        },
      ]);
      // Each currency's categories add up to its pipeline: CNY 1 200 000 + 550 000 + 2 000 000 = 3 750 000.
      expect(node.pipeline).toEqual([
        { currency: 'CNY', leads: 3, expectedAmountMinor: 9000000, weightedAmountMinor: 3750000 },
        { currency: 'EUR', leads: 1, expectedAmountMinor: 2000000, weightedAmountMinor: 1600000 },
      ]);
      const listed = must(
        await listLeadPipeline({
          client: manager.client,
          query: { closeFrom: '2026-11-01', vendorId: vendorA },
        }),
      ).data;
      expect(
        listed.map((l) => [l.expectedAmountMinor, l.forecastCategory, l.forecastCategorySource]),
      ).toEqual([
        [2000000, 'commit', 'rule'],
        [1000000, 'best_case', 'rule'],
        [3000000, 'commit', 'lead'],
      ]);
    });

    it('a manager’s forecast adjustment keeps the previous value in its history', async () => {
      const first = await adjust(manager, {
        vendorId: vendorA,
        amountMinor: 15000000,
        reason: 'Two deals likely',
      });
      expect(first.response.status).toBe(200);
      expect(first.data).toMatchObject({
        period: '2026-Q3',
        level: 'vendor',
        vendorId: vendorA,
        repId: null,
        currency: 'CNY',
        amountMinor: 15000000,
        reason: 'Two deals likely',
        adjustedBy: manager.id,
        version: 1,
      });
      expect(first.data!.history).toMatchObject([
        {
          previousAmountMinor: null,
          amountMinor: 15000000,
          previousReason: null,
          reason: 'Two deals likely',
        },
      ]);
      const second = must(
        await adjust(manager, { vendorId: vendorA, amountMinor: 18000000, reason: 'Győr order confirmed' }),
      );
      expect(second).toMatchObject({ id: first.data!.id, amountMinor: 18000000, version: 2 });
      expect(
        second.history.map((h) => [
          h.previousAmountMinor,
          h.amountMinor,
          h.previousReason,
          h.reason,
          h.changedBy,
        ]),
      ).toEqual([
        [15000000, 18000000, 'Two deals likely', 'Győr order confirmed', manager.id],
        [null, 15000000, null, 'Two deals likely', manager.id],
      ]);
      // Beside the computed forecast, which it does not change.
      const [node] = must(
        await getForecastReport({ client: vendorManagerA.client, query: { ...q3, level: 'vendor' } }),
      ).nodes;
      expect(node).toMatchObject({
        vendorId: vendorA,
        pipeline: vendorANode.pipeline,
        adjustments: [second],
      });
      // A vendor manager's company node is only their vendor: no company-wide adjustment or target there.
      const company = must(await getForecastReport({ client: vendorManagerA.client, query: q3 })).nodes[0];
      expect(company.adjustments).toEqual([]);
    });

    it('a vendor manager adjusts their own vendor and its reps, never another vendor or the company', async () => {
      expect((await adjust(vendorManagerB, { vendorId: vendorA })).response.status).toBe(404);
      expect((await adjust(vendorManagerA, { level: 'company' })).response.status).toBe(403);
      expect((await adjust(repA, { level: 'rep', repId: repA1 })).response.status).toBe(403);
      const wrongVendor = await adjust(manager, {
        level: 'rep',
        repId: repA1,
        vendorId: vendorManagerBVendor(),
      });
      expect(wrongVendor.response.status).toBe(400);
      const rep = must(
        await adjust(vendorManagerA, {
          level: 'rep',
          repId: repA1,
          currency: 'EUR',
          amountMinor: 50000,
          reason: 'Slips',
        }),
      );
      expect(rep).toMatchObject({
        level: 'rep',
        vendorId: vendorA,
        repId: repA1,
        currency: 'EUR',
        amountMinor: 50000,
      });
      const own = must(
        await getForecastReport({ client: repA.client, query: { ...q3, level: 'rep' } }),
      ).nodes;
      expect(own.map((n) => [n.repId, n.adjustments.map((a) => a.amountMinor)])).toEqual([[repA1, [50000]]]);
    });

    it('shows the node’s agreed bookings target of the period beside the forecast, and no draft', async () => {
      const target = must(
        await createTarget({
          client: manager.client,
          body: {
            metric: 'bookings',
            periodKey: '2026-Q3',
            ownerKind: 'vendor',
            ownerId: vendorA,
            currency: 'CNY',
            baseValue: 30000000,
          },
        }),
      );
      must(await approveTarget({ client: manager.client, path: { id: target.id } }));
      const admin = await t.signIn(Role.ADMIN);
      must(
        await createTarget({
          client: admin.client,
          body: {
            metric: 'bookings',
            periodKey: '2026-Q3',
            ownerKind: 'company',
            currency: 'CNY',
            baseValue: 90000000,
          },
        }),
      );
      const [node] = must(
        await getForecastReport({
          client: manager.client,
          query: { ...q3, level: 'vendor', vendorId: vendorA },
        }),
      ).nodes;
      expect(node.target).toEqual([
        { targetId: target.id, currency: 'CNY', amountMinor: 30000000, status: 'approved' },
      ]);
      const company = must(await getForecastReport({ client: manager.client, query: q3 })).nodes[0];
      expect(company.target).toEqual([]);
      // The export carries them too: the target and the adjusted forecast beside the computed columns.
      const csv = await exportForecastCsv({
        client: manager.client,
        query: { ...q3, level: 'vendor', vendorId: vendorA },
        parseAs: 'text',
      });
      expect(String(csv.data).trim().split('\n').slice(1)).toEqual([
        `2026-Q3,2026-08-15,vendor,${vendorA},,CNY,2,200000,110000,10000,20000,70000,0,40000,300000,180000`,
        `2026-Q3,2026-08-15,vendor,${vendorA},,EUR,1,1000,250,0,0,0,0,250,,`,
      ]);
    });

    it('derives a lead’s category by the settings rule: raising commit to 85 % makes the 80 % lead best case', async () => {
      const admin = await t.signIn(Role.ADMIN);
      const bad = await updateLeadPipelineSettings({
        client: admin.client,
        body: { forecastCategories: { bestCaseFromPct: 90 } },
      });
      expect(bad.response.status).toBe(422);
      expect(bad.error).toMatchObject({ code: 'LEAD_PIPELINE_SETTINGS_INVALID' });
      const changed = must(
        await updateLeadPipelineSettings({
          client: admin.client,
          body: { forecastCategories: { commitFromPct: 85 } },
        }),
      );
      expect(changed.forecastCategories).toEqual({ commitFromPct: 85, bestCaseFromPct: 50 });
      const [node] = must(
        await getForecastReport({ client: manager.client, query: { ...q4, vendorId: vendorA } }),
      ).nodes;
      expect(node.categories.map((c) => [c.category, c.currency, c.weightedAmountMinor])).toEqual([
        ['commit', 'CNY', 1200000],
        ['best_case', 'CNY', 550000],
        ['best_case', 'EUR', 1600000],
        ['pipeline', 'CNY', 2000000],
      ]);
    });
  });
});
