import {
  childPeriods,
  lastDay,
  parsePeriod,
  period,
  periodDays,
  periodOf,
  periodWithin,
  periodsBetween,
  previousPeriod,
  samePeriodLastYear,
} from './period';

describe('Period', () => {
  it('parses a year, quarter, month and ISO week into half-open local-date bounds', () => {
    expect(period('2026')).toEqual({ kind: 'year', key: '2026', start: '2026-01-01', end: '2027-01-01' });
    expect(period('2026-Q3')).toMatchObject({ start: '2026-07-01', end: '2026-10-01' });
    expect(period('2024-02')).toMatchObject({ start: '2024-02-01', end: '2024-03-01' });
    // ISO week 1 of 2026 starts on Monday 29 December 2025.
    expect(period('2026-W01')).toMatchObject({ start: '2025-12-29', end: '2026-01-05' });
  });

  it('refuses keys that are not periods', () => {
    for (const key of ['2026-13', '2026-Q5', '2026-W54', '26', '2026-1', '2026-00', '2025-W53', '']) {
      expect(parsePeriod(key)).toBeUndefined();
    }
    expect(parsePeriod('2026-W53')).toBeDefined(); // 2026 has 53 ISO weeks
  });

  it('finds the period of a date, the ISO week by its Thursday', () => {
    expect(periodOf('2026-08-14', 'quarter').key).toBe('2026-Q3');
    expect(periodOf('2027-01-01', 'week').key).toBe('2026-W53');
    expect(periodOf('2025-12-29', 'week').key).toBe('2026-W01');
  });

  it('counts days, with leap years', () => {
    expect(periodDays(period('2024'))).toBe(366);
    expect(periodDays(period('2026-02'))).toBe(28);
    expect(lastDay(period('2026-Q1'))).toBe('2026-03-31');
  });

  it('splits a year into twelve months and a quarter into three', () => {
    expect(childPeriods(period('2026'), 'month').map((p) => p.key)).toHaveLength(12);
    expect(childPeriods(period('2026-Q2'), 'month').map((p) => p.key)).toEqual([
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
  });

  it('steps back one period and one year', () => {
    expect(previousPeriod(period('2026-01')).key).toBe('2025-12');
    expect(previousPeriod(period('2026-Q1')).key).toBe('2025-Q4');
    expect(samePeriodLastYear(period('2026-Q3')).key).toBe('2025-Q3');
    expect(samePeriodLastYear(period('2026-W53')).key).toBe('2025-W52');
  });

  it('tells containment and lists the months between two dates', () => {
    expect(periodWithin(period('2026-07'), period('2026-Q3'))).toBe(true);
    expect(periodWithin(period('2026-Q3'), period('2026-07'))).toBe(false);
    expect(periodsBetween('2026-01-17', '2026-03-01', 'month').map((p) => p.key)).toEqual([
      '2026-01',
      '2026-02',
    ]);
  });
});
