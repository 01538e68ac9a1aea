import { updateVersioned } from '../../../common/http/versioned-update';
import { refuseNulls } from '../../../common/validation/validation-helpers';
import type { LeadReclaimedEventData } from '../../webhooks/webhook-events';
import {
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  encodeCursor,
  Page,
  PageQuery,
  paginate,
} from '../../../common/pagination/pagination';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DataScope } from '../../../common/auth/data-scope';
import { Principal, Role } from '../../../common/auth/role';
import { DomainException } from '../../../common/errors/domain.exception';
import { ErrorCode } from '../../../common/errors/error-codes';
import { OutboxService } from '../../webhooks/outbox.service';
import { RepsService } from '../../vendors/reps.service';
import { LeadClawbackPolicy } from '../../vendors/vendor-enums';
import type { OffboardingContext, OffboardingSection } from '../../vendors/vendor-offboarding';
import { writeLeadHistory } from '../history/lead-history';
import { OPEN_STATUSES } from '../lead-status.rules';
import { ActivityKind, LeadGrade, LeadStatus } from '../lead.enums';
import { insertRecordset, recordsetFrom } from '../recordset';
import { ineligibility, RoutableLead, RoutingDecision } from '../routing/routing-engine.rules';
import { IneligibleReason, RoutingOutcome, RoutingStrategy, RoutingTrigger } from '../routing/routing.enums';
import { AUTO_ASSIGN_PART, ROUTABLE_LEAD_COLUMNS, RoutingService } from '../routing/routing.service';
import { contactsVisible, maskEmail, maskName, maskPhone } from '../personal-data/lead-masking.rules';
import { LeadPool } from './lead-pool.entity';
import {
  CreateLeadPoolDto,
  DistributePoolLeadsDto,
  UpdateLeadPoolDto,
  PoolLeadDto,
  ReclaimRunResultDto,
  ReclaimWarningDto,
  ReviveLeadsDto,
  RevivalRunResultDto,
} from './pool.dto';
import { actorColumns } from '../history/lead-touch.rules';

/**
 * Reasons that concern the vendor's contracted scope, not the rep's load: a claim must pass these —
 * including the certification an agreement may require of the rep.
 */
const SCOPE_REASONS = new Set<IneligibleReason>([
  IneligibleReason.VENDOR_NOT_ROUTABLE,
  IneligibleReason.REGION_OUT_OF_SCOPE,
  IneligibleReason.INDUSTRY_OUT_OF_SCOPE,
  IneligibleReason.PRODUCT_LINE_OUT_OF_SCOPE,
  IneligibleReason.CONFLICT_OF_INTEREST,
  IneligibleReason.STAGE_OUT_OF_SCOPE,
  IneligibleReason.DECLINED_BY_REP,
  IneligibleReason.DECLINED_BY_VENDOR,
  IneligibleReason.NOT_CERTIFIED,
]);

/**
 * When each owned open lead falls due for reclaim: the pool it returns to (its vendor's pool, else the
 * default company pool), its tier (key, else grade; dead counts as low), and the earlier of "no follow-up
 * for N days" and "no status progress for N days", both counted from the later of ownership and the
 * last touch (by the owner team, `lead-touch.ts`: a duplicate intake or a manager's note does not hold the
 * lead) / status move — both kept on the lead (`owner_touch_at`, `status_moved_at`), not read from its history.
 */
const RECLAIM_DUE_SQL = `
SELECT l.id::text AS lead_id, l.vendor_id::text AS vendor_id, l.owner_rep_id::text AS owner_rep_id, l.status,
       p.id::text AS pool_id, p.vendor_id::text AS pool_vendor_id, p.warn_days_before, tier.name AS tier,
       s.reclaim_warned_at,
       least(
         greatest(coalesce(s.owned_since, l.created_at), coalesce(l.owner_touch_at, l.created_at))
           + (p.no_follow_up_days ->> tier.name)::int * interval '1 day',
         CASE WHEN p.no_progress_days IS NULL THEN NULL ELSE
           greatest(coalesce(s.owned_since, l.created_at), coalesce(l.status_moved_at, l.created_at))
             + (p.no_progress_days ->> tier.name)::int * interval '1 day' END
       ) AS due_at,
       CASE WHEN greatest(coalesce(s.owned_since, l.created_at), coalesce(l.owner_touch_at, l.created_at))
                 + (p.no_follow_up_days ->> tier.name)::int * interval '1 day' <= $1
            THEN 'no_follow_up' ELSE 'no_progress' END AS cause
  FROM leads l
  LEFT JOIN lead_pool_states s ON s.lead_id = l.id
  CROSS JOIN LATERAL (SELECT CASE WHEN l.key_lead THEN 'key' WHEN l.grade IN ('high', 'medium') THEN l.grade
                                  ELSE 'low' END AS name) tier
  JOIN LATERAL (SELECT * FROM lead_pools p
                 WHERE (p.vendor_id = l.vendor_id OR (p.vendor_id IS NULL AND p.is_default)) AND p.closed_at IS NULL
                 ORDER BY p.vendor_id IS NULL, p.created_at LIMIT 1) p ON true
 WHERE l.owner_rep_id IS NOT NULL AND l.status = ANY($2::text[]) AND l.merged_into_id IS NULL
   -- Only leads that can be due by $3/$4 (reclaimBounds), through the partial indexes on the owned open
   -- leads' kept touch and move: the cost follows the leads near due, not the owned ones.
   AND (coalesce(l.owner_touch_at, l.created_at) <= $3::timestamptz
        OR coalesce(l.status_moved_at, l.created_at) <= $4::timestamptz)`;

/** A lead not yet due that falls due within its pool's warning days and was not warned (over `d`). */
const WARN_DUE_CONDITION = `d.due_at > $1 AND d.warn_days_before > 0 AND d.reclaim_warned_at IS NULL
  AND d.due_at <= $1::timestamptz + d.warn_days_before * interval '1 day'`;

/**
 * The latest touch and status move a lead may have had and still fall due by `asOf` plus the longest
 * warning of any open pool: the shortest window of any open pool and tier before that. A lower bound of
 * every lead's due time, so RECLAIM_DUE_SQL reads only leads at or near due. Null when no pool is open.
 */
const RECLAIM_BOUNDS_SQL = `
SELECT $1::timestamptz + (max(p.warn_days_before) - min(fu.days)) * interval '1 day' AS touch_before,
       $1::timestamptz + (max(p.warn_days_before) - min(np.days)) * interval '1 day' AS moved_before
  FROM lead_pools p
  CROSS JOIN LATERAL (SELECT min(value::int) AS days FROM jsonb_each_text(p.no_follow_up_days)) fu
  LEFT JOIN LATERAL (SELECT min(value::int) AS days FROM jsonb_each_text(p.no_progress_days)) np ON true
 WHERE p.closed_at IS NULL`;

/** The owned open leads due by `asOf` (`withWarnings`: or within their pool's warning days, not warned yet). */
async function dueForReclaim(
  em: EntityManager,
  asOf: Date,
  withWarnings: 'due' | 'warn' | 'both',
): Promise<DueRow[]> {
  const [bounds]: { touch_before: Date | null; moved_before: Date | null }[] = await em.query(
    RECLAIM_BOUNDS_SQL,
    [asOf],
  );
  if (!bounds?.touch_before) return [];
  const condition = {
    due: 'd.due_at <= $1',
    warn: WARN_DUE_CONDITION,
    both: `d.due_at <= $1 OR (${WARN_DUE_CONDITION})`,
  };
  return em.query(`SELECT * FROM (${RECLAIM_DUE_SQL}) d WHERE ${condition[withWarnings]}`, [
    asOf,
    OPEN_STATUSES,
    bounds.touch_before,
    bounds.moved_before,
  ]);
}

interface DueRow {
  lead_id: string;
  vendor_id: string | null;
  owner_rep_id: string;
  status: LeadStatus;
  pool_id: string;
  pool_vendor_id: string | null;
  warn_days_before: number;
  tier: string;
  reclaim_warned_at: Date | null;
  due_at: Date;
  cause: 'no_follow_up' | 'no_progress';
}

const RECLAIM_STATE_COLUMNS = [
  ['lead_id', 'uuid'],
  ['pool_id', 'uuid'],
  ['last_owner_rep_id', 'uuid'],
  ['last_owner_vendor_id', 'uuid'],
] as const;

interface PoolContactRow {
  vendorId: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
}

/** The lead pool (公海): reclaim of idle leads, warnings, claims, distribution and revival. */
/** The cursor tag of a pool's lead list, so its cursors are refused by every other list. */
const POOL_LEADS_LIST = 'lead_pool_states|pool-leads|not_key,neg_score,id';

@Injectable()
export class PoolService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly routing: RoutingService,
    private readonly reps: RepsService,
    private readonly outbox: OutboxService,
  ) {}

  async createLeadPool(input: CreateLeadPoolDto, scope: DataScope): Promise<LeadPool> {
    const vendorId = input.vendorId ?? null;
    if (!scope.isCompanyWide && vendorId !== scope.vendorId)
      throw DomainException.forbidden('A vendor manager creates pools of their own vendor only');
    // Only a company pool can be the default; a vendor pool never displaces it.
    const makeDefault = (input.isDefault ?? false) && vendorId === null;
    return this.dataSource.transaction(async (em) => {
      if (makeDefault) await em.query('UPDATE lead_pools SET is_default = false WHERE is_default');
      return em.save(
        em.create(LeadPool, {
          name: input.name,
          vendorId,
          isDefault: makeDefault,
          noFollowUpDays: { ...input.noFollowUpDays },
          noProgressDays: input.noProgressDays ? { ...input.noProgressDays } : null,
          warnDaysBefore: input.warnDaysBefore ?? 0,
          holdingCap: input.holdingCap,
          dailyClaimLimit: input.dailyClaimLimit,
          cooldownHours: input.cooldownHours ?? 0,
        }),
      );
    });
  }

  /** Company pools are open to all; a vendor pool only to its vendor. By name, keyset-paged. */
  listLeadPools(scope: DataScope, query: PageQuery): Promise<Page<LeadPool>> {
    const builder = this.dataSource.getRepository(LeadPool).createQueryBuilder('pool');
    if (!scope.isCompanyWide)
      builder.where('(pool.vendor_id IS NULL OR pool.vendor_id = :vendorId)', { vendorId: scope.vendorId });
    return paginate(builder, query, [
      { expression: 'pool.name', read: (row) => row.name },
      { expression: 'pool.id', read: (row) => row.id },
    ]);
  }

  /**
   * Edits a pool's rules with optimistic locking (If-Match). A company pool is edited by company roles,
   * a vendor pool also by its vendor's manager. The default pool cannot stop being the default: another
   * company pool is made the default instead, which takes the flag from it in the same transaction.
   */
  async updateLeadPool(
    id: string,
    input: UpdateLeadPoolDto,
    expectedVersion: number | undefined,
    scope: DataScope,
  ): Promise<LeadPool> {
    refuseNulls(input, ['noProgressDays']);
    return this.dataSource.transaction(async (em) => {
      const pool = await this.getLeadPool(id, scope, em);
      if (!scope.isCompanyWide && pool.vendorId !== scope.vendorId)
        throw DomainException.forbidden('A vendor manager edits pools of their own vendor only');
      refuseClosed(pool);
      if (input.isDefault === true && pool.vendorId !== null)
        throw DomainException.validation([
          { field: 'isDefault', message: 'only a company pool can be the default' },
        ]);
      if (input.isDefault === false && pool.isDefault)
        throw DomainException.validation([
          { field: 'isDefault', message: 'make another company pool the default instead' },
        ]);
      const changes: Partial<LeadPool> = {};
      if (input.name !== undefined) changes.name = input.name;
      if (input.noFollowUpDays !== undefined) changes.noFollowUpDays = { ...input.noFollowUpDays };
      if (input.noProgressDays !== undefined)
        changes.noProgressDays = input.noProgressDays ? { ...input.noProgressDays } : null;
      if (input.warnDaysBefore !== undefined) changes.warnDaysBefore = input.warnDaysBefore;
      if (input.holdingCap !== undefined) changes.holdingCap = input.holdingCap;
      if (input.dailyClaimLimit !== undefined) changes.dailyClaimLimit = input.dailyClaimLimit;
      if (input.cooldownHours !== undefined) changes.cooldownHours = input.cooldownHours;
      if (input.isDefault === true && !pool.isDefault) {
        await em.query(
          'UPDATE lead_pools SET is_default = false, updated_at = now(), version = version + 1 WHERE is_default',
        );
        changes.isDefault = true;
      }
      if (Object.keys(changes).length === 0) {
        if (expectedVersion !== undefined && expectedVersion !== pool.version)
          throw DomainException.versionMismatch(pool.version);
        return pool;
      }
      return updateVersioned(em, LeadPool, pool, changes, expectedVersion);
    });
  }

  /**
   * Closes a pool: its waiting leads move to the default company pool (each lead's history says so), the
   * reclaim sends no more leads to it (a vendor's leads fall back to the default pool), and it takes no
   * claims, distributions or edits. The default pool cannot be closed (make another the default first).
   */
  async closeLeadPool(
    id: string,
    expectedVersion: number | undefined,
    scope: DataScope,
    principal: Principal,
  ): Promise<{ pool: LeadPool; movedLeadIds: string[] }> {
    return this.dataSource.transaction(async (em) => {
      const pool = await this.getLeadPool(id, scope, em);
      if (!scope.isCompanyWide && pool.vendorId !== scope.vendorId)
        throw DomainException.forbidden('A vendor manager closes pools of their own vendor only');
      refuseClosed(pool);
      if (expectedVersion !== undefined && expectedVersion !== pool.version)
        throw DomainException.versionMismatch(pool.version);
      if (pool.isDefault)
        throw DomainException.of(
          ErrorCode.POOL_IS_DEFAULT,
          'The default pool cannot be closed; make another company pool the default first',
        );
      const [fallback]: { id: string; name: string }[] = await em.query(
        `SELECT id::text, name FROM lead_pools WHERE is_default AND closed_at IS NULL AND vendor_id IS NULL`,
      );
      if (!fallback)
        throw DomainException.of(
          ErrorCode.POOL_IS_DEFAULT,
          'There is no open default pool to move the leads to',
        );
      // The leads waiting in the pool (unowned); a lead claimed from it keeps its state row as it is.
      // An UPDATE … RETURNING answers [rows, count].
      const [moved]: [{ id: string }[], number] = await em.query(
        `UPDATE lead_pool_states s SET pool_id = $2, entered_pool_at = now(), updated_at = now(),
                version = s.version + 1
           FROM leads l
          WHERE l.id = s.lead_id AND s.pool_id = $1 AND l.owner_rep_id IS NULL
          RETURNING s.lead_id::text AS id`,
        [pool.id, fallback.id],
      );
      const movedLeadIds = moved.map((row) => row.id);
      if (movedLeadIds.length > 0) {
        await em.query(
          `UPDATE leads SET vendor_id = NULL, updated_at = now(), version = version + 1 WHERE id = ANY($1::uuid[])`,
          [movedLeadIds],
        );
        const when = new Date().toISOString();
        await writeLeadHistory(
          em,
          movedLeadIds.map((leadId) => ({
            lead_id: leadId,
            occurred_at: when,
            kind: ActivityKind.RECLAIM,
            ...actorColumns(principal),
            content: `Moved to the pool ${fallback.name}: the pool ${pool.name} was closed`,
            status_from: null,
            status_to: null,
            details: { poolId: fallback.id, closedPoolId: pool.id },
          })),
        );
      }
      const closed = await updateVersioned(em, LeadPool, pool, { closedAt: new Date() }, undefined);
      return { pool: closed, movedLeadIds };
    });
  }

  async getLeadPool(
    id: string,
    scope: DataScope,
    em: EntityManager = this.dataSource.manager,
  ): Promise<LeadPool> {
    const pool = await em.findOneBy(LeadPool, { id });
    if (!pool || (pool.vendorId !== null && !scope.canSeeVendor(pool.vendorId)))
      throw DomainException.notFound('Lead pool', id);
    return pool;
  }

  /**
   * Key leads first, then the best scored, keyset-paged: the sort key is (not key lead, -score, id)
   * ascending, so one row comparison finds the next page. With each lead's vendor, so the caller can tell
   * whose contacts it was shown unmasked.
   */
  async listLeadPoolLeads(
    id: string,
    scope: DataScope,
    query: PageQuery,
  ): Promise<Page<PoolLeadDto & { vendorId: string | null }>> {
    await this.getLeadPool(id, scope);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor ? decodeCursor(query.cursor, 3, POOL_LEADS_LIST) : null;
    const rows: (Omit<PoolLeadDto, 'contact'> & PoolContactRow & { notKey: number; negScore: number })[] =
      await this.dataSource.query(
        `SELECT l.id::text AS "leadId", l.company_name AS "companyName", l.grade, l.key_lead AS "keyLead",
              l.region_code AS "regionCode", l.industry_code AS "industryCode", l.status,
              l.vendor_id::text AS "vendorId",
              s.recovery_count AS "recoveryCount", s.entered_pool_at AS "enteredPoolAt",
              s.last_owner_rep_id::text AS "lastOwnerRepId",
              c.name AS "contactName", c.phone AS "contactPhone", c.email AS "contactEmail",
              (NOT l.key_lead)::int AS "notKey", -l.score AS "negScore"
         FROM lead_pool_states s JOIN leads l ON l.id = s.lead_id
         LEFT JOIN LATERAL (SELECT name, phone, email FROM lead_contacts
                             WHERE lead_id = l.id ORDER BY position LIMIT 1) c ON true
        WHERE s.pool_id = $1 AND l.owner_rep_id IS NULL
          AND ($2::int IS NULL OR ((NOT l.key_lead)::int, -l.score, l.id) > ($2::int, $3::int, $4::uuid))
        ORDER BY (NOT l.key_lead)::int, -l.score, l.id LIMIT $5`,
        [id, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, limit + 1],
      );
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    const nextCursor = last ? encodeCursor([last.notKey, last.negScore, last.leadId], POOL_LEADS_LIST) : null;
    // Until a rep claims the lead, its contact stays masked for callers of other vendors (公海 masking).
    const data = rows
      .slice(0, limit)
      .map(({ vendorId, contactName, contactPhone, contactEmail, notKey: _k, negScore: _s, ...row }) => {
        const visible = contactsVisible(scope, vendorId);
        return {
          ...row,
          vendorId,
          enteredPoolAt: row.enteredPoolAt && new Date(row.enteredPoolAt).toISOString(),
          contact:
            contactName || contactPhone || contactEmail
              ? {
                  name: visible ? contactName : maskName(contactName),
                  phone: visible ? contactPhone : maskPhone(contactPhone),
                  email: visible ? contactEmail : maskEmail(contactEmail),
                }
              : null,
        };
      });
    return { data, nextCursor };
  }

  /** A rep takes a lead from a pool they may see, within cool-down, daily limit, holding cap and scope. */
  async claimPoolLead(
    poolId: string,
    leadId: string,
    scope: DataScope,
    principal: Principal,
    at: Date,
  ): Promise<RoutingDecision> {
    if (principal.role !== Role.REP || !principal.repId)
      throw DomainException.forbidden('Only reps claim leads');
    return this.takeFromPool(
      poolId,
      [leadId],
      principal.repId,
      scope,
      principal,
      at,
      RoutingTrigger.CLAIM,
    ).then(([decision]) => decision);
  }

  /** A manager hands pool leads to a rep (a vendor manager: from their pool to their reps). */
  distributePoolLeads(
    poolId: string,
    input: DistributePoolLeadsDto,
    scope: DataScope,
    principal: Principal,
    at: Date,
  ): Promise<RoutingDecision[]> {
    return this.takeFromPool(
      poolId,
      input.leadIds,
      input.repId,
      scope,
      principal,
      at,
      RoutingTrigger.DISTRIBUTE,
    );
  }

  private takeFromPool(
    poolId: string,
    leadIds: string[],
    repId: string,
    scope: DataScope,
    principal: Principal,
    at: Date,
    trigger: RoutingTrigger,
  ): Promise<RoutingDecision[]> {
    return this.dataSource.transaction(async (em) => {
      const pool = await this.getLeadPool(poolId, scope, em);
      refuseClosed(pool);
      if (trigger === RoutingTrigger.DISTRIBUTE && !scope.isCompanyWide && pool.vendorId !== scope.vendorId)
        throw DomainException.forbidden('A vendor manager distributes from their vendor’s pool only');
      const { rep } = await this.reps.getRep(em, repId, scope);
      if (!rep.active)
        throw DomainException.of(ErrorCode.REP_INACTIVE, `Rep ${rep.id} is inactive and takes no leads`);
      if (pool.vendorId !== null && rep.vendorId !== pool.vendorId)
        throw DomainException.notFound('Rep', repId);
      const leads: (RoutableLead & { last_owner_rep_id: string | null; last_reclaimed_at: Date | null })[] =
        await em.query(
          `SELECT ${ROUTABLE_LEAD_COLUMNS}, s.last_owner_rep_id::text AS last_owner_rep_id, s.last_reclaimed_at
             FROM leads l JOIN lead_pool_states s ON s.lead_id = l.id
            WHERE l.id = ANY($1::uuid[]) AND s.pool_id = $2 AND l.owner_rep_id IS NULL
            FOR UPDATE OF l, s`,
          [leadIds, poolId],
        );
      const missing = leadIds.filter((id) => !leads.some((lead) => lead.id === id));
      if (missing.length)
        throw DomainException.of(ErrorCode.LEAD_NOT_IN_POOL, `Not in the pool: ${missing.join(', ')}`, {
          leadIds: missing,
        });
      if (trigger === RoutingTrigger.CLAIM) {
        for (const lead of leads) {
          const until = lead.last_reclaimed_at
            ? new Date(new Date(lead.last_reclaimed_at).getTime() + pool.cooldownHours * 3_600_000)
            : null;
          if (pool.cooldownHours > 0 && lead.last_owner_rep_id === rep.id && until && at < until)
            throw DomainException.of(
              ErrorCode.POOL_CLAIM_COOLDOWN,
              `The lead was reclaimed from you; you may claim it again from ${until.toISOString()}`,
              { availableAt: until.toISOString() },
            );
        }
        const [{ n }]: { n: number }[] = await em.query(
          `SELECT count(*)::int AS n FROM lead_pool_claims
            WHERE rep_id = $1 AND pool_id = $2 AND NOT distributed
              AND claimed_at >= (date_trunc('day', $3::timestamptz AT TIME ZONE $4) AT TIME ZONE $4)`,
          [rep.id, poolId, at, rep.timezone],
        );
        if (n + leads.length > pool.dailyClaimLimit)
          throw DomainException.of(
            ErrorCode.POOL_CLAIM_LIMIT_REACHED,
            `You claimed ${n} leads from this pool today; the limit is ${pool.dailyClaimLimit}`,
            { claimedToday: n, dailyClaimLimit: pool.dailyClaimLimit },
          );
      }
      const held = (await this.routing.openLeadCounts(em, [rep.id])).get(rep.id) ?? 0;
      if (held + leads.length > pool.holdingCap)
        throw DomainException.of(
          ErrorCode.POOL_HOLDING_CAP_REACHED,
          `The rep holds ${held} open leads; this pool lets a rep hold ${pool.holdingCap}`,
          { openLeads: held, holdingCap: pool.holdingCap },
        );
      if (held + leads.length > rep.capacity)
        throw DomainException.of(
          ErrorCode.REP_AT_CAPACITY,
          `The rep holds ${held} open leads, their capacity is ${rep.capacity}`,
          { openLeads: held, capacity: rep.capacity },
        );
      const context = await this.routing.buildContext(em, [], leads, at, [rep.vendorId]);
      const state = context.repsByVendor.get(rep.vendorId)?.find((s) => s.rep.id === rep.id);
      const decisions: RoutingDecision[] = leads.map((lead) => {
        const reasons = state
          ? ineligibility(context, lead, state, null).filter((reason) => SCOPE_REASONS.has(reason))
          : [IneligibleReason.VENDOR_NOT_ROUTABLE];
        if (reasons.length)
          throw new DomainException(
            ErrorCode.LEAD_NOT_ELIGIBLE,
            `Lead ${lead.id} is outside what the rep’s vendor may take: ${reasons.join(', ')}`,
            undefined,
            { leadId: lead.id, reasons },
          );
        return {
          lead,
          rule: null,
          strategy: null,
          outcome: RoutingOutcome.ASSIGNED,
          repId: rep.id,
          vendorId: rep.vendorId,
          poolId: null,
          candidates: [],
          excluded: [],
          explanation:
            trigger === RoutingTrigger.CLAIM
              ? `Claimed from pool "${pool.name}"`
              : `Distributed from pool "${pool.name}" by ${principal.name}`,
        };
      });
      await this.routing.writeDecisions(
        em,
        decisions.map((decision) => ({ decision })),
        trigger,
        at,
        principal,
      );
      await insertRecordset(
        em,
        'lead_pool_claims',
        [
          ['pool_id', 'uuid'],
          ['lead_id', 'uuid'],
          ['rep_id', 'uuid'],
          ['distributed', 'boolean'],
          ['claimed_at', 'timestamptz'],
        ],
        leads.map((lead) => ({
          pool_id: poolId,
          lead_id: lead.id,
          rep_id: rep.id,
          distributed: trigger === RoutingTrigger.DISTRIBUTE,
          claimed_at: at.toISOString(),
        })),
      );
      return decisions;
    });
  }

  /**
   * Puts every owned open lead whose reclaim window ran out by `asOf` back into its pool, set-based:
   * owner cleared, recovery counted, history and `lead.reclaimed` events written in one transaction.
   */
  reclaimIdleLeads(asOf: Date): Promise<ReclaimRunResultDto> {
    return this.dataSource.transaction(async (em) => {
      const candidates = await dueForReclaim(em, asOf, 'due');
      return this.reclaimRows(em, candidates, asOf);
    });
  }

  /**
   * The scheduler's pass: reclaims what is due and warns what falls due within its warning days, from one
   * read of the owned open leads (the two sets are disjoint: a warning is for a lead not yet due).
   * Runs in the scheduler's transaction.
   */
  async reclaimAndWarn(
    em: EntityManager,
    asOf: Date,
  ): Promise<{ reclaimed: ReclaimRunResultDto; warnings: ReclaimWarningDto[] }> {
    const rows = await dueForReclaim(em, asOf, 'both');
    const due = rows.filter((row) => new Date(row.due_at).getTime() <= asOf.getTime());
    const reclaimed = await this.reclaimRows(em, due, asOf);
    const warnings = await this.warnRows(
      em,
      rows.filter((row) => new Date(row.due_at).getTime() > asOf.getTime()),
      asOf,
    );
    return { reclaimed, warnings };
  }

  private async reclaimRows(
    em: EntityManager,
    candidates: DueRow[],
    asOf: Date,
  ): Promise<ReclaimRunResultDto> {
    // Leads another transaction is working on are left for the next run.
    const locked = new Set(
      (
        await em.query<{ id: string }[]>(
          'SELECT id::text FROM leads WHERE id = ANY($1::uuid[]) FOR UPDATE SKIP LOCKED',
          [candidates.map((row) => row.lead_id)],
        )
      ).map((row) => row.id),
    );
    const due = candidates.filter((row) => locked.has(row.lead_id));
    if (due.length === 0) return { reclaimed: 0, leadIds: [] };
    const when = asOf.toISOString();
    await em.query(
      `UPDATE leads l SET owner_rep_id = NULL, vendor_id = t.vendor_id,
              status = CASE WHEN l.status = 'assigned' THEN 'new' ELSE l.status END,
              updated_at = now(), version = l.version + 1
         FROM ${recordsetFrom(
           [
             ['lead_id', 'uuid'],
             ['vendor_id', 'uuid'],
           ],
           1,
         )} WHERE l.id = t.lead_id`,
      [JSON.stringify(due.map((row) => ({ lead_id: row.lead_id, vendor_id: row.pool_vendor_id })))],
    );
    await em.query(
      `INSERT INTO lead_pool_states (lead_id, pool_id, entered_pool_at, recovery_count, last_reclaimed_at,
                                     last_owner_rep_id, last_owner_vendor_id)
       SELECT t.lead_id, t.pool_id, $2, 1, $2, t.last_owner_rep_id, t.last_owner_vendor_id
         FROM ${recordsetFrom(RECLAIM_STATE_COLUMNS, 1)}
       ON CONFLICT (lead_id) DO UPDATE SET pool_id = excluded.pool_id, entered_pool_at = $2,
         recovery_count = lead_pool_states.recovery_count + 1, last_reclaimed_at = $2,
         last_owner_rep_id = excluded.last_owner_rep_id, last_owner_vendor_id = excluded.last_owner_vendor_id,
         owned_since = NULL, reclaim_warned_at = NULL, updated_at = now(), version = lead_pool_states.version + 1`,
      [
        JSON.stringify(
          due.map((row) => ({
            lead_id: row.lead_id,
            pool_id: row.pool_id,
            last_owner_rep_id: row.owner_rep_id,
            last_owner_vendor_id: row.vendor_id,
          })),
        ),
        when,
      ],
    );
    const explain = (row: DueRow) =>
      `Reclaimed into the pool: ${row.cause === 'no_follow_up' ? 'no follow-up' : 'no status progress'} ` +
      `within the ${row.tier} window`;
    await writeLeadHistory(
      em,
      due.map((row) => ({
        lead_id: row.lead_id,
        occurred_at: when,
        kind: ActivityKind.RECLAIM,
        actor_name: 'lead pool',
        content: explain(row),
        status_from: row.status === LeadStatus.ASSIGNED ? row.status : null,
        status_to: row.status === LeadStatus.ASSIGNED ? LeadStatus.NEW : null,
        details: {
          poolId: row.pool_id,
          previousOwnerRepId: row.owner_rep_id,
          cause: row.cause,
          tier: row.tier,
        },
      })),
    );
    await insertRecordset(
      em,
      'assignment_decisions',
      [
        ['lead_id', 'uuid'],
        ['decided_at', 'timestamptz'],
        ['trigger', 'text'],
        ['outcome', 'text'],
        ['pool_id', 'uuid'],
        ['explanation', 'text'],
      ],
      due.map((row) => ({
        lead_id: row.lead_id,
        decided_at: when,
        trigger: RoutingTrigger.RECLAIM,
        outcome: RoutingOutcome.POOLED,
        pool_id: row.pool_id,
        explanation: explain(row),
      })),
    );
    await this.outbox.publish(
      em,
      due.map((row) => ({
        eventType: 'lead.reclaimed' as const,
        vendorId: row.vendor_id,
        payload: {
          leadId: row.lead_id,
          poolId: row.pool_id,
          previousOwnerRepId: row.owner_rep_id,
          cause: row.cause,
        } satisfies LeadReclaimedEventData,
      })),
    );
    return { reclaimed: due.length, leadIds: due.map((row) => row.lead_id) };
  }

  /**
   * Offboarding's claw-back, in the offboarding transaction: every open lead of the vendor (owned by its
   * reps or waiting in its pool) is re-routed when the agreement says so, and whatever is not placed goes
   * to the default company pool. A lead's follow-up plan and due date travel with it; its history, call
   * reports and decisions stay. Leads are locked without skipping, so none is left behind.
   */
  async releaseVendorLeads(em: EntityManager, context: OffboardingContext): Promise<OffboardingSection> {
    const leads: (RoutableLead & { followUpDue: Date | null })[] = await em.query(
      `SELECT ${ROUTABLE_LEAD_COLUMNS}, l.next_follow_up_due AS "followUpDue" FROM leads l
        WHERE l.vendor_id = $1 AND l.merged_into_id IS NULL AND l.status = ANY($2::text[])
        ORDER BY l.key_lead DESC, l.score DESC, l.id FOR UPDATE OF l`,
      [context.vendorId, OPEN_STATUSES],
    );
    const previous = new Map(leads.map((lead) => [lead.id, { ...lead }]));
    const items: OffboardingSection['items'] = [];
    let unplaced: RoutableLead[] = leads;
    if (context.leadClawbackPolicy === LeadClawbackPolicy.REROUTE && leads.length) {
      // A large vendor's open leads are decided a part at a time (as a bulk auto-assignment is): only
      // what the offboarding report says of each placed lead is kept, not every decision's candidates.
      const placedIds = new Set<string>();
      await this.routing.routeLeadsInParts(
        em,
        leads,
        RoutingTrigger.OFFBOARDING,
        context.at,
        context.actor,
        {},
        AUTO_ASSIGN_PART,
        (decisions) => {
          for (const d of decisions) {
            if (d.outcome === RoutingOutcome.UNASSIGNED) continue;
            placedIds.add(d.lead.id);
            items.push({
              kind: 'lead',
              id: d.lead.id,
              detail:
                d.outcome === RoutingOutcome.ASSIGNED
                  ? `re-routed to rep ${d.repId} of vendor ${d.vendorId}`
                  : `re-routed into pool ${d.poolId}`,
            });
          }
        },
      );
      // What routing left unassigned was written as unowned; carry that into the pooling step.
      unplaced = leads
        .filter((lead) => !placedIds.has(lead.id))
        .map((lead) => ({
          ...lead,
          vendorId: null,
          ownerRepId: null,
          status: lead.status === LeadStatus.ASSIGNED ? LeadStatus.NEW : lead.status,
        }));
    }
    const [pool]: { id: string; name: string }[] = await em.query(
      `SELECT id::text, name FROM lead_pools WHERE vendor_id IS NULL
        ORDER BY is_default DESC, created_at, id LIMIT 1`,
    );
    const why = `Vendor ${context.vendorName} offboarded (${context.reason})`;
    await this.routing.writeDecisions(
      em,
      unplaced.map((lead) => ({
        decision: {
          lead,
          rule: null,
          strategy: null,
          outcome: pool ? RoutingOutcome.POOLED : RoutingOutcome.UNASSIGNED,
          repId: null,
          vendorId: null,
          poolId: pool?.id ?? null,
          candidates: [],
          excluded: [],
          explanation: pool ? `${why}: back to pool "${pool.name}"` : `${why}: unassigned, no company pool`,
        },
        pooledVendorId: null,
      })),
      RoutingTrigger.OFFBOARDING,
      context.at,
      context.actor,
    );
    if (pool && unplaced.length)
      // The pool shows whose lead it was, as after a reclaim.
      await em.query(
        `UPDATE lead_pool_states s SET last_owner_rep_id = t.rep_id, last_owner_vendor_id = $2
           FROM ${recordsetFrom(
             [
               ['lead_id', 'uuid'],
               ['rep_id', 'uuid'],
             ],
             1,
           )} WHERE s.lead_id = t.lead_id`,
        [
          JSON.stringify(
            unplaced.map((lead) => ({ lead_id: lead.id, rep_id: previous.get(lead.id)?.ownerRepId ?? null })),
          ),
          context.vendorId,
        ],
      );
    for (const lead of unplaced)
      items.push({
        kind: 'lead',
        id: lead.id,
        detail: pool ? `back to pool ${pool.id}` : 'unassigned (no company pool)',
      });
    return {
      name: 'leads',
      counts: {
        openLeads: leads.length,
        rerouted: leads.length - unplaced.length,
        returnedToPool: pool ? unplaced.length : 0,
        unassigned: pool ? 0 : unplaced.length,
        followUpsMoved: leads.filter((lead) => lead.followUpDue !== null).length,
      },
      items,
    };
  }

  /** Warns owners of leads that fall due within their pool's warning days (once per ownership). */
  warnBeforeReclaim(asOf: Date): Promise<ReclaimWarningDto[]> {
    return this.dataSource.transaction(async (em) => {
      const rows = await dueForReclaim(em, asOf, 'warn');
      return this.warnRows(em, rows, asOf);
    });
  }

  private async warnRows(em: EntityManager, rows: DueRow[], asOf: Date): Promise<ReclaimWarningDto[]> {
    if (rows.length === 0) return [];
    const when = asOf.toISOString();
    await em.query(
      `INSERT INTO lead_pool_states (lead_id, reclaim_warned_at)
       SELECT lead_id, $2 FROM ${recordsetFrom([['lead_id', 'uuid']], 1)}
       ON CONFLICT (lead_id) DO UPDATE SET reclaim_warned_at = $2, updated_at = now(),
         version = lead_pool_states.version + 1`,
      [JSON.stringify(rows.map((row) => ({ lead_id: row.lead_id }))), when],
    );
    await writeLeadHistory(
      em,
      rows.map((row) => ({
        lead_id: row.lead_id,
        occurred_at: when,
        kind: ActivityKind.RECLAIM_WARNING,
        actor_name: 'lead pool',
        content: `Goes back to the pool on ${new Date(row.due_at).toISOString()} unless worked`,
        details: { poolId: row.pool_id, reclaimAt: new Date(row.due_at).toISOString(), cause: row.cause },
      })),
    );
    return rows.map((row) => ({
      leadId: row.lead_id,
      ownerRepId: row.owner_rep_id,
      vendorId: row.vendor_id,
      reclaimAt: new Date(row.due_at).toISOString(),
    }));
  }

  /**
   * Offers silent leads (open, no touch for N days) and dead ones (grade dead, or lost with a chance) to
   * routing again: the configured share of them, best scores first, routed best-fit. Lost leads reopen as
   * new. Each revival is written to the history and the decision log. Runs in the caller's transaction
   * (the scheduler's, or the one `reviveLeadsForRequest` opens).
   */
  /** Entry point of `POST /lead-pools/revival-runs`: one transaction around the revival. */
  reviveLeadsForRequest(asOf: Date, input: ReviveLeadsDto, actor: Principal): Promise<RevivalRunResultDto> {
    return this.dataSource.transaction((em) => this.reviveLeads(em, asOf, input, actor));
  }

  async reviveLeads(
    em: EntityManager,
    asOf: Date,
    input: ReviveLeadsDto,
    actor: Principal | null,
  ): Promise<RevivalRunResultDto> {
    const silentDays = input.silentDays ?? 30;
    const sharePercent = input.sharePercent ?? 20;
    const [{ n }]: { n: number }[] = await em.query(
      `SELECT count(*)::int AS n FROM leads l ${REVIVABLE_WHERE}`,
      [asOf, silentDays, OPEN_STATUSES],
    );
    const take = Math.ceil((n * sharePercent) / 100);
    if (take === 0) return { candidates: n, revived: 0, assigned: 0, leadIds: [] };
    const leads: RoutableLead[] = await em.query(
      `SELECT ${ROUTABLE_LEAD_COLUMNS} FROM leads l ${REVIVABLE_WHERE}
        ORDER BY l.key_lead DESC, l.score DESC, l.id LIMIT $4 FOR UPDATE OF l SKIP LOCKED`,
      [asOf, silentDays, OPEN_STATUSES, take],
    );
    const when = asOf.toISOString();
    for (const lead of leads) {
      lead.previousStatus = lead.status;
      if (lead.status === LeadStatus.LOST) lead.status = LeadStatus.NEW;
    }
    await em.query(
      `UPDATE leads SET lost_reason = NULL, lost_reason_text = NULL
        WHERE id = ANY($1::uuid[]) AND status = 'lost'`,
      [leads.map((lead) => lead.id)],
    );
    await writeLeadHistory(
      em,
      leads.map((lead) => ({
        lead_id: lead.id,
        occurred_at: when,
        kind: ActivityKind.REVIVAL,
        ...actorColumns(actor),
        actor_name: actor?.name ?? 'lead pool',
        content:
          lead.previousStatus === LeadStatus.LOST
            ? 'Lost lead offered again'
            : lead.grade === LeadGrade.DEAD
              ? 'Dead lead offered again'
              : `Silent for ${silentDays} days; offered again`,
        details: { previousOwnerRepId: lead.ownerRepId, previousStatus: lead.previousStatus },
      })),
    );
    const decisions = await this.routing.routeLeads(em, leads, RoutingTrigger.REVIVAL, asOf, actor, {
      strategyOverride: RoutingStrategy.BEST_FIT,
    });
    await em.query(
      `INSERT INTO lead_pool_states (lead_id, last_revived_at)
       SELECT unnest($1::uuid[]), $2
       ON CONFLICT (lead_id) DO UPDATE SET last_revived_at = $2, updated_at = now(),
         version = lead_pool_states.version + 1`,
      [leads.map((lead) => lead.id), when],
    );
    return {
      candidates: n,
      revived: leads.length,
      assigned: decisions.filter((d) => d.outcome === RoutingOutcome.ASSIGNED).length,
      leadIds: leads.map((lead) => lead.id),
    };
  }
}

/**
 * Silent (no touch by the owner team, `lead-touch.ts`, within the window: its kept latest touch and its
 * intake are both before it), or dead, or lost with a chance; not merged, not revived within the silence
 * window. $1 asOf, $2 days, $3 open statuses. Each branch has its partial index (`leads_open_silence`,
 * `leads_revivable_dead_or_lost`), so the candidates are read, not every open or lost lead.
 */
const REVIVABLE_WHERE = `
  WHERE l.merged_into_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM lead_pool_states s WHERE s.lead_id = l.id
                     AND (s.pool_id IS NOT NULL OR s.last_revived_at > $1::timestamptz - $2 * interval '1 day'))
    AND ((l.status = ANY($3::text[]) AND GREATEST(l.owner_touch_at, l.created_at) <= $1::timestamptz - $2 * interval '1 day')
      OR (l.status = ANY($3::text[]) AND l.grade = 'dead')
      OR (l.status = 'lost' AND NOT l.lost_no_chance))`;

function refuseClosed(pool: LeadPool): void {
  if (pool.closedAt)
    throw DomainException.of(
      ErrorCode.POOL_CLOSED,
      `The pool ${pool.name} was closed on ${pool.closedAt.toISOString()}; it takes and gives no leads`,
    );
}
