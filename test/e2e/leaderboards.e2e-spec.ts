import { randomUUID } from 'node:crypto';
import {
  createContest,
  createCsatResponse,
  getContestStandings,
  getLeaderboard,
  getLeaderboardSettings,
  listContests,
  reviseScorecardDefinition,
  runCheck,
  updateLeaderboardSettings,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { routingFixtures } from '../support/routing-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { must } from '../support/must';

/**
 * The rep scorecard is revised to CSAT alone, 0 points at a rating of 0 and 100 at 5: a month's score is
 * 20 × its average rating. March 2026: Ann 5 → 100, Bo 4 → 80, Cy 4 → 80 (vendor North), Di 3 → 60
 * (vendor South). Ranked: Ann 1, Bo and Cy share 2, Di 4.
 */
describe('Leaderboards and contests', () => {
  let t: TestApp;
  let manager: TestUser;
  let admin: TestUser;
  let north: string;
  let south: string;
  let region: string;
  const reps: Record<'ann' | 'bo' | 'cy' | 'di', string> = { ann: '', bo: '', cy: '', di: '' };

  const rate = async (repId: string, day: string, rating: number) =>
    must(
      await createCsatResponse({
        client: manager.client,
        body: { repId, contractId: randomUUID(), rating, answeredAt: `2026-03-${day}T10:00:00Z` },
      }),
    );
  const check = async (name: string, asOf: string) =>
    must(await runCheck({ client: admin.client, path: { name }, body: { asOf } }));
  /** Bo and Cy tie: they are listed by id, so which one is position 2 depends on their ids. */
  const tiedOrder = () => [reps.bo, reps.cy].sort();

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    admin = await t.signIn(Role.ADMIN);
    const fx = routingFixtures(manager.client);
    const unitId = (await fx.salesUnit()).id;
    must(
      await reviseScorecardDefinition({
        client: manager.client,
        path: { audience: 'rep' },
        body: {
          kpis: [{ kpi: 'csat', weightPercent: 100, zeroPoint: 0, hundredPoint: 5 }],
          gradeBands: { A: 85, B: 70, C: 50 },
        },
      }),
    );
    north = (await fx.vendor(unitId)).id;
    south = (await fx.vendor(unitId)).id;
    region = (await fx.leadRegion('CN-GD')).id;
    reps.ann = (await fx.rep(north, { fullName: 'Ann North', regionId: region })).id;
    reps.bo = (await fx.rep(north, { fullName: 'Bo North' })).id;
    reps.cy = (await fx.rep(north, { fullName: 'Cy North' })).id;
    reps.di = (await fx.rep(south, { fullName: 'Di South', regionId: region })).id;
    await rate(reps.ann, '02', 5);
    await rate(reps.bo, '03', 4);
    await rate(reps.cy, '04', 4);
    await rate(reps.di, '05', 3);
    // The scheduler's pass on 20 March: March is running, its scores provisional.
    await check('scores_recompute', '2026-03-20T06:00:00Z');
  });
  afterAll(() => t.close());

  it("leaderboard visibility by setting: a rep sees peers' names only when the setting allows", async () => {
    const bo = await t.signIn(Role.REP, { vendorId: north, repId: reps.bo });
    const board = async (
      user: TestUser,
      query: Partial<{ scope: 'company' | 'vendor'; vendorId: string }> = {},
    ) =>
      getLeaderboard({
        client: user.client,
        query: { period: '2026-03', subject: 'rep', scope: 'company', kpi: 'total', ...query },
      });
    const [first, second] = tiedOrder();
    const name = (id: string) =>
      ({ [reps.ann]: 'Ann North', [reps.bo]: 'Bo North', [reps.cy]: 'Cy North', [reps.di]: 'Di South' })[id];
    const rowsOf = (
      data: { name: string; rank: number | null; value: number | null; subjectId: string | null }[],
    ) => data.map((row) => [row.name, row.rank, row.value, row.subjectId]);

    // Default (the seeds): reps see each other's names.
    expect(must(await getLeaderboardSettings({ client: bo.client }))).toEqual({
      repsSeePeerNames: true,
      version: 1,
    });
    const open = must(await board(bo));
    expect(open).toMatchObject({ status: 'provisional', of: 4, repsSeePeerNames: true });
    expect(rowsOf(open.data)).toEqual([
      ['Ann North', 1, 100, reps.ann],
      [name(first), 2, 80, first],
      [name(second), 2, 80, second],
      ['Di South', 4, 60, reps.di],
    ]);
    expect(open.me).toMatchObject({ subjectId: reps.bo, rank: 2, value: 80, self: true, masked: false });

    // Names hidden: Bo sees peers by position only, no id and no vendor, and their own row in full.
    must(await updateLeaderboardSettings({ client: manager.client, body: { repsSeePeerNames: false } }));
    const hidden = must(await board(bo));
    const boPosition = first === reps.bo ? 2 : 3;
    expect(rowsOf(hidden.data)).toEqual([
      ['Rep #1', 1, 100, null],
      boPosition === 2 ? ['Bo North', 2, 80, reps.bo] : ['Rep #2', 2, 80, null],
      boPosition === 3 ? ['Bo North', 2, 80, reps.bo] : ['Rep #3', 2, 80, null],
      ['Rep #4', 4, 60, null],
    ]);
    expect(hidden.data.filter((row) => row.masked).every((row) => row.vendorId === null)).toBe(true);
    expect(hidden.me).toMatchObject({ position: boPosition, subjectId: reps.bo, name: 'Bo North', rank: 2 });

    // The setting hides names from reps only: the sales manager still sees all four.
    expect(must(await board(manager)).data.map((row) => row.name)).toEqual([
      'Ann North',
      name(first),
      name(second),
      'Di South',
    ]);
    // North's vendor manager sees North's reps, ranked among everyone, named; not South's.
    const northManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: north });
    expect(rowsOf(must(await board(northManager)).data)).toEqual([
      ['Ann North', 1, 100, reps.ann],
      [name(first), 2, 80, first],
      [name(second), 2, 80, second],
    ]);
    // A vendor board ranks among the vendor only; another vendor's board is out of scope.
    expect(must(await board(manager, { scope: 'vendor', vendorId: south })).data).toEqual([
      expect.objectContaining({ name: 'Di South', rank: 1, value: 60 }),
    ]);
    expect((await board(northManager, { scope: 'vendor', vendorId: south })).response.status).toBe(404);
    // A region board ranks the region's reps: Ann (100) and Di (60) work Guangdong.
    const regional = must(
      await getLeaderboard({
        client: manager.client,
        query: { period: '2026-03', subject: 'rep', scope: 'region', regionId: region, kpi: 'csat' },
      }),
    );
    expect(rowsOf(regional.data)).toEqual([
      ['Ann North', 1, 100, reps.ann],
      ['Di South', 2, 60, reps.di],
    ]);
    const noRegion = await getLeaderboard({
      client: manager.client,
      query: { period: '2026-03', subject: 'rep', scope: 'region', kpi: 'total' },
    });
    expect(noRegion.response.status).toBe(400);
    expect((noRegion.error as { code?: string }).code).toBe('LEADERBOARD_SCOPE_INVALID');
    must(await updateLeaderboardSettings({ client: manager.client, body: { repsSeePeerNames: true } }));
  });

  it('contest standings are frozen at period end', async () => {
    const contest = must(
      await createContest({
        client: manager.client,
        body: {
          name: 'Rep of March',
          subject: 'rep',
          metric: 'csat',
          period: '2026-03',
          eligibleVendorIds: [north],
          eligibleRepIds: [reps.di],
          prizeTiers: [
            { fromRank: 1, toRank: 1, prize: 'Weekend trip' },
            { fromRank: 2, toRank: 3, prize: 'Voucher' },
          ],
        },
      }),
    );
    expect(contest.status).toBe('running');
    const standings = async () =>
      must(await getContestStandings({ client: manager.client, path: { id: contest.id } }));
    const table = async () =>
      (await standings()).data.map((row) => [row.subjectId, row.rank, row.value, row.prize]);
    const [first, second] = tiedOrder();

    // Live on 20 March: Ann's CSAT 5 → 100 wins the trip; Bo and Cy share rank 2 and its voucher; Di 4th.
    expect(await table()).toEqual([
      [reps.ann, 1, 100, 'Weekend trip'],
      [first, 2, 80, 'Voucher'],
      [second, 2, 80, 'Voucher'],
      [reps.di, 4, 60, null],
    ]);

    // Di is rated 5 on 21 March: (3 + 5) / 2 = 4 → 80, a three-way tie for 2nd, all with a voucher.
    await rate(reps.di, '21', 5);
    await check('scores_recompute', '2026-03-22T06:00:00Z');
    await check('contests_close', '2026-03-22T06:00:00Z');
    const live = await standings();
    expect(live).toMatchObject({ frozen: false, contest: { status: 'running' } });
    expect(live.data.map((row) => [row.rank, row.value, row.prize])).toEqual([
      [1, 100, 'Weekend trip'],
      [2, 80, 'Voucher'],
      [2, 80, 'Voucher'],
      [2, 80, 'Voucher'],
    ]);

    // 1 April: until the scores are final the contest stays open; once scores_recompute finalised
    // March, contests_close stores the standings and closes it.
    await check('contests_close', '2026-04-01T06:00:00Z');
    expect((await standings()).frozen).toBe(false);
    await check('scores_recompute', '2026-04-01T06:00:00Z');
    await check('contests_close', '2026-04-01T06:00:00Z');
    const closed = await standings();
    expect(closed).toMatchObject({ frozen: true, of: 4, contest: { status: 'closed' } });
    expect(closed.data).toEqual(live.data);

    // Read from the frozen rows: even a score changed behind its back (as no API can) moves nothing.
    await t.dataSource.query(`UPDATE scores SET total = 0, kpis = '[]' WHERE subject_id = $1`, [reps.ann]);
    await check('contests_close', '2026-04-02T06:00:00Z');
    expect((await standings()).data).toEqual(live.data);
  });

  it('a contest with no eligible participant is refused', async () => {
    const before = must(await listContests({ client: manager.client })).data.length;
    const refuse = async (body: Partial<Parameters<typeof createContest>[0]['body']>) => {
      const { response, error } = await createContest({
        client: manager.client,
        body: {
          name: 'Nobody',
          subject: 'rep',
          metric: 'total',
          period: '2026-Q2',
          prizeTiers: [{ fromRank: 1, toRank: 1, prize: 'Cup' }],
          ...body,
        },
      });
      return { status: response.status, code: (error as { code?: string } | undefined)?.code };
    };
    // A rep id that is no rep, no list at all, and vendors for a vendor contest naming only a rep.
    expect(await refuse({ eligibleRepIds: [randomUUID()] })).toEqual({
      status: 422,
      code: 'CONTEST_NO_PARTICIPANT',
    });
    expect(await refuse({})).toEqual({ status: 422, code: 'CONTEST_NO_PARTICIPANT' });
    expect(await refuse({ subject: 'vendor', eligibleRepIds: [reps.ann] })).toEqual({
      status: 422,
      code: 'CONTEST_NO_PARTICIPANT',
    });
    expect(
      await refuse({
        eligibleVendorIds: [north],
        prizeTiers: [
          { fromRank: 1, toRank: 2, prize: 'Cup' },
          { fromRank: 2, toRank: 3, prize: 'Pen' },
        ],
      }),
    ).toEqual({ status: 422, code: 'CONTEST_PRIZE_TIERS_INVALID' });
    // Nothing written.
    expect(must(await listContests({ client: manager.client })).data.length).toBe(before);
    // A rep sees the contests their vendor takes part in; a rep of another vendor does not.
    const southRep = await t.signIn(Role.REP, { vendorId: south, repId: reps.di });
    expect(must(await listContests({ client: southRep.client })).data.map((c) => c.name)).toEqual([
      'Rep of March',
    ]);
  });
});
