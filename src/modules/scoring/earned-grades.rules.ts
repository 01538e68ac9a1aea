import { VendorTier } from '../vendors/vendor-enums';
import { earnGrade, type Grade, type GradeBands, gradeFor, type RuleError } from './scorecard-engine.rules';

/**
 * Earned grades: a rep's grade (A–D) and a vendor's tier move with their closed months' scores, with
 * hysteresis so a score hovering at a boundary cannot flip a rep's share of leads every month (see
 * `earnGrade`: a move needs a clear margin past the boundary, or the same band two months in a row). An
 * override with a reason and an expiry day stands over the earned grade until that day has passed.
 * Pure: the spec beside it works the examples by hand.
 */

/** Points past a boundary that move a grade at once (A's 85 → 88 to rise into A; B's 70 → below 67 to fall). */
export const GRADE_HYSTERESIS_MARGIN = 3;

/** A vendor's tier is its earned grade's: A platinum, B gold, C silver, D bronze. */
export const TIER_OF_GRADE: Record<Grade, VendorTier> = {
  A: VendorTier.PLATINUM,
  B: VendorTier.GOLD,
  C: VendorTier.SILVER,
  D: VendorTier.BRONZE,
};

/** What a subject holds between months. */
export interface HeldGrade {
  /** null until its first scored month. */
  earned: Grade | null;
  /** The band of the last month counted (null when it had no measured KPI). */
  lastBand: Grade | null;
  /** The last month counted; an older or the same month is never counted twice. */
  lastPeriodKey: string | null;
}

export interface GradeOverride {
  grade: Grade;
  reason: string;
  /** The last day it stands; from the day after, the earned grade applies again. */
  expiresOn: string;
}

/**
 * Counts one closed month. A month with no measured KPI keeps the grade and breaks a run of two. The
 * first scored month gives the band of its score.
 */
export function countMonth(
  held: HeldGrade,
  month: { periodKey: string; total: number | null },
  bands: GradeBands,
  margin = GRADE_HYSTERESIS_MARGIN,
): HeldGrade {
  if (held.lastPeriodKey !== null && month.periodKey <= held.lastPeriodKey) return held;
  if (month.total === null) return { ...held, lastBand: null, lastPeriodKey: month.periodKey };
  const earned = earnGrade({
    held: held.earned,
    score: month.total,
    previousBand: held.lastBand,
    bands,
    margin,
  });
  return { earned, lastBand: gradeFor(month.total, bands), lastPeriodKey: month.periodKey };
}

export function overrideInForce(override: GradeOverride | null, today: string): override is GradeOverride {
  return override !== null && today <= override.expiresOn;
}

/** The grade that counts: an override in force, else the earned grade (null before any). */
export function effectiveGrade(
  earned: Grade | null,
  override: GradeOverride | null,
  today: string,
): Grade | null {
  return overrideInForce(override, today) ? override.grade : earned;
}

/** An override needs a reason and an expiry day after today. */
export function overrideErrors(
  input: { reason?: string | null; expiresOn: string },
  today: string,
): RuleError[] {
  const errors: RuleError[] = [];
  if (!input.reason?.trim()) errors.push({ field: 'reason', message: 'an override needs a reason' });
  if (!(input.expiresOn > today))
    errors.push({ field: 'expiresOn', message: `must be after today (${today}): an override expires` });
  return errors;
}
