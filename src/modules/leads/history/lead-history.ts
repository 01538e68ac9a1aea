import type { EntityManager } from 'typeorm';
import { ActivityChannel, ActivityKind } from '../lead.enums';
import { timeOrderedUuid } from '../../../common/ids/time-ordered-uuid';
import { insertRecordset } from '../recordset';

/** The columns of a lead's history that its writers fill (`lead_activities`). */
export const ACTIVITY_COLUMNS = [
  ['id', 'uuid'],
  ['lead_id', 'uuid'],
  ['occurred_at', 'timestamptz'],
  ['kind', 'text'],
  ['channel', 'text'],
  ['actor_id', 'uuid'],
  ['actor_name', 'text'],
  ['actor_vendor_id', 'uuid'],
  ['actor_rep_id', 'uuid'],
  ['content', 'text'],
  ['outcome', 'text'],
  ['status_from', 'text'],
  ['status_to', 'text'],
  ['grade_from', 'text'],
  ['grade_to', 'text'],
  ['details', 'jsonb'],
] as const;

/** One entry of a lead's history; what is left out is null. */
export interface LeadHistoryRow {
  lead_id: string;
  occurred_at: string | Date;
  kind: ActivityKind;
  channel?: ActivityChannel | null;
  actor_id?: string | null;
  actor_name?: string | null;
  /** Who counts as a touch (`lead-touch.ts`): fill with `actorColumns(principal)`. */
  actor_vendor_id?: string | null;
  actor_rep_id?: string | null;
  content?: string | null;
  outcome?: string | null;
  status_from?: string | null;
  status_to?: string | null;
  grade_from?: string | null;
  grade_to?: string | null;
  details?: unknown;
}

/** Rows per INSERT, so a 100 000-lead run never builds one giant parameter. */
const CHUNK = 5000;

/**
 * The one writer of lead history: every intake, touch, status change, grade change, assignment, pool move
 * and merge goes through here, set-based (one statement per 5 000 entries) in the caller's transaction.
 * Two statements write history themselves for a reason: a follow-up entry whose id the API returns, and
 * the call-report touches, which write history and move the leads in one CTE.
 */
export async function writeLeadHistory(em: EntityManager, rows: readonly LeadHistoryRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    await insertRecordset(
      em,
      'lead_activities',
      ACTIVITY_COLUMNS,
      // Time-ordered ids: a batch appends to the history's key index instead of landing on random pages.
      rows.slice(start, start + CHUNK).map((row) => ({ id: timeOrderedUuid(), ...row })),
    );
  }
}
