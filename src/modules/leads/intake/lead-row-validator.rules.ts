import type { FieldError } from '../../../common/errors/domain.exception';
import { CompanySizeBand, LeadSource } from '../lead.enums';
import { INDUSTRY_CODE_PATTERN, TAG_PATTERN } from '../leads.dto';
import { REGION_CODE_PATTERN, regionCodeMessage } from '../../vendors/region-code';

/**
 * The shape rules of `LeadInputDto`, checked by hand for bulk imports: class-validator costs about a
 * millisecond per nested row, which a 10 000-row import cannot afford. The same rules as the DTO's
 * decorators (a unit test holds the two to the same answers); the DTO still documents the row.
 */
type Check = (value: unknown) => string | null;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

const text =
  (max: number, min = 0): Check =>
  (value) =>
    typeof value !== 'string'
      ? 'must be a string'
      : value.length > max
        ? `must be at most ${max} characters`
        : value.length < min
          ? `must be at least ${min} characters`
          : null;

const matching =
  (pattern: RegExp, message: string): Check =>
  (value) =>
    typeof value === 'string' && pattern.test(value) ? null : message;

const oneOf =
  (values: readonly string[]): Check =>
  (value) =>
    typeof value === 'string' && values.includes(value) ? null : `must be one of ${values.join(', ')}`;

const list =
  (max: number, item: Check): Check =>
  (value) => {
    if (!Array.isArray(value)) return 'must be an array';
    if (value.length > max) return `must contain at most ${max} elements`;
    for (const element of value) {
      const problem = item(element);
      if (problem) return `each value ${problem}`;
    }
    return null;
  };

const CONTACT_RULES: Record<string, Check> = {
  name: text(200),
  phone: text(40),
  email: text(254),
  title: text(200),
};

const ROW_RULES: Record<string, Check> = {
  companyName: text(300, 1),
  taxId: text(40),
  industryCode: matching(INDUSTRY_CODE_PATTERN, 'industryCode must be a lower-case code like manufacturing'),
  sizeBand: oneOf(Object.values(CompanySizeBand)),
  regionCode: matching(REGION_CODE_PATTERN, regionCodeMessage('regionCode')),
  registeredCapitalMinor: (value) =>
    typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
      ? null
      : 'must be a whole number of at least 0',
  registeredCapitalCurrency: (value) =>
    typeof value === 'string' && CURRENCIES.has(value) ? null : 'must be an ISO 4217 currency code',
  website: text(300),
  needs: text(4000),
  productLineIds: list(20, matching(UUID, 'must be a UUID')),
  source: oneOf(Object.values(LeadSource)),
  sourceCampaign: text(200),
  sourceReferrer: text(200),
  tags: list(20, matching(TAG_PATTERN, 'is 1–50 characters without , ; or line breaks')),
};

function checkObject(value: unknown, rules: Record<string, Check>, path: string, errors: FieldError[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors.push({ field: path, message: 'must be an object' });
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(key in rules) && key !== 'contacts')
      errors.push({ field: `${path}.${key}`, message: 'should not exist' });
  }
  for (const [key, check] of Object.entries(rules)) {
    const field = record[key];
    if (field === undefined || field === null) {
      if (key === 'companyName' && rules === ROW_RULES)
        errors.push({ field: `${path}.${key}`, message: 'is required' });
      continue;
    }
    const problem = check(field);
    if (problem) errors.push({ field: `${path}.${key}`, message: problem });
  }
}

/** Shape errors of bulk rows as `rows.N.field`; stops after `maxErrors`. */
export function validateLeadRows(rows: unknown[], maxErrors = 100): FieldError[] {
  const errors: FieldError[] = [];
  for (const [index, row] of rows.entries()) {
    const path = `rows.${index}`;
    checkObject(row, ROW_RULES, path, errors);
    const contacts = (row as { contacts?: unknown } | null)?.contacts;
    if (contacts !== undefined && contacts !== null) {
      if (!Array.isArray(contacts)) errors.push({ field: `${path}.contacts`, message: 'must be an array' });
      else if (contacts.length > 10)
        errors.push({ field: `${path}.contacts`, message: 'must contain at most 10 elements' });
      else
        contacts.forEach((contact, i) =>
          checkObject(contact, CONTACT_RULES, `${path}.contacts.${i}`, errors),
        );
    }
    if (errors.length >= maxErrors) break;
  }
  return errors;
}
