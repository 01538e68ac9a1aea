/**
 * The read API of revenue facts: the one source targets, settlement, scoring and reports read money
 * from. Every method lives on `RevenueFactsService` (exported by `ContractsModule`), takes the caller's
 * `EntityManager` first and answers with one set-based query over the daily rollup `revenue_daily`
 * (`sumRevenueOverRanges`: over its month and year sums in `revenue_rollup`, the odd days from the daily
 * one), or, for settlement's per-contract reads, over `contract_revenue_facts`.
 *
 * Days are local dates (`YYYY-MM-DD`): bookings fall on the signature day in the seller's calendar,
 * revenue on the day the ERP says the money was paid. `from` is inclusive and `to` exclusive, exactly
 * like a `Period` from src/common/period/period.ts (`period('2026-Q3').start/.end`).
 *
 * Amounts are integer minor units per currency and are never added across currencies: every money row
 * carries its currency. A contract shared by several sellers is split by their credit shares (basis
 * points summing to 10 000) with `allocateProportionally`, so the split parts add up exactly to the
 * contract's amount.
 */
import type { LocalDate } from '../../common/calendar/working-days';

/**
 * - `bookings`: contract totals on the signature day (every contract that was signed, including ones
 *   later terminated: their clawback is settlement's business, see `listContractCredits`);
 * - `revenue`: payments on the paid day, refunds negative;
 * - `new_customers`: a customer's first signed contract, on its signature day (amount = its bookings);
 * - `won_deals`: signed contracts that came from a lead, on the signature day, with cycle days;
 * - `up_for_renewal`: signed contracts not terminated early, on their end day (amount = their bookings);
 * - `renewed`: those of them whose renewal was signed, also on the original's end day.
 */
export type RevenueMeasure =
  'bookings' | 'revenue' | 'new_customers' | 'won_deals' | 'up_for_renewal' | 'renewed';

export const REVENUE_MEASURES: readonly RevenueMeasure[] = [
  'bookings',
  'revenue',
  'new_customers',
  'won_deals',
  'up_for_renewal',
  'renewed',
];

/** Dimensions a read may group by. Time keys use the Period key format: `2026`, `2026-Q3`, `2026-07`. */
export type RevenueGroupKey =
  | 'day'
  | 'month'
  | 'quarter'
  | 'year'
  | 'vendor'
  | 'rep'
  | 'salesUnit'
  | 'region'
  | 'industry'
  | 'productLine'
  | 'currency';

/** Which facts to read. Omitted lists mean "all"; an empty list matches nothing. */
export interface RevenueFactsFilter {
  /** First day, inclusive. */
  from: LocalDate;
  /** Day after the last, exclusive. */
  to: LocalDate;
  vendorIds?: readonly string[];
  repIds?: readonly string[];
  /** Internal teams or the vendors' sales units. */
  salesUnitIds?: readonly string[];
  regionCodes?: readonly string[];
  industries?: readonly string[];
  productLineIds?: readonly string[];
  currencies?: readonly string[];
  /** true: only facts credited to a vendor; false: only internal teams' facts. */
  viaVendor?: boolean;
}

export interface RevenueSumFilter extends RevenueFactsFilter {
  measure: RevenueMeasure;
}

/**
 * The group keys of a row: only the keys asked for in `groupBy` are set. `vendorId`, `repId`,
 * `salesUnitId`, `regionCode`, `industry`, `productLineId` may be null (internal team, no rep, unknown
 * region…): a null is its own group.
 */
export interface RevenueGroup {
  day?: LocalDate;
  month?: string;
  quarter?: string;
  year?: string;
  vendorId?: string | null;
  repId?: string | null;
  salesUnitId?: string | null;
  regionCode?: string | null;
  industry?: string | null;
  productLineId?: string | null;
  currency?: string;
}

export interface RevenueSumRow extends RevenueGroup {
  /** Always present: money rows are per currency. */
  currency: string;
  amountMinor: number;
  /**
   * Contracts in the group. A contract counts once in total, on its lead seller's row (the largest credit)
   * and its largest line, so counts add up across any grouping without double counting.
   */
  contractCount: number;
}

export interface NewCustomerRow extends RevenueGroup {
  /** Customers whose first signed contract falls in the group. */
  newCustomers: number;
}

export interface RenewalCountRow extends RevenueGroup {
  /** Contracts whose end day falls in the group (signed, not terminated early). */
  upForRenewal: number;
  /** Of those, the ones whose renewal contract was signed. */
  renewed: number;
  /** renewed / upForRenewal, null when nothing was up. */
  renewalRate: number | null;
}

export interface DealCycleRow extends RevenueGroup {
  wonCount: number;
  /** Days from lead intake to signature, averaged over the won deals of the group. */
  averageCycleDays: number | null;
  totalCycleDays: number;
}

/** Filter of settlement's per-contract reads. */
export interface ContractCreditFilter {
  vendorIds?: readonly string[];
  repIds?: readonly string[];
  contractIds?: readonly string[];
  /** Contracts signed on or after this day. */
  signedFrom?: LocalDate;
  /** Contracts signed before this day (exclusive). */
  signedTo?: LocalDate;
}

/**
 * One seller's credit on one signed contract: what settlement computes commission on, with the facts a
 * clawback needs (termination, refunds through `paidMinorToDate`).
 */
export interface ContractCreditFact {
  contractId: string;
  status: string;
  customerId: string | null;
  vendorId: string | null;
  repId: string | null;
  salesUnitId: string | null;
  shareBps: number;
  currency: string;
  signedOn: LocalDate;
  startsOn: LocalDate;
  endsOn: LocalDate;
  terminatedOn: LocalDate | null;
  renewalOfId: string | null;
  contractTotalMinor: number;
  /** This credit's share of the contract total. */
  creditedBookingMinor: number;
  /** This credit's share of all payments less refunds so far. */
  creditedPaidMinor: number;
}

export interface PaymentCreditFilter {
  from: LocalDate;
  to: LocalDate;
  vendorIds?: readonly string[];
  repIds?: readonly string[];
  contractIds?: readonly string[];
}

/** One seller's share of one payment or refund (refund amounts are negative). */
export interface PaymentCreditFact {
  paymentId: string;
  contractId: string;
  paidOn: LocalDate;
  kind: 'payment' | 'refund';
  vendorId: string | null;
  repId: string | null;
  salesUnitId: string | null;
  shareBps: number;
  currency: string;
  amountMinor: number;
}

/** Dimensions a read over ranges may group by (the range itself is the time key). */
export type RevenueDimensionKey = Exclude<RevenueGroupKey, 'day' | 'month' | 'quarter' | 'year'>;

/** Days from `from` (inclusive) to `to` (exclusive). */
export interface DayRange {
  from: LocalDate;
  to: LocalDate;
}

export interface RevenueRangesFilter {
  measures: readonly RevenueMeasure[];
  /** Each range is summed on its own; rows name it by its index in this list. */
  ranges: readonly DayRange[];
  currencies?: readonly string[];
}

export interface RevenueRangeRow extends RevenueGroup {
  /** Index of the range in the filter's `ranges`. */
  range: number;
  measure: RevenueMeasure;
  currency: string;
  amountMinor: number;
  contractCount: number;
  cycleDays: number;
}

/** Which facts a cube sums: several measures at once, over one range of days. */
export interface RevenueCubeFilter extends RevenueFactsFilter {
  measures: readonly RevenueMeasure[];
}

/** The period grains a cube groups by (ISO weeks are folded from days by the reader). */
export type RevenueCubeGrain = 'day' | 'month' | 'quarter' | 'year';

/** One cell of a cube, or (`total`) the sum over all its cells; keys are set on cells only. */
export interface RevenueCubeRow extends RevenueSumRow {
  measure: RevenueMeasure;
  total: boolean;
}

/** Ranges split into the rows of the daily, monthly and yearly rollups (shared with the leads' rollup). */
export { rangeSegments, type RangeSegment } from '../../common/period/range-segments';
