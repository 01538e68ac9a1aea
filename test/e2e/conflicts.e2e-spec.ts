import {
  clearConflict,
  createConflictDeclaration,
  createRep,
  getVendorEffectiveScope,
  listAuditLog,
  listConflictDeclarations,
  listConflicts,
  updateConflictDeclaration,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';

describe('Conflicts of interest: declaration, detection, clearing and effective scope', () => {
  let t: TestApp;
  let manager: TestUser;
  let fx: ReturnType<typeof vendorFixtures>;
  let unitId: string;
  let sensors: { id: string };
  let valves: { id: string };
  let pumps: { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    fx = vendorFixtures(manager.client);
    unitId = (await fx.salesUnit()).id;
    sensors = await fx.productLine();
    valves = await fx.productLine();
    pumps = await fx.productLine();
  });
  afterAll(() => t.close());

  const contractedVendor = async () => {
    const vendor = await fx.vendor(unitId);
    await fx.agreement(vendor.id, {
      startsOn: '2020-01-01',
      endsOn: '2099-12-31',
      productLineIds: [sensors.id, valves.id],
    });
    return vendor;
  };

  const declaration = (vendorId: string, competingProductLineIds: string[], repId?: string) => ({
    vendorId,
    repId,
    principalName: 'Siemens AG',
    competingLineName: 'SITRANS P',
    category: 'Process instrumentation',
    competingProductLineIds,
  });

  const scopeOf = async (vendorId: string) =>
    (
      await getVendorEffectiveScope({
        client: manager.client,
        path: { id: vendorId },
        query: { on: '2026-05-01' },
      })
    ).data!;

  it('flags a conflict only for declared lines inside the vendor’s agreement scope', async () => {
    const vendor = await contractedVendor();
    const { response, data } = await createConflictDeclaration({
      client: manager.client,
      body: declaration(vendor.id, [sensors.id, pumps.id]),
    });
    expect(response.status).toBe(201);
    expect(data!.conflicts).toHaveLength(1);
    expect(data!.conflicts[0]).toMatchObject({
      productLineId: sensors.id,
      status: 'open',
      vendorId: vendor.id,
    });
  });

  it('removes a line with an uncleared conflict from the effective scope', async () => {
    const vendor = await contractedVendor();
    await createConflictDeclaration({ client: manager.client, body: declaration(vendor.id, [sensors.id]) });
    const scope = await scopeOf(vendor.id);
    expect(scope.productLineIds).toEqual([valves.id]);
    expect(scope.excludedProductLines).toEqual([
      expect.objectContaining({ productLineId: sensors.id, repId: null }),
    ]);
  });

  it('returns the line to the scope once a sales manager clears the conflict with a reason', async () => {
    const vendor = await contractedVendor();
    const { data } = await createConflictDeclaration({
      client: manager.client,
      body: declaration(vendor.id, [sensors.id]),
    });
    const conflictId = data!.conflicts[0].id;
    const cleared = await clearConflict({
      client: manager.client,
      path: { id: conflictId },
      body: { reason: 'Separate teams and customer lists' },
    });
    expect(cleared.response.status).toBe(200);
    expect(cleared.data).toMatchObject({
      status: 'cleared',
      clearReason: 'Separate teams and customer lists',
      clearedBy: manager.id,
    });
    expect((await scopeOf(vendor.id)).productLineIds.sort()).toEqual([sensors.id, valves.id].sort());

    const again = await clearConflict({
      client: manager.client,
      path: { id: conflictId },
      body: { reason: 'again' },
    });
    expect(again.response.status).toBe(409);
    expect(again.error).toMatchObject({ code: 'CONFLICT_ALREADY_CLEARED' });

    const audit = await listAuditLog({
      client: manager.client,
      query: { entityType: 'conflict', entityId: conflictId },
    });
    expect(audit.data!.data.map((e) => e.action)).toEqual(['flag', 'clear']);
  });

  it('flags a declared line when a later agreement brings it into scope', async () => {
    const vendor = await fx.vendor(unitId);
    const declared = await createConflictDeclaration({
      client: manager.client,
      body: declaration(vendor.id, [pumps.id]),
    });
    expect(declared.data!.conflicts).toEqual([]);
    await fx.agreement(vendor.id, {
      startsOn: '2020-01-01',
      endsOn: '2099-12-31',
      productLineIds: [pumps.id],
    });
    const open = await listConflicts({
      client: manager.client,
      query: { vendorId: vendor.id, status: 'open' },
    });
    expect(open.data!.data.map((c) => c.productLineId)).toEqual([pumps.id]);
    expect((await scopeOf(vendor.id)).productLineIds).toEqual([]);
  });

  it('drops the open conflict when the declaration no longer names the line', async () => {
    const vendor = await contractedVendor();
    const { data } = await createConflictDeclaration({
      client: manager.client,
      body: declaration(vendor.id, [sensors.id]),
    });
    const amended = await updateConflictDeclaration({
      client: manager.client,
      path: { id: data!.id },
      body: { competingProductLineIds: [valves.id] },
    });
    expect(amended.data!.conflicts.map((c) => c.productLineId)).toEqual([valves.id]);
    expect((await scopeOf(vendor.id)).productLineIds).toEqual([sensors.id]);
  });

  it('refuses an unknown product line in a declaration', async () => {
    const vendor = await contractedVendor();
    const { response, error } = await createConflictDeclaration({
      client: manager.client,
      body: declaration(vendor.id, ['1b8e1b8e-1b8e-4b8e-8b8e-1b8e1b8e1b8e']),
    });
    expect(response.status).toBe(422);
    expect(error).toMatchObject({ code: 'PRODUCT_LINE_UNKNOWN' });
  });

  describe('scope of vendor managers and reps', () => {
    it('lets a vendor manager declare and list for their own vendor only, and never clear', async () => {
      const own = await contractedVendor();
      const foreign = await contractedVendor();
      await createConflictDeclaration({ client: manager.client, body: declaration(foreign.id, [valves.id]) });
      const vendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: own.id });

      const mine = await createConflictDeclaration({
        client: vendorManager.client,
        body: declaration(own.id, [valves.id]),
      });
      expect(mine.response.status).toBe(201);
      const theirs = await createConflictDeclaration({
        client: vendorManager.client,
        body: declaration(foreign.id, [valves.id]),
      });
      expect(theirs.response.status).toBe(403);
      expect(theirs.error).toMatchObject({ code: 'VENDOR_NOT_MANAGED' });

      const listed = await listConflictDeclarations({ client: vendorManager.client });
      expect(listed.data!.data.map((d) => d.vendorId)).toEqual([own.id]);
      const conflicts = await listConflicts({ client: vendorManager.client });
      expect(conflicts.data!.data.every((c) => c.vendorId === own.id)).toBe(true);

      const clear = await clearConflict({
        client: vendorManager.client,
        path: { id: mine.data!.conflicts[0].id },
        body: { reason: 'self-cleared' },
      });
      expect(clear.response.status).toBe(403);
    });

    it('lets a rep declare for themselves; the conflict names the rep and still removes the line', async () => {
      const vendor = await contractedVendor();
      const rep = await createRep({
        client: manager.client,
        body: {
          vendorId: vendor.id,
          fullName: 'Nagy Péter',
          grade: 'B',
          capacity: 10,
          timezone: 'Europe/Budapest',
        },
      });
      const repUser = await t.signIn(Role.REP, { vendorId: vendor.id, repId: rep.data!.id });
      const declared = await createConflictDeclaration({
        client: repUser.client,
        body: declaration(vendor.id, [valves.id]),
      });
      expect(declared.response.status).toBe(201);
      expect(declared.data).toMatchObject({ repId: rep.data!.id });
      const scope = await scopeOf(vendor.id);
      expect(scope.productLineIds).toEqual([sensors.id]);
      expect(scope.excludedProductLines).toEqual([
        expect.objectContaining({ productLineId: valves.id, repId: rep.data!.id }),
      ]);
    });
  });
});
