/**
 * Periodic vendor reviews: four soft metrics rated 1–5 and the review score, their plain mean. A review
 * scores the vendor for its own period; a scored period draws on every review whose period overlaps it
 * (a month takes its quarter's review, a year the mean of its quarters').
 */

export const REVIEW_RATINGS = ['cooperation', 'communication', 'professionalism', 'marketFeedback'] as const;
export type ReviewRating = (typeof REVIEW_RATINGS)[number];
export type ReviewRatings = Record<ReviewRating, number>;

export const MIN_RATING = 1;
export const MAX_RATING = 5;

/** The review score: the mean of the four ratings, two decimals (4, 3, 5, 4 → 4.00). */
export function reviewScore(ratings: ReviewRatings): number {
  const sum = REVIEW_RATINGS.reduce((total, name) => total + ratings[name], 0);
  return Math.round((sum / REVIEW_RATINGS.length) * 100) / 100;
}

/** An action item is worked on until done or dropped; done and cancelled items can be reopened. */
export enum ReviewActionStatus {
  OPEN = 'open',
  DONE = 'done',
  CANCELLED = 'cancelled',
}

/** Open past its due day (both local dates): the review_actions_overdue check's condition. */
export function isActionOverdue(item: { status: ReviewActionStatus; dueOn: string }, today: string): boolean {
  return item.status === ReviewActionStatus.OPEN && item.dueOn < today;
}
