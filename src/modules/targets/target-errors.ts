import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';

/** A refusal naming the field it is about, so clients can point at it. */
export function targetError(
  code: ErrorCode,
  field: string,
  message: string,
  extensions?: Record<string, unknown>,
): DomainException {
  return new DomainException(code, `${field} ${message}`, [{ field, message }], extensions);
}

export const badField = (code: ErrorCode, field: string, message: string) =>
  targetError(code, field, message);

export const refused = (
  code: ErrorCode,
  field: string,
  message: string,
  extensions?: Record<string, unknown>,
) => targetError(code, field, message, extensions);

export const lockedTarget = (id: string) =>
  targetError(ErrorCode.TARGET_LOCKED, 'status', `is locked: target ${id} belongs to a closed period`);
