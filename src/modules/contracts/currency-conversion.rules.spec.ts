import { convertMinor } from './currency-conversion.rules';

describe('currency conversion', () => {
  it('converts minor units through major units at the rate, each currency keeping its own minor digits', () => {
    // 1 000.00 CNY at 50.5 HUF per CNY = 50 500.00 HUF (HUF keeps ISO 4217's 2 digits).
    expect(convertMinor(100000, 'CNY', 'HUF', 50.5)).toBe(5050000);
    // 1 000 JPY (0 digits) at 0.0475 CNY per JPY = 47.50 CNY.
    expect(convertMinor(1000, 'JPY', 'CNY', 0.0475)).toBe(4750);
    // 0.01 EUR at 7.775 CNY per EUR = 0.07775 CNY → 0.08 CNY (half away from zero).
    expect(convertMinor(1, 'EUR', 'CNY', 7.775)).toBe(8);
    expect(convertMinor(-1, 'EUR', 'CNY', 7.775)).toBe(-8);
  });
});
