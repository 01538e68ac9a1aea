/** What a target measures. The unit of `value` follows from the metric's kind (see METRIC_KIND). */
export enum TargetMetric {
  REVENUE = 'revenue',
  BOOKINGS = 'bookings',
  NEW_CUSTOMERS = 'new_customers',
  NEW_LEADS = 'new_leads',
  WON_LEADS = 'won_leads',
  CALLS = 'calls',
  VISITS = 'visits',
  MEETINGS = 'meetings',
  CONVERSION_RATE = 'conversion_rate',
  RENEWAL_RATE = 'renewal_rate',
  AVG_DEAL_CYCLE_DAYS = 'avg_deal_cycle_days',
  MARKET_SHARE = 'market_share',
  SALES_EXPENSE = 'sales_expense',
}

/**
 * - money: integer minor units with a currency; additive.
 * - count: whole numbers; additive.
 * - rate: basis points (10 000 = 100 %); not additive, children keep a weighted mean (see target-tree.ts).
 * - days: whole days; averaged like a rate, and lower is better.
 */
export type MetricKind = 'money' | 'count' | 'rate' | 'days';

export const METRIC_KIND: Record<TargetMetric, MetricKind> = {
  [TargetMetric.REVENUE]: 'money',
  [TargetMetric.BOOKINGS]: 'money',
  [TargetMetric.SALES_EXPENSE]: 'money',
  [TargetMetric.NEW_CUSTOMERS]: 'count',
  [TargetMetric.NEW_LEADS]: 'count',
  [TargetMetric.WON_LEADS]: 'count',
  [TargetMetric.CALLS]: 'count',
  [TargetMetric.VISITS]: 'count',
  [TargetMetric.MEETINGS]: 'count',
  [TargetMetric.CONVERSION_RATE]: 'rate',
  [TargetMetric.RENEWAL_RATE]: 'rate',
  [TargetMetric.MARKET_SHARE]: 'rate',
  [TargetMetric.AVG_DEAL_CYCLE_DAYS]: 'days',
};

export const isAdditive = (metric: TargetMetric): boolean =>
  METRIC_KIND[metric] === 'money' || METRIC_KIND[metric] === 'count';
export const isMoney = (metric: TargetMetric): boolean => METRIC_KIND[metric] === 'money';
/** Metrics where less is better: a deal cycle under target is attained, and sales expense under budget. */
export const LOWER_IS_BETTER: ReadonlySet<TargetMetric> = new Set([
  TargetMetric.AVG_DEAL_CYCLE_DAYS,
  TargetMetric.SALES_EXPENSE,
]);

export enum OwnerKind {
  COMPANY = 'company',
  SALES_UNIT = 'sales_unit',
  VENDOR = 'vendor',
  REP = 'rep',
}

export enum TargetStatus {
  DRAFT = 'draft',
  APPROVED = 'approved',
  LOCKED = 'locked',
}

/** The one axis along which a target's children split it. */
export enum SplitAxis {
  TIME = 'time',
  ORG = 'org',
  REGION = 'region',
  INDUSTRY = 'industry',
  PRODUCT_LINE = 'product_line',
}

export enum TargetTier {
  BASE = 'base',
  STRETCH = 'stretch',
  CHALLENGE = 'challenge',
}

export enum DecompositionMethod {
  EVEN = 'even',
  WEIGHTS = 'weights',
  PROFILE = 'profile',
  PRIOR_YEAR_SHARE = 'prior_year_share',
  REP_GRADE = 'rep_grade',
  REP_CAPACITY = 'rep_capacity',
  REP_HISTORY = 'rep_history',
}

export enum AttainmentStatus {
  ON_TRACK = 'on_track',
  AT_RISK = 'at_risk',
  BEHIND = 'behind',
}
