import { approveTarget, createCallReportBatch, getTarget, runCheck } from '../../openapi/sdk';
import type { CreateCallReportDto } from '../../openapi/sdk';
import { targetWorld, TargetWorld } from '../support/target-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** n calls of a rep from a UTC instant on, ten minutes apart. */
const calls = (repId: string, at: string, n: number): CreateCallReportDto[] =>
  Array.from({ length: n }, (_, i) => ({
    repId,
    occurredAt: new Date(Date.parse(at) + i * 600_000).toISOString(),
    type: 'call',
    durationSeconds: 300,
    outcome: 'connected' as const,
  }));

/**
 * The scheduler's review of running targets. November 2026 in China has 21 working days; by Friday
 * 13 November 10 are gone, so the pace asks for 10/21 = 47.62 % of a target by then.
 */
describe('Targets in the scheduler: behind-pace alerts, milestones, locking closed periods', () => {
  let t: TestApp;
  let w: TargetWorld;
  let ahead: string; // rep A1's November calls target
  let behind: string; // rep A3's

  const file = async (batch: CreateCallReportDto[]) => {
    const { response, error } = await createCallReportBatch({
      client: w.manager.client,
      body: { reports: batch },
    });
    if (response.status !== 201) throw new Error(JSON.stringify(error));
  };
  const agreed = async (ownerId: string, periodKey: string, baseValue: number) => {
    const target = await w.target(w.manager.client, {
      metric: 'calls',
      periodKey,
      ownerKind: 'rep',
      ownerId,
      baseValue,
    });
    const { data, error } = await approveTarget({ client: w.manager.client, path: { id: target.id } });
    if (!data) throw new Error(JSON.stringify(error));
    return target.id;
  };
  const run = async (asOf: string) => {
    const { data, error } = await runCheck({
      client: w.admin.client,
      path: { name: 'targets_pace' },
      body: { asOf },
    });
    if (!data) throw new Error(JSON.stringify(error));
    return data;
  };
  const alertOf = async (targetId: string) =>
    t.dataSource.query<{ status: string; severity: string; level: string; repId: string; percent: number }[]>(
      `SELECT status, severity, level, rep_id AS "repId", (data->>'percentOfPace')::float8 AS percent
       FROM alerts WHERE type = 'target_behind_pace' AND subject_id = $1`,
      [targetId],
    );
  const milestones = async (targetId: string) =>
    (
      await t.dataSource.query<{ milestone: number }[]>(
        `SELECT (payload->>'milestone')::int AS milestone FROM webhook_events
         WHERE event_type = 'target.milestone' AND payload->>'targetId' = $1 ORDER BY occurred_at, (payload->>'milestone')::int`,
        [targetId],
      )
    ).map((row) => row.milestone);

  beforeAll(async () => {
    t = await startTestApp();
    w = await targetWorld(t);
    ahead = await agreed(w.repA1, '2026-11', 100);
    behind = await agreed(w.repA3, '2026-11', 100);
    await file([
      ...calls(w.repA1, '2026-11-02T02:00:00Z', 60), // 60 / 47.62 = 126 % of pace
      ...calls(w.repA3, '2026-11-02T02:00:00Z', 10), // 10 / 47.62 = 21.0 % of pace
    ]);
  });
  afterAll(() => t.close());

  it('raises target_behind_pace for a rep at 21 % of pace (below the rep level’s 80 %), critical below half of it, not for a rep ahead', async () => {
    await run('2026-11-13T12:00:00Z');
    expect(await alertOf(behind)).toEqual([
      { status: 'open', severity: 'critical', level: 'rep', repId: w.repA3, percent: 21 },
    ]);
    expect(await alertOf(ahead)).toEqual([]);
  });

  it('sends target.milestone once when a node passes 50 %, then 90 % and 100 % together', async () => {
    // Rep A1: 60 of 100 is past 50 %; a second run sends nothing new.
    await run('2026-11-13T12:00:00Z');
    expect(await milestones(ahead)).toEqual([50]);
    // 45 more: 105 of 100 passes 90 % and 100 % at once.
    await file(calls(w.repA1, '2026-11-12T02:00:00Z', 45));
    await run('2026-11-13T13:00:00Z');
    await run('2026-11-13T14:00:00Z');
    expect(await milestones(ahead)).toEqual([50, 90, 100]);
  });

  it('resolves target_behind_pace when the node is back on pace: 50 of 100 is 105 % of pace', async () => {
    await file(calls(w.repA3, '2026-11-12T02:00:00Z', 40));
    await run('2026-11-13T15:00:00Z');
    expect(await alertOf(behind)).toEqual([expect.objectContaining({ status: 'resolved', repId: w.repA3 })]);
    expect(await milestones(behind)).toEqual([50]);
  });

  it('locks an approved target five days after its period closed, not before', async () => {
    // October ends on 31 October (period end 1 November): still approved on 5 November, locked on the 6th.
    const october = await agreed(w.repA2, '2026-10', 100);
    await run('2026-11-05T12:00:00Z');
    expect((await getTarget({ client: w.manager.client, path: { id: october } })).data).toMatchObject({
      status: 'approved',
    });
    await run('2026-11-06T12:00:00Z');
    expect((await getTarget({ client: w.manager.client, path: { id: october } })).data).toMatchObject({
      status: 'locked',
    });
  });
});
