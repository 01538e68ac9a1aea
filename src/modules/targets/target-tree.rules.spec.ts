import { checkChildrenSum, childProblems, TargetShape, wouldCycle } from './target-tree.rules';
import { OwnerKind, SplitAxis, TargetMetric } from './target.enums';

const shape = (overrides: Partial<TargetShape> = {}): TargetShape => ({
  metric: TargetMetric.REVENUE,
  periodKey: '2026',
  ownerKind: OwnerKind.COMPANY,
  ownerId: null,
  regionId: null,
  industryCode: null,
  productLineId: null,
  currency: 'CNY',
  ...overrides,
});

describe('the sum rule', () => {
  it('additive children must add up exactly on every tier the parent carries', () => {
    const check = checkChildrenSum(TargetMetric.REVENUE, { base: 1000, stretch: 1200, challenge: null }, [
      { base: 600, stretch: 700, challenge: null, weight: 1 },
      { base: 399, stretch: 500, challenge: null, weight: 1 },
    ]);
    expect(check).toEqual({
      rule: 'sum',
      ok: false,
      tiers: [
        { tier: 'base', parent: 1000, children: 999, difference: -1 },
        { tier: 'stretch', parent: 1200, children: 1200, difference: 0 },
      ],
    });
  });

  it('rates use the weighted mean, rounded to a whole basis point', () => {
    // (2500 × 2 + 1000 × 1) / 3 = 2000
    const check = checkChildrenSum(
      TargetMetric.CONVERSION_RATE,
      { base: 2000, stretch: null, challenge: null },
      [
        { base: 2500, stretch: null, challenge: null, weight: 2 },
        { base: 1000, stretch: null, challenge: null, weight: 1 },
      ],
    );
    expect(check).toMatchObject({ rule: 'weighted_mean', ok: true });
  });
});

describe('children along one axis', () => {
  it('a time child narrows the period and keeps owner and dimensions', () => {
    expect(childProblems(shape(), shape({ periodKey: '2026-03' }), SplitAxis.TIME, false)).toEqual([]);
    expect(childProblems(shape(), shape({ periodKey: '2027-01' }), SplitAxis.TIME, false)[0].code).toBe(
      'TARGET_PERIOD_OUTSIDE_PARENT',
    );
  });

  it('an org child must sit below the parent owner in the same period', () => {
    const child = shape({ ownerKind: OwnerKind.VENDOR, ownerId: 'v1' });
    expect(childProblems(shape(), child, SplitAxis.ORG, true)).toEqual([]);
    expect(childProblems(shape(), child, SplitAxis.ORG, false)[0]).toMatchObject({
      code: 'TARGET_SPLIT_AXIS_MISMATCH',
      field: 'ownerId',
    });
  });

  it('a region child sets the region the parent leaves open', () => {
    expect(childProblems(shape(), shape({ regionId: 'r1' }), SplitAxis.REGION, false)).toEqual([]);
    expect(
      childProblems(shape(), shape({ industryCode: 'retail' }), SplitAxis.REGION, false).map((p) => p.field),
    ).toEqual(['regionId', 'industryCode']);
  });

  it('a money child keeps the parent currency', () => {
    expect(
      childProblems(shape(), shape({ periodKey: '2026-01', currency: 'HUF' }), SplitAxis.TIME, false)[0].code,
    ).toBe('TARGET_CURRENCY_MISMATCH');
  });
});

describe('cycles', () => {
  it('finds a loop through the ancestors', () => {
    const parents: Record<string, string | null> = { b: 'a', c: 'b', a: null };
    expect(wouldCycle('a', 'c', (id) => parents[id] ?? null)).toBe(true);
    expect(wouldCycle('c', 'a', (id) => parents[id] ?? null)).toBe(false);
  });
});
