import { ErrorCode } from '../errors/error-codes';
import { findUnsafeInput, MAX_INPUT_DEPTH } from './input-guard';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = [value];
  return value;
};

describe('input guard', () => {
  it('lets through input nested exactly to the limit and refuses one level more', () => {
    expect(findUnsafeInput(nested(MAX_INPUT_DEPTH))).toBeUndefined();
    expect(findUnsafeInput(nested(MAX_INPUT_DEPTH + 1))).toMatchObject({
      code: ErrorCode.INPUT_NESTED_TOO_DEEP,
    });
  });

  it('walks a 100 000-deep value without overflowing (it stops at the limit)', () => {
    expect(findUnsafeInput(nested(100_000))?.code).toBe(ErrorCode.INPUT_NESTED_TOO_DEEP);
  });

  it('names the field of a NUL character, in values and in keys', () => {
    expect(findUnsafeInput({ rows: [{ name: 'a\u0000' }] })).toMatchObject({
      code: ErrorCode.TEXT_INVALID_CHARACTER,
      field: 'rows.0.name',
    });
    expect(findUnsafeInput({ 'k\u0000': 1 })?.field).toBe('(key)');
  });

  it('refuses lone surrogates, high or low, and keeps surrogate pairs', () => {
    expect(findUnsafeInput('a\ud800')?.code).toBe(ErrorCode.TEXT_INVALID_CHARACTER);
    expect(findUnsafeInput('\udc00a')?.code).toBe(ErrorCode.TEXT_INVALID_CHARACTER);
    expect(findUnsafeInput('𠮷 🚀 华为 Kovács')).toBeUndefined();
  });
});
