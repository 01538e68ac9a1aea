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

  it("a tick's run waits for a run of the same check in progress and then runs, rather than failing", async () => {
    const release = await holdCheckLock('failing_webhooks');
    const tick = t.app.get(CheckRunnerService).tick(new Date('2026-11-23T11:00:09Z'));
    try {
      // The tick reaches the held check and waits there: its run is recorded and still running.
      let waiting: Awaited<ReturnType<typeof scheduledRunsOf>> = [];
      for (let attempt = 0; attempt < 200 && waiting.length === 0; attempt++) {
        waiting = (await scheduledRunsOf('failing_webhooks')).filter((run) => run.status === 'running');
        if (waiting.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(waiting).toHaveLength(1);
    } finally {
      await release();
    }
    const runs = await tick;
    expect(runs.find((run) => run.checkName === 'failing_webhooks')).toMatchObject({ status: 'succeeded' });
    const [scheduled] = await scheduledRunsOf('failing_webhooks');
    expect(scheduled).toMatchObject({ status: 'succeeded', tickAt: '2026-11-23T11:00:00.000Z', error: null });
  });
});
