/**
 * Office hours: 09:00 to 17:00 local time on the working days of a country calendar (weekends and holidays
 * off, make-up workdays on), in a time zone. The first-response SLA and complaint deadlines count in them.
 */
import { addDays, localDateIn, zonedInstant, type WorkingCalendar } from './working-days';

/** The office day: 09:00 to 17:00 local time, eight working hours a working day. */
export const OFFICE_DAY = { startHour: 9, endHour: 17 } as const;

/** Days searched ahead for the deadline; 240 working hours fit in far fewer even with long holidays. */
const MAX_DAYS_AHEAD = 120;
const HOUR_MS = 3_600_000;

/** The office hours of each day from `from` on, as [open, close) instants, working days only. */
function* officeIntervals(
  from: Date,
  timeZone: string,
  calendar: WorkingCalendar,
): Generator<[number, number]> {
  let day = localDateIn(timeZone, from);
  for (let i = 0; i < MAX_DAYS_AHEAD; i++, day = addDays(day, 1)) {
    if (!calendar.isWorkingDay(day)) continue;
    const open = Math.max(zonedInstant(day, OFFICE_DAY.startHour, timeZone), from.getTime());
    const close = zonedInstant(day, OFFICE_DAY.endHour, timeZone);
    if (open < close) yield [open, close];
  }
}

/**
 * When `hours` working hours after `start` have passed: counted only inside office hours of working days,
 * so 8 hours from Friday 16:00 end on Monday at 16:00; from a Saturday they start on Monday at 09:00.
 */
export function addOfficeHours(
  start: Date,
  hours: number,
  timeZone: string,
  calendar: WorkingCalendar,
): Date {
  let remaining = hours * HOUR_MS;
  let last = start.getTime();
  for (const [open, close] of officeIntervals(start, timeZone, calendar)) {
    if (open + remaining <= close) return new Date(open + remaining);
    remaining -= close - open;
    last = close;
  }
  return new Date(last + remaining);
}

/** Working hours between two instants (office hours of working days only), to two decimals. */
export function workingHoursBetween(
  from: Date,
  to: Date,
  timeZone: string,
  calendar: WorkingCalendar,
): number {
  let total = 0;
  for (const [open, close] of officeIntervals(from, timeZone, calendar)) {
    if (open >= to.getTime()) break;
    total += Math.min(close, to.getTime()) - open;
  }
  return Math.round((total / HOUR_MS) * 100) / 100;
}
