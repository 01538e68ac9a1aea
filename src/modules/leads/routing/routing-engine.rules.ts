import type { EffectiveScope } from '../../vendors/vendors.service';
import type { RoutableRep } from '../../vendors/reps.service';
import { meetsTier, SalesStage, stricterTier } from '../../vendors/vendor-enums';
import { LeadGrade, LeadStatus } from '../lead.enums';
import type { ExcludedCandidate, ScoredCandidate } from './assignment-decision.entity';
import type { AssignmentRule, RuleFilter } from './assignment-rule.entity';
import type { CertifiedProductLines } from './routing-certifications';
import { IneligibleReason, RoutingOutcome, RoutingStrategy, RoutingTargetKind } from './routing.enums';

/** The lead fields routing looks at. */
export interface RoutableLead {
  id: string;
  source: string;
  regionCode: string | null;
  industryCode: string | null;
  sizeBand: string | null;
  grade: LeadGrade;
  keyLead: boolean;
  productLineIds: string[];
  tags: string[];
  status: LeadStatus;
  score: number;
  vendorId: string | null;
  ownerRepId: string | null;
  /** Set when a step before routing changed the status (revival reopens lost leads). */
  previousStatus?: LeadStatus;
}

export interface RepState {
  rep: RoutableRep;
  openLeads: number;
  assignedLast24h: number;
  optedOut: boolean;
  dailyQuota: number | null;
}

interface ScopeSets {
  scope: EffectiveScope;
  regions: Set<string>;
  industries: Set<string>;
  productLines: Set<string>;
  conflicted: Set<string>;
  stages: Set<string>;
}

/** Everything a batch of decisions needs, loaded once; counters move as leads are handed out. */
export class RoutingContext {
  private readonly scopes = new Map<string, ScopeSets>();
  readonly repsByVendor = new Map<string, RepState[]>();

  constructor(
    readonly rules: AssignmentRule[],
    scopes: EffectiveScope[],
    reps: RepState[],
    /** Region code → region id. */
    readonly regionIds: Map<string, string>,
    /** Lead id → rep ids / vendor ids that declined it. */
    readonly declines: Map<string, { reps: Set<string>; vendors: Set<string> }>,
    /**
     * The valid certifications of the reps of vendors whose agreement requires them; null when nothing
     * could be read (no reader registered): then no rep of such a vendor counts as certified.
     */
    readonly certified: CertifiedProductLines | null = null,
    /** Product line id → code, for the `line:<code>` tags of reps (given or earned from wins). */
    readonly productLineCodes: Map<string, string> = new Map(),
  ) {
    for (const scope of scopes) {
      this.scopes.set(scope.vendorId, {
        scope,
        regions: new Set(scope.regionIds),
        industries: new Set(scope.industryCodes),
        productLines: new Set(scope.productLineIds),
        conflicted: new Set(scope.excludedProductLines.map((line) => line.productLineId)),
        stages: new Set(scope.salesStages),
      });
    }
    for (const state of [...reps].sort((a, b) => a.rep.id.localeCompare(b.rep.id))) {
      const list = this.repsByVendor.get(state.rep.vendorId) ?? [];
      list.push(state);
      this.repsByVendor.set(state.rep.vendorId, list);
    }
  }

  scopeOf(vendorId: string): ScopeSets | undefined {
    return this.scopes.get(vendorId);
  }
}

export interface RoutingDecision {
  lead: RoutableLead;
  rule: AssignmentRule | null;
  strategy: RoutingStrategy | null;
  outcome: RoutingOutcome;
  repId: string | null;
  vendorId: string | null;
  poolId: string | null;
  candidates: ScoredCandidate[];
  /** Reps left out, as logged: every distinct reason has an example, then the first ones up to the cap. */
  excluded: ExcludedCandidate[];
  /**
   * How many reps were left out in all, and per reason — so a capped list hides no reason. Absent on
   * decisions that weigh no reps (a manager's override, a pool claim): then the list is all there is.
   */
  excludedTotal?: number;
  excludedByReason?: Partial<Record<IneligibleReason, number>>;
  explanation: string;
  /** Facts kept in the lead's history beside the assignment (a manager's override past a gate). */
  historyDetails?: Record<string, unknown>;
}

export interface DecideOptions {
  /** Revival routes best-fit first whatever the rule says. */
  strategyOverride?: RoutingStrategy;
  /** Reps never to pick (e.g. the owner a lead is re-matched away from). */
  excludeRepIds?: ReadonlySet<string>;
  /** Each lead's current owner is not eligible, and is logged as excluded for this reason. */
  excludeOwner?: IneligibleReason;
  /** Candidates and exclusions kept in the log per decision; a single and a bulk assignment keep the same. */
  maxLogged?: number;
}

export const MAX_LOGGED = 10;

/**
 * The exclusions of one decision: every rep left out is counted by reason; the logged list keeps the first
 * ones up to the cap plus one example of each reason not yet shown, so the rep a conflict of interest
 * excluded is never hidden behind five reps at capacity.
 */
class ExclusionLog {
  readonly entries: ExcludedCandidate[] = [];
  readonly byReason: Partial<Record<IneligibleReason, number>> = {};
  total = 0;
  private readonly shown = new Set<IneligibleReason>();

  constructor(private readonly cap: number) {}

  count(reasons: readonly IneligibleReason[]): void {
    this.total += 1;
    for (const reason of reasons) this.byReason[reason] = (this.byReason[reason] ?? 0) + 1;
  }

  /** Whether an entry with these reasons would be logged (cheap: asked before a rep's own reasons are built). */
  wants(reasons: readonly IneligibleReason[]): boolean {
    return this.entries.length < this.cap || reasons.some((reason) => !this.shown.has(reason));
  }

  add(entry: ExcludedCandidate): void {
    this.entries.push(entry);
    for (const reason of entry.reasons) this.shown.add(reason);
  }

  /** Another rule's exclusions (the default rule after the matched one found nobody), merged in order. */
  static merge(first: RoutingDecision, second: RoutingDecision, cap: number): void {
    const log = new ExclusionLog(cap);
    for (const entry of [...first.excluded, ...second.excluded]) if (log.wants(entry.reasons)) log.add(entry);
    const byReason = { ...first.excludedByReason };
    for (const [reason, n] of Object.entries(second.excludedByReason ?? {}) as [IneligibleReason, number][])
      byReason[reason] = (byReason[reason] ?? 0) + n;
    second.excluded = log.entries;
    second.excludedTotal =
      (first.excludedTotal ?? first.excluded.length) + (second.excludedTotal ?? second.excluded.length);
    second.excludedByReason = byReason;
  }
}

/** The sales stage a lead is in, which the vendor's agreement must own. */
export function stageOfStatus(status: LeadStatus): SalesStage {
  if (status === LeadStatus.NEW || status === LeadStatus.ASSIGNED) return SalesStage.PROSPECTING;
  if (status === LeadStatus.NEGOTIATING) return SalesStage.NEGOTIATION;
  return SalesStage.FIRST_CONTACT;
}

export function ruleMatches(filter: RuleFilter, lead: RoutableLead): boolean {
  const within = <T>(list: T[] | undefined, value: T | null) =>
    !list?.length || (value !== null && list.includes(value));
  const overlaps = (list: string[] | undefined, values: string[]) =>
    !list?.length || values.some((value) => list.includes(value));
  return (
    within(filter.sources, lead.source) &&
    within(filter.regionCodes, lead.regionCode) &&
    within(filter.industryCodes, lead.industryCode) &&
    within(filter.sizeBands as string[] | undefined, lead.sizeBand) &&
    within(filter.grades, lead.grade) &&
    (filter.keyLead === undefined || filter.keyLead === lead.keyLead) &&
    overlaps(filter.productLineIds, lead.productLineIds) &&
    overlaps(filter.tags, lead.tags)
  );
}

/** Why a rep may not take a lead; empty when eligible. */
export function ineligibility(
  context: RoutingContext,
  lead: RoutableLead,
  state: RepState,
  rule: AssignmentRule | null,
): IneligibleReason[] {
  return [
    ...scopeReasons(context, lead, state.rep.vendorId, rule),
    ...repReasons(context, lead, state, rule),
  ];
}

/** Why the lead lies outside a vendor's effective scope (the same for all its reps). */
export function scopeReasons(
  context: RoutingContext,
  lead: RoutableLead,
  vendorId: string,
  rule: AssignmentRule | null = null,
): IneligibleReason[] {
  const sets = context.scopeOf(vendorId);
  if (!sets || !sets.scope.routable) return [IneligibleReason.VENDOR_NOT_ROUTABLE];
  const reasons: IneligibleReason[] = [];
  if (lead.regionCode) {
    const regionId = context.regionIds.get(lead.regionCode);
    if (!regionId || !sets.regions.has(regionId)) reasons.push(IneligibleReason.REGION_OUT_OF_SCOPE);
  }
  if (lead.industryCode && !sets.industries.has(lead.industryCode))
    reasons.push(IneligibleReason.INDUSTRY_OUT_OF_SCOPE);
  const missing = lead.productLineIds.filter((line) => !sets.productLines.has(line));
  if (missing.some((line) => sets.conflicted.has(line))) reasons.push(IneligibleReason.CONFLICT_OF_INTEREST);
  if (missing.some((line) => !sets.conflicted.has(line)))
    reasons.push(IneligibleReason.PRODUCT_LINE_OUT_OF_SCOPE);
  if (!sets.stages.has(stageOfStatus(lead.status))) reasons.push(IneligibleReason.STAGE_OUT_OF_SCOPE);
  const declined = context.declines.get(lead.id);
  if (declined?.vendors.has(vendorId)) reasons.push(IneligibleReason.DECLINED_BY_VENDOR);
  if (
    lead.keyLead &&
    !meetsTier(sets.scope.tier, stricterTier(rule?.keyLeadMinVendorTier, sets.scope.keyLeadMinTier))
  )
    reasons.push(IneligibleReason.VENDOR_TIER_TOO_LOW);
  return reasons;
}

/** The same answer as `repReasons(…).length === 0`, without building the list (the hot path of a bulk run). */
function repEligible(
  context: RoutingContext,
  lead: RoutableLead,
  state: RepState,
  rule: AssignmentRule | null,
): boolean {
  if (state.optedOut || state.openLeads >= state.rep.capacity) return false;
  const quota = state.dailyQuota ?? rule?.dailyQuotaPerRep ?? null;
  if (quota !== null && state.assignedLast24h >= quota) return false;
  if (context.declines.get(lead.id)?.reps.has(state.rep.id)) return false;
  return certifiedFor(context, lead, state);
}

/**
 * Whether the rep may take the lead under the certification gate: always when no agreement of the vendor
 * in force requires certification; otherwise only with a valid certification for every product line of
 * the lead (a lead with no product line asks for none). Fails closed: with no certifications read, no rep
 * of a requiring vendor qualifies.
 */
export function certifiedFor(context: RoutingContext, lead: RoutableLead, state: RepState): boolean {
  if (!context.scopeOf(state.rep.vendorId)?.scope.requiresCertification) return true;
  if (!context.certified) return false;
  return uncertifiedProductLines(lead, context.certified.get(state.rep.id)).length === 0;
}

/** The lead's product lines the rep holds no valid certification for (`certified`: the rep's lines). */
export function uncertifiedProductLines(
  lead: Pick<RoutableLead, 'productLineIds'>,
  certified: ReadonlySet<string> | undefined,
): string[] {
  return lead.productLineIds.filter((line) => !(certified?.has(line) ?? false));
}

/** Why this rep in particular may not take the lead: load, quota, opt-out, own decline, certification. */
function repReasons(
  context: RoutingContext,
  lead: RoutableLead,
  state: RepState,
  rule: AssignmentRule | null,
): IneligibleReason[] {
  const reasons: IneligibleReason[] = [];
  if (state.optedOut) reasons.push(IneligibleReason.OPTED_OUT);
  if (state.openLeads >= state.rep.capacity) reasons.push(IneligibleReason.AT_CAPACITY);
  const quota = state.dailyQuota ?? rule?.dailyQuotaPerRep ?? null;
  if (quota !== null && state.assignedLast24h >= quota) reasons.push(IneligibleReason.DAILY_QUOTA_REACHED);
  if (context.declines.get(lead.id)?.reps.has(state.rep.id)) reasons.push(IneligibleReason.DECLINED_BY_REP);
  if (!certifiedFor(context, lead, state)) reasons.push(IneligibleReason.NOT_CERTIFIED);
  return reasons;
}

const tagSets = new WeakMap<RoutableRep, Set<string>>();

/**
 * Tag, industry, product line and region match between lead and rep; 1 when nothing matches. A rep's
 * `industry:<code>` tag matches the lead's industry, `line:<code>` each of the lead's product lines.
 */
export function matchScore(context: RoutingContext, lead: RoutableLead, rep: RoutableRep): number {
  let tags = tagSets.get(rep);
  if (!tags) tagSets.set(rep, (tags = new Set(rep.tags)));
  let score = 1;
  for (const tag of lead.tags) if (tags.has(tag)) score += 1;
  if (lead.industryCode && tags.has(`industry:${lead.industryCode}`)) score += 1;
  for (const lineId of lead.productLineIds) {
    const code = context.productLineCodes.get(lineId);
    if (code && tags.has(`line:${code}`)) score += 1;
  }
  const regionId = lead.regionCode ? context.regionIds.get(lead.regionCode) : undefined;
  if (regionId && rep.regionId === regionId) score += 1;
  return score;
}

/** A number in [0, 1) fixed by the text, so a weighted draw can be replayed and explained. */
export function stableFraction(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 0x100000000;
}

/** Decides where one lead goes and books it on the context's counters. */
export function decideLead(
  context: RoutingContext,
  lead: RoutableLead,
  options: DecideOptions = {},
): RoutingDecision {
  const matched = context.rules.find((rule) => !rule.isDefault && ruleMatches(rule.filter, lead));
  const fallback = context.rules.find((rule) => rule.isDefault);
  const first = matched ?? fallback ?? null;
  if (!first) return unassigned(lead, null, 'No rule matches the lead and there is no default rule', [], []);
  const decision = applyRule(context, lead, first, options, matched ? 'matched' : 'default');
  if (decision.outcome !== RoutingOutcome.UNASSIGNED || !fallback || first === fallback) return decision;
  const second = applyRule(context, lead, fallback, options, 'default');
  ExclusionLog.merge(decision, second, options.maxLogged ?? MAX_LOGGED);
  second.explanation = `${decision.explanation}; fell back to the default rule: ${second.explanation}`;
  return second;
}

function applyRule(
  context: RoutingContext,
  lead: RoutableLead,
  rule: AssignmentRule,
  options: DecideOptions,
  how: 'matched' | 'default',
): RoutingDecision {
  const strategy = options.strategyOverride ?? rule.strategy;
  const intro = how === 'matched' ? `Rule "${rule.name}" matched` : `Default rule "${rule.name}" applied`;
  if (rule.targetKind === RoutingTargetKind.POOL) {
    return {
      lead,
      rule,
      strategy: null,
      outcome: RoutingOutcome.POOLED,
      repId: null,
      vendorId: null,
      poolId: rule.targetPoolId,
      candidates: [],
      excluded: [],
      excludedTotal: 0,
      excludedByReason: {},
      explanation: `${intro}; the lead goes to pool ${rule.targetPoolId}`,
    };
  }
  const eligible: RepState[] = [];
  const maxLogged = options.maxLogged ?? MAX_LOGGED;
  const log = new ExclusionLog(maxLogged);
  for (const vendorId of rule.targetVendorIds) {
    const outOfScope = scopeReasons(context, lead, vendorId, rule);
    for (const state of context.repsByVendor.get(vendorId) ?? []) {
      if (options.excludeRepIds?.has(state.rep.id)) continue;
      if (options.excludeOwner && state.rep.id === lead.ownerRepId) {
        const reasons = [options.excludeOwner];
        log.count(reasons);
        if (log.wants(reasons)) log.add({ repId: state.rep.id, vendorId, reasons });
        continue;
      }
      // Out of scope: no rep of the vendor is eligible; they are counted by the vendor's reasons, and only
      // the logged ones need their own reasons too.
      if (outOfScope.length) {
        log.count(outOfScope);
        if (!log.wants(outOfScope)) continue;
        const own = repReasons(context, lead, state, rule);
        log.add({
          repId: state.rep.id,
          vendorId,
          reasons: own.length ? [...outOfScope, ...own] : outOfScope,
        });
      } else if (repEligible(context, lead, state, rule)) eligible.push(state);
      else {
        const reasons = repReasons(context, lead, state, rule);
        log.count(reasons);
        if (log.wants(reasons)) log.add({ repId: state.rep.id, vendorId, reasons });
      }
    }
  }
  const excluded = log.entries;
  if (eligible.length === 0) {
    const decision = unassigned(lead, rule, `${intro}; no eligible rep`, [], excluded);
    decision.strategy = strategy;
    decision.excludedTotal = log.total;
    decision.excludedByReason = log.byReason;
    return decision;
  }
  const scored = eligible.map((state) => ({
    state,
    score:
      strategy === RoutingStrategy.BEST_FIT
        ? matchScore(context, lead, state.rep) * state.rep.routingWeight
        : strategy === RoutingStrategy.WEIGHTED_RANDOM
          ? state.rep.routingWeight
          : strategy === RoutingStrategy.LEAST_LOADED
            ? -state.openLeads
            : 0,
  }));
  const chosen = pick(scored, strategy, rule, lead);
  chosen.openLeads += 1;
  chosen.assignedLast24h += 1;
  if (strategy === RoutingStrategy.ROUND_ROBIN) rule.lastRepId = chosen.rep.id;
  return {
    lead,
    rule,
    strategy,
    outcome: RoutingOutcome.ASSIGNED,
    repId: chosen.rep.id,
    vendorId: chosen.rep.vendorId,
    poolId: null,
    candidates: topCandidates(scored, maxLogged).map(({ state, score }) => ({
      repId: state.rep.id,
      vendorId: state.rep.vendorId,
      score,
      weight: state.rep.routingWeight,
      openLeads: state === chosen ? state.openLeads - 1 : state.openLeads,
    })),
    excluded,
    excludedTotal: log.total,
    excludedByReason: log.byReason,
    explanation: `${intro}; ${strategy} chose rep ${chosen.rep.id} of ${eligible.length} eligible`,
  };
}

const byScoreThenId = (a: { state: RepState; score: number }, b: { state: RepState; score: number }) =>
  b.score - a.score || a.state.rep.id.localeCompare(b.state.rep.id);

/**
 * The first `count` of `scored` in (score desc, rep id) order — what sorting all and slicing gives, without
 * sorting hundreds of eligible reps for every lead of a bulk run.
 */
function topCandidates<T extends { state: RepState; score: number }>(scored: T[], count: number): T[] {
  if (scored.length <= count * 4) return [...scored].sort(byScoreThenId).slice(0, count);
  const top: T[] = [];
  for (const entry of scored) {
    if (top.length === count && byScoreThenId(entry, top[count - 1]) >= 0) continue;
    let at = top.length === count ? count - 1 : top.length;
    while (at > 0 && byScoreThenId(entry, top[at - 1]) < 0) {
      top[at] = top[at - 1];
      at--;
    }
    top[at] = entry;
    top.length = Math.min(top.length, count);
  }
  return top;
}

function pick(
  scored: { state: RepState; score: number }[],
  strategy: RoutingStrategy,
  rule: AssignmentRule,
  lead: RoutableLead,
): RepState {
  switch (strategy) {
    case RoutingStrategy.ROUND_ROBIN: {
      // Reps are in id order; the next after the pointer, wrapping. Inactive reps are never candidates.
      const next = scored.find(({ state }) => rule.lastRepId === null || state.rep.id > rule.lastRepId);
      return (next ?? scored[0]).state;
    }
    case RoutingStrategy.WEIGHTED_RANDOM: {
      const total = scored.reduce((sum, { score }) => sum + score, 0);
      let draw = stableFraction(`${lead.id}:${rule.id}`) * total;
      for (const entry of scored) {
        draw -= entry.score;
        if (draw < 0) return entry.state;
      }
      return scored[scored.length - 1].state;
    }
    default: {
      // Highest score; ties go to the less loaded rep, then to the lower id.
      let best = scored[0];
      for (const entry of scored.slice(1)) {
        if (
          entry.score > best.score ||
          (entry.score === best.score && entry.state.openLeads < best.state.openLeads)
        )
          best = entry;
      }
      return best.state;
    }
  }
}

function unassigned(
  lead: RoutableLead,
  rule: AssignmentRule | null,
  explanation: string,
  candidates: ScoredCandidate[],
  excluded: ExcludedCandidate[],
): RoutingDecision {
  return {
    lead,
    rule,
    strategy: rule?.strategy ?? null,
    outcome: RoutingOutcome.UNASSIGNED,
    repId: null,
    vendorId: null,
    poolId: null,
    candidates,
    excluded,
    explanation,
  };
}
