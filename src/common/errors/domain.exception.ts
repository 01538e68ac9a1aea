import { ErrorCode } from './error-codes';
import { statusOf } from './error-status';

export interface FieldError {
  /** Dotted path of the failing field, e.g. `contacts.0.email` or `rows.17.phone`. */
  field: string;
  message: string;
}

/**
 * The one exception services throw for an expected failure. It carries the stable code only; the HTTP
 * status comes from the code's row in ERROR_STATUS (error-status.ts), so one code never answers two ways.
 */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly extensions?: Record<string, unknown>,
  ) {
    super(detail);
    this.name = 'DomainException';
  }

  get status(): number {
    return statusOf(this.code);
  }

  /** A refusal with extra problem members (e.g. the id of the duplicate) and no field errors. */
  static of(code: ErrorCode, detail: string, extensions?: Record<string, unknown>): DomainException {
    return new DomainException(code, detail, undefined, extensions);
  }

  static notFound(what: string, id?: string): DomainException {
    return new DomainException(
      ErrorCode.NOT_FOUND,
      id ? `${what} ${id} was not found` : `${what} was not found`,
    );
  }

  static validation(errors: FieldError[], detail = 'The request has invalid fields'): DomainException {
    return new DomainException(ErrorCode.VALIDATION_FAILED, detail, errors);
  }

  static forbidden(detail = 'Your role may not do this'): DomainException {
    return new DomainException(ErrorCode.FORBIDDEN, detail);
  }

  static versionMismatch(current: number): DomainException {
    return DomainException.of(
      ErrorCode.VERSION_MISMATCH,
      `The object was changed by someone else; its current version is ${current}. Read it again and retry.`,
      { currentVersion: current },
    );
  }
}
