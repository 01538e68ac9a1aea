/**
 * The rules of a target tree, with no I/O: which children may split a parent along which axis, and
 * whether the children add up to it.
 *
 * The sum rule, per metric kind:
 * - money and counts are additive: the children's values must add up to the parent's exactly, for
 *   every tier the parent carries (base, stretch, challenge);
 * - rates (basis points) and day averages are not: the children's weighted mean — Σ(value × weight) /
 *   Σ weight, each child's `weight` being its share of the base the rate is measured on, 1 by default —
 *   rounded half away from zero to a whole basis point (or day) must equal the parent's value.
 */
import { periodWithin, parsePeriod } from '../../common/period/period';
import { roundMinor } from '../../common/money/money';
import { isAdditive, isMoney, OwnerKind, SplitAxis, TargetMetric, TargetTier } from './target.enums';

export interface TierValues {
  base: number;
  stretch: number | null;
  challenge: number | null;
}

export interface TargetShape {
  metric: TargetMetric;
  periodKey: string;
  ownerKind: OwnerKind;
  ownerId: string | null;
  regionId: string | null;
  industryCode: string | null;
  productLineId: string | null;
  currency: string | null;
}

export interface ChildValue extends TierValues {
  weight: number;
}

export interface TierCheck {
  tier: TargetTier;
  parent: number;
  /** The children's sum (additive metrics) or rounded weighted mean (rates). */
  children: number;
  /** children − parent: positive when the children ask for more than the parent. */
  difference: number;
}

export interface SumCheck {
  rule: 'sum' | 'weighted_mean';
  ok: boolean;
  tiers: TierCheck[];
}

const TIERS: readonly TargetTier[] = [TargetTier.BASE, TargetTier.STRETCH, TargetTier.CHALLENGE];

function combine(additive: boolean, values: { value: number; weight: number }[]): number {
  if (additive) return values.reduce((sum, child) => sum + child.value, 0);
  const weightSum = values.reduce((sum, child) => sum + child.weight, 0);
  if (weightSum <= 0) return 0;
  return roundMinor(values.reduce((sum, child) => sum + child.value * child.weight, 0) / weightSum);
}

/**
 * Do the children add up to the parent? A tier the parent leaves empty is not checked; a tier the parent
 * has counts a child without it as 0 (additive) or as the child's base (rates), so the gap is visible.
 */
export function checkChildrenSum(metric: TargetMetric, parent: TierValues, children: ChildValue[]): SumCheck {
  const additive = isAdditive(metric);
  const tiers: TierCheck[] = [];
  for (const tier of TIERS) {
    const parentValue = parent[tier];
    if (parentValue === null) continue;
    const values = children.map((child) => ({
      value: child[tier] ?? (additive ? 0 : child.base),
      weight: child.weight,
    }));
    const childrenValue = combine(additive, values);
    tiers.push({
      tier,
      parent: parentValue,
      children: childrenValue,
      difference: childrenValue - parentValue,
    });
  }
  return {
    rule: additive ? 'sum' : 'weighted_mean',
    ok: children.length > 0 && tiers.every((check) => check.difference === 0),
    tiers,
  };
}

export interface ChildProblem {
  field: string;
  code: ChildProblemCode;
  message: string;
}

export type ChildProblemCode =
  | 'TARGET_METRIC_MISMATCH'
  | 'TARGET_PERIOD_OUTSIDE_PARENT'
  | 'TARGET_CURRENCY_MISMATCH'
  | 'TARGET_SPLIT_AXIS_MISMATCH';

const DIMENSION_FIELD: Partial<Record<SplitAxis, 'regionId' | 'industryCode' | 'productLineId'>> = {
  [SplitAxis.REGION]: 'regionId',
  [SplitAxis.INDUSTRY]: 'industryCode',
  [SplitAxis.PRODUCT_LINE]: 'productLineId',
};

/**
 * Is `child` a legal child of `parent` split along `axis`? Along one axis only: a time split keeps the
 * owner and dimensions and narrows the period; an org split keeps period and dimensions and moves to an
 * owner below the parent's (`ownerIsBelow`, resolved from the org chart by the caller); a dimension split
 * keeps period and owner and sets that one dimension.
 */
export function childProblems(
  parent: TargetShape,
  child: TargetShape,
  axis: SplitAxis,
  ownerIsBelow: boolean,
): ChildProblem[] {
  const problems: ChildProblem[] = [];
  if (child.metric !== parent.metric)
    problems.push({
      field: 'metric',
      code: 'TARGET_METRIC_MISMATCH',
      message: `must be ${parent.metric} like its parent`,
    });
  const childPeriod = parsePeriod(child.periodKey);
  const parentPeriod = parsePeriod(parent.periodKey);
  if (!childPeriod || !parentPeriod || !periodWithin(childPeriod, parentPeriod))
    problems.push({
      field: 'periodKey',
      code: 'TARGET_PERIOD_OUTSIDE_PARENT',
      message: `${child.periodKey} lies outside the parent's period ${parent.periodKey}`,
    });
  if (isMoney(parent.metric) && child.currency !== parent.currency)
    problems.push({
      field: 'currency',
      code: 'TARGET_CURRENCY_MISMATCH',
      message: `must be ${parent.currency}, the parent's currency`,
    });
  if (problems.length) return problems;

  const axisProblem = (field: string, message: string) =>
    problems.push({ field, code: 'TARGET_SPLIT_AXIS_MISMATCH', message: `${message} (split axis ${axis})` });
  const sameOwner = child.ownerKind === parent.ownerKind && child.ownerId === parent.ownerId;
  const dimensions = ['regionId', 'industryCode', 'productLineId'] as const;
  const changedDimensions = dimensions.filter((field) => child[field] !== parent[field]);
  const samePeriod = child.periodKey === parent.periodKey;

  switch (axis) {
    case SplitAxis.TIME:
      if (samePeriod) axisProblem('periodKey', 'must be a shorter period than the parent');
      if (!sameOwner) axisProblem('ownerId', 'must have the same owner as the parent');
      for (const field of changedDimensions) axisProblem(field, 'must equal the parent');
      break;
    case SplitAxis.ORG:
      if (!samePeriod) axisProblem('periodKey', 'must equal the parent');
      if (sameOwner || !ownerIsBelow) axisProblem('ownerId', "must be a node below the parent's owner");
      for (const field of changedDimensions) axisProblem(field, 'must equal the parent');
      break;
    default: {
      const field = DIMENSION_FIELD[axis]!;
      if (!samePeriod) axisProblem('periodKey', 'must equal the parent');
      if (!sameOwner) axisProblem('ownerId', 'must have the same owner as the parent');
      if (child[field] === null || child[field] === parent[field] || parent[field] !== null)
        axisProblem(field, 'must be set on the child and left open on the parent');
      for (const other of changedDimensions.filter((name) => name !== field))
        axisProblem(other, 'must equal the parent');
    }
  }
  return problems;
}

/** Would making `parentId` the parent of `targetId` close a loop? `parentOf` walks up the stored tree. */
export function wouldCycle(
  targetId: string,
  parentId: string,
  parentOf: (id: string) => string | null,
): boolean {
  const seen = new Set<string>();
  for (let node: string | null = parentId; node !== null; node = parentOf(node)) {
    if (node === targetId || seen.has(node)) return true;
    seen.add(node);
  }
  return false;
}
