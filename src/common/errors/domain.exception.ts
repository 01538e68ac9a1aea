import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from './error-codes';

export interface FieldError {
  /** Dotted path of the failing field, e.g. `contacts.0.email` or `rows.17.phone`. */
  field: string;
  message: string;
}

/**
 * The one exception services throw for an expected failure. It carries the stable code and the
 * HTTP status; the problem+json filter renders it.
 */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode | string,
    readonly status: HttpStatus,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly extensions?: Record<string, unknown>,
  ) {
    super(detail);
    this.name = 'DomainException';
  }

  static notFound(what: string, id?: string): DomainException {
    return new DomainException(
      ErrorCode.NOT_FOUND,
      HttpStatus.NOT_FOUND,
      id ? `${what} ${id} was not found` : `${what} was not found`,
    );
  }

  static validation(errors: FieldError[], detail = 'The request has invalid fields'): DomainException {
    return new DomainException(ErrorCode.VALIDATION_FAILED, HttpStatus.BAD_REQUEST, detail, errors);
  }

  static conflict(
    code: ErrorCode | string,
    detail: string,
    extensions?: Record<string, unknown>,
  ): DomainException {
    return new DomainException(code, HttpStatus.CONFLICT, detail, undefined, extensions);
  }

  static forbidden(detail = 'Your role may not do this'): DomainException {
    return new DomainException(ErrorCode.FORBIDDEN, HttpStatus.FORBIDDEN, detail);
  }

  static versionMismatch(current: number): DomainException {
    return new DomainException(
      ErrorCode.VERSION_MISMATCH,
      HttpStatus.PRECONDITION_FAILED,
      `The object was changed by someone else; its current version is ${current}. Read it again and retry.`,
      undefined,
      { currentVersion: current },
    );
  }
}
