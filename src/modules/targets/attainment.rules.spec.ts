import { CalendarDayKind, WorkingCalendar } from '../../common/calendar/working-days';
import { period } from '../../common/period/period';
import { DEFAULT_THRESHOLDS, evaluateAttainment, milestonesPassed, paceOf } from './attainment.rules';
import { TargetMetric } from './target.enums';

// Hungary, March 2026: 22 weekdays; the 15 March holiday falls on a Sunday, so a company day off on Monday 16 March leaves 21.
const hungary = new WorkingCalendar('HU', [{ date: '2026-03-16', kind: CalendarDayKind.HOLIDAY }]);

describe('pace', () => {
  it('is the share of the period’s working days elapsed, in the owner’s calendar', () => {
    // Working days 1–13 March: 2,3,4,5,6,9,10,11,12,13 = 10 of 21.
    expect(paceOf(hungary, period('2026-03'), '2026-03-13')).toEqual({
      workingDays: 21,
      workingDaysElapsed: 10,
      pace: 0.4762,
    });
    // The holiday does not count: by the 17th, 11 days.
    expect(paceOf(hungary, period('2026-03'), '2026-03-17').workingDaysElapsed).toBe(11);
    expect(paceOf(hungary, period('2026-03'), '2026-02-27').pace).toBe(0);
    expect(paceOf(hungary, period('2026-03'), '2026-04-02').pace).toBe(1);
  });
});

describe('attainment', () => {
  const pace = { workingDays: 20, workingDaysElapsed: 10, pace: 0.5 };
  const target = { base: 1000, stretch: 1200, challenge: 1500 };

  it('projects the run-rate and names the tier the projection reaches', () => {
    expect(evaluateAttainment(TargetMetric.CALLS, target, 650, pace, DEFAULT_THRESHOLDS)).toEqual({
      attainmentPercent: 65,
      projected: 1300,
      tierReached: 'stretch',
      status: 'on_track',
    });
  });

  it('is at risk below 95 % of the pace and behind below 80 %', () => {
    expect(evaluateAttainment(TargetMetric.CALLS, target, 450, pace, DEFAULT_THRESHOLDS).status).toBe(
      'at_risk',
    );
    expect(evaluateAttainment(TargetMetric.CALLS, target, 399, pace, DEFAULT_THRESHOLDS).status).toBe(
      'behind',
    );
  });

  it('compares a rate as it stands, without pace', () => {
    const rate = evaluateAttainment(
      TargetMetric.CONVERSION_RATE,
      { base: 2000, stretch: null, challenge: null },
      1700,
      pace,
      DEFAULT_THRESHOLDS,
    );
    expect(rate).toEqual({ attainmentPercent: 85, projected: 1700, tierReached: null, status: 'at_risk' });
  });

  it('passes the 50, 90 and 100 % milestones', () => {
    expect(milestonesPassed(49.9)).toEqual([]);
    expect(milestonesPassed(91)).toEqual([50, 90]);
    expect(milestonesPassed(100)).toEqual([50, 90, 100]);
  });
});
