/**
 * Who may see and who may change which targets, from the principal and the owner node alone:
 * - reading: company-wide roles see every target; a vendor manager (or vendor-bound client) their
 *   vendor's node and everything under it; a rep only targets they own. Anything else answers 404.
 * - changing: a manager changes targets *below* their own node, never their own (Salesforce's quota
 *   rule): an admin anything; a sales manager everything below the company node (the company target is
 *   the board's, i.e. an admin's); a vendor manager the targets of their vendor's reps — so they split the
 *   vendor's target to its reps but cannot change the vendor total. Reps and integration clients change
 *   no targets.
 */
import { Principal, Role } from '../../common/auth/role';
import { NodeKey, nodeKey, OrgNodes } from './org-nodes';
import { OwnerKind } from './target.enums';

export function visibleRoot(principal: Principal): NodeKey | null {
  switch (principal.role) {
    case Role.ADMIN:
    case Role.SALES_MANAGER:
      return 'company';
    case Role.INTEGRATION:
    case Role.VENDOR_MANAGER:
      return principal.vendorId ? nodeKey(OwnerKind.VENDOR, principal.vendorId) : 'company';
    case Role.REP:
      return principal.repId ? nodeKey(OwnerKind.REP, principal.repId) : null;
  }
}

export function canSee(principal: Principal, owner: NodeKey, org: OrgNodes): boolean {
  const root = visibleRoot(principal);
  if (root === null) return false;
  return root === 'company' || org.isAtOrBelow(owner, root);
}

/** The node a principal manages: they change what lies strictly below it. Null: they change nothing. */
export function ownNode(principal: Principal): NodeKey | null {
  switch (principal.role) {
    case Role.SALES_MANAGER:
      return 'company';
    case Role.VENDOR_MANAGER:
      return principal.vendorId ? nodeKey(OwnerKind.VENDOR, principal.vendorId) : null;
    default:
      return null;
  }
}

export type EditRefusal = 'own_node' | 'not_below' | 'role';

export function editRefusal(principal: Principal, owner: NodeKey, org: OrgNodes): EditRefusal | null {
  if (principal.role === Role.ADMIN) return null;
  const own = ownNode(principal);
  if (own === null) return 'role';
  if (owner === own) return 'own_node';
  return org.isBelow(owner, own) ? null : 'not_below';
}
