import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { LeadStatus, LostReason } from './lead.enums';

/**
 * The legal status moves. The pipeline is new → assigned → contacted → qualified → negotiating → won,
 * with these deliberate allowances and limits:
 * - new → contacted: an in-house lead may be worked before routing assigns it;
 * - qualified → won: a small deal may close without a negotiating stage;
 * - negotiating → qualified: a negotiation may fall back to qualification;
 * - rejected (refused before real work) only from new, assigned or contacted;
 * - lost from any working status (assigned … negotiating), and it needs a structured lost reason;
 * - won, lost and rejected are final here (reviving lost leads belongs to the lead pool);
 * - everything else, e.g. new → won or contacted → negotiating, is refused with
 *   409 LEAD_STATUS_TRANSITION_INVALID. Moving to `assigned` also needs an owner rep.
 */
export const LEAD_STATUS_TRANSITIONS: Record<LeadStatus, readonly LeadStatus[]> = {
  [LeadStatus.NEW]: [LeadStatus.ASSIGNED, LeadStatus.CONTACTED, LeadStatus.REJECTED],
  [LeadStatus.ASSIGNED]: [LeadStatus.CONTACTED, LeadStatus.LOST, LeadStatus.REJECTED],
  [LeadStatus.CONTACTED]: [LeadStatus.QUALIFIED, LeadStatus.LOST, LeadStatus.REJECTED],
  [LeadStatus.QUALIFIED]: [LeadStatus.NEGOTIATING, LeadStatus.WON, LeadStatus.LOST],
  [LeadStatus.NEGOTIATING]: [LeadStatus.WON, LeadStatus.LOST, LeadStatus.QUALIFIED],
  [LeadStatus.WON]: [],
  [LeadStatus.LOST]: [],
  [LeadStatus.REJECTED]: [],
};

export const LEAD_STATUS_RULES_TEXT =
  'Legal moves: new → assigned | contacted | rejected; assigned → contacted | lost | rejected; ' +
  'contacted → qualified | lost | rejected; qualified → negotiating | won | lost; ' +
  'negotiating → won | lost | qualified. won, lost and rejected are final. `assigned` needs an owner rep; ' +
  '`lost` needs lostReason; `rejected` needs rejectReason. Anything else → 409 LEAD_STATUS_TRANSITION_INVALID.';

export function isLegalTransition(from: LeadStatus, to: LeadStatus): boolean {
  return LEAD_STATUS_TRANSITIONS[from].includes(to);
}

/**
 * The guards of a status change (the table above and what each move needs): an illegal move, or `assigned`
 * without an owner rep → 409 LEAD_STATUS_TRANSITION_INVALID; `lost` without a lost reason (or `other`
 * without its text), `rejected` without a reject reason → 422 with the field.
 */
export function checkStatusChange(
  lead: { status: LeadStatus; ownerRepId: string | null },
  change: { to: LeadStatus; lostReason?: { reason: LostReason; text?: string }; rejectReason?: object },
): void {
  const { to } = change;
  if (!isLegalTransition(lead.status, to)) {
    throw DomainException.of(
      ErrorCode.LEAD_STATUS_TRANSITION_INVALID,
      `A lead cannot move from ${lead.status} to ${to}`,
      { from: lead.status, to },
    );
  }
  if (to === LeadStatus.ASSIGNED && !lead.ownerRepId) {
    throw DomainException.of(
      ErrorCode.LEAD_STATUS_TRANSITION_INVALID,
      'A lead becomes assigned only once it has an owner rep',
      { from: lead.status, to },
    );
  }
  if (to === LeadStatus.LOST) {
    const reason = change.lostReason;
    if (!reason)
      throw DomainException.validation([{ field: 'lostReason', message: 'is required to mark a lead lost' }]);
    if (reason.reason === LostReason.OTHER && !reason.text?.trim())
      throw DomainException.validation([
        { field: 'lostReason.text', message: 'is required when the reason is other' },
      ]);
  }
  if (to === LeadStatus.REJECTED && !change.rejectReason)
    throw DomainException.validation([{ field: 'rejectReason', message: 'is required to reject a lead' }]);
}

export const OPEN_STATUSES: readonly LeadStatus[] = [
  LeadStatus.NEW,
  LeadStatus.ASSIGNED,
  LeadStatus.CONTACTED,
  LeadStatus.QUALIFIED,
  LeadStatus.NEGOTIATING,
];

/**
 * "Open and not merged away" as SQL, with the statuses as literals so that the planner can match the
 * partial indexes on open leads (the entity's indexes use the same text). `alias` qualifies the columns.
 */
export function openLeadSql(alias?: string): string {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  return `${column('status')} IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')}) AND ${column('merged_into_id')} IS NULL`;
}
