/**
 * The first-response SLA: an assigned lead is to be touched (a follow-up, a call report, a status change)
 * within N working hours of its rep's calendar. Working hours are the office day below on the working
 * days of the rep's country calendar (weekends and holidays off, make-up workdays on), in the rep's zone.
 */
import type { WorkingCalendar } from '../../../common/calendar/working-days';
import { addOfficeHours } from '../../../common/calendar/office-hours';

export { OFFICE_DAY, workingHoursBetween } from '../../../common/calendar/office-hours';
export { zonedInstant } from '../../../common/calendar/working-days';

/** The SLA is escalated (to the sales manager, critical) once this many SLAs have passed unanswered. */
export const ESCALATE_AFTER_SLAS = 2;

/** When an SLA of `hours` working hours from `start` runs out (office hours of the rep's calendar). */
export const firstResponseDue = (
  start: Date,
  hours: number,
  timeZone: string,
  calendar: WorkingCalendar,
): Date => addOfficeHours(start, hours, timeZone, calendar);

export type FirstResponseState = 'on_time' | 'overdue' | 'escalated';

/** Overdue once the SLA's working hours have passed; escalated after ESCALATE_AFTER_SLAS of them. */
export function firstResponseState(
  assignedAt: Date,
  asOf: Date,
  hours: number,
  timeZone: string,
  calendar: WorkingCalendar,
): { state: FirstResponseState; dueAt: Date } {
  const dueAt = firstResponseDue(assignedAt, hours, timeZone, calendar);
  if (asOf < dueAt) return { state: 'on_time', dueAt };
  const escalateAt = firstResponseDue(assignedAt, hours * ESCALATE_AFTER_SLAS, timeZone, calendar);
  return { state: asOf < escalateAt ? 'overdue' : 'escalated', dueAt };
}
