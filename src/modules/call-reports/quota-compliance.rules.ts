import { CallReportType } from './call-report.enums';

/** Quotas as the rep and the vendor's agreement state them; null = not set at that level. */
export interface QuotaSources {
  rep: QuotaSet;
  agreement: QuotaSet | null;
}

export interface QuotaSet {
  dailyCalls: number | null;
  weeklyCalls: number | null;
  dailyVisits: number | null;
  weeklyVisits: number | null;
}

export const NO_QUOTAS: QuotaSet = {
  dailyCalls: null,
  weeklyCalls: null,
  dailyVisits: null,
  weeklyVisits: null,
};

/** Each quota from the rep when set there, else the vendor's active agreement default. */
export function effectiveQuotas({ rep, agreement }: QuotaSources): QuotaSet {
  const pick = (key: keyof QuotaSet) => rep[key] ?? agreement?.[key] ?? null;
  return {
    dailyCalls: pick('dailyCalls'),
    weeklyCalls: pick('weeklyCalls'),
    dailyVisits: pick('dailyVisits'),
    weeklyVisits: pick('weeklyVisits'),
  };
}

/** One rep's activity in one ISO week, restricted to the period asked for (what the SQL returns). */
export interface WeekActivity {
  /** `2026-W48`. */
  isoWeek: string;
  /** Working days of this week inside the period, in the rep's country calendar. */
  workingDays: number;
  calls: number;
  visits: number;
  /** Working days on which a daily quota was not reached. */
  daysMissed: number;
  byType: Partial<Record<CallReportType, number>>;
}

export interface QuotaProgress {
  done: number;
  /** null when neither a daily nor a weekly quota applies. */
  expected: number | null;
  /** done / expected in percent, one decimal; null without a quota, 100 when nothing was expected. */
  percent: number | null;
  met: boolean;
}

export interface ComplianceSummary {
  workingDays: number;
  calls: QuotaProgress;
  visits: QuotaProgress;
  daysMissed: number;
  byType: Record<CallReportType, number>;
  /** Some quota applies and is not met. */
  belowQuota: boolean;
}

/**
 * Expected work over a period. A daily quota expects its number on every working day; a weekly quota
 * is prorated by the working days of each week inside the period against a normal week
 * (`standardDaysPerWeek`), so a week with a holiday expects less and a 调休 six-day week more. When
 * both apply, the stricter one binds.
 */
export function expectedCount(
  daily: number | null,
  weekly: number | null,
  weeks: readonly Pick<WeekActivity, 'workingDays'>[],
  standardDaysPerWeek = 5,
): number | null {
  if (daily === null && weekly === null) return null;
  const workingDays = weeks.reduce((sum, week) => sum + week.workingDays, 0);
  const fromDaily = daily === null ? 0 : daily * workingDays;
  const fromWeekly =
    weekly === null
      ? 0
      : weeks.reduce((sum, week) => sum + Math.round((weekly * week.workingDays) / standardDaysPerWeek), 0);
  return Math.max(fromDaily, fromWeekly);
}

export function progress(done: number, expected: number | null): QuotaProgress {
  if (expected === null) return { done, expected, percent: null, met: true };
  const percent = expected === 0 ? 100 : Math.round((done / expected) * 1000) / 10;
  return { done, expected, percent, met: done >= expected };
}

export function emptyByType(): Record<CallReportType, number> {
  return Object.fromEntries(Object.values(CallReportType).map((type) => [type, 0])) as Record<
    CallReportType,
    number
  >;
}

export function summarizeCompliance(
  quotas: QuotaSet,
  weeks: readonly WeekActivity[],
  standardDaysPerWeek = 5,
): ComplianceSummary {
  const byType = emptyByType();
  for (const week of weeks)
    for (const [type, count] of Object.entries(week.byType)) byType[type as CallReportType] += count ?? 0;
  const sum = (key: 'calls' | 'visits' | 'daysMissed' | 'workingDays') =>
    weeks.reduce((total, week) => total + week[key], 0);
  const calls = progress(
    sum('calls'),
    expectedCount(quotas.dailyCalls, quotas.weeklyCalls, weeks, standardDaysPerWeek),
  );
  const visits = progress(
    sum('visits'),
    expectedCount(quotas.dailyVisits, quotas.weeklyVisits, weeks, standardDaysPerWeek),
  );
  return {
    workingDays: sum('workingDays'),
    calls,
    visits,
    daysMissed: sum('daysMissed'),
    byType,
    belowQuota: !calls.met || !visits.met,
  };
}

/** Adds up several reps' summaries (a vendor's compliance). Percentages are recomputed on the totals. */
export function combineCompliance(summaries: readonly ComplianceSummary[]): ComplianceSummary {
  const byType = emptyByType();
  for (const summary of summaries)
    for (const [type, count] of Object.entries(summary.byType)) byType[type as CallReportType] += count;
  const combine = (key: 'calls' | 'visits'): QuotaProgress => {
    const done = summaries.reduce((total, s) => total + s[key].done, 0);
    const withQuota = summaries.filter((s) => s[key].expected !== null);
    const expected = withQuota.length
      ? withQuota.reduce((total, s) => total + (s[key].expected ?? 0), 0)
      : null;
    return progress(done, expected);
  };
  const calls = combine('calls');
  const visits = combine('visits');
  return {
    workingDays: summaries.reduce((total, s) => total + s.workingDays, 0),
    calls,
    visits,
    daysMissed: summaries.reduce((total, s) => total + s.daysMissed, 0),
    byType,
    belowQuota: !calls.met || !visits.met,
  };
}
