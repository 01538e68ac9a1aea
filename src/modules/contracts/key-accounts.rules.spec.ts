import { classifyKeyAccounts } from './key-accounts.rules';

describe('key accounts (80/20)', () => {
  it('A are the top customers making 80 % of the revenue, B the next up to 95 %, C the rest', () => {
    // Total 1 000: p 500 (0 before → A), q 250 (500 < 800 → A), r 100 (750 < 800 → A),
    // s 80 (850 ≥ 800, < 950 → B), t 50 (930 < 950 → B), u 20 (980 → C), v 0 → C.
    const classes = classifyKeyAccounts([
      { customerId: 'u', revenueMinor: 20 },
      { customerId: 'p', revenueMinor: 500 },
      { customerId: 's', revenueMinor: 80 },
      { customerId: 'q', revenueMinor: 250 },
      { customerId: 'v', revenueMinor: 0 },
      { customerId: 't', revenueMinor: 50 },
      { customerId: 'r', revenueMinor: 100 },
    ]);
    expect(Object.fromEntries(classes)).toEqual({ p: 'A', q: 'A', r: 'A', s: 'B', t: 'B', u: 'C', v: 'C' });
  });

  it('one customer with all the revenue is the only A; nobody with revenue makes everyone C', () => {
    expect(
      Object.fromEntries(
        classifyKeyAccounts([
          { customerId: 'x', revenueMinor: 900 },
          { customerId: 'y', revenueMinor: 100 },
        ]),
      ),
    ).toEqual({ x: 'A', y: 'B' });
    expect(Object.fromEntries(classifyKeyAccounts([{ customerId: 'z', revenueMinor: 0 }]))).toEqual({
      z: 'C',
    });
  });
});
