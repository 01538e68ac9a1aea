import { chooseRates, planActivities, wonDealsNeeded } from './activity-plan.rules';

const none = { calls: 0, visits: 0, negotiations: 0, won: 0 };

describe('activity plan', () => {
  it('walks the missing wins back up the rep’s own funnel and spreads it over the working days left', () => {
    // 400 calls → 80 visits → 20 negotiations → 5 won: 1 visit per 5 calls, 1 negotiation per 4 visits, 1 win per 4.
    const rates = chooseRates({ calls: 400, visits: 80, negotiations: 20, won: 5 }, none, none, 5);
    expect(rates?.source).toBe('rep');
    // 3 wins → 12 negotiations → 48 visits → 240 calls, over 8 days: 30 calls, 6 visits, 2 negotiations a day.
    expect(planActivities(3, rates, 8)).toMatchObject({
      negotiationsNeeded: 12,
      visitsNeeded: 48,
      callsNeeded: 240,
      perDay: { calls: 30, visits: 6, negotiations: 2 },
    });
  });

  it('falls back to the vendor’s rates, then the company’s, when the rep has too little history', () => {
    const thin = { calls: 50, visits: 10, negotiations: 2, won: 1 };
    const vendor = { calls: 1000, visits: 100, negotiations: 40, won: 10 };
    expect(chooseRates(thin, vendor, vendor, 5)?.source).toBe('vendor');
    expect(chooseRates(thin, thin, vendor, 5)?.source).toBe('company');
  });

  it('turns a money gap into deals by the average deal size', () => {
    expect(wonDealsNeeded(1_000_000, 400_000, 250_000, true)).toBe(3);
    expect(wonDealsNeeded(10, 12, null, false)).toBe(0);
  });
});
