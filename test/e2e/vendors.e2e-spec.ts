import {
  changeVendorStatus,
  createRep,
  createSalesUnit,
  createVendor,
  getRep,
  getVendor,
  listAuditLog,
  listIndustries,
  listVendors,
  updateSalesUnit,
  updateVendor,
} from '../../openapi/sdk';
import type { ListVendorsData } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';

describe('Vendors: registry, sales units and lifecycle', () => {
  let t: TestApp;
  let manager: TestUser;
  let fx: ReturnType<typeof vendorFixtures>;
  let unitId: string;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    fx = vendorFixtures(manager.client);
    unitId = (await fx.salesUnit()).id;
  });
  afterAll(() => t.close());

  const count = async (table: string) =>
    Number((await t.dataSource.query(`SELECT count(*) FROM ${table}`))[0].count);

  describe('reference data', () => {
    it('lists the industry codes leads and agreements use', async () => {
      const { data } = await listIndustries({ client: manager.client });
      expect(data!.map((i) => i.code)).toEqual(expect.arrayContaining(['manufacturing', 'retail']));
    });

    it('refuses to move a sales unit under its own descendant', async () => {
      const root = await fx.salesUnit();
      const child = await fx.salesUnit(root.id);
      const grandchild = await fx.salesUnit(child.id);
      const { response, error } = await updateSalesUnit({
        client: manager.client,
        path: { id: root.id },
        body: { parentId: grandchild.id },
      });
      expect(response.status).toBe(422);
      expect(error).toMatchObject({ code: 'SALES_UNIT_CYCLE' });
    });

    it('refuses a sales unit under an unknown parent', async () => {
      const { response, error } = await createSalesUnit({
        client: manager.client,
        body: {
          code: 'orphan',
          name: 'Orphan',
          kind: 'team',
          parentId: '1b8e1b8e-1b8e-4b8e-8b8e-1b8e1b8e1b8e',
        },
      });
      expect(response.status).toBe(422);
      expect(error).toMatchObject({ code: 'SALES_UNIT_UNKNOWN' });
    });
  });

  describe('registry', () => {
    it('registers a vendor in onboarding and lists the next statuses it may take', async () => {
      const vendor = await fx.vendor(
        unitId,
        { name: 'Budapest Értékesítési Kft.', countryCode: 'HU', timezone: 'Europe/Budapest' },
        false,
      );
      expect(vendor).toMatchObject({
        status: 'onboarding',
        countryCode: 'HU',
        allowedNextStatuses: ['active', 'terminated'],
      });
    });

    it('refuses a bad time zone, phone number and unknown sales unit', async () => {
      const before = await count('vendors');
      const bad = await createVendor({
        client: manager.client,
        body: {
          name: 'Bad',
          kind: 'agency',
          tier: 'gold',
          salesUnitId: unitId,
          countryCode: 'CN',
          timezone: 'Mars/Olympus',
          contactPhone: '13800138000',
        },
      });
      expect(bad.response.status).toBe(400);
      expect((bad.error as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual([
        'contactPhone',
        'timezone',
      ]);
      const unknownUnit = await createVendor({
        client: manager.client,
        body: {
          name: 'Bad',
          kind: 'agency',
          tier: 'gold',
          salesUnitId: '1b8e1b8e-1b8e-4b8e-8b8e-1b8e1b8e1b8e',
          countryCode: 'CN',
          timezone: 'Asia/Shanghai',
        },
      });
      expect(unknownUnit.response.status).toBe(422);
      expect(unknownUnit.error).toMatchObject({ code: 'SALES_UNIT_UNKNOWN' });
      expect(await count('vendors')).toBe(before);
    });

    it('refuses to empty a required field but lets an optional one be cleared', async () => {
      const vendor = await fx.vendor(unitId, { contactName: 'Li Na' });
      const required = await updateVendor({
        client: manager.client,
        path: { id: vendor.id },
        body: { name: null } as never,
      });
      expect(required.response.status).toBe(400);
      expect(required.error).toMatchObject({ errors: [{ field: 'name' }] });
      const optional = await updateVendor({
        client: manager.client,
        path: { id: vendor.id },
        body: { contactName: null },
      });
      expect(optional.data).toMatchObject({ contactName: null });
    });

    it('filters vendors by status, kind, tier and region, page by page', async () => {
      // A fresh sales unit fences off exactly the vendors made here.
      const unit = await fx.salesUnit();
      const china = await fx.region('CN');
      const east = await fx.region('CN', china.id);
      const shanghai = await fx.region('CN', east.id);
      const west = await fx.region('HU');
      await fx.vendor(unit.id, { kind: 'agency', tier: 'gold', homeRegionId: shanghai.id });
      await fx.vendor(unit.id, { kind: 'independent_rep', tier: 'silver', homeRegionId: west.id });
      const covering = await fx.vendor(unit.id, { kind: 'internal_team', tier: 'gold' });
      await fx.agreement(covering.id, {
        startsOn: '2020-01-01',
        endsOn: '2099-12-31',
        regionIds: [china.id],
      });
      await fx.vendor(unit.id, { kind: 'agency', tier: 'bronze' }, false);

      const list = async (query: ListVendorsData['query']) =>
        (await listVendors({ client: manager.client, query: { salesUnitId: unit.id, ...query } })).data!;
      expect((await list({ status: 'onboarding' })).data).toHaveLength(1);
      expect((await list({ kind: 'independent_rep' })).data).toHaveLength(1);
      expect((await list({ tier: 'gold' })).data).toHaveLength(2);
      // East China: the agency seated in Shanghai (inside it) and the team contracted for all of China.
      const inEast = await list({ regionId: east.id });
      expect(inEast.data.map((v) => v.kind).sort()).toEqual(['agency', 'internal_team']);
      expect((await list({ regionId: west.id })).data.map((v) => v.kind)).toEqual(['independent_rep']);
      const first = await list({ limit: 3 });
      expect(first.data).toHaveLength(3);
      const second = await list({ limit: 3, cursor: first.nextCursor! });
      expect(second).toMatchObject({ nextCursor: null });
      expect(second.data).toHaveLength(1);
    });
  });

  describe('status lifecycle', () => {
    it('walks onboarding → active → suspended → active → terminated', async () => {
      const vendor = await fx.vendor(unitId, {}, false);
      for (const status of ['active', 'suspended', 'active', 'terminated'] as const) {
        const { response, data } = await changeVendorStatus({
          client: manager.client,
          path: { id: vendor.id },
          // The onboarding checklist is the subject of vendor-onboarding.e2e-spec.ts; waived here.
          body: { status, reason: `to ${status}`, waiveOnboardingChecklist: true },
        });
        expect(response.status).toBe(200);
        expect(data).toMatchObject({ status, statusReason: `to ${status}` });
      }
    });

    it('refuses an illegal transition with 409 and leaves the status as it was', async () => {
      const vendor = await fx.vendor(unitId, {}, false);
      const { response, error } = await changeVendorStatus({
        client: manager.client,
        path: { id: vendor.id },
        body: { status: 'suspended', reason: 'skip ahead' },
      });
      expect(response.status).toBe(409);
      expect(error).toMatchObject({
        code: 'VENDOR_STATUS_TRANSITION_INVALID',
        currentStatus: 'onboarding',
        allowedNextStatuses: ['active', 'terminated'],
      });
      expect((await getVendor({ client: manager.client, path: { id: vendor.id } })).data!.status).toBe(
        'onboarding',
      );
    });

    it('treats terminated as final', async () => {
      const vendor = await fx.vendor(unitId);
      await changeVendorStatus({
        client: manager.client,
        path: { id: vendor.id },
        body: { status: 'terminated', reason: 'End' },
      });
      const again = await changeVendorStatus({
        client: manager.client,
        path: { id: vendor.id },
        body: { status: 'active', reason: 'Revive' },
      });
      expect(again.response.status).toBe(409);
      expect(again.error).toMatchObject({ code: 'VENDOR_STATUS_TRANSITION_INVALID' });
    });

    it('deactivates the reps of a terminated vendor', async () => {
      const vendor = await fx.vendor(unitId);
      const rep = await createRep({
        client: manager.client,
        body: {
          vendorId: vendor.id,
          fullName: 'Zhou Min',
          grade: 'B',
          capacity: 20,
          timezone: 'Asia/Shanghai',
        },
      });
      await changeVendorStatus({
        client: manager.client,
        path: { id: vendor.id },
        body: { status: 'terminated', reason: 'Breach' },
      });
      const { data } = await getRep({ client: manager.client, path: { id: rep.data!.id } });
      expect(data).toMatchObject({ active: false, inactiveReason: 'Vendor terminated' });
    });

    it('does not change the status through a plain update', async () => {
      const vendor = await fx.vendor(unitId, {}, false);
      const { response } = await updateVendor({
        client: manager.client,
        path: { id: vendor.id },
        body: { status: 'active' } as never,
      });
      expect(response.status).toBe(400);
    });
  });

  describe('who may see and change vendors', () => {
    let own: { id: string };
    let foreign: { id: string };
    let vendorManager: TestUser;

    beforeAll(async () => {
      own = await fx.vendor(unitId);
      foreign = await fx.vendor(unitId);
      vendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: own.id });
    });

    it('lets a vendor manager read their own vendor only; another vendor is 404', async () => {
      expect((await getVendor({ client: vendorManager.client, path: { id: own.id } })).response.status).toBe(
        200,
      );
      const other = await getVendor({ client: vendorManager.client, path: { id: foreign.id } });
      expect(other.response.status).toBe(404);
      const list = await listVendors({ client: vendorManager.client });
      expect(list.data!.data.map((v) => v.id)).toEqual([own.id]);
    });

    it('does not let a vendor manager edit or re-status their vendor', async () => {
      const edit = await updateVendor({
        client: vendorManager.client,
        path: { id: own.id },
        body: { tier: 'platinum' },
      });
      expect(edit.response.status).toBe(403);
      const status = await changeVendorStatus({
        client: vendorManager.client,
        path: { id: own.id },
        body: { status: 'suspended', reason: 'x' },
      });
      expect(status.response.status).toBe(403);
    });
  });

  describe('audit', () => {
    it('records who changed which vendor fields, with before and after, readable per vendor', async () => {
      const vendor = await fx.vendor(unitId);
      const updated = await updateVendor({
        client: manager.client,
        path: { id: vendor.id },
        body: { tier: 'platinum', contactEmail: 'ops@vendor.cn' },
        headers: { 'If-Match': `"${vendor.version}"` },
      });
      expect(updated.response.status).toBe(200);
      const stale = await updateVendor({
        client: manager.client,
        path: { id: vendor.id },
        body: { tier: 'bronze' },
        headers: { 'If-Match': `"${vendor.version}"` },
      });
      expect(stale.response.status).toBe(412);

      const { data } = await listAuditLog({
        client: manager.client,
        query: { entityType: 'vendor', entityId: vendor.id },
      });
      // The fixture activates with the onboarding checklist waived, which is on the record too.
      // (Both written in one transaction, so the two share a time and their order between them is open.)
      expect(data!.data.map((e) => e.action).sort()).toEqual([
        'create',
        'status_change',
        'update',
        'waive_onboarding_checklist',
      ]);
      expect(data!.data.find((e) => e.action === 'update')).toMatchObject({
        actorSubjectId: manager.id,
        changedFields: ['contactEmail', 'tier'],
        before: { tier: 'gold' },
        after: { tier: 'platinum' },
      });

      const vendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendor.id });
      const own = await listAuditLog({
        client: vendorManager.client,
        query: { entityType: 'vendor', entityId: vendor.id },
      });
      expect(own.data!.data).toHaveLength(4);
      const otherManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: (await fx.vendor(unitId)).id });
      const foreign = await listAuditLog({
        client: otherManager.client,
        query: { entityType: 'vendor', entityId: vendor.id },
      });
      expect(foreign.data!.data).toEqual([]);
    });
  });
});
