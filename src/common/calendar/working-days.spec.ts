import {
  addDays,
  CalendarDayKind,
  daysBetween,
  formatIsoWeek,
  isoDayOfWeek,
  isoWeekOf,
  isoWeekRange,
  isoWeeksInYear,
  isValidLocalDate,
  isValidTimeZone,
  localDateIn,
  parseIsoWeek,
  todayIn,
  weekendOf,
  WorkingCalendar,
} from './working-days';

describe('calendar arithmetic', () => {
  it('validates calendar dates strictly', () => {
    expect(isValidLocalDate('2026-02-28')).toBe(true);
    expect(isValidLocalDate('2028-02-29')).toBe(true);
    expect(isValidLocalDate('2026-02-29')).toBe(false);
    expect(isValidLocalDate('2026-13-01')).toBe(false);
    expect(isValidLocalDate('2026-1-01')).toBe(false);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
  });

  it('numbers weekdays the ISO way, Monday first', () => {
    expect(isoDayOfWeek('2026-11-23')).toBe(1);
    expect(isoDayOfWeek('2026-11-29')).toBe(7);
  });
});

describe('ISO weeks', () => {
  it.each([
    ['2026-01-01', 2026, 1], // Thursday: week 1 of its own year
    ['2027-01-01', 2026, 53], // Friday: last week of the previous ISO year
    ['2025-12-29', 2026, 1], // Monday before New Year already in 2026-W01
    ['2024-12-30', 2025, 1],
    ['2021-01-03', 2020, 53],
    ['2026-11-23', 2026, 48],
  ])('puts %s in ISO week %i-W%i', (date, year, week) => {
    expect(isoWeekOf(date)).toEqual({ year, week });
  });

  it('gives the Monday–Sunday range of a week, also across New Year', () => {
    expect(isoWeekRange({ year: 2026, week: 1 })).toEqual({ from: '2025-12-29', to: '2026-01-04' });
    expect(isoWeekRange({ year: 2026, week: 53 })).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(isoWeekRange({ year: 2025, week: 40 })).toEqual({ from: '2025-09-29', to: '2025-10-05' });
  });

  it('round-trips every day of several years through its week', () => {
    for (let day = '2024-12-20'; day <= '2028-01-10'; day = addDays(day, 1)) {
      const range = isoWeekRange(isoWeekOf(day));
      expect(day >= range.from && day <= range.to).toBe(true);
      expect(isoDayOfWeek(range.from)).toBe(1);
    }
  });

  it('knows long ISO years and parses the ISO notation', () => {
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2025)).toBe(52);
    expect(formatIsoWeek({ year: 2026, week: 9 })).toBe('2026-W09');
    expect(parseIsoWeek('2026-W53')).toEqual({ year: 2026, week: 53 });
    expect(parseIsoWeek('2025-W53')).toBeNull();
    expect(parseIsoWeek('2026-W00')).toBeNull();
    expect(parseIsoWeek('2026-9')).toBeNull();
  });
});

describe('today in a time zone', () => {
  const instant = new Date('2026-11-23T17:30:00Z');

  it('is already tomorrow in Shanghai while still today in Budapest', () => {
    expect(todayIn('Asia/Shanghai', instant)).toBe('2026-11-24');
    expect(todayIn('Europe/Budapest', instant)).toBe('2026-11-23');
    expect(todayIn('UTC', instant)).toBe('2026-11-23');
  });

  it('follows daylight saving time in Budapest', () => {
    // 22:30 UTC is 00:30 next day in summer (UTC+2) but 23:30 the same day in winter (UTC+1).
    expect(todayIn('Europe/Budapest', new Date('2026-07-01T22:30:00Z'))).toBe('2026-07-02');
    expect(todayIn('Europe/Budapest', new Date('2026-01-01T22:30:00Z'))).toBe('2026-01-01');
  });

  it('tells valid IANA time zones from invalid ones', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('working days', () => {
  // China, National Day 2025: Oct 1–8 off, Sunday Sep 28 and Saturday Oct 11 worked (调休).
  const china = new WorkingCalendar('CN', [
    ...['01', '02', '03', '06', '07', '08'].map((d) => ({
      date: `2025-10-${d}`,
      kind: CalendarDayKind.HOLIDAY,
    })),
    { date: '2025-09-28', kind: CalendarDayKind.WORKDAY },
    { date: '2025-10-11', kind: CalendarDayKind.WORKDAY },
  ]);
  // Hungary 2025: Good Friday Apr 18, Easter Monday Apr 21.
  const hungary = new WorkingCalendar('HU', [
    { date: '2025-04-18', kind: CalendarDayKind.HOLIDAY },
    { date: '2025-04-21', kind: CalendarDayKind.HOLIDAY },
  ]);

  it('counts Monday to Friday without exceptions', () => {
    expect(hungary.countWorkingDays('2025-03-03', '2025-03-09')).toBe(5);
    expect(hungary.isWorkingDay('2025-03-08')).toBe(false);
  });

  it('takes holidays out of the working days', () => {
    expect(hungary.workingDaysBetween('2025-04-14', '2025-04-27')).toEqual([
      '2025-04-14',
      '2025-04-15',
      '2025-04-16',
      '2025-04-17',
      '2025-04-22',
      '2025-04-23',
      '2025-04-24',
      '2025-04-25',
    ]);
  });

  it('works a make-up Saturday or Sunday in China', () => {
    expect(china.isWorkingDay('2025-09-28')).toBe(true);
    expect(china.isWorkingDay('2025-10-11')).toBe(true);
    expect(china.isWorkingDay('2025-10-12')).toBe(false);
    expect(china.countWorkingDays('2025-09-22', '2025-09-28')).toBe(6);
    expect(china.countWorkingDays('2025-09-29', '2025-10-12')).toBe(5); // Sep 29–30, Oct 9–10, Oct 11
  });

  it('returns nothing for an empty or reversed range', () => {
    expect(china.countWorkingDays('2025-10-05', '2025-10-01')).toBe(0);
  });

  it('uses a Saturday–Sunday weekend unless the country keeps another', () => {
    expect(weekendOf('hu')).toEqual([6, 7]);
    expect(weekendOf('SA')).toEqual([5, 6]);
    expect(new WorkingCalendar('SA', []).isWorkingDay('2026-11-29')).toBe(true);
    expect(hungary.standardWorkingDaysPerWeek).toBe(5);
  });
});

describe('localDateIn remembers dates per zone and quarter hour', () => {
  it('turns the date at a +5:45 zone’s midnight (18:15 UTC) and across a DST change, remembered or not', () => {
    // Kathmandu is UTC+5:45: local midnight of 2 March 2026 is 1 March 18:15 UTC.
    expect(localDateIn('Asia/Kathmandu', new Date('2026-03-01T18:14:59.999Z'))).toBe('2026-03-01');
    expect(localDateIn('Asia/Kathmandu', new Date('2026-03-01T18:00:00.000Z'))).toBe('2026-03-01');
    expect(localDateIn('Asia/Kathmandu', new Date('2026-03-01T18:15:00.000Z'))).toBe('2026-03-02');
    expect(localDateIn('Asia/Kathmandu', new Date('2026-03-01T18:29:59.999Z'))).toBe('2026-03-02');
    // Budapest moves to UTC+2 on 29 March 2026 at 01:00 UTC: 22:00 UTC that evening is already the 30th.
    expect(localDateIn('Europe/Budapest', new Date('2026-03-29T21:59:59.999Z'))).toBe('2026-03-29');
    expect(localDateIn('Europe/Budapest', new Date('2026-03-29T22:00:00.000Z'))).toBe('2026-03-30');
    // Under UTC+1 the day before, 22:00 UTC is still 23:00 local.
    expect(localDateIn('Europe/Budapest', new Date('2026-03-28T22:00:00.000Z'))).toBe('2026-03-28');
    // Asked again (remembered), the same answers.
    expect(localDateIn('Europe/Budapest', new Date('2026-03-29T22:10:00.000Z'))).toBe('2026-03-30');
    expect(localDateIn('Asia/Kathmandu', new Date('2026-03-01T18:05:00.000Z'))).toBe('2026-03-01');
  });
});
