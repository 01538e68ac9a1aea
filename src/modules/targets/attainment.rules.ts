/**
 * Attainment of one node, with no I/O: how far the actual is, how far it should be by now (pace), what
 * the run-rate projects for the end of the period, which tier that reaches, and the status.
 *
 * - pace = working days elapsed (period start … as-of day, inclusive) / working days in the period, both
 *   counted in the owner's calendar (country weekend + holidays + make-up workdays);
 * - projected = actual / pace for additive metrics (run-rate); rates and averages project as they stand;
 * - status compares the actual with what the pace asks for: ratio = actual / (target × pace), inverted
 *   for metrics where less is better (deal cycle, expense). ratio ≥ onTrackRatio → on_track, ≥
 *   atRiskRatio → at_risk, else behind. Before the first working day nothing is behind.
 */
import { addDays, WorkingCalendar } from '../../common/calendar/working-days';
import { lastDay, Period } from '../../common/period/period';
import type { TierValues } from './target-tree.rules';
import { AttainmentStatus, isAdditive, LOWER_IS_BETTER, TargetMetric, TargetTier } from './target.enums';

export interface StatusThresholds {
  /** At least this share of the pace's expectation is on track (e.g. 0.95). */
  onTrackRatio: number;
  /** At least this share is at risk; below it, behind (e.g. 0.8). */
  atRiskRatio: number;
}

export const DEFAULT_THRESHOLDS: StatusThresholds = { onTrackRatio: 0.95, atRiskRatio: 0.8 };

export interface Pace {
  workingDays: number;
  workingDaysElapsed: number;
  /** 0 … 1, four decimals. */
  pace: number;
}

export function paceOf(calendar: WorkingCalendar, period: Period, asOf: string): Pace {
  const workingDays = calendar.countWorkingDays(period.start, lastDay(period));
  const until = asOf < period.start ? addDays(period.start, -1) : asOf >= period.end ? lastDay(period) : asOf;
  const workingDaysElapsed = until < period.start ? 0 : calendar.countWorkingDays(period.start, until);
  return {
    workingDays,
    workingDaysElapsed,
    pace: workingDays === 0 ? 1 : round(workingDaysElapsed / workingDays, 4),
  };
}

export interface NodeAttainment {
  attainmentPercent: number | null;
  tierReached: TargetTier | null;
  projected: number | null;
  status: AttainmentStatus | null;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function reaches(metric: TargetMetric, value: number, goal: number): boolean {
  return LOWER_IS_BETTER.has(metric) ? value <= goal : value >= goal;
}

export function evaluateAttainment(
  metric: TargetMetric,
  target: TierValues,
  actual: number | null,
  pace: Pace,
  thresholds: StatusThresholds,
): NodeAttainment {
  if (actual === null) return { attainmentPercent: null, tierReached: null, projected: null, status: null };
  const additive = isAdditive(metric);
  const attainmentPercent = target.base === 0 ? null : round((actual / target.base) * 100, 1);
  const projected = additive ? (pace.pace > 0 ? Math.round(actual / pace.pace) : null) : actual;
  const lookAt = projected ?? actual;
  let tierReached: TargetTier | null = null;
  for (const tier of [TargetTier.BASE, TargetTier.STRETCH, TargetTier.CHALLENGE]) {
    const goal = target[tier];
    if (goal !== null && reaches(metric, lookAt, goal)) tierReached = tier;
  }
  const ratio = paceRatio(metric, target.base, actual, pace);
  let status: AttainmentStatus;
  if (ratio === null) status = AttainmentStatus.ON_TRACK;
  else {
    status =
      ratio >= thresholds.onTrackRatio
        ? AttainmentStatus.ON_TRACK
        : ratio >= thresholds.atRiskRatio
          ? AttainmentStatus.AT_RISK
          : AttainmentStatus.BEHIND;
  }
  return { attainmentPercent, tierReached, projected, status };
}

/**
 * How the actual compares with what the pace asks for by now: actual / (target × pace) for additive
 * metrics, actual / target for rates and averages, inverted where less is better. Null when nothing is
 * expected yet (before the first working day, or a target of 0).
 */
export function paceRatio(metric: TargetMetric, base: number, actual: number, pace: Pace): number | null {
  // For additive metrics "by now" is the target times the pace; rates are compared as they stand.
  const expected = isAdditive(metric) ? base * pace.pace : base;
  if (expected === 0) return null;
  if (LOWER_IS_BETTER.has(metric)) return actual === 0 ? Infinity : expected / actual;
  return actual / expected;
}

/** The milestones (50, 90, 100 % of the base target) an attainment has passed. */
export const MILESTONES = [50, 90, 100] as const;
export function milestonesPassed(attainmentPercent: number | null): number[] {
  if (attainmentPercent === null) return [];
  return MILESTONES.filter((milestone) => attainmentPercent >= milestone);
}
