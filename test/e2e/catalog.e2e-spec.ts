import {
  createBundle,
  createProduct,
  createProductLine,
  getBundle,
  listAuditLog,
  listProducts,
  updateProduct,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

describe('Catalog: product lines, floor prices and bundles', () => {
  let t: TestApp;
  let manager: TestUser;
  let rep: TestUser;
  let lineId: string;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    rep = await t.signIn(Role.REP, {
      vendorId: '5f0c3a8e-1b2d-4c3e-8f9a-0b1c2d3e4f50',
      repId: '5f0c3a8e-1b2d-4c3e-8f9a-0b1c2d3e4f51',
    });
    const line = await createProductLine({
      client: manager.client,
      body: { code: 'sensors', name: 'Sensors' },
    });
    expect(line.response.status).toBe(201);
    lineId = line.data!.id;
  });
  afterAll(() => t.close());

  const count = async (table: string) =>
    Number((await t.dataSource.query(`SELECT count(*) FROM ${table}`))[0].count);

  const product = (sku: string, listPriceMinor: number, floorPriceMinor: number, currency = 'CNY') =>
    createProduct({
      client: manager.client,
      body: { productLineId: lineId, sku, name: sku, currency, listPriceMinor, floorPriceMinor },
    });

  it('creates a product with prices in integer minor units', async () => {
    const { response, data } = await product('PS-100', 128000, 99000);
    expect(response.status).toBe(201);
    expect(data).toMatchObject({
      sku: 'PS-100',
      currency: 'CNY',
      listPriceMinor: 128000,
      floorPriceMinor: 99000,
    });
  });

  it('refuses a floor price above the list price and writes nothing', async () => {
    const before = await count('products');
    const { response, error } = await product('PS-BAD', 1000, 2000);
    expect(response.status).toBe(422);
    expect(error).toMatchObject({ code: 'PRICE_FLOOR_ABOVE_LIST', errors: [{ field: 'floorPriceMinor' }] });
    expect(await count('products')).toBe(before);
  });

  it('refuses an unknown product line and a non-ISO currency', async () => {
    const unknownLine = await createProduct({
      client: manager.client,
      body: {
        productLineId: '0d6f2b1e-8a4c-4f3b-9e2d-7c1a5b4e3f20',
        sku: 'X-1',
        name: 'X',
        currency: 'CNY',
        listPriceMinor: 10,
        floorPriceMinor: 5,
      },
    });
    expect(unknownLine.response.status).toBe(422);
    expect(unknownLine.error).toMatchObject({ code: 'PRODUCT_LINE_UNKNOWN' });
    const badCurrency = await product('X-2', 10, 5, 'XYZ');
    expect(badCurrency.response.status).toBe(400);
    expect(badCurrency.error).toMatchObject({ errors: [{ field: 'currency' }] });
  });

  it('lets every signed-in role read the catalog but only managers write it', async () => {
    const read = await listProducts({ client: rep.client, query: { productLineId: lineId } });
    expect(read.response.status).toBe(200);
    expect(read.data!.data.map((p) => p.sku)).toContain('PS-100');
    const write = await createProductLine({ client: rep.client, body: { code: 'x', name: 'X' } });
    expect(write.response.status).toBe(403);
  });

  it('refuses a price change that puts the floor above the list price', async () => {
    const { data } = await product('PS-150', 5000, 4000);
    const { response, error } = await updateProduct({
      client: manager.client,
      path: { id: data!.id },
      body: { listPriceMinor: 3000 },
    });
    expect(response.status).toBe(422);
    expect(error).toMatchObject({ code: 'PRICE_FLOOR_ABOVE_LIST' });
  });

  describe('bundles', () => {
    let aId: string;
    let bId: string;

    beforeAll(async () => {
      aId = (await product('B-A', 10000, 8000)).data!.id;
      bId = (await product('B-B', 5000, 3000)).data!.id;
    });

    it('accepts a bundle priced at or above the sum of member floor prices', async () => {
      // floor sum = 8000 + 2 × 3000 = 14000
      const { response, data } = await createBundle({
        client: manager.client,
        body: {
          sku: 'KIT-OK',
          name: 'Kit',
          currency: 'CNY',
          priceMinor: 14000,
          items: [
            { productId: aId, quantity: 1 },
            { productId: bId, quantity: 2 },
          ],
        },
      });
      expect(response.status).toBe(201);
      expect(data).toMatchObject({ priceMinor: 14000, floorSumMinor: 14000 });
      expect(data!.items).toHaveLength(2);
    });

    it('refuses a bundle priced below its members’ floor sum and writes nothing', async () => {
      const before = await count('bundles');
      const { response, error } = await createBundle({
        client: manager.client,
        body: {
          sku: 'KIT-CHEAP',
          name: 'Cheap kit',
          currency: 'CNY',
          priceMinor: 13999,
          items: [
            { productId: aId, quantity: 1 },
            { productId: bId, quantity: 2 },
          ],
        },
      });
      expect(response.status).toBe(422);
      expect(error).toMatchObject({ code: 'BUNDLE_BELOW_FLOOR_SUM', floorSumMinor: 14000 });
      expect(await count('bundles')).toBe(before);
      expect(await count('bundle_items')).toBe(2);
    });

    it('refuses a bundle mixing currencies', async () => {
      const eurId = (await product('B-EUR', 100, 50, 'EUR')).data!.id;
      const { response, error } = await createBundle({
        client: manager.client,
        body: {
          sku: 'KIT-MIX',
          name: 'Mixed',
          currency: 'CNY',
          priceMinor: 100000,
          items: [
            { productId: aId, quantity: 1 },
            { productId: eurId, quantity: 1 },
          ],
        },
      });
      expect(response.status).toBe(422);
      expect(error).toMatchObject({ code: 'BUNDLE_CURRENCY_MISMATCH' });
    });

    it('refuses raising a member’s floor price above what an active bundle covers', async () => {
      const { response, error } = await updateProduct({
        client: manager.client,
        path: { id: bId },
        body: { floorPriceMinor: 3500 },
      });
      expect(response.status).toBe(422);
      expect(error).toMatchObject({ code: 'BUNDLE_BELOW_FLOOR_SUM' });
      const kit = await t.dataSource.query(`SELECT id FROM bundles WHERE sku = 'KIT-OK'`);
      const bundle = await getBundle({ client: manager.client, path: { id: kit[0].id } });
      expect(bundle.data!.floorSumMinor).toBe(14000);
    });
  });

  it('records every price change with who, when, before and after', async () => {
    const { data: created } = await product('PS-AUD', 20000, 15000);
    const updated = await updateProduct({
      client: manager.client,
      path: { id: created!.id },
      body: { floorPriceMinor: 16000 },
      headers: { 'If-Match': '"1"' },
    });
    expect(updated.response.status).toBe(200);
    const { data } = await listAuditLog({
      client: manager.client,
      query: { entityType: 'product', entityId: created!.id },
    });
    expect(data!.data.map((entry) => entry.action)).toEqual(['create', 'update']);
    expect(data!.data[1]).toMatchObject({
      actorSubjectId: manager.id,
      actorRole: 'sales_manager',
      changedFields: ['floorPriceMinor'],
      before: { floorPriceMinor: 15000 },
      after: { floorPriceMinor: 16000 },
    });
  });
});
