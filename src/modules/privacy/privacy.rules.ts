import type { FieldError } from '../../common/errors/domain.exception';
import { type ContactPersonMatch, normaliseEmail, normalisePhone } from '../leads/leads.published';

/**
 * Leads one retention pass clears at most: a first pass over years of closed leads is split across ticks
 * (the cutoff stays for the day, so the next tick goes on where this one stopped) instead of one long
 * transaction.
 */
export const RETENTION_LEADS_PER_PASS = 2000;

/** The longest contact retention a company may set: 50 years. */
export const MAX_CONTACT_RETENTION_MONTHS = 600;

/**
 * The moment before which a closed lead's personal data is cleared: the start of `asOf`'s UTC day, N
 * calendar months back; a day the month does not have falls to its last day (31 March − 1 month = 28/29
 * February). Day-grained, so every tick of one day clears against the same cutoff: the check acts daily.
 */
export function retentionCutoff(asOf: Date, months: number): Date {
  const year = asOf.getUTCFullYear();
  const month = asOf.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(asOf.getUTCDate(), lastDay)));
}

export type MatchResult = { ok: true; match: ContactPersonMatch } | { ok: false; errors: FieldError[] };

/**
 * A data subject is named by email and/or phone, normalised the way intake stores them (lower-cased
 * email; phone in E.164, so a national number needs its country code unless it is a Chinese mobile).
 */
export function contactPersonMatchOf(input: { email?: string | null; phone?: string | null }): MatchResult {
  const errors: FieldError[] = [];
  let email: string | null = null;
  let phone: string | null = null;
  const givenEmail = input.email?.trim() || null;
  const givenPhone = input.phone?.trim() || null;
  if (!givenEmail && !givenPhone)
    return { ok: false, errors: [{ field: 'email', message: 'or phone is required to find the person' }] };
  if (givenEmail) {
    const result = normaliseEmail(givenEmail);
    if (result.ok) email = result.value;
    else errors.push({ field: 'email', message: result.message });
  }
  if (givenPhone) {
    const result = normalisePhone(givenPhone);
    if (result.ok) phone = result.value;
    else errors.push({ field: 'phone', message: result.message });
  }
  return errors.length ? { ok: false, errors } : { ok: true, match: { email, phone } };
}
