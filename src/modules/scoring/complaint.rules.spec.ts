import { addDays, isoDayOfWeek } from '../../common/calendar/working-days';
import {
  ComplaintStatus,
  complaintDeadline,
  isLegalComplaintMove,
  nextComplaintStatus,
} from './complaint.rules';

describe('complaint rules', () => {
  const weekdays = (date: string) => isoDayOfWeek(date) <= 5;

  it('moves open → investigating → resolved only', () => {
    expect(isLegalComplaintMove(ComplaintStatus.OPEN, ComplaintStatus.INVESTIGATING)).toBe(true);
    expect(isLegalComplaintMove(ComplaintStatus.INVESTIGATING, ComplaintStatus.RESOLVED)).toBe(true);
    expect(isLegalComplaintMove(ComplaintStatus.OPEN, ComplaintStatus.RESOLVED)).toBe(false);
    expect(isLegalComplaintMove(ComplaintStatus.RESOLVED, ComplaintStatus.OPEN)).toBe(false);
    expect(isLegalComplaintMove(ComplaintStatus.INVESTIGATING, ComplaintStatus.OPEN)).toBe(false);
    expect(isLegalComplaintMove(ComplaintStatus.OPEN, ComplaintStatus.OPEN)).toBe(false);
    expect(nextComplaintStatus(ComplaintStatus.RESOLVED)).toBeNull();
  });

  it('gives a Friday complaint with 2 working days until Tuesday at the same hour', () => {
    // 2026-03-06 is a Friday; + Sat, Sun, Mon (1), Tue (2) = 4 calendar days.
    const at = new Date('2026-03-06T10:30:00Z');
    expect(complaintDeadline(at, '2026-03-06', 2, weekdays).toISOString()).toBe('2026-03-10T10:30:00.000Z');
  });

  it('counts a weekend complaint from the next working day', () => {
    // Saturday 2026-03-07: Sun, Mon (1), Tue (2) = 3 days → Tuesday.
    const at = new Date('2026-03-07T09:00:00Z');
    expect(complaintDeadline(at, '2026-03-07', 2, weekdays).toISOString()).toBe('2026-03-10T09:00:00.000Z');
  });

  it('skips holidays', () => {
    // Wednesday 2026-03-11 with Thursday 12th a holiday: Thu (off), Fri (1) → Friday.
    const holidays = new Set(['2026-03-12']);
    const at = new Date('2026-03-11T08:00:00Z');
    const deadline = complaintDeadline(at, '2026-03-11', 1, (d) => weekdays(d) && !holidays.has(d));
    expect(deadline.toISOString()).toBe('2026-03-13T08:00:00.000Z');
    expect(addDays('2026-03-11', 2)).toBe('2026-03-13');
  });
});
