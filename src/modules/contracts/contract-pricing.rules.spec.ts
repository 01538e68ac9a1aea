import { isBelowFloor, lineTotalMinor } from './contract-pricing.rules';

describe('contract line pricing', () => {
  it('computes quantity × price less the discount, rounded half up', () => {
    // 3 × 333.33 = 999.99, less 5 % = 949.9905 → 949.99
    expect(lineTotalMinor(3, 33333, 500)).toBe(94999);
    // 1 × 0.01 less 50 % = 0.005 → rounds up to 0.01
    expect(lineTotalMinor(1, 1, 5000)).toBe(1);
    expect(lineTotalMinor(10, 120000, 0)).toBe(1200000);
    expect(lineTotalMinor(2, 5000, 10000)).toBe(0);
  });

  it('judges the net unit price against the floor', () => {
    // 10 × 1 000.00 less 5 % = 9 500.00 against a floor of 10 × 990.00 = 9 900.00
    expect(isBelowFloor(10, lineTotalMinor(10, 100000, 500), 99000)).toBe(true);
    expect(isBelowFloor(10, lineTotalMinor(10, 100000, 100), 99000)).toBe(false);
    expect(isBelowFloor(10, 990000, 99000)).toBe(false);
  });
});
