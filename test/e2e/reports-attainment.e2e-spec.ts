import {
  approveTarget,
  createContract,
  createProduct,
  createRep,
  createTarget,
  exportAnalysisCsv,
  getAnalysisReport,
  signContract,
} from '../../openapi/sdk';
import type { CreateContractDto, CreateTargetDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';
import { must } from '../support/must';

/**
 * Bookings: vendor A's rep signs 10 000.00 CNY (2026-03-10) and 1 000.00 EUR (2026-04-02); vendor B's rep
 * signs 5 000.00 CNY (2026-03-20). Agreed bookings targets: vendor A 20 000.00 CNY in Q1 and 2 000.00 EUR
 * in Q2, vendor B 40 000.00 CNY in Q1, rep A1 10 000.00 CNY in Q1, the company 100 000.00 CNY in Q1; a
 * draft of vendor B for Q2 (9 000.00 CNY) sets nothing.
 */
describe('Analysis report: attainment of the agreed targets', () => {
  let t: TestApp;
  let manager: TestUser;
  let vendorManagerA: TestUser;
  let repA: TestUser;
  let vendorA: string;
  let vendorB: string;
  let repA1: string;
  const year = { from: '2026-01-01', to: '2027-01-01' };
  const bookings = { measures: ['attainment' as const], attainmentMetric: 'bookings' as const };

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    const admin = await t.signIn(Role.ADMIN);
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
    const product = async (currency: string, list: number) =>
      must(
        await createProduct({
          client: manager.client,
          body: {
            productLineId: line,
            sku: `AT-${currency}-${Math.random()}`,
            name: currency,
            currency,
            listPriceMinor: list,
            floorPriceMinor: list,
          },
        }),
      ).id;
    const yuan = await product('CNY', 100000);
    const euro = await product('EUR', 50000);
    const customer = async () => {
      const name = `AT ${Math.random()}`;
      const [row]: { id: string }[] = await t.dataSource.query(
        `INSERT INTO customers (name, name_key, erp_customer_id) VALUES ($1, $1, $1) RETURNING id`,
        [name],
      );
      return row.id;
    };
    const term = { startsOn: '2026-03-01', endsOn: '2027-02-28' };
    const sign = async (body: Omit<CreateContractDto, 'customerId'>, signedOn: string) => {
      const contract = must(
        await createContract({ client: manager.client, body: { ...body, customerId: await customer() } }),
      );
      must(await signContract({ client: manager.client, path: { id: contract.id }, body: { signedOn } }));
    };
    await sign(
      { repId: repA1, currency: 'CNY', ...term, lines: [{ productId: yuan, quantity: 10 }] },
      '2026-03-10',
    );
    await sign(
      { repId: repA1, currency: 'EUR', ...term, lines: [{ productId: euro, quantity: 2 }] },
      '2026-04-02',
    );
    await sign(
      { repId: repB1, currency: 'CNY', ...term, lines: [{ productId: yuan, quantity: 5 }] },
      '2026-03-20',
    );

    const target = async (body: Omit<CreateTargetDto, 'metric'>, approve = true) => {
      const by = body.ownerKind === 'company' ? admin : manager;
      const created = must(await createTarget({ client: by.client, body: { metric: 'bookings', ...body } }));
      if (approve) must(await approveTarget({ client: by.client, path: { id: created.id } }));
    };
    await target({
      periodKey: '2026-Q1',
      ownerKind: 'vendor',
      ownerId: vendorA,
      currency: 'CNY',
      baseValue: 2000000,
    });
    await target({
      periodKey: '2026-Q2',
      ownerKind: 'vendor',
      ownerId: vendorA,
      currency: 'EUR',
      baseValue: 200000,
    });
    await target({
      periodKey: '2026-Q1',
      ownerKind: 'vendor',
      ownerId: vendorB,
      currency: 'CNY',
      baseValue: 4000000,
    });
    await target(
      { periodKey: '2026-Q2', ownerKind: 'vendor', ownerId: vendorB, currency: 'CNY', baseValue: 900000 },
      false,
    );
    await target({
      periodKey: '2026-Q1',
      ownerKind: 'rep',
      ownerId: repA1,
      currency: 'CNY',
      baseValue: 1000000,
    });
    await target({ periodKey: '2026-Q1', ownerKind: 'company', currency: 'CNY', baseValue: 10000000 });
    vendorManagerA = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendorA });
    repA = await t.signIn(Role.REP, { vendorId: vendorA, repId: repA1 });
  });
  afterAll(() => t.close());

  it('gives each vendor its attainment per currency, the total adding targets and actuals per currency', async () => {
    const { response, data } = await getAnalysisReport({
      client: manager.client,
      query: { ...year, ...bookings, dimensions: ['vendor'], grain: 'quarter' },
    });
    expect(response.status).toBe(200);
    const ofVendor = (vendor: string) => data!.rows.find((row) => row.keys.vendor === vendor);
    // Vendor A: 10 000 of 20 000 CNY = 50 %; 1 000 of 2 000 EUR = 50 %.
    expect(ofVendor(vendorA)!.attainment).toEqual([
      { currency: 'CNY', targets: 1, target: 2000000, actual: 1000000, attainmentPercent: 50 },
      { currency: 'EUR', targets: 1, target: 200000, actual: 100000, attainmentPercent: 50 },
    ]);
    // Vendor B: 5 000 of 40 000 CNY = 12.5 %; its draft Q2 target is not counted.
    expect(ofVendor(vendorB)!.attainment).toEqual([
      { currency: 'CNY', targets: 1, target: 4000000, actual: 500000, attainmentPercent: 12.5 },
    ]);
    // Both vendors' CNY: 15 000 of 60 000 = 25 %; EUR stays on its own.
    expect(data!.total.attainment).toEqual([
      { currency: 'CNY', targets: 2, target: 6000000, actual: 1500000, attainmentPercent: 25 },
      { currency: 'EUR', targets: 1, target: 200000, actual: 100000, attainmentPercent: 50 },
    ]);
  });

  it('keys attainment by the target’s period and vendor', async () => {
    const { data } = await getAnalysisReport({
      client: manager.client,
      query: { ...year, ...bookings, dimensions: ['period', 'vendor'], grain: 'quarter', vendorId: vendorA },
    });
    expect(data!.rows).toEqual([
      {
        keys: { period: '2026-Q1', vendor: vendorA },
        attainment: [
          { currency: 'CNY', targets: 1, target: 2000000, actual: 1000000, attainmentPercent: 50 },
        ],
      },
      {
        keys: { period: '2026-Q2', vendor: vendorA },
        attainment: [{ currency: 'EUR', targets: 1, target: 200000, actual: 100000, attainmentPercent: 50 }],
      },
    ]);
  });

  it('reads the company’s target without a vendor or rep dimension', async () => {
    const { data } = await getAnalysisReport({
      client: manager.client,
      query: { from: '2026-01-01', to: '2026-04-01', ...bookings, grain: 'quarter' },
    });
    // The company's Q1 target: 15 000 of 100 000 CNY booked in Q1 = 15 %.
    expect(data!.total.attainment).toEqual([
      { currency: 'CNY', targets: 1, target: 10000000, actual: 1500000, attainmentPercent: 15 },
    ]);
  });

  it('answers a vendor manager with their vendor’s attainment and a rep with their own', async () => {
    const own = must(
      await getAnalysisReport({
        client: vendorManagerA.client,
        query: { ...year, ...bookings, grain: 'quarter' },
      }),
    );
    expect(own.total.attainment).toEqual([
      { currency: 'CNY', targets: 1, target: 2000000, actual: 1000000, attainmentPercent: 50 },
      { currency: 'EUR', targets: 1, target: 200000, actual: 100000, attainmentPercent: 50 },
    ]);
    // Another vendor asked for: nothing.
    const other = must(
      await getAnalysisReport({
        client: vendorManagerA.client,
        query: { ...year, ...bookings, grain: 'quarter', vendorId: vendorB },
      }),
    );
    expect(other.total.attainment).toEqual([]);
    // Rep A1: 10 000 of 10 000 CNY = 100 %.
    const rep = must(
      await getAnalysisReport({
        client: repA.client,
        query: { ...year, ...bookings, grain: 'quarter', dimensions: ['rep'] },
      }),
    );
    expect(rep.rows).toEqual([
      {
        keys: { rep: repA1 },
        attainment: [
          { currency: 'CNY', targets: 1, target: 1000000, actual: 1000000, attainmentPercent: 100 },
        ],
      },
    ]);
  });

  it('counts only targets whose period lies wholly in the range, of the grain asked', async () => {
    // Months: no monthly targets exist; February–May holds no whole quarter.
    for (const query of [
      { ...year, ...bookings, grain: 'month' as const, vendorId: vendorA },
      { from: '2026-02-01', to: '2026-06-01', ...bookings, grain: 'quarter' as const, vendorId: vendorA },
    ]) {
      const { data } = await getAnalysisReport({ client: manager.client, query });
      expect(data!.total.attainment).toEqual([]);
    }
  });

  it('exports attainment as target, actual and percent columns per currency', async () => {
    const { data } = await exportAnalysisCsv({
      client: manager.client,
      query: { ...year, ...bookings, dimensions: ['vendor'], grain: 'quarter', vendorId: vendorA },
      parseAs: 'text',
    });
    expect((data as unknown as string).split('\n').slice(0, 2)).toEqual([
      'vendor,target CNY,actual CNY,attainment % CNY,target EUR,actual EUR,attainment % EUR',
      `${vendorA},20000,10000,50,2000,1000,50`,
    ]);
  });

  it('refuses attainment by day, by region or with a lead-only filter', async () => {
    for (const query of [
      { ...year, ...bookings, grain: 'day' as const },
      { ...year, ...bookings, dimensions: ['region' as const] },
      { ...year, ...bookings, regionCode: 'CN-GD' },
    ]) {
      const { response, error } = await getAnalysisReport({ client: manager.client, query });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect((error as { code: string }).code).toBe('REPORT_MEASURE_DIMENSION_UNSUPPORTED');
    }
  });
});
