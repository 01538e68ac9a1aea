/**
 * Money is an integer amount of minor units with an ISO 4217 currency. Amounts of different
 * currencies are never added: totals are kept per currency, and a conversion names its rate.
 *
 * Minor units follow ISO 4217 exponents (CNY, EUR, USD, HUF: 2; JPY, KRW: 0). HUF keeps ISO's 2
 * digits so that data exchanged with banks and ERPs round-trips, while `roundToCashUnit` rounds
 * amounts that are paid out (commissions, fees) to whole forints, as HUF is priced and paid in practice.
 */

export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

const ZERO_DIGIT = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'UGX', 'XAF', 'XOF', 'PYG']);
const THREE_DIGIT = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND', 'IQD', 'LYD']);
/** Currencies whose smallest coin or note is a whole unit although ISO 4217 gives them minor digits. */
const WHOLE_UNIT_CASH = new Set(['HUF']);

export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

export function minorDigits(currency: string): number {
  if (ZERO_DIGIT.has(currency)) return 0;
  if (THREE_DIGIT.has(currency)) return 3;
  return 2;
}

/** Rounds a fractional minor amount half away from zero to a whole minor unit. */
export function roundMinor(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

/** Rounds a payable amount to what can actually be paid: whole forints for HUF, minor units elsewhere. */
export function roundToCashUnit(amountMinor: number, currency: string): number {
  if (!WHOLE_UNIT_CASH.has(currency)) return roundMinor(amountMinor);
  const unit = 10 ** minorDigits(currency);
  return roundMinor(amountMinor / unit) * unit;
}

/** Totals per currency, in the order currencies were first seen; never one sum across currencies. */
export function totalsByCurrency(amounts: readonly Money[]): Money[] {
  const totals = new Map<string, number>();
  for (const { amountMinor, currency } of amounts) {
    totals.set(currency, (totals.get(currency) ?? 0) + amountMinor);
  }
  return [...totals].map(([currency, amountMinor]) => ({ currency, amountMinor }));
}

/**
 * Splits an amount into parts proportional to the weights so that the parts add up exactly
 * (largest remainder; ties go to the earlier part). Used wherever a total is spread over children.
 */
export function allocateProportionally(total: number, weights: readonly number[]): number[] {
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  if (weights.length === 0) return [];
  if (weightSum <= 0) throw new RangeError('Weights must have a positive sum');
  const exact = weights.map((weight) => (total * weight) / weightSum);
  const floors = exact.map((value) => Math.floor(value));
  let remainder = total - floors.reduce((sum, value) => sum + value, 0);
  const order = exact
    .map((value, index) => ({ index, fraction: value - Math.floor(value) }))
    .sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  for (const { index } of order) {
    if (remainder <= 0) break;
    floors[index] += 1;
    remainder -= 1;
  }
  return floors;
}
