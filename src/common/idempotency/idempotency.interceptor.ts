import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom, map, Observable, throwError } from 'rxjs';
import { RequestTransaction } from '../../database/request-transaction';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { DomainException } from '../errors/domain.exception';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { IdempotencyService } from './idempotency.service';

const IDEMPOTENT = 'osm:idempotent';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Marks a POST that partners may retry: with an `Idempotency-Key` header, the same key and body replay
 * the first response, a different body is 422, and a still-running first request is 409. The stored
 * answer commits in the same transaction as the work (see `IdempotencyService`).
 */
export const Idempotent = (): MethodDecorator =>
  applyDecorators(
    SetMetadata(IDEMPOTENT, true),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Unique per logical request (e.g. a UUID). A retry with the same key and body replays the answer.',
      example: '6f1c2e7a-4b1d-4a57-9a3e-0d3c1c1f9b11',
    }),
    ApiProblems(409, 422),
  );

/** Canonical JSON: object keys sorted, so `{a,b}` and `{b,a}` hash alike. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly idempotency: IdempotencyService,
    private readonly requestTransaction: RequestTransaction,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.reflector.get<boolean>(IDEMPOTENT, context.getHandler())) return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers['idempotency-key'];
    if (header === undefined) return next.handle();
    const key = Array.isArray(header) ? header[0] : header;
    if (!KEY_PATTERN.test(key)) {
      return throwError(() =>
        DomainException.validation([
          { field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
        ]),
      );
    }

    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const scope = request.user?.subjectId ?? 'anonymous';
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.url}\n${canonicalJson(request.body ?? null)}`)
      .digest('hex');
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (request.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);

    // The claim, the work and the stored answer run in one request transaction: all commit or none.
    return from(
      this.requestTransaction.run(async (manager) => {
        const claim = await this.idempotency.claim(manager, scope, key, requestHash);
        if (claim.kind === 'replay') return claim;
        const body: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
        await this.idempotency.record(manager, scope, key, requestHash, status, body);
        return { kind: 'answered' as const, body };
      }),
    ).pipe(
      map((outcome) => {
        if (outcome.kind === 'replay') void reply.header('idempotent-replayed', 'true');
        return outcome.body;
      }),
    );
  }
}
