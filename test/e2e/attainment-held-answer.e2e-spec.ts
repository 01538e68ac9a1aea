import {
  createRep,
  createTarget,
  deleteHoliday,
  getTargetAttainment,
  importTargetActuals,
  postContractPayment,
  putHoliday,
  updateTarget,
} from '../../openapi/sdk';
import type { TargetDto } from '../../openapi/sdk';
import { AttainmentService } from '../../src/modules/targets/attainment.service';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { contractWorld, must } from '../support/contract-world';

/**
 * A whole-tree attainment answer of a money metric is held between requests against the versions of
 * everything it is computed from (targets, settings, imported actuals, the org chart, the contracts'
 * facts, the calendar days, the day asked for); any write to one of them is in the next answer.
 * Worked example: one contract of 1 980.00 signed 2026-01-15, credited half to each of two reps, paid
 * 1 000.01 on 2026-06-02; a June revenue target of 2 000.00 for the vendor, 1 000.00 for each rep.
 */
describe('Attainment answers held between requests', () => {
  let t: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let vendorId: string;
  let rep1: string;
  let rep2: string;
  let contractId: string;
  let month: TargetDto;
  let children: TargetDto[];
  let computed: jest.SpyInstance;

  const target = async (body: Parameters<typeof createTarget>[0]['body']): Promise<TargetDto> =>
    must(await createTarget({ client: manager.client, body }));
  const read = async (id: string, asOf = '2026-06-30') =>
    must(await getTargetAttainment({ client: manager.client, path: { id }, query: { asOf } }));
  const actualsOf = (root: Awaited<ReturnType<typeof read>>['root']) =>
    Object.fromEntries(root.children.map((child) => [child.ownerId!, child.actual]));

  beforeAll(async () => {
    t = await startTestApp();
    const world = await contractWorld(t, { sku: 'H-1', name: 'Held widget' });
    ({ admin, manager, vendorId } = world);
    rep1 = world.repId;
    rep2 = must(
      await createRep({
        client: manager.client,
        body: { vendorId, fullName: 'Sun Lei', grade: 'B', capacity: 40, timezone: 'Asia/Shanghai' },
      }),
    ).id;
    contractId = (
      await world.signedContract({
        credits: [
          { repId: rep1, shareBps: 5000 },
          { repId: rep2, shareBps: 5000 },
        ],
      })
    ).id;
    await pay(100_001, '2026-06-02', 'P-H1');
    month = await target({
      metric: 'revenue',
      periodKey: '2026-06',
      ownerKind: 'vendor',
      ownerId: vendorId,
      currency: 'CNY',
      baseValue: 200_000,
    });
    children = [];
    for (const ownerId of [rep1, rep2])
      children.push(
        await target({
          metric: 'revenue',
          periodKey: '2026-06',
          ownerKind: 'rep',
          ownerId,
          currency: 'CNY',
          baseValue: 100_000,
          parentId: month.id,
          splitAxis: 'org',
        }),
      );
    // The computation is private: watched through the instance, as the held answer hides it otherwise.
    const service: { computeAttainment: () => Promise<unknown> } = t.app.get(AttainmentService, {
      strict: false,
    });
    computed = jest.spyOn(service, 'computeAttainment');
  });
  afterAll(() => t.close());

  async function pay(amountMinor: number, paidOn: string, externalId: string) {
    must(
      await postContractPayment({
        client: manager.client,
        path: { id: contractId },
        body: { amountMinor, currency: 'CNY', paidOn, externalSource: 'sap', externalId },
      }),
    );
  }

  /** Reads the tree and says whether it was computed (true) or the held answer (false). */
  async function readCounting(id: string, asOf?: string) {
    const before = computed.mock.calls.length;
    const answer = await read(id, asOf);
    return { answer, computed: computed.mock.calls.length > before };
  }

  it('answers a repeated read of an unchanged tree with the answer held for it', async () => {
    const first = await readCounting(month.id);
    const second = await readCounting(month.id);
    expect(second.computed).toBe(false);
    expect(second.answer).toEqual(first.answer);
    expect(second.answer.root).toMatchObject({ actual: 100_001, attainmentPercent: 50 });
  });

  it('shows a payment recorded after the tree was read in the next answer', async () => {
    await read(month.id);
    // 500.00 more on 2026-06-10, half to each rep: 1 500.01 of 2 000.00 is 75.0 %.
    await pay(50_000, '2026-06-10', 'P-H2');
    const { answer, computed: fresh } = await readCounting(month.id);
    expect(fresh).toBe(true);
    expect(answer.root).toMatchObject({ actual: 150_001, attainmentPercent: 75 });
    expect(Object.values(actualsOf(answer.root)).sort()).toEqual([75_000, 75_001]);
  });

  it('shows a revised target value at once', async () => {
    await read(month.id);
    must(
      await updateTarget({
        client: manager.client,
        path: { id: children[1].id },
        body: { baseValue: 150_000, reason: 'Sun Lei takes the key account' },
      }),
    );
    const { answer } = await readCounting(month.id);
    const node = answer.root.children.find((child) => child.ownerId === rep2)!;
    // 750.00 or 750.01 of 1 500.00 is 50.0 %.
    expect(node).toMatchObject({ target: 150_000, attainmentPercent: 50 });
  });

  it('shows changed status thresholds at once', async () => {
    const before = await read(month.id);
    expect(before.onTrackRatio).toBe(0.95);
    // 1 500.01 of 2 000.00 on the month's last day is behind the default 0.95 and 0.8.
    expect(before.root.status).not.toBe('on_track');
    // Written past the services, as an operator's script would.
    await t.dataSource.query(
      `INSERT INTO target_settings (id, on_track_ratio, at_risk_ratio) VALUES (1, 0.5, 0.4)
       ON CONFLICT (id) DO UPDATE SET on_track_ratio = 0.5, at_risk_ratio = 0.4`,
    );
    try {
      const after = await read(month.id);
      expect(after.onTrackRatio).toBe(0.5);
      expect(after.root.status).toBe('on_track');
    } finally {
      await t.dataSource.query(`UPDATE target_settings SET on_track_ratio = 0.95, at_risk_ratio = 0.8`);
    }
  });

  it('moves the pace at once when a holiday is added in the period', async () => {
    const before = await read(month.id, '2026-06-15');
    must(
      await putHoliday({
        client: admin.client,
        path: { countryCode: 'CN', date: '2026-06-11' },
        body: { name: 'Company day', kind: 'holiday' },
      }),
    );
    try {
      const after = await read(month.id, '2026-06-15');
      // Thursday 11 June was a working day before the 15th: one fewer in the month and elapsed.
      expect(after.root.pace.workingDays).toBe(before.root.pace.workingDays - 1);
      expect(after.root.pace.workingDaysElapsed).toBe(before.root.pace.workingDaysElapsed - 1);
    } finally {
      await deleteHoliday({ client: admin.client, path: { countryCode: 'CN', date: '2026-06-11' } });
    }
    expect((await read(month.id, '2026-06-15')).root.pace).toEqual(before.root.pace);
  });

  it("sees another process's write to the contracts' facts on the next read", async () => {
    const before = await read(month.id);
    const move = (by: number) =>
      t.dataSource.query(
        `UPDATE revenue_rollup SET amount_minor = amount_minor + $2
          WHERE grain = 'month' AND measure = 'revenue' AND rep_id = $1 AND period_start = '2026-06-01'`,
        [rep1, by],
      );
    await move(100);
    try {
      const after = await read(month.id);
      expect(after.root.actual).toBe(before.root.actual! + 100);
      expect(actualsOf(after.root)[rep1]).toBe(actualsOf(before.root)[rep1]! + 100);
    } finally {
      await move(-100);
    }
    expect((await read(month.id)).root.actual).toBe(before.root.actual);
  });

  it('holds another day as another answer', async () => {
    await read(month.id, '2026-06-30');
    const mid = await readCounting(month.id, '2026-06-15');
    expect(mid.computed).toBe(true);
    expect(mid.answer.root.pace.asOf).toBe('2026-06-15');
    expect((await readCounting(month.id, '2026-06-30')).computed).toBe(false);
  });

  it('shows an imported actual at once: a re-imported expense changes cost of sales', async () => {
    const expense = await target({
      metric: 'sales_expense',
      periodKey: '2026-06',
      ownerKind: 'vendor',
      ownerId: vendorId,
      currency: 'CNY',
      baseValue: 20_000,
    });
    const load = async (value: number) =>
      must(
        await importTargetActuals({
          client: manager.client,
          body: {
            rows: [
              {
                metric: 'sales_expense',
                periodKey: '2026-06',
                ownerKind: 'vendor',
                ownerId: vendorId,
                value,
                currency: 'CNY',
              },
            ],
          },
        }),
      );
    await load(15_000);
    // 150.00 over 1 500.01 of revenue: 999.99 bps → 1 000.
    expect((await read(expense.id)).root).toMatchObject({ actual: 15_000, costOfSalesBps: 1000 });
    await load(30_000);
    // 300.00 over 1 500.01: 1 999.99 bps → 2 000.
    expect((await read(expense.id)).root).toMatchObject({ actual: 30_000, costOfSalesBps: 2000 });
  });

  it('computes a calls tree on every read: call reports carry no version to hold it against', async () => {
    const calls = await target({
      metric: 'calls',
      periodKey: '2026-06',
      ownerKind: 'vendor',
      ownerId: vendorId,
      baseValue: 100,
    });
    await read(calls.id);
    expect((await readCounting(calls.id)).computed).toBe(true);
  });
});
