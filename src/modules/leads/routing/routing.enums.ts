/** How a rule picks one rep among the eligible ones. */
export enum RoutingStrategy {
  /** Tag/region/industry match score × rep grade weight; highest wins. */
  BEST_FIT = 'best_fit',
  /** Random choice weighted by grade weight (A=4 … D=1); reproducible per lead. */
  WEIGHTED_RANDOM = 'weighted_random',
  /** Next eligible rep after the rule's persisted pointer. */
  ROUND_ROBIN = 'round_robin',
  /** Fewest open leads. */
  LEAST_LOADED = 'least_loaded',
}

export enum RoutingTargetKind {
  VENDOR = 'vendor',
  VENDORS = 'vendors',
  INTERNAL_TEAM = 'internal_team',
  POOL = 'pool',
}

/** What set a routing decision off. */
export enum RoutingTrigger {
  INTAKE = 'intake',
  SINGLE = 'single',
  BULK = 'bulk',
  MANUAL = 'manual',
  DECLINE = 'decline',
  CLAIM = 'claim',
  DISTRIBUTE = 'distribute',
  RECLAIM = 'reclaim',
  REVIVAL = 'revival',
  REMATCH = 'rematch',
  /** The owning vendor was let go: its open leads clawed back. */
  OFFBOARDING = 'offboarding',
  /** Nobody answered the lead within the agreement's first-response SLA. */
  FIRST_RESPONSE_SLA = 'first_response_sla',
  /** A contract's renewal whose original vendor no longer fits: routed like a lead, decided per contract. */
  RENEWAL = 'renewal',
}

export enum RoutingOutcome {
  ASSIGNED = 'assigned',
  POOLED = 'pooled',
  UNASSIGNED = 'unassigned',
}

/** Why a rep was not eligible for a lead. */
export enum IneligibleReason {
  VENDOR_NOT_ROUTABLE = 'vendor_not_routable',
  REGION_OUT_OF_SCOPE = 'region_out_of_scope',
  INDUSTRY_OUT_OF_SCOPE = 'industry_out_of_scope',
  PRODUCT_LINE_OUT_OF_SCOPE = 'product_line_out_of_scope',
  CONFLICT_OF_INTEREST = 'conflict_of_interest',
  STAGE_OUT_OF_SCOPE = 'stage_out_of_scope',
  AT_CAPACITY = 'at_capacity',
  DAILY_QUOTA_REACHED = 'daily_quota_reached',
  OPTED_OUT = 'opted_out',
  DECLINED_BY_REP = 'declined_by_rep',
  DECLINED_BY_VENDOR = 'declined_by_vendor',
  /** The lead's owner let the first-response SLA pass; the lead is routed away from them. */
  FIRST_RESPONSE_MISSED = 'first_response_missed',
  /** The vendor's agreement requires certification and the rep holds none valid for a lead's product line. */
  NOT_CERTIFIED = 'not_certified',
  /** A key lead, and the vendor's tier is below the rule's or its agreement's minimum for key leads. */
  VENDOR_TIER_TOO_LOW = 'vendor_tier_too_low',
}

export enum DeclineReason {
  NOT_INTERESTED = 'not_interested',
  OUT_OF_SCOPE = 'out_of_scope',
  SPAM = 'spam',
  DUPLICATE = 'duplicate',
}
