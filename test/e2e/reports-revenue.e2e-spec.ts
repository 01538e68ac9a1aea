import {
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

/**
 * Three signed contracts: vendor A's rep signs 10 000.00 CNY (customer X, 2026-03-10, 3 000.00 paid on
 * 2026-04-15) and 1 000.00 EUR (customer Y, 2026-04-02); vendor B's rep signs 5 000.00 CNY for customer X
 * (2026-03-20), who is then no longer a new customer.
 */
describe('Analysis report: revenue, bookings and new customers', () => {
  let t: TestApp;
  let manager: TestUser;
  let vendorManagerA: TestUser;
  let vendorManagerB: TestUser;
  let repA: TestUser;
  let vendorA: string;
  let vendorB: string;
  let repA1: string;
  const year = { from: '2026-01-01', to: '2027-01-01' };

  const must = <T>(result: { data?: T; error?: unknown }): T => {
    if (!result.data) throw new Error(JSON.stringify(result.error));
    return result.data;
  };
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
  });
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
});
