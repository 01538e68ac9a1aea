import { earnedTagsOf, windowStart } from './earned-tags.rules';

describe('Tags earned from wins', () => {
  it('earns a tag for an industry or product line with at least N won deals, not below', () => {
    const earned = earnedTagsOf(
      [
        { repId: 'r1', tag: 'industry:manufacturing', won: 2 },
        { repId: 'r1', tag: 'industry:manufacturing', won: 1 }, // 3 in all: earned
        { repId: 'r1', tag: 'line:industrial-sensors', won: 2 }, // 2 < 3: not earned
        { repId: 'r2', tag: 'line:flow-valves', won: 4 },
        { repId: 'r3', tag: 'industry:retail', won: 1 },
      ],
      3,
    );
    expect(earned).toEqual(
      new Map([
        ['r1', ['industry:manufacturing']],
        ['r2', ['line:flow-valves']],
      ]),
    );
  });

  it('counts the trailing twelve months up to and including today', () => {
    expect(windowStart('2026-12-02', 12)).toBe('2025-12-03');
    expect(windowStart('2026-03-31', 1)).toBe('2026-03-01'); // 28 February 2026 is clamped, then the day after
    expect(windowStart('2028-02-29', 12)).toBe('2027-03-01');
  });
});
