import { createCallReportBatch, getTargetAttainment, putHoliday } from '../../openapi/sdk';
import type { CreateCallReportDto } from '../../openapi/sdk';
import { targetWorld, TargetWorld } from '../support/target-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** n reports of a rep from a UTC instant on, ten minutes apart. */
const reports = (repId: string, at: string, n: number, type: CreateCallReportDto['type'] = 'call') =>
  Array.from({ length: n }, (_, i) => ({
    repId,
    occurredAt: new Date(Date.parse(at) + i * 600_000).toISOString(),
    type,
    durationSeconds: 300,
    outcome: 'connected' as const,
  }));

describe('Targets: actuals and attainment of a whole tree', () => {
  let t: TestApp;
  let w: TargetWorld;
  let company: string;
  let vendorA: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await targetWorld(t);
    // A Hungarian company day off on Wednesday 4 November 2026.
    await putHoliday({
      client: w.admin.client,
      path: { countryCode: 'HU', date: '2026-11-04' },
      body: { name: 'Company day', kind: 'holiday' },
    });
    const file = async (batch: CreateCallReportDto[]) => {
      const { response, error } = await createCallReportBatch({
        client: w.manager.client,
        body: { reports: batch },
      });
      if (response.status !== 201) throw new Error(JSON.stringify(error));
    };
    await file([
      ...reports(w.repB1, '2026-11-02T08:00:00Z', 100), // rep B1: 100 calls in November (Budapest)
      ...reports(w.repA2, '2026-11-03T02:00:00Z', 50), // rep A2: 50 calls (Shanghai)
      ...reports(w.repA2, '2026-11-05T02:00:00Z', 4, 'visit'),
      ...reports(w.repA2, '2026-10-31T16:30:00Z', 3), // 00:30 on 1 November in Shanghai: November's
      ...reports(w.repB1, '2026-10-31T22:30:00Z', 2), // 23:30 on 31 October in Budapest: October's
    ]);
    company = (
      await w.target(w.admin.client, {
        metric: 'calls',
        periodKey: '2026-11',
        ownerKind: 'company',
        baseValue: 500,
      })
    ).id;
    const child = (
      parentId: string,
      ownerKind: 'vendor' | 'rep',
      ownerId: string,
      baseValue: number,
      stretchValue?: number,
    ) =>
      w.target(w.manager.client, {
        metric: 'calls',
        periodKey: '2026-11',
        ownerKind,
        ownerId,
        baseValue,
        stretchValue,
        parentId,
        splitAxis: 'org',
      });
    vendorA = (await child(company, 'vendor', w.vendorA, 300)).id;
    const vendorB = (await child(company, 'vendor', w.vendorB, 200)).id;
    await child(vendorA, 'rep', w.repA2, 300);
    await child(vendorB, 'rep', w.repB1, 200, 240);
  });
  afterAll(() => t.close());

  it('reads the whole tree in one request: actual, %, tier, pace in the owner’s calendar, projection, status', async () => {
    const { data } = await getTargetAttainment({
      client: w.manager.client,
      path: { id: company },
      query: { asOf: '2026-11-13' },
    });
    expect(data!.nodeCount).toBe(5);
    const root = data!.root;
    // Company (China calendar, no holiday): 21 working days, 10 elapsed by Friday 13th; 153 calls of 500.
    expect(root).toMatchObject({
      actual: 153,
      target: 500,
      attainmentPercent: 30.6,
      pace: { workingDays: 21, workingDaysElapsed: 10, pace: 0.4762, countryCode: 'CN' },
      projected: 321, // 153 / 0.4762
      tierReached: null,
      status: 'behind', // 153 / (500 × 0.4762) = 0.64
    });
    const [a, b] = [...root.children].sort((x, y) =>
      x.ownerId === w.vendorA ? -1 : y.ownerId === w.vendorA ? 1 : 0,
    );
    expect(a).toMatchObject({ actual: 53, status: 'behind' });
    // Rep B1 works the Hungarian calendar: 20 working days, 9 elapsed → pace 0.45. 100 calls of 200:
    // 100 / (200 × 0.45) = 1.11 → on track; run-rate 222 reaches the base (200) but not the stretch (240).
    expect(b.children[0]).toMatchObject({
      ownerId: w.repB1,
      actual: 100,
      attainmentPercent: 50,
      pace: { workingDays: 20, workingDaysElapsed: 9, pace: 0.45, countryCode: 'HU' },
      projected: 222,
      tierReached: 'base',
      status: 'on_track',
    });
  });

  it('a vendor manager reads their vendor’s subtree, not the company’s tree', async () => {
    expect(
      (await getTargetAttainment({ client: w.vendorManagerA.client, path: { id: company } })).response.status,
    ).toBe(404);
    const { data } = await getTargetAttainment({
      client: w.vendorManagerA.client,
      path: { id: vendorA },
      query: { asOf: '2026-11-13' },
    });
    expect(data).toMatchObject({
      nodeCount: 2,
      root: { actual: 53, children: [{ ownerId: w.repA2, actual: 53 }] },
    });
  });

  it('counts visits apart from calls, per rep', async () => {
    const visits = await w.target(w.manager.client, {
      metric: 'visits',
      periodKey: '2026-11',
      ownerKind: 'rep',
      ownerId: w.repA2,
      baseValue: 8,
    });
    const { data } = await getTargetAttainment({
      client: w.manager.client,
      path: { id: visits.id },
      query: { asOf: '2026-11-30' },
    });
    expect(data!.root).toMatchObject({
      actual: 4,
      attainmentPercent: 50,
      pace: { pace: 1 },
      status: 'behind',
    });
  });
});
