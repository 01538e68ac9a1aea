import { allocateProportionally, minorDigits, roundToCashUnit, totalsByCurrency } from './money';

describe('Money', () => {
  it('keeps one total per currency and never adds across currencies', () => {
    expect(
      totalsByCurrency([
        { amountMinor: 100, currency: 'CNY' },
        { amountMinor: 5000, currency: 'HUF' },
        { amountMinor: 250, currency: 'CNY' },
      ]),
    ).toEqual([
      { currency: 'CNY', amountMinor: 350 },
      { currency: 'HUF', amountMinor: 5000 },
    ]);
  });

  it('uses ISO 4217 minor digits and pays HUF in whole forints', () => {
    expect(minorDigits('CNY')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('HUF')).toBe(2);
    expect(roundToCashUnit(123_450, 'HUF')).toBe(123_500); // 1 234.50 Ft → 1 235 Ft
    expect(roundToCashUnit(123_449, 'HUF')).toBe(123_400);
    expect(roundToCashUnit(1234.5, 'CNY')).toBe(1235);
    expect(roundToCashUnit(-1234.5, 'CNY')).toBe(-1235);
  });

  it('allocates a total proportionally so that the parts add up exactly', () => {
    expect(allocateProportionally(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateProportionally(1000, [50, 30, 20])).toEqual([500, 300, 200]);
    expect(allocateProportionally(7, [1, 2])).toEqual([2, 5]);
    expect(() => allocateProportionally(10, [0, 0])).toThrow(RangeError);
  });
});
