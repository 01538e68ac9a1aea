import {
  createCallReport,
  createContract,
  createLead,
  createProduct,
  createRep,
  getCustomer,
  importExchangeRates,
  runCheck,
  postContractPayment,
  signContract,
} from '../../openapi/sdk';
import type { CreateContractDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { trailingYearStart } from '../../src/modules/contracts/customer-accounts.service';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';
import { must } from '../support/must';

/** A day relative to today (UTC), as YYYY-MM-DD. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('Customer account view: contracts, trailing-12-month revenue per currency, open leads, call reports', () => {
  let t: TestApp;
  let manager: TestUser;
  let vendorManager: TestUser;
  let otherVendorManager: TestUser;
  let vendorId: string;
  let otherVendorId: string;
  let rep1: string;
  let otherRep: string;
  let widget: string; // CNY, list 1 000.00
  let forint: string; // HUF, list 100 000.00
  let customerId: string;
  let leadId: string;
  const contractIds: Record<string, string> = {};
  let counter = 0;

  const signed = async (
    body: Omit<CreateContractDto, 'customerId' | 'startsOn' | 'endsOn'>,
    signedOn: string,
  ) => {
    const contract = must(
      await createContract({
        client: manager.client,
        body: { customerId, startsOn: signedOn, endsOn: day(300), ...body },
      }),
    );
    must(await signContract({ client: manager.client, path: { id: contract.id }, body: { signedOn } }));
    return contract.id;
  };
  const pay = (id: string, amountMinor: number, currency: string, paidOn: string, kind?: 'refund') =>
    postContractPayment({
      client: manager.client,
      path: { id },
      body: { amountMinor, currency, paidOn, kind, externalSource: 'erp', externalId: `P-${++counter}` },
    }).then(must);

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    const fx = vendorFixtures(manager.client);
    const line = (await fx.productLine()).id;
    const unit = await fx.salesUnit();
    vendorId = (await fx.vendor(unit.id)).id;
    otherVendorId = (await fx.vendor(unit.id)).id;
    for (const id of [vendorId, otherVendorId])
      await fx.agreement(id, { startsOn: day(-800), endsOn: day(800), productLineIds: [line] });
    const rep = (vendor: string, fullName: string) =>
      createRep({
        client: manager.client,
        body: { vendorId: vendor, fullName, grade: 'B', capacity: 40, timezone: 'Asia/Shanghai' },
      }).then(must);
    rep1 = (await rep(vendorId, 'Wang Fang')).id;
    otherRep = (await rep(otherVendorId, 'Li Na')).id;
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
            floorPriceMinor: list / 2,
          },
        }),
      ).id;
    widget = await product('ACC-W', 'CNY', 100000);
    forint = await product('ACC-F', 'HUF', 10000000);
    vendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId });
    otherVendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: otherVendorId });

    // An upsell lead taken in before the ERP sent the customer: it matches the customer on its name.
    const lead = must(
      await createLead({ client: vendorManager.client, body: { companyName: 'Dongguan Account Works Ltd' } }),
    );
    leadId = lead.id;
    const [row]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO customers (name, name_key, vendor_id, erp_customer_id) VALUES ($1, $2, $3, 'K-ACC-1') RETURNING id`,
      ['Dongguan Account Works Ltd', lead.companyNameKey, vendorId],
    );
    customerId = row.id;

    // CNY 10 000.00 by the vendor's rep: 3 000.00 paid 400 days ago (outside), 6 000.00 30 days ago, 500.00 refunded 10 days ago.
    contractIds.cny = await signed(
      { repId: rep1, currency: 'CNY', lines: [{ productId: widget, quantity: 10 }] },
      day(-500),
    );
    await pay(contractIds.cny, 300000, 'CNY', day(-400));
    await pay(contractIds.cny, 600000, 'CNY', day(-30));
    await pay(contractIds.cny, 50000, 'CNY', day(-10), 'refund');
    // HUF 100 000.00 by the vendor's rep, paid 5 days ago.
    contractIds.huf = await signed(
      { repId: rep1, currency: 'HUF', lines: [{ productId: forint, quantity: 1 }] },
      day(-60),
    );
    await pay(contractIds.huf, 10000000, 'HUF', day(-5));
    // CNY 2 000.00 by another vendor's rep, paid 20 days ago.
    contractIds.other = await signed(
      { repId: otherRep, currency: 'CNY', lines: [{ productId: widget, quantity: 2 }] },
      day(-90),
    );
    await pay(contractIds.other, 200000, 'CNY', day(-20));

    must(
      await createCallReport({
        client: manager.client,
        body: {
          repId: rep1,
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
          type: 'visit',
          durationSeconds: 1800,
          outcome: 'follow_up_set',
          customerId,
        },
      }),
    );
  });
  afterAll(() => t.close());

  it('the trailing 12 months run from the same day a year back (29 February: the 28th), plus one, to today', () => {
    expect(trailingYearStart('2026-12-01')).toBe('2025-12-02');
    expect(trailingYearStart('2028-02-29')).toBe('2027-03-01');
    expect(trailingYearStart('2026-12-31')).toBe('2026-01-01');
  });

  it('GET /customers/{id} is the account: its contracts, revenue paid in the trailing 12 months per currency, open leads, recent call reports', async () => {
    const account = must(await getCustomer({ client: manager.client, path: { id: customerId } }));
    expect(account).toMatchObject({
      id: customerId,
      erpCustomerId: 'K-ACC-1',
      health: null,
      keyAccountClass: null,
    });
    expect(account.contracts.map((c) => c.id).sort()).toEqual(Object.values(contractIds).sort());
    expect(account.contracts.find((c) => c.id === contractIds.cny)).toMatchObject({
      status: 'signed',
      currency: 'CNY',
      totalMinor: 1000000,
      repId: rep1,
    });
    // CNY: 6 000.00 − 500.00 + 2 000.00 = 7 500.00 (the 3 000.00 of 400 days ago is outside); HUF apart.
    expect(account.trailing12MonthRevenue).toMatchObject({
      from: trailingYearStart(day(0)),
      to: day(0),
      totals: [
        { currency: 'CNY', amountMinor: 750000 },
        { currency: 'HUF', amountMinor: 10000000 },
      ],
    });
    expect(account.trailing12MonthRevenue.inReportingCurrency).toEqual({
      currency: 'CNY',
      amountMinor: null,
      rates: [],
      missingRates: ['HUF'],
    });
    expect(account.openLeads.map((lead) => lead.id)).toEqual([leadId]);
    expect(account.recentCallReports).toHaveLength(1);
    expect(account.recentCallReports[0]).toMatchObject({ customerId, repId: rep1, type: 'visit' });
  });

  it('the account’s revenue converts into the reporting currency at the latest rate on or before today, naming it', async () => {
    const admin = await t.signIn(Role.ADMIN);
    must(
      await importExchangeRates({
        client: admin.client,
        body: {
          rows: [
            { rateOn: day(-40), fromCurrency: 'HUF', toCurrency: 'CNY', rate: 0.02 },
            { rateOn: day(-3), fromCurrency: 'HUF', toCurrency: 'CNY', rate: 0.0198 },
          ],
        },
      }),
    );
    const account = must(await getCustomer({ client: manager.client, path: { id: customerId } }));
    // 7 500.00 CNY + 100 000.00 HUF × 0.0198 (1 980.00 CNY) = 9 480.00 CNY.
    expect(account.trailing12MonthRevenue.inReportingCurrency).toEqual({
      currency: 'CNY',
      amountMinor: 948000,
      rates: [{ fromCurrency: 'HUF', toCurrency: 'CNY', rateOn: day(-3), rate: 0.0198 }],
      missingRates: [],
    });
  });

  it('the scheduler classifies key accounts 80/20 by trailing-12-month revenue in the reporting currency', async () => {
    const admin = await t.signIn(Role.ADMIN);
    const another = async (name: string) =>
      (
        await t.dataSource.query(
          `INSERT INTO customers (name, name_key, vendor_id) VALUES ($1, $1, $2) RETURNING id`,
          [name, vendorId],
        )
      )[0].id as string;
    const [second, third, fourth] = [
      await another('KA Second'),
      await another('KA Third'),
      await another('KA Fourth'),
    ];
    const contractFor = async (id: string) => {
      const contract = must(
        await createContract({
          client: manager.client,
          body: {
            customerId: id,
            repId: rep1,
            currency: 'CNY',
            startsOn: day(-100),
            endsOn: day(300),
            lines: [{ productId: widget, quantity: 1 }],
          },
        }),
      );
      must(
        await signContract({
          client: manager.client,
          path: { id: contract.id },
          body: { signedOn: day(-100) },
        }),
      );
      return contract.id;
    };
    await pay(await contractFor(second), 100000, 'CNY', day(-15));
    await pay(await contractFor(third), 50000, 'CNY', day(-15));
    await contractFor(fourth);
    // Total 9 480.00 + 1 000.00 + 500.00 = 10 980.00 CNY; 80 % = 8 784.00, 95 % = 10 431.00.
    // The account (9 480.00, nothing above it) is A; second (9 480.00 above < 10 431.00) B; third (10 480.00 above) C; fourth C.
    expect(
      must(await runCheck({ client: admin.client, path: { name: 'key_accounts' }, body: {} })),
    ).toMatchObject({
      status: 'succeeded',
    });
    const classOf = async (id: string) =>
      must(await getCustomer({ client: manager.client, path: { id } })).keyAccountClass;
    expect([
      await classOf(customerId),
      await classOf(second),
      await classOf(third),
      await classOf(fourth),
    ]).toEqual(['A', 'B', 'C', 'C']);
  });

  it('a vendor manager sees the account with its own vendor’s contracts and revenue only; another vendor gets 404', async () => {
    const account = must(await getCustomer({ client: vendorManager.client, path: { id: customerId } }));
    expect(account.contracts.map((c) => c.id).sort()).toEqual([contractIds.cny, contractIds.huf].sort());
    expect(account.trailing12MonthRevenue.totals).toEqual([
      { currency: 'CNY', amountMinor: 550000 },
      { currency: 'HUF', amountMinor: 10000000 },
    ]);
    const foreign = await getCustomer({ client: otherVendorManager.client, path: { id: customerId } });
    expect(foreign.response.status).toBe(404);
    expect((await getCustomer({ client: t.anonymous, path: { id: customerId } })).response.status).toBe(401);
  });
});
