import { isActionOverdue, ReviewActionStatus, reviewScore } from './vendor-review.rules';

describe('vendor review rules', () => {
  it('scores a review as the mean of its four ratings', () => {
    expect(reviewScore({ cooperation: 4, communication: 3, professionalism: 5, marketFeedback: 4 })).toBe(4);
    // (5 + 4 + 4 + 4) / 4 = 4.25
    expect(reviewScore({ cooperation: 5, communication: 4, professionalism: 4, marketFeedback: 4 })).toBe(
      4.25,
    );
    // (2 + 3 + 3 + 3) / 4 = 2.75
    expect(reviewScore({ cooperation: 2, communication: 3, professionalism: 3, marketFeedback: 3 })).toBe(
      2.75,
    );
  });

  it('counts an open action item as overdue from the day after its due day', () => {
    const item = { status: ReviewActionStatus.OPEN, dueOn: '2026-04-30' };
    expect(isActionOverdue(item, '2026-04-30')).toBe(false);
    expect(isActionOverdue(item, '2026-05-01')).toBe(true);
    expect(isActionOverdue({ ...item, status: ReviewActionStatus.DONE }, '2026-05-01')).toBe(false);
  });
});
