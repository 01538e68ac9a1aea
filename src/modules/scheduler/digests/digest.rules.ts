import { formatIsoWeek, isoWeekOf, localDateIn, type LocalDate } from '../../../common/calendar/working-days';
import { Role } from '../../../common/auth/role';

export const DIGEST_PERIODS = ['daily', 'weekly'] as const;
export type DigestPeriod = (typeof DIGEST_PERIODS)[number];

/** The webhook event each stored digest is published as. */
export const DIGEST_EVENT_TYPES = { daily: 'digest.daily', weekly: 'digest.weekly' } as const;

/** Who gets digests: the people alerts are addressed to (admins and API clients read the alert list). */
export const DIGEST_RECIPIENT_ROLES = [Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.REP] as const;
export type DigestRecipientRole = (typeof DIGEST_RECIPIENT_ROLES)[number];

/** How far back "raised in the period" looks from the moment a digest is produced. */
export const DIGEST_WINDOW_HOURS: Readonly<Record<DigestPeriod, number>> = { daily: 24, weekly: 7 * 24 };

export interface DigestRecipient {
  userId: string;
  role: DigestRecipientRole;
  vendorId: string | null;
  repId: string | null;
}

export interface DigestTimeZones {
  /** The company's own time zone (target settings), for sales managers and anyone with no other. */
  company: string;
  vendors: ReadonlyMap<string, string>;
  reps: ReadonlyMap<string, string>;
}

/** One digest to produce: a recipient, a period and the key that makes it once per day (or week). */
export interface DigestSlot extends DigestRecipient {
  period: DigestPeriod;
  /** daily: the recipient's local day (`2026-11-23`); weekly: its ISO week (`2026-W48`). */
  periodKey: string;
  localDay: LocalDate;
  timeZone: string;
  /** Alerts raised from here up to the run's instant count as raised in the period. */
  windowStart: Date;
}

/**
 * A recipient's day is counted in the time zone closest to them: a rep's own, else their vendor's; a
 * vendor manager's vendor's; a sales manager's the company's. Unknown ones fall back to the company's.
 */
export function recipientTimeZone(recipient: DigestRecipient, zones: DigestTimeZones): string {
  const vendorZone = recipient.vendorId ? zones.vendors.get(recipient.vendorId) : undefined;
  if (recipient.role === Role.REP)
    return (recipient.repId ? zones.reps.get(recipient.repId) : undefined) ?? vendorZone ?? zones.company;
  if (recipient.role === Role.VENDOR_MANAGER) return vendorZone ?? zones.company;
  return zones.company;
}

/** The key that makes a digest once per period: the local day, or the ISO week it falls in. */
export function digestPeriodKey(period: DigestPeriod, localDay: LocalDate): string {
  return period === 'daily' ? localDay : formatIsoWeek(isoWeekOf(localDay));
}

/** The daily and the weekly digest of every recipient, as of an instant, each keyed in its own time zone. */
export function digestSlots(
  recipients: readonly DigestRecipient[],
  zones: DigestTimeZones,
  asOf: Date,
  periods: readonly DigestPeriod[] = DIGEST_PERIODS,
): DigestSlot[] {
  return recipients.flatMap((recipient) => {
    const timeZone = recipientTimeZone(recipient, zones);
    const localDay = localDateIn(timeZone, asOf);
    return periods.map((period) => ({
      ...recipient,
      period,
      periodKey: digestPeriodKey(period, localDay),
      localDay,
      timeZone,
      windowStart: new Date(asOf.getTime() - DIGEST_WINDOW_HOURS[period] * 3_600_000),
    }));
  });
}
