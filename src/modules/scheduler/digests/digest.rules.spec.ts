import { Role } from '../../../common/auth/role';
import { digestPeriodKey, digestSlots, type DigestRecipient, recipientTimeZone } from './digest.rules';

const zones = {
  company: 'Asia/Shanghai',
  vendors: new Map([['vendor-hu', 'Europe/Budapest']]),
  reps: new Map([['rep-ny', 'America/New_York']]),
};
const rep = (repId: string, vendorId = 'vendor-hu'): DigestRecipient => ({
  userId: `user-${repId}`,
  role: Role.REP,
  vendorId,
  repId,
});

describe('digest days and keys', () => {
  it('counts a rep’s day in their own time zone, else their vendor’s, else the company’s', () => {
    expect(recipientTimeZone(rep('rep-ny'), zones)).toBe('America/New_York');
    expect(recipientTimeZone(rep('rep-unknown'), zones)).toBe('Europe/Budapest');
    expect(recipientTimeZone(rep('rep-unknown', 'vendor-unknown'), zones)).toBe('Asia/Shanghai');
  });

  it('counts a vendor manager’s day in their vendor’s time zone and a sales manager’s in the company’s', () => {
    const vendorManager: DigestRecipient = {
      userId: 'u1',
      role: Role.VENDOR_MANAGER,
      vendorId: 'vendor-hu',
      repId: null,
    };
    const salesManager: DigestRecipient = {
      userId: 'u2',
      role: Role.SALES_MANAGER,
      vendorId: null,
      repId: null,
    };
    expect(recipientTimeZone(vendorManager, zones)).toBe('Europe/Budapest');
    expect(recipientTimeZone(salesManager, zones)).toBe('Asia/Shanghai');
  });

  it('keys a daily digest by the local day and a weekly one by its ISO week', () => {
    expect(digestPeriodKey('daily', '2026-11-23')).toBe('2026-11-23');
    expect(digestPeriodKey('weekly', '2026-11-23')).toBe('2026-W48');
    // Sunday 3 January 2027 still belongs to 2026's last ISO week.
    expect(digestPeriodKey('weekly', '2027-01-03')).toBe('2026-W53');
  });

  it('puts one instant on different local days: 22:30 UTC on Sunday is Monday in Shanghai, Sunday in Budapest', () => {
    const asOf = new Date('2026-11-22T22:30:00Z');
    const slots = digestSlots(
      [{ userId: 'u', role: Role.SALES_MANAGER, vendorId: null, repId: null }, rep('rep-x')],
      zones,
      asOf,
    );
    expect(slots.map((s) => [s.userId, s.period, s.periodKey, s.timeZone])).toEqual([
      ['u', 'daily', '2026-11-23', 'Asia/Shanghai'],
      ['u', 'weekly', '2026-W48', 'Asia/Shanghai'],
      ['user-rep-x', 'daily', '2026-11-22', 'Europe/Budapest'],
      ['user-rep-x', 'weekly', '2026-W47', 'Europe/Budapest'],
    ]);
    expect(slots[0].windowStart.toISOString()).toBe('2026-11-21T22:30:00.000Z');
    expect(slots[1].windowStart.toISOString()).toBe('2026-11-15T22:30:00.000Z');
  });
});
