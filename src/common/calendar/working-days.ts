/**
 * Calendar arithmetic on plain local dates (`YYYY-MM-DD`), with no time zone hidden inside: a date
 * is what the rep's wall calendar shows. All functions are pure; holidays come in as data.
 */

export type LocalDate = string;

export enum CalendarDayKind {
  /** A day off on a day that would otherwise be worked. */
  HOLIDAY = 'holiday',
  /** A day worked on a day that would otherwise be off (China's 调休 make-up Saturdays and Sundays). */
  WORKDAY = 'workday',
}

export interface CalendarException {
  date: LocalDate;
  kind: CalendarDayKind;
}

export interface IsoWeek {
  /** The ISO week-numbering year; differs from the calendar year around New Year. */
  year: number;
  week: number;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Saturday and Sunday; ISO day numbers (Monday = 1 … Sunday = 7). */
export const DEFAULT_WEEKEND: readonly number[] = [6, 7];

/** Countries whose weekend is not Saturday–Sunday. Both current markets keep the default. */
export const WEEKEND_BY_COUNTRY: Readonly<Record<string, readonly number[]>> = {
  SA: [5, 6],
  IL: [5, 6],
};

export function weekendOf(countryCode: string): readonly number[] {
  return WEEKEND_BY_COUNTRY[countryCode.toUpperCase()] ?? DEFAULT_WEEKEND;
}

export function isValidLocalDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

function toUtcMidnight(date: LocalDate): number {
  if (!isValidLocalDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
}

function fromUtcMidnight(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtcMidnight(toUtcMidnight(date) + days * MS_PER_DAY);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtcMidnight(to) - toUtcMidnight(from)) / MS_PER_DAY);
}

/** ISO day of week: Monday = 1 … Sunday = 7. */
export function isoDayOfWeek(date: LocalDate): number {
  const day = new Date(toUtcMidnight(date)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The ISO 8601 week: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeekOf(date: LocalDate): IsoWeek {
  const thursday = addDays(date, 4 - isoDayOfWeek(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return { year, week };
}

/** Monday and Sunday of an ISO week. */
export function isoWeekRange(week: IsoWeek): { from: LocalDate; to: LocalDate } {
  const january4 = `${week.year}-01-04`;
  const mondayOfWeek1 = addDays(january4, 1 - isoDayOfWeek(january4));
  const from = addDays(mondayOfWeek1, (week.week - 1) * 7);
  return { from, to: addDays(from, 6) };
}

/** Number of ISO weeks (52 or 53) in an ISO week-numbering year. */
export function isoWeeksInYear(year: number): number {
  return isoWeekOf(`${year}-12-28`).week;
}

/** `2026-W09` — the ISO notation. */
export function formatIsoWeek(week: IsoWeek): string {
  return `${week.year}-W${String(week.week).padStart(2, '0')}`;
}

export function parseIsoWeek(value: string): IsoWeek | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(value);
  if (!match) return null;
  const week = { year: Number(match[1]), week: Number(match[2]) };
  return week.week >= 1 && week.week <= isoWeeksInYear(week.year) ? week : null;
}

/** The local calendar date of an instant in an IANA time zone ("today" for a rep in Shanghai). */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const QUARTER_HOUR_MS = 15 * 60_000;
const MEMO_FROM_MS = Date.UTC(1980, 0, 1);
const MAX_REMEMBERED_DATES = 50_000;
const localDates = new Map<string, LocalDate>();

export function localDateIn(timeZone: string, instant: Date): LocalDate {
  let format = dateFormats.get(timeZone);
  if (!format) {
    // Building a formatter is costly; a batch of thousands of reports reuses one per time zone.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dateFormats.set(timeZone, format);
  }
  const ms = instant.getTime();
  // Formatting is the costly part (55 µs a call: a third of the API's CPU filing 1 000-report batches).
  // Since 1980 every zone's offset and every transition falls on a quarter hour of UTC, so the local date
  // is the same for every instant of a UTC quarter hour: remembered per zone and quarter hour.
  const key = ms >= MEMO_FROM_MS ? `${timeZone}|${Math.floor(ms / QUARTER_HOUR_MS)}` : undefined;
  const known = key && localDates.get(key);
  if (known) return known;
  const parts = format.formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${part('year')}-${part('month')}-${part('day')}`;
  if (key) {
    if (localDates.size >= MAX_REMEMBERED_DATES) localDates.clear();
    localDates.set(key, date);
  }
  return date;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function zoneOffsetMs(timeZone: string, instant: number): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a local wall-clock hour of a day happens in a zone (DST-safe for whole hours off a transition). */
export function zonedInstant(date: LocalDate, hour: number, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour);
  const first = wall - zoneOffsetMs(timeZone, wall);
  return wall - zoneOffsetMs(timeZone, first);
}

export function todayIn(timeZone: string, now: Date = new Date()): LocalDate {
  return localDateIn(timeZone, now);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * One country's working-day rule: the weekend, overridden by its calendar exceptions (a holiday on a
 * weekday is off, a make-up workday on a weekend is worked).
 */
export class WorkingCalendar {
  private readonly exceptions: ReadonlyMap<LocalDate, CalendarDayKind>;

  constructor(
    readonly countryCode: string,
    exceptions: readonly CalendarException[],
    private readonly weekend: readonly number[] = weekendOf(countryCode),
  ) {
    this.exceptions = new Map(exceptions.map((exception) => [exception.date, exception.kind]));
  }

  isWorkingDay(date: LocalDate): boolean {
    const exception = this.exceptions.get(date);
    if (exception === CalendarDayKind.WORKDAY) return true;
    if (exception === CalendarDayKind.HOLIDAY) return false;
    return !this.weekend.includes(isoDayOfWeek(date));
  }

  /** Working days from `from` to `to`, both included; empty when `to` is before `from`. */
  workingDaysBetween(from: LocalDate, to: LocalDate): LocalDate[] {
    const days: LocalDate[] = [];
    for (let day = from; day <= to; day = addDays(day, 1)) if (this.isWorkingDay(day)) days.push(day);
    return days;
  }

  countWorkingDays(from: LocalDate, to: LocalDate): number {
    return this.workingDaysBetween(from, to).length;
  }

  /** Working days in a normal week without holidays: the yardstick weekly quotas are set against. */
  get standardWorkingDaysPerWeek(): number {
    return 7 - this.weekend.length;
  }
}
