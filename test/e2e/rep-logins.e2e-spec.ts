import {
  createRepLogin,
  createToken,
  createUser,
  getMyRep,
  getRep,
  getRepLogin,
  listUsers,
  updateRepLogin,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { routingFixtures } from '../support/routing-fixtures';
import { startTestApp, TEST_PASSWORD, TestApp, TestUser } from '../support/test-app';

describe('Two-level administration: a vendor manager runs the logins of their own reps', () => {
  let t: TestApp;
  let admin: TestUser;
  let fx: ReturnType<typeof routingFixtures>;
  let vendorId: string;
  let otherVendorId: string;
  let manager: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    fx = routingFixtures(admin.client);
    const unitId = (await fx.salesUnit()).id;
    vendorId = (await fx.vendor(unitId)).id;
    otherVendorId = (await fx.vendor(unitId)).id;
    manager = await t.signIn(Role.VENDOR_MANAGER, { vendorId });
  });
  afterAll(() => t.close());

  const signIn = (username: string, password: string) =>
    createToken({ client: t.anonymous, body: { grant_type: 'password', username, password } });

  it('lets a vendor manager give their own rep a login the rep signs in with', async () => {
    const rep = await fx.rep(vendorId, { fullName: 'Li Na' });
    const created = await createRepLogin({
      client: manager.client,
      path: { id: rep.id },
      body: { email: 'Li.Na@Vendor-A.cn', password: 'a-long-rep-password' },
    });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({
      repId: rep.id,
      vendorId,
      email: 'li.na@vendor-a.cn',
      displayName: 'Li Na',
      role: 'rep',
      active: true,
    });
    expect((await getRep({ client: admin.client, path: { id: rep.id } })).data!.userId).toBe(
      created.data!.userId,
    );

    const token = (await signIn('li.na@vendor-a.cn', 'a-long-rep-password')).data!.access_token;
    const me = await getMyRep({ client: t.clientWithToken(token) });
    expect(me.data!.id).toBe(rep.id);

    const second = await createRepLogin({
      client: manager.client,
      path: { id: rep.id },
      body: { email: 'li.na2@vendor-a.cn', password: 'a-long-rep-password' },
    });
    expect(second.response.status).toBe(409);
    expect(second.error).toMatchObject({ code: 'REP_LOGIN_EXISTS' });
  });

  it('lets a vendor manager switch a rep’s login off and reset its password, ending old tokens at once', async () => {
    const rep = await fx.rep(vendorId);
    await createRepLogin({
      client: manager.client,
      path: { id: rep.id },
      body: { email: 'reset.me@vendor-a.cn', password: 'first-password-123' },
    });
    const oldToken = (await signIn('reset.me@vendor-a.cn', 'first-password-123')).data!.access_token;

    const reset = await updateRepLogin({
      client: manager.client,
      path: { id: rep.id },
      body: { password: 'second-password-456' },
    });
    expect(reset.response.status).toBe(200);
    expect((await getMyRep({ client: t.clientWithToken(oldToken) })).response.status).toBe(401);
    expect((await signIn('reset.me@vendor-a.cn', 'first-password-123')).response.status).toBe(401);
    const newToken = (await signIn('reset.me@vendor-a.cn', 'second-password-456')).data!.access_token;
    expect((await getMyRep({ client: t.clientWithToken(newToken) })).response.status).toBe(200);

    const off = await updateRepLogin({
      client: manager.client,
      path: { id: rep.id },
      body: { active: false },
    });
    expect(off.data!.active).toBe(false);
    expect((await getMyRep({ client: t.clientWithToken(newToken) })).response.status).toBe(401);
    expect((await signIn('reset.me@vendor-a.cn', 'second-password-456')).response.status).toBe(401);
  });

  it('leaves a vendor manager unable to create any user but their own vendor’s reps', async () => {
    const usersBefore = (await listUsers({ client: admin.client, query: { limit: 200 } })).data!.data.length;

    // Not through the users API, whatever the role asked for…
    for (const role of ['admin', 'sales_manager', 'vendor_manager', 'rep'] as const) {
      const attempt = await createUser({
        client: manager.client,
        body: {
          email: `sneaky.${role}@vendor-a.cn`,
          displayName: 'Sneaky',
          password: TEST_PASSWORD,
          role,
          vendorId: role === 'vendor_manager' || role === 'rep' ? vendorId : undefined,
        },
      });
      expect(attempt.response.status).toBe(403);
      expect(attempt.error).toMatchObject({ code: 'FORBIDDEN' });
    }

    // …nor a login for another vendor's rep, which does not exist as far as they can tell.
    const foreignRep = await fx.rep(otherVendorId);
    const foreign = await createRepLogin({
      client: manager.client,
      path: { id: foreignRep.id },
      body: { email: 'foreign@vendor-b.cn', password: 'a-long-rep-password' },
    });
    expect(foreign.response.status).toBe(404);
    expect(foreign.error).toMatchObject({ code: 'NOT_FOUND' });
    expect((await getRepLogin({ client: manager.client, path: { id: foreignRep.id } })).response.status).toBe(
      404,
    );
    expect(
      (await updateRepLogin({ client: manager.client, path: { id: foreignRep.id }, body: { active: false } }))
        .response.status,
    ).toBe(404);

    // A rep cannot run logins at all.
    const ownRep = await fx.rep(vendorId);
    const repUser = await t.signIn(Role.REP, { vendorId, repId: ownRep.id });
    const byRep = await createRepLogin({
      client: repUser.client,
      path: { id: ownRep.id },
      body: { email: 'self@vendor-a.cn', password: 'a-long-rep-password' },
    });
    expect(byRep.response.status).toBe(403);

    // Nothing was written but the rep user this test signed in with.
    const usersAfter = (await listUsers({ client: admin.client, query: { limit: 200 } })).data!.data.length;
    expect(usersAfter).toBe(usersBefore + 1);
  });

  it('refuses a bad rep login request with a field error and writes nothing', async () => {
    const rep = await fx.rep(vendorId);
    const bad = await createRepLogin({
      client: manager.client,
      path: { id: rep.id },
      body: { email: 'not-an-email', password: 'short', role: 'admin' } as never,
    });
    expect(bad.response.status).toBe(400);
    expect(bad.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await getRepLogin({ client: manager.client, path: { id: rep.id } })).response.status).toBe(404);
  });

  describe("an admin's user binds only to a vendor that exists and to that vendor's own rep", () => {
    const repUser = (email: string, vendor: string, repId: string) =>
      createUser({
        client: admin.client,
        body: {
          email,
          displayName: 'Bound Rep',
          password: TEST_PASSWORD,
          role: 'rep',
          vendorId: vendor,
          repId,
        },
      });

    it("refuses a rep login bound to another vendor's rep with 422, and writes nothing", async () => {
      const foreignRep = await fx.rep(otherVendorId);
      const attempt = await repUser('cross.bound@vendor-a.cn', vendorId, foreignRep.id);
      expect(attempt.response.status).toBe(422);
      expect(attempt.error).toMatchObject({
        code: 'REFERENCED_ROW_MISSING',
        errors: [expect.objectContaining({ field: 'repId' })],
      });
      const users = (await listUsers({ client: admin.client, query: { limit: 200 } })).data!.data;
      expect(users.some((user) => user.email === 'cross.bound@vendor-a.cn')).toBe(false);
    });

    it('answers an unknown rep id exactly as another vendor’s rep', async () => {
      const attempt = await repUser(
        'ghost.bound@vendor-a.cn',
        vendorId,
        '00000000-0000-4000-8000-000000000042',
      );
      expect(attempt.response.status).toBe(422);
      expect(attempt.error).toMatchObject({ code: 'REFERENCED_ROW_MISSING' });
    });

    it('refuses a user of a vendor that does not exist with 422 VENDOR_UNKNOWN', async () => {
      const attempt = await createUser({
        client: admin.client,
        body: {
          email: 'nowhere.manager@vendor-x.cn',
          displayName: 'Nowhere',
          password: TEST_PASSWORD,
          role: 'vendor_manager',
          vendorId: '00000000-0000-4000-8000-000000000043',
        },
      });
      expect(attempt.response.status).toBe(422);
      expect(attempt.error).toMatchObject({ code: 'VENDOR_UNKNOWN' });
    });

    it('gives a rep a second login through no door: 409 REP_LOGIN_EXISTS', async () => {
      const rep = await fx.rep(vendorId);
      expect((await repUser('first.login@vendor-a.cn', vendorId, rep.id)).response.status).toBe(201);
      const second = await repUser('second.login@vendor-a.cn', vendorId, rep.id);
      expect(second.response.status).toBe(409);
      expect(second.error).toMatchObject({ code: 'REP_LOGIN_EXISTS' });
    });
  });
});
