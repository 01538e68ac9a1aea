/**
 * A reporting period as a value: a year (`2026`), a quarter (`2026-Q3`), a month (`2026-07`) or an ISO
 * week (`2026-W05`). Targets, contracts, settlement and scoring pass periods around as these keys and
 * never as two loose dates. Bounds are local dates (`YYYY-MM-DD`) in whoever's calendar is asking:
 * `start` is the first day, `end` the day after the last (half-open), so periods tile without gaps.
 */
import type { LocalDate } from '../calendar/working-days';

export type PeriodKind = 'year' | 'quarter' | 'month' | 'week';

export interface Period {
  readonly kind: PeriodKind;
  /** Canonical key: `2026`, `2026-Q3`, `2026-07`, `2026-W05`. */
  readonly key: string;
  /** First day, inclusive. */
  readonly start: LocalDate;
  /** Day after the last day (exclusive). */
  readonly end: LocalDate;
}

/** The API's pattern for a period key; the parser below accepts exactly these strings. */
export const PERIOD_KEY_PATTERN = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2])|-W(0[1-9]|[1-4]\d|5[0-3]))?$/;
export const PERIOD_KEY_EXAMPLES = ['2026', '2026-Q3', '2026-07', '2026-W05'] as const;

const MS_PER_DAY = 86_400_000;

function isoDate(year: number, month: number, day: number): LocalDate {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Monday of ISO week 1: the week holding 4 January. */
function isoWeekOneMonday(year: number): LocalDate {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const isoDay = jan4.getUTCDay() || 7;
  return addDays(isoDate(year, 1, 4), 1 - isoDay);
}

function isoWeeksInYear(year: number): number {
  const start = Date.parse(`${isoWeekOneMonday(year)}T00:00:00Z`);
  const next = Date.parse(`${isoWeekOneMonday(year + 1)}T00:00:00Z`);
  return Math.round((next - start) / (7 * MS_PER_DAY));
}

/** Parses a period key; returns undefined for anything that is not one (including week 53 of a 52-week year). */
export function parsePeriod(key: string): Period | undefined {
  if (typeof key !== 'string' || !PERIOD_KEY_PATTERN.test(key)) return undefined;
  const year = Number(key.slice(0, 4));
  if (year < 1900 || year > 2999) return undefined;
  if (key.length === 4)
    return { kind: 'year', key, start: isoDate(year, 1, 1), end: isoDate(year + 1, 1, 1) };
  const rest = key.slice(5);
  if (rest.startsWith('Q')) {
    const quarter = Number(rest.slice(1));
    const month = (quarter - 1) * 3 + 1;
    return { kind: 'quarter', key, start: isoDate(year, month, 1), end: isoDate(year, month + 3, 1) };
  }
  if (rest.startsWith('W')) {
    const week = Number(rest.slice(1));
    if (week > isoWeeksInYear(year)) return undefined;
    const start = addDays(isoWeekOneMonday(year), (week - 1) * 7);
    return { kind: 'week', key, start, end: addDays(start, 7) };
  }
  const month = Number(rest);
  return { kind: 'month', key, start: isoDate(year, month, 1), end: isoDate(year, month + 1, 1) };
}

/** Like parsePeriod, for keys that are known to be valid (throws otherwise). */
export function period(key: string): Period {
  const parsed = parsePeriod(key);
  if (!parsed) throw new RangeError(`Not a period key: ${key}`);
  return parsed;
}

/** The last day of the period (inclusive). */
export function lastDay(p: Period): LocalDate {
  return addDays(p.end, -1);
}

export function periodContains(p: Period, date: LocalDate): boolean {
  return date >= p.start && date < p.end;
}

/** True when `inner` lies wholly inside `outer` (a period contains itself). */
export function periodWithin(inner: Period, outer: Period): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

export function periodsOverlap(a: Period, b: Period): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Number of calendar days in the period. */
export function periodDays(p: Period): number {
  return Math.round((Date.parse(`${p.end}T00:00:00Z`) - Date.parse(`${p.start}T00:00:00Z`)) / MS_PER_DAY);
}

/** The period of the given kind that holds the date: `periodOf('2026-08-14', 'quarter')` is 2026-Q3. */
export function periodOf(date: LocalDate, kind: PeriodKind): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  switch (kind) {
    case 'year':
      return period(String(year));
    case 'quarter':
      return period(`${year}-Q${Math.floor((month - 1) / 3) + 1}`);
    case 'month':
      return period(date.slice(0, 7));
    case 'week': {
      // The ISO week-numbering year is the year of the week's Thursday.
      const day = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
      const thursday = addDays(date, 4 - day);
      const weekYear = Number(thursday.slice(0, 4));
      const week =
        Math.floor(
          (Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${isoWeekOneMonday(weekYear)}T00:00:00Z`)) /
            (7 * MS_PER_DAY),
        ) + 1;
      return period(`${weekYear}-W${String(week).padStart(2, '0')}`);
    }
  }
}

/** Splits a year into quarters or months, a quarter into months; weeks have no children. */
export function childPeriods(p: Period, kind: 'quarter' | 'month'): Period[] {
  if (p.kind === 'week' || p.kind === 'month') return [];
  if (p.kind === 'quarter' && kind === 'quarter') return [];
  const result: Period[] = [];
  let cursor = p.start;
  while (cursor < p.end) {
    const child = periodOf(cursor, kind);
    result.push(child);
    cursor = child.end;
  }
  return result;
}

/** The period just before: 2026-01 → 2025-12, 2026-Q1 → 2025-Q4, 2026-W01 → 2025-W52. */
export function previousPeriod(p: Period): Period {
  return periodOf(addDays(p.start, -1), p.kind);
}

export function nextPeriod(p: Period): Period {
  return periodOf(p.end, p.kind);
}

/** The same period one year earlier: the prior-year comparison targets start from. */
export function samePeriodLastYear(p: Period): Period {
  const year = Number(p.key.slice(0, 4)) - 1;
  if (p.kind === 'week') {
    const week = Math.min(Number(p.key.slice(6)), isoWeeksInYear(year));
    return period(`${year}-W${String(week).padStart(2, '0')}`);
  }
  return period(`${year}${p.key.slice(4)}`);
}

/** Every period of a kind between two dates (half-open), e.g. the months a contract runs through. */
export function periodsBetween(start: LocalDate, end: LocalDate, kind: PeriodKind): Period[] {
  const result: Period[] = [];
  let cursor = start;
  while (cursor < end) {
    const p = periodOf(cursor, kind);
    result.push(p);
    cursor = p.end;
  }
  return result;
}
