import { applyDecorators, HttpStatus, type Type } from '@nestjs/common';
import { ApiOperation, ApiResponse, type ApiResponseNoStatusOptions } from '@nestjs/swagger';
import type { ErrorCode } from '../errors/error-codes';
import { ApiProblems } from './api-problems.decorator';

/** A success answer: its body's class, a list of it (`[Dto]`), or the full response options (files, headers). */
export type EndpointResponse = Type<unknown> | [Type<unknown>] | ApiResponseNoStatusOptions;

export interface EndpointOptions {
  /** One line: what the operation does (the SDK function's comment, the Swagger UI row). */
  summary: string;
  /**
   * What an integrator needs beyond the summary: who may call it, what it returns, the rules it applies
   * and what it refuses. Required, and never the summary again.
   */
  description: string;
  ok?: EndpointResponse;
  created?: EndpointResponse;
  accepted?: EndpointResponse;
  /** The description of the empty 204 answer, e.g. 'Deleted'. */
  noContent?: string;
  /** Error statuses and codes the operation answers, as for `@ApiProblems`. */
  problems?: (number | ErrorCode)[];
  deprecated?: boolean;
}

function responseOptions(response: EndpointResponse): ApiResponseNoStatusOptions {
  if (typeof response === 'function' || Array.isArray(response)) return { type: response };
  return response;
}

/**
 * Documents an operation from one set of options: the summary and description (`ApiOperation`), its
 * success answers and its problem answers (`ApiProblems`). The description is required by the type, so an
 * operation cannot reach the contract without one.
 */
export function Endpoint(options: EndpointOptions): MethodDecorator {
  const { summary, description, problems = [], deprecated } = options;
  if (!description.trim() || description.trim() === summary.trim()) {
    throw new Error(`Endpoint "${summary}": the description must say more than the summary`);
  }
  const successes: [HttpStatus, ApiResponseNoStatusOptions][] = [];
  if (options.ok) successes.push([HttpStatus.OK, responseOptions(options.ok)]);
  if (options.created) successes.push([HttpStatus.CREATED, responseOptions(options.created)]);
  if (options.accepted) successes.push([HttpStatus.ACCEPTED, responseOptions(options.accepted)]);
  if (options.noContent) successes.push([HttpStatus.NO_CONTENT, { description: options.noContent }]);
  if (successes.length === 0) throw new Error(`Endpoint "${summary}": no success answer documented`);
  return applyDecorators(
    ApiOperation({ summary, description, ...(deprecated ? { deprecated } : {}) }),
    ...successes.map(([status, response]) => ApiResponse({ ...response, status })),
    ...(problems.length ? [ApiProblems(...problems)] : []),
  );
}
