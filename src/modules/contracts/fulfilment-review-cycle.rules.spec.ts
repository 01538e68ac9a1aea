import { ReviewCycle } from './contract.enums';
import { addMonths, nextReviewDueOn, REVIEW_CYCLE_MONTHS_SQL } from './fulfilment-review-cycle.rules';

describe('next fulfilment review day per cycle', () => {
  it('without a review, one cycle after the contract start', () => {
    expect(nextReviewDueOn(ReviewCycle.MONTHLY, '2026-01-01', null)).toBe('2026-02-01');
    expect(nextReviewDueOn(ReviewCycle.QUARTERLY, '2026-01-01', null)).toBe('2026-04-01');
    expect(nextReviewDueOn(ReviewCycle.HALF_YEARLY, '2026-01-01', null)).toBe('2026-07-01');
    expect(nextReviewDueOn(ReviewCycle.YEARLY, '2026-01-01', null)).toBe('2027-01-01');
  });

  it('after a review, one cycle after the day following its period', () => {
    // Q1 2026 reviewed (2026-01-01 … 2026-03-31): the next quarter ends 2026-06-30, due 2026-07-01
    expect(nextReviewDueOn(ReviewCycle.QUARTERLY, '2026-01-01', '2026-03-31')).toBe('2026-07-01');
    // a review covering up to 2026-05-15 moves the next one to 2026-08-16
    expect(nextReviewDueOn(ReviewCycle.QUARTERLY, '2026-01-01', '2026-05-15')).toBe('2026-08-16');
  });

  it('a day missing in the target month falls on its last day', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(nextReviewDueOn(ReviewCycle.MONTHLY, '2026-01-31', null)).toBe('2026-02-28');
  });

  it('the SQL twin names every cycle with its months', () => {
    expect(REVIEW_CYCLE_MONTHS_SQL).toBe(
      "CASE c.review_cycle WHEN 'monthly' THEN 1 WHEN 'quarterly' THEN 3 WHEN 'half_yearly' THEN 6 WHEN 'yearly' THEN 12 END",
    );
  });
});
