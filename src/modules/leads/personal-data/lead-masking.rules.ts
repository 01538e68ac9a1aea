import type { DataScope } from '../../../common/auth/data-scope';

/**
 * Contact masking: a vendor-bound caller (vendor manager, rep, vendor-bound integration client) sees a
 * lead's contact person unmasked only when the lead belongs to their own vendor. Company-wide callers
 * (admin, sales manager, company-wide integration) always see contacts in full. Today's scoping already
 * hides other vendors' leads from vendor-bound callers (404); the rule matters where a vendor sees leads
 * it does not own yet, e.g. unowned leads offered in the lead pool.
 */
export function contactsVisible(scope: DataScope, leadVendorId: string | null): boolean {
  return scope.isCompanyWide || (leadVendorId !== null && scope.vendorId === leadVendorId);
}

/** `张伟` → `张*`, `Kovács Péter` → `K***********`. */
export function maskName(name: string | null): string | null {
  if (!name) return name;
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** `+8613812345678` → `+86138****5678`: country code and a prefix stay for routing by area. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  const long = phone.length >= 13;
  const keepStart = long ? 6 : 3;
  const keepEnd = long ? 4 : 2;
  return `${phone.slice(0, keepStart)}${'*'.repeat(Math.max(2, phone.length - keepStart - keepEnd))}${phone.slice(-keepEnd)}`;
}

/** `zhang.wei@example.cn` → `z***@example.cn`. */
export function maskEmail(email: string | null): string | null {
  if (!email) return email;
  const at = email.indexOf('@');
  return at <= 0 ? '***' : `${email[0]}***${email.slice(at)}`;
}
