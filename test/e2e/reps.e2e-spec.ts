import { createRep, getMyRep, getRep, listAuditLog, listReps, updateRep } from '../../openapi/sdk';
import type { CreateRepDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { RepsService } from '../../src/modules/vendors/reps.service';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';

describe('Reps: profiles, quotas, tags and who may see them', () => {
  let t: TestApp;
  let manager: TestUser;
  let fx: ReturnType<typeof vendorFixtures>;
  let unitId: string;
  let vendorA: { id: string };
  let vendorB: { id: string };
  let regionId: string;
  let managerA: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    fx = vendorFixtures(manager.client);
    unitId = (await fx.salesUnit()).id;
    regionId = (await fx.region('CN')).id;
    vendorA = await fx.vendor(unitId);
    vendorB = await fx.vendor(unitId);
    await fx.agreement(vendorA.id, {
      startsOn: '2020-01-01',
      endsOn: '2099-12-31',
      defaultDailyCallQuota: 8,
      defaultWeeklyCallQuota: 35,
    });
    managerA = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendorA.id });
  });
  afterAll(() => t.close());

  const count = async () => Number((await t.dataSource.query('SELECT count(*) FROM reps'))[0].count);

  const rep = (vendorId: string, overrides: Partial<CreateRepDto> = {}): CreateRepDto => ({
    vendorId,
    fullName: 'Wang Fang',
    grade: 'B',
    capacity: 40,
    timezone: 'Asia/Shanghai',
    ...overrides,
  });

  it('defaults call quotas from the agreement and lets a rep’s own quota win', async () => {
    const plain = await createRep({ client: manager.client, body: rep(vendorA.id) });
    expect(plain.response.status).toBe(201);
    expect(plain.data).toMatchObject({
      dailyCallQuota: null,
      agreementDailyCallQuota: 8,
      effectiveDailyCallQuota: 8,
      effectiveWeeklyCallQuota: 35,
    });
    const own = await createRep({ client: manager.client, body: rep(vendorA.id, { dailyCallQuota: 12 }) });
    expect(own.data).toMatchObject({
      dailyCallQuota: 12,
      agreementDailyCallQuota: 8,
      effectiveDailyCallQuota: 12,
    });
    const cleared = await updateRep({
      client: manager.client,
      path: { id: own.data!.id },
      body: { dailyCallQuota: null },
    });
    expect(cleared.data).toMatchObject({ dailyCallQuota: null, effectiveDailyCallQuota: 8 });
  });

  it('refuses a negative quota, an unknown time zone and an unknown region, writing nothing', async () => {
    const before = await count();
    const negative = await createRep({
      client: manager.client,
      body: rep(vendorA.id, { weeklyCallQuota: -5 }),
    });
    expect(negative.response.status).toBe(400);
    expect(negative.error).toMatchObject({ errors: [{ field: 'weeklyCallQuota' }] });
    const zone = await createRep({
      client: manager.client,
      body: rep(vendorA.id, { timezone: 'Europe/Atlantis' }),
    });
    expect(zone.response.status).toBe(400);
    const region = await createRep({
      client: manager.client,
      body: rep(vendorA.id, { regionId: '1b8e1b8e-1b8e-4b8e-8b8e-1b8e1b8e1b8e' }),
    });
    expect(region.response.status).toBe(422);
    expect(region.error).toMatchObject({ code: 'REGION_UNKNOWN' });
    expect(await count()).toBe(before);
  });

  it('links a rep only to a login of its own vendor that is not another rep’s, re-checked on a move; unknown and foreign users answer alike', async () => {
    const own = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendorA.id });
    const foreign = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendorB.id });
    const before = await count();
    const answers = [];
    for (const userId of [foreign.id, '1b8e1b8e-1b8e-4b8e-8b8e-1b8e1b8e1b8e']) {
      const refused = await createRep({ client: managerA.client, body: rep(vendorA.id, { userId }) });
      expect(refused.response.status).toBe(422);
      answers.push({ code: refused.error?.code, errors: refused.error?.errors });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toMatchObject({ code: 'REFERENCED_ROW_MISSING', errors: [{ field: 'userId' }] });
    expect(await count()).toBe(before);

    const linked = await createRep({ client: managerA.client, body: rep(vendorA.id, { userId: own.id }) });
    expect(linked.response.status).toBe(201);
    expect(linked.data).toMatchObject({ userId: own.id });

    // Another rep's login cannot be taken over, even within the vendor.
    const other = await createRep({ client: managerA.client, body: rep(vendorA.id) });
    const othersLogin = await t.signIn(Role.REP, { vendorId: vendorA.id, repId: other.data!.id });
    const takeover = await updateRep({
      client: managerA.client,
      path: { id: linked.data!.id },
      body: { userId: othersLogin.id },
    });
    expect(takeover.response.status).toBe(422);
    const ownLogin = await updateRep({
      client: managerA.client,
      path: { id: other.data!.id },
      body: { userId: othersLogin.id },
    });
    expect(ownLogin.response.status).toBe(200);

    // Moving the rep to another vendor re-checks the login it keeps; clearing the login lets it move.
    const move = await updateRep({
      client: manager.client,
      path: { id: linked.data!.id },
      body: { vendorId: vendorB.id },
    });
    expect(move.response.status).toBe(422);
    expect(move.error).toMatchObject({ errors: [{ field: 'userId' }] });
    const unlinkAndMove = await updateRep({
      client: manager.client,
      path: { id: linked.data!.id },
      body: { vendorId: vendorB.id, userId: null },
    });
    expect(unlinkAndMove.response.status).toBe(200);
    expect(unlinkAndMove.data).toMatchObject({ vendorId: vendorB.id, userId: null });
  });

  it('creates and edits more reps at once than the database pool has connections, without a deadlock', async () => {
    // The test app's pool holds 5 connections: a request holding one while waiting for another would hang.
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        createRep({ client: manager.client, body: rep(vendorA.id, { fullName: `Crowd ${i}` }) }),
      ),
    );
    expect(created.map((r) => r.response.status)).toEqual(Array(12).fill(201));
    expect(created.every((r) => r.data!.effectiveDailyCallQuota === 8)).toBe(true);
    const edited = await Promise.all(
      created.map((r) =>
        updateRep({ client: manager.client, path: { id: r.data!.id }, body: { capacity: 41 } }),
      ),
    );
    expect(edited.map((r) => r.response.status)).toEqual(Array(12).fill(200));
  }, 30_000);

  it('requires a reason to deactivate a rep and clears it on reactivation', async () => {
    const { data } = await createRep({ client: manager.client, body: rep(vendorA.id) });
    const noReason = await updateRep({
      client: manager.client,
      path: { id: data!.id },
      body: { active: false },
    });
    expect(noReason.response.status).toBe(400);
    expect(noReason.error).toMatchObject({ errors: [{ field: 'inactiveReason' }] });
    const off = await updateRep({
      client: manager.client,
      path: { id: data!.id },
      body: { active: false, inactiveReason: 'Left the agency' },
    });
    expect(off.data).toMatchObject({ active: false, inactiveReason: 'Left the agency' });
    const on = await updateRep({ client: manager.client, path: { id: data!.id }, body: { active: true } });
    expect(on.data).toMatchObject({ active: true, inactiveReason: null });
  });

  it('lists reps by tag, grade, region and vendor', async () => {
    const vendor = await fx.vendor(unitId);
    await createRep({
      client: manager.client,
      body: rep(vendor.id, {
        fullName: 'Li Lei',
        grade: 'A',
        regionId,
        tags: ['Lang:ZH', 'industry:retail'],
      }),
    });
    await createRep({
      client: manager.client,
      body: rep(vendor.id, { fullName: 'Kovács Anna', grade: 'C', tags: ['lang:hu', 'industry:retail'] }),
    });
    const names = async (query: Record<string, unknown>) =>
      (await listReps({ client: manager.client, query: { vendorId: vendor.id, ...query } })).data!.data.map(
        (r) => r.fullName,
      );
    expect(await names({ tags: ['industry:retail'] })).toEqual(['Kovács Anna', 'Li Lei']);
    expect(await names({ tags: ['lang:zh', 'industry:retail'] })).toEqual(['Li Lei']);
    expect(await names({ grade: 'C' })).toEqual(['Kovács Anna']);
    expect(await names({ regionId })).toEqual(['Li Lei']);
  });

  it('hands lead routing only active reps, with grade weight and effective quotas', async () => {
    const vendor = await fx.vendor(unitId);
    await fx.agreement(vendor.id, { startsOn: '2020-01-01', endsOn: '2099-12-31', defaultDailyCallQuota: 7 });
    const active = await createRep({ client: manager.client, body: rep(vendor.id, { grade: 'A' }) });
    await createRep({
      client: manager.client,
      body: rep(vendor.id, { active: false, inactiveReason: 'On leave' }),
    });
    const routable = await t.app.get(RepsService).findRoutableReps(t.dataSource.manager, [vendor.id]);
    expect(routable).toEqual([
      expect.objectContaining({ id: active.data!.id, routingWeight: 4, effectiveDailyCallQuota: 7 }),
    ]);
  });

  describe('vendor manager scope', () => {
    let foreignRepId: string;

    beforeAll(async () => {
      foreignRepId = (
        await createRep({ client: manager.client, body: rep(vendorB.id, { fullName: 'Foreign' }) })
      ).data!.id;
    });

    it('creates and edits reps of their own vendor', async () => {
      const created = await createRep({
        client: managerA.client,
        body: rep(vendorA.id, { fullName: 'Own rep' }),
      });
      expect(created.response.status).toBe(201);
      const edited = await updateRep({
        client: managerA.client,
        path: { id: created.data!.id },
        body: { grade: 'A' },
      });
      expect(edited.data).toMatchObject({ grade: 'A' });
    });

    it('cannot see another vendor’s reps: 404 on read and edit, absent from lists', async () => {
      expect((await getRep({ client: managerA.client, path: { id: foreignRepId } })).response.status).toBe(
        404,
      );
      const edit = await updateRep({
        client: managerA.client,
        path: { id: foreignRepId },
        body: { grade: 'D' },
      });
      expect(edit.response.status).toBe(404);
      const list = await listReps({ client: managerA.client });
      expect(list.data!.data.every((r) => r.vendorId === vendorA.id)).toBe(true);
      const filtered = await listReps({ client: managerA.client, query: { vendorId: vendorB.id } });
      expect(filtered.data!.data).toEqual([]);
    });

    it('cannot add a rep to a vendor they do not manage', async () => {
      const before = await count();
      const { response, error } = await createRep({ client: managerA.client, body: rep(vendorB.id) });
      expect(response.status).toBe(403);
      expect(error).toMatchObject({ code: 'VENDOR_NOT_MANAGED' });
      expect(await count()).toBe(before);
    });

    it('cannot move a rep to a vendor they do not manage, and the rep stays', async () => {
      const { data } = await createRep({ client: managerA.client, body: rep(vendorA.id) });
      const { response, error } = await updateRep({
        client: managerA.client,
        path: { id: data!.id },
        body: { vendorId: vendorB.id },
      });
      expect(response.status).toBe(403);
      expect(error).toMatchObject({ code: 'VENDOR_NOT_MANAGED' });
      expect((await getRep({ client: manager.client, path: { id: data!.id } })).data!.vendorId).toBe(
        vendorA.id,
      );
    });

    it('lets a sales manager move a rep between vendors, recorded as a move', async () => {
      const { data } = await createRep({ client: manager.client, body: rep(vendorA.id) });
      const moved = await updateRep({
        client: manager.client,
        path: { id: data!.id },
        body: { vendorId: vendorB.id },
      });
      expect(moved.data).toMatchObject({ vendorId: vendorB.id, agreementDailyCallQuota: null });
      const audit = await listAuditLog({
        client: manager.client,
        query: { entityType: 'rep', entityId: data!.id },
      });
      expect(audit.data!.data[1]).toMatchObject({ action: 'move', changedFields: ['vendorId'] });
    });
  });

  describe('a rep’s own view', () => {
    it('shows the signed-in rep themselves and nobody else', async () => {
      const mine = (
        await createRep({ client: manager.client, body: rep(vendorA.id, { fullName: 'Rita Rep' }) })
      ).data!;
      const colleague = (
        await createRep({ client: manager.client, body: rep(vendorA.id, { fullName: 'Colleague' }) })
      ).data!;
      const repUser = await t.signIn(Role.REP, { vendorId: vendorA.id, repId: mine.id });

      const me = await getMyRep({ client: repUser.client });
      expect(me.response.status).toBe(200);
      expect(me.data).toMatchObject({ id: mine.id, fullName: 'Rita Rep', effectiveDailyCallQuota: 8 });
      expect((await getRep({ client: repUser.client, path: { id: colleague.id } })).response.status).toBe(
        404,
      );
      const list = await listReps({ client: repUser.client });
      expect(list.data!.data.map((r) => r.id)).toEqual([mine.id]);
      const edit = await updateRep({
        client: repUser.client,
        path: { id: mine.id },
        body: { capacity: 999 },
      });
      expect(edit.response.status).toBe(403);
    });

    it('is only for reps', async () => {
      expect((await getMyRep({ client: manager.client })).response.status).toBe(403);
    });
  });
});
