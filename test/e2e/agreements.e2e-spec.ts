import {
  changeVendorStatus,
  createAgreement,
  getAgreement,
  getVendorEffectiveScope,
  listAuditLog,
  listVendorAgreements,
  updateAgreement,
} from '../../openapi/sdk';
import type { CreateAgreementDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { VendorsService } from '../../src/modules/vendors/vendors.service';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';

describe('Agreements: scope of responsibility, terms, overlap and effective scope', () => {
  let t: TestApp;
  let manager: TestUser;
  let fx: ReturnType<typeof vendorFixtures>;
  let unitId: string;
  let east: { id: string };
  let shanghai: { id: string };
  let budapest: { id: string };
  let sensors: { id: string };
  let valves: { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    fx = vendorFixtures(manager.client);
    unitId = (await fx.salesUnit()).id;
    east = await fx.region('CN');
    shanghai = await fx.region('CN', east.id);
    budapest = await fx.region('HU');
    sensors = await fx.productLine();
    valves = await fx.productLine();
  });
  afterAll(() => t.close());

  const count = async () => Number((await t.dataSource.query('SELECT count(*) FROM agreements'))[0].count);

  const body = (overrides: Partial<CreateAgreementDto> = {}): CreateAgreementDto => ({
    startsOn: '2026-01-01',
    endsOn: '2026-06-30',
    stagesOwned: ['prospecting', 'first_contact'],
    regionIds: [east.id],
    industryCodes: ['manufacturing'],
    productLineIds: [sensors.id],
    commissionRateBps: 800,
    ...overrides,
  });

  it('stores the scope and fee structure as data and names the stages kept in-house', async () => {
    const vendor = await fx.vendor(unitId);
    const { response, data } = await createAgreement({
      client: manager.client,
      path: { vendorId: vendor.id },
      body: body({
        namedAccounts: ['Haier Group'],
        commissionTiers: [
          { minAttainmentPercent: 100, commissionRateBps: 1000 },
          { minAttainmentPercent: 120, commissionRateBps: 1200 },
        ],
        retainerFeeMinor: 2_000_000,
        feeCurrency: 'cny',
        clawbackDays: 90,
        defaultDailyCallQuota: 8,
        defaultWeeklyCallQuota: 35,
        confidential: true,
        ndaSignedOn: '2025-12-15',
      }),
    });
    expect(response.status).toBe(201);
    expect(data).toMatchObject({
      stagesOwned: ['prospecting', 'first_contact'],
      inHouseStages: ['negotiation', 'contract_signing', 'after_sales', 'customer_service'],
      retainerFeeMinor: 2_000_000,
      feeCurrency: 'CNY',
      confidential: true,
      ndaSignedOn: '2025-12-15',
      startsOn: '2026-01-01',
    });
  });

  it('refuses an agreement ending before it starts and writes nothing', async () => {
    const vendor = await fx.vendor(unitId);
    const before = await count();
    const { response, error } = await createAgreement({
      client: manager.client,
      path: { vendorId: vendor.id },
      body: body({ startsOn: '2026-05-01', endsOn: '2026-04-30' }),
    });
    expect(response.status).toBe(422);
    expect(error).toMatchObject({ code: 'AGREEMENT_ENDS_BEFORE_START', errors: [{ field: 'endsOn' }] });
    expect(await count()).toBe(before);
  });

  it('refuses an agreement that overlaps another of the same vendor, by one shared day', async () => {
    const vendor = await fx.vendor(unitId);
    const first = await fx.agreement(vendor.id, body());
    const { response, error } = await createAgreement({
      client: manager.client,
      path: { vendorId: vendor.id },
      body: body({ startsOn: '2026-06-30', endsOn: '2026-12-31' }),
    });
    expect(response.status).toBe(409);
    expect(error).toMatchObject({ code: 'AGREEMENT_OVERLAP', overlappingAgreementId: first.id });
    const next = await createAgreement({
      client: manager.client,
      path: { vendorId: vendor.id },
      body: body({ startsOn: '2026-07-01', endsOn: '2026-12-31' }),
    });
    expect(next.response.status).toBe(201);
    const extend = await updateAgreement({
      client: manager.client,
      path: { id: first.id },
      body: { endsOn: '2026-07-15' },
    });
    expect(extend.response.status).toBe(409);
    expect(extend.error).toMatchObject({ code: 'AGREEMENT_OVERLAP' });
  });

  it('refuses overlap when several requests race for the same dates', async () => {
    const vendor = await fx.vendor(unitId);
    const results = await Promise.all(
      [0, 1, 2].map(() =>
        createAgreement({ client: manager.client, path: { vendorId: vendor.id }, body: body() }),
      ),
    );
    expect(results.map((r) => r.response.status).sort()).toEqual([201, 409, 409]);
    const rows = await t.dataSource.query('SELECT count(*) FROM agreements WHERE vendor_id = $1', [
      vendor.id,
    ]);
    expect(Number(rows[0].count)).toBe(1);
  });

  it('keeps the no-overlap guarantee in the database itself', async () => {
    const vendor = await fx.vendor(unitId);
    await fx.agreement(vendor.id, body());
    await expect(
      t.dataSource.query(
        `INSERT INTO agreements (vendor_id, starts_on, ends_on, commission_rate_bps)
         VALUES ($1, '2026-03-01', '2026-03-31', 0)`,
        [vendor.id],
      ),
    ).rejects.toMatchObject({ driverError: { code: '23P01' } });
  });

  it('allows agreements of different vendors on the same dates', async () => {
    const a = await fx.vendor(unitId);
    const b = await fx.vendor(unitId);
    await fx.agreement(a.id, body());
    expect(
      (await createAgreement({ client: manager.client, path: { vendorId: b.id }, body: body() })).response
        .status,
    ).toBe(201);
  });

  it('refuses unknown regions, product lines and industries with specific codes', async () => {
    const vendor = await fx.vendor(unitId);
    const missing = '1b8e1b8e-1b8e-4b8e-8b8e-1b8e1b8e1b8e';
    const cases: [Partial<CreateAgreementDto>, string][] = [
      [{ regionIds: [missing] }, 'REGION_UNKNOWN'],
      [{ productLineIds: [missing] }, 'PRODUCT_LINE_UNKNOWN'],
      [{ industryCodes: ['alchemy'] }, 'INDUSTRY_UNKNOWN'],
    ];
    for (const [overrides, code] of cases) {
      const { response, error } = await createAgreement({
        client: manager.client,
        path: { vendorId: vendor.id },
        body: body(overrides),
      });
      expect(response.status).toBe(422);
      expect(error).toMatchObject({ code });
    }
  });

  it('refuses negative quotas, a retainer without currency and tiers out of order', async () => {
    const vendor = await fx.vendor(unitId);
    const negative = await createAgreement({
      client: manager.client,
      path: { vendorId: vendor.id },
      body: body({ defaultDailyCallQuota: -1 }),
    });
    expect(negative.response.status).toBe(400);
    expect(negative.error).toMatchObject({ errors: [{ field: 'defaultDailyCallQuota' }] });
    const noCurrency = await createAgreement({
      client: manager.client,
      path: { vendorId: vendor.id },
      body: body({ perLeadFeeMinor: 5000 }),
    });
    expect(noCurrency.error).toMatchObject({
      code: 'AGREEMENT_FEE_INVALID',
      errors: [{ field: 'feeCurrency' }],
    });
    const tiers = await createAgreement({
      client: manager.client,
      path: { vendorId: vendor.id },
      body: body({
        commissionTiers: [
          { minAttainmentPercent: 120, commissionRateBps: 1200 },
          { minAttainmentPercent: 100, commissionRateBps: 1000 },
        ],
      }),
    });
    expect(tiers.error).toMatchObject({ code: 'AGREEMENT_FEE_INVALID' });
  });

  describe('effective scope on a date', () => {
    let vendorId: string;

    beforeAll(async () => {
      vendorId = (await fx.vendor(unitId)).id;
      await fx.agreement(vendorId, body({ defaultDailyCallQuota: 6 }));
      await fx.agreement(
        vendorId,
        body({
          startsOn: '2026-07-01',
          endsOn: '2026-12-31',
          stagesOwned: ['negotiation'],
          regionIds: [budapest.id],
          industryCodes: ['retail'],
          productLineIds: [valves.id],
          defaultDailyCallQuota: 9,
        }),
      );
    });

    const scopeOn = async (on: string) =>
      (await getVendorEffectiveScope({ client: manager.client, path: { id: vendorId }, query: { on } }))
        .data!;

    it('is the agreement in force on the day, with regions inside contracted ones', async () => {
      const spring = await scopeOn('2026-03-15');
      expect(spring).toMatchObject({
        routable: true,
        salesStages: ['prospecting', 'first_contact'],
        industryCodes: ['manufacturing'],
        productLineIds: [sensors.id],
        defaultDailyCallQuota: 6,
      });
      expect(spring.regionIds.sort()).toEqual([east.id, shanghai.id].sort());
      expect(spring.inHouseStages).toContain('contract_signing');
    });

    it('switches to the next agreement on its first day', async () => {
      const lastDay = await scopeOn('2026-06-30');
      const firstDay = await scopeOn('2026-07-01');
      expect(lastDay.productLineIds).toEqual([sensors.id]);
      expect(firstDay).toMatchObject({
        regionIds: [budapest.id],
        productLineIds: [valves.id],
        salesStages: ['negotiation'],
        defaultDailyCallQuota: 9,
      });
    });

    it('is empty and not routable outside every agreement', async () => {
      expect(await scopeOn('2027-01-01')).toMatchObject({
        routable: false,
        agreementIds: [],
        regionIds: [],
        productLineIds: [],
        salesStages: [],
      });
    });

    it('is served to other modules for many vendors in one call', async () => {
      const other = await fx.vendor(unitId);
      const scopes = await t.app
        .get(VendorsService)
        .getEffectiveScopes(t.dataSource.manager, [vendorId, other.id], '2026-03-15');
      expect(scopes.find((s) => s.vendorId === vendorId)!.productLineIds).toEqual([sensors.id]);
      expect(scopes.find((s) => s.vendorId === other.id)).toMatchObject({
        routable: false,
        productLineIds: [],
      });
    });

    it("reads 'today' as each vendor's own calendar day in its time zone", async () => {
      // 2026-06-30 20:00 UTC is already 1 July 04:00 in Shanghai and still 30 June in Budapest (22:00).
      const agreement = { startsOn: '2026-07-01', endsOn: '2026-12-31' };
      const inShanghai = await fx.vendor(unitId, { timezone: 'Asia/Shanghai' });
      const inBudapest = await fx.vendor(unitId, { timezone: 'Europe/Budapest', countryCode: 'HU' });
      await fx.agreement(inShanghai.id, body(agreement));
      await fx.agreement(inBudapest.id, body(agreement));
      const scopes = await t.app
        .get(VendorsService)
        .getEffectiveScopes(
          t.dataSource.manager,
          [inShanghai.id, inBudapest.id],
          new Date('2026-06-30T20:00:00Z'),
        );
      expect(scopes.find((s) => s.vendorId === inShanghai.id)).toMatchObject({
        on: '2026-07-01',
        routable: true,
      });
      expect(scopes.find((s) => s.vendorId === inBudapest.id)).toMatchObject({
        on: '2026-06-30',
        routable: false,
      });
    });

    it('is not routable while the vendor is suspended', async () => {
      const suspended = await fx.vendor(unitId);
      await fx.agreement(suspended.id, body());
      const suspend = await changeVendorStatus({
        client: manager.client,
        path: { id: suspended.id },
        body: { status: 'suspended', reason: 'Audit' },
      });
      expect(suspend.response.status).toBe(200);
      const { data } = await getVendorEffectiveScope({
        client: manager.client,
        path: { id: suspended.id },
        query: { on: '2026-03-15' },
      });
      expect(data).toMatchObject({
        vendorStatus: 'suspended',
        routable: false,
        productLineIds: [sensors.id],
      });
    });
  });

  describe('who may read agreements', () => {
    it('lets a vendor manager read their own agreements but not change them, and not see others', async () => {
      const own = await fx.vendor(unitId);
      const foreign = await fx.vendor(unitId);
      const ownAgreement = await fx.agreement(own.id, body());
      const foreignAgreement = await fx.agreement(foreign.id, body());
      const vendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: own.id });

      const list = await listVendorAgreements({ client: vendorManager.client, path: { vendorId: own.id } });
      expect(list.data!.data.map((a) => a.id)).toEqual([ownAgreement.id]);
      expect(
        (await getAgreement({ client: vendorManager.client, path: { id: ownAgreement.id } })).response.status,
      ).toBe(200);
      expect(
        (await getAgreement({ client: vendorManager.client, path: { id: foreignAgreement.id } })).response
          .status,
      ).toBe(404);
      expect(
        (await listVendorAgreements({ client: vendorManager.client, path: { vendorId: foreign.id } }))
          .response.status,
      ).toBe(404);
      const edit = await updateAgreement({
        client: vendorManager.client,
        path: { id: ownAgreement.id },
        body: { commissionRateBps: 5000 },
      });
      expect(edit.response.status).toBe(403);
      const create = await createAgreement({
        client: vendorManager.client,
        path: { vendorId: own.id },
        body: body(),
      });
      expect(create.response.status).toBe(403);
    });

    it('records agreement changes in the audit log', async () => {
      const vendor = await fx.vendor(unitId);
      const agreement = await fx.agreement(vendor.id, body());
      await updateAgreement({
        client: manager.client,
        path: { id: agreement.id },
        body: { commissionRateBps: 950 },
      });
      const { data } = await listAuditLog({
        client: manager.client,
        query: { entityType: 'agreement', entityId: agreement.id },
      });
      expect(data!.data[1]).toMatchObject({
        action: 'update',
        changedFields: ['commissionRateBps'],
        before: { commissionRateBps: 800 },
        after: { commissionRateBps: 950 },
      });
    });
  });
});
