/**
 * The KPIs and service levels an agreement holds its vendor to, and how a month's actuals are judged
 * against them. Pure: the scheduler's `agreement_kpi` check gathers the facts and calls these.
 */
import { addDays, localDateIn, zonedInstant, type LocalDate } from '../../common/calendar/working-days';

/** What an agreement may promise. Each clause is optional; null or absent means "not agreed". */
export interface AgreementKpiClauses {
  /** Calls and visits reported against the reps' quotas, percent 0–100, over the month. */
  minCallCompliancePercent?: number | null;
  /** An assigned lead gets its first touch within this many working hours of the rep's calendar. */
  firstResponseHours?: number | null;
  /** A lead whose first response is overdue is routed to another eligible rep. */
  rerouteOnBreach?: boolean | null;
  /** Leads taken in during the month that are won, percent 0–100. */
  minConversionPercent?: number | null;
  /** Average customer satisfaction answer of the month, 1–5. */
  minCsat?: number | null;
}

export enum AgreementKpi {
  MIN_CALL_COMPLIANCE = 'min_call_compliance',
  FIRST_RESPONSE_HOURS = 'first_response_hours',
  MIN_CONVERSION = 'min_conversion',
  MIN_CSAT = 'min_csat',
}

/** Checked beside the field limits: rerouting needs a first-response clause to be breached. */
export function kpiClauseErrors(clauses: AgreementKpiClauses): { field: string; message: string }[] {
  if (clauses.rerouteOnBreach && !clauses.firstResponseHours)
    return [{ field: 'kpis.rerouteOnBreach', message: 'needs kpis.firstResponseHours' }];
  return [];
}

/** True when the agreement has a clause the monthly check measures (not the first-response SLA). */
export const hasMonthlyKpi = (clauses: AgreementKpiClauses): boolean =>
  clauses.minCallCompliancePercent != null || clauses.minConversionPercent != null || clauses.minCsat != null;

/** One vendor's facts for a month, summed over its reps. */
export interface VendorMonthFacts {
  /** Calls and visits done, counted only for reps with a quota. */
  reportsDone: number;
  /** What the quotas expected; 0 when no rep had a quota. */
  reportsExpected: number;
  leadsTakenIn: number;
  leadsWon: number;
  csatAnswers: number;
  csatRatingTotal: number;
}

export interface VendorMonthActuals {
  /** null when nothing was expected (no quota): nothing to breach. */
  callCompliancePercent: number | null;
  /** null without leads taken in. */
  conversionPercent: number | null;
  /** null without answers. */
  csatAverage: number | null;
}

export const EMPTY_FACTS: VendorMonthFacts = {
  reportsDone: 0,
  reportsExpected: 0,
  leadsTakenIn: 0,
  leadsWon: 0,
  csatAnswers: 0,
  csatRatingTotal: 0,
};

/** Sums rep facts per vendor: facts of reps with no vendor are dropped. */
export function sumFactsByVendor(
  rows: readonly ({ vendorId: string | null } & Partial<VendorMonthFacts>)[],
): Map<string, VendorMonthFacts> {
  const byVendor = new Map<string, VendorMonthFacts>();
  for (const row of rows) {
    if (!row.vendorId) continue;
    const sum = byVendor.get(row.vendorId) ?? { ...EMPTY_FACTS };
    for (const key of Object.keys(EMPTY_FACTS) as (keyof VendorMonthFacts)[]) sum[key] += row[key] ?? 0;
    byVendor.set(row.vendorId, sum);
  }
  return byVendor;
}

export function monthActuals(facts: VendorMonthFacts): VendorMonthActuals {
  return {
    callCompliancePercent:
      facts.reportsExpected > 0 ? (100 * facts.reportsDone) / facts.reportsExpected : null,
    conversionPercent: facts.leadsTakenIn > 0 ? (100 * facts.leadsWon) / facts.leadsTakenIn : null,
    csatAverage: facts.csatAnswers > 0 ? facts.csatRatingTotal / facts.csatAnswers : null,
  };
}

export interface KpiBreach {
  kpi: AgreementKpi;
  threshold: number;
  /** Rounded to two decimals for display; the comparison uses the exact value. */
  actual: number;
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

/**
 * The clauses the month's actuals fall short of: strictly below the minimum is a breach, exactly on it
 * is kept. A clause without a measurable actual (no quota, no leads, no answers) is not judged.
 */
export function monthlyKpiBreaches(clauses: AgreementKpiClauses, actuals: VendorMonthActuals): KpiBreach[] {
  const checks: [AgreementKpi, number | null | undefined, number | null][] = [
    [AgreementKpi.MIN_CALL_COMPLIANCE, clauses.minCallCompliancePercent, actuals.callCompliancePercent],
    [AgreementKpi.MIN_CONVERSION, clauses.minConversionPercent, actuals.conversionPercent],
    [AgreementKpi.MIN_CSAT, clauses.minCsat, actuals.csatAverage],
  ];
  return checks.flatMap(([kpi, threshold, actual]) =>
    threshold != null && actual !== null && actual < threshold
      ? [{ kpi, threshold, actual: round2(actual) }]
      : [],
  );
}

export interface KpiMonth {
  /** `YYYY-MM` of the vendor's own calendar: the period a breach is stored under. */
  key: string;
  /** Local dates: the first day, the first day of the next month, the last day. */
  start: LocalDate;
  end: LocalDate;
  last: LocalDate;
  /** The month as instants, [startsAt, endsAt): local midnight of `start` and of `end` in the zone. */
  startsAt: Date;
  endsAt: Date;
}

/**
 * The last full month before `asOf` on the vendor's own calendar (its IANA time zone): at 2026-11-30T16:30Z
 * it is already 1 December in Shanghai, so November is over there; a report at 2026-10-31T17:30Z falls on
 * 1 November local time, inside that November.
 */
export function lastFullMonth(asOf: Date, timeZone: string): KpiMonth {
  const [year, month] = localDateIn(timeZone, asOf).split('-').map(Number);
  const iso = (date: Date) => date.toISOString().slice(0, 10);
  const start = iso(new Date(Date.UTC(year, month - 2, 1)));
  const end = iso(new Date(Date.UTC(year, month - 1, 1)));
  return {
    key: start.slice(0, 7),
    start,
    end,
    last: addDays(end, -1),
    startsAt: new Date(zonedInstant(start, 0, timeZone)),
    endsAt: new Date(zonedInstant(end, 0, timeZone)),
  };
}
