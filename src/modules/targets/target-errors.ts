import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';

/** A refusal naming the field it is about, so clients can point at it. */
export function targetError(
  code: ErrorCode,
  status: HttpStatus,
  field: string,
  message: string,
  extensions?: Record<string, unknown>,
): DomainException {
  return new DomainException(code, status, `${field} ${message}`, [{ field, message }], extensions);
}

export const badField = (code: ErrorCode, field: string, message: string) =>
  targetError(code, HttpStatus.BAD_REQUEST, field, message);

export const refused = (
  code: ErrorCode,
  field: string,
  message: string,
  extensions?: Record<string, unknown>,
) => targetError(code, HttpStatus.UNPROCESSABLE_ENTITY, field, message, extensions);

export const lockedTarget = (id: string) =>
  targetError(
    ErrorCode.TARGET_LOCKED,
    HttpStatus.CONFLICT,
    'status',
    `is locked: target ${id} belongs to a closed period`,
  );
