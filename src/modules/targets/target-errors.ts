import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';

/** A refusal naming the field it is about, so clients can point at it; its status comes from the error table. */
export function targetError(
  code: ErrorCode,
  field: string,
  message: string,
  extensions?: Record<string, unknown>,
): DomainException {
  return new DomainException(code, `${field} ${message}`, [{ field, message }], extensions);
}

export const lockedTarget = (id: string) =>
  targetError(ErrorCode.TARGET_LOCKED, 'status', `is locked: target ${id} belongs to a closed period`);
