import { listCheckRuns, runCheck } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { CheckRunnerService } from '../../src/modules/scheduler/checks/check-runner.service';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

/** The advisory lock a run of a check holds while it runs (CheckRunnerService's namespace and key). */
const CHECK_LOCK = 'SELECT pg_advisory_xact_lock(7020002, hashtext($1))';

describe('scheduler: a manual run and a tick of the same check', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
  });
  afterAll(() => t.close());

  /** Holds the check's lock from another connection, as a run in progress does, until `release` is called. */
  const holdCheckLock = async (checkName: string) => {
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query(CHECK_LOCK, [checkName]);
    return async () => {
      await runner.commitTransaction();
      await runner.release();
    };
  };

  const scheduledRunsOf = async (checkName: string) =>
    (await listCheckRuns({ client: admin.client, query: { checkName, limit: 200 } })).data!.data.filter(
      (run) => run.trigger === 'schedule',
    );

  it('a manual run while the check is running is refused with 409 CHECK_ALREADY_RUNNING', async () => {
    const release = await holdCheckLock('failing_webhooks');
    try {
      const refused = await runCheck({ client: admin.client, path: { name: 'failing_webhooks' }, body: {} });
      expect(refused.response.status).toBe(409);
      expect(refused.error).toMatchObject({ code: 'CHECK_ALREADY_RUNNING' });
    } finally {
      await release();
    }
  });

  /** Whether the tick of `tickAt` has recorded a run of every check but the held one (it then waits for that). */
  const onlyHeldCheckLeft = async (tickAt: string) => {
    for (let attempt = 0; attempt < 600; attempt++) {
      const [{ n }] = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM check_runs WHERE trigger = 'schedule' AND tick_at = $1`,
        [tickAt],
      );
      if (n === 27) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  };

  it("a tick's run waits for a run of the same check in progress and then runs, rather than failing", async () => {
    const release = await holdCheckLock('failing_webhooks');
    const tick = t.app.get(CheckRunnerService).tick(new Date('2026-11-23T11:00:09Z'));
    try {
      // The tick runs the other checks, then waits for the held one; its run is not recorded yet.
      expect(await onlyHeldCheckLeft('2026-11-23T11:00:00Z')).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await scheduledRunsOf('failing_webhooks')).toHaveLength(0);
    } finally {
      await release();
    }
    const runs = await tick;
    expect(runs.find((run) => run.checkName === 'failing_webhooks')).toMatchObject({ status: 'succeeded' });
    const [scheduled] = await scheduledRunsOf('failing_webhooks');
    expect(scheduled).toMatchObject({ status: 'succeeded', tickAt: '2026-11-23T11:00:00.000Z', error: null });
  });

  it('a replica that dies in the middle of a check leaves no claim: another replica runs the check in the same tick', async () => {
    // The dying replica: it has claimed the tick's run of the check and holds the check, uncommitted.
    const dying = t.dataSource.createQueryRunner();
    await dying.connect();
    await dying.startTransaction();
    await dying.query(CHECK_LOCK, ['idle_reps']);
    await dying.query(
      `INSERT INTO check_runs (check_name, trigger, tick_at, as_of, status, started_at)
       VALUES ('idle_reps', 'schedule', '2026-11-23T12:00:00Z', '2026-11-23T12:00:00Z', 'running', now())`,
    );
    const [{ pid }] = (await dying.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
    const tick = t.app.get(CheckRunnerService).tick(new Date('2026-11-23T12:00:31Z'));
    expect(await onlyHeldCheckLeft('2026-11-23T12:00:00Z')).toBe(true);
    // The replica's process is killed: its connection goes, and with it the claim and the lock.
    await t.dataSource.query('SELECT pg_terminate_backend($1)', [pid]);
    await dying.release().catch(() => undefined);
    const runs = await tick;
    expect(runs.find((run) => run.checkName === 'idle_reps')).toMatchObject({ status: 'succeeded' });
    const scheduled = (await scheduledRunsOf('idle_reps')).filter(
      (run) => run.tickAt === '2026-11-23T12:00:00.000Z',
    );
    expect(scheduled).toEqual([expect.objectContaining({ status: 'succeeded', error: null })]);
  });

  it('a manual run left running by a killed process is recorded as failed by the next run of its check', async () => {
    // The killed process had written its manual run's row (outside its transaction) and then died.
    const [abandoned] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO check_runs (check_name, trigger, as_of, status, started_at)
       VALUES ('stale_key_leads', 'manual', now(), 'running', now() - interval '1 hour') RETURNING id`,
    );
    // A run of another check leaves it alone: it holds only its own check's lock.
    await runCheck({ client: admin.client, path: { name: 'idle_reps' }, body: {} });
    const [still] = await t.dataSource.query<{ status: string }[]>(
      'SELECT status FROM check_runs WHERE id = $1',
      [abandoned.id],
    );
    expect(still.status).toBe('running');

    const next = await runCheck({ client: admin.client, path: { name: 'stale_key_leads' }, body: {} });
    expect(next.data).toMatchObject({ status: 'succeeded' });
    const runs = (
      await listCheckRuns({ client: admin.client, query: { checkName: 'stale_key_leads', limit: 200 } })
    ).data!.data;
    expect(runs.find((run) => run.id === abandoned.id)).toMatchObject({
      status: 'failed',
      error: 'The process running the check stopped before it finished',
    });
    expect(runs.find((run) => run.id === next.data!.id)).toMatchObject({ status: 'succeeded' });
  });

  it('a manual run that has just written its row is not taken for an abandoned one', async () => {
    const [fresh] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO check_runs (check_name, trigger, as_of, status, started_at)
       VALUES ('stale_key_leads', 'manual', now(), 'running', now()) RETURNING id`,
    );
    await runCheck({ client: admin.client, path: { name: 'stale_key_leads' }, body: {} });
    const [row] = await t.dataSource.query<{ status: string }[]>(
      'SELECT status FROM check_runs WHERE id = $1',
      [fresh.id],
    );
    expect(row.status).toBe('running');
    await t.dataSource.query('DELETE FROM check_runs WHERE id = $1', [fresh.id]);
  });
});
