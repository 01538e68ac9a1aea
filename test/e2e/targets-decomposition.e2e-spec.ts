import {
  createDistributionProfile,
  decomposeTarget,
  getTarget,
  importTargetActuals,
  importTargetActualsCsv,
  listTargets,
} from '../../openapi/sdk';
import { countTargets, targetWorld, TargetWorld } from '../support/target-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const SEASONAL = [600, 600, 800, 800, 900, 900, 700, 700, 900, 1000, 1000, 1100];

describe('Targets: decomposition in one call, with a preview', () => {
  let t: TestApp;
  let w: TargetWorld;

  beforeAll(async () => {
    t = await startTestApp();
    w = await targetWorld(t);
  });
  afterAll(() => t.close());

  it('splits evenly into months so the children still add up: 1 000 calls are 84 × 4 and 83 × 8', async () => {
    const year = await w.target(w.admin.client, {
      metric: 'calls',
      periodKey: '2026',
      ownerKind: 'company',
      baseValue: 1000,
    });
    const before = await countTargets(t);
    const body = {
      steps: [{ axis: 'time' as const, method: 'even' as const, periodKind: 'month' as const }],
    };
    const preview = await decomposeTarget({
      client: w.admin.client,
      path: { id: year.id },
      body: { ...body, mode: 'preview' },
    });
    expect(preview.response.status).toBe(200);
    expect(preview.data!.saved).toBe(false);
    expect(preview.data!.children.map((c) => c.baseValue)).toEqual([
      84, 84, 84, 84, 83, 83, 83, 83, 83, 83, 83, 83,
    ]);
    expect(preview.data!.children.every((c) => c.id === null)).toBe(true);
    expect(await countTargets(t)).toBe(before);

    const saved = await decomposeTarget({
      client: w.admin.client,
      path: { id: year.id },
      body: { ...body, mode: 'save' },
    });
    expect(saved.data!.children.map((c) => c.periodKey)[11]).toBe('2026-12');
    expect(await countTargets(t)).toBe(before + 12);
    expect((await getTarget({ client: w.admin.client, path: { id: year.id } })).data?.splitAxis).toBe('time');

    const again = await decomposeTarget({
      client: w.admin.client,
      path: { id: year.id },
      body: { ...body, mode: 'save' },
    });
    expect(again.response.status).toBe(409);
    expect(again.error).toMatchObject({ code: 'TARGET_HAS_CHILDREN' });
  });

  it('spreads a year by a named seasonal profile, every tier: Q4 carries 31 %', async () => {
    const profile = await createDistributionProfile({
      client: w.manager.client,
      body: { name: 'Seasonal, Q4 heavy', monthShares: SEASONAL },
    });
    const year = await w.target(w.admin.client, {
      metric: 'revenue',
      periodKey: '2026',
      ownerKind: 'company',
      currency: 'CNY',
      baseValue: 100_000_000,
      stretchValue: 110_000_000,
    });
    const { data } = await decomposeTarget({
      client: w.admin.client,
      path: { id: year.id },
      body: {
        mode: 'save',
        steps: [{ axis: 'time', method: 'profile', periodKind: 'quarter', profileId: profile.data!.id }],
      },
    });
    expect(data!.children.map((c) => [c.periodKey, c.baseValue, c.stretchValue, c.currency])).toEqual([
      ['2026-Q1', 20_000_000, 22_000_000, 'CNY'],
      ['2026-Q2', 26_000_000, 28_600_000, 'CNY'],
      ['2026-Q3', 23_000_000, 25_300_000, 'CNY'],
      ['2026-Q4', 31_000_000, 34_100_000, 'CNY'],
    ]);
  });

  it('refuses a profile whose months do not add up to 100 %', async () => {
    const { response, error } = await createDistributionProfile({
      client: w.manager.client,
      body: { name: 'Broken', monthShares: [...SEASONAL.slice(0, 11), 1000] },
    });
    expect(response.status).toBe(422);
    expect(error).toMatchObject({ code: 'TARGET_PROFILE_NOT_100', errors: [{ field: 'monthShares' }] });
  });

  it('splits in two steps — months, then each month to the reps by grade — previewed, then saved at once', async () => {
    const quarter = await w.target(w.manager.client, {
      metric: 'calls',
      periodKey: '2026-Q2',
      ownerKind: 'vendor',
      ownerId: w.vendorA,
      baseValue: 1000,
    });
    const body = {
      steps: [
        { axis: 'time' as const, method: 'even' as const, periodKind: 'month' as const },
        { axis: 'org' as const, method: 'rep_grade' as const, everyNodeBelow: 'rep' as const },
      ],
    };
    const before = await countTargets(t);
    const preview = await decomposeTarget({
      client: w.manager.client,
      path: { id: quarter.id },
      body: { ...body, mode: 'preview' },
    });
    expect(await countTargets(t)).toBe(before);
    const byRep = (children: { ownerId: string | null; baseValue: number }[]): Record<string, number> =>
      Object.fromEntries(children.map((c) => [c.ownerId ?? '', c.baseValue]));
    // 334 × 4/9, 3/9, 2/9 = 148.4, 111.3, 74.2 → 148 + 111 + 74 = 333; the largest remainder (A) gets the last call.
    expect(preview.data!.children.map((month) => month.baseValue)).toEqual([334, 333, 333]);
    expect(byRep(preview.data!.children[0].children)).toEqual({
      [w.repA1]: 149,
      [w.repA2]: 111,
      [w.repA3]: 74,
    });
    expect(byRep(preview.data!.children[1].children)).toEqual({
      [w.repA1]: 148,
      [w.repA2]: 111,
      [w.repA3]: 74,
    });

    const saved = await decomposeTarget({
      client: w.manager.client,
      path: { id: quarter.id },
      body: { ...body, mode: 'save' },
    });
    expect(saved.data!.saved).toBe(true);
    expect(await countTargets(t)).toBe(before + 3 + 9);
    const april = await listTargets({
      client: w.repA1User.client,
      query: { periodKey: '2026-04', metric: 'calls' },
    });
    expect(april.data!.data.map((target) => target.baseValue)).toEqual([149]);
  });

  it('a vendor manager splits their vendor’s target to its reps by capacity', async () => {
    const month = await w.target(w.manager.client, {
      metric: 'visits',
      periodKey: '2026-07',
      ownerKind: 'vendor',
      ownerId: w.vendorA,
      baseValue: 60,
    });
    const { data } = await decomposeTarget({
      client: w.vendorManagerA.client,
      path: { id: month.id },
      body: { mode: 'save', steps: [{ axis: 'org', method: 'rep_capacity', everyNodeBelow: 'rep' }] },
    });
    expect(Object.fromEntries(data!.children.map((c) => [c.ownerId, c.baseValue]))).toEqual({
      [w.repA1]: 30,
      [w.repA2]: 20,
      [w.repA3]: 10,
    });
  });

  it('refuses weights that sum to zero, and writes nothing', async () => {
    const month = await w.target(w.manager.client, {
      metric: 'visits',
      periodKey: '2026-08',
      ownerKind: 'vendor',
      ownerId: w.vendorA,
      baseValue: 10,
    });
    const before = await countTargets(t);
    const { response, error } = await decomposeTarget({
      client: w.vendorManagerA.client,
      path: { id: month.id },
      body: {
        mode: 'save',
        steps: [
          {
            axis: 'org',
            method: 'weights',
            children: [
              { ownerKind: 'rep', ownerId: w.repA1, weight: 0 },
              { ownerKind: 'rep', ownerId: w.repA2, weight: 0 },
            ],
          },
        ],
      },
    });
    expect(response.status).toBe(422);
    expect(error).toMatchObject({
      code: 'TARGET_WEIGHTS_SUM_TO_ZERO',
      errors: [{ field: 'steps.0.method' }],
    });
    expect(await countTargets(t)).toBe(before);
  });

  describe('prior-year actuals', () => {
    beforeAll(async () => {
      const { response, error } = await importTargetActuals({
        client: w.manager.client,
        body: {
          rows: [
            { metric: 'new_leads', periodKey: '2025', ownerKind: 'company', value: 800, source: 'ERP' },
            { metric: 'new_leads', periodKey: '2025', ownerKind: 'vendor', ownerId: w.vendorA, value: 300 },
            { metric: 'new_leads', periodKey: '2025', ownerKind: 'vendor', ownerId: w.vendorB, value: 100 },
          ],
        },
      });
      if (response.status !== 200) throw new Error(JSON.stringify(error));
    });

    it('shows every target its prior-year actual and the growth it asks for', async () => {
      const target = await w.target(w.admin.client, {
        metric: 'new_leads',
        periodKey: '2026',
        ownerKind: 'company',
        baseValue: 1000,
      });
      const { data } = await getTarget({ client: w.admin.client, path: { id: target.id } });
      expect(data).toMatchObject({ priorYearActual: 800, growthPercent: 25 });
    });

    it('splits by each child’s share of the prior-year actual: 300 : 100 of 1 000 is 750 and 250', async () => {
      const target = await w.target(w.admin.client, {
        metric: 'new_leads',
        periodKey: '2026',
        ownerKind: 'company',
        baseValue: 1000,
      });
      const { data } = await decomposeTarget({
        client: w.manager.client,
        path: { id: target.id },
        body: {
          mode: 'preview',
          steps: [
            {
              axis: 'org',
              method: 'prior_year_share',
              children: [
                { ownerKind: 'vendor', ownerId: w.vendorA },
                { ownerKind: 'vendor', ownerId: w.vendorB },
              ],
            },
          ],
        },
      });
      expect(data!.children.map((c) => [c.ownerId, c.baseValue, c.shareWeight])).toEqual([
        [w.vendorA, 750, 300],
        [w.vendorB, 250, 100],
      ]);
    });

    it('imports are idempotent, per row, from CSV too', async () => {
      const csv = `metric,periodKey,ownerKind,ownerId,value\nnew_leads,2025,vendor,${w.vendorA},300\nnew_leads,2025,vendor,${w.vendorB},120\nvisits,2025-12,vendor,${w.vendorB},40\n`;
      const { data } = await importTargetActualsCsv({ client: w.manager.client, body: csv });
      expect(data).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
      expect(data!.rows.map((row) => row.result)).toEqual(['unchanged', 'updated', 'created']);
      const again = await importTargetActualsCsv({ client: w.manager.client, body: csv });
      expect(again.data).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    });

    it('refuses an import row for an unknown node, naming the row, and writes nothing', async () => {
      const [{ n: before }] = await t.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM target_imported_actuals',
      );
      const { response, error } = await importTargetActuals({
        client: w.manager.client,
        body: {
          rows: [
            { metric: 'calls', periodKey: '2025', ownerKind: 'company', value: 5 },
            {
              metric: 'calls',
              periodKey: '2025',
              ownerKind: 'rep',
              ownerId: '00000000-0000-4000-8000-000000000000',
              value: 5,
            },
          ],
        },
      });
      expect(response.status).toBe(422);
      expect(error).toMatchObject({
        code: 'TARGET_ACTUAL_NODE_UNKNOWN',
        errors: [{ field: 'rows.1.ownerId' }],
      });
      const [{ n: after }] = await t.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM target_imported_actuals',
      );
      expect(after).toBe(before);
    });
  });
});
