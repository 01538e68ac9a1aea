import { minorDigits, roundMinor } from '../../common/money/money';

/** One rate used for a conversion, named so every converted figure says which rate and day it used. */
export interface RateUsed {
  fromCurrency: string;
  toCurrency: string;
  rateOn: string;
  rate: number;
}

/**
 * Converts an amount in minor units of `from` into minor units of `to` at `rate` (major units:
 * 1 from = rate to), rounding half away from zero. 1 000.00 CNY (100000) at 50.5 HUF/CNY is
 * 50 500.00 HUF (5050000); 1 000 JPY (1000) at 0.0475 CNY/JPY is 47.50 CNY (4750).
 */
export function convertMinor(amountMinor: number, from: string, to: string, rate: number): number {
  const major = amountMinor / 10 ** minorDigits(from);
  return roundMinor(major * rate * 10 ** minorDigits(to));
}
