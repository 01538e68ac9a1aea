import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { DomainException, FieldError } from './domain.exception';
import { ErrorCode, problemTypeUri } from './error-codes';

/** RFC 9457 problem details, as every error of this API is answered. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const logger = new Logger('Errors');

const STATUS_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.MALFORMED_REQUEST,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.METHOD_NOT_ALLOWED,
  409: ErrorCode.CONFLICT,
  412: ErrorCode.VERSION_MISMATCH,
  408: ErrorCode.REQUEST_TIMEOUT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  414: ErrorCode.URI_TOO_LONG,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: ErrorCode.TOO_MANY_REQUESTS,
  431: ErrorCode.HEADERS_TOO_LARGE,
  503: ErrorCode.SERVICE_UNAVAILABLE,
};

/** The title of a problem: the HTTP reason phrase of its status, e.g. "Payload too large". */
export function titleFor(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((word, index) => (index === 0 ? word[0].toUpperCase() + word.slice(1) : word))
    .join(' ');
}

interface PgError {
  code?: string;
  detail?: string;
  constraint?: string;
  table?: string;
}

/** `Key (tenant_id, email)=(…) already exists.` → ['tenant_id', 'email'] */
function keyColumns(detail: string | undefined): string[] {
  const match = /Key \(([^)]+)\)=/.exec(detail ?? '');
  return match ? match[1].split(',').map((column) => column.trim()) : [];
}

const camel = (column: string): string =>
  column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

function fromDatabaseError(error: QueryFailedError<Error>): DomainException | undefined {
  const pg = (error.driverError ?? {}) as PgError;
  const fields = keyColumns(pg.detail).map(camel);
  switch (pg.code) {
    case '23505':
      return new DomainException(
        ErrorCode.UNIQUE_VIOLATION,
        fields.length
          ? `Another record already has the same ${fields.join(', ')}`
          : 'Another record already has the same unique value',
        fields.map((field) => ({ field, message: 'must be unique' })),
      );
    case '23503':
      return /still referenced/.test(pg.detail ?? '')
        ? new DomainException(
            ErrorCode.ROW_STILL_REFERENCED,
            'The record is still referenced by other records',
          )
        : new DomainException(
            ErrorCode.REFERENCED_ROW_MISSING,
            fields.length
              ? `The referenced ${fields.join(', ')} does not exist`
              : 'A referenced record does not exist',
            fields.map((field) => ({ field, message: 'refers to a record that does not exist' })),
          );
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return new DomainException(ErrorCode.VALIDATION_FAILED, 'A value has the wrong format');
    case '40001':
    case '40P01':
      return new DomainException(
        ErrorCode.CONFLICT,
        'The request collided with a concurrent change; retry it',
      );
    default:
      return undefined;
  }
}

/** Node and pg error codes that mean the database cannot be reached right now, not that the query is wrong. */
const DATABASE_UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, or connections not allowed)
  '53300', // too_many_connections
  '08000',
  '08003',
  '08006', // connection failures
]);

/** Seconds a client should wait before retrying while the database is away. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * A request that failed because the database is down, restarting or refusing connections: 503 with
 * Retry-After rather than a 500, so clients and load balancers retry instead of reporting a bug.
 */
function fromUnreachableDatabase(error: unknown): DomainException | undefined {
  const candidates = [error, (error as { driverError?: unknown } | null)?.driverError];
  const unreachable = candidates.some((candidate) => {
    if (typeof candidate !== 'object' || candidate === null) return false;
    const { code, message } = candidate as { code?: unknown; message?: unknown };
    return (
      (typeof code === 'string' && DATABASE_UNREACHABLE.has(code)) ||
      (typeof message === 'string' &&
        /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not currently accepting connections|the database system is (starting up|shutting down)/.test(
          message,
        ))
    );
  });
  return unreachable
    ? new DomainException(
        ErrorCode.SERVICE_UNAVAILABLE,
        'The database is not reachable right now; retry after the time in Retry-After',
        undefined,
        { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
      )
    : undefined;
}

interface HttpLikeError {
  statusCode?: number;
  status?: number;
  code?: string;
  message?: string;
}

/** What a problem is made of; a framework error may carry a status no error code has. */
interface Failure {
  code: ErrorCode;
  status: number;
  detail: string;
  errors?: FieldError[];
  extensions?: Record<string, unknown>;
}

const fromDomain = (exception: DomainException): Failure => ({
  code: exception.code,
  status: exception.status,
  detail: exception.detail,
  errors: exception.errors,
  extensions: exception.extensions,
});

/** Turns anything thrown into problem details. Unknown errors become a bare 500 (logged in full). */
export function toProblem(error: unknown, request: FastifyRequest): ProblemDetails {
  let failure: Failure | undefined;
  let unreachable: DomainException | undefined;

  if (error instanceof DomainException) failure = fromDomain(error);
  else if ((unreachable = fromUnreachableDatabase(error))) {
    logger.warn({ requestId: request.id }, 'database unreachable: answered 503');
    failure = fromDomain(unreachable);
  } else if (error instanceof QueryFailedError) {
    const exception = fromDatabaseError(error as QueryFailedError<Error>);
    if (exception) failure = fromDomain(exception);
  } else if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? String(response.message)
        : error.message;
    const code =
      status === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)/.test(message)
        ? ErrorCode.ROUTE_NOT_FOUND
        : (STATUS_CODES[status] ?? (status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.MALFORMED_REQUEST));
    failure = { code, status, detail: status >= 500 ? 'An unexpected error occurred' : message };
  } else if (typeof error === 'object' && error !== null) {
    // Errors raised by Fastify itself before a route runs: body too large, bad JSON, wrong media type.
    const httpError = error as HttpLikeError;
    const status = httpError.statusCode ?? httpError.status;
    if (status && status >= 400 && status < 500) {
      const detail =
        httpError.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? 'The request body is larger than the service accepts'
          : httpError.code === 'FST_ERR_MAX_PARAM_LENGTH'
            ? 'A path parameter is longer than the service accepts'
            : error instanceof SyntaxError
              ? 'The request body is not valid JSON'
              : (httpError.message ?? titleFor(status));
      failure = { code: STATUS_CODES[status] ?? ErrorCode.MALFORMED_REQUEST, status, detail };
    }
  }

  if (!failure || failure.status >= 500) {
    if (!failure || failure.code === ErrorCode.INTERNAL_ERROR) {
      // Name and message only (the stack is the log line): a failed query's parameters may hold secrets.
      const err =
        error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };
      logger.error({ err, requestId: request.id }, error instanceof Error ? error.stack : String(error));
    }
    failure ??= fromDomain(
      new DomainException(
        ErrorCode.INTERNAL_ERROR,
        'An unexpected error occurred; quote the request id when reporting it',
      ),
    );
  }

  const problem: ProblemDetails = {
    type: problemTypeUri(failure.code),
    title: titleFor(failure.status),
    status: failure.status,
    detail: failure.detail,
    code: failure.code,
    instance: request.url.split('?')[0],
    requestId: String(request.id),
    ...(failure.extensions ?? {}),
  };
  if (failure.errors?.length) problem.errors = failure.errors;
  return problem;
}

export function sendProblem(reply: FastifyReply, problem: ProblemDetails): void {
  if (typeof problem.retryAfterSeconds === 'number')
    void reply.header('retry-after', problem.retryAfterSeconds);
  void reply
    .status(problem.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send(problem);
}
