import { addDays } from '../../common/calendar/working-days';
import { ReviewCycle } from './contract.enums';

/** Months in one review cycle. */
export const REVIEW_CYCLE_MONTHS: Record<ReviewCycle, number> = {
  [ReviewCycle.MONTHLY]: 1,
  [ReviewCycle.QUARTERLY]: 3,
  [ReviewCycle.HALF_YEARLY]: 6,
  [ReviewCycle.YEARLY]: 12,
};

/** The SQL twin of REVIEW_CYCLE_MONTHS, for the set-based check (a CASE over `review_cycle`). */
export const REVIEW_CYCLE_MONTHS_SQL =
  'CASE c.review_cycle ' +
  Object.entries(REVIEW_CYCLE_MONTHS)
    .map(([cycle, months]) => `WHEN '${cycle}' THEN ${months}`)
    .join(' ') +
  ' END';

/** A day plus whole months; a day missing in the target month falls on its last day (as PostgreSQL does). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The day the next fulfilment review is due: one cycle after the day following the latest reviewed
 * period's end, or one cycle after the contract's start when it has no review yet. From that day on the
 * scheduler's `fulfilment_review_due` check raises its alert.
 */
export function nextReviewDueOn(cycle: ReviewCycle, startsOn: string, lastReviewedTo: string | null): string {
  const from = lastReviewedTo === null ? startsOn : addDays(lastReviewedTo, 1);
  return addMonths(from, REVIEW_CYCLE_MONTHS[cycle]);
}
