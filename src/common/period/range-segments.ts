import type { LocalDate } from '../calendar/working-days';

/** A piece of a range that one rollup grain covers exactly. */
export interface RangeSegment {
  from: LocalDate;
  to: LocalDate;
  grain: 'day' | 'month' | 'year';
}

const firstOfMonth = (day: LocalDate) => `${day.slice(0, 7)}-01`;
const nextMonth = (month: LocalDate) => {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
};
const firstOfYear = (day: LocalDate) => `${day.slice(0, 4)}-01-01`;
const nextYear = (day: LocalDate) => `${String(Number(day.slice(0, 4)) + 1).padStart(4, '0')}-01-01`;

/**
 * Splits a range into the fewest rows a reader must add: whole years from a yearly rollup, whole
 * months from a monthly one, the odd days at either end day by day (revenue's daily rollup, the leads).
 * `2025-11-15 … 2027-03-01` → the days 2025-11-15…30, the month 2025-12, the year 2026, the months 2027-01 and 02.
 */
export function rangeSegments({ from, to }: { from: LocalDate; to: LocalDate }): RangeSegment[] {
  if (from >= to) return [];
  const monthsFrom = from.endsWith('-01') ? from : nextMonth(firstOfMonth(from));
  const monthsTo = firstOfMonth(to);
  if (monthsFrom >= monthsTo) return [{ grain: 'day', from, to }];
  const segments: RangeSegment[] = [];
  const add = (grain: RangeSegment['grain'], start: LocalDate, end: LocalDate) => {
    if (start < end) segments.push({ grain, from: start, to: end });
  };
  add('day', from, monthsFrom);
  const yearsFrom = monthsFrom.endsWith('-01-01') ? monthsFrom : nextYear(monthsFrom);
  const yearsTo = firstOfYear(monthsTo);
  if (yearsFrom < yearsTo) {
    add('month', monthsFrom, yearsFrom);
    add('year', yearsFrom, yearsTo);
    add('month', yearsTo, monthsTo);
  } else add('month', monthsFrom, monthsTo);
  add('day', monthsTo, to);
  return segments;
}
