import { CallReportType } from './call-report.enums';
import {
  combineCompliance,
  effectiveQuotas,
  expectedCount,
  NO_QUOTAS,
  progress,
  summarizeCompliance,
  WeekActivity,
} from './quota-compliance.rules';

const week = (workingDays: number, calls: number, visits = 0, daysMissed = 0): WeekActivity => ({
  isoWeek: '2026-W10',
  workingDays,
  calls,
  visits,
  daysMissed,
  byType: { [CallReportType.CALL]: calls, [CallReportType.VISIT]: visits },
});

describe('effective quotas', () => {
  it("takes the rep's own quota before the agreement default, each quota on its own", () => {
    expect(
      effectiveQuotas({
        rep: { dailyCalls: 8, weeklyCalls: null, dailyVisits: null, weeklyVisits: null },
        agreement: { dailyCalls: 10, weeklyCalls: 45, dailyVisits: 2, weeklyVisits: null },
      }),
    ).toEqual({ dailyCalls: 8, weeklyCalls: 45, dailyVisits: 2, weeklyVisits: null });
  });

  it('has no quota when neither the rep nor an active agreement sets one', () => {
    expect(effectiveQuotas({ rep: NO_QUOTAS, agreement: null })).toEqual(NO_QUOTAS);
  });

  it('keeps a rep quota of zero rather than falling back to the default', () => {
    expect(
      effectiveQuotas({ rep: { ...NO_QUOTAS, dailyCalls: 0 }, agreement: { ...NO_QUOTAS, dailyCalls: 9 } }),
    ).toMatchObject({ dailyCalls: 0 });
  });
});

describe('expected count', () => {
  it('expects the daily quota on every working day', () => {
    expect(expectedCount(10, null, [{ workingDays: 5 }, { workingDays: 4 }])).toBe(90);
  });

  it('prorates a weekly quota for a week with a holiday', () => {
    expect(expectedCount(null, 40, [{ workingDays: 4 }])).toBe(32);
  });

  it('raises a weekly quota for a six-day make-up week', () => {
    expect(expectedCount(null, 40, [{ workingDays: 6 }])).toBe(48);
  });

  it('lets the stricter of the daily and the weekly quota bind', () => {
    expect(expectedCount(6, 40, [{ workingDays: 5 }])).toBe(40);
    expect(expectedCount(10, 40, [{ workingDays: 5 }])).toBe(50);
  });

  it('expects nothing without a quota and nothing in a week of holidays', () => {
    expect(expectedCount(null, null, [{ workingDays: 5 }])).toBeNull();
    expect(expectedCount(10, 40, [{ workingDays: 0 }])).toBe(0);
  });
});

describe('compliance', () => {
  it('reports done against expected with a percentage', () => {
    expect(progress(27, 36)).toEqual({ done: 27, expected: 36, percent: 75, met: false });
    expect(progress(5, 0)).toEqual({ done: 5, expected: 0, percent: 100, met: true });
    expect(progress(5, null)).toEqual({ done: 5, expected: null, percent: null, met: true });
  });

  it('is below quota when calls or visits fall short, and sums days missed and types', () => {
    const summary = summarizeCompliance({ ...NO_QUOTAS, dailyCalls: 8, weeklyVisits: 5 }, [
      week(4, 40, 4, 1),
      week(5, 38, 5, 2),
    ]);
    expect(summary.workingDays).toBe(9);
    expect(summary.calls).toEqual({ done: 78, expected: 72, percent: 108.3, met: true });
    expect(summary.visits).toEqual({ done: 9, expected: 9, percent: 100, met: true });
    expect(summary.daysMissed).toBe(3);
    expect(summary.byType.call).toBe(78);
    expect(summary.byType.email).toBe(0);
    expect(summary.belowQuota).toBe(false);

    const short = summarizeCompliance({ ...NO_QUOTAS, dailyCalls: 10 }, [week(5, 30)]);
    expect(short.calls.percent).toBe(60);
    expect(short.belowQuota).toBe(true);
  });

  it('adds up a team and recomputes the percentage on the totals', () => {
    const a = summarizeCompliance({ ...NO_QUOTAS, dailyCalls: 10 }, [week(5, 50)]);
    const b = summarizeCompliance({ ...NO_QUOTAS, dailyCalls: 10 }, [week(5, 25)]);
    const noQuota = summarizeCompliance(NO_QUOTAS, [week(5, 7)]);
    const team = combineCompliance([a, b, noQuota]);
    expect(team.calls).toEqual({ done: 82, expected: 100, percent: 82, met: false });
    expect(team.visits.expected).toBeNull();
  });
});
