import { getLiveness, getMetrics, getReadiness, listUsers } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp } from '../support/test-app';

describe('health and metrics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers liveness without credentials', async () => {
    const { response, data } = await getLiveness({ client: t.anonymous });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ status: 'ok' });
  });

  it('reports ready when the database answers', async () => {
    const { response, data } = await getReadiness({ client: t.anonymous });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('exposes request counts by route and the database pool in Prometheus format', async () => {
    const admin = await t.signIn(Role.ADMIN);
    await listUsers({ client: admin.client });
    const { response, data } = await getMetrics({ client: t.anonymous, parseAs: 'text' });
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = data as unknown as string;
    expect(text).toMatch(/osm_http_requests_total\{method="GET",route="\/api\/v1\/users",status="200"\} 1/);
    expect(text).toMatch(
      /osm_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/v1\/users"\}/,
    );
    expect(text).toMatch(/osm_db_pool_connections [1-9]/);
  });
});

describe('readiness without a database', () => {
  it('answers 503 problem+json when the database is gone', async () => {
    const t = await startTestApp();
    try {
      await t.dataSource.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      await t.dataSource.destroy();
      const { response, error } = await getReadiness({ client: t.anonymous });
      expect(response.status).toBe(503);
      expect(error).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    } finally {
      await t.close();
    }
  });
});
