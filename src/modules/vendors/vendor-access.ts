import { DataScope } from '../../common/auth/data-scope';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';

/**
 * A write naming a vendor the caller does not manage is refused with 403 VENDOR_NOT_MANAGED, whether
 * or not that vendor exists, so the answer reveals nothing about other vendors.
 */
export function assertManagesVendor(scope: DataScope, vendorId: string, field = 'vendorId'): void {
  if (!scope.canSeeVendor(vendorId)) {
    throw new DomainException(ErrorCode.VENDOR_NOT_MANAGED, `You do not manage vendor ${vendorId}`, [
      { field, message: 'is not a vendor you manage' },
    ]);
  }
}
