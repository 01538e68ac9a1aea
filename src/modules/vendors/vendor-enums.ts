/** What kind of seller a vendor is; the company's own teams are vendors of kind `internal_team`. */
export enum VendorKind {
  AGENCY = 'agency',
  INDEPENDENT_REP = 'independent_rep',
  INTERNAL_TEAM = 'internal_team',
}

/** Partner tier; drives priority in routing and reviews. */
export enum VendorTier {
  PLATINUM = 'platinum',
  GOLD = 'gold',
  SILVER = 'silver',
  BRONZE = 'bronze',
}

/** Tiers from the lowest up: a minimum tier admits its own and every higher one. */
const TIER_RANK: Record<VendorTier, number> = {
  [VendorTier.BRONZE]: 1,
  [VendorTier.SILVER]: 2,
  [VendorTier.GOLD]: 3,
  [VendorTier.PLATINUM]: 4,
};

/** Whether a vendor of `tier` meets a minimum (none: always). */
export function meetsTier(tier: VendorTier, minimum: VendorTier | null | undefined): boolean {
  return !minimum || TIER_RANK[tier] >= TIER_RANK[minimum];
}

/** The stricter of two minimum tiers (null when neither sets one). */
export function stricterTier(
  a: VendorTier | null | undefined,
  b: VendorTier | null | undefined,
): VendorTier | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return TIER_RANK[a] >= TIER_RANK[b] ? a : b;
}

export enum VendorStatus {
  ONBOARDING = 'onboarding',
  ACTIVE = 'active',
  SUSPENDED = 'suspended',
  TERMINATED = 'terminated',
}

/** Legal lifecycle moves: active ↔ suspended, anything not terminated → terminated; terminated is final. */
const NEXT_STATUSES: Record<VendorStatus, readonly VendorStatus[]> = {
  [VendorStatus.ONBOARDING]: [VendorStatus.ACTIVE, VendorStatus.TERMINATED],
  [VendorStatus.ACTIVE]: [VendorStatus.SUSPENDED, VendorStatus.TERMINATED],
  [VendorStatus.SUSPENDED]: [VendorStatus.ACTIVE, VendorStatus.TERMINATED],
  [VendorStatus.TERMINATED]: [],
};

/**
 * What happens to a vendor's open leads when it is offboarded: back to the company pool, or offered to
 * routing again (whatever routing cannot place still goes to the pool).
 */
export enum LeadClawbackPolicy {
  RETURN_TO_POOL = 'return_to_pool',
  REROUTE = 'reroute',
}

export const allowedNextStatuses = (from: VendorStatus): readonly VendorStatus[] => NEXT_STATUSES[from];

export const isLegalStatusTransition = (from: VendorStatus, to: VendorStatus): boolean =>
  NEXT_STATUSES[from].includes(to);

/** The stages of a sale; an agreement says which the vendor owns, the rest stay in-house. */
export enum SalesStage {
  PROSPECTING = 'prospecting',
  FIRST_CONTACT = 'first_contact',
  NEGOTIATION = 'negotiation',
  CONTRACT_SIGNING = 'contract_signing',
  AFTER_SALES = 'after_sales',
  CUSTOMER_SERVICE = 'customer_service',
}

export const ALL_SALES_STAGES = Object.values(SalesStage);

export enum RepGrade {
  A = 'A',
  B = 'B',
  C = 'C',
  D = 'D',
}

/** Weight of a grade in weighted lead routing (an A rep gets four times the share of a D rep). */
export const GRADE_ROUTING_WEIGHT: Record<RepGrade, number> = {
  [RepGrade.A]: 4,
  [RepGrade.B]: 3,
  [RepGrade.C]: 2,
  [RepGrade.D]: 1,
};

export enum SalesUnitKind {
  COMPANY = 'company',
  REGION = 'region',
  DIVISION = 'division',
  TEAM = 'team',
}

export enum ConflictStatus {
  OPEN = 'open',
  CLEARED = 'cleared',
}
