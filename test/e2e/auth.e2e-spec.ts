import {
  createApiClient,
  createToken,
  getCurrentPrincipal,
  listUsers,
  updateApiClient,
  updateUser,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';

const VENDOR_ID = '0b1e7c52-5a38-4c47-9f3b-7a4f1d2c9e01';
const REP_ID = '5c2d8e61-0f4b-4a7e-8c39-2b6a1e0d7f02';

describe('auth', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ loginMaxFailures: 3, loginFailureWindowSeconds: 60 });
    admin = await t.signIn(Role.ADMIN);
  });
  afterAll(() => t.close());

  it('issues a bearer token for a user whose password is right', async () => {
    const { data, response } = await createToken({
      client: t.anonymous,
      body: { grant_type: 'password', username: admin.email.toUpperCase(), password: admin.password },
    });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const me = await getCurrentPrincipal({ client: t.clientWithToken(data!.access_token) });
    expect(me.data).toMatchObject({ subjectId: admin.id, role: 'admin', kind: 'user', vendorId: null });
  });

  it('refuses a grant without the fields its grant type requires with 400 naming each field', async () => {
    // The SDK's types already refuse these bodies (one schema per grant type); the server refuses them too.
    type TokenBody = Parameters<typeof createToken>[0]['body'];
    const withoutPassword = await createToken({
      client: t.anonymous,
      body: { grant_type: 'password', username: admin.email } as unknown as TokenBody,
    });
    const withoutSecret = await createToken({
      client: t.anonymous,
      body: { grant_type: 'client_credentials', client_id: 'osm_erp_7f3a9c' } as unknown as TokenBody,
    });
    const withoutAnything = await createToken({
      client: t.anonymous,
      body: { grant_type: 'client_credentials' } as unknown as TokenBody,
    });
    for (const answer of [withoutPassword, withoutSecret, withoutAnything]) {
      expect(answer.response.status).toBe(400);
      expect(answer.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    const fields = (error: unknown) =>
      [...new Set((error as { errors: { field: string }[] }).errors.map((e) => e.field))].sort();
    expect(fields(withoutPassword.error)).toEqual(['password']);
    expect(fields(withoutSecret.error)).toEqual(['client_secret']);
    expect(fields(withoutAnything.error)).toEqual(['client_id', 'client_secret']);
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const wrong = await createToken({
      client: t.anonymous,
      body: { grant_type: 'password', username: admin.email, password: 'not-the-password' },
    });
    const unknown = await createToken({
      client: t.anonymous,
      body: { grant_type: 'password', username: 'nobody@test.osm', password: 'whatever-password' },
    });
    expect(wrong.response.status).toBe(401);
    expect(unknown.response.status).toBe(401);
    expect(wrong.response.headers.get('content-type')).toContain('application/problem+json');
    const strip = (body: unknown) => ({ ...(body as object), requestId: undefined });
    expect(strip(wrong.error)).toEqual(strip(unknown.error));
    expect(wrong.error).toMatchObject({ code: 'INVALID_CREDENTIALS', status: 401 });
  });

  it('throttles an identifier after repeated failed sign-ins, even with the right password', async () => {
    const victim = await t.signIn(Role.SALES_MANAGER);
    for (let i = 0; i < 3; i++) {
      const failed = await createToken({
        client: t.anonymous,
        body: { grant_type: 'password', username: victim.email, password: `wrong-${i}` },
      });
      expect(failed.response.status).toBe(401);
    }
    const blocked = await createToken({
      client: t.anonymous,
      body: { grant_type: 'password', username: victim.email, password: victim.password },
    });
    expect(blocked.response.status).toBe(429);
    expect(blocked.error).toMatchObject({ code: 'TOO_MANY_LOGIN_FAILURES' });
    expect(Number(blocked.response.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses a deactivated user a new token', async () => {
    const leaver = await t.signIn(Role.SALES_MANAGER);
    const done = await updateUser({ client: admin.client, path: { id: leaver.id }, body: { active: false } });
    expect(done.response.status).toBe(200);
    const again = await createToken({
      client: t.anonymous,
      body: { grant_type: 'password', username: leaver.email, password: leaver.password },
    });
    expect(again.response.status).toBe(401);
  });

  it('ends the tokens a user already holds when the user is deactivated', async () => {
    const leaver = await t.signIn(Role.SALES_MANAGER);
    expect((await getCurrentPrincipal({ client: leaver.client })).response.status).toBe(200);
    await updateUser({ client: admin.client, path: { id: leaver.id }, body: { active: false } });
    const after = await getCurrentPrincipal({ client: leaver.client });
    expect(after.response.status).toBe(401);
    expect(after.response.headers.get('content-type')).toContain('application/problem+json');
    // Back on: the old token stays dead, a new sign-in works.
    await updateUser({ client: admin.client, path: { id: leaver.id }, body: { active: true } });
    expect((await getCurrentPrincipal({ client: leaver.client })).response.status).toBe(401);
    const fresh = await createToken({
      client: t.anonymous,
      body: { grant_type: 'password', username: leaver.email, password: leaver.password },
    });
    expect(fresh.response.status).toBe(200);
    expect(
      (await getCurrentPrincipal({ client: t.clientWithToken(fresh.data!.access_token) })).response.status,
    ).toBe(200);
  });

  it('ends the other sessions of a user whose password is changed', async () => {
    const user = await t.signIn(Role.SALES_MANAGER);
    await updateUser({
      client: admin.client,
      path: { id: user.id },
      body: { password: 'a-brand-new-password' },
    });
    expect((await getCurrentPrincipal({ client: user.client })).response.status).toBe(401);
    const fresh = await createToken({
      client: t.anonymous,
      body: { grant_type: 'password', username: user.email, password: 'a-brand-new-password' },
    });
    expect(fresh.response.status).toBe(200);
  });

  it('accepts at once on another replica a token issued after a password change there', async () => {
    const replica = await startTestApp(
      { loginMaxFailures: 3, loginFailureWindowSeconds: 60 },
      { shareDatabaseWith: t },
    );
    try {
      const user = await t.signIn(Role.SALES_MANAGER);
      const onReplica = (token: string) =>
        getCurrentPrincipal({ client: replica.clientWithToken(token) }).then((r) => r.response.status);
      expect(await onReplica(user.token)).toBe(200); // the replica now holds the user's standing
      await updateUser({
        client: admin.client,
        path: { id: user.id },
        body: { password: 'another-new-password' },
      });
      const fresh = await createToken({
        client: t.anonymous,
        body: { grant_type: 'password', username: user.email, password: 'another-new-password' },
      });
      expect(await onReplica(fresh.data!.access_token)).toBe(200);
      // Having read the new generation, the replica refuses the old token too.
      expect(await onReplica(user.token)).toBe(401);
    } finally {
      await replica.close();
    }
  });

  it('ends an integration client’s access at once when an admin switches it off', async () => {
    const created = await createApiClient({ client: admin.client, body: { name: 'Leaked ERP' } });
    const { id, clientId, clientSecret } = created.data!;
    const token = await createToken({
      client: t.anonymous,
      body: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
    });
    const erp = t.clientWithToken(token.data!.access_token);
    expect((await getCurrentPrincipal({ client: erp })).response.status).toBe(200);

    const stale = await updateApiClient({
      client: admin.client,
      path: { id },
      headers: { 'if-match': '"99"' },
      body: { active: false },
    });
    expect(stale.response.status).toBe(412);
    const off = await updateApiClient({ client: admin.client, path: { id }, body: { active: false } });
    expect(off.response.status).toBe(200);
    expect(off.data).toMatchObject({ active: false, version: 2 });
    expect((await getCurrentPrincipal({ client: erp })).response.status).toBe(401);
    const again = await createToken({
      client: t.anonymous,
      body: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
    });
    expect(again.response.status).toBe(401);
    const missing = await updateApiClient({
      client: admin.client,
      path: { id: '1b8e1b8e-1b8e-4b8e-8b8e-1b8e1b8e1b8e' },
      body: { active: false },
    });
    expect(missing.response.status).toBe(404);
    const bad = await updateApiClient({ client: admin.client, path: { id }, body: { name: '' } });
    expect(bad.response.status).toBe(400);
    const rep = await t.signIn(Role.SALES_MANAGER);
    const forbidden = await updateApiClient({ client: rep.client, path: { id }, body: { active: true } });
    expect(forbidden.response.status).toBe(403);
  });

  it('issues a token to an integration client by client credentials, bound to its vendor', async () => {
    const fx = vendorFixtures(admin.client);
    const vendorId = (await fx.vendor((await fx.salesUnit()).id)).id;
    const created = await createApiClient({
      client: admin.client,
      body: { name: 'ERP', vendorId },
    });
    expect(created.response.status).toBe(201);
    const { clientId, clientSecret } = created.data!;
    const token = await createToken({
      client: t.anonymous,
      body: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
    });
    expect(token.response.status).toBe(200);
    const me = await getCurrentPrincipal({ client: t.clientWithToken(token.data!.access_token) });
    expect(me.data).toMatchObject({ role: 'integration', kind: 'api_client', vendorId });

    const wrong = await createToken({
      client: t.anonymous,
      body: { grant_type: 'client_credentials', client_id: clientId, client_secret: 'nope' },
    });
    expect(wrong.response.status).toBe(401);
  });

  it('refuses an integration client bound to a vendor that does not exist (422 VENDOR_UNKNOWN)', async () => {
    const created = await createApiClient({
      client: admin.client,
      body: { name: 'Ghost ERP', vendorId: VENDOR_ID },
    });
    expect(created.response.status).toBe(422);
    expect(created.error).toMatchObject({ code: 'VENDOR_UNKNOWN' });
  });

  it('refuses a protected route without a token, with a problem+json 401', async () => {
    const { response, error } = await listUsers({ client: t.anonymous });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  });

  it('refuses a forged or garbled token', async () => {
    const forged = admin.token.slice(0, -4) + (admin.token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await listUsers({ client: t.clientWithToken(forged) })).response.status).toBe(401);
    expect((await listUsers({ client: t.clientWithToken('not-a-jwt') })).response.status).toBe(401);
  });

  it('refuses a role that may not use a route with 403', async () => {
    const manager = await t.signIn(Role.SALES_MANAGER);
    const { response, error } = await listUsers({ client: manager.client });
    expect(response.status).toBe(403);
    expect(error).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('carries the vendor and rep link of a rep in the token', async () => {
    const rep = await t.signIn(Role.REP, { vendorId: VENDOR_ID, repId: REP_ID });
    const me = await getCurrentPrincipal({ client: rep.client });
    expect(me.data).toMatchObject({ role: 'rep', vendorId: VENDOR_ID, repId: REP_ID });
  });
});
