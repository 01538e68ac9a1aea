/**
 * What a touch on a lead is — said once, for every reader that asks "has anyone worked this lead?": the
 * first-response SLA, the stale-lead check, the idle-rep check and the response-time metric.
 *
 * A touch is a follow-up (a note included: channel `note`), a call report or a status change recorded by
 * the lead's owner team: its owning rep, or any user or API client of the vendor the lead is routed to.
 * A lead nobody owns yet is the company's to work, so there a company-wide user's work counts. Everything else written into a lead's
 * history — intake and duplicate intake, assignment, grading, pool moves, and the work of a company user
 * or another vendor on a lead a vendor owns — is history, not a touch.
 *
 * Who recorded an entry is kept on it (`actor_vendor_id`, `actor_rep_id`, filled from the principal when
 * it is written), so the rule judges the team at the moment of the work against the lead's owner now.
 */
import type { Principal } from '../../../common/auth/role';
import { ActivityKind } from '../lead.enums';

/** The kinds of history entry that are work on the lead. */
export const TOUCH_KINDS: readonly ActivityKind[] = [
  ActivityKind.FOLLOW_UP,
  ActivityKind.CALL_REPORT,
  ActivityKind.STATUS_CHANGE,
];

export interface TouchEntry {
  kind: ActivityKind;
  /** The vendor of the user or API client that recorded it; null for the company. */
  actorVendorId: string | null;
  /** The rep the recorder is (a rep's login, a call report's rep); null otherwise. */
  actorRepId: string | null;
  /** Null for entries the system wrote (routing, grading, the pool). */
  actorId?: string | null;
}

export interface TouchedLead {
  vendorId: string | null;
  ownerRepId: string | null;
}

/** Whether a history entry is a touch by the lead's owner team (the rule above). */
export function isOwnerTeamTouch(entry: TouchEntry, lead: TouchedLead): boolean {
  if (!TOUCH_KINDS.includes(entry.kind)) return false;
  if (lead.ownerRepId !== null && entry.actorRepId === lead.ownerRepId) return true;
  if (lead.vendorId !== null) return entry.actorVendorId === lead.vendorId;
  if (lead.ownerRepId !== null) return false;
  // Nobody owns it: the company's own people work it (entries the system wrote are never work).
  return entry.actorVendorId === null && (entry.actorId ?? entry.actorRepId) != null;
}

const KINDS_SQL = TOUCH_KINDS.map((kind) => `'${kind}'`).join(', ');

/**
 * The SQL twin of `isOwnerTeamTouch`: `activity` is an alias of `lead_activities`, `lead` one of `leads`
 * (or anything with `vendor_id` and `owner_rep_id` columns).
 */
export function ownerTeamTouchSql(activity: string, lead: string): string {
  return `(${activity}.kind IN (${KINDS_SQL}) AND (
      (${lead}.owner_rep_id IS NOT NULL AND ${activity}.actor_rep_id = ${lead}.owner_rep_id)
      OR (${lead}.vendor_id IS NOT NULL AND ${activity}.actor_vendor_id = ${lead}.vendor_id)
      OR (${lead}.vendor_id IS NULL AND ${lead}.owner_rep_id IS NULL AND ${activity}.actor_vendor_id IS NULL
          AND COALESCE(${activity}.actor_id, ${activity}.actor_rep_id) IS NOT NULL)))`;
}

/**
 * A rep's own touches (for the idle check): the touch kinds recorded by the rep. On a lead the rep owns
 * every such entry is an owner-team touch; `repId` is an SQL expression.
 */
export function repTouchSql(activity: string, repId: string): string {
  return `(${activity}.kind IN (${KINDS_SQL}) AND ${activity}.actor_rep_id = ${repId})`;
}

/** The history columns naming who recorded an entry, from the principal (null: the system). */
export function actorColumns(principal: Principal | null | undefined): {
  actor_id: string | null;
  actor_name: string | null;
  actor_vendor_id: string | null;
  actor_rep_id: string | null;
} {
  return {
    actor_id: principal?.subjectId ?? null,
    actor_name: principal?.name ?? null,
    actor_vendor_id: principal?.vendorId ?? null,
    actor_rep_id: principal?.repId ?? null,
  };
}
