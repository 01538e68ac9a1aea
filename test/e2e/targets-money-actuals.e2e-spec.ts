import {
  createContract,
  createProduct,
  createRep,
  createTarget,
  getTargetAttainment,
  importTargetActuals,
  postContractPayment,
  signContract,
} from '../../openapi/sdk';
import type { TargetDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';
import { must } from '../support/must';

describe('Targets: money actuals from the contracts’ revenue facts', () => {
  let t: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let vendorId: string;
  let rep1: string;
  let rep2: string;

  const target = async (body: Parameters<typeof createTarget>[0]['body']): Promise<TargetDto> =>
    must(await createTarget({ client: manager.client, body }));
  const attainment = async (id: string) =>
    must(await getTargetAttainment({ client: manager.client, path: { id }, query: { asOf: '2026-06-30' } }))
      .root;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    manager = await t.signIn(Role.SALES_MANAGER);
    const fx = vendorFixtures(manager.client);
    const line = (await fx.productLine()).id;
    const unit = await fx.salesUnit();
    vendorId = (await fx.vendor(unit.id)).id;
    await fx.agreement(vendorId, { startsOn: '2026-01-01', endsOn: '2027-12-31', productLineIds: [line] });
    const rep = async (fullName: string) =>
      must(
        await createRep({
          client: manager.client,
          body: { vendorId, fullName, grade: 'B', capacity: 40, timezone: 'Asia/Shanghai' },
        }),
      ).id;
    rep1 = await rep('Wang Fang');
    rep2 = await rep('Li Na');
    const widget = must(
      await createProduct({
        client: manager.client,
        body: {
          productLineId: line,
          sku: 'W-1',
          name: 'Widget',
          currency: 'CNY',
          listPriceMinor: 100000,
          floorPriceMinor: 80000,
        },
      }),
    ).id;
    const [customer]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO customers (name, name_key, erp_customer_id) VALUES ('Acme', 'acme', 'C-1') RETURNING id`,
    );
    const contract = must(
      await createContract({
        client: manager.client,
        body: {
          customerId: customer.id,
          repId: rep1,
          currency: 'CNY',
          startsOn: '2026-05-01',
          endsOn: '2027-04-30',
          lines: [{ productId: widget, quantity: 3 }],
          credits: [
            { repId: rep1, shareBps: 5000 },
            { repId: rep2, shareBps: 5000 },
          ],
        },
      }),
    );
    must(
      await signContract({
        client: manager.client,
        path: { id: contract.id },
        body: { signedOn: '2026-05-05' },
      }),
    );
    must(
      await postContractPayment({
        client: manager.client,
        path: { id: contract.id },
        body: {
          amountMinor: 100001,
          currency: 'CNY',
          paidOn: '2026-06-02',
          externalSource: 'sap',
          externalId: 'P-1',
        },
      }),
    );
  });
  afterAll(() => t.close());

  it('reads revenue per vendor and rep in the target currency: 1 000.01 paid, credited half to each rep', async () => {
    const month = await target({
      metric: 'revenue',
      periodKey: '2026-06',
      ownerKind: 'vendor',
      ownerId: vendorId,
      currency: 'CNY',
      baseValue: 200_000,
    });
    const child = (ownerId: string, baseValue: number) =>
      target({
        metric: 'revenue',
        periodKey: '2026-06',
        ownerKind: 'rep',
        ownerId,
        currency: 'CNY',
        baseValue,
        parentId: month.id,
        splitAxis: 'org',
      });
    await child(rep1, 100_000);
    await child(rep2, 100_000);
    const root = await attainment(month.id);
    expect(root).toMatchObject({ actual: 100_001, attainmentPercent: 50, currency: 'CNY' });
    // The contracts module gives the odd cent to one of the two equal credits; the reps still add up.
    expect(root.children.map((c) => c.actual).sort()).toEqual([50_000, 50_001]);
    expect(root.children.map((c) => c.ownerId).sort()).toEqual([rep1, rep2].sort());
  });

  it('never adds another currency in: a HUF revenue target of the same vendor sees nothing', async () => {
    const huf = await target({
      metric: 'revenue',
      periodKey: '2026-06',
      ownerKind: 'vendor',
      ownerId: vendorId,
      currency: 'HUF',
      baseValue: 1000,
    });
    expect((await attainment(huf.id)).actual).toBe(0);
  });

  it('books the signed contract total on its signature month and counts the new customer there', async () => {
    const bookings = await target({
      metric: 'bookings',
      periodKey: '2026-05',
      ownerKind: 'vendor',
      ownerId: vendorId,
      currency: 'CNY',
      baseValue: 300_000,
    });
    expect(await attainment(bookings.id)).toMatchObject({
      actual: 300_000,
      attainmentPercent: 100,
      tierReached: 'base',
    });
    const customers = await createTarget({
      client: admin.client,
      body: { metric: 'new_customers', periodKey: '2026-05', ownerKind: 'company', baseValue: 2 },
    });
    expect((await attainment(customers.data!.id)).actual).toBe(1);
  });
  it('shows cost of sales on a sales_expense node: 100.00 of imported expense over 1 000.01 of revenue is 1 000 bps (10 %)', async () => {
    const expense = await target({
      metric: 'sales_expense',
      periodKey: '2026-06',
      ownerKind: 'vendor',
      ownerId: vendorId,
      currency: 'CNY',
      baseValue: 20_000,
    });
    const { response, error } = await importTargetActuals({
      client: manager.client,
      body: {
        rows: [
          {
            metric: 'sales_expense',
            periodKey: '2026-06',
            ownerKind: 'vendor',
            ownerId: vendorId,
            value: 10_000,
            currency: 'CNY',
          },
        ],
      },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBeLessThan(300);
    // 10 000 / 100 001 = 0.099999 → 999.99 bps → 1 000 bps.
    expect(await attainment(expense.id)).toMatchObject({ actual: 10_000, costOfSalesBps: 1000 });
  });
});
