import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorCode, problemTypeUri } from '../errors/error-codes';
import { ERROR_STATUS } from '../errors/error-status';
import { ProblemDto } from './problem.dto';

/** A representative code per status, so Swagger UI shows a fitting example for each answer. */
const EXAMPLE_CODES: Record<number, [string, string, string]> = {
  400: ['VALIDATION_FAILED', 'Bad request', 'The request has invalid fields'],
  401: ['UNAUTHENTICATED', 'Unauthorized', 'A valid bearer access token is required (POST /api/v1/auth/token)'],
  403: ['FORBIDDEN', 'Forbidden', 'This needs one of the roles: admin'],
  404: ['NOT_FOUND', 'Not found', 'The object was not found'],
  409: ['UNIQUE_VIOLATION', 'Conflict', 'Another record already has the same unique value'],
  412: ['VERSION_MISMATCH', 'Precondition failed', 'The object was changed by someone else; its current version is 3'],
  422: ['IDEMPOTENCY_KEY_REUSED', 'Unprocessable entity', 'This Idempotency-Key was already used with a different body'],
  429: ['TOO_MANY_LOGIN_FAILURES', 'Too many requests', 'Too many failed sign-ins; try again in 840 seconds'],
  503: ['SERVICE_UNAVAILABLE', 'Service unavailable', 'The database does not answer'],
};

function exampleFor(status: number): Record<string, unknown> {
  const [code, title, detail] = EXAMPLE_CODES[status] ?? ['INTERNAL_ERROR', 'Error', 'An error occurred'];
  return {
    type: problemTypeUri(code),
    title,
    status,
    detail,
    code,
    requestId: '5f0c6b8e-2a4d-4b7a-9c1e-3d2f8a6b4c10',
    ...(status === 400 ? { errors: [{ field: 'email', message: 'email must be an email' }] } : {}),
  };
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (VALIDATION_FAILED, MALFORMED_REQUEST)',
  401: 'Missing or invalid access token (UNAUTHENTICATED)',
  403: 'The role may not do this (FORBIDDEN)',
  404: 'Not found, or outside the caller’s scope (NOT_FOUND)',
  409: 'Conflicts with existing data (UNIQUE_VIOLATION, IDEMPOTENCY_REQUEST_IN_PROGRESS, …)',
  412: 'If-Match names a stale version (VERSION_MISMATCH)',
  422: 'Understood but refused (IDEMPOTENCY_KEY_REUSED, REFERENCED_ROW_MISSING, …)',
  429: 'Too many requests (TOO_MANY_LOGIN_FAILURES)',
};

/**
 * Documents error responses as application/problem+json with the shared schema. Takes statuses (the
 * generic answers: 400, 401, 403, 404, 412…) and error codes; each code is documented under its status
 * from ERROR_STATUS, listed in the response's description and in `x-error-codes`, so a client sees which
 * codes an operation can answer, and a code can never be documented under a status it is not sent with.
 */
export function ApiProblems(...items: (number | ErrorCode)[]): MethodDecorator & ClassDecorator {
  const codesByStatus = new Map<number, ErrorCode[]>();
  for (const item of items) {
    const status = typeof item === 'number' ? item : Number(ERROR_STATUS[item]);
    const codes = codesByStatus.get(status) ?? [];
    if (typeof item !== 'number' && !codes.includes(item)) codes.push(item);
    codesByStatus.set(status, codes);
  }
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...[...codesByStatus].map(([status, codes]) =>
      ApiResponse({
        status,
        description: codes.length
          ? `${DESCRIPTIONS[status] ?? 'Error'}; this operation also: ${codes.join(', ')}`
          : (DESCRIPTIONS[status] ?? 'Error'),
        content: {
          'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) }, example: exampleFor(status) },
        },
        ...(codes.length ? { 'x-error-codes': codes } : {}),
      }),
    ),
  );
}
