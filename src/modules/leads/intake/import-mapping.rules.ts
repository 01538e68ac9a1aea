import type { FieldError } from '../../../common/errors/domain.exception';

/** What a mapping imports into. */
export enum ImportMappingTarget {
  LEADS = 'leads',
  CUSTOMERS = 'customers',
}

/**
 * How a file exported from another system becomes OSM import rows: which of its columns fills which
 * OSM field, how enum-like values translate, and whether columns the mapping does not name are ignored.
 */
export interface ImportMappingRules {
  target: ImportMappingTarget;
  /** Source column header → OSM field. Several columns may fill one field (see IMPORT_FIELDS). */
  columns: Record<string, string>;
  /**
   * Source column header → (source value → OSM value). A `*` entry stands for every value not listed;
   * without one, unlisted values pass through unchanged. A value mapped to "" leaves the field empty.
   */
  values: Record<string, Record<string, string>>;
  /** true: columns the mapping does not name are skipped; false: they refuse the file, as without a mapping. */
  ignoreUnknownColumns: boolean;
}

interface ImportField {
  /** How the values of several source columns filling this field are put together. */
  combine: 'first' | 'space' | 'lines' | 'list';
  required?: boolean;
}

/** The lead import columns (CSV header names; one contact flattened, lists separated by `;`). */
export const LEAD_CSV_COLUMNS = [
  'companyName',
  'taxId',
  'industryCode',
  'sizeBand',
  'regionCode',
  'registeredCapitalMinor',
  'registeredCapitalCurrency',
  'website',
  'contactName',
  'contactPhone',
  'contactEmail',
  'contactTitle',
  'needs',
  'productLineIds',
  'source',
  'sourceCampaign',
  'sourceReferrer',
  'tags',
] as const;

const LEAD_FIELDS: Record<(typeof LEAD_CSV_COLUMNS)[number], ImportField> = {
  companyName: { combine: 'first', required: true },
  taxId: { combine: 'first' },
  industryCode: { combine: 'first' },
  sizeBand: { combine: 'first' },
  regionCode: { combine: 'first' },
  registeredCapitalMinor: { combine: 'first' },
  registeredCapitalCurrency: { combine: 'first' },
  website: { combine: 'first' },
  contactName: { combine: 'space' },
  contactPhone: { combine: 'first' },
  contactEmail: { combine: 'first' },
  contactTitle: { combine: 'first' },
  needs: { combine: 'lines' },
  productLineIds: { combine: 'list' },
  source: { combine: 'first' },
  sourceCampaign: { combine: 'first' },
  sourceReferrer: { combine: 'first' },
  tags: { combine: 'list' },
};

const CUSTOMER_FIELDS: Record<string, ImportField> = {
  erpCustomerId: { combine: 'first', required: true },
  name: { combine: 'first', required: true },
  taxId: { combine: 'first' },
  phone: { combine: 'first' },
  email: { combine: 'first' },
  regionCode: { combine: 'first' },
};

export const IMPORT_FIELDS: Record<ImportMappingTarget, Record<string, ImportField>> = {
  [ImportMappingTarget.LEADS]: LEAD_FIELDS,
  [ImportMappingTarget.CUSTOMERS]: CUSTOMER_FIELDS,
};

/**
 * The rules a saved mapping must keep: every column maps to a field the target has, value maps belong
 * to mapped columns, and every required field is filled by some column. Errors name the offending key.
 */
export function checkMappingRules(rules: ImportMappingRules): FieldError[] {
  const fields = IMPORT_FIELDS[rules.target];
  const known = Object.keys(fields);
  const errors: FieldError[] = [];
  for (const [column, field] of Object.entries(rules.columns)) {
    if (!(field in fields))
      errors.push({
        field: `columns.${column}`,
        message: `maps to ${field}, which is not a ${rules.target} field (${known.join(', ')})`,
      });
  }
  for (const column of Object.keys(rules.values)) {
    if (!(column in rules.columns))
      errors.push({ field: `values.${column}`, message: 'translates a column the mapping does not map' });
  }
  const mapped = new Set(Object.values(rules.columns));
  for (const [field, spec] of Object.entries(fields)) {
    if (spec.required && !mapped.has(field))
      errors.push({ field: 'columns', message: `no column fills ${field}, which every row needs` });
  }
  return errors;
}

/** A mapping applied to one file's header: for each OSM field, the indexes of the columns filling it. */
export interface MappingPlan {
  readonly rules: ImportMappingRules;
  readonly header: string[];
  readonly sources: Map<string, number[]>;
}

/**
 * Fits a mapping to a file's header. Refuses (naming `header.<column>`) a column the mapping does not
 * know unless it ignores those, a column given twice, and a required field none of whose columns is there.
 */
export function planMapping(
  rules: ImportMappingRules,
  header: string[],
  mappingName: string,
): { ok: true; plan: MappingPlan } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const sources = new Map<string, number[]>();
  header.forEach((column, index) => {
    if (header.indexOf(column) !== index) {
      errors.push({ field: `header.${column}`, message: 'appears twice' });
      return;
    }
    const field = rules.columns[column];
    if (field === undefined) {
      if (!rules.ignoreUnknownColumns)
        errors.push({ field: `header.${column}`, message: `is not a column of mapping ${mappingName}` });
      return;
    }
    sources.set(field, [...(sources.get(field) ?? []), index]);
  });
  for (const [field, spec] of Object.entries(IMPORT_FIELDS[rules.target])) {
    if (spec.required && !sources.has(field)) {
      const columns = Object.keys(rules.columns).filter((column) => rules.columns[column] === field);
      errors.push({
        field: `header.${columns.join('|')}`,
        message: `is missing: mapping ${mappingName} fills ${field} from it, and every row needs ${field}`,
      });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, plan: { rules, header, sources } };
}

export const ANY_OTHER_VALUE = '*';

/**
 * Looks a value up in a value map: exactly first, then ignoring case and surrounding spaces, then the
 * `*` entry; a value the map does not cover passes through.
 */
export function translateValue(map: Record<string, string> | undefined, value: string): string {
  if (!map) return value;
  if (value !== ANY_OTHER_VALUE && Object.prototype.hasOwnProperty.call(map, value)) return map[value];
  const wanted = value.trim().toLowerCase();
  const key = Object.keys(map).find(
    (candidate) => candidate !== ANY_OTHER_VALUE && candidate.trim().toLowerCase() === wanted,
  );
  if (key !== undefined) return map[key];
  return Object.prototype.hasOwnProperty.call(map, ANY_OTHER_VALUE) ? map[ANY_OTHER_VALUE] : value;
}

/**
 * One source row as OSM import cells (field → text; lists `;`-separated), empty fields left out. Values go
 * through the column's value map (a value mapped to "" is dropped); several columns of one field combine
 * as the field says: the first non-empty one, joined with a space (names), with line breaks (notes), or as
 * one list (tags; a source cell may itself hold a `;` or `,` separated list).
 */
export function mapRow(plan: MappingPlan, cells: string[]): Record<string, string> {
  const fields = IMPORT_FIELDS[plan.rules.target];
  const row: Record<string, string> = {};
  for (const [field, indexes] of plan.sources) {
    const combine = fields[field].combine;
    const values: string[] = [];
    for (const index of indexes) {
      const column = plan.header[index];
      const map = plan.rules.values[column];
      const raw = (cells[index] ?? '').trim();
      if (raw === '') continue;
      if (combine === 'list') {
        for (const item of raw.split(/[;,]/)) {
          const value = translateValue(map, item.trim()).trim();
          if (value !== '') values.push(value);
        }
      } else {
        const value = translateValue(map, raw).trim();
        if (value !== '') values.push(value);
      }
    }
    if (!values.length) continue;
    row[field] =
      combine === 'first'
        ? values[0]
        : combine === 'space'
          ? values.join(' ')
          : combine === 'lines'
            ? values.join('\n')
            : [...new Set(values)].join(';');
  }
  return row;
}

/** The source column(s) an OSM field came from, e.g. `First Name + Last Name`; the field itself if none. */
export function sourceColumnOf(plan: MappingPlan, field: string): string {
  const indexes = plan.sources.get(field);
  return indexes ? indexes.map((index) => plan.header[index]).join(' + ') : field;
}

/**
 * Renames the OSM field at the start of an error path (after an optional `rows.N.`) to its source
 * column: `rows.2.contactEmail` → `rows.2.Email`, `contactEmail is not valid` → `Email is not valid`.
 */
export function toSourceField(plan: MappingPlan, text: string): string {
  return text.replace(/^(rows\.\d+\.)?(\w+)/, (whole, prefix: string | undefined, field: string) =>
    plan.sources.has(field) ? `${prefix ?? ''}${sourceColumnOf(plan, field)}` : whole,
  );
}

/** How many field errors a refused batch lists at most. */
export const MAX_LISTED_ERRORS = 100;

/**
 * JSON records of another system as a header (every key, in order of first appearance) and text cells,
 * so they go through a mapping exactly as a CSV file's lines do. A row that is not an object, or a value
 * that is not text, a number, a boolean or null, is refused naming `rows.N` or `rows.N.<key>`.
 */
export function recordsToCells(
  rows: unknown[],
): { ok: true; header: string[]; cells: string[][] } | { ok: false; errors: FieldError[] } {
  const header: string[] = [];
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  rows.forEach((row, index) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      errors.push({ field: `rows.${index}`, message: 'must be an object' });
      return;
    }
    for (const [key, value] of Object.entries(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        header.push(key);
      }
      if (value !== null && !['string', 'number', 'boolean'].includes(typeof value))
        errors.push({ field: `rows.${index}.${key}`, message: 'must be a text, a number or a boolean' });
    }
  });
  if (errors.length) return { ok: false, errors: errors.slice(0, MAX_LISTED_ERRORS) };
  const cells = rows.map((row) =>
    header.map((key) => {
      // Checked above: text, a number, a boolean, null or absent.
      const value = (row as Record<string, string | number | boolean | null | undefined>)[key];
      return value === undefined || value === null ? '' : String(value);
    }),
  );
  return { ok: true, header, cells };
}
