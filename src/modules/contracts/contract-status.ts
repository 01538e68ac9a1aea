import { ContractStatus } from './contract.enums';

/**
 * Legal status moves. `pending_approval` is entered and left only by pricing and the approval decision
 * (approve or reject both return the contract to `draft` with the decision recorded); signing is its own
 * call. A signed contract becomes active when it starts, then ends fulfilled, expired or terminated.
 */
export const CONTRACT_STATUS_TRANSITIONS: Record<ContractStatus, readonly ContractStatus[]> = {
  [ContractStatus.DRAFT]: [ContractStatus.PENDING_APPROVAL, ContractStatus.SIGNED],
  [ContractStatus.PENDING_APPROVAL]: [ContractStatus.DRAFT],
  [ContractStatus.SIGNED]: [ContractStatus.ACTIVE, ContractStatus.TERMINATED, ContractStatus.EXPIRED],
  [ContractStatus.ACTIVE]: [ContractStatus.FULFILLED, ContractStatus.EXPIRED, ContractStatus.TERMINATED],
  [ContractStatus.FULFILLED]: [],
  [ContractStatus.EXPIRED]: [],
  [ContractStatus.TERMINATED]: [],
};

export const CONTRACT_STATUS_RULES_TEXT =
  'Legal moves: draft → pending_approval (a line below its floor) | signed; pending_approval → draft ' +
  '(approved or rejected); signed → active | expired | terminated; active → fulfilled | expired | terminated. ' +
  'fulfilled, expired and terminated are final. Anything else → 409 CONTRACT_STATUS_TRANSITION_INVALID.';

export function isLegalContractMove(from: ContractStatus, to: ContractStatus): boolean {
  return CONTRACT_STATUS_TRANSITIONS[from].includes(to);
}

/** Statuses of a contract that was signed: its bookings count. */
export const BOOKED_STATUSES: readonly ContractStatus[] = [
  ContractStatus.SIGNED,
  ContractStatus.ACTIVE,
  ContractStatus.FULFILLED,
  ContractStatus.EXPIRED,
  ContractStatus.TERMINATED,
];

/** Statuses whose lines may still change. */
export const EDITABLE_STATUSES: readonly ContractStatus[] = [
  ContractStatus.DRAFT,
  ContractStatus.PENDING_APPROVAL,
];
