import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from './problem.dto';

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

/** Documents error responses as application/problem+json with the shared schema. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
