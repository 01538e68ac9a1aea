import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DataScope } from '../../common/auth/data-scope';
import { assertRange, workingDaySql } from '../../common/calendar/calendar.service';
import {
  isoWeekOf,
  isoWeekRange,
  LocalDate,
  parseIsoWeek,
  todayIn,
} from '../../common/calendar/working-days';
import { DomainException } from '../../common/errors/domain.exception';
import { VendorsService } from '../vendors/vendors.service';
import { CALL_QUOTA_TYPES, CallReportOutcome, CallReportType, VISIT_QUOTA_TYPES } from './call-report.enums';
import {
  combineCompliance,
  ComplianceSummary,
  summarizeCompliance,
  WeekActivity,
} from './quota-compliance.rules';
import { ReportingRep } from './reporting-reps';
import { ReportingRepsService } from './reporting-reps.service';
import { BriefPlan, DailyBriefPlans } from './brief-plans';

export interface Period {
  from: LocalDate;
  to: LocalDate;
}

export interface RepCompliance extends ComplianceSummary, Period {
  rep: ReportingRep;
}

export interface VendorCompliance extends ComplianceSummary, Period {
  vendorId: string;
  reps: RepCompliance[];
}

/** Per rep over a period: quota work done and expected, reports and flagged reports (counts, so they add up per vendor). */
export interface RepCallFacts {
  repId: string;
  vendorId: string;
  done: number;
  expected: number | null;
  reports: number;
  flaggedReports: number;
}

export interface DailyBrief {
  date: LocalDate;
  repId: string | null;
  vendorId: string;
  byType: Record<CallReportType, number>;
  byOutcome: { type: CallReportType; outcome: CallReportOutcome; count: number }[];
  leadsTouched: number;
  followUpsSet: number;
  openFlags: number;
  quota: ComplianceSummary;
  repsBelowQuota: number;
  /** A rep's brief: what their running targets ask of them per working day. A vendor's: none. */
  plans: BriefPlan[];
}

const TYPES = Object.values(CallReportType);
const typeList = (types: readonly CallReportType[]) => types.map((type) => `'${type}'`).join(', ');

/**
 * Per rep and ISO week: working days, calls, visits, every type, and working days below a daily quota,
 * for any number of reps in one statement — days from generate_series, each judged by the rep's
 * country calendar; reports counted on the day they happened in the rep's time zone (occurred_on).
 *
 * Shaped for a year of days × thousands of reps: the calendar is judged once per country and day (not per
 * rep and day), the reports are counted once per rep and day with one pass over them, and the day series
 * is an integer series so the planner knows its length (a timestamp series is guessed at 1 000 rows,
 * which made the estimate big enough to JIT-compile the statement: seconds for a one-day period).
 */
export const WEEKLY_ACTIVITY_SQL = `
WITH rep AS (
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::int[]) AS r(rep_id, country, daily_calls, daily_visits)),
calendar AS MATERIALIZED (
  SELECT c.country, d.day, ${workingDaySql('c.country', 'd.day')} AS working
    FROM (SELECT DISTINCT country FROM rep) c
   CROSS JOIN (SELECT $5::date + i AS day FROM generate_series(0, $6::date - $5::date) i) d),
done AS (
  SELECT cr.rep_id, cr.occurred_on,
         count(*) FILTER (WHERE cr.type IN (${typeList(CALL_QUOTA_TYPES)}))::int AS calls,
         count(*) FILTER (WHERE cr.type IN (${typeList(VISIT_QUOTA_TYPES)}))::int AS visits,
         ${TYPES.map((type) => `count(*) FILTER (WHERE cr.type = '${type}')::int AS "${type}"`).join(',\n         ')}
    FROM call_reports cr
   WHERE cr.rep_id = ANY($1::uuid[]) AND cr.occurred_on BETWEEN $5::date AND $6::date
     -- a day either side covers every time zone and lets the (rep_id, occurred_at) index do the work
     AND cr.occurred_at >= $5::date - interval '1 day' AND cr.occurred_at < $6::date + interval '2 days'
   GROUP BY cr.rep_id, cr.occurred_on),
per_day AS (
  SELECT rep.rep_id, calendar.day, calendar.working, rep.daily_calls, rep.daily_visits,
         coalesce(done.calls, 0) AS calls, coalesce(done.visits, 0) AS visits,
         ${TYPES.map((type) => `coalesce(done."${type}", 0) AS "${type}"`).join(', ')}
    FROM rep
    JOIN calendar ON calendar.country IS NOT DISTINCT FROM rep.country
    LEFT JOIN done ON done.rep_id = rep.rep_id AND done.occurred_on = calendar.day)
SELECT rep_id, to_char(day, 'IYYY-"W"IW') AS iso_week,
       count(*) FILTER (WHERE working)::int AS working_days,
       sum(calls)::int AS calls, sum(visits)::int AS visits,
       count(*) FILTER (WHERE working AND (
         (daily_calls IS NOT NULL AND calls < daily_calls)
         OR (daily_visits IS NOT NULL AND visits < daily_visits)
         OR (daily_calls IS NULL AND daily_visits IS NULL AND calls + visits = 0)))::int AS days_missed,
       ${TYPES.map((type) => `sum("${type}")::int AS "${type}"`).join(', ')}
  FROM per_day
 GROUP BY rep_id, iso_week
 ORDER BY rep_id, iso_week`;

/** Which days a compliance read covers: one day, an ISO week, or a from–to range (the query DTO implements it). */
export interface PeriodSelector {
  date?: string;
  week?: string;
  from?: string;
  to?: string;
}

@Injectable()
export class ComplianceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reps: ReportingRepsService,
    private readonly vendors: VendorsService,
    private readonly plans: DailyBriefPlans,
  ) {}

  async getRepCompliance(repId: string, query: PeriodSelector, scope: DataScope): Promise<RepCompliance> {
    const current = await this.reps.getVisibleRep(this.dataSource.manager, repId, scope);
    const today = todayIn(current.timezone);
    const period = resolvePeriod(query, today);
    // Default quotas come from the agreement in force at the end of the period, not today's.
    const rep =
      period.to === today
        ? current
        : await this.reps.getVisibleRep(this.dataSource.manager, repId, scope, period.to);
    const [compliance] = await this.measure([rep], period);
    return compliance;
  }

  async getVendorCompliance(
    vendorId: string,
    query: PeriodSelector,
    scope: DataScope,
  ): Promise<VendorCompliance> {
    const vendor = await this.vendors.getVendor(this.dataSource.manager, vendorId, scope);
    const period = resolvePeriod(query, todayIn(vendor.timezone));
    const reps = (
      await this.reps.findReps(this.dataSource.manager, { vendorIds: [vendorId] }, period.to)
    ).filter((rep) => rep.active);
    const compliance = await this.measure(reps, period);
    return { ...combineCompliance(compliance), ...period, vendorId, reps: sortByCompliance(compliance) };
  }

  /** The team view: active reps below a quota, across the caller's vendors or one vendor. */
  async listRepsBelowQuota(
    query: PeriodSelector & { vendorId?: string },
    scope: DataScope,
  ): Promise<Period & { data: RepCompliance[] }> {
    const period = resolvePeriod(query, todayIn('UTC'));
    let vendorIds: string[] | undefined;
    if (query.vendorId)
      vendorIds = [(await this.vendors.getVendor(this.dataSource.manager, query.vendorId, scope)).id];
    else if (scope.vendorId) vendorIds = [scope.vendorId];
    const reps = (
      await this.reps.findReps(
        this.dataSource.manager,
        vendorIds ? { vendorIds } : { allVendors: true },
        period.to,
      )
    ).filter((rep) => rep.active);
    const compliance = await this.measure(reps, period);
    return { ...period, data: sortByCompliance(compliance.filter((rep) => rep.belowQuota)) };
  }

  async getRepDailyBrief(repId: string, date: LocalDate | undefined, scope: DataScope): Promise<DailyBrief> {
    const current = await this.reps.getVisibleRep(this.dataSource.manager, repId, scope);
    const day = date ?? todayIn(current.timezone);
    const rep = date ? await this.reps.getVisibleRep(this.dataSource.manager, repId, scope, day) : current;
    const [quota] = await this.measure([rep], { from: day, to: day });
    const activity = await this.dayActivity('rep_id', repId, day);
    return {
      ...activity,
      date: day,
      repId,
      vendorId: rep.vendorId,
      quota,
      repsBelowQuota: quota.belowQuota ? 1 : 0,
      plans: await this.plans.read(repId, day, scope),
    };
  }

  async getVendorDailyBrief(
    vendorId: string,
    date: LocalDate | undefined,
    scope: DataScope,
  ): Promise<DailyBrief> {
    const vendor = await this.vendors.getVendor(this.dataSource.manager, vendorId, scope);
    const day = date ?? todayIn(vendor.timezone);
    const reps = (await this.reps.findReps(this.dataSource.manager, { vendorIds: [vendorId] }, day)).filter(
      (rep) => rep.active,
    );
    const compliance = await this.measure(reps, { from: day, to: day });
    const activity = await this.dayActivity('vendor_id', vendorId, day);
    return {
      ...activity,
      date: day,
      repId: null,
      vendorId,
      quota: combineCompliance(compliance),
      repsBelowQuota: compliance.filter((rep) => rep.belowQuota).length,
      plans: [],
    };
  }

  /** One statement for all reps; the arithmetic on its weekly rows is the pure `summarizeCompliance`. */
  private async measure(
    reps: readonly ReportingRep[],
    period: Period,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<RepCompliance[]> {
    if (reps.length === 0) return [];
    const rows: Record<string, number | string>[] = await manager.query(WEEKLY_ACTIVITY_SQL, [
      reps.map((rep) => rep.repId),
      reps.map((rep) => rep.countryCode),
      reps.map((rep) => rep.quotas.dailyCalls),
      reps.map((rep) => rep.quotas.dailyVisits),
      period.from,
      period.to,
    ]);
    const weeksByRep = new Map<string, WeekActivity[]>();
    for (const row of rows) {
      const weeks = weeksByRep.get(row.rep_id as string) ?? [];
      weeks.push({
        isoWeek: row.iso_week as string,
        workingDays: Number(row.working_days),
        calls: Number(row.calls),
        visits: Number(row.visits),
        daysMissed: Number(row.days_missed),
        byType: Object.fromEntries(TYPES.map((type) => [type, Number(row[type])])),
      });
      weeksByRep.set(row.rep_id as string, weeks);
    }
    return reps.map((rep) => ({
      ...summarizeCompliance(rep.quotas, weeksByRep.get(rep.repId) ?? []),
      ...period,
      rep,
    }));
  }

  /**
   * Scoring's facts for every rep over an inclusive day range, set-based: reports done against the
   * quota's expectation (calls and visits together; null expected without a quota) and how many of the
   * period's reports carry an open plausibility flag.
   */
  async getRepCallFacts(manager: EntityManager, period: Period): Promise<RepCallFacts[]> {
    const reps = await this.reps.findReps(manager, { allVendors: true }, period.to);
    const compliance = await this.measure(reps, period, manager);
    const flagRows: { rep_id: string; reports: number; flagged: number }[] = await manager.query(
      // The open flags joined once (a hash of the flagged report ids), not probed per report.
      `SELECT r.rep_id, count(*)::int AS reports, count(f.call_report_id)::int AS flagged
         FROM call_reports r
         LEFT JOIN (SELECT DISTINCT call_report_id FROM call_report_flags WHERE dismissed_at IS NULL) f
           ON f.call_report_id = r.id
        WHERE r.occurred_on >= $1::date AND r.occurred_on <= $2::date
        GROUP BY r.rep_id`,
      [period.from, period.to],
    );
    const flags = new Map(flagRows.map((row) => [row.rep_id, row]));
    return compliance.map(({ rep, calls, visits }) => {
      const expected =
        calls.expected === null && visits.expected === null
          ? null
          : (calls.expected ?? 0) + (visits.expected ?? 0);
      return {
        repId: rep.repId,
        vendorId: rep.vendorId,
        done: (calls.expected === null ? 0 : calls.done) + (visits.expected === null ? 0 : visits.done),
        expected,
        reports: flags.get(rep.repId)?.reports ?? 0,
        flaggedReports: flags.get(rep.repId)?.flagged ?? 0,
      };
    });
  }

  /**
   * Whether a call report or a plausibility flag was filed, edited, raised or dismissed after `since`
   * (database time): scoring's cue that call facts may have moved. Two BRIN probes, so the cost follows
   * what was written since, not the size of the tables.
   */
  async callFactsWrittenSince(manager: EntityManager, since: Date): Promise<boolean> {
    const [row]: { written: boolean }[] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM call_reports WHERE updated_at > $1)
           OR EXISTS (SELECT 1 FROM call_report_flags WHERE updated_at > $1) AS written`,
      [since],
    );
    return row.written;
  }

  private async dayActivity(
    column: 'rep_id' | 'vendor_id',
    id: string,
    day: LocalDate,
  ): Promise<Pick<DailyBrief, 'byType' | 'byOutcome' | 'leadsTouched' | 'followUpsSet' | 'openFlags'>> {
    const [row]: {
      by_outcome: { type: CallReportType; outcome: CallReportOutcome; count: number }[];
      leads_touched: number;
      follow_ups_set: number;
      open_flags: number;
    }[] = await this.dataSource.query(
      `WITH day_reports AS (
         SELECT * FROM call_reports
          WHERE ${column} = $1 AND occurred_on = $2::date
            AND occurred_at >= $2::date - interval '1 day' AND occurred_at < $2::date + interval '2 days')
       SELECT
         coalesce((SELECT json_agg(json_build_object('type', type, 'outcome', outcome, 'count', n) ORDER BY type, outcome)
                     FROM (SELECT type, outcome, count(*)::int AS n FROM day_reports GROUP BY type, outcome) g), '[]')
           AS by_outcome,
         (SELECT count(DISTINCT lead_id)::int FROM day_reports) AS leads_touched,
         (SELECT count(*)::int FROM day_reports WHERE next_step_on IS NOT NULL) AS follow_ups_set,
         (SELECT count(*)::int FROM call_report_flags f JOIN day_reports r ON r.id = f.call_report_id
           WHERE f.dismissed_at IS NULL) AS open_flags`,
      [id, day],
    );
    const byType = Object.fromEntries(TYPES.map((type) => [type, 0])) as Record<CallReportType, number>;
    for (const entry of row.by_outcome) byType[entry.type] += entry.count;
    return {
      byType,
      byOutcome: row.by_outcome,
      leadsTouched: row.leads_touched,
      followUpsSet: row.follow_ups_set,
      openFlags: row.open_flags,
    };
  }
}

/** Lowest call compliance first; reps without a quota last. */
function sortByCompliance(reps: RepCompliance[]): RepCompliance[] {
  const key = (rep: RepCompliance) => Math.min(rep.calls.percent ?? Infinity, rep.visits.percent ?? Infinity);
  return [...reps].sort((a, b) => key(a) - key(b) || a.rep.fullName.localeCompare(b.rep.fullName));
}

/** A day, an ISO week or a range; nothing given means the current ISO week. */
export function resolvePeriod(query: PeriodSelector, today: LocalDate): Period {
  const forms = [
    query.date !== undefined,
    query.week !== undefined,
    query.from !== undefined || query.to !== undefined,
  ];
  if (forms.filter(Boolean).length > 1) {
    throw DomainException.validation([{ field: 'date', message: 'give one of date, week, or from and to' }]);
  }
  let period: Period;
  if (query.date) period = { from: query.date, to: query.date };
  else if (query.week) {
    const week = parseIsoWeek(query.week);
    if (!week)
      throw DomainException.validation([{ field: 'week', message: 'is not an ISO week of that year' }]);
    period = isoWeekRange(week);
  } else if (query.from || query.to) {
    if (!query.from || !query.to)
      throw DomainException.validation([
        { field: query.from ? 'to' : 'from', message: 'is required with the other' },
      ]);
    period = { from: query.from, to: query.to };
  } else {
    period = isoWeekRange(isoWeekOf(today));
  }
  assertRange(period.from, period.to);
  return period;
}
