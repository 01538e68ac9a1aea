import {
  createContract,
  createLead,
  createProduct,
  createRegion,
  createRep,
  getAnalysisReport,
  signContract,
} from '../../openapi/sdk';
import type { CreateContractDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';
import { must } from '../support/must';

/**
 * A hand-built region tree CN → CN-GD → CN-GD-SZ, and CN → CN-SH. Leads taken in today: two in CN-GD-SZ,
 * one in CN-GD, one in CN-SH, one in CN itself. Contracts signed on 2026-03-10: 10 000.00 CNY in CN-GD-SZ,
 * 5 000.00 CNY in CN-GD and 1 000.00 EUR in CN-SH.
 */
describe('Analysis report: regions rolled up their tree', () => {
  let t: TestApp;
  let manager: TestUser;
  const range = { from: '2026-01-01', to: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) };
  const measures = ['newLeads' as const, 'bookings' as const];

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    const admin = await t.signIn(Role.ADMIN);
    const region = async (code: string, parentId?: string) =>
      must(
        await createRegion({
          client: admin.client,
          body: { code, name: code, countryCode: 'CN', ...(parentId ? { parentId } : {}) },
        }),
      ).id;
    const cn = await region('CN');
    const gd = await region('CN-GD', cn);
    await region('CN-GD-SZ', gd);
    await region('CN-SH', cn);

    for (const regionCode of ['CN-GD-SZ', 'CN-GD-SZ', 'CN-GD', 'CN-SH', 'CN'])
      must(
        await createLead({
          client: manager.client,
          body: { companyName: `Region ${regionCode} ${Math.random()}`, source: 'web_form', regionCode },
        }),
      );

    const fx = vendorFixtures(manager.client);
    const line = (await fx.productLine()).id;
    const vendor = (await fx.vendor((await fx.salesUnit()).id)).id;
    await fx.agreement(vendor, { startsOn: '2026-01-01', endsOn: '2027-12-31', productLineIds: [line] });
    const rep = must(
      await createRep({
        client: manager.client,
        body: { vendorId: vendor, fullName: 'Rep', grade: 'B', capacity: 20, timezone: 'Asia/Shanghai' },
      }),
    ).id;
    const product = async (currency: string) =>
      must(
        await createProduct({
          client: manager.client,
          body: {
            productLineId: line,
            sku: `RG-${currency}-${Math.random()}`,
            name: currency,
            currency,
            listPriceMinor: 100000,
            floorPriceMinor: 100000,
          },
        }),
      ).id;
    const yuan = await product('CNY');
    const euro = await product('EUR');
    const sign = async (body: Omit<CreateContractDto, 'customerId' | 'repId' | 'startsOn' | 'endsOn'>) => {
      const name = `RG ${Math.random()}`;
      const [customer]: { id: string }[] = await t.dataSource.query(
        `INSERT INTO customers (name, name_key, erp_customer_id) VALUES ($1, $1, $1) RETURNING id`,
        [name],
      );
      const contract = must(
        await createContract({
          client: manager.client,
          body: {
            ...body,
            customerId: customer.id,
            repId: rep,
            startsOn: '2026-03-01',
            endsOn: '2027-02-28',
          },
        }),
      );
      must(
        await signContract({
          client: manager.client,
          path: { id: contract.id },
          body: { signedOn: '2026-03-10' },
        }),
      );
    };
    await sign({ currency: 'CNY', regionCode: 'CN-GD-SZ', lines: [{ productId: yuan, quantity: 10 }] });
    await sign({ currency: 'CNY', regionCode: 'CN-GD', lines: [{ productId: yuan, quantity: 5 }] });
    await sign({ currency: 'EUR', regionCode: 'CN-SH', lines: [{ productId: euro, quantity: 1 }] });
  });
  afterAll(() => t.close());

  const analysis = async (query: Record<string, unknown>) => {
    const { response, data } = await getAnalysisReport({
      client: manager.client,
      query: { ...range, measures, dimensions: ['region'], ...query },
    });
    expect(response.status).toBe(200);
    return data!.rows;
  };

  it('keeps each region on its own without a region level', async () => {
    expect(await analysis({})).toEqual([
      { keys: { region: 'CN' }, newLeads: 1, bookings: [] },
      { keys: { region: 'CN-GD' }, newLeads: 1, bookings: [{ currency: 'CNY', amountMinor: 500000 }] },
      { keys: { region: 'CN-GD-SZ' }, newLeads: 2, bookings: [{ currency: 'CNY', amountMinor: 1000000 }] },
      { keys: { region: 'CN-SH' }, newLeads: 1, bookings: [{ currency: 'EUR', amountMinor: 100000 }] },
    ]);
  });

  it('rolls child regions up into their parent at the level asked, money still per currency', async () => {
    // Level 1: CN-GD-SZ counts under CN-GD (1 + 2 leads, 5 000 + 10 000 CNY); CN stays itself.
    expect(await analysis({ regionLevel: 1 })).toEqual([
      { keys: { region: 'CN' }, newLeads: 1, bookings: [] },
      { keys: { region: 'CN-GD' }, newLeads: 3, bookings: [{ currency: 'CNY', amountMinor: 1500000 }] },
      { keys: { region: 'CN-SH' }, newLeads: 1, bookings: [{ currency: 'EUR', amountMinor: 100000 }] },
    ]);
    // Level 0: everything under CN — 5 leads, 15 000 CNY and 1 000 EUR side by side.
    expect(await analysis({ regionLevel: 0 })).toEqual([
      {
        keys: { region: 'CN' },
        newLeads: 5,
        bookings: [
          { currency: 'CNY', amountMinor: 1500000 },
          { currency: 'EUR', amountMinor: 100000 },
        ],
      },
    ]);
  });

  it('rolls up by period too, one cell per period and ancestor', async () => {
    const rows = await analysis({
      regionLevel: 0,
      measures: ['bookings'],
      dimensions: ['period', 'region'],
      grain: 'year',
    });
    expect(rows).toEqual([
      {
        keys: { period: '2026', region: 'CN' },
        bookings: [
          { currency: 'CNY', amountMinor: 1500000 },
          { currency: 'EUR', amountMinor: 100000 },
        ],
      },
    ]);
  });

  it('filters a region with the regions inside it when a region level is given', async () => {
    // Without a level the filter is the region alone: CN-GD's one lead and 5 000 CNY.
    expect(await analysis({ regionCode: 'CN-GD' })).toEqual([
      { keys: { region: 'CN-GD' }, newLeads: 1, bookings: [{ currency: 'CNY', amountMinor: 500000 }] },
    ]);
    // Level 2 keeps CN-GD-SZ apart but inside the filter.
    expect(await analysis({ regionCode: 'CN-GD', regionLevel: 2 })).toEqual([
      { keys: { region: 'CN-GD' }, newLeads: 1, bookings: [{ currency: 'CNY', amountMinor: 500000 }] },
      { keys: { region: 'CN-GD-SZ' }, newLeads: 2, bookings: [{ currency: 'CNY', amountMinor: 1000000 }] },
    ]);
    // And the total of a rolled-up filter without the region dimension: 3 leads, 15 000 CNY.
    const { data } = await getAnalysisReport({
      client: manager.client,
      query: { ...range, measures, regionCode: 'CN-GD', regionLevel: 1 },
    });
    expect(data!.total).toEqual({
      keys: {},
      newLeads: 3,
      bookings: [{ currency: 'CNY', amountMinor: 1500000 }],
    });
  });

  it('refuses a region level outside 0 to 9', async () => {
    const { response, error } = await getAnalysisReport({
      client: manager.client,
      query: { ...range, measures, dimensions: ['region'], regionLevel: 10 },
    });
    expect(response.status).toBe(400);
    expect((error as { code: string }).code).toBe('VALIDATION_FAILED');
  });
});
