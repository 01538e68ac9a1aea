import { VendorTier } from '../vendors/vendor-enums';
import {
  countMonth,
  effectiveGrade,
  type HeldGrade,
  overrideErrors,
  TIER_OF_GRADE,
} from './earned-grades.rules';
import { DEFAULT_GRADE_BANDS } from './scorecard-engine.rules';

// Bands A ≥ 85, B ≥ 70, C ≥ 50; margin 3: rising into A needs 88, falling out of B needs below 67.
const bands = DEFAULT_GRADE_BANDS;
const start: HeldGrade = { earned: null, lastBand: null, lastPeriodKey: null };
const months = (totals: (number | null)[]) =>
  totals.reduce<HeldGrade[]>((path, total, index) => {
    const held = path[path.length - 1] ?? start;
    return [...path, countMonth(held, { periodKey: `2026-0${index + 1}`, total }, bands)];
  }, []);

describe('earned grades', () => {
  it('gives the first scored month the band of its score', () => {
    expect(months([80])[0]).toEqual({ earned: 'B', lastBand: 'B', lastPeriodKey: '2026-01' });
  });

  it('keeps a grade that crosses a boundary once by less than the margin (80, 86.67, 80 stay B)', () => {
    expect(months([80, 86.67, 80]).map((held) => held.earned)).toEqual(['B', 'B', 'B']);
  });

  it('moves a grade beyond the boundary two months in a row (80, 86.67, 86.67 → A in March)', () => {
    expect(months([80, 86.67, 86.67]).map((held) => held.earned)).toEqual(['B', 'B', 'A']);
  });

  it('moves at once past the margin: 88 rises into A, 66.99 falls out of B, 40 falls to D', () => {
    expect(months([80, 88]).map((held) => held.earned)).toEqual(['B', 'A']);
    expect(months([80, 66.99]).map((held) => held.earned)).toEqual(['B', 'C']);
    expect(months([80, 67]).map((held) => held.earned)).toEqual(['B', 'B']);
    expect(months([80, 40]).map((held) => held.earned)).toEqual(['B', 'D']);
    // Falling from A needs below 85 − 3 = 82: 70 does at once.
    expect(months([90, 70]).map((held) => held.earned)).toEqual(['A', 'B']);
  });

  it('lets an unmeasured month keep the grade and break a run of two', () => {
    expect(months([80, 86.67, null, 86.67]).map((held) => held.earned)).toEqual(['B', 'B', 'B', 'B']);
  });

  it('never counts a month twice or an older month after a newer one', () => {
    const held: HeldGrade = { earned: 'B', lastBand: 'A', lastPeriodKey: '2026-03' };
    expect(countMonth(held, { periodKey: '2026-03', total: 86.67 }, bands)).toBe(held);
    expect(countMonth(held, { periodKey: '2026-02', total: 95 }, bands)).toBe(held);
  });

  it('lets an override stand through its expiry day, then falls back to the earned grade', () => {
    const override = {
      grade: 'A' as const,
      reason: 'Covering the key account alone',
      expiresOn: '2026-06-30',
    };
    expect(effectiveGrade('C', override, '2026-06-30')).toBe('A');
    expect(effectiveGrade('C', override, '2026-07-01')).toBe('C');
    expect(effectiveGrade('C', null, '2026-06-01')).toBe('C');
  });

  it('refuses an override without a reason or with an expiry that is not after today', () => {
    expect(overrideErrors({ reason: '  ', expiresOn: '2026-06-01' }, '2026-05-01')).toEqual([
      { field: 'reason', message: 'an override needs a reason' },
    ]);
    expect(overrideErrors({ reason: 'Why', expiresOn: '2026-05-01' }, '2026-05-01')).toHaveLength(1);
    expect(overrideErrors({ reason: 'Why', expiresOn: '2026-05-02' }, '2026-05-01')).toEqual([]);
  });

  it('maps grades to vendor tiers', () => {
    expect(TIER_OF_GRADE).toEqual({
      A: VendorTier.PLATINUM,
      B: VendorTier.GOLD,
      C: VendorTier.SILVER,
      D: VendorTier.BRONZE,
    });
  });
});
