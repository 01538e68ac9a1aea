import { RepGrade, SalesStage, VendorStatus, VendorTier } from '../../vendors/vendor-enums';
import type { EffectiveScope } from '../../vendors/vendors.service';
import { LeadGrade, LeadStatus } from '../lead.enums';
import type { AssignmentRule } from './assignment-rule.entity';
import {
  decideLead,
  MAX_LOGGED,
  RepState,
  RoutableLead,
  RoutingContext,
  ruleMatches,
  stableFraction,
  stageOfStatus,
} from './routing-engine.rules';
import { IneligibleReason, RoutingOutcome, RoutingStrategy, RoutingTargetKind } from './routing.enums';

const scope = (vendorId: string): EffectiveScope => ({
  vendorId,
  on: '2026-11-23',
  vendorStatus: VendorStatus.ACTIVE,
  routable: true,
  agreementIds: ['a'],
  salesStages: [SalesStage.PROSPECTING],
  inHouseStages: [],
  regionIds: ['r-gd'],
  industryCodes: ['retail'],
  productLineIds: ['pl-1'],
  excludedProductLines: [{ productLineId: 'pl-2', conflictId: 'c', repId: null }],
  namedAccounts: [],
  defaultDailyCallQuota: null,
  defaultWeeklyCallQuota: null,
  requiresCertification: false,
  tier: VendorTier.SILVER,
  keyLeadMinTier: null,
});

const rep = (id: string, grade: RepGrade, weight: number, openLeads = 0, capacity = 10): RepState => ({
  rep: {
    id,
    vendorId: 'v',
    grade,
    routingWeight: weight,
    tags: [],
    regionId: null,
    capacity,
    timezone: 'UTC',
    effectiveDailyCallQuota: null,
    effectiveWeeklyCallQuota: null,
  },
  openLeads,
  assignedLast24h: 0,
  optedOut: false,
  dailyQuota: null,
});

const lead = (overrides: Partial<RoutableLead> = {}): RoutableLead => ({
  id: 'lead-1',
  source: 'api',
  regionCode: 'CN-GD',
  industryCode: 'retail',
  sizeBand: null,
  grade: LeadGrade.MEDIUM,
  keyLead: false,
  productLineIds: [],
  tags: [],
  status: LeadStatus.NEW,
  score: 50,
  vendorId: null,
  ownerRepId: null,
  ...overrides,
});

const rule = (strategy: RoutingStrategy, overrides: Partial<AssignmentRule> = {}): AssignmentRule =>
  ({
    id: 'rule-1',
    name: 'rule',
    position: 1,
    active: true,
    isDefault: false,
    filter: {},
    targetKind: RoutingTargetKind.VENDOR,
    targetVendorIds: ['v'],
    targetPoolId: null,
    strategy,
    dailyQuotaPerRep: null,
    lastRepId: null,
    ...overrides,
  }) as AssignmentRule;

const context = (rules: AssignmentRule[], reps: RepState[]) =>
  new RoutingContext(rules, [scope('v')], reps, new Map([['CN-GD', 'r-gd']]), new Map());

describe('routing engine', () => {
  it('matches a rule only when every given condition holds', () => {
    expect(ruleMatches({ grades: [LeadGrade.HIGH] }, lead())).toBe(false);
    expect(ruleMatches({ regionCodes: ['CN-GD'], tags: ['a', 'b'] }, lead({ tags: ['b'] }))).toBe(true);
    expect(ruleMatches({ keyLead: true }, lead())).toBe(false);
    expect(ruleMatches({}, lead())).toBe(true);
  });

  it('maps lead statuses to the sales stage a vendor must own', () => {
    expect(stageOfStatus(LeadStatus.NEW)).toBe(SalesStage.PROSPECTING);
    expect(stageOfStatus(LeadStatus.QUALIFIED)).toBe(SalesStage.FIRST_CONTACT);
    expect(stageOfStatus(LeadStatus.NEGOTIATING)).toBe(SalesStage.NEGOTIATION);
  });

  it('draws the same weighted number for the same text', () => {
    expect(stableFraction('x')).toBe(stableFraction('x'));
    expect(stableFraction('x')).toBeGreaterThanOrEqual(0);
    expect(stableFraction('x')).toBeLessThan(1);
  });

  it('books each assignment on the rep so capacity holds within a batch', () => {
    const ctx = context(
      [rule(RoutingStrategy.LEAST_LOADED)],
      [rep('a', RepGrade.A, 4, 0, 1), rep('b', RepGrade.D, 1, 0, 1)],
    );
    const outcomes = ['1', '2', '3'].map((id) => decideLead(ctx, lead({ id })));
    expect(outcomes.map((d) => d.repId)).toEqual(['a', 'b', null]);
    expect(outcomes[2].outcome).toBe(RoutingOutcome.UNASSIGNED);
  });

  describe('a minimum vendor tier for key leads', () => {
    const tiered = (tier: VendorTier, keyLeadMinTier: VendorTier | null, ruleMin: VendorTier | null) =>
      new RoutingContext(
        [rule(RoutingStrategy.BEST_FIT, { keyLeadMinVendorTier: ruleMin })],
        [{ ...scope('v'), tier, keyLeadMinTier }],
        [rep('a', RepGrade.A, 4)],
        new Map([['CN-GD', 'r-gd']]),
        new Map(),
      );

    it('keeps a key lead from a silver vendor when the rule asks for gold', () => {
      const decision = decideLead(tiered(VendorTier.SILVER, null, VendorTier.GOLD), lead({ keyLead: true }));
      expect(decision.outcome).toBe(RoutingOutcome.UNASSIGNED);
      expect(decision.excluded[0].reasons).toEqual([IneligibleReason.VENDOR_TIER_TOO_LOW]);
    });

    it('gives a lead that is not key to the same silver vendor', () => {
      expect(decideLead(tiered(VendorTier.SILVER, null, VendorTier.GOLD), lead()).repId).toBe('a');
    });

    it('admits the minimum tier itself and every higher one', () => {
      expect(decideLead(tiered(VendorTier.GOLD, null, VendorTier.GOLD), lead({ keyLead: true })).repId).toBe(
        'a',
      );
      expect(
        decideLead(tiered(VendorTier.PLATINUM, null, VendorTier.GOLD), lead({ keyLead: true })).repId,
      ).toBe('a');
    });

    it('applies the stricter of the rule’s and the agreement’s minimum', () => {
      // The rule allows silver, the agreement wants platinum: a gold vendor is kept from key leads.
      const decision = decideLead(
        tiered(VendorTier.GOLD, VendorTier.PLATINUM, VendorTier.SILVER),
        lead({ keyLead: true }),
      );
      expect(decision.excluded[0].reasons).toEqual([IneligibleReason.VENDOR_TIER_TOO_LOW]);
      expect(decideLead(tiered(VendorTier.BRONZE, null, null), lead({ keyLead: true })).repId).toBe('a');
    });
  });

  it('leaves out reps whose vendor has a conflict on the lead’s product line', () => {
    const ctx = context([rule(RoutingStrategy.BEST_FIT)], [rep('a', RepGrade.A, 4)]);
    const decision = decideLead(ctx, lead({ productLineIds: ['pl-2'] }));
    expect(decision.excluded[0].reasons).toEqual(['conflict_of_interest']);
  });

  it('logs the best few candidates of a bulk run in score order, ties by rep id, and the first excluded reps', () => {
    const grades = [RepGrade.A, RepGrade.B, RepGrade.C, RepGrade.D];
    const reps = Array.from({ length: 60 }, (_, i) =>
      rep(
        `r${String((i * 37) % 60).padStart(2, '0')}`,
        grades[i % 4],
        4 - (i % 4),
        i % 7,
        i % 9 === 0 ? 0 : 50,
      ),
    );
    for (const strategy of Object.values(RoutingStrategy)) {
      const ctx = context([rule(strategy)], reps);
      const decision = decideLead(ctx, lead({ id: `lead-${strategy}` }), { maxLogged: 5 });
      const eligible = reps.filter((r) => r.openLeads < r.rep.capacity || r.rep.id === decision.repId);
      const score = (r: RepState) =>
        strategy === RoutingStrategy.BEST_FIT || strategy === RoutingStrategy.WEIGHTED_RANDOM
          ? r.rep.routingWeight
          : strategy === RoutingStrategy.LEAST_LOADED
            ? -(r.rep.id === decision.repId ? r.openLeads - 1 : r.openLeads)
            : 0;
      const expected = eligible
        .map((r) => ({ id: r.rep.id, score: score(r) }))
        .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
        .slice(0, 5)
        .map((c) => c.id);
      expect(decision.candidates.map((c) => c.repId)).toEqual(expected);
      expect(decision.excluded).toHaveLength(5);
      expect(decision.excluded.every((e) => e.reasons.includes(IneligibleReason.AT_CAPACITY))).toBe(true);
    }
  });

  it('lists the rep a conflict of interest excluded even behind ten reps at capacity, and counts every rep left out', () => {
    const full = Array.from({ length: 12 }, (_, i) =>
      rep(`full-${String(i).padStart(2, '0')}`, RepGrade.B, 3, 5, 5),
    );
    const free = rep('free', RepGrade.C, 2);
    const conflicted: RepState = {
      ...rep('conflicted', RepGrade.A, 4),
      rep: { ...rep('conflicted', RepGrade.A, 4).rep, vendorId: 'w' },
    };
    const covering = { ...scope('v'), productLineIds: ['pl-1', 'pl-2'], excludedProductLines: [] };
    const ctx = new RoutingContext(
      [rule(RoutingStrategy.BEST_FIT, { targetVendorIds: ['v', 'w'] })],
      [covering, scope('w')],
      [...full, free, conflicted],
      new Map([['CN-GD', 'r-gd']]),
      new Map(),
    );
    for (const options of [{}, { maxLogged: 10 }]) {
      const decision = decideLead(
        ctx,
        lead({ id: `lead-${JSON.stringify(options)}`, productLineIds: ['pl-2'] }),
        options,
      );
      expect(decision.repId).toBe('free');
      // Ten at capacity fill the list; the conflicted rep's reason is new, so it is listed as well.
      expect(decision.excluded).toHaveLength(11);
      expect(decision.excluded.at(-1)).toEqual({
        repId: 'conflicted',
        vendorId: 'w',
        reasons: ['conflict_of_interest'],
      });
      expect(decision.excludedTotal).toBe(13);
      expect(decision.excludedByReason).toEqual({ at_capacity: 12, conflict_of_interest: 1 });
      free.openLeads = 0;
    }
  });

  it('explains a single and a bulk assignment the same way: the same cap on candidates and exclusions', () => {
    const reps = Array.from({ length: 30 }, (_, i) =>
      rep(`r${String(i).padStart(2, '0')}`, RepGrade.B, 3, i < 15 ? 5 : 0, 5),
    );
    const single = decideLead(context([rule(RoutingStrategy.BEST_FIT)], reps), lead({ id: 'one' }));
    expect(single.candidates).toHaveLength(MAX_LOGGED);
    expect(single.excluded).toHaveLength(MAX_LOGGED);
    expect(single.excludedTotal).toBe(15);
  });

  describe('the certification gate', () => {
    // Vendor v sells pl-1 and pl-3; its agreement requires certification. Rep a (grade A, weight 4) is
    // certified for pl-1 only, rep b (grade D, weight 1) for pl-1 and pl-3.
    const requiring = { ...scope('v'), productLineIds: ['pl-1', 'pl-3'], requiresCertification: true };
    const gated = (certified: Map<string, Set<string>> | null) =>
      new RoutingContext(
        [rule(RoutingStrategy.BEST_FIT)],
        [requiring],
        [rep('a', RepGrade.A, 4), rep('b', RepGrade.D, 1)],
        new Map([['CN-GD', 'r-gd']]),
        new Map(),
        certified,
      );
    const certificates = () =>
      new Map([
        ['a', new Set(['pl-1'])],
        ['b', new Set(['pl-1', 'pl-3'])],
      ]);

    it('leaves out a rep not certified for every product line of the lead, and gives the lead to the certified one', () => {
      const decision = decideLead(gated(certificates()), lead({ productLineIds: ['pl-1', 'pl-3'] }));
      // Best fit would pick a (score 1 × 4 against 1 × 1); only b holds both certifications.
      expect(decision.repId).toBe('b');
      expect(decision.excluded).toEqual([{ repId: 'a', vendorId: 'v', reasons: ['not_certified'] }]);
      expect(decision.excludedByReason).toEqual({ not_certified: 1 });
    });

    it('lets the better rep win once certified for the lead’s product line', () => {
      const decision = decideLead(gated(certificates()), lead({ productLineIds: ['pl-1'] }));
      expect(decision.repId).toBe('a');
      expect(decision.excluded).toEqual([]);
    });

    it('fails closed: with no certifications read nobody of a requiring vendor gets the lead', () => {
      const decision = decideLead(gated(null), lead({ productLineIds: ['pl-1'] }));
      expect(decision.outcome).toBe(RoutingOutcome.UNASSIGNED);
      expect(decision.excludedByReason).toEqual({ not_certified: 2 });
    });

    it('asks nothing of reps whose agreement does not require certification', () => {
      const ctx = new RoutingContext(
        [rule(RoutingStrategy.BEST_FIT)],
        [{ ...requiring, requiresCertification: false }],
        [rep('a', RepGrade.A, 4), rep('b', RepGrade.D, 1)],
        new Map([['CN-GD', 'r-gd']]),
        new Map(),
        null,
      );
      expect(decideLead(ctx, lead({ productLineIds: ['pl-3'] })).repId).toBe('a');
    });
  });
});
