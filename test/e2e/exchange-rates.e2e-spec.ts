import {
  getMoneySettings,
  importExchangeRates,
  listExchangeRates,
  updateMoneySettings,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { ExchangeRatesService } from '../../src/modules/contracts/exchange-rates.service';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { must } from '../support/must';

describe('Exchange rates and the reporting currency: converted totals say the rate and day they used', () => {
  let t: TestApp;
  let admin: TestUser;
  let vendorManager: TestUser;
  let service: ExchangeRatesService;

  const count = async () =>
    Number((await t.dataSource.query(`SELECT count(*) FROM exchange_rates`))[0].count);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    vendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: '00000000-0000-4000-8000-000000000001' });
    service = t.app.get(ExchangeRatesService);
  });
  afterAll(() => t.close());

  it('an admin imports rates; a rate of 0 is 400 naming the row’s rate, a currency into itself 422, and nothing is written', async () => {
    const zero = await importExchangeRates({
      client: admin.client,
      body: {
        rows: [
          { rateOn: '2026-11-02', fromCurrency: 'EUR', toCurrency: 'CNY', rate: 7.75 },
          { rateOn: '2026-11-02', fromCurrency: 'HUF', toCurrency: 'CNY', rate: 0 },
        ],
      },
    });
    expect(zero.response.status).toBe(400);
    expect(JSON.stringify(zero.error)).toContain('rows.1.rate');
    const same = await importExchangeRates({
      client: admin.client,
      body: { rows: [{ rateOn: '2026-11-02', fromCurrency: 'CNY', toCurrency: 'CNY', rate: 1 }] },
    });
    expect(same.response.status).toBe(422);
    expect(same.error).toMatchObject({
      code: 'EXCHANGE_RATE_INVALID',
      errors: [{ field: 'rows.0.toCurrency', message: 'must differ from fromCurrency' }],
    });
    expect(await count()).toBe(0);
    const byVendor = await importExchangeRates({
      client: vendorManager.client,
      body: { rows: [{ rateOn: '2026-11-02', fromCurrency: 'EUR', toCurrency: 'CNY', rate: 7.75 }] },
    });
    expect(byVendor.response.status).toBe(403);

    const stored = must(
      await importExchangeRates({
        client: admin.client,
        body: {
          rows: [
            { rateOn: '2026-11-02', fromCurrency: 'EUR', toCurrency: 'CNY', rate: 7.75 },
            { rateOn: '2026-11-20', fromCurrency: 'EUR', toCurrency: 'CNY', rate: 7.8 },
            { rateOn: '2026-11-20', fromCurrency: 'HUF', toCurrency: 'CNY', rate: 0.0198 },
            { rateOn: '2026-11-25', fromCurrency: 'CNY', toCurrency: 'USD', rate: 0.125 },
          ],
        },
      }),
    );
    expect(stored).toEqual({ stored: 4 });
    // The same day and pair again replaces the rate.
    must(
      await importExchangeRates({
        client: admin.client,
        body: { rows: [{ rateOn: '2026-11-20', fromCurrency: 'EUR', toCurrency: 'CNY', rate: 7.7 }] },
      }),
    );
    const eur = must(
      await listExchangeRates({ client: vendorManager.client, query: { fromCurrency: 'EUR' } }),
    );
    expect(eur.data.map((row) => [row.rateOn, row.rate])).toEqual([
      ['2026-11-20', 7.7],
      ['2026-11-02', 7.75],
    ]);
  });

  it('totals in several currencies convert into the reporting currency at each one’s latest rate on or before the day, never added unconverted', async () => {
    expect(must(await getMoneySettings({ client: vendorManager.client }))).toEqual({
      reportingCurrency: 'CNY',
      version: 1,
    });
    const totals = [
      { currency: 'CNY', amountMinor: 100000 }, // 1 000.00 CNY
      { currency: 'EUR', amountMinor: 20000 }, // 200.00 EUR × 7.70 = 1 540.00 CNY (rate of 11-20)
      { currency: 'HUF', amountMinor: 5000000 }, // 50 000.00 HUF × 0.0198 = 990.00 CNY
      { currency: 'USD', amountMinor: 1000 }, // 10.00 USD ÷ 0.125 = 80.00 CNY (the inverse of CNY→USD)
    ];
    expect(await service.convertTotals(t.dataSource.manager, totals, '2026-11-30')).toEqual({
      currency: 'CNY',
      amountMinor: 100000 + 154000 + 99000 + 8000,
      rates: [
        { fromCurrency: 'EUR', toCurrency: 'CNY', rateOn: '2026-11-20', rate: 7.7 },
        { fromCurrency: 'HUF', toCurrency: 'CNY', rateOn: '2026-11-20', rate: 0.0198 },
        { fromCurrency: 'USD', toCurrency: 'CNY', rateOn: '2026-11-25', rate: 8 },
      ],
      missingRates: [],
    });
    // Before 11-20 only the EUR rate of 11-02 exists: no total, the currencies without a rate are named.
    expect(await service.convertTotals(t.dataSource.manager, totals, '2026-11-10')).toMatchObject({
      amountMinor: null,
      rates: [{ fromCurrency: 'EUR', rateOn: '2026-11-02', rate: 7.75 }],
      missingRates: ['HUF', 'USD'],
    });
  });

  it('the reporting currency is an admin setting with If-Match', async () => {
    const refused = await updateMoneySettings({
      client: vendorManager.client,
      body: { reportingCurrency: 'EUR' },
    });
    expect(refused.response.status).toBe(403);
    const changed = must(
      await updateMoneySettings({
        client: admin.client,
        body: { reportingCurrency: 'eur' },
        headers: { 'if-match': '"1"' },
      }),
    );
    expect(changed).toEqual({ reportingCurrency: 'EUR', version: 2 });
    const stale = await updateMoneySettings({
      client: admin.client,
      body: { reportingCurrency: 'USD' },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.response.status).toBe(412);
    expect(
      await service.convertTotals(
        t.dataSource.manager,
        [{ currency: 'CNY', amountMinor: 775000 }],
        '2026-11-10',
      ),
    ).toEqual({
      currency: 'EUR',
      amountMinor: 100000, // 7 750.00 CNY ÷ 7.75 = 1 000.00 EUR
      rates: [{ fromCurrency: 'CNY', toCurrency: 'EUR', rateOn: '2026-11-02', rate: 1 / 7.75 }],
      missingRates: [],
    });
  });
});
