/**
 * Turns a flat spreadsheet row (column name → cell text) into the JSON object an import endpoint takes,
 * guided by the row's schema in the OpenAPI document: the contract says which column is an integer, a
 * list or a nested object, so a new field works in the command line the day it is documented.
 *
 * Column names are the field names; nested objects use dots (`location.latitude`), array items an index
 * (`lines.0.productId`); a list of plain values is one cell separated by `;` (`tags`: `vip;2026`).
 * An empty cell is an absent field.
 */

/** The part of an OpenAPI schema object this file reads. */
export interface SchemaObject {
  $ref?: string;
  allOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  maxItems?: number;
}

export type Resolve = (schema: SchemaObject) => SchemaObject;

/** A leaf column: its path in the row object and how its cell is read. */
export interface ColumnShape {
  path: (string | number)[];
  kind: 'string' | 'integer' | 'number' | 'boolean' | 'list' | 'date' | 'date-time';
}

export interface CellError {
  field: string;
  message: string;
}

/** A cell as read from a file: text from CSV; numbers, dates or booleans from a spreadsheet. */
export type Cell = string | number | boolean | Date | null | undefined;

/**
 * Follows `$ref` and single-item `allOf` (how the document wraps an enum or nested DTO with a description).
 * An `anyOf` is an import row that may be OSM's own or, under a mapping, another system's record: columns
 * are shaped by the first, OSM's row (mapped files go as they are, unshaped).
 */
export function resolver(components: Record<string, SchemaObject>): Resolve {
  const resolve: Resolve = (schema) => {
    if (schema.$ref) {
      const name = schema.$ref.split('/').pop() ?? '';
      const target = components[name];
      if (!target) throw new Error(`The OpenAPI document has no schema ${name}`);
      return resolve(target);
    }
    if (schema.allOf?.length === 1) return resolve(schema.allOf[0]);
    if (schema.anyOf?.length) return resolve(schema.anyOf[0]);
    return schema;
  };
  return resolve;
}

function leafKind(schema: SchemaObject): ColumnShape['kind'] | undefined {
  if (schema.enum) return 'string';
  switch (schema.type) {
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'string':
      return schema.format === 'date' ? 'date' : schema.format === 'date-time' ? 'date-time' : 'string';
    default:
      return undefined;
  }
}

/**
 * The shape of one column name against the row schema, or undefined when the schema has no such field.
 * `contacts.0.name` → path ['contacts', 0, 'name'], kind string.
 */
export function columnShape(
  column: string,
  rowSchema: SchemaObject,
  resolve: Resolve,
): ColumnShape | undefined {
  const parts = column.split('.');
  const path: (string | number)[] = [];
  let schema = resolve(rowSchema);
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index];
    const field = schema.properties?.[part];
    if (!field) return undefined;
    path.push(part);
    const resolved = resolve(field);
    const last = index === parts.length - 1;
    if (resolved.type === 'array') {
      const items = resolve(resolved.items ?? {});
      if (leafKind(items)) return last ? { path, kind: 'list' } : undefined;
      // An array of objects: the next part is the item's index, then the item's field.
      const position = parts[index + 1];
      if (last || position === undefined || !/^\d{1,3}$/.test(position)) return undefined;
      path.push(Number(position));
      index++;
      if (index === parts.length - 1) return undefined;
      schema = items;
      continue;
    }
    const kind = leafKind(resolved);
    if (kind) return last ? { path, kind } : undefined;
    if (last) return undefined;
    schema = resolved;
  }
  return undefined;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Reads one cell; `undefined` for an empty one, an error message for one of the wrong form. */
export function readCell(cell: Cell, kind: ColumnShape['kind']): { value?: unknown; error?: string } {
  if (cell === null || cell === undefined) return {};
  if (cell instanceof Date) {
    if (kind === 'date') return { value: isoDay(cell) };
    if (kind === 'date-time') return { value: cell.toISOString() };
    if (kind === 'string') return { value: isoDay(cell) };
    return { error: 'must not be a date' };
  }
  const text = String(cell).trim();
  if (text === '') return {};
  switch (kind) {
    case 'integer':
      return /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text))
        ? { value: Number(text) }
        : { error: 'must be a whole number' };
    case 'number': {
      const value = Number(text);
      return /^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(text) && Number.isFinite(value)
        ? { value }
        : { error: 'must be a number' };
    }
    case 'boolean':
      if (/^(true|yes|1)$/i.test(text)) return { value: true };
      if (/^(false|no|0)$/i.test(text)) return { value: false };
      return { error: 'must be true or false' };
    case 'list':
      return {
        value: text
          .split(';')
          .map((item) => item.trim())
          .filter((item) => item !== ''),
      };
    default:
      return { value: text };
  }
}

function place(target: Record<string, unknown>, path: (string | number)[], value: unknown): void {
  let node: Record<string | number, unknown> = target;
  for (let index = 0; index < path.length - 1; index++) {
    const key = path[index];
    const nextIsIndex = typeof path[index + 1] === 'number';
    node[key] ??= nextIsIndex ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]] = value;
}

/** Drops the holes a sparse `lines.2.…` without `lines.1.…` leaves, so the server sees a plain array. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compact);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, compact(item)]));
  }
  return value;
}

/** Builds the row object from its cells; cells of the wrong form come back as errors (the row is not sent). */
export function shapeRow(
  cells: Record<string, Cell>,
  columns: Map<string, ColumnShape>,
): { row: Record<string, unknown>; errors: CellError[] } {
  const row: Record<string, unknown> = {};
  const errors: CellError[] = [];
  for (const [column, cell] of Object.entries(cells)) {
    const shape = columns.get(column);
    if (!shape) continue;
    const { value, error } = readCell(cell, shape.kind);
    if (error) errors.push({ field: column, message: error });
    else if (value !== undefined) place(row, shape.path, value);
  }
  return { row: compact(row) as Record<string, unknown>, errors };
}
