import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Client } from '../../../openapi/sdk/client';
import { loadOpenApiDocument } from '../api/openapi-document';
import { problemText } from '../api/problems';
import { UsageError } from '../api/api-session';
import type { CliIo } from '../cli-io';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'svg'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const REPORTS = '/api/v1/reports/';

/** The exports this version's contract lists: `lists/leads` → csv, xlsx; `funnel` → csv, svg, xlsx. */
export function knownExports(): Map<string, ExportFormat[]> {
  const exports = new Map<string, ExportFormat[]>();
  for (const path of Object.keys(loadOpenApiDocument().paths)) {
    const match = /^\/api\/v1\/reports\/([a-z0-9/-]+)\.(csv|xlsx|svg)$/.exec(path);
    if (!match) continue;
    exports.set(match[1], [...(exports.get(match[1]) ?? []), match[2] as ExportFormat].sort());
  }
  return new Map([...exports].sort(([a], [b]) => a.localeCompare(b)));
}

/** `--vendor-id x --status new --status won` → { vendorId: 'x', status: ['new', 'won'] }. */
export function filterQuery(args: string[]): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (let index = 0; index < args.length; index += 2) {
    const [flag, value] = [args[index], args[index + 1]];
    if (!flag.startsWith('--') || value === undefined || value.startsWith('--')) {
      throw new UsageError(`Filters go as --name value pairs (at ${flag}).`);
    }
    const name = flag.slice(2).replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    const previous = query[name];
    query[name] =
      previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return query;
}

/**
 * `osm export <name>`: GET /api/v1/reports/<name>.<format> with the filters as query, streamed to a
 * file or stdout. Any report path the service has works, also one newer than this command line.
 */
export async function runExport(
  client: Client,
  name: string,
  options: { format: string; out?: string },
  filters: Record<string, string | string[]>,
  io: CliIo,
): Promise<number> {
  const format = options.format as ExportFormat;
  if (!EXPORT_FORMATS.includes(format))
    throw new UsageError(`--format is one of ${EXPORT_FORMATS.join(', ')}`);
  const cleaned = name.replace(/^\/+|\/+$/g, '').replace(/\.(csv|xlsx|svg)$/, '');
  if (!/^[a-z0-9][a-z0-9/-]*$/.test(cleaned)) throw new UsageError(`Not a report name: ${name}`);
  const url = `${REPORTS}${cleaned}.${format}`;
  const { data, error, response } = await client.get<Record<number, unknown>, Record<number, unknown>, false>(
    {
      url,
      query: filters,
      parseAs: 'stream',
      security: [{ scheme: 'bearer', type: 'http' }],
    },
  );
  if (error !== undefined || !data) {
    const status = response?.status ?? 0;
    io.stderr.write(`${url}: ${problemText(error)}\n`);
    if (status === 404 && !knownExports().has(cleaned)) {
      io.stderr.write(`Known exports: ${[...knownExports().keys()].join(', ')}\n`);
      return 2;
    }
    return status === 400 || status === 404 ? 2 : 1;
  }
  const body = Readable.fromWeb(data as unknown as WebReadableStream);
  if (!options.out || options.out === '-') {
    await pipeline(body, io.stdout, { end: false });
    return 0;
  }
  await pipeline(body, createWriteStream(options.out));
  io.stderr.write(`${cleaned}.${format} written to ${options.out}\n`);
  return 0;
}
