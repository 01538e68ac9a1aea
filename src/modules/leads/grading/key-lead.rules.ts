/**
 * The key-lead decision: which leads are key leads by rule, and why. Pure; grading (on stored leads),
 * intake (on new rows) and the demo seeder apply it.
 */

/**
 * A lead tagged this way is a key lead by rule whatever its grade: the manual marker from before the
 * named-account list, kept for compatibility (the list is the way to name accounts now).
 */
export const NAMED_ACCOUNT_TAG = 'named-account';

export const KEY_LEAD_RULE_REASON = 'grade high and a large company';
export const NAMED_ACCOUNT_REASON = 'named account';
/** A lead of a customer the key-accounts check classed A (80/20 by trailing-12-month revenue). */
export const KEY_ACCOUNT_REASON = 'A key account';
export const namedAccountReason = (companyName: string): string => `${NAMED_ACCOUNT_REASON}: ${companyName}`;

export interface KeyLeadDecision {
  keyLead: boolean;
  reason: string | null;
  setBy: 'rule' | 'manual' | null;
}

/**
 * Rule flags never override a flag set by hand; a rule flag goes when the rule no longer holds. Rules, first
 * match wins: on the named-account list (`namedAccount`: the matching account's name), the lead of an A
 * key account (`keyAccount`), tagged `named-account`, grade high and a large company.
 */
export function decideKeyLead(
  current: { keyLead: boolean; setBy: 'rule' | 'manual' | null; reason: string | null },
  byGrade: boolean,
  tags: string[],
  namedAccount: string | null = null,
  keyAccount = false,
): KeyLeadDecision {
  if (current.setBy === 'manual')
    return { keyLead: current.keyLead, reason: current.reason, setBy: 'manual' };
  if (namedAccount !== null)
    return { keyLead: true, reason: namedAccountReason(namedAccount), setBy: 'rule' };
  if (keyAccount) return { keyLead: true, reason: KEY_ACCOUNT_REASON, setBy: 'rule' };
  if (tags.includes(NAMED_ACCOUNT_TAG)) return { keyLead: true, reason: NAMED_ACCOUNT_REASON, setBy: 'rule' };
  if (byGrade) return { keyLead: true, reason: KEY_LEAD_RULE_REASON, setBy: 'rule' };
  return { keyLead: false, reason: null, setBy: null };
}
