import { connect } from 'node:net';
import { listUsers } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { quoteIdent, withAdminClient } from '../support/test-database';

describe('Faults: what a client sees when the database or the network misbehaves', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ requestTimeoutMs: 1000 });
    admin = await t.signIn(Role.ADMIN);
  });
  afterAll(() => t.close());

  const allowConnections = (allow: boolean) =>
    withAdminClient(process.env.OSM_TEST_SERVER_URL!, async (client) => {
      await client.query(`ALTER DATABASE ${quoteIdent(t.database)} ALLOW_CONNECTIONS ${allow}`);
      if (!allow) {
        await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [
          t.database,
        ]);
      }
    });

  it('answers 503 problem+json with Retry-After while the database is down, and recovers after', async () => {
    await allowConnections(false);
    try {
      const { response, error } = await listUsers({ client: admin.client });
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(error).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    } finally {
      await allowConnections(true);
    }
    const again = await listUsers({ client: admin.client });
    expect(again.response.status).toBe(200);
  });

  it('cuts off a request whose body trickles in past the request timeout with 408 problem+json', async () => {
    const url = new URL(t.baseUrl);
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(
          'POST /api/v1/api-clients HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
            `Authorization: Bearer ${admin.token}\r\nContent-Length: 1000\r\n\r\n{"name":`,
        );
      });
      let received = '';
      socket.on('data', (chunk) => (received += String(chunk)));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
      // A byte every 300 ms: never idle long, never done.
      const drip = setInterval(() => socket.writable && socket.write(' '), 300);
      socket.on('close', () => clearInterval(drip));
      setTimeout(() => socket.destroy(), 10_000);
    });
    const seconds = (Date.now() - started) / 1000;
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toContain('application/problem+json');
    expect(answer).toContain('"code":"REQUEST_TIMEOUT"');
    // 1 s timeout, checked every second.
    expect(seconds).toBeLessThan(3.5);
  });
});
