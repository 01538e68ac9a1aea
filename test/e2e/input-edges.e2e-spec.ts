import {
  createApiClient,
  createToken,
  createUser,
  createVendor,
  createWebhookSubscription,
  importLeadsCsv,
  listVendors,
  updateApiClient,
  updateWebhookSubscription,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

/** A JSON value nested `depth` levels deep: {"a":{"a":…}}. */
function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
}

/** The same as JSON text, written by hand: the SDK's serializer would overflow its own stack. */
const nestedJson = (depth: number): string => '{"a":'.repeat(depth) + '"leaf"' + '}'.repeat(depth);

interface Problem {
  status: number;
  code: string;
  errors?: { field: string; message: string }[];
}

describe('No input gives a 500: refused 4xx problem+json with a stable code, nothing written', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ requestTimeoutMs: 1500 });
    admin = await t.signIn(Role.ADMIN);
  });
  afterAll(() => t.close());

  const count = async (table: string) =>
    Number((await t.dataSource.query(`SELECT count(*) FROM ${table}`))[0].count);

  function expectProblem(response: Response, error: unknown, status: number, code: string): Problem {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(error).toMatchObject({ status, code });
    return error as Problem;
  }

  describe('deep nesting is refused before validation', () => {
    it('refuses a body nested thousands of levels deep on the public token route', async () => {
      const { response, error } = await createToken({
        client: t.anonymous,
        body: {} as never,
        bodySerializer: () => `{"grant_type":"password","username":${nestedJson(5000)},"password":"x"}`,
      });
      const problem = expectProblem(response, error, 400, 'INPUT_NESTED_TOO_DEEP');
      expect(problem.errors?.[0].field).toMatch(/^username(\.a)+$/);
    });

    it('refuses a deeply nested body on an authenticated JSON route and writes nothing', async () => {
      const before = await count('vendors');
      const { response, error } = await createVendor({
        client: admin.client,
        body: { name: 'Deep Kft.', tags: [nested(3000)] } as never,
      });
      expectProblem(response, error, 400, 'INPUT_NESTED_TOO_DEEP');
      expect(await count('vendors')).toBe(before);
    });
  });

  describe('NUL (U+0000) anywhere in text is refused', () => {
    it('refuses a NUL in a body field and writes nothing', async () => {
      const before = await count('api_clients');
      const { response, error } = await createApiClient({
        client: admin.client,
        body: { name: 'Kingdee\u0000ERP' },
      });
      const problem = expectProblem(response, error, 400, 'TEXT_INVALID_CHARACTER');
      expect(problem.errors).toEqual([{ field: 'name', message: expect.stringContaining('U+0000') }]);
      expect(await count('api_clients')).toBe(before);
    });

    it('refuses a NUL in a list filter', async () => {
      const { response, error } = await listVendors({
        client: admin.client,
        query: { search: 'Bud\u0000a' },
      });
      const problem = expectProblem(response, error, 400, 'TEXT_INVALID_CHARACTER');
      expect(problem.errors?.[0].field).toBe('query.search');
    });

    it('refuses a NUL in a CSV cell and imports no row', async () => {
      const before = await count('leads');
      const { response, error } = await importLeadsCsv({
        client: admin.client,
        body: 'companyName,contactPhone\nAlpha\u0000 Kft.,+36301234567\nBeta Kft.,+36301234568\n',
      });
      expectProblem(response, error, 400, 'TEXT_INVALID_CHARACTER');
      expect(await count('leads')).toBe(before);
    });

    it('refuses a NUL in the token request', async () => {
      const { response, error } = await createToken({
        client: t.anonymous,
        body: { grant_type: 'password', username: `${admin.email}\u0000`, password: admin.password },
      });
      expectProblem(response, error, 400, 'TEXT_INVALID_CHARACTER');
    });

    it('refuses a NUL in an object key', async () => {
      const { response, error } = await createApiClient({
        client: admin.client,
        body: { name: 'ok', 'x\u0000': 1 } as never,
      });
      expectProblem(response, error, 400, 'TEXT_INVALID_CHARACTER');
    });
  });

  it('refuses a lone UTF-16 surrogate in an email and writes nothing', async () => {
    const before = await count('users');
    const { response, error } = await createUser({
      client: admin.client,
      body: {
        email: 'kovacs\ud800@example.hu',
        displayName: 'Kovács Péter',
        password: 'long-enough-password',
        role: 'sales_manager',
      },
    });
    const problem = expectProblem(response, error, 400, 'TEXT_INVALID_CHARACTER');
    expect(problem.errors?.[0]).toMatchObject({
      field: 'email',
      message: expect.stringContaining('surrogate'),
    });
    expect(await count('users')).toBe(before);
  });

  it('keeps well-formed text outside the BMP (an emoji, a rare Chinese character)', async () => {
    const { response } = await createApiClient({ client: admin.client, body: { name: '𠮷野家 ERP 🚀' } });
    expect(response.status).toBe(201);
  });

  describe('null for a field the contract does not mark nullable', () => {
    it('refuses null for the not-null fields of an API client PATCH and changes nothing', async () => {
      const { data: client } = await createApiClient({
        client: admin.client,
        body: { name: 'ERP null test' },
      });
      for (const body of [{ name: null }, { active: null }]) {
        const { response, error } = await updateApiClient({
          client: admin.client,
          path: { id: client!.id },
          body: body as never,
        });
        const problem = expectProblem(response, error, 400, 'VALIDATION_FAILED');
        expect(problem.errors).toEqual([{ field: Object.keys(body)[0], message: 'must not be null' }]);
      }
      const [row] = await t.dataSource.query('SELECT name, active, version FROM api_clients WHERE id = $1', [
        client!.id,
      ]);
      expect(row).toMatchObject({ name: 'ERP null test', active: true, version: 1 });
    });

    it('refuses eventTypes: null in a webhook subscription PATCH and keeps its event types', async () => {
      const { data: subscription } = await createWebhookSubscription({
        client: admin.client,
        body: { url: 'https://erp.example.com/events', eventTypes: ['alert.raised'] },
      });
      const { response, error } = await updateWebhookSubscription({
        client: admin.client,
        path: { id: subscription!.id },
        body: { eventTypes: null } as never,
      });
      expectProblem(response, error, 400, 'VALIDATION_FAILED');
      const [row] = await t.dataSource.query('SELECT event_types FROM webhook_subscriptions WHERE id = $1', [
        subscription!.id,
      ]);
      expect(row.event_types).toEqual(['alert.raised']);
    });
  });

  describe('errors raised by the web framework are problem+json too', () => {
    it('answers an over-long path parameter with 414 problem+json', async () => {
      const response = await fetch(`${t.baseUrl}/api/v1/users/${'a'.repeat(5000)}`, {
        headers: { authorization: `Bearer ${admin.token}` },
      });
      expect(response.status).toBe(414);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({ status: 414, code: 'URI_TOO_LONG' });
    });

    it('answers over-large headers with 431 problem+json', async () => {
      const response = await fetch(`${t.baseUrl}/api/v1/users`, {
        headers: { authorization: `Bearer ${admin.token}`, 'x-padding': 'a'.repeat(20_000) },
      });
      expect(response.status).toBe(431);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });
    });

    it('answers a content type the route does not take with 415 problem+json', async () => {
      for (const contentType of ['application/xml', 'text/plain']) {
        const response = await fetch(`${t.baseUrl}/api/v1/api-clients`, {
          method: 'POST',
          headers: { authorization: `Bearer ${admin.token}`, 'content-type': contentType },
          body: '{"name":"x"}',
        });
        expect(response.status).toBe(415);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(await response.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
      }
    });
  });
});
