import type { FastifyInstance } from 'fastify';

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
