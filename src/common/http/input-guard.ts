import { DomainException } from '../errors/domain.exception';
import { ErrorCode } from '../errors/error-codes';

/**
 * How deep a request body or query may nest. The deepest document the API defines is four levels
 * (`rows.0.contacts.0.email`); past this the validation layer would recurse for nothing (and, thousands
 * deep, overflow its stack), so the request is refused before any of it runs.
 */
export const MAX_INPUT_DEPTH = 20;

export interface UnsafeInput {
  code: ErrorCode;
  field: string;
  message: string;
}

const NUL = '\u0000';
/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a text cannot be stored: PostgreSQL `text` holds no U+0000, and a lone UTF-16 surrogate is no
 * character at all (it cannot be encoded as UTF-8). Refused rather than stripped, so nobody's data is
 * silently changed.
 */
function textProblem(text: string): string | undefined {
  if (text.includes(NUL)) return 'contains the NUL character (U+0000), which text may not hold';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate, which is not a character';
  return undefined;
}

const join = (parent: string, key: string): string => (parent ? `${parent}.${key}` : key);

/**
 * The first part of a parsed request input (body, query, path parameters) that no route may receive:
 * nesting past {@link MAX_INPUT_DEPTH}, or a text (value or key) PostgreSQL cannot store. Recursion stops
 * at the depth limit, so the walk itself is bounded.
 */
export function findUnsafeInput(value: unknown, field = '', depth = 0): UnsafeInput | undefined {
  if (typeof value === 'string') {
    const message = textProblem(value);
    return message ? { code: ErrorCode.TEXT_INVALID_CHARACTER, field: field || 'body', message } : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth >= MAX_INPUT_DEPTH) {
    return {
      code: ErrorCode.INPUT_NESTED_TOO_DEEP,
      field: field || 'body',
      message: `nests deeper than ${MAX_INPUT_DEPTH} levels`,
    };
  }
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : Object.entries(value);
  for (const [key, item] of entries) {
    const keyMessage = textProblem(key);
    if (keyMessage) {
      return { code: ErrorCode.TEXT_INVALID_CHARACTER, field: join(field, '(key)'), message: keyMessage };
    }
    const found = findUnsafeInput(item, join(field, key), depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Throws the 400 for the first unsafe part of the inputs, named by where it was found. */
export function refuseUnsafeInput(inputs: { body?: unknown; query?: unknown; params?: unknown }): void {
  for (const [where, value] of Object.entries(inputs)) {
    const found = findUnsafeInput(value);
    if (!found) continue;
    const field = where === 'body' ? found.field : `${where}.${found.field}`;
    const detail =
      found.code === ErrorCode.INPUT_NESTED_TOO_DEEP
        ? `The request nests deeper than ${MAX_INPUT_DEPTH} levels`
        : 'The request holds text that cannot be stored (a NUL character or a lone surrogate)';
    throw new DomainException(found.code, detail, [{ field, message: found.message }]);
  }
}
