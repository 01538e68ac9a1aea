import { DomainException } from '../errors/domain.exception';
import { etagOf, parseIfMatch } from './etag';

describe('If-Match', () => {
  it('reads strong, weak and bare version tags', () => {
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch('W/"3"')).toBe(3);
    expect(parseIfMatch('3')).toBe(3);
    expect(parseIfMatch(etagOf(12))).toBe(12);
  });

  it('treats an absent header and * as no precondition', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('*')).toBeUndefined();
  });

  it('refuses anything else with a validation error', () => {
    expect(() => parseIfMatch('"abc"')).toThrow(DomainException);
  });
});
