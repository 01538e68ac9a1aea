import { createContract, createProduct, createRep, importCustomers, signContract } from '../../openapi/sdk';
import type { Client } from '../../openapi/sdk/client';
import type { CreateContractDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import type { TestApp, TestUser } from './test-app';
import { must } from './must';
import { vendorFixtures } from './vendor-fixtures';

export { must } from './must';

/**
 * The world the contract tests sell in: a vendor contracted 2026–2028 for one product line with one rep
 * (Nagy Péter, Budapest), a second vendor to be out of scope, and a CNY product listed at 100 000 fen with
 * a 90 000 floor.
 */
export async function contractWorld(t: TestApp, product: { sku: string; name: string }) {
  const admin: TestUser = await t.signIn(Role.ADMIN);
  const manager: TestUser = await t.signIn(Role.SALES_MANAGER);
  const fx = vendorFixtures(manager.client);
  const lineId = (await fx.productLine()).id;
  const unitId = (await fx.salesUnit()).id;
  const vendorId = (await fx.vendor(unitId)).id;
  const otherVendorId = (await fx.vendor(unitId)).id;
  await fx.agreement(vendorId, { startsOn: '2026-01-01', endsOn: '2028-12-31', productLineIds: [lineId] });
  const repId = must(
    await createRep({
      client: manager.client,
      body: { vendorId, fullName: 'Nagy Péter', grade: 'A', capacity: 40, timezone: 'Europe/Budapest' },
    }),
  ).id;
  const productId = must(
    await createProduct({
      client: manager.client,
      body: {
        productLineId: lineId,
        sku: product.sku,
        name: product.name,
        currency: 'CNY',
        listPriceMinor: 100000,
        floorPriceMinor: 90000,
      },
    }),
  ).id;

  /** A new customer on file (as the ERP would have it). */
  const customer = async (): Promise<string> => {
    const [row]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO customers (name, name_key, erp_customer_id) VALUES ($1, $1, $1) RETURNING id`,
      [`${product.name} customer ${Math.random()}`],
    );
    return row.id;
  };

  /** 2 × 110 000 less 10 % = 198 000 fen, CNY, 2026-01-01 … 2026-12-31, sold by the rep, signed 2026-01-15. */
  const signedContract = async (extra: Partial<CreateContractDto> = {}) => {
    const contract = must(
      await createContract({
        client: manager.client,
        body: {
          customerId: await customer(),
          repId,
          currency: 'CNY',
          startsOn: '2026-01-01',
          endsOn: '2026-12-31',
          lines: [{ productId, quantity: 2, unitPriceMinor: 110000, discountBps: 1000 }],
          ...extra,
        },
      }),
    );
    must(
      await signContract({
        client: manager.client,
        path: { id: contract.id },
        body: { signedOn: '2026-01-15' },
      }),
    );
    return contract;
  };

  return {
    admin,
    manager,
    lineId,
    unitId,
    vendorId,
    otherVendorId,
    repId,
    productId,
    customer,
    signedContract,
  };
}

export type ContractWorld = Awaited<ReturnType<typeof contractWorld>>;

/**
 * `count` draft contracts of one new customer (`key` names its ERP id and product SKU), in a new sales unit
 * for a new CNY product; the i-th has quantity 1 + i. Their ids, in the order they were created.
 */
export async function draftContracts(client: Client, key: string, count: number): Promise<string[]> {
  const fx = vendorFixtures(client);
  const unit = await fx.salesUnit();
  const line = await fx.productLine();
  const product = must(
    await createProduct({
      client,
      body: {
        productLineId: line.id,
        sku: `${key}-1`,
        name: `${key} widget`,
        currency: 'CNY',
        listPriceMinor: 10000,
        floorPriceMinor: 9000,
      },
    }),
  );
  const customer = must(
    await importCustomers({
      client,
      body: { rows: [{ erpCustomerId: `${key}-CONTRACTS`, name: `${key} Zrt.` }] },
    }),
  ).results[0].id!;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const contract = must(
      await createContract({
        client,
        body: {
          salesUnitId: unit.id,
          customerId: customer,
          currency: 'CNY',
          startsOn: '2026-07-01',
          endsOn: '2027-06-30',
          lines: [{ productId: product.id, quantity: 1 + i }],
        },
      }),
    );
    ids.push(contract.id);
  }
  return ids;
}
