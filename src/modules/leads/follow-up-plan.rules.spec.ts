import { nextFollowUpDue } from './follow-up-plan.rules';
import { FollowUpPlanKind } from './lead.enums';

describe('follow-up plans', () => {
  const from = new Date('2026-01-31T09:00:00Z');

  it.each([
    [{ kind: FollowUpPlanKind.EVERY_N_DAYS, intervalDays: 3 }, '2026-02-03T09:00:00.000Z'],
    [{ kind: FollowUpPlanKind.WEEKLY }, '2026-02-07T09:00:00.000Z'],
    [{ kind: FollowUpPlanKind.MONTHLY }, '2026-02-28T09:00:00.000Z'],
    [
      {
        kind: FollowUpPlanKind.DATES,
        dates: ['2026-03-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-02-10T00:00:00Z'],
      },
      '2026-02-10T00:00:00.000Z',
    ],
  ])('%o → %s', (plan, expected) => {
    expect(nextFollowUpDue(plan, from)?.toISOString()).toBe(expected);
  });

  it('has nothing due when the explicit dates have passed or there is no plan', () => {
    expect(
      nextFollowUpDue({ kind: FollowUpPlanKind.DATES, dates: ['2025-01-01T00:00:00Z'] }, from),
    ).toBeNull();
    expect(nextFollowUpDue(null, from)).toBeNull();
  });
});
