import type { EntityManager } from 'typeorm';

/** `[column, postgres type]`, e.g. `['lead_id', 'uuid']`. Column names are snake_case. */
export type RecordsetColumns = readonly (readonly [string, string])[];

/**
 * One INSERT for any number of rows: the rows travel as a single json parameter and
 * `jsonb_to_recordset` turns them back into typed columns (arrays included), so a 10 000-row import is
 * one statement per table instead of one per row.
 */
export async function insertRecordset(
  em: EntityManager,
  table: string,
  columns: RecordsetColumns,
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([name]) => name).join(', ');
  const definition = columns.map(([name, type]) => `${name} ${type}`).join(', ');
  await em.query(
    `INSERT INTO ${table} (${names}) SELECT ${names} FROM json_to_recordset($1::json) AS t(${definition})`,
    [JSON.stringify(rows)],
  );
}

/** `json_to_recordset($n::json) AS alias(...)` for set-based UPDATE … FROM. */
export function recordsetFrom(columns: RecordsetColumns, param: number, alias = 't'): string {
  return `json_to_recordset($${param}::json) AS ${alias}(${columns.map(([n, t]) => `${n} ${t}`).join(', ')})`;
}
