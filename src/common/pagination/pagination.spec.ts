import { DomainException } from '../errors/domain.exception';
import { decodeCursor, encodeCursor } from './pagination';

describe('cursor', () => {
  it('round-trips the keyset values of the last row', () => {
    const values = ['2026-11-23T10:00:00.123Z', 'f3c1a1de-0000-4000-8000-000000000001'];
    expect(decodeCursor(encodeCursor(values), 2)).toEqual(values);
  });

  it('refuses a cursor that is not one of ours', () => {
    expect(() => decodeCursor('garbage', 2)).toThrow(DomainException);
    expect(() => decodeCursor(encodeCursor(['a']), 2)).toThrow(DomainException);
    expect(() => decodeCursor(Buffer.from('{"a":1}').toString('base64url'), 1)).toThrow(DomainException);
  });

  it('refuses a cursor handed out by another list', () => {
    const values = ['2026-11-23T10:00:00.123Z', 'f3c1a1de-0000-4000-8000-000000000001'];
    expect(decodeCursor(encodeCursor(values, 'users'), 2, 'users')).toEqual(values);
    expect(() => decodeCursor(encodeCursor(values, 'users'), 2, 'vendors')).toThrow(DomainException);
  });
});
