import {
  CallHandler,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, Observable } from 'rxjs';
import { DomainException } from '../errors/domain.exception';

export const etagOf = (version: number): string => `"${version}"`;

/**
 * Reads `If-Match` into the version the client last saw. `"3"`, `W/"3"` and `3` all mean version 3;
 * absent or `*` means "no precondition".
 */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*' || header.trim() === '') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw DomainException.validation([
      { field: 'If-Match', message: 'must be an ETag this API returned, e.g. "3"' },
    ]);
  }
  return Number(match[1]);
}

/**
 * The handler parameter of an update's precondition: the version `If-Match` names, or undefined. A
 * parameter decorator of its own (not `@Headers('if-match')`), so the header is documented once, as the
 * optional `If-Match` of `ApiIfMatch`, and not again as a required lowercase `if-match`.
 */
export const IfMatch = createParamDecorator(
  (_data: unknown, context: ExecutionContext): number | undefined => {
    const header = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers['if-match'];
    return parseIfMatch(Array.isArray(header) ? header[0] : header);
  },
);

/** Any single object answered with a `version` gets the matching ETag header. */
@Injectable()
export class VersionEtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((body: unknown) => {
        if (body && typeof body === 'object' && typeof (body as { version?: unknown }).version === 'number') {
          void context
            .switchToHttp()
            .getResponse<FastifyReply>()
            .header('etag', etagOf((body as { version: number }).version));
        }
        return body;
      }),
    );
  }
}
