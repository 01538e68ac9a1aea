import type { LeadAssignedEventData } from '../../webhooks/webhook-events';
import { Page, PageQuery, paginate } from '../../../common/pagination/pagination';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DataScope } from '../../../common/auth/data-scope';
import { Principal, Role } from '../../../common/auth/role';
import { DomainException } from '../../../common/errors/domain.exception';
import { ErrorCode } from '../../../common/errors/error-codes';
import { CatalogService } from '../../catalog/catalog.service';
import { OutboxService } from '../../webhooks/outbox.service';
import { ReferenceDataService } from '../../vendors/reference-data.service';
import { RepsService, RoutableRep } from '../../vendors/reps.service';
import { VendorKind, VendorStatus } from '../../vendors/vendor-enums';
import { EffectiveScope, VendorsService } from '../../vendors/vendors.service';
import { LeadHistoryRow, writeLeadHistory } from '../history/lead-history';
import { OPEN_STATUSES } from '../lead-status.rules';
import { ActivityKind, LeadGrade, LeadStatus } from '../lead.enums';
import { timeOrderedUuid } from '../../../common/ids/time-ordered-uuid';
import { insertRecordset, RecordsetColumns, recordsetFrom, unnestFrom, unnestParams } from '../recordset';
import { AssignmentDecision, ExcludedCandidate } from './assignment-decision.entity';
import { AssignmentRule } from './assignment-rule.entity';
import { encodeDecisionLog } from './decision-log.rules';
import {
  decideLead,
  DecideOptions,
  RepState,
  RoutableLead,
  RoutingContext,
  RoutingDecision,
  uncertifiedProductLines,
} from './routing-engine.rules';
import { IneligibleReason, RoutingOutcome, RoutingTargetKind, RoutingTrigger } from './routing.enums';
import { CertifiedProductLines, RoutingCertifications } from './routing-certifications';
import {
  AssignmentRuleInputDto,
  AutoAssignResultDto,
  DeclineLeadDto,
  DeclineLevel,
  OverrideLeadAssignmentDto,
  RepRoutingPreferenceDto,
  RoutingSettingsInputDto,
} from './routing.dto';
import { IntakeRouting } from './intake-routing';
import { RepRoutingPreference } from './rep-routing-preference.entity';
import { RoutingSetting } from './routing-setting.entity';
import { type GradeWeights, RoutingGradeWeightsRow } from './grade-weights.entity';
import { GRADE_ROUTING_WEIGHT } from '../../vendors/vendor-enums';
import { actorColumns, ownerTeamTouchSql } from '../history/lead-touch.rules';

/** Who may give a lead to a rep the certification gate leaves out: the company's managers, never a vendor. */
const CERTIFICATION_OVERRIDERS: readonly Role[] = [Role.ADMIN, Role.SALES_MANAGER];

/** The columns routing reads of a lead. */
export const ROUTABLE_LEAD_COLUMNS = `l.id::text AS id, l.source, l.region_code AS "regionCode",
  l.industry_code AS "industryCode", l.size_band AS "sizeBand", l.grade, l.key_lead AS "keyLead",
  l.product_line_ids::text[] AS "productLineIds", l.tags, l.status, l.score,
  l.vendor_id::text AS "vendorId", l.owner_rep_id::text AS "ownerRepId"`;

const DECISION_COLUMNS = [
  ['id', 'uuid'],
  ['lead_id', 'uuid'],
  ['contract_id', 'uuid'],
  ['decided_at', 'timestamptz'],
  ['trigger', 'text'],
  ['outcome', 'text'],
  ['rule_id', 'uuid'],
  ['rule_name', 'text'],
  ['strategy', 'text'],
  ['chosen_rep_id', 'uuid'],
  ['chosen_vendor_id', 'uuid'],
  ['pool_id', 'uuid'],
  ['log_vendor_ids', 'uuid[]'],
  ['candidate_rep_ids', 'uuid[]'],
  ['candidate_codes', 'int[]'],
  ['excluded_rep_ids', 'uuid[]'],
  ['excluded_codes', 'int[]'],
  ['excluded_total', 'int'],
  ['excluded_reason_counts', 'int[]'],
  ['explanation', 'text'],
  ['actor_id', 'uuid'],
] as const;

const OWNER_COLUMNS = [
  ['lead_id', 'uuid'],
  ['vendor_id', 'uuid'],
  ['owner_rep_id', 'uuid'],
  ['status', 'text'],
] as const;

const STATE_COLUMNS = [
  ['lead_id', 'uuid'],
  ['owned_since', 'timestamptz'],
  ['pool_id', 'uuid'],
  ['entered_pool_at', 'timestamptz'],
] as const;

/** The largest batch one auto-assignment call takes. */
export const MAX_AUTO_ASSIGN = 100_000;

/**
 * How many leads a bulk run decides at a time, over one candidate set in its one transaction: each part's
 * decisions are written and let go before the next part is decided, so the parts decide as one pass would
 * (`routeLeadsInParts`), and a 100 000-lead run holds one part's decisions in memory, not all of them.
 */
export const AUTO_ASSIGN_PART = 10_000;

export interface RouteOptions extends DecideOptions {
  /** Write only the decisions that give a lead to a rep other than its owner; the rest stay as they are. */
  onlyReassign?: boolean;
  /** Put in front of each decision's explanation (decision log and lead history). */
  reason?: (lead: RoutableLead) => string;
}

/** A contract's renewal as routing sees it: where and what the customer buys, routed like a lead. */
export interface RenewalToRoute {
  contractId: string;
  regionCode: string | null;
  industryCode: string | null;
  productLineIds: string[];
  /** A key account's renewal: the rules' and agreements' minimum vendor tier for key leads applies. */
  keyAccount: boolean;
}

/** Where routing put a renewal: a vendor's rep, or nobody (the internal team takes it), and why. */
export interface RenewalRouting {
  vendorId: string | null;
  repId: string | null;
  explanation: string;
  decisionId: string;
}

export interface AwaitingFirstResponse {
  leadId: string;
  vendorId: string;
  ownerRepId: string;
  companyName: string;
  assignedAt: Date;
}

export interface DecisionWrite {
  decision: RoutingDecision;
  /** Vendor a pooled lead stays with (a vendor pool), or null. */
  pooledVendorId?: string | null;
}

/**
 * Lead routing: ordered rules, eligibility inside the vendors' effective scope, the four strategies,
 * the decision log, overrides, declines and re-matching. Batches are decided in memory over one
 * candidate set and written with a constant number of statements.
 */
@Injectable()
export class RoutingService implements IntakeRouting {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vendors: VendorsService,
    private readonly reps: RepsService,
    private readonly referenceData: ReferenceDataService,
    private readonly outbox: OutboxService,
    private readonly certifications: RoutingCertifications,
    private readonly catalog: CatalogService,
  ) {}

  // ---- rules ----

  async createAssignmentRule(input: AssignmentRuleInputDto): Promise<AssignmentRule> {
    await this.checkRuleTarget(input);
    return this.dataSource.transaction(async (em) => {
      const position =
        input.position ??
        (
          await em.query<{ next: number }[]>(
            'SELECT coalesce(max(position), 0) + 10 AS next FROM assignment_rules',
          )
        )[0].next;
      return em.save(
        em.create(AssignmentRule, {
          name: input.name,
          position,
          active: input.active ?? true,
          isDefault: input.isDefault ?? false,
          filter: stripEmpty({ ...input.filter }),
          targetKind: input.targetKind,
          targetVendorIds: input.targetVendorIds ?? [],
          targetPoolId: input.targetPoolId ?? null,
          strategy: input.strategy,
          dailyQuotaPerRep: input.dailyQuotaPerRep ?? null,
          keyLeadMinVendorTier: input.keyLeadMinVendorTier ?? null,
        }),
      );
    });
  }

  /** In the order the engine tries them: position, then creation; keyset-paged. */
  listAssignmentRules(query: PageQuery): Promise<Page<AssignmentRule>> {
    return paginate(this.dataSource.getRepository(AssignmentRule).createQueryBuilder('rule'), query, [
      { expression: 'rule.position', read: (row) => row.position },
      { expression: 'rule.created_at', read: (row) => row.createdAt.toISOString() },
      { expression: 'rule.id', read: (row) => row.id },
    ]);
  }

  async getAssignmentRule(id: string): Promise<AssignmentRule> {
    const rule = await this.dataSource.getRepository(AssignmentRule).findOneBy({ id });
    if (!rule) throw DomainException.notFound('Assignment rule', id);
    return rule;
  }

  async replaceAssignmentRule(
    id: string,
    input: AssignmentRuleInputDto,
    expectedVersion: number | undefined,
  ): Promise<AssignmentRule> {
    const before = await this.getAssignmentRule(id);
    if (expectedVersion !== undefined && expectedVersion !== before.version)
      throw DomainException.versionMismatch(before.version);
    await this.checkRuleTarget(input);
    const result = await this.dataSource
      .createQueryBuilder()
      .update(AssignmentRule)
      .set({
        name: input.name,
        position: input.position ?? before.position,
        active: input.active ?? true,
        isDefault: input.isDefault ?? false,
        filter: stripEmpty({ ...input.filter }),
        targetKind: input.targetKind,
        targetVendorIds: input.targetVendorIds ?? [],
        targetPoolId: input.targetPoolId ?? null,
        strategy: input.strategy,
        dailyQuotaPerRep: input.dailyQuotaPerRep ?? null,
        keyLeadMinVendorTier: input.keyLeadMinVendorTier ?? null,
        lastRepId: null,
      })
      .where('id = :id AND version = :version', { id, version: before.version })
      .execute();
    if (result.affected === 0) throw DomainException.versionMismatch(before.version + 1);
    return this.getAssignmentRule(id);
  }

  async deleteAssignmentRule(id: string): Promise<void> {
    await this.getAssignmentRule(id);
    await this.dataSource.getRepository(AssignmentRule).delete({ id });
  }

  /** The target must name what its kind needs, and every vendor must be contracted today. */
  private async checkRuleTarget(input: AssignmentRuleInputDto): Promise<void> {
    const vendorIds = input.targetVendorIds ?? [];
    const invalid = (message: string) => new DomainException(ErrorCode.ROUTING_TARGET_INVALID, message);
    if (input.targetKind === RoutingTargetKind.POOL) {
      if (!input.targetPoolId || vendorIds.length)
        throw invalid('A pool target names targetPoolId and no vendors');
      const [found] = await this.dataSource.query<unknown[]>('SELECT 1 FROM lead_pools WHERE id = $1', [
        input.targetPoolId,
      ]);
      if (!found)
        throw new DomainException(ErrorCode.POOL_UNKNOWN, `Pool ${input.targetPoolId} does not exist`, [
          { field: 'targetPoolId', message: 'refers to a pool that does not exist' },
        ]);
      return;
    }
    if (input.targetPoolId) throw invalid('Only a pool target names targetPoolId');
    const single = input.targetKind !== RoutingTargetKind.VENDORS;
    if (vendorIds.length === 0 || (single && vendorIds.length !== 1))
      throw invalid(
        `A ${input.targetKind} target names ${single ? 'exactly one vendor' : 'one or more vendors'}`,
      );
    await this.vendors.assertVendorsExist(this.dataSource.manager, vendorIds, 'targetVendorIds');
    if (input.targetKind === RoutingTargetKind.INTERNAL_TEAM) {
      const vendor = await this.vendors.getVendor(
        this.dataSource.manager,
        vendorIds[0],
        DataScope.companyWide(),
      );
      if (vendor.kind !== VendorKind.INTERNAL_TEAM)
        throw invalid(`Vendor ${vendor.id} is not an internal team`);
    }
    const scopes = await this.vendors.getEffectiveScopes(this.dataSource.manager, vendorIds, new Date());
    const outside = scopes.filter((scope) => !scope.routable).map((scope) => scope.vendorId);
    if (outside.length)
      throw new DomainException(
        ErrorCode.ROUTING_TARGET_NOT_ROUTABLE,
        `Vendors without an agreement in force or not active cannot take leads: ${outside.join(', ')}`,
        [{ field: 'targetVendorIds', message: 'names a vendor outside any contracted scope' }],
      );
  }

  // ---- rep preferences ----

  async setRepRoutingPreference(
    repId: string,
    input: RepRoutingPreferenceDto,
    scope: DataScope,
  ): Promise<RepRoutingPreference> {
    const { rep } = await this.reps.getRep(this.dataSource.manager, repId, scope);
    await this.dataSource.query(
      `INSERT INTO rep_routing_preferences (rep_id, vendor_id, opted_out, daily_assignment_quota)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (rep_id) DO UPDATE SET opted_out = $3, daily_assignment_quota = $4,
         vendor_id = $2, updated_at = now(), version = rep_routing_preferences.version + 1`,
      [rep.id, rep.vendorId, input.optedOut, input.dailyAssignmentQuota ?? null],
    );
    return this.dataSource.getRepository(RepRoutingPreference).findOneByOrFail({ repId: rep.id });
  }

  // ---- settings ----

  async getRoutingSettings(em: EntityManager = this.dataSource.manager): Promise<RoutingSetting> {
    const found = await em.findOneBy(RoutingSetting, { scope: 'company' });
    return found ?? em.create(RoutingSetting, { scope: 'company', autoAssignOnIntake: false, version: 0 });
  }

  async updateRoutingSettings(input: RoutingSettingsInputDto): Promise<RoutingSetting> {
    await this.dataSource.query(
      `INSERT INTO routing_settings (scope, auto_assign_on_intake) VALUES ('company', $1)
       ON CONFLICT (scope) DO UPDATE SET auto_assign_on_intake = $1, updated_at = now(),
         version = routing_settings.version + 1`,
      [input.autoAssignOnIntake],
    );
    return this.getRoutingSettings();
  }

  /** The grade → routing-weight table in force (revision 0: the defaults, nothing stored yet). */
  async getGradeWeights(
    em: EntityManager = this.dataSource.manager,
  ): Promise<{ weights: GradeWeights; revision: number }> {
    const [row] = await em
      .getRepository(RoutingGradeWeightsRow)
      .find({ order: { revision: 'DESC' }, take: 1 });
    if (!row) return { weights: { ...GRADE_ROUTING_WEIGHT }, revision: 0 };
    return {
      weights: { A: row.weightA, B: row.weightB, C: row.weightC, D: row.weightD },
      revision: row.revision,
    };
  }

  /** Stores the next revision of the weights; the next routing decision weighs with it. */
  updateGradeWeights(
    weights: GradeWeights,
    actor: Principal,
  ): Promise<{ weights: GradeWeights; revision: number }> {
    return this.dataSource.transaction(async (em) => {
      // One writer at a time: the revision is the last one plus one.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('routing_grade_weights'))`);
      const { revision } = await this.getGradeWeights(em);
      await em.save(
        em.create(RoutingGradeWeightsRow, {
          revision: revision + 1,
          weightA: weights.A,
          weightB: weights.B,
          weightC: weights.C,
          weightD: weights.D,
          createdBy: actor.subjectId,
        }),
      );
      return this.getGradeWeights(em);
    });
  }

  /** Intake's hook: routes the new unowned leads in the intake transaction when switched on. */
  async routeNewLeads(em: EntityManager, leadIds: string[], actor: Principal): Promise<void> {
    if (leadIds.length === 0 || !(await this.getRoutingSettings(em)).autoAssignOnIntake) return;
    const leads = await this.lockLeads(
      em,
      'l.id = ANY($1::uuid[]) AND l.vendor_id IS NULL AND l.owner_rep_id IS NULL',
      [leadIds],
      leadIds.length,
    );
    await this.routeLeads(em, leads, RoutingTrigger.INTAKE, new Date(), actor);
  }

  // ---- routing ----

  /** Routes one lead by the rules now (whatever its current owner) and returns the decision. */
  async assignLead(id: string, actor: Principal, at: Date): Promise<AssignmentDecision> {
    return this.dataSource.transaction(async (em) => {
      const leads = await this.lockLeads(em, 'l.id = $1', [id]);
      if (!leads.length) throw DomainException.notFound('Lead', id);
      this.assertOpen(leads[0]);
      const [decision] = await this.routeLeads(em, leads, RoutingTrigger.SINGLE, at, actor);
      return this.latestDecision(em, id, decision);
    });
  }

  /**
   * Every open lead with no vendor, no owner and not in a pool, routed in one pass. The leads are read and
   * locked a part at a time, from one cursor in the run's transaction in the order they are decided (key
   * leads and higher scores first), so a 100 000-lead run holds one part of the leads, not all of them.
   */
  async autoAssignLeads(
    actor: Principal | null,
    at: Date,
    limit = MAX_AUTO_ASSIGN,
    part = AUTO_ASSIGN_PART,
  ): Promise<AutoAssignResultDto> {
    const started = Date.now();
    return this.dataSource.transaction(async (em) => {
      const cursor = await this.openLeadCursor(
        em,
        `l.vendor_id IS NULL AND l.owner_rep_id IS NULL AND l.status = ANY($1::text[])
         AND NOT EXISTS (SELECT 1 FROM lead_pool_states s WHERE s.lead_id = l.id AND s.pool_id IS NOT NULL)`,
        [OPEN_STATUSES],
        limit,
      );
      const totals = summarise([], started);
      // A bulk run explains each lead as a single assignment does: the same capped list and counts. Its
      // leads have no owner, so none is released before the first part is decided.
      await this.routeParts(
        em,
        [],
        () => cursor.fetch(part),
        RoutingTrigger.BULK,
        at,
        actor,
        {},
        (decisions) => addOutcomes(totals, decisions),
      );
      await cursor.close();
      return { ...totals, durationMs: Date.now() - started };
    });
  }

  /**
   * A manager puts a lead with a rep of their choice; the rep must be active and below capacity, and —
   * when the rep's agreement requires certification — certified for every product line of the lead. A
   * company manager may pass the gate on purpose (`overrideCertification`); the lines the rep lacks are
   * then named in the decision log and kept in the lead's history.
   */
  async overrideLeadAssignment(
    id: string,
    input: OverrideLeadAssignmentDto,
    scope: DataScope,
    actor: Principal,
    at: Date,
  ): Promise<AssignmentDecision> {
    return this.dataSource.transaction(async (em) => {
      const lead = await this.lockScopedLead(em, id, scope);
      this.assertOpen(lead);
      if (input.overrideCertification && !CERTIFICATION_OVERRIDERS.includes(actor.role))
        throw DomainException.of(
          ErrorCode.CERTIFICATION_OVERRIDE_FORBIDDEN,
          'Only admins and sales managers may assign past the certification gate',
        );
      const { rep } = await this.reps.getRep(em, input.repId, scope);
      if (!rep.active)
        throw DomainException.of(ErrorCode.REP_INACTIVE, `Rep ${rep.id} is inactive and takes no leads`);
      // Even by hand, a suspended vendor is given no new leads.
      const [vendorScope] = await this.vendors.getEffectiveScopes(em, [rep.vendorId], at);
      if (vendorScope?.vendorStatus === VendorStatus.SUSPENDED && lead.vendorId !== rep.vendorId)
        throw new DomainException(
          ErrorCode.ROUTING_TARGET_NOT_ROUTABLE,
          `The rep's vendor is ${vendorScope.vendorStatus} and takes no new leads`,
        );
      const open = await this.openLeadCounts(em, [rep.id]);
      const held = (open.get(rep.id) ?? 0) - (lead.ownerRepId === rep.id ? 1 : 0);
      if (held >= rep.capacity)
        throw DomainException.of(
          ErrorCode.REP_AT_CAPACITY,
          `Rep ${rep.id} holds ${held} open leads, their capacity is ${rep.capacity}`,
          { openLeads: held, capacity: rep.capacity },
        );
      const uncertified = vendorScope?.requiresCertification
        ? uncertifiedProductLines(
            lead,
            (await this.certifications.read(em, [rep.id], vendorScope.on))?.get(rep.id),
          )
        : [];
      if (uncertified.length && !input.overrideCertification)
        throw DomainException.of(
          ErrorCode.REP_NOT_CERTIFIED,
          `The agreement of rep ${rep.id}'s vendor requires certification; the rep holds none valid for ` +
            `product line(s) ${uncertified.join(', ')} of the lead`,
          { repId: rep.id, productLineIds: uncertified },
        );
      const passedGate = uncertified.length > 0;
      const decision: RoutingDecision = {
        lead,
        rule: null,
        strategy: null,
        outcome: RoutingOutcome.ASSIGNED,
        repId: rep.id,
        vendorId: rep.vendorId,
        poolId: null,
        candidates: [],
        excluded: [],
        explanation: passedGate
          ? `Manual override past the certification gate (not certified for ${uncertified.join(', ')}) ` +
            `by ${actor.name}: ${input.reason}`
          : `Manual override: ${input.reason}`,
        historyDetails: passedGate
          ? { certificationOverride: { uncertifiedProductLineIds: uncertified, by: actor.subjectId } }
          : undefined,
      };
      await this.writeDecisions(em, [{ decision }], RoutingTrigger.MANUAL, at, actor);
      return this.latestDecision(em, id, decision);
    });
  }

  /**
   * The owning rep (or the whole vendor) refuses the lead; it is remembered so they are never offered
   * it again, and the lead is routed anew in the same transaction.
   */
  async declineLead(
    id: string,
    input: DeclineLeadDto,
    scope: DataScope,
    actor: Principal,
    at: Date,
  ): Promise<AssignmentDecision> {
    return this.dataSource.transaction(async (em) => {
      const lead = await this.lockScopedLead(em, id, scope);
      this.assertOpen(lead);
      const level = input.level ?? (actor.role === Role.REP ? DeclineLevel.REP : DeclineLevel.VENDOR);
      if (actor.role === Role.REP && level === DeclineLevel.VENDOR)
        throw DomainException.forbidden('A rep declines for themselves only');
      if (!lead.vendorId || (level === DeclineLevel.REP && !lead.ownerRepId))
        throw DomainException.of(
          ErrorCode.LEAD_NOT_OWNED,
          level === DeclineLevel.REP
            ? 'The lead has no owner rep to decline it'
            : 'The lead has no vendor to decline it',
        );
      await em.query(
        `INSERT INTO lead_declines (lead_id, vendor_id, rep_id, reason, note, actor_id) VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          id,
          lead.vendorId,
          level === DeclineLevel.REP ? lead.ownerRepId : null,
          input.reason,
          input.note ?? null,
          actor.subjectId,
        ],
      );
      await writeLeadHistory(em, [
        {
          lead_id: id,
          occurred_at: at.toISOString(),
          kind: ActivityKind.DECLINE,
          ...actorColumns(actor),
          content: input.note ?? null,
          details: { reason: input.reason, level, vendorId: lead.vendorId, repId: lead.ownerRepId },
        },
      ]);
      const [decision] = await this.routeLeads(em, [lead], RoutingTrigger.DECLINE, at, actor);
      return this.latestDecision(em, id, decision);
    });
  }

  /** Re-matches every open lead of a rep (grade or tags changed, or the rep left) by the same rules. */
  async rematchRepLeads(
    repId: string,
    actor: Principal,
    at: Date,
  ): Promise<AutoAssignResultDto & { moved: number }> {
    const started = Date.now();
    await this.reps.getRep(this.dataSource.manager, repId, DataScope.companyWide());
    return this.dataSource.transaction(async (em) => {
      const leads = await this.lockLeads(em, 'l.owner_rep_id = $1 AND l.status = ANY($2::text[])', [
        repId,
        OPEN_STATUSES,
      ]);
      const decisions = await this.routeLeads(em, leads, RoutingTrigger.REMATCH, at, actor);
      return {
        ...summarise(decisions, started),
        moved: decisions.filter((d) => d.repId !== repId).length,
      };
    });
  }

  /** Latest recorded first, keyset-paged on (created_at, decided_at, id). */
  async listLeadAssignmentDecisions(
    id: string,
    scope: DataScope,
    query: PageQuery,
  ): Promise<Page<AssignmentDecision>> {
    const lead = await this.lockScopedLead(this.dataSource.manager, id, scope, false);
    const builder = this.dataSource
      .getRepository(AssignmentDecision)
      .createQueryBuilder('decision')
      .where('decision.lead_id = :leadId', { leadId: lead.id });
    return paginate(
      builder,
      query,
      [
        { expression: 'decision.created_at', read: (row) => row.createdAt.toISOString() },
        { expression: 'decision.decided_at', read: (row) => row.decidedAt.toISOString() },
        { expression: 'decision.id', read: (row) => row.id },
      ],
      'DESC',
    );
  }

  // ---- the engine's plumbing, shared with the pool ----

  /** Decides a batch of locked leads over one candidate set and writes the outcome. */
  async routeLeads(
    em: EntityManager,
    leads: RoutableLead[],
    trigger: RoutingTrigger,
    at: Date,
    actor: Principal | null,
    options: RouteOptions = {},
  ): Promise<RoutingDecision[]> {
    const all: RoutingDecision[] = [];
    await this.routeLeadsInParts(em, leads, trigger, at, actor, options, leads.length, (decisions) =>
      all.push(...decisions),
    );
    return all;
  }

  /**
   * `routeLeads` a part at a time: one candidate set (rules, reps, loads, pointers) for the whole batch,
   * each part's decisions written and handed to `written` before the next part is decided, the rules'
   * pointers written once at the end — the same decisions as one pass, holding one part of them in memory.
   */
  async routeLeadsInParts(
    em: EntityManager,
    leads: RoutableLead[],
    trigger: RoutingTrigger,
    at: Date,
    actor: Principal | null,
    options: RouteOptions,
    part: number,
    written: (decisions: RoutingDecision[]) => void,
  ): Promise<void> {
    if (leads.length === 0) return;
    const size = Math.max(1, part);
    let from = 0;
    await this.routeParts(
      em,
      leads,
      () => Promise.resolve(leads.slice(from, (from += size))),
      trigger,
      at,
      actor,
      options,
      written,
    );
  }

  /**
   * Decides the parts `next` gives (an empty one ends the run) over one candidate set: the rules locked
   * and the reps' loads read once, each part's lead facts (regions, declines, product lines) added as it
   * comes, its decisions written and handed to `written`, the rules' pointers written once at the end.
   * `released`: the leads whose owners are released before the first part is decided (every owned lead
   * of the run — they all must be among them).
   */
  private async routeParts(
    em: EntityManager,
    released: RoutableLead[],
    next: () => Promise<RoutableLead[]>,
    trigger: RoutingTrigger,
    at: Date,
    actor: Principal | null,
    options: RouteOptions,
    written: (decisions: RoutingDecision[]) => void,
  ): Promise<void> {
    const rules = await em
      .getRepository(AssignmentRule)
      .createQueryBuilder('rule')
      .where('rule.active')
      .orderBy('rule.position', 'ASC')
      .addOrderBy('rule.created_at', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
    const context = await this.buildContext(em, rules, released, at, [], false);
    const pointers = new Map(rules.map((rule) => [rule.id, rule.lastRepId]));
    for (let leads = await next(); leads.length > 0; leads = await next()) {
      await this.addLeadFacts(em, context, leads);
      const decided = leads.map((lead) => decideLead(context, lead, options));
      // Moving a lead away from its owner: what routing cannot give to someone else stays where it is.
      const decisions = options.onlyReassign
        ? decided.filter((d) => d.outcome === RoutingOutcome.ASSIGNED && d.repId !== d.lead.ownerRepId)
        : decided;
      if (options.reason)
        for (const decision of decisions)
          decision.explanation = `${options.reason(decision.lead)}; ${decision.explanation}`;
      const pools = await this.poolVendors(
        em,
        decisions.flatMap((d) => (d.poolId ? [d.poolId] : [])),
      );
      await this.writeDecisions(
        em,
        decisions.map((decision) => ({
          decision,
          pooledVendorId: decision.poolId ? pools.get(decision.poolId) : null,
        })),
        trigger,
        at,
        actor,
      );
      written(decisions);
    }
    const moved = rules.filter((rule) => rule.lastRepId !== pointers.get(rule.id));
    if (moved.length)
      await em.query(
        `UPDATE assignment_rules r SET last_rep_id = t.last_rep_id FROM ${recordsetFrom(
          [
            ['id', 'uuid'],
            ['last_rep_id', 'uuid'],
          ],
          1,
        )} WHERE r.id = t.id`,
        [JSON.stringify(moved.map((rule) => ({ id: rule.id, last_rep_id: rule.lastRepId })))],
      );
  }

  /**
   * Routes a renewal whose original vendor no longer fits, in the caller's transaction, by the same rules
   * and eligibility as a lead in negotiation (source `renewal`: only rules without a source filter match
   * it, so the default rule usually decides): region, industry, product lines and stage in the vendor's
   * scope, capacity, certification, the key-lead tier. An outcome other than a rep (a pool, nobody
   * eligible) leaves it to the internal team. The decision is logged like a lead's, against the contract.
   */
  async routeRenewal(
    em: EntityManager,
    renewal: RenewalToRoute,
    at: Date,
    actor: Principal | null,
  ): Promise<RenewalRouting> {
    const rules = await em
      .getRepository(AssignmentRule)
      .createQueryBuilder('rule')
      .where('rule.active')
      .orderBy('rule.position', 'ASC')
      .addOrderBy('rule.created_at', 'ASC')
      .getMany();
    const lead: RoutableLead = {
      id: renewal.contractId,
      source: 'renewal',
      regionCode: renewal.regionCode,
      industryCode: renewal.industryCode,
      sizeBand: null,
      grade: LeadGrade.HIGH,
      keyLead: renewal.keyAccount,
      productLineIds: renewal.productLineIds,
      tags: [],
      status: LeadStatus.NEGOTIATING,
      score: 100,
      vendorId: null,
      ownerRepId: null,
    };
    const context = await this.buildContext(em, rules, [lead], at);
    const decision = decideLead(context, lead);
    const assigned = decision.outcome === RoutingOutcome.ASSIGNED;
    const explanation = assigned
      ? decision.explanation
      : `${decision.explanation}; the internal team takes the renewal`;
    const [row] = await em.getRepository(AssignmentDecision).save([
      em.create(AssignmentDecision, {
        leadId: null,
        contractId: renewal.contractId,
        decidedAt: at,
        trigger: RoutingTrigger.RENEWAL,
        outcome: assigned ? RoutingOutcome.ASSIGNED : RoutingOutcome.UNASSIGNED,
        ruleId: decision.rule?.id ?? null,
        ruleName: decision.rule?.name ?? null,
        strategy: decision.strategy,
        chosenRepId: assigned ? decision.repId : null,
        chosenVendorId: assigned ? decision.vendorId : null,
        poolId: null,
        ...encodeDecisionLog(
          decision.candidates,
          decision.excluded,
          decision.excludedByReason ?? reasonCounts(decision.excluded),
        ),
        excludedTotal: decision.excludedTotal ?? decision.excluded.length,
        explanation: explanation.slice(0, 1000),
        actorId: actor?.subjectId ?? null,
      }),
    ]);
    return {
      vendorId: assigned ? decision.vendorId : null,
      repId: assigned ? decision.repId : null,
      explanation,
      decisionId: row.id,
    };
  }

  /** The routing decisions of one renewal contract, newest first (the contracts module scopes the read). */
  listRenewalDecisions(em: EntityManager, contractId: string): Promise<AssignmentDecision[]> {
    return em.getRepository(AssignmentDecision).find({
      where: { contractId },
      order: { decidedAt: 'DESC', id: 'DESC' },
    });
  }

  /** Loads scopes, reps, loads and declines for a batch, once. */
  async buildContext(
    em: EntityManager,
    rules: AssignmentRule[],
    leads: RoutableLead[],
    at: Date,
    extraVendorIds: string[] = [],
    withLeadFacts = true,
  ): Promise<RoutingContext> {
    const vendorIds = [...new Set([...rules.flatMap((rule) => rule.targetVendorIds), ...extraVendorIds])];
    // In the routing transaction: never more connections while holding one (a full pool would deadlock).
    const scopes = await this.vendors.getEffectiveScopes(em, vendorIds, at);
    // A rep's routing weight is its grade's weight in routing's own setting, read in this transaction.
    const { weights } = await this.getGradeWeights(em);
    const reps = (await this.reps.findRoutableReps(em, vendorIds)).map((rep) => ({
      ...rep,
      routingWeight: weights[rep.grade],
    }));
    const repIds = reps.map((rep) => rep.id);
    const open = await this.openLeadCounts(em, repIds);
    // Leads being routed again are released by their current owners first.
    for (const lead of leads)
      if (lead.ownerRepId && open.has(lead.ownerRepId))
        open.set(lead.ownerRepId, open.get(lead.ownerRepId)! - 1);
    const recent = new Map(
      (
        await em.query<{ rep_id: string; n: number }[]>(
          `SELECT chosen_rep_id::text AS rep_id, count(*)::int AS n FROM assignment_decisions
            WHERE chosen_rep_id = ANY($1::uuid[]) AND outcome = 'assigned'
              AND decided_at > $2::timestamptz - interval '24 hours' AND decided_at <= $2
            GROUP BY 1`,
          [repIds, at],
        )
      ).map((row) => [row.rep_id, row.n]),
    );
    const preferences = new Map(
      (
        await em.query<{ rep_id: string; opted_out: boolean; daily_assignment_quota: number | null }[]>(
          `SELECT rep_id::text, opted_out, daily_assignment_quota FROM rep_routing_preferences WHERE rep_id = ANY($1::uuid[])`,
          [repIds],
        )
      ).map((row) => [row.rep_id, row]),
    );
    const states: RepState[] = reps.map((rep) => ({
      rep,
      openLeads: open.get(rep.id) ?? 0,
      assignedLast24h: recent.get(rep.id) ?? 0,
      optedOut: preferences.get(rep.id)?.opted_out ?? false,
      dailyQuota: preferences.get(rep.id)?.daily_assignment_quota ?? null,
    }));
    const certified = await this.certifiedProductLines(em, scopes, reps);
    const context = new RoutingContext(rules, scopes, states, new Map(), new Map(), certified, new Map());
    if (withLeadFacts) await this.addLeadFacts(em, context, leads);
    return context;
  }

  /** What deciding these leads needs to know of them: their regions' ids, declines and product lines' codes. */
  private async addLeadFacts(
    em: EntityManager,
    context: RoutingContext,
    leads: RoutableLead[],
  ): Promise<void> {
    const regionCodes = [
      ...new Set(
        leads.flatMap((lead) =>
          lead.regionCode && !context.regionIds.has(lead.regionCode) ? [lead.regionCode] : [],
        ),
      ),
    ];
    if (regionCodes.length)
      for (const [code, id] of await this.referenceData.regionIdsByCode(em, regionCodes))
        context.regionIds.set(code, id);
    const declineRows: { lead_id: string; vendor_id: string; rep_id: string | null }[] = await em.query(
      `SELECT lead_id::text, vendor_id::text, rep_id::text FROM lead_declines WHERE lead_id = ANY($1::uuid[])`,
      [leads.map((lead) => lead.id)],
    );
    for (const row of declineRows) {
      const entry = context.declines.get(row.lead_id) ?? {
        reps: new Set<string>(),
        vendors: new Set<string>(),
      };
      if (row.rep_id) entry.reps.add(row.rep_id);
      else entry.vendors.add(row.vendor_id);
      context.declines.set(row.lead_id, entry);
    }
    const lineIds = [
      ...new Set(
        leads.flatMap((lead) => lead.productLineIds.filter((id) => !context.productLineCodes.has(id))),
      ),
    ];
    if (lineIds.length)
      for (const [id, code] of await this.catalog.productLineCodes(em, lineIds))
        context.productLineCodes.set(id, code);
  }

  /**
   * The valid certifications of the reps whose vendor's agreement in force requires them, on each vendor's
   * own calendar day: one read per distinct day (usually one), none when no vendor requires certification.
   * Null when no reader is registered — the engine then lets no rep of a requiring vendor qualify.
   */
  private async certifiedProductLines(
    em: EntityManager,
    scopes: EffectiveScope[],
    reps: RoutableRep[],
  ): Promise<CertifiedProductLines | null> {
    const dayOf = new Map(scopes.filter((s) => s.requiresCertification).map((s) => [s.vendorId, s.on]));
    const repsByDay = new Map<string, string[]>();
    for (const rep of reps) {
      const day = dayOf.get(rep.vendorId);
      if (day) repsByDay.set(day, [...(repsByDay.get(day) ?? []), rep.id]);
    }
    const certified: CertifiedProductLines = new Map();
    for (const [day, repIds] of repsByDay) {
      const read = await this.certifications.read(em, repIds, day);
      if (!read) return null;
      for (const [repId, lines] of read) certified.set(repId, lines);
    }
    return certified;
  }

  async openLeadCounts(em: EntityManager, repIds: string[]): Promise<Map<string, number>> {
    if (repIds.length === 0) return new Map();
    const rows: { rep_id: string; n: number }[] = await em.query(
      `SELECT owner_rep_id::text AS rep_id, count(*)::int AS n FROM leads
        WHERE owner_rep_id = ANY($1::uuid[]) AND status = ANY($2::text[]) AND merged_into_id IS NULL GROUP BY 1`,
      [repIds, OPEN_STATUSES],
    );
    return new Map(rows.map((row) => [row.rep_id, row.n]));
  }

  /**
   * Writes decisions set-based: lead owners and statuses, routing state, the decision log, the lead
   * history and `lead.assigned` events — all in the caller's transaction.
   */
  async writeDecisions(
    em: EntityManager,
    writes: DecisionWrite[],
    trigger: RoutingTrigger,
    at: Date,
    actor: Principal | null,
  ): Promise<void> {
    if (writes.length === 0) return;
    const when = at.toISOString();
    const owners: Record<string, unknown>[] = [];
    const states: Record<string, unknown>[] = [];
    const history: LeadHistoryRow[] = [];
    const events: Parameters<OutboxService['publish']>[1] = [];
    for (const { decision, pooledVendorId } of writes) {
      const { lead } = decision;
      const assigned = decision.outcome === RoutingOutcome.ASSIGNED;
      const vendorId = assigned ? decision.vendorId : decision.poolId ? (pooledVendorId ?? null) : null;
      const repId = assigned ? decision.repId : null;
      const status = assigned
        ? lead.status === LeadStatus.NEW
          ? LeadStatus.ASSIGNED
          : lead.status
        : lead.status === LeadStatus.ASSIGNED
          ? LeadStatus.NEW
          : lead.status;
      const fromStatus = lead.previousStatus ?? lead.status;
      const unchanged = vendorId === lead.vendorId && repId === lead.ownerRepId && status === fromStatus;
      if (unchanged && !decision.poolId) continue;
      owners.push({ lead_id: lead.id, vendor_id: vendorId, owner_rep_id: repId, status });
      states.push({
        lead_id: lead.id,
        owned_since: assigned ? when : null,
        pool_id: decision.poolId,
        entered_pool_at: decision.poolId ? when : null,
      });
      history.push({
        lead_id: lead.id,
        occurred_at: when,
        kind: ActivityKind.ASSIGNMENT,
        ...actorColumns(actor),
        actor_name: actor?.name ?? 'routing',
        content: decision.explanation,
        status_from: status !== fromStatus ? fromStatus : null,
        status_to: status !== fromStatus ? status : null,
        details: {
          trigger,
          outcome: decision.outcome,
          ruleId: decision.rule?.id ?? null,
          vendorId,
          ownerRepId: repId,
          poolId: decision.poolId,
          previousVendorId: lead.vendorId,
          previousOwnerRepId: lead.ownerRepId,
          ...decision.historyDetails,
        },
      });
      if (assigned)
        events.push({
          eventType: 'lead.assigned',
          vendorId,
          payload: {
            leadId: lead.id,
            vendorId,
            ownerRepId: repId,
            trigger,
            ruleId: decision.rule?.id ?? null,
          } satisfies LeadAssignedEventData,
        });
    }
    if (owners.length) {
      await em.query(
        `UPDATE leads l SET vendor_id = t.vendor_id, owner_rep_id = t.owner_rep_id, status = t.status,
                updated_at = now(), version = l.version + 1
           FROM ${unnestFrom(OWNER_COLUMNS, 1)} WHERE l.id = t.lead_id`,
        unnestParams(OWNER_COLUMNS, owners),
      );
      await em.query(
        `INSERT INTO lead_pool_states (lead_id, owned_since, pool_id, entered_pool_at)
         SELECT lead_id, owned_since, pool_id, entered_pool_at FROM ${unnestFrom(STATE_COLUMNS, 1)}
         ON CONFLICT (lead_id) DO UPDATE SET owned_since = excluded.owned_since, pool_id = excluded.pool_id,
           entered_pool_at = excluded.entered_pool_at, reclaim_warned_at = NULL, updated_at = now(),
           version = lead_pool_states.version + 1`,
        unnestParams(STATE_COLUMNS, states),
      );
    }
    await insertInChunks(
      em,
      'assignment_decisions',
      DECISION_COLUMNS,
      // Time-ordered ids, so a bulk run's decisions append to the log's key index.
      writes.map(({ decision }) => ({
        id: timeOrderedUuid(),
        lead_id: decision.lead.id,
        contract_id: null,
        decided_at: when,
        trigger,
        outcome: decision.outcome,
        rule_id: decision.rule?.id ?? null,
        rule_name: decision.rule?.name ?? null,
        strategy: decision.strategy,
        chosen_rep_id: decision.repId,
        chosen_vendor_id: decision.vendorId,
        pool_id: decision.poolId,
        ...storedLogColumns(decision),
        excluded_total: decision.excludedTotal ?? decision.excluded.length,
        explanation: decision.explanation.slice(0, 1000),
        actor_id: actor?.subjectId ?? null,
      })),
    );
    await writeLeadHistory(em, history);
    await this.outbox.publish(em, events);
  }

  /**
   * Open owned leads of the given vendors their owner team has not touched (`lead-touch.ts`: a follow-up,
   * call report or status change by the owning rep or a user of the owning vendor — a company user's note
   * or another vendor's work does not stop the clock) since they were assigned, assigned at least the
   * vendor's SLA hours ago by the wall clock: the candidates of the first-response SLA, in one statement
   * (working hours are judged by the caller).
   */
  findLeadsAwaitingFirstResponse(
    em: EntityManager,
    asOf: Date,
    slaHoursByVendor: Record<string, number>,
  ): Promise<AwaitingFirstResponse[]> {
    return em.query(
      `SELECT l.id::text AS "leadId", l.vendor_id::text AS "vendorId", l.owner_rep_id::text AS "ownerRepId",
              l.company_name AS "companyName", s.owned_since AS "assignedAt"
         FROM jsonb_each_text($2::jsonb) sla
         JOIN leads l ON l.vendor_id = sla.key::uuid
         JOIN lead_pool_states s ON s.lead_id = l.id
        WHERE l.merged_into_id IS NULL AND l.owner_rep_id IS NOT NULL AND l.status = ANY($3::text[])
          AND s.owned_since IS NOT NULL
          AND s.owned_since <= $1::timestamptz - make_interval(hours => sla.value::int)
          AND NOT EXISTS (
            SELECT 1 FROM lead_activities a
             WHERE a.lead_id = l.id AND a.occurred_at >= s.owned_since AND ${ownerTeamTouchSql('a', 'l')})
        ORDER BY s.owned_since, l.id`,
      [asOf, JSON.stringify(slaHoursByVendor), OPEN_STATUSES],
    );
  }

  /**
   * Routes leads whose first response is overdue to another eligible rep (never their owner), with the
   * reason in the decision log and the lead's history. A lead routing cannot give to anyone else keeps
   * its owner. Returns the moves made.
   */
  async rerouteOverdueFirstResponses(
    em: EntityManager,
    leadIds: string[],
    at: Date,
    reason: (leadId: string) => string,
  ): Promise<RoutingDecision[]> {
    if (leadIds.length === 0) return [];
    const leads = await this.lockLeads(em, 'l.id = ANY($1::uuid[]) AND l.status = ANY($2::text[])', [
      leadIds,
      OPEN_STATUSES,
    ]);
    return this.routeLeads(em, leads, RoutingTrigger.FIRST_RESPONSE_SLA, at, null, {
      excludeOwner: IneligibleReason.FIRST_RESPONSE_MISSED,
      onlyReassign: true,
      reason: (lead) => reason(lead.id),
    });
  }

  /** Row-locks the leads a batch routes; leads another transaction holds are left for the next run. */
  async lockLeads(
    em: EntityManager,
    condition: string,
    params: unknown[],
    limit = MAX_AUTO_ASSIGN,
  ): Promise<RoutableLead[]> {
    return em.query(
      `SELECT ${ROUTABLE_LEAD_COLUMNS} FROM leads l
        WHERE l.merged_into_id IS NULL AND ${condition}
        ORDER BY l.key_lead DESC, l.score DESC, l.created_at, l.id
        LIMIT ${Math.max(1, Math.floor(limit))}
        FOR UPDATE OF l SKIP LOCKED`,
      params,
    );
  }

  /**
   * `lockLeads` as a cursor in the caller's transaction: the same rows in the same order, each part read
   * and locked as it is fetched. One such cursor at a time per transaction.
   */
  private async openLeadCursor(
    em: EntityManager,
    condition: string,
    params: unknown[],
    limit = MAX_AUTO_ASSIGN,
  ): Promise<{ fetch: (n: number) => Promise<RoutableLead[]>; close: () => Promise<void> }> {
    await em.query(
      `DECLARE routable_leads NO SCROLL CURSOR FOR SELECT ${ROUTABLE_LEAD_COLUMNS} FROM leads l
        WHERE l.merged_into_id IS NULL AND ${condition}
        ORDER BY l.key_lead DESC, l.score DESC, l.created_at, l.id
        LIMIT ${Math.max(1, Math.floor(limit))}
        FOR UPDATE OF l SKIP LOCKED`,
      params,
    );
    return {
      fetch: (n) => em.query(`FETCH FORWARD ${Math.max(1, Math.floor(n))} FROM routable_leads`),
      close: async () => void (await em.query('CLOSE routable_leads')),
    };
  }

  /** The lead if the caller's scope covers it (404 otherwise), row-locked when asked. */
  async lockScopedLead(em: EntityManager, id: string, scope: DataScope, lock = true): Promise<RoutableLead> {
    const scoped = scope.toSql({ vendor: 'l.vendor_id', rep: 'l.owner_rep_id' }, 2);
    const [lead]: RoutableLead[] = await em.query(
      `SELECT ${ROUTABLE_LEAD_COLUMNS} FROM leads l WHERE l.id = $1 AND l.merged_into_id IS NULL
          AND ${scoped.condition} ${lock ? 'FOR UPDATE OF l' : ''}`,
      [id, ...scoped.params],
    );
    if (!lead) throw DomainException.notFound('Lead', id);
    return lead;
  }

  assertOpen(lead: RoutableLead): void {
    if (!OPEN_STATUSES.includes(lead.status))
      throw DomainException.of(ErrorCode.LEAD_CLOSED, `The lead is ${lead.status}; it is not routed`);
  }

  private async poolVendors(em: EntityManager, poolIds: string[]): Promise<Map<string, string | null>> {
    if (poolIds.length === 0) return new Map();
    const rows: { id: string; vendor_id: string | null }[] = await em.query(
      'SELECT id::text, vendor_id::text FROM lead_pools WHERE id = ANY($1::uuid[])',
      [[...new Set(poolIds)]],
    );
    return new Map(rows.map((row) => [row.id, row.vendor_id]));
  }

  private async latestDecision(
    em: EntityManager,
    leadId: string,
    decision: RoutingDecision,
  ): Promise<AssignmentDecision> {
    const [row] = await em.getRepository(AssignmentDecision).find({
      where: { leadId },
      order: { createdAt: 'DESC' },
      take: 1,
    });
    if (!row) throw new Error(`decision for ${decision.lead.id} was not written`);
    return row;
  }
}

export function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function stripEmpty<T extends object>(filter: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter))
    if (value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0))
      out[key] = value;
  return out as T;
}

/** Counts of a batch's outcomes. */
function summarise(decisions: RoutingDecision[], startedAt: number): AutoAssignResultDto {
  const summary = { considered: 0, assigned: 0, pooled: 0, unassigned: 0, durationMs: 0 };
  addOutcomes(summary, decisions);
  return { ...summary, durationMs: Date.now() - startedAt };
}

/** Adds a part's decisions to a run's counts. */
function addOutcomes(
  counts: Omit<AutoAssignResultDto, 'durationMs'>,
  decisions: readonly RoutingDecision[],
): void {
  counts.considered += decisions.length;
  for (const decision of decisions) {
    if (decision.outcome === RoutingOutcome.ASSIGNED) counts.assigned += 1;
    else if (decision.outcome === RoutingOutcome.POOLED) counts.pooled += 1;
    else if (decision.outcome === RoutingOutcome.UNASSIGNED) counts.unassigned += 1;
  }
}

/** One INSERT per 5 000 rows, so a 100 000-lead run never builds one giant parameter. */
async function insertInChunks(
  em: EntityManager,
  table: string,
  columns: RecordsetColumns,
  rows: Record<string, unknown>[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += 5000)
    await insertRecordset(em, table, columns, rows.slice(start, start + 5000));
}

/** A decision's log as the columns that store it (`decision-log.rules.ts`). */
function storedLogColumns(decision: RoutingDecision): Record<string, unknown> {
  const log = encodeDecisionLog(
    decision.candidates,
    decision.excluded,
    decision.excludedByReason ?? reasonCounts(decision.excluded),
  );
  return {
    log_vendor_ids: log.logVendorIds,
    candidate_rep_ids: log.candidateRepIds,
    candidate_codes: log.candidateCodes,
    excluded_rep_ids: log.excludedRepIds,
    excluded_codes: log.excludedCodes,
    excluded_reason_counts: log.excludedReasonCounts,
  };
}

/** Reasons counted over a complete exclusion list (decisions whose list is all there is). */
function reasonCounts(excluded: readonly ExcludedCandidate[]): Partial<Record<IneligibleReason, number>> {
  const counts: Partial<Record<IneligibleReason, number>> = {};
  for (const entry of excluded)
    for (const reason of entry.reasons) counts[reason] = (counts[reason] ?? 0) + 1;
  return counts;
}
