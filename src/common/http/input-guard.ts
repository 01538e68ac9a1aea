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

/** Either character {@link textProblem} refuses could be there: a NUL or any surrogate (most texts hold neither). */
// eslint-disable-next-line no-control-regex -- U+0000 is what is looked for
const SUSPECT = /[\u0000\uD800-\uDFFF]/;

/**
 * Why a text cannot be stored: PostgreSQL `text` holds no U+0000, and a lone UTF-16 surrogate is no
 * character at all (it cannot be encoded as UTF-8). Refused rather than stripped, so nobody's data is
 * silently changed.
 */
function textProblem(text: string): string | undefined {
  if (!SUSPECT.test(text)) return undefined;
  if (text.includes(NUL)) return 'contains the NUL character (U+0000), which text may not hold';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate, which is not a character';
  return undefined;
}

const join = (parent: string, key: string): string => (parent ? `${parent}.${key}` : key);

/** What was found, with the keys leading to it from the innermost out (the path is built only when found). */
interface Found {
  code: ErrorCode;
  message: string;
  keysInsideOut: string[];
}

function findUnsafe(value: unknown, depth: number): Found | undefined {
  if (typeof value === 'string') {
    const message = textProblem(value);
    return message ? { code: ErrorCode.TEXT_INVALID_CHARACTER, message, keysInsideOut: [] } : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth >= MAX_INPUT_DEPTH) {
    return {
      code: ErrorCode.INPUT_NESTED_TOO_DEEP,
      message: `nests deeper than ${MAX_INPUT_DEPTH} levels`,
      keysInsideOut: [],
    };
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      if (!(index in value)) continue;
      const found = findUnsafe(value[index], depth + 1);
      if (found) {
        found.keysInsideOut.push(String(index));
        return found;
      }
    }
    return undefined;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const keyMessage = textProblem(key);
    if (keyMessage)
      return { code: ErrorCode.TEXT_INVALID_CHARACTER, message: keyMessage, keysInsideOut: ['(key)'] };
    const found = findUnsafe(record[key], depth + 1);
    if (found) {
      found.keysInsideOut.push(key);
      return found;
    }
  }
  return undefined;
}

/**
 * The first part of a parsed request input (body, query, path parameters) that no route may receive:
 * nesting past {@link MAX_INPUT_DEPTH}, or a text (value or key) PostgreSQL cannot store. Recursion stops
 * at the depth limit, so the walk itself is bounded.
 */
export function findUnsafeInput(value: unknown, field = '', depth = 0): UnsafeInput | undefined {
  const found = findUnsafe(value, depth);
  if (!found) return undefined;
  const path = found.keysInsideOut.reduceRight(join, field);
  return { code: found.code, field: path || 'body', message: found.message };
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
