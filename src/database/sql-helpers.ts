import { EntityManager } from 'typeorm';

/** Ids among `ids` with no row in `table` (the caller's own table: the name is not a parameter). */
export async function missingIds(
  em: EntityManager,
  table: string,
  ids: readonly string[],
): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows: { id: string }[] = await em.query(`SELECT id FROM ${table} WHERE id = ANY($1::uuid[])`, [
    unique,
  ]);
  const found = new Set(rows.map((row) => row.id));
  return unique.filter((id) => !found.has(id));
}

/** An ILIKE pattern matching text that contains `part` literally (its % and _ escaped with \). */
export const containsPattern = (part: string): string => `%${part.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
