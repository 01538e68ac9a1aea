import { createUser, getUser, listUsers, updateUser } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

const newUser = (suffix: string) => ({
  email: `person.${suffix}@test.osm`,
  displayName: `Person ${suffix}`,
  password: 'long-enough-password',
  role: 'sales_manager' as const,
});

describe('API mechanics: errors, idempotency, pagination, optimistic locking', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ bodyLimitBytes: 4096 });
    admin = await t.signIn(Role.ADMIN);
  });
  afterAll(() => t.close());

  const countUsers = async () => Number((await t.dataSource.query('SELECT count(*) FROM users'))[0].count);

  describe('problem+json', () => {
    it('answers invalid fields with 400, a stable code and every failing field named', async () => {
      const { response, error } = await createUser({
        client: admin.client,
        body: { ...newUser('x'), email: 'not-an-email', password: 'short' },
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', title: 'Bad request' });
      const fields = (error as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
      expect(fields).toEqual(['email', 'password']);
      expect((error as { requestId: string }).requestId).toBe(response.headers.get('x-request-id'));
    });

    it('rejects unknown fields and writes nothing', async () => {
      const before = await countUsers();
      const { response, error } = await createUser({
        client: admin.client,
        body: { ...newUser('unknown'), isSuperuser: true } as never,
      });
      expect(response.status).toBe(400);
      expect(error).toMatchObject({ errors: [{ field: 'isSuperuser' }] });
      expect(await countUsers()).toBe(before);
    });

    it('answers an unknown id with 404 and a malformed id with 400', async () => {
      const missing = await getUser({
        client: admin.client,
        path: { id: '7a0c51b4-2d3e-4f5a-8b6c-9d0e1f2a3b4c' },
      });
      expect(missing.response.status).toBe(404);
      expect(missing.error).toMatchObject({ code: 'NOT_FOUND' });
      const malformed = await getUser({ client: admin.client, path: { id: 'abc' } });
      expect(malformed.response.status).toBe(400);
    });

    it('answers an unknown route with a problem+json 404', async () => {
      const response = await fetch(`${t.baseUrl}/api/v1/no-such-thing`, {
        headers: { authorization: `Bearer ${admin.token}` },
      });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    });

    it('answers a duplicate email with 409', async () => {
      const first = await createUser({ client: admin.client, body: newUser('dup') });
      expect(first.response.status).toBe(201);
      const second = await createUser({
        client: admin.client,
        body: { ...newUser('dup'), email: 'PERSON.dup@test.osm' },
      });
      expect(second.response.status).toBe(409);
      expect(second.error).toMatchObject({ code: 'EMAIL_TAKEN' });
    });

    it('answers malformed JSON with 400 and a body over the limit with 413', async () => {
      const post = (body: string) =>
        fetch(`${t.baseUrl}/api/v1/users`, {
          method: 'POST',
          headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
          body,
        });
      const malformed = await post('{"email": ');
      expect(malformed.status).toBe(400);
      expect(malformed.headers.get('content-type')).toContain('application/problem+json');
      const tooLarge = await post(JSON.stringify({ ...newUser('big'), displayName: 'x'.repeat(5000) }));
      expect(tooLarge.status).toBe(413);
      expect(await tooLarge.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    });

    it('echoes a caller-supplied X-Request-Id and invents one otherwise', async () => {
      const given = await fetch(`${t.baseUrl}/health/live`, { headers: { 'x-request-id': 'erp-req-42' } });
      expect(given.headers.get('x-request-id')).toBe('erp-req-42');
      const invented = await fetch(`${t.baseUrl}/health/live`);
      expect(invented.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first response for the same key and body, creating one user', async () => {
      const before = await countUsers();
      const headers = { 'Idempotency-Key': 'create-person-1' };
      const first = await createUser({ client: admin.client, body: newUser('idem'), headers });
      const replay = await createUser({ client: admin.client, body: newUser('idem'), headers });
      expect(first.response.status).toBe(201);
      expect(replay.response.status).toBe(201);
      expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.data).toEqual(first.data);
      expect(await countUsers()).toBe(before + 1);
    });

    it('refuses the same key with a different body with 422', async () => {
      const headers = { 'Idempotency-Key': 'create-person-2' };
      await createUser({ client: admin.client, body: newUser('idem2'), headers });
      const reused = await createUser({ client: admin.client, body: newUser('idem3'), headers });
      expect(reused.response.status).toBe(422);
      expect(reused.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    });

    it('answers 409 while the first request with the key is still running', async () => {
      // Hold the key the way a running first request does: its transaction holds the key's advisory lock.
      const holder = t.dataSource.createQueryRunner();
      await holder.startTransaction();
      await holder.query(`SELECT pg_advisory_xact_lock(hashtextextended($1 || E'\\n' || $2, 0))`, [
        admin.id,
        'create-person-3',
      ]);
      try {
        const retry = await createUser({
          client: admin.client,
          body: newUser('inflight'),
          headers: { 'Idempotency-Key': 'create-person-3' },
        });
        expect(retry.response.status).toBe(409);
        expect(retry.error).toMatchObject({ code: 'IDEMPOTENCY_REQUEST_IN_PROGRESS' });
      } finally {
        await holder.rollbackTransaction();
        await holder.release();
      }
    });

    it('frees the key of a failed request, so a retry runs again instead of replaying', async () => {
      const headers = { 'Idempotency-Key': 'create-person-4' };
      const failed = await createUser({
        client: admin.client,
        body: { ...newUser('retry'), role: 'rep' },
        headers,
      });
      expect(failed.response.status).toBe(400);
      const retried = await createUser({
        client: admin.client,
        body: { ...newUser('retry'), role: 'rep' },
        headers,
      });
      expect(retried.response.status).toBe(400);
      expect(retried.response.headers.get('idempotent-replayed')).toBeNull();
    });
  });

  describe('cursor pagination', () => {
    let other: TestApp;
    let otherAdmin: TestUser;

    beforeAll(async () => {
      other = await startTestApp();
      otherAdmin = await other.signIn(Role.ADMIN);
      // 1 admin + 5 managers = 6 users: pages of 3 divide exactly; pages of 4 leave a last page of 2.
      for (let i = 0; i < 5; i++) await createUser({ client: otherAdmin.client, body: newUser(`page${i}`) });
    });
    afterAll(() => other.close());

    const walk = async (limit: number) => {
      const pages: number[] = [];
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const { data } = await listUsers({ client: otherAdmin.client, query: { limit, cursor } });
        pages.push(data!.data.length);
        seen.push(...data!.data.map((u) => u.id));
        cursor = data!.nextCursor ?? undefined;
      } while (cursor);
      return { pages, seen };
    };

    it('returns an empty page with no next cursor when nothing matches', async () => {
      const { data } = await listUsers({ client: otherAdmin.client, query: { role: 'rep' } });
      expect(data).toEqual({ data: [], nextCursor: null });
    });

    it('ends on a full page with no next cursor when the rows divide exactly', async () => {
      const { pages, seen } = await walk(3);
      expect(pages).toEqual([3, 3]);
      expect(new Set(seen).size).toBe(6);
    });

    it('ends on a short last page', async () => {
      const { pages, seen } = await walk(4);
      expect(pages).toEqual([4, 2]);
      expect(new Set(seen).size).toBe(6);
    });

    it('refuses a cursor it did not hand out, and a limit out of range', async () => {
      const bad = await listUsers({ client: otherAdmin.client, query: { cursor: 'garbage' } });
      expect(bad.response.status).toBe(400);
      expect(bad.error).toMatchObject({ code: 'INVALID_CURSOR' });
      const tooMany = await listUsers({ client: otherAdmin.client, query: { limit: 1000 } });
      expect(tooMany.response.status).toBe(400);
    });
  });

  describe('optimistic locking', () => {
    it('sends the version as ETag and refuses a stale If-Match with 412', async () => {
      const created = await createUser({ client: admin.client, body: newUser('lock') });
      const id = created.data!.id;
      const read = await getUser({ client: admin.client, path: { id } });
      const etag = read.response.headers.get('etag')!;
      expect(etag).toBe('"1"');

      const first = await updateUser({
        client: admin.client,
        path: { id },
        body: { displayName: 'A' },
        headers: { 'If-Match': etag },
      });
      expect(first.response.status).toBe(200);
      expect(first.response.headers.get('etag')).toBe('"2"');

      const stale = await updateUser({
        client: admin.client,
        path: { id },
        body: { displayName: 'B' },
        headers: { 'If-Match': etag },
      });
      expect(stale.response.status).toBe(412);
      expect(stale.error).toMatchObject({ code: 'VERSION_MISMATCH', currentVersion: 2 });
      expect((await getUser({ client: admin.client, path: { id } })).data!.displayName).toBe('A');
    });

    it('refuses an If-Match that is not an ETag with 400', async () => {
      const created = await createUser({ client: admin.client, body: newUser('lock2') });
      const bad = await updateUser({
        client: admin.client,
        path: { id: created.data!.id },
        body: { displayName: 'C' },
        headers: { 'If-Match': 'yesterday' },
      });
      expect(bad.response.status).toBe(400);
    });
  });
});

/** The hash the idempotency interceptor computes for POST /api/v1/users with this body. */
