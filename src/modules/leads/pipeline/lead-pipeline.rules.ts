import { roundMinor } from '../../../common/money/money';
import type { FieldError } from '../../../common/errors/domain.exception';
import { LeadStatus } from '../lead.enums';

/** The open statuses whose default win probability is a setting; won is 100 %, lost and rejected 0 %. */
export const PIPELINE_PROBABILITY_STATUSES = [
  LeadStatus.NEW,
  LeadStatus.ASSIGNED,
  LeadStatus.CONTACTED,
  LeadStatus.QUALIFIED,
  LeadStatus.NEGOTIATING,
] as const;

export type ProbabilityStatus = (typeof PIPELINE_PROBABILITY_STATUSES)[number];
export type StatusProbabilities = Record<ProbabilityStatus, number>;

/** The statuses whose leads carry a pipeline value and make up the open pipeline. */
export const PIPELINE_STATUSES: readonly LeadStatus[] = [LeadStatus.QUALIFIED, LeadStatus.NEGOTIATING];

export const DEFAULT_STATUS_PROBABILITIES: StatusProbabilities = {
  [LeadStatus.NEW]: 5,
  [LeadStatus.ASSIGNED]: 10,
  [LeadStatus.CONTACTED]: 20,
  [LeadStatus.QUALIFIED]: 40,
  [LeadStatus.NEGOTIATING]: 70,
};

/** The probability a lead is weighted with: its own when set, else its status's default. */
export function effectiveWinProbability(
  status: LeadStatus,
  own: number | null,
  defaults: StatusProbabilities,
): number {
  if (own !== null) return own;
  if (status === LeadStatus.WON) return 100;
  if (status === LeadStatus.LOST || status === LeadStatus.REJECTED) return 0;
  return defaults[status];
}

/** The expected amount weighted by the probability, rounded half away from zero to a minor unit. */
export function weightedAmountMinor(expectedAmountMinor: number, probabilityPct: number): number {
  return roundMinor((expectedAmountMinor * probabilityPct) / 100);
}

/**
 * The default probabilities must be whole percentages from 0 to 100 that never fall as a lead moves on
 * (new ≤ assigned ≤ contacted ≤ qualified ≤ negotiating): a later stage is never less likely to win.
 */
export function statusProbabilityErrors(probabilities: StatusProbabilities): FieldError[] {
  const errors: FieldError[] = [];
  for (const status of PIPELINE_PROBABILITY_STATUSES) {
    const value = probabilities[status];
    if (!Number.isInteger(value) || value < 0 || value > 100)
      errors.push({ field: `probabilities.${status}`, message: 'must be a whole number from 0 to 100' });
  }
  if (errors.length) return errors;
  PIPELINE_PROBABILITY_STATUSES.forEach((status, index) => {
    const previous = PIPELINE_PROBABILITY_STATUSES[index - 1];
    if (previous && probabilities[status] < probabilities[previous])
      errors.push({
        field: `probabilities.${status}`,
        message: `must not be below ${previous} (${probabilities[previous]})`,
      });
  });
  return errors;
}

/** The forecast categories, most certain first (Salesforce's Commit / Best Case / Pipeline). */
export const FORECAST_CATEGORIES = ['commit', 'best_case', 'pipeline'] as const;
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];

/** The settings rule that derives a lead's category from its win probability (own, else its status's). */
export interface ForecastCategoryRule {
  /** From this probability on a lead counts as commit. */
  commitFromPct: number;
  /** From this probability on (below commit) a lead counts as best case; below it, pipeline. */
  bestCaseFromPct: number;
}

/** With the default probabilities: negotiating (70 %) is commit, qualified (40 %) pipeline. */
export const DEFAULT_FORECAST_CATEGORY_RULE: ForecastCategoryRule = {
  commitFromPct: 70,
  bestCaseFromPct: 50,
};

/** A lead's category: its own when a manager or rep set one, else the rule applied to its probability. */
export function forecastCategoryOf(
  probabilityPct: number,
  own: ForecastCategory | null,
  rule: ForecastCategoryRule,
): ForecastCategory {
  if (own !== null) return own;
  if (probabilityPct >= rule.commitFromPct) return 'commit';
  if (probabilityPct >= rule.bestCaseFromPct) return 'best_case';
  return 'pipeline';
}

/** The SQL twin of `forecastCategoryOf` for a probability expression and the lead's own category column. */
export function forecastCategorySql(
  probabilitySql: string,
  ownColumn: string,
  rule: ForecastCategoryRule,
): string {
  return `COALESCE(${ownColumn}, CASE WHEN ${probabilitySql} >= ${Number(rule.commitFromPct)} THEN 'commit'
    WHEN ${probabilitySql} >= ${Number(rule.bestCaseFromPct)} THEN 'best_case' ELSE 'pipeline' END)`;
}

/** Both thresholds are whole percentages from 0 to 100, best case never above commit. */
export function forecastCategoryRuleErrors(rule: ForecastCategoryRule): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of ['commitFromPct', 'bestCaseFromPct'] as const) {
    const value = rule[key];
    if (!Number.isInteger(value) || value < 0 || value > 100)
      errors.push({ field: `forecastCategories.${key}`, message: 'must be a whole number from 0 to 100' });
  }
  if (!errors.length && rule.bestCaseFromPct > rule.commitFromPct)
    errors.push({
      field: 'forecastCategories.bestCaseFromPct',
      message: `must not be above commitFromPct (${rule.commitFromPct})`,
    });
  return errors;
}
