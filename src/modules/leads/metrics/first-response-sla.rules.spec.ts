import { CalendarDayKind, WorkingCalendar } from '../../../common/calendar/working-days';
import {
  firstResponseDue,
  firstResponseState,
  workingHoursBetween,
  zonedInstant,
} from './first-response-sla.rules';

describe('first-response SLA in working hours (09:00–17:00 on working days)', () => {
  const hungary = new WorkingCalendar('HU', []);
  const budapest = 'Europe/Budapest';

  it('finds the instant of a local office hour, summer time included', () => {
    expect(new Date(zonedInstant('2026-11-16', 9, budapest)).toISOString()).toBe('2026-11-16T08:00:00.000Z');
    expect(new Date(zonedInstant('2026-07-01', 9, budapest)).toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(new Date(zonedInstant('2026-11-16', 9, 'Asia/Shanghai')).toISOString()).toBe(
      '2026-11-16T01:00:00.000Z',
    );
  });

  // Worked example: assigned Friday 13 November 2026 at 16:00 Budapest (15:00 UTC), 8-hour SLA.
  //   Friday 16:00–17:00 = 1 h; Saturday and Sunday off; Monday 09:00 + 7 h = 16:00 local = 15:00 UTC.
  const friday4pm = new Date('2026-11-13T15:00:00Z');

  it('counts only office hours of working days: Friday 16:00 + 8 h is Monday 16:00', () => {
    expect(firstResponseDue(friday4pm, 8, budapest, hungary).toISOString()).toBe('2026-11-16T15:00:00.000Z');
  });

  it('skips a holiday in the rep’s country calendar', () => {
    const withHoliday = new WorkingCalendar('HU', [{ date: '2026-11-16', kind: CalendarDayKind.HOLIDAY }]);
    expect(firstResponseDue(friday4pm, 8, budapest, withHoliday).toISOString()).toBe(
      '2026-11-17T15:00:00.000Z',
    );
  });

  it('starts the clock at opening time for a lead assigned before office hours', () => {
    // Monday 07:00 local → 09:00 + 8 h = 17:00 local = 16:00 UTC, the close of the same day.
    expect(firstResponseDue(new Date('2026-11-16T06:00:00Z'), 8, budapest, hungary).toISOString()).toBe(
      '2026-11-16T16:00:00.000Z',
    );
  });

  it('crosses the change to summer time', () => {
    // Friday 27 March 2026 16:00 CET (15:00 UTC): 1 h Friday, 7 h Monday 30 March → 16:00 CEST = 14:00 UTC.
    expect(firstResponseDue(new Date('2026-03-27T15:00:00Z'), 8, budapest, hungary).toISOString()).toBe(
      '2026-03-30T14:00:00.000Z',
    );
  });

  it('measures working hours taken: Friday 16:00 to Monday 12:00 is 1 + 3 = 4 h', () => {
    expect(workingHoursBetween(friday4pm, new Date('2026-11-16T11:00:00Z'), budapest, hungary)).toBe(4);
  });

  it('is overdue after the SLA and escalated after twice the SLA', () => {
    // 2 × 8 h from Friday 16:00: 1 h Friday + 8 h Monday + 7 h Tuesday → Tuesday 16:00 local (15:00 UTC).
    const at = (iso: string) => firstResponseState(friday4pm, new Date(iso), 8, budapest, hungary).state;
    expect(at('2026-11-16T14:59:00Z')).toBe('on_time');
    expect(at('2026-11-16T15:00:00Z')).toBe('overdue');
    expect(at('2026-11-17T14:59:00Z')).toBe('overdue');
    expect(at('2026-11-17T15:00:00Z')).toBe('escalated');
  });
});
