/**
 * From a rep's monthly target to today's plan, with no I/O. The funnel is calls → visits → negotiations →
 * won; its step rates come from the rep's own history when they have won at least `minWon` deals in the
 * window, else from their vendor's, else the company's. What is still missing of the target (in won deals:
 * the money gap over the average deal size for money targets) is walked back up the funnel and spread over
 * the working days left, rounded up — a plan a rep can act on.
 */

export interface FunnelHistory {
  calls: number;
  visits: number;
  negotiations: number;
  won: number;
}

export type RateSource = 'rep' | 'vendor' | 'company';

export interface FunnelRates {
  source: RateSource;
  /** visits per call, negotiations per visit, won per negotiation */
  visitsPerCall: number;
  negotiationsPerVisit: number;
  wonPerNegotiation: number;
}

export interface ActivityPlan {
  rates: FunnelRates | null;
  wonNeeded: number;
  negotiationsNeeded: number;
  visitsNeeded: number;
  callsNeeded: number;
  workingDaysLeft: number;
  perDay: { calls: number; visits: number; negotiations: number } | null;
}

function ratesOf(history: FunnelHistory, source: RateSource): FunnelRates | null {
  if (!history.calls || !history.visits || !history.negotiations || !history.won) return null;
  return {
    source,
    visitsPerCall: history.visits / history.calls,
    negotiationsPerVisit: history.negotiations / history.visits,
    wonPerNegotiation: history.won / history.negotiations,
  };
}

/** The first level with enough history: the rep's own (at least `minWon` won), then the vendor's, then the company's. */
export function chooseRates(
  rep: FunnelHistory,
  vendor: FunnelHistory,
  company: FunnelHistory,
  minWon: number,
): FunnelRates | null {
  if (rep.won >= minWon) {
    const own = ratesOf(rep, 'rep');
    if (own) return own;
  }
  if (vendor.won >= minWon) {
    const vendorRates = ratesOf(vendor, 'vendor');
    if (vendorRates) return vendorRates;
  }
  return ratesOf(company, 'company');
}

export function planActivities(
  wonNeeded: number,
  rates: FunnelRates | null,
  workingDaysLeft: number,
): ActivityPlan {
  const won = Math.max(0, Math.ceil(wonNeeded));
  if (!rates)
    return {
      rates,
      wonNeeded: won,
      negotiationsNeeded: 0,
      visitsNeeded: 0,
      callsNeeded: 0,
      workingDaysLeft,
      perDay: null,
    };
  const negotiationsNeeded = Math.ceil(won / rates.wonPerNegotiation);
  const visitsNeeded = Math.ceil(negotiationsNeeded / rates.negotiationsPerVisit);
  const callsNeeded = Math.ceil(visitsNeeded / rates.visitsPerCall);
  const perDay =
    workingDaysLeft > 0
      ? {
          calls: Math.ceil(callsNeeded / workingDaysLeft),
          visits: Math.ceil(visitsNeeded / workingDaysLeft),
          negotiations: Math.ceil(negotiationsNeeded / workingDaysLeft),
        }
      : null;
  return { rates, wonNeeded: won, negotiationsNeeded, visitsNeeded, callsNeeded, workingDaysLeft, perDay };
}

/** Won deals still needed: a count target directly; a money target as the gap over the average deal size. */
export function wonDealsNeeded(
  target: number,
  actual: number,
  averageDealMinor: number | null,
  money: boolean,
): number {
  const gap = Math.max(0, target - actual);
  if (!money) return gap;
  if (!averageDealMinor || averageDealMinor <= 0) return 0;
  return Math.ceil(gap / averageDealMinor);
}
