import { Injectable } from '@nestjs/common';
import { CalendarService } from '../../../common/calendar/calendar.service';
import {
  addDays,
  isoDayOfWeek,
  isoWeekOf,
  isoWeekRange,
  localDateIn,
} from '../../../common/calendar/working-days';
import { CallReportsService } from '../../call-reports/call-reports.service';
import { LeadQueriesService } from '../../leads/leads.published';
import { RepsService } from '../../vendors/reps.service';
import type { CheckContext, CheckResult, Finding, SchedulerCheck } from './check.types';

/** How far back a rep's last activity is looked for; older than this counts as "none in the window". */
const LOOKBACK_DAYS = 60;

/**
 * Active reps who went quiet: no call report and no activity on a lead they own for N working days
 * (their country's calendar, their time zone), or, from a given weekday on, fewer calls this ISO week
 * than a share of their weekly quota pro rata to the working days gone. Both count from the rep's start
 * date, so a rep who joined yesterday is not idle "for 40 working days".
 */
@Injectable()
export class IdleRepsCheck implements SchedulerCheck {
  readonly name = 'idle_reps';
  readonly description =
    'Active reps idle for N working days, or below X % of their weekly call quota by a weekday';
  readonly alertTypes = ['rep_idle', 'rep_below_weekly_quota'] as const;
  readonly thresholds = {
    idleWorkingDays: { default: 3, min: 1, max: 60, description: 'Working days without any activity' },
    weeklyQuotaPercent: {
      default: 50,
      min: 1,
      max: 100,
      description: 'Share of the pro-rata weekly call quota',
    },
    fromIsoWeekday: {
      default: 3,
      min: 1,
      max: 7,
      description: 'Judge the weekly quota from this weekday (1 = Monday)',
    },
  };

  constructor(
    private readonly reps: RepsService,
    private readonly callReports: CallReportsService,
    private readonly leads: LeadQueriesService,
    private readonly calendar: CalendarService,
  ) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const { asOf, manager } = context;
    const reps = (
      await this.reps.getRepsForReporting(manager, { allVendors: true }, asOf.toISOString().slice(0, 10))
    ).filter((rep) => rep.active);
    const repIds = reps.map((rep) => rep.id);
    const [lastReport, lastLead] = await Promise.all([
      this.callReports.lastReportAtByRep(manager, repIds, asOf),
      this.leads.lastLeadActivityByRep(manager, repIds, asOf),
    ]);

    const utcToday = asOf.toISOString().slice(0, 10);
    const calendars = new Map(
      await Promise.all(
        [...new Set(reps.map((rep) => rep.countryCode))].map(
          async (country) =>
            [
              country,
              await this.calendar.calendarFor(
                manager,
                country,
                addDays(utcToday, -LOOKBACK_DAYS - 7),
                addDays(utcToday, 7),
              ),
            ] as const,
        ),
      ),
    );

    const weekly = reps.map((rep) => {
      const today = localDateIn(rep.timezone, asOf);
      return { rep, today, week: isoWeekRange(isoWeekOf(today)) };
    });
    const weekStart = weekly.reduce((min, w) => (w.week.from < min ? w.week.from : min), utcToday);
    const weekEnd = weekly.reduce((max, w) => (w.today > max ? w.today : max), utcToday);
    const calls = await this.callReports.countCallsByRep(manager, repIds, weekStart, weekEnd);

    const findings: Finding[] = [];
    for (const { rep, today, week } of weekly) {
      const thresholds = context.vendorThresholds.get(rep.vendorId) ?? context.thresholds;
      const calendar = calendars.get(rep.countryCode)!;
      const last = [lastReport.get(rep.id), lastLead.get(rep.id)]
        .filter((d): d is Date => !!d)
        .sort((a, b) => +b - +a)[0];
      // Idle time starts at the rep's first day: the day before it counts as their last active one.
      if (rep.startedOn > today) continue;
      const beforeStart = addDays(rep.startedOn, -1);
      const seen = last ? localDateIn(rep.timezone, last) : addDays(today, -LOOKBACK_DAYS);
      const lastDay = seen > beforeStart ? seen : beforeStart;
      // Whole working days strictly between the last active day and today (today is not over yet).
      const idle =
        lastDay < addDays(today, -1) ? calendar.countWorkingDays(addDays(lastDay, 1), addDays(today, -1)) : 0;
      if (idle >= thresholds.idleWorkingDays) {
        findings.push({
          type: 'rep_idle',
          severity: idle >= thresholds.idleWorkingDays * 2 ? 'critical' : 'warning',
          level: 'vendor_manager',
          subjectType: 'rep',
          subjectId: rep.id,
          vendorId: rep.vendorId,
          repId: rep.id,
          message: `${rep.fullName} has had no call report or lead activity for ${idle} working days`,
          data: { idleWorkingDays: idle, lastActivityAt: last?.toISOString() ?? null },
        });
      }

      const weeklyQuota = rep.weeklyCallQuota ?? rep.agreementWeeklyCallQuota;
      if (!weeklyQuota || isoDayOfWeek(today) < thresholds.fromIsoWeekday) continue;
      const workingDaysInWeek = calendar.countWorkingDays(week.from, week.to);
      // A rep who started this week owes the share of the working days since their start only.
      const counted = rep.startedOn > week.from ? rep.startedOn : week.from;
      const workingDaysGone = calendar.countWorkingDays(counted, today);
      if (workingDaysInWeek === 0) continue;
      const expectedSoFar = (weeklyQuota * workingDaysGone) / workingDaysInWeek;
      const done = calls.get(rep.id) ?? 0;
      if (done < (expectedSoFar * thresholds.weeklyQuotaPercent) / 100) {
        findings.push({
          type: 'rep_below_weekly_quota',
          severity: 'warning',
          level: 'vendor_manager',
          subjectType: 'rep',
          subjectId: rep.id,
          vendorId: rep.vendorId,
          repId: rep.id,
          message: `${rep.fullName} made ${done} calls this week; ${Math.ceil(expectedSoFar)} of ${weeklyQuota} were due by now`,
          data: {
            callsThisWeek: done,
            expectedSoFar: Math.round(expectedSoFar * 10) / 10,
            weeklyQuota,
            week: week.from,
          },
        });
      }
    }
    return { examined: reps.length, findings };
  }
}
