import type { FollowUpPlan } from './lead.entity';
import { FollowUpPlanKind } from './lead.enums';

const DAY_MS = 24 * 3600 * 1000;

/** Adds calendar months in UTC, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/**
 * When the next follow-up is due under a plan, counting from `from` (the last follow-up, or the moment
 * the plan is set). Explicit dates: the first one after `from`; none left → no follow-up due.
 */
export function nextFollowUpDue(plan: FollowUpPlan | null, from: Date): Date | null {
  if (!plan) return null;
  switch (plan.kind) {
    case FollowUpPlanKind.EVERY_N_DAYS:
      return new Date(from.getTime() + (plan.intervalDays ?? 1) * DAY_MS);
    case FollowUpPlanKind.WEEKLY:
      return new Date(from.getTime() + 7 * DAY_MS);
    case FollowUpPlanKind.MONTHLY:
      return addMonths(from, 1);
    case FollowUpPlanKind.DATES: {
      const next = (plan.dates ?? [])
        .map((date) => new Date(date))
        .filter((date) => date.getTime() > from.getTime())
        .sort((a, b) => a.getTime() - b.getTime())[0];
      return next ?? null;
    }
  }
}
