import { roundMinor } from '../../common/money/money';
import type { FieldError } from '../../common/errors/domain.exception';
import { LeadStatus } from './lead.enums';

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
