/**
 * Pricing rules of a contract line (pure, no I/O).
 *
 * - line total = quantity × unit price × (10 000 − discount bps) / 10 000, rounded half up to a minor unit;
 * - a line is below the floor when its total is under quantity × unit floor (for a bundle the floor is the
 *   sum of its members' floors): the net price per unit, after discount, is what must not undercut it.
 */
export function lineTotalMinor(quantity: number, unitPriceMinor: number, discountBps: number): number {
  const gross = BigInt(quantity) * BigInt(unitPriceMinor) * BigInt(10_000 - discountBps);
  return Number((gross + 5_000n) / 10_000n);
}

export function isBelowFloor(quantity: number, lineTotal: number, unitFloorMinor: number): boolean {
  return lineTotal < quantity * unitFloorMinor;
}

/** Credit shares must add up to exactly 100 % (10 000 bps). */
export const FULL_SHARE_BPS = 10_000;
