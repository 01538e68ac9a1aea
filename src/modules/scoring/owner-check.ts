import type { EntityManager } from 'typeorm';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import type { UsersService } from '../auth/users.service';

/**
 * An owner (of a complaint, of an action item) is an active user; one bound to a vendor must be of the
 * vendor the thing belongs to. Else 422 REFERENCED_ROW_MISSING naming `field`.
 */
export async function assertOwner(
  users: UsersService,
  em: EntityManager,
  ownerUserId: string,
  vendorId: string | null,
  field = 'ownerUserId',
): Promise<void> {
  const owner = await users.getUser(em, ownerUserId).catch(() => null);
  const problem = !owner
    ? 'does not exist'
    : !owner.active
      ? 'is not an active user'
      : owner.vendorId && owner.vendorId !== vendorId
        ? 'belongs to another vendor'
        : null;
  if (problem)
    throw new DomainException(ErrorCode.REFERENCED_ROW_MISSING, `The owner ${ownerUserId} ${problem}`, [
      { field, message: problem },
    ]);
}
