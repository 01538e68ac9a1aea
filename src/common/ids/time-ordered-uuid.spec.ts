import { isUUID } from 'class-validator';
import { timeOrderedUuid } from './time-ordered-uuid';

describe('timeOrderedUuid', () => {
  it('new leads get time-ordered ids: each id sorts after the one made before it, within a millisecond too', () => {
    const ids = Array.from({ length: 10_000 }, () => timeOrderedUuid(1_790_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(isUUID(id, 7)).toBe(true);
  });

  it('carries the time of day it was made and never goes back when the clock does', () => {
    const first = timeOrderedUuid(1_800_000_000_000);
    expect(parseInt(first.replace(/-/g, '').slice(0, 12), 16)).toBe(1_800_000_000_000);
    const afterStepBack = timeOrderedUuid(1_799_999_999_000);
    expect(afterStepBack > first).toBe(true);
    expect(timeOrderedUuid(1_800_000_000_500) > afterStepBack).toBe(true);
  });
});
