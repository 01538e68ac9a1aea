import { SingleBar } from 'cli-progress';
import { stringify } from 'csv-stringify/sync';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { loadOpenApiDocument } from '../api/openapi-document';
import { asProblem, problemText } from '../api/problems';
import { UsageError, type ApiSession } from '../api/api-session';
import type { CliIo } from '../cli-io';
import { IMPORT_KINDS, type ImportKind, type SentRequest } from './import-kinds';
import { readRows, SourceFileError, type SourceRow } from './read-rows';
import { columnShape, resolver, shapeRow, type ColumnShape, type SchemaObject } from './row-shape';

/** One line of the error file: the row as the spreadsheet numbers it, the field, why. */
export interface RowError {
  row: number;
  field: string;
  code: string;
  message: string;
}

export interface ImportOptions {
  chunkSize?: number;
  errors?: string;
  /** A saved import mapping or preset: the rows go with the file's own columns, the service maps them. */
  mapping?: string;
}

export interface ImportOutcome {
  exitCode: number;
  requests: number;
  replayed: number;
  sent: number;
  counts: Record<string, number>;
  errors: RowError[];
  interrupted: boolean;
}

/** Rows per request for a kind the API takes one at a time (contracts): only the progress steps. */
const SINGLE_ROW_CHUNK = 1;
const RETRIES = 4;

interface PreparedRow {
  rowNumber: number;
  body: Record<string, unknown>;
  path: Record<string, string>;
}

/**
 * The key of one request: the file's content, the kind, the chunk size and the chunk's index. A rerun of
 * the same file sends the same keys, so chunks that landed are answered from the service's stored result
 * (Idempotent-Replayed) and only the rest are written.
 */
export function chunkIdempotencyKey(
  fileSha256: string,
  kind: string,
  chunkSize: number,
  index: number,
  mapping?: string,
): string {
  // A mapping makes other rows of the same file, so it is part of the key (keys without one are unchanged).
  const digest = createHash('sha256')
    .update(`${fileSha256}\n${kind}\n${chunkSize}\n${index}${mapping === undefined ? '' : `\n${mapping}`}`)
    .digest('hex');
  return `osm-import-${kind}-${digest.slice(0, 40)}`;
}

function columnsFor(kind: ImportKind, header: string[]): Map<string, ColumnShape> {
  const document = loadOpenApiDocument();
  const resolve = resolver(document.components.schemas);
  const operation = document.paths[kind.operation.path]?.[kind.operation.method];
  const bodySchema = operation?.requestBody?.content?.['application/json']?.schema;
  if (!bodySchema) throw new Error(`The OpenAPI document has no body for ${kind.operation.path}`);
  const body = resolve(bodySchema);
  const rowSchema: SchemaObject = kind.rowsProperty
    ? (resolve(body.properties?.[kind.rowsProperty] ?? {}).items ?? {})
    : body;
  const columns = new Map<string, ColumnShape>();
  const unknown: string[] = [];
  for (const column of header) {
    if (kind.pathColumns?.includes(column)) continue;
    const shape = columnShape(kind.aliases?.[column] ?? column, rowSchema, resolve);
    if (shape) columns.set(column, shape);
    else unknown.push(column);
  }
  if (unknown.length) {
    const known = [...(kind.pathColumns ?? []), ...Object.keys(resolve(rowSchema).properties ?? {})];
    throw new UsageError(
      `${kind.name}: unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; ` +
        `the fields are ${known.join(', ')} (nested: a.b, arrays of objects: a.0.b, lists: a;b in one cell)`,
    );
  }
  return columns;
}

export function maxRowsPerRequest(kind: ImportKind): number {
  if (!kind.rowsProperty) return SINGLE_ROW_CHUNK;
  const document = loadOpenApiDocument();
  const resolve = resolver(document.components.schemas);
  const schema =
    document.paths[kind.operation.path]?.[kind.operation.method]?.requestBody?.content?.['application/json']
      ?.schema;
  const rows = schema ? resolve(resolve(schema).properties?.[kind.rowsProperty] ?? {}) : {};
  return rows.maxItems ?? 1000;
}

function prepare(kind: ImportKind, rows: SourceRow[], columns: Map<string, ColumnShape>) {
  const prepared: PreparedRow[] = [];
  const errors: RowError[] = [];
  for (const source of rows) {
    const { row, errors: cellErrors } = shapeRow(source.cells, columns);
    const path: Record<string, string> = {};
    for (const column of kind.pathColumns ?? []) {
      const value = String(source.cells[column] ?? '').trim();
      if (value) path[column] = value;
      else cellErrors.push({ field: column, message: 'is required' });
    }
    if (cellErrors.length) {
      for (const error of cellErrors) {
        errors.push({
          row: source.rowNumber,
          field: error.field,
          code: 'CELL_INVALID',
          message: error.message,
        });
      }
    } else {
      prepared.push({ rowNumber: source.rowNumber, body: row, path });
    }
  }
  return { prepared, errors };
}

/**
 * With a mapping the rows go as the file has them (its own column names, every cell as text); the
 * service checks the header against the mapping and names the source column in its answers.
 */
function prepareMapped(rows: SourceRow[]): { prepared: PreparedRow[]; errors: RowError[] } {
  return {
    prepared: rows.map((source) => ({
      rowNumber: source.rowNumber,
      body: Object.fromEntries(
        Object.entries(source.cells).map(([column, cell]) => [column, cellText(cell)]),
      ),
      path: {},
    })),
    errors: [],
  };
}

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  return typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'boolean'
    ? String(cell)
    : '';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Sends one request; a lost connection, 409 (the same key still running), 429 or 503 is tried again, and
 * a 401 once after signing in again (the token ran out during a long import).
 */
async function sendWithRetries(session: ApiSession, send: () => Promise<SentRequest>): Promise<SentRequest> {
  let renewed = false;
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await send();
      // No response at all: the connection failed (the SDK hands the fetch error back as `error`).
      if (!answer.response) {
        throw answer.error instanceof Error ? answer.error : new Error(problemText(answer.error));
      }
      const status = answer.response.status;
      if (status === 401 && session.renew && !renewed) {
        renewed = true;
        await session.renew();
        attempt--;
        continue;
      }
      if (!answer.error || ![409, 429, 503].includes(status) || attempt >= RETRIES) return answer;
      const retryAfter = Number(answer.response?.headers.get('retry-after'));
      await sleep(
        Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 30) * 1000 : 500 * attempt,
      );
    } catch (error) {
      if (attempt >= RETRIES) throw error;
      await sleep(500 * attempt);
    }
  }
}

/** The per-row rejections of a request that landed (leads, customers answer one result per row). */
function rejectedRows(data: unknown, chunk: PreparedRow[]): RowError[] {
  const results = (data as { results?: unknown }).results;
  if (!Array.isArray(results)) return [];
  return (
    results as {
      row: number;
      outcome: string;
      field?: string | null;
      code?: string | null;
      reason?: string | null;
    }[]
  )
    .filter((result) => result.outcome === 'rejected')
    .map((result) => ({
      row: chunk[result.row]?.rowNumber ?? -1,
      field: result.field ?? '',
      code: result.code ?? 'REJECTED',
      message: result.reason ?? 'rejected',
    }));
}

/** A refused request: its named fields (`rows.17.taxId`) point at rows; the rest of the chunk was not written. */
function refusedRows(kind: ImportKind, error: unknown, chunk: PreparedRow[]): RowError[] {
  const problem = asProblem(error);
  const code = problem.code ?? `HTTP_${problem.status ?? 'ERROR'}`;
  const named = new Map<number, RowError[]>();
  const prefix = kind.rowsProperty ? new RegExp(`^${kind.rowsProperty}\\.(\\d+)\\.?(.*)$`) : undefined;
  for (const fieldError of problem.errors ?? []) {
    const match = prefix?.exec(fieldError.field);
    const index = match ? Number(match[1]) : kind.rowsProperty ? -1 : 0;
    const row = chunk[index];
    if (!row) continue;
    const list = named.get(index) ?? [];
    list.push({
      row: row.rowNumber,
      field: match ? match[2] : fieldError.field,
      code,
      message: fieldError.message,
    });
    named.set(index, list);
  }
  const first = chunk[0].rowNumber;
  const last = chunk[chunk.length - 1].rowNumber;
  return chunk.flatMap((row, index) => {
    const own = named.get(index);
    if (own) return own;
    if (chunk.length === 1 || named.size === 0) {
      return [{ row: row.rowNumber, field: '', code, message: problemText(error) }];
    }
    return [
      {
        row: row.rowNumber,
        field: '',
        code: 'CHUNK_REFUSED',
        message: `not written: rows ${first}–${last} went in one all-or-nothing request that another row refused`,
      },
    ];
  });
}

function addCounts(counts: Record<string, number>, data: unknown): void {
  if (!data || typeof data !== 'object') return;
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'number') counts[key] = (counts[key] ?? 0) + value;
  }
}

async function writeErrorFile(path: string, errors: RowError[]): Promise<void> {
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  await writeFile(
    path,
    stringify(sorted, { header: true, columns: ['row', 'field', 'code', 'message'] }),
    'utf8',
  );
}

/**
 * `osm import <kind> <file>`: reads the file, shapes each row from the contract, sends chunks with their
 * own Idempotency-Key (replayed on a rerun), shows progress and writes the per-row error file.
 */
export async function runImport(
  session: ApiSession,
  kind: ImportKind,
  file: string,
  options: ImportOptions,
  io: CliIo,
): Promise<ImportOutcome> {
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const fileSha256 = createHash('sha256').update(content).digest('hex');
  const table = await readRows(content, file).catch((error: unknown) => {
    throw error instanceof SourceFileError ? new UsageError(error.message) : error;
  });
  if (options.mapping !== undefined && !kind.takesMapping) {
    const kinds = IMPORT_KINDS.filter((candidate) => candidate.takesMapping)
      .map((candidate) => candidate.name)
      .join(', ');
    throw new UsageError(`--mapping is for ${kinds} imports, not ${kind.name}`);
  }
  const columns =
    options.mapping === undefined ? columnsFor(kind, table.header) : new Map<string, ColumnShape>();
  const missingPath = (kind.pathColumns ?? []).filter((column) => !table.header.includes(column));
  if (missingPath.length)
    throw new UsageError(`${kind.name}: the file needs the column(s) ${missingPath.join(', ')}`);

  const limit = maxRowsPerRequest(kind);
  const chunkSize = kind.rowsProperty ? (options.chunkSize ?? limit) : SINGLE_ROW_CHUNK;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > limit) {
    throw new UsageError(`--chunk-size must be a whole number from 1 to ${limit} for ${kind.name}`);
  }

  const { prepared, errors } =
    options.mapping === undefined ? prepare(kind, table.rows, columns) : prepareMapped(table.rows);
  const query = options.mapping === undefined ? undefined : { mapping: options.mapping };
  const chunks: PreparedRow[][] = [];
  for (let start = 0; start < prepared.length; start += chunkSize)
    chunks.push(prepared.slice(start, start + chunkSize));

  const outcome: ImportOutcome = {
    exitCode: 0,
    requests: chunks.length,
    replayed: 0,
    sent: 0,
    counts: {},
    errors,
    interrupted: false,
  };
  const bar = io.stderr.isTTY
    ? new SingleBar({
        stream: io.stderr,
        format: `${kind.name} [{bar}] {percentage}% | {value}/{total} rows | chunk {chunk}/{chunks} | {replayed} replayed`,
        hideCursor: true,
      })
    : undefined;
  bar?.start(prepared.length, 0, { chunk: 0, chunks: chunks.length, replayed: 0 });

  let done = 0;
  let failure: string | undefined;
  try {
    for (const [index, chunk] of chunks.entries()) {
      if (io.signal?.aborted) {
        outcome.interrupted = true;
        break;
      }
      const key = chunkIdempotencyKey(fileSha256, kind.name, chunkSize, index, options.mapping);
      const body = kind.rowsProperty ? { [kind.rowsProperty]: chunk.map((row) => row.body) } : chunk[0].body;
      let answer: SentRequest;
      try {
        answer = await sendWithRetries(session, () =>
          kind.send(session.client, body, key, chunk[0].path, query),
        );
      } catch (error) {
        if (error instanceof UsageError) throw error;
        failure = `request ${index + 1} of ${chunks.length} failed: ${error instanceof Error ? error.message : String(error)}`;
        break;
      }
      const status = answer.response?.status ?? 0;
      if (answer.error && [401, 403].includes(status)) {
        throw new UsageError(
          `The service refused ${kind.name} from this caller: ${problemText(answer.error)}`,
        );
      }
      const replayed = answer.response?.headers.get('idempotent-replayed') === 'true';
      if (replayed) outcome.replayed++;
      else outcome.sent++;
      if (answer.error) {
        outcome.errors.push(...refusedRows(kind, answer.error, chunk));
        outcome.counts.refused = (outcome.counts.refused ?? 0) + chunk.length;
      } else if (kind.rowsProperty) {
        addCounts(outcome.counts, answer.data);
        outcome.errors.push(...rejectedRows(answer.data, chunk));
      } else {
        outcome.counts.written = (outcome.counts.written ?? 0) + 1;
      }
      done += chunk.length;
      bar?.update(done, { chunk: index + 1, replayed: outcome.replayed });
      if (!bar) {
        io.stderr.write(
          `${kind.name}: chunk ${index + 1}/${chunks.length}, rows ${chunk[0].rowNumber}–${chunk[chunk.length - 1].rowNumber}: ` +
            `${answer.error ? `refused (${problemText(answer.error)})` : replayed ? 'replayed (landed before)' : 'sent'}\n`,
        );
      }
      io.onChunk?.({ index, chunks: chunks.length, replayed, refused: Boolean(answer.error) });
    }
  } finally {
    bar?.stop();
  }

  // The default error file is written when a row failed, or emptied when an earlier run left one.
  const defaultErrorFile = `${file}.errors.csv`;
  const errorFile =
    options.errors ?? (outcome.errors.length || existsSync(defaultErrorFile) ? defaultErrorFile : undefined);
  if (errorFile) await writeErrorFile(errorFile, outcome.errors);

  // Sorted: a replayed answer comes back from storage with its keys in another order.
  const counts = Object.entries(outcome.counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');
  io.stdout.write(
    `${kind.name}: ${table.rows.length} rows in ${chunks.length} request${chunks.length === 1 ? '' : 's'} ` +
      `(${outcome.replayed} replayed from an earlier run, ${outcome.sent} sent)${counts ? `: ${counts}` : ''}\n`,
  );
  if (outcome.errors.length) {
    const rows = new Set(outcome.errors.map((error) => error.row)).size;
    io.stdout.write(`${rows} row${rows === 1 ? '' : 's'} not taken in; see ${errorFile}\n`);
  }
  if (failure) {
    io.stderr.write(`${kind.name}: ${failure}; run the same command again to resume\n`);
    outcome.exitCode = 1;
  } else if (outcome.interrupted) {
    io.stderr.write(
      `interrupted after ${outcome.replayed + outcome.sent} of ${chunks.length} requests; run the same command ` +
        'again to resume (what landed is replayed, not written twice)\n',
    );
    outcome.exitCode = 130;
  } else {
    outcome.exitCode = outcome.errors.length ? 1 : 0;
  }
  return outcome;
}
