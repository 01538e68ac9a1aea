import { createContract, createProduct, createRep, signContract } from '../../openapi/sdk';
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
