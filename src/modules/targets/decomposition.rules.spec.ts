import { period } from '../../common/period/period';
import { RepGrade } from '../vendors/vendor-enums';
import {
  gradeWeight,
  profileProblems,
  profileWeight,
  spreadTiers,
  WeightsSumToZero,
} from './decomposition.rules';
import { TargetMetric } from './target.enums';

const SEASONAL = [600, 600, 800, 800, 900, 900, 700, 700, 900, 1000, 1000, 1100];

describe('decomposition', () => {
  it('spreads evenly so the children still sum to the parent: 100 over 3 is 34, 33, 33', () => {
    const spread = spreadTiers(TargetMetric.CALLS, { base: 100, stretch: 110, challenge: null }, [1, 1, 1]);
    expect(spread).toEqual([
      { base: 34, stretch: 37, challenge: null },
      { base: 33, stretch: 37, challenge: null },
      { base: 33, stretch: 36, challenge: null },
    ]);
  });

  it('keeps a rate on every child rather than splitting it', () => {
    expect(
      spreadTiers(TargetMetric.CONVERSION_RATE, { base: 2000, stretch: null, challenge: null }, [3, 1]),
    ).toEqual([
      { base: 2000, stretch: null, challenge: null },
      { base: 2000, stretch: null, challenge: null },
    ]);
  });

  it('refuses weights that sum to zero', () => {
    expect(() =>
      spreadTiers(TargetMetric.CALLS, { base: 10, stretch: null, challenge: null }, [0, 0]),
    ).toThrow(WeightsSumToZero);
  });

  it('a profile must add up to 100 %', () => {
    expect(profileProblems(SEASONAL)).toBeNull();
    expect(profileProblems([...SEASONAL.slice(0, 11), 1000])).toBe(
      'must add up to 100 % (they add up to 99.00 %)',
    );
  });

  it('a quarter weighs the sum of its months under a profile', () => {
    expect(profileWeight(SEASONAL, period('2026-Q4'))).toBe(3100);
    expect(profileWeight(SEASONAL, period('2026-02'))).toBe(600);
  });

  it('weighs grades as routing does', () => {
    expect([RepGrade.A, RepGrade.B, RepGrade.C, RepGrade.D].map(gradeWeight)).toEqual([4, 3, 2, 1]);
  });
});
