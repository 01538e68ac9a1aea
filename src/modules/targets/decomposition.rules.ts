/**
 * Splitting a target over children, with no I/O: each method turns into one weight per child, and the
 * parent's tiers are spread by those weights with `allocateProportionally`, so additive children add up
 * to the parent exactly (largest remainder; ties go to the earlier child). A rate is not spread: every
 * child keeps the parent's rate, which keeps the weighted mean equal to it whatever the weights.
 */
import { allocateProportionally } from '../../common/money/money';
import { childPeriods, Period } from '../../common/period/period';
import { GRADE_ROUTING_WEIGHT, RepGrade } from '../vendors/vendor-enums';
import type { TierValues } from './target-tree.rules';
import { isAdditive, TargetMetric } from './target.enums';

/** Percent per month in hundredths of a percent (833 = 8.33 %); twelve of them add up to 10 000. */
export type MonthShares = readonly number[];
export const PROFILE_TOTAL = 10_000;

export function profileProblems(months: MonthShares): string | null {
  if (months.length !== 12) return 'must list twelve months';
  if (months.some((share) => !Number.isInteger(share) || share < 0))
    return 'must be whole hundredths of a percent, not negative';
  const total = months.reduce((sum, share) => sum + share, 0);
  if (total !== PROFILE_TOTAL) return `must add up to 100 % (they add up to ${(total / 100).toFixed(2)} %)`;
  return null;
}

/** A child period's weight under a profile: the shares of the calendar months it covers. */
export function profileWeight(months: MonthShares, child: Period): number {
  const monthsCovered = child.kind === 'month' ? [child] : childPeriods(child, 'month');
  return monthsCovered.reduce((sum, month) => sum + months[Number(month.key.slice(5, 7)) - 1], 0);
}

/** Routing's grade weights (A 4, B 3, C 2, D 1): a better grade carries a larger share, as it gets more leads. */
export function gradeWeight(grade: RepGrade): number {
  return GRADE_ROUTING_WEIGHT[grade];
}

export class WeightsSumToZero extends Error {}

/** Spreads the parent's tiers over children by weight; throws WeightsSumToZero when no weight is positive. */
export function spreadTiers(
  metric: TargetMetric,
  parent: TierValues,
  weights: readonly number[],
): TierValues[] {
  if (weights.length === 0) return [];
  if (weights.some((weight) => !(weight >= 0)) || weights.reduce((sum, weight) => sum + weight, 0) <= 0)
    throw new WeightsSumToZero();
  if (!isAdditive(metric)) return weights.map(() => ({ ...parent }));
  const spread = (total: number | null) => (total === null ? null : allocateProportionally(total, weights));
  const base = spread(parent.base)!;
  const stretch = spread(parent.stretch);
  const challenge = spread(parent.challenge);
  return base.map((value, index) => ({
    base: value,
    stretch: stretch ? stretch[index] : null,
    challenge: challenge ? challenge[index] : null,
  }));
}
