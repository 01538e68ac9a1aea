import { Type } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type as TransformType } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DomainException } from '../errors/domain.exception';
import { ErrorCode } from '../errors/error-codes';
import { DateTimeField } from '../validation/fields';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** `?limit=&cursor=` — extend it with the typed filters of a list. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @TransformType(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page’s `nextCursor`' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

/**
 * The endpoint documentation of a long list whose pages after the first may be read on the read replica
 * (`mayReadPageFromReplica` in `src/database/read-replica.ts`).
 */
export const REPLICA_PAGES_NOTE =
  'With a read replica (`DATABASE_READ_URL`), a page after the first (one asked for with a `cursor`) may ' +
  'be read there: a moment behind other callers’ writes, never behind your own; the first page and ' +
  '`updatedSince` pages are read on the primary.';

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** The same page with each row mapped (entity to DTO); the cursor is kept as it is. */
export const mapPage = <T, U>(page: Page<T>, map: (row: T) => U): Page<U> => ({
  data: page.data.map((row) => map(row)),
  nextCursor: page.nextCursor,
});

/**
 * A cursor names the list it belongs to (a short hash of the list's table and sort key), so a cursor of
 * one list is refused by another instead of being read as a position in it.
 */
const listTag = (list: string): string => createHash('sha256').update(list).digest('base64url').slice(0, 8);

/** The keyset position after the last row of a page: the list's tag and its sort key values, in order. */
export function encodeCursor(values: (string | number)[], list = ''): string {
  return Buffer.from(JSON.stringify({ l: listTag(list), k: values })).toString('base64url');
}

export function decodeCursor(cursor: string, length: number, list = ''): (string | number)[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const { l: tag, k: values } = (parsed ?? {}) as { l?: unknown; k?: unknown };
    if (
      tag === listTag(list) &&
      Array.isArray(values) &&
      values.length === length &&
      values.every((value) => typeof value === 'string' || typeof value === 'number')
    ) {
      return values;
    }
  } catch {
    // fall through
  }
  throw new DomainException(ErrorCode.INVALID_CURSOR, 'The cursor is not one this list handed out', [
    { field: 'cursor', message: 'is invalid' },
  ]);
}

export interface KeysetColumn<T> {
  /** SQL expression in the query, e.g. `user.created_at`. */
  expression: string;
  /** How to read the key from a result row. */
  read: (row: T) => string | number;
}

/** How a page's rows are read from its query: entities by default; a hot list may read plain rows instead. */
export type PageRows<T extends ObjectLiteral, R> = (query: SelectQueryBuilder<T>) => Promise<R[]>;

const entities = <T extends ObjectLiteral, R>(query: SelectQueryBuilder<T>): Promise<R[]> =>
  query.getMany() as Promise<unknown[]> as Promise<R[]>;

/**
 * Keyset pagination (ascending, or descending for newest-first lists) over the given key, which must be unique as a whole (end it with the id).
 * Fetches `limit + 1` rows: the extra row only tells whether a next page exists. `rows` reads them (entities
 * unless told otherwise: `getRawMany` with the query's own select, for instance).
 */
export async function paginate<T extends ObjectLiteral, R extends ObjectLiteral = T>(
  query: SelectQueryBuilder<T>,
  page: PageQuery,
  keys: KeysetColumn<R>[],
  direction: 'ASC' | 'DESC' = 'ASC',
  rows: PageRows<T, R> = entities,
): Promise<Page<R>> {
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  const alias = query.expressionMap.mainAlias;
  const list = [
    alias?.hasMetadata ? alias.metadata.tableName : query.alias,
    ...keys.map((key) => key.expression),
    direction,
  ].join('|');
  if (page.cursor) {
    const values = decodeCursor(page.cursor, keys.length, list);
    const params = Object.fromEntries(values.map((value, index) => [`cursor${index}`, value]));
    query.andWhere(
      `(${keys.map((key) => key.expression).join(', ')}) ${direction === 'ASC' ? '>' : '<'} (${values.map((_, i) => `:cursor${i}`).join(', ')})`,
      params,
    );
  }
  keys.forEach((key, index) =>
    index === 0 ? query.orderBy(key.expression, direction) : query.addOrderBy(key.expression, direction),
  );
  const read = await rows(query.limit(limit + 1));
  const data = read.slice(0, limit);
  const last = data[data.length - 1];
  return {
    data,
    nextCursor:
      read.length > limit && last
        ? encodeCursor(
            keys.map((key) => key.read(last)),
            list,
          )
        : null,
  };
}

/** A named page class per item type, so the SDK gets `UserPage` rather than an anonymous shape. */
export function PageOf<T>(item: Type<T>, name = `${item.name.replace(/Dto$/, '')}Page`): Type<Page<T>> {
  class PageDto implements Page<T> {
    @ApiProperty({ type: [item] })
    data!: T[];

    @ApiProperty({
      type: String,
      nullable: true,
      description: 'Pass as `cursor` to get the next page; null on the last page',
    })
    nextCursor!: string | null;
  }
  Object.defineProperty(PageDto, 'name', { value: name });
  return PageDto;
}

/**
 * `?updatedSince=` for the lists an ERP or CRM syncs (leads, customers, reps, vendors, call reports,
 * alerts). Extend it instead of `PageQuery`, and page the list with `paginateSyncable`.
 */
export class SyncPageQuery extends PageQuery {
  @DateTimeField({
    optional: true,
    description:
      'Only rows changed at or after this instant (inclusive, so a sync never skips a row), ordered by ' +
      '`updatedAt`, then `id`, oldest first, instead of the list’s usual order. Pass the largest `updatedAt` ' +
      'you have seen, minus a minute for writes still in flight: rows can come again, so de-duplicate by `id` ' +
      '(keep the higher `version`).',
    example: '2026-07-01T08:00:00Z',
  })
  updatedSince?: string;
}

/** The rows a sync list returns: every synced table carries `updated_at` and a uuid `id` (BaseEntity). */
export interface Syncable extends ObjectLiteral {
  id: string;
  updatedAt: Date;
}

/**
 * The list's own keyset order; with `updatedSince`, only rows with `updated_at >= updatedSince`, in the sync
 * order `(updated_at, id)` ascending. A cursor of one order is refused by the other (the keys differ).
 */
export function paginateSyncable<T extends Syncable, R extends Syncable = T>(
  query: SelectQueryBuilder<T>,
  page: SyncPageQuery,
  keys: KeysetColumn<R>[],
  direction: 'ASC' | 'DESC' = 'ASC',
  rows: PageRows<T, R> = entities,
): Promise<Page<R>> {
  if (page.updatedSince === undefined) return paginate(query, page, keys, direction, rows);
  const alias = query.alias;
  query.andWhere(`${alias}.updated_at >= :updatedSince`, { updatedSince: page.updatedSince });
  return paginate(
    query,
    page,
    [
      { expression: `${alias}.updated_at`, read: (row) => row.updatedAt.toISOString() },
      { expression: `${alias}.id`, read: (row) => row.id },
    ],
    'ASC',
    rows,
  );
}

/** How many rows `paginateSyncable` would page through with the same filters (a list export counts first). */
export function countSyncable<T extends Syncable>(
  query: SelectQueryBuilder<T>,
  page: SyncPageQuery,
): Promise<number> {
  if (page.updatedSince !== undefined)
    query.andWhere(`${query.alias}.updated_at >= :updatedSince`, { updatedSince: page.updatedSince });
  return query.getCount();
}
