import type { FastifyInstance } from 'fastify';
import { DomainException } from '../errors/domain.exception';

/** Marks a `text/csv` body whose bytes are not UTF-8, so the route can answer 400 naming the body. */
export class NonUtf8Body {
  readonly encoding = 'not-utf-8';
}

/**
 * Accepts `text/csv` request bodies as a string (CSV imports send the file as the raw body rather than
 * multipart, so the generated SDK can send it as is). Bytes that are not valid UTF-8 are not guessed at.
 */
export function registerCsvBodyParser(fastify: FastifyInstance): void {
  // No route reads plain text: without this, a CSV sent as text/plain (or JSON as text/plain) reached the
  // routes as a string; now it is 415 like any other media type the route does not take.
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser('text/csv', { parseAs: 'buffer' }, (_request, body: Buffer, done) => {
    try {
      done(null, new TextDecoder('utf-8', { fatal: true }).decode(body));
    } catch {
      done(null, new NonUtf8Body());
    }
  });
}

/**
 * The text of a `text/csv` body, or 400 naming the body: bytes that are not UTF-8 (`nonUtf8Detail` says
 * what to do about it), or no CSV body at all.
 */
export function csvText(body: unknown, nonUtf8Detail?: string): string {
  if (body instanceof NonUtf8Body)
    throw DomainException.validation(
      [{ field: 'body', message: 'is not UTF-8 encoded text' }],
      nonUtf8Detail,
    );
  if (typeof body !== 'string')
    throw DomainException.validation([{ field: 'body', message: 'must be a text/csv file' }]);
  return body;
}
