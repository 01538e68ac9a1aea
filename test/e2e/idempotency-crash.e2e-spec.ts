import { importLeads } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { IdempotencyService } from '../../src/common/idempotency/idempotency.service';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

/**
 * Exactly once across a crash: an idempotent request's stored answer commits in the same transaction as
 * its work, so a process that dies between the work and the answer leaves neither behind, and the key
 * is free the moment the dying holder's connection is gone.
 */
describe('Idempotency-Key across a crash', () => {
  let t: TestApp;
  let manager: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  const rows = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({ companyName: `${prefix} ${i} Kft.` }));
  const countLeads = async (prefix: string) =>
    Number(
      (await t.dataSource.query('SELECT count(*) FROM leads WHERE company_name LIKE $1', [`${prefix} %`]))[0]
        .count,
    );
  const storedKeys = async (key: string) =>
    Number(
      (await t.dataSource.query('SELECT count(*) FROM idempotency_keys WHERE key = $1', [key]))[0].count,
    );

  it('a batch whose connection dies after the work and before the answer leaves nothing, and its retry runs it once at once', async () => {
    const idempotency = t.app.get(IdempotencyService);
    // The crash: the 200 leads are written, then the process's connection dies before the answer is stored.
    jest.spyOn(idempotency, 'record').mockImplementationOnce(async (em) => {
      await em.query('SELECT pg_terminate_backend(pg_backend_pid())').catch(() => undefined);
      throw new Error('connection lost before the answer was stored');
    });
    const headers = { 'Idempotency-Key': 'crash-batch-1' };
    const body = { rows: rows('Crash batch', 200) };

    const crashed = await importLeads({ client: manager.client, body, headers });
    expect(crashed.response.status).toBeGreaterThanOrEqual(500);
    expect(await countLeads('Crash batch')).toBe(0);
    expect(await storedKeys('crash-batch-1')).toBe(0);

    // The retry neither waits for a stale claim nor finds half a batch: it runs the work once.
    const started = Date.now();
    const retry = await importLeads({ client: manager.client, body, headers });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(retry.response.status).toBe(200);
    expect(retry.response.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.data).toMatchObject({ created: 200, duplicates: 0 });
    expect(await countLeads('Crash batch')).toBe(200);

    // A second retry replays the stored answer: still 200 leads, not 400.
    const again = await importLeads({ client: manager.client, body, headers });
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(again.data).toEqual(retry.data);
    expect(await countLeads('Crash batch')).toBe(200);
  });

  it('a batch that fails after the work and before the answer is rolled back whole, and its retry creates each lead once', async () => {
    const idempotency = t.app.get(IdempotencyService);
    jest.spyOn(idempotency, 'record').mockRejectedValueOnce(new Error('died before the answer was sent'));
    const headers = { 'Idempotency-Key': 'crash-batch-2' };
    const body = { rows: rows('Thrown batch', 50) };

    const failed = await importLeads({ client: manager.client, body, headers });
    expect(failed.response.status).toBe(500);
    expect(await countLeads('Thrown batch')).toBe(0);

    const retry = await importLeads({ client: manager.client, body, headers });
    expect(retry.response.status).toBe(200);
    expect(retry.data).toMatchObject({ created: 50 });
    expect(await countLeads('Thrown batch')).toBe(50);
    expect(await storedKeys('crash-batch-2')).toBe(1);
  });

  it('a retry while the first request still works answers 409 at once instead of waiting or running twice', async () => {
    const idempotency = t.app.get(IdempotencyService);
    const record = idempotency.record.bind(idempotency);
    let letFirstFinish!: () => void;
    const firstMayFinish = new Promise<void>((resolve) => (letFirstFinish = resolve));
    let firstWorked!: () => void;
    const firstHasWorked = new Promise<void>((resolve) => (firstWorked = resolve));
    jest.spyOn(idempotency, 'record').mockImplementationOnce(async (...args) => {
      firstWorked();
      await firstMayFinish;
      return record(...args);
    });
    const headers = { 'Idempotency-Key': 'slow-batch' };
    const body = { rows: rows('Slow batch', 30) };

    const first = importLeads({ client: manager.client, body, headers });
    await firstHasWorked;
    const started = Date.now();
    const retry = await importLeads({ client: manager.client, body, headers });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(retry.response.status).toBe(409);
    expect(retry.error).toMatchObject({ code: 'IDEMPOTENCY_REQUEST_IN_PROGRESS' });

    letFirstFinish();
    expect((await first).data).toMatchObject({ created: 30 });
    const replay = await importLeads({ client: manager.client, body, headers });
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    expect(await countLeads('Slow batch')).toBe(30);
  });
});
