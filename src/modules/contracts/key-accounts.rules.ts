/** Key-account classes by trailing-12-month revenue (80/20). */
export type KeyAccountClass = 'A' | 'B' | 'C';

/** A: the top customers making 80 % of the revenue; B: the next ones up to 95 %; C: the rest. */
export const KEY_ACCOUNT_SHARES = { a: 0.8, b: 0.95 } as const;

/**
 * Classifies customers by revenue in one currency. Largest first (ties by id); a customer is A while the
 * revenue of the customers above it is still below 80 % of the total, B while below 95 %, else C. No
 * revenue (or a refund balance) is C; with no revenue at all everyone is C.
 */
export function classifyKeyAccounts(
  rows: readonly { customerId: string; revenueMinor: number }[],
): Map<string, KeyAccountClass> {
  const total = rows.reduce((sum, row) => sum + Math.max(0, row.revenueMinor), 0);
  const sorted = [...rows].sort(
    (a, b) => b.revenueMinor - a.revenueMinor || a.customerId.localeCompare(b.customerId),
  );
  const classes = new Map<string, KeyAccountClass>();
  let before = 0;
  for (const row of sorted) {
    if (row.revenueMinor <= 0 || total === 0) classes.set(row.customerId, 'C');
    else if (before < KEY_ACCOUNT_SHARES.a * total) classes.set(row.customerId, 'A');
    else if (before < KEY_ACCOUNT_SHARES.b * total) classes.set(row.customerId, 'B');
    else classes.set(row.customerId, 'C');
    before += Math.max(0, row.revenueMinor);
  }
  return classes;
}
