import {
  createContract,
  createProduct,
  createRep,
  exportAnalysisCsv,
  getAnalysisReport,
  importExchangeRates,
  signContract,
} from '../../openapi/sdk';
import type { CreateContractDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';
import { must } from '../support/must';

/**
 * Vendor A signs 10 000.00 CNY (2026-03-10) and 1 000.00 EUR (2026-04-02); vendor B signs 50 000.00 HUF
 * (2026-03-20). Rates EUR → CNY: 7.8 from 2026-03-31, 7.9 from 2026-06-30; none for HUF.
 */
describe('Analysis report: money converted into one currency at a stated rate', () => {
  let t: TestApp;
  let manager: TestUser;
  let vendorA: string;
  let vendorB: string;
  const half = { from: '2026-01-01', to: '2026-07-01' };
  const byVendor = { measures: ['bookings' as const], dimensions: ['vendor' as const], convertTo: 'CNY' };

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    const admin = await t.signIn(Role.ADMIN);
    const fx = vendorFixtures(manager.client);
    const line = (await fx.productLine()).id;
    const unit = await fx.salesUnit();
    vendorA = (await fx.vendor(unit.id)).id;
    vendorB = (await fx.vendor(unit.id)).id;
    const reps: Record<string, string> = {};
    for (const vendorId of [vendorA, vendorB]) {
      await fx.agreement(vendorId, { startsOn: '2026-01-01', endsOn: '2027-12-31', productLineIds: [line] });
      reps[vendorId] = must(
        await createRep({
          client: manager.client,
          body: { vendorId, fullName: 'Rep', grade: 'B', capacity: 20, timezone: 'Asia/Shanghai' },
        }),
      ).id;
    }
    const product = async (currency: string, list: number) =>
      must(
        await createProduct({
          client: manager.client,
          body: {
            productLineId: line,
            sku: `CV-${currency}-${Math.random()}`,
            name: currency,
            currency,
            listPriceMinor: list,
            floorPriceMinor: list,
          },
        }),
      ).id;
    const sign = async (
      vendorId: string,
      currency: string,
      productId: string,
      quantity: number,
      signedOn: string,
    ) => {
      const name = `CV ${Math.random()}`;
      const [customer]: { id: string }[] = await t.dataSource.query(
        `INSERT INTO customers (name, name_key, erp_customer_id) VALUES ($1, $1, $1) RETURNING id`,
        [name],
      );
      const body: CreateContractDto = {
        customerId: customer.id,
        repId: reps[vendorId],
        currency,
        startsOn: '2026-03-01',
        endsOn: '2027-02-28',
        lines: [{ productId, quantity }],
      };
      const contract = must(await createContract({ client: manager.client, body }));
      must(await signContract({ client: manager.client, path: { id: contract.id }, body: { signedOn } }));
    };
    await sign(vendorA, 'CNY', await product('CNY', 100000), 10, '2026-03-10');
    await sign(vendorA, 'EUR', await product('EUR', 50000), 2, '2026-04-02');
    await sign(vendorB, 'HUF', await product('HUF', 5000000), 1, '2026-03-20');
    must(
      await importExchangeRates({
        client: admin.client,
        body: {
          rows: [
            { rateOn: '2026-03-31', fromCurrency: 'EUR', toCurrency: 'CNY', rate: 7.8 },
            { rateOn: '2026-06-30', fromCurrency: 'EUR', toCurrency: 'CNY', rate: 7.9 },
          ],
        },
      }),
    );
  });
  afterAll(() => t.close());

  it('converts each cell at the latest rate on or before the range’s last day, naming the rate used', async () => {
    const { response, data } = await getAnalysisReport({
      client: manager.client,
      query: { ...half, ...byVendor },
    });
    expect(response.status).toBe(200);
    expect(data!.ratesAsOf).toBe('2026-06-30');
    const a = data!.rows.find((row) => row.keys.vendor === vendorA)!;
    // The amounts per currency stay; beside them 10 000 CNY + 1 000 EUR × 7.9 = 17 900.00 CNY.
    expect(a.bookings).toEqual([
      { currency: 'CNY', amountMinor: 1000000 },
      { currency: 'EUR', amountMinor: 100000 },
    ]);
    expect(a.converted).toEqual({
      bookings: {
        currency: 'CNY',
        amountMinor: 1790000,
        rates: [{ fromCurrency: 'EUR', toCurrency: 'CNY', rateOn: '2026-06-30', rate: 7.9 }],
        missingRates: [],
      },
    });
  });

  it('uses the rate of an earlier day when the range ends earlier', async () => {
    const { data } = await getAnalysisReport({
      client: manager.client,
      query: { from: '2026-01-01', to: '2026-06-01', ...byVendor, vendorId: vendorA },
    });
    expect(data!.ratesAsOf).toBe('2026-05-31');
    // 10 000 CNY + 1 000 EUR × 7.8 = 17 800.00 CNY.
    expect(data!.total.converted!.bookings).toEqual({
      currency: 'CNY',
      amountMinor: 1780000,
      rates: [{ fromCurrency: 'EUR', toCurrency: 'CNY', rateOn: '2026-03-31', rate: 7.8 }],
      missingRates: [],
    });
  });

  it('gives null, never a partial sum, when a currency has no rate', async () => {
    const { data } = await getAnalysisReport({ client: manager.client, query: { ...half, ...byVendor } });
    const b = data!.rows.find((row) => row.keys.vendor === vendorB)!;
    expect(b.converted!.bookings).toMatchObject({
      currency: 'CNY',
      amountMinor: null,
      missingRates: ['HUF'],
    });
    // The total holds HUF too: null, although CNY and EUR could be converted.
    expect(data!.total.converted!.bookings).toMatchObject({ amountMinor: null, missingRates: ['HUF'] });
    expect(data!.total.bookings).toEqual([
      { currency: 'CNY', amountMinor: 1000000 },
      { currency: 'EUR', amountMinor: 100000 },
      { currency: 'HUF', amountMinor: 5000000 },
    ]);
  });

  it('converts into a currency other than the reporting one through the inverse rate', async () => {
    const { data } = await getAnalysisReport({
      client: manager.client,
      query: { ...half, measures: ['bookings'], convertTo: 'EUR', vendorId: vendorA },
    });
    // 10 000 CNY ÷ 7.9 = 1 265.82 EUR, + 1 000 EUR = 2 265.82 EUR.
    expect(data!.total.converted!.bookings).toEqual({
      currency: 'EUR',
      amountMinor: 226582,
      rates: [{ fromCurrency: 'CNY', toCurrency: 'EUR', rateOn: '2026-06-30', rate: 1 / 7.9 }],
      missingRates: [],
    });
  });

  it('exports the converted figure as one more column, empty where a rate is missing', async () => {
    const { data } = await exportAnalysisCsv({
      client: manager.client,
      query: { ...half, ...byVendor },
      parseAs: 'text',
    });
    const lines = (data as unknown as string).trim().split('\n');
    expect(lines[0]).toBe('vendor,bookings CNY,bookings EUR,bookings HUF,bookings in CNY');
    expect(lines).toContain(`${vendorA},10000,1000,0,17900`);
    expect(lines).toContain(`${vendorB},0,0,50000,`);
    expect(lines[lines.length - 1]).toBe('total,10000,1000,50000,');
  });

  it('refuses a convertTo that is no currency', async () => {
    const { response, error } = await getAnalysisReport({
      client: manager.client,
      query: { ...half, ...byVendor, convertTo: 'XYZ' },
    });
    expect(response.status).toBe(400);
    expect((error as { code: string }).code).toBe('VALIDATION_FAILED');
  });
});
