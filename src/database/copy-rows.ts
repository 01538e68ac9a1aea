import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPED = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value as one field of COPY's text format: `\N` for null; backslash, tab, newline and CR escaped. */
export function copyField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  const text = String(value);
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPED, (c) => ESCAPES[c]) : text;
}

/** One line of COPY's text format. */
export const copyLine = (fields: readonly (string | number | null | undefined)[]): string =>
  `${fields.map(copyField).join('\t')}\n`;

/**
 * Streams `data` (lines of COPY's text format) into `target` (a table, with its column list if needed: the
 * caller's own SQL) on the connection of the caller's transaction, so the rows are part of it.
 */
export async function copyInto(em: EntityManager, target: string, data: string): Promise<void> {
  const connection = (em.queryRunner as { databaseConnection?: PoolClient } | undefined)?.databaseConnection;
  if (!connection) throw new Error('COPY runs on the connection of a transaction');
  await pipeline(Readable.from([data]), connection.query(copyFrom(`COPY ${target} FROM STDIN`)));
}
