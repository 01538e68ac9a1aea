import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { DataScope } from '../../common/auth/data-scope';
import { Principal } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { Page, paginateSyncable } from '../../common/pagination/pagination';
import { todayIn } from '../../common/calendar/working-days';
import { refuseNulls } from '../../common/validation/validation-helpers';
import { containsPattern, missingIds } from '../../database/sql-helpers';
import { updateVersioned } from '../../common/http/versioned-update';
import { RevokedAccess, UsersService } from '../auth/users.service';
import { CatalogService } from '../catalog/catalog.service';
import type { RepChangedEventData, VendorStatusChangedEventData } from '../webhooks/webhook-events';
import { OutboxService } from '../webhooks/outbox.service';
import { ReferenceDataService, unknownReference } from './reference-data.service';
import {
  allowedNextStatuses,
  ALL_SALES_STAGES,
  isLegalStatusTransition,
  LeadClawbackPolicy,
  RepGrade,
  SalesStage,
  VendorKind,
  VendorStatus,
  VendorTier,
} from './vendor-enums';
import { OnboardingChecklist, onboardingChecklist, OnboardingFacts } from './onboarding-checklist.rules';
import { VendorCertifications } from './vendor-certifications';
import { OffboardingTrigger, VendorOffboarding } from './vendor-offboarding.entity';
import { OffboardingSection, VendorOffboardingSteps } from './vendor-offboarding';
import { VendorStandingService } from './vendor-standing.service';
import { Vendor } from './vendor.entity';
import type { CommissionBasis, CommissionTier, PerLeadFeeKind } from './agreement.entity';
import type { AgreementKpi, AgreementKpiClauses } from './agreement-kpis.rules';
import {
  CreateVendorDto,
  CreateVendorStatusChangeDto,
  ListVendorsQuery,
  UpdateVendorDto,
} from './vendors.dto';

/** A vendor's effective scope on one day; what lead routing may give it. */
export interface EffectiveScope {
  vendorId: string;
  on: string;
  vendorStatus: VendorStatus;
  /** Active vendor with an agreement in force on the day. */
  routable: boolean;
  agreementIds: string[];
  salesStages: SalesStage[];
  inHouseStages: SalesStage[];
  /** Contracted regions and all regions inside them. */
  regionIds: string[];
  industryCodes: string[];
  /** Contracted product lines minus lines with an open conflict of interest. */
  productLineIds: string[];
  excludedProductLines: { productLineId: string; conflictId: string; repId: string | null }[];
  namedAccounts: string[];
  defaultDailyCallQuota: number | null;
  defaultWeeklyCallQuota: number | null;
  /** An agreement in force on the day requires reps to be certified for a lead's product lines. */
  requiresCertification: boolean;
  /** The vendor's tier today, and the strictest minimum tier for key leads of its agreements in force. */
  tier: VendorTier;
  keyLeadMinTier: VendorTier | null;
}

interface ScopeRow {
  vendor_id: string;
  status: VendorStatus;
  on_day: string;
  agreement_ids: string[];
  stages: SalesStage[];
  region_ids: string[];
  industry_codes: string[];
  product_line_ids: string[];
  excluded: EffectiveScope['excludedProductLines'];
  named_accounts: string[];
  daily: number | null;
  weekly: number | null;
  requires_certification: boolean;
  tier: VendorTier;
  key_lead_min_tier: VendorTier | null;
}

/** One statement for any number of vendors: union of agreements in force, minus conflicted lines. */
const EFFECTIVE_SCOPE_SQL = `
WITH RECURSIVE
  day AS (
    -- The day asked for ($2), or else each vendor's own calendar day at the instant $3.
    SELECT v.id AS vendor_id, coalesce($2::date, ($3::timestamptz AT TIME ZONE v.timezone)::date) AS on_day
      FROM vendors v WHERE v.id = ANY($1::uuid[])),
  a AS (
    SELECT ag.* FROM agreements ag JOIN day ON day.vendor_id = ag.vendor_id
     WHERE ag.starts_on <= day.on_day AND ag.ends_on >= day.on_day),
  covered(vendor_id, region_id) AS (
    SELECT a.vendor_id, r FROM a, unnest(a.region_ids) r
    UNION
    SELECT covered.vendor_id, child.id FROM regions child JOIN covered ON child.parent_id = covered.region_id),
  lines AS (SELECT DISTINCT a.vendor_id, pl FROM a, unnest(a.product_line_ids) pl),
  excluded AS (
    SELECT c.vendor_id, c.product_line_id, c.id, c.rep_id
      FROM conflicts c JOIN lines ON lines.vendor_id = c.vendor_id AND lines.pl = c.product_line_id
     WHERE c.status = 'open')
SELECT v.id::text AS vendor_id, v.status, to_char(day.on_day, 'YYYY-MM-DD') AS on_day,
  coalesce((SELECT array_agg(a.id::text ORDER BY a.starts_on) FROM a WHERE a.vendor_id = v.id), '{}') AS agreement_ids,
  coalesce((SELECT array_agg(DISTINCT s) FROM a, unnest(a.stages_owned) s WHERE a.vendor_id = v.id), '{}') AS stages,
  coalesce((SELECT array_agg(DISTINCT c.region_id::text) FROM covered c WHERE c.vendor_id = v.id), '{}') AS region_ids,
  coalesce((SELECT array_agg(DISTINCT i ORDER BY i) FROM a, unnest(a.industry_codes) i WHERE a.vendor_id = v.id), '{}') AS industry_codes,
  coalesce((SELECT array_agg(l.pl::text ORDER BY l.pl) FROM lines l
             WHERE l.vendor_id = v.id
               AND NOT EXISTS (SELECT 1 FROM excluded e WHERE e.vendor_id = v.id AND e.product_line_id = l.pl)),
           '{}') AS product_line_ids,
  coalesce((SELECT json_agg(json_build_object('productLineId', e.product_line_id, 'conflictId', e.id, 'repId', e.rep_id)
                            ORDER BY e.product_line_id, e.id)
              FROM excluded e WHERE e.vendor_id = v.id), '[]') AS excluded,
  coalesce((SELECT array_agg(DISTINCT n ORDER BY n) FROM a, unnest(a.named_accounts) n WHERE a.vendor_id = v.id), '{}') AS named_accounts,
  (SELECT a.default_daily_call_quota FROM a WHERE a.vendor_id = v.id ORDER BY a.starts_on DESC LIMIT 1) AS daily,
  (SELECT a.default_weekly_call_quota FROM a WHERE a.vendor_id = v.id ORDER BY a.starts_on DESC LIMIT 1) AS weekly,
  coalesce((SELECT bool_or(a.requires_certification) FROM a WHERE a.vendor_id = v.id), false) AS requires_certification,
  v.tier,
  (SELECT a.key_lead_min_tier FROM a WHERE a.vendor_id = v.id AND a.key_lead_min_tier IS NOT NULL
    ORDER BY array_position(ARRAY['bronze', 'silver', 'gold', 'platinum']::varchar[], a.key_lead_min_tier) DESC
    LIMIT 1) AS key_lead_min_tier
FROM vendors v JOIN day ON day.vendor_id = v.id`;

@Injectable()
export class VendorsService {
  /** The chart last read, with the version stamp it was read under (`getOrgChart`). */
  private orgChart: { stamp: string; chart: OrgChart } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly referenceData: ReferenceDataService,
    private readonly catalog: CatalogService,
    private readonly users: UsersService,
    private readonly outbox: OutboxService,
    private readonly offboardingSteps: VendorOffboardingSteps,
    private readonly standing: VendorStandingService,
    private readonly certifications: VendorCertifications,
  ) {}

  createVendor(input: CreateVendorDto, actor: Principal): Promise<Vendor> {
    return this.dataSource.transaction((em) => this.createVendorIn(em, input, actor));
  }

  /** Registers a vendor (status onboarding) in the caller's transaction; vendor selection calls it too. */
  async createVendorIn(em: EntityManager, input: CreateVendorDto, actor: Principal): Promise<Vendor> {
    await this.referenceData.assertSalesUnitExists(input.salesUnitId, 'salesUnitId', em);
    if (input.homeRegionId)
      await this.referenceData.assertRegionsExist([input.homeRegionId], 'homeRegionId', em);
    const vendor = await em.save(
      em.create(Vendor, {
        name: input.name,
        legalName: input.legalName ?? null,
        kind: input.kind,
        tier: input.tier,
        status: VendorStatus.ONBOARDING,
        salesUnitId: input.salesUnitId,
        homeRegionId: input.homeRegionId ?? null,
        countryCode: input.countryCode,
        timezone: input.timezone,
        contactName: input.contactName ?? null,
        contactEmail: input.contactEmail ?? null,
        contactPhone: input.contactPhone ?? null,
      }),
    );
    await this.audit.record(em, actor, {
      entityType: 'vendor',
      entityId: vendor.id,
      vendorId: vendor.id,
      action: 'create',
      after: vendor,
    });
    return vendor;
  }

  async listVendors(query: ListVendorsQuery, scope: DataScope): Promise<Page<Vendor>> {
    const builder = this.dataSource.getRepository(Vendor).createQueryBuilder('vendor');
    scope.apply(builder, { vendor: 'vendor.id' });
    if (query.status) builder.andWhere('vendor.status = :status', { status: query.status });
    if (query.kind) builder.andWhere('vendor.kind = :kind', { kind: query.kind });
    if (query.tier) builder.andWhere('vendor.tier = :tier', { tier: query.tier });
    if (query.salesUnitId) builder.andWhere('vendor.sales_unit_id = :unitId', { unitId: query.salesUnitId });
    if (query.search) {
      builder.andWhere(`vendor.name ILIKE :search ESCAPE '\\'`, {
        search: containsPattern(query.search),
      });
    }
    if (query.regionId) {
      // Seated in the region or inside it, or contracted today for it, a region inside it, or one around it.
      const { inside, around } = await this.referenceData.regionLineage(query.regionId);
      builder.andWhere(
        `(vendor.home_region_id = ANY(:inside::uuid[]) OR EXISTS (
            SELECT 1 FROM agreements a WHERE a.vendor_id = vendor.id
               AND a.region_ids && (:inside::uuid[] || :around::uuid[])
               AND a.starts_on <= (now() AT TIME ZONE vendor.timezone)::date
               AND a.ends_on >= (now() AT TIME ZONE vendor.timezone)::date))`,
        { inside, around },
      );
    }
    return paginateSyncable(builder, query, [
      { expression: 'vendor.name', read: (row) => row.name },
      { expression: 'vendor.id', read: (row) => row.id },
    ]);
  }

  /** The ids of every vendor (in one status, if given), for other modules' set-based work. */
  async findVendorIds(manager: EntityManager, status?: VendorStatus): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      'SELECT id FROM vendors WHERE $1::text IS NULL OR status = $1 ORDER BY name, id',
      [status ?? null],
    );
    return rows.map((row) => row.id);
  }

  /** Every vendor's kind and name, for other modules' set-based work (scoring picks a scorecard by kind). */
  async findVendorKinds(manager: EntityManager): Promise<{ id: string; name: string; kind: VendorKind }[]> {
    return manager.query('SELECT id, name, kind FROM vendors ORDER BY name, id');
  }

  /**
   * Stores tiers earned (or overridden) in scoring, set-based in the caller's transaction; returns the
   * vendors whose tier actually changed, with the tier they had.
   */
  async setVendorTiers(
    manager: EntityManager,
    tiers: readonly { vendorId: string; tier: VendorTier }[],
  ): Promise<{ vendorId: string; from: VendorTier; to: VendorTier }[]> {
    if (tiers.length === 0) return [];
    return manager.query(
      `WITH wanted AS (
         SELECT * FROM unnest($1::uuid[], $2::varchar[]) AS w(vendor_id, tier)),
       old AS (
         SELECT v.id, v.tier FROM vendors v JOIN wanted w ON w.vendor_id = v.id
          WHERE v.tier IS DISTINCT FROM w.tier FOR UPDATE OF v),
       updated AS (
         UPDATE vendors v SET tier = w.tier, updated_at = now(), version = v.version + 1
           FROM wanted w, old
          WHERE v.id = w.vendor_id AND old.id = v.id
         RETURNING v.id AS "vendorId", old.tier AS "from", v.tier AS "to")
       SELECT * FROM updated`,
      [tiers.map((t) => t.vendorId), tiers.map((t) => t.tier)],
    );
  }

  /** 404 for a vendor outside the caller's scope, exactly as for a missing one. */
  async getVendor(manager: EntityManager, id: string, scope: DataScope): Promise<Vendor> {
    const vendor = scope.canSeeVendor(id) ? await manager.findOneBy(Vendor, { id }) : null;
    if (!vendor) throw DomainException.notFound('Vendor', id);
    return vendor;
  }

  /** Entry point of `GET /vendors/{id}`: a read outside any transaction. */
  getVendorForRequest(id: string, scope: DataScope): Promise<Vendor> {
    return this.getVendor(this.dataSource.manager, id, scope);
  }

  updateVendor(
    id: string,
    input: UpdateVendorDto,
    expectedVersion: number | undefined,
    actor: Principal,
    scope: DataScope,
  ): Promise<Vendor> {
    refuseNulls(input, ['legalName', 'homeRegionId', 'contactName', 'contactEmail', 'contactPhone']);
    return this.dataSource.transaction(async (em) => {
      const before = await this.getVendor(em, id, scope);
      if (input.salesUnitId)
        await this.referenceData.assertSalesUnitExists(input.salesUnitId, 'salesUnitId', em);
      if (input.homeRegionId)
        await this.referenceData.assertRegionsExist([input.homeRegionId], 'homeRegionId', em);
      const after = await updateVersioned(em, Vendor, before, { ...input }, expectedVersion);
      await this.audit.record(em, actor, {
        entityType: 'vendor',
        entityId: id,
        vendorId: id,
        action: 'update',
        before,
        after,
      });
      return after;
    });
  }

  /**
   * Moves the vendor along its lifecycle. Terminating offboards it in the same transaction (access
   * revoked, reps switched off, open leads clawed back, webhooks stopped, report written); suspending
   * makes its users read-only until it is reactivated.
   */
  async changeVendorStatus(
    id: string,
    input: CreateVendorStatusChangeDto,
    actor: Principal,
    scope: DataScope,
  ): Promise<Vendor> {
    const { after, revoked } = await this.dataSource.transaction(async (em) => {
      await this.getVendor(em, id, scope);
      const before = await em.findOneOrFail(Vendor, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!isLegalStatusTransition(before.status, input.status)) {
        const allowed = allowedNextStatuses(before.status);
        throw new DomainException(
          ErrorCode.VENDOR_STATUS_TRANSITION_INVALID,
          `A vendor cannot move from ${before.status} to ${input.status}` +
            (allowed.length ? `; allowed: ${allowed.join(', ')}` : `; ${before.status} is final`),
          undefined,
          { currentStatus: before.status, allowedNextStatuses: allowed },
        );
      }
      if (before.status === VendorStatus.ONBOARDING && input.status === VendorStatus.ACTIVE) {
        const checklist = await this.readOnboardingChecklist(em, before);
        if (!checklist.complete && !input.waiveOnboardingChecklist)
          throw new DomainException(
            ErrorCode.VENDOR_ONBOARDING_INCOMPLETE,
            `The vendor cannot become active before its onboarding checklist is complete; missing: ${checklist.missing.join(', ')}`,
            undefined,
            { missing: checklist.missing },
          );
        if (!checklist.complete)
          await this.audit.record(em, actor, {
            entityType: 'vendor',
            entityId: id,
            vendorId: id,
            action: 'waive_onboarding_checklist',
            after: { missing: checklist.missing },
            reason: input.reason,
          });
      }
      return this.moveStatus(em, before, input.status, input.reason, actor, OffboardingTrigger.TERMINATED);
    });
    // Only once committed: a request read before the commit must not re-cache the old standing.
    if (revoked) this.users.forgetRevoked(revoked);
    this.standing.forget(id);
    return after;
  }

  private async moveStatus(
    em: EntityManager,
    before: Vendor,
    status: VendorStatus,
    reason: string,
    actor: Principal,
    trigger: OffboardingTrigger,
  ): Promise<{ after: Vendor; revoked: RevokedAccess | null }> {
    const after = await updateVersioned(
      em,
      Vendor,
      before,
      { status, statusReason: reason, statusChangedAt: () => 'now()' },
      undefined,
    );
    await this.audit.record(em, actor, {
      entityType: 'vendor',
      entityId: before.id,
      vendorId: before.id,
      action: 'status_change',
      before,
      after,
      reason,
    });
    await this.outbox.publish(em, [
      {
        eventType: 'vendor.status_changed',
        vendorId: before.id,
        payload: {
          vendorId: before.id,
          from: before.status,
          to: status,
          reason,
        } satisfies VendorStatusChangedEventData,
      },
    ]);
    if (status !== VendorStatus.TERMINATED) return { after, revoked: null };
    const revoked = await this.offboard(em, after, trigger, reason, actor);
    return { after, revoked };
  }

  /**
   * Lets a vendor go: its users and API clients lose access at once, its reps are switched off, every
   * registered step (the leads module: open leads back to the pool or re-routed) runs, its webhook
   * subscriptions stop, and the report of everything that moved is stored. History stays as it was.
   */
  private async offboard(
    em: EntityManager,
    vendor: Vendor,
    trigger: OffboardingTrigger,
    reason: string,
    actor: Principal,
  ): Promise<RevokedAccess> {
    const at = new Date();
    const [latest]: { lead_clawback_policy: LeadClawbackPolicy }[] = await em.query(
      `SELECT lead_clawback_policy FROM agreements WHERE vendor_id = $1
        ORDER BY ends_on DESC, starts_on DESC LIMIT 1`,
      [vendor.id],
    );
    const leadClawbackPolicy = latest?.lead_clawback_policy ?? LeadClawbackPolicy.RETURN_TO_POOL;
    const revoked = await this.users.revokeVendorAccess(em, vendor.id);
    const sections: OffboardingSection[] = [
      {
        name: 'access',
        counts: { users: revoked.users.length, apiClients: revoked.apiClients.length },
        items: [
          ...revoked.users.map((user) => ({
            kind: 'user',
            id: user.id,
            detail: `${user.email} (${user.role})`,
          })),
          ...revoked.apiClients.map((client) => ({
            kind: 'api_client',
            id: client.id,
            detail: `${client.name} (${client.clientId})`,
          })),
        ],
      },
      await this.deactivateReps(em, vendor.id, actor),
      ...(await this.offboardingSteps.run(em, {
        vendorId: vendor.id,
        vendorName: vendor.name,
        at,
        actor,
        reason,
        leadClawbackPolicy,
      })),
    ];
    const webhooks = await this.outbox.stopVendorSubscriptions(em, vendor.id, `Vendor offboarded: ${reason}`);
    sections.push({
      name: 'webhooks',
      counts: { subscriptionsStopped: webhooks.length },
      items: webhooks.map((hook) => ({ kind: 'webhook_subscription', id: hook.id, detail: hook.url })),
    });
    await em.save(
      em.create(VendorOffboarding, {
        vendorId: vendor.id,
        trigger,
        reason,
        leadClawbackPolicy,
        offboardedAt: at,
        actorName: actor.name,
        sections,
      }),
    );
    await this.audit.record(em, actor, {
      entityType: 'vendor',
      entityId: vendor.id,
      vendorId: vendor.id,
      action: 'offboard',
      after: {
        trigger,
        leadClawbackPolicy,
        counts: Object.fromEntries(sections.map((s) => [s.name, s.counts])),
      },
      reason,
    });
    return revoked;
  }

  private async deactivateReps(
    em: EntityManager,
    vendorId: string,
    actor: Principal,
  ): Promise<OffboardingSection> {
    const reason = 'Vendor terminated';
    const [rows]: [{ id: string; name: string; version: number }[], number] = await em.query(
      `UPDATE reps SET active = false, inactive_reason = $2, version = version + 1, updated_at = now()
        WHERE vendor_id = $1 AND active RETURNING id::text, full_name AS name, version`,
      [vendorId, reason],
    );
    await this.outbox.publish(
      em,
      rows.map((row) => ({
        eventType: 'rep.changed' as const,
        vendorId,
        payload: {
          repId: row.id,
          vendorId,
          change: 'deactivated',
          fields: ['active', 'inactiveReason'],
          active: false,
          version: row.version,
        } satisfies RepChangedEventData,
      })),
    );
    await this.audit.record(
      em,
      actor,
      ...rows.map((row) => ({
        entityType: 'rep',
        entityId: row.id,
        vendorId,
        action: 'deactivate',
        before: { active: true, inactiveReason: null },
        after: { active: false, inactiveReason: reason },
        reason,
      })),
    );
    return {
      name: 'reps',
      counts: { deactivated: rows.length },
      items: rows.map((row) => ({ kind: 'rep', id: row.id, detail: row.name })),
    };
  }

  /** The vendor's onboarding checklist as of now; vendor managers see their own vendor's only. */
  getVendorOnboardingChecklist(id: string, scope: DataScope): Promise<OnboardingChecklist> {
    return this.dataSource.transaction(async (em) =>
      this.readOnboardingChecklist(em, await this.getVendor(em, id, scope)),
    );
  }

  private async readOnboardingChecklist(em: EntityManager, vendor: Vendor): Promise<OnboardingChecklist> {
    const today = todayIn(vendor.timezone);
    const currentAgreements: OnboardingFacts['currentAgreements'] = await em.query(
      `SELECT id::text, to_char(nda_signed_on, 'YYYY-MM-DD') AS "ndaSignedOn",
              requires_certification AS "requiresCertification", product_line_ids::text[] AS "productLineIds"
         FROM agreements WHERE vendor_id = $1 AND ends_on >= $2::date ORDER BY starts_on`,
      [vendor.id, today],
    );
    const reps: { id: string }[] = await em.query(
      'SELECT id::text FROM reps WHERE vendor_id = $1 AND active',
      [vendor.id],
    );
    const activeRepIds = reps.map((rep) => rep.id);
    const repIdsWithLogin = await this.users.repIdsWithActiveLogin(em, activeRepIds);
    // Asked only when an agreement requires it; with no reader registered nobody counts as certified.
    const certifiedProductLines = currentAgreements.some((agreement) => agreement.requiresCertification)
      ? ((await this.certifications.read(em, activeRepIds, today)) ?? new Map<string, Set<string>>())
      : new Map<string, Set<string>>();
    return onboardingChecklist({ currentAgreements, activeRepIds, repIdsWithLogin, certifiedProductLines });
  }

  /** The report of what moved when the vendor was offboarded (404 before it was). */
  async getVendorOffboardingReport(id: string, scope: DataScope): Promise<VendorOffboarding> {
    await this.getVendor(this.dataSource.manager, id, scope);
    const report = await this.dataSource.manager.findOneBy(VendorOffboarding, { vendorId: id });
    if (!report) throw DomainException.notFound('Offboarding report of vendor', id);
    return report;
  }

  /**
   * The scheduler's pass: every live vendor whose agreements have all ended (in its own calendar) with
   * no successor signed is terminated and offboarded, in the runner's transaction.
   */
  async offboardVendorsWithLapsedAgreements(
    manager: EntityManager,
    asOf: Date,
    actor: Principal,
  ): Promise<{ vendorId: string; vendorName: string; lastEndedOn: string }[]> {
    const lapsed: { id: string; name: string; last_ended_on: string }[] = await manager.query(
      `SELECT v.id::text, v.name, to_char(max(a.ends_on), 'YYYY-MM-DD') AS last_ended_on
         FROM vendors v JOIN agreements a ON a.vendor_id = v.id
        WHERE v.status IN ('active', 'suspended')
        GROUP BY v.id
       HAVING max(a.ends_on) < ($1::timestamptz AT TIME ZONE min(v.timezone))::date
        ORDER BY v.id`,
      [asOf],
    );
    for (const row of lapsed) {
      const before = await manager.findOneOrFail(Vendor, {
        where: { id: row.id },
        lock: { mode: 'pessimistic_write' },
      });
      const reason = `Last agreement ended on ${row.last_ended_on} with no successor`;
      const { revoked } = await this.moveStatus(
        manager,
        before,
        VendorStatus.TERMINATED,
        reason,
        actor,
        OffboardingTrigger.LAST_AGREEMENT_ENDED,
      );
      // The runner commits later; forgetting now leaves only the moment until then for a stale re-read.
      if (revoked) this.users.forgetRevoked(revoked);
      this.standing.forget(row.id);
    }
    return lapsed.map((row) => ({ vendorId: row.id, vendorName: row.name, lastEndedOn: row.last_ended_on }));
  }

  /**
   * Effective scope of each vendor on `on` (YYYY-MM-DD), in one query: the union of its agreements in
   * force that day, regions expanded to the regions inside them, minus product lines with an open
   * conflict of interest. Unknown vendor ids are left out. Lead routing must stay inside it.
   */
  /**
   * What each vendor may do on a day: a calendar day (`YYYY-MM-DD`) for all of them, or an instant,
   * read as each vendor's own calendar day in its time zone ("today" for a Shanghai agency starts
   * eight hours before it does for a UTC one).
   */
  async getEffectiveScopes(
    manager: EntityManager,
    vendorIds: readonly string[],
    on: string | Date,
  ): Promise<EffectiveScope[]> {
    if (vendorIds.length === 0) return [];
    const rows: ScopeRow[] = await manager.query(EFFECTIVE_SCOPE_SQL, [
      [...new Set(vendorIds)],
      typeof on === 'string' ? on : null,
      typeof on === 'string' ? null : on.toISOString(),
    ]);
    return rows.map((row) => {
      const stages = ALL_SALES_STAGES.filter((stage) => row.stages.includes(stage));
      return {
        vendorId: row.vendor_id,
        on: row.on_day,
        vendorStatus: row.status,
        routable: row.status === VendorStatus.ACTIVE && row.agreement_ids.length > 0,
        agreementIds: row.agreement_ids,
        salesStages: stages,
        inHouseStages: ALL_SALES_STAGES.filter((stage) => !stages.includes(stage)),
        regionIds: [...row.region_ids].sort(),
        industryCodes: row.industry_codes,
        productLineIds: row.product_line_ids,
        excludedProductLines: row.excluded,
        namedAccounts: row.named_accounts,
        defaultDailyCallQuota: row.daily,
        defaultWeeklyCallQuota: row.weekly,
        requiresCertification: row.requires_certification,
        tier: row.tier,
        keyLeadMinTier: row.key_lead_min_tier,
      };
    });
  }

  async getVendorEffectiveScope(
    id: string,
    on: string | undefined,
    scope: DataScope,
  ): Promise<EffectiveScope> {
    await this.getVendor(this.dataSource.manager, id, scope);
    // "Today" is the vendor's own calendar day.
    const [effective] = await this.getEffectiveScopes(this.dataSource.manager, [id], on ?? new Date());
    return effective;
  }

  // ---- reference checks other modules call before storing a reference ----

  async assertVendorsExist(
    manager: EntityManager,
    ids: readonly string[],
    field = 'vendorId',
  ): Promise<void> {
    const missing = await missingIds(manager, 'vendors', ids);
    if (missing.length) throw unknownReference(ErrorCode.VENDOR_UNKNOWN, 'vendor', field, missing);
  }

  async assertRepsExist(ids: readonly string[], field = 'repId'): Promise<void> {
    const missing = await missingIds(this.dataSource.manager, 'reps', ids);
    if (missing.length) throw unknownReference(ErrorCode.REP_UNKNOWN, 'rep', field, missing);
  }

  assertRegionsExist(ids: readonly string[], field = 'regionIds'): Promise<void> {
    return this.referenceData.assertRegionsExist(ids, field);
  }

  assertIndustriesExist(codes: readonly string[], field = 'industryCodes'): void {
    this.referenceData.assertIndustriesExist(codes, field);
  }

  assertProductLinesExist(
    manager: EntityManager,
    ids: readonly string[],
    field = 'productLineIds',
  ): Promise<void> {
    return this.catalog.assertProductLinesExist(manager, ids, field);
  }

  /**
   * The sellers a contract names, in the caller's transaction: vendors (status, sales unit, time zone),
   * reps (vendor, active flag, time zone) and internal sales units. Unknown ids are absent.
   */
  async getSellers(
    manager: EntityManager,
    ids: { vendorIds: readonly string[]; repIds: readonly string[]; salesUnitIds: readonly string[] },
  ): Promise<Sellers> {
    // One after the other: they share the caller's connection.
    const vendors: Sellers['vendors'] = await manager.query(
      `SELECT id, status, sales_unit_id AS "salesUnitId", timezone FROM vendors WHERE id = ANY($1::uuid[])`,
      [[...new Set(ids.vendorIds)]],
    );
    const reps: Sellers['reps'] = await manager.query(
      `SELECT id, vendor_id AS "vendorId", active, timezone FROM reps WHERE id = ANY($1::uuid[])`,
      [[...new Set(ids.repIds)]],
    );
    const salesUnits: Sellers['salesUnits'] = await manager.query(
      `SELECT id FROM sales_units WHERE id = ANY($1::uuid[])`,
      [[...new Set(ids.salesUnitIds)]],
    );
    return { vendors, reps, salesUnits };
  }

  // ---- reads for the scheduler's checks (set-based, inside the caller's transaction) ----

  /**
   * Agreements of live vendors (onboarding/active) ending within their vendor's window (days) from
   * `today`, with no later agreement of the same vendor to take over.
   */
  findAgreementsEndingWithoutSuccessor(
    manager: EntityManager,
    today: string,
    defaultDays: number,
    daysByVendor: Record<string, number>,
  ): Promise<EndingAgreement[]> {
    return manager.query(
      `SELECT a.id, a.vendor_id AS "vendorId", v.name AS "vendorName", a.reference,
              to_char(a.ends_on, 'YYYY-MM-DD') AS "endsOn", (a.ends_on - $1::date) AS "daysLeft"
       FROM agreements a
       JOIN vendors v ON v.id = a.vendor_id
       WHERE v.status IN ('onboarding', 'active')
         AND a.ends_on >= $1::date
         AND a.ends_on <= $1::date + COALESCE(($3::jsonb ->> a.vendor_id::text)::int, $2)
         AND NOT EXISTS (SELECT 1 FROM agreements b WHERE b.vendor_id = a.vendor_id AND b.starts_on > a.ends_on)`,
      [today, defaultDays, JSON.stringify(daysByVendor)],
    );
  }

  /**
   * Agreements with KPI clauses in force on `today` (each vendor's own calendar day at `asOf`) for
   * active vendors: the scheduler's KPI and first-response checks start here.
   */
  findAgreementsWithKpis(manager: EntityManager, asOf: Date): Promise<AgreementWithKpis[]> {
    return manager.query(
      `SELECT a.id AS "agreementId", a.vendor_id AS "vendorId", v.name AS "vendorName", a.reference,
              v.timezone, v.country_code AS "countryCode", a.kpis
       FROM agreements a
       JOIN vendors v ON v.id = a.vendor_id
       WHERE v.status = 'active' AND a.kpis <> '{}'::jsonb
         AND a.starts_on <= ($1::timestamptz AT TIME ZONE v.timezone)::date
         AND a.ends_on >= ($1::timestamptz AT TIME ZONE v.timezone)::date
       ORDER BY a.vendor_id`,
      [asOf],
    );
  }

  /**
   * Stores KPI breaches found by the scheduler, set-based; a breach already on file (same agreement,
   * KPI and subject) is kept as it was. Returns how many were new.
   */
  async recordKpiBreaches(
    manager: EntityManager,
    breaches: NewKpiBreach[],
    detectedAt: Date,
  ): Promise<number> {
    if (breaches.length === 0) return 0;
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO agreement_kpi_breaches (agreement_id, vendor_id, kpi, period, subject_key, lead_id,
                                           threshold, actual, detected_at, details)
       SELECT b.agreement_id, b.vendor_id, b.kpi, b.period, b.subject_key, b.lead_id, b.threshold, b.actual,
              $2, coalesce(b.details, '{}')
       FROM jsonb_to_recordset($1::jsonb) AS b(agreement_id uuid, vendor_id uuid, kpi text, period text,
            subject_key text, lead_id uuid, threshold numeric, actual numeric, details jsonb)
       ON CONFLICT (agreement_id, kpi, subject_key) DO NOTHING
       RETURNING id`,
      [
        JSON.stringify(
          breaches.map((b) => ({
            agreement_id: b.agreementId,
            vendor_id: b.vendorId,
            kpi: b.kpi,
            period: b.period,
            subject_key: b.subjectKey,
            lead_id: b.leadId ?? null,
            threshold: b.threshold,
            actual: b.actual,
            details: b.details ?? {},
          })),
        ),
        detectedAt,
      ],
    );
    return inserted.length;
  }

  /** Conflicts of interest still open (not cleared), with who declared them. */
  findOpenConflicts(manager: EntityManager): Promise<OpenConflict[]> {
    return manager.query(
      `SELECT c.id, c.vendor_id AS "vendorId", c.rep_id AS "repId", c.product_line_id AS "productLineId",
              d.principal_name AS "principalName", d.competing_line_name AS "competingLineName", v.name AS "vendorName"
       FROM conflicts c
       JOIN conflict_declarations d ON d.id = c.declaration_id
       JOIN vendors v ON v.id = c.vendor_id
       WHERE c.status = 'open'`,
    );
  }

  /**
   * The whole sales organisation in three reads: sales units with their parents, vendors with their unit,
   * country and time zone, reps with their vendor, grade, capacity and time zone. Targets walk it to
   * place every node of a target tree (5 000 reps are a few hundred kilobytes).
   */
  /**
   * The whole org chart (sales units, vendors, reps), held in memory between calls while the chart's
   * version row says it is unchanged: every statement writing the chart's columns moves that row in its
   * own transaction (migration OrgChartVersion), and the row's xmin names that transaction, so one small
   * read tells whether the chart held here is still the one the caller's snapshot sees — across processes
   * too. Read only: callers share the same object.
   */
  async getOrgChart(manager: EntityManager): Promise<OrgChart> {
    const [row]: { stamp: string }[] = await manager.query(
      `SELECT xmin::text || ':' || version AS stamp FROM org_chart_version`,
    );
    const stamp = row?.stamp;
    if (stamp !== undefined && this.orgChart?.stamp === stamp) return this.orgChart.chart;
    const chart = await this.readOrgChart(manager);
    // Without the version row (a database emptied by hand) nothing is held.
    this.orgChart = stamp === undefined ? null : { stamp, chart };
    return chart;
  }

  private async readOrgChart(manager: EntityManager): Promise<OrgChart> {
    // One after the other: the manager may hold a single transaction's connection.
    const units: OrgChart['units'] = await manager.query(
      `SELECT id, parent_id AS "parentId", name FROM sales_units`,
    );
    const vendors: OrgChart['vendors'] = await manager.query(
      `SELECT id, sales_unit_id AS "salesUnitId", name, country_code AS "countryCode", timezone FROM vendors`,
    );
    const reps: OrgChart['reps'] = await manager.query(
      `SELECT id, vendor_id AS "vendorId", full_name AS "fullName", grade, capacity, timezone, active FROM reps`,
    );
    return { units, vendors, reps };
  }

  /**
   * Settlement's read of agreement terms: every agreement of the given vendors (all vendors when
   * omitted) that is in force on some day before `to` and ends on or after `from`, money terms only.
   */
  listSettlementTerms(
    manager: EntityManager,
    from: string,
    to: string,
    vendorIds?: readonly string[],
  ): Promise<SettlementAgreementTerms[]> {
    return manager.query(
      `SELECT a.id AS "agreementId", a.vendor_id AS "vendorId",
              to_char(a.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(a.ends_on, 'YYYY-MM-DD') AS "endsOn",
              a.commission_rate_bps AS "commissionRateBps", a.commission_tiers AS "commissionTiers",
              a.commission_basis AS "commissionBasis", a.commission_cap_minor::float8 AS "commissionCapMinor",
              a.per_lead_fee_minor::float8 AS "perLeadFeeMinor", a.per_lead_fee_kind AS "perLeadFeeKind",
              a.retainer_fee_minor::float8 AS "retainerFeeMinor", a.fee_currency AS "feeCurrency",
              a.clawback_days AS "clawbackDays"
       FROM agreements a
       WHERE a.starts_on < $2::date AND a.ends_on >= $1::date
         AND ($3::uuid[] IS NULL OR a.vendor_id = ANY ($3::uuid[]))
       ORDER BY a.vendor_id, a.starts_on`,
      [from, to, vendorIds ?? null],
    );
  }

  /**
   * Who is paid for a period: every agency and independent-rep vendor (not internal teams) with an
   * agreement in force on some day of [from, to), with their reps; an independent rep's statement is
   * their own, an agency's covers all its reps.
   */
  listSettlementPayees(
    manager: EntityManager,
    from: string,
    to: string,
    vendorIds?: readonly string[],
  ): Promise<SettlementPayeeVendor[]> {
    return manager.query(
      `SELECT v.id AS "vendorId", v.kind, v.name,
              coalesce(array_agg(r.id ORDER BY r.id) FILTER (WHERE r.id IS NOT NULL), '{}') AS "repIds"
       FROM vendors v
       LEFT JOIN reps r ON r.vendor_id = v.id
       WHERE v.kind <> 'internal_team'
         AND ($3::uuid[] IS NULL OR v.id = ANY ($3::uuid[]))
         AND EXISTS (SELECT 1 FROM agreements a
                      WHERE a.vendor_id = v.id AND a.starts_on < $2::date AND a.ends_on >= $1::date)
       GROUP BY v.id
       ORDER BY v.id`,
      [from, to, vendorIds ?? null],
    );
  }

  countAgreements(manager: EntityManager): Promise<number> {
    return manager
      .query('SELECT count(*)::int AS n FROM agreements')
      .then((rows: { n: number }[]) => rows[0].n);
  }
}

export interface AgreementWithKpis {
  agreementId: string;
  vendorId: string;
  vendorName: string;
  reference: string | null;
  timezone: string;
  countryCode: string;
  kpis: AgreementKpiClauses;
}

export interface NewKpiBreach {
  agreementId: string;
  vendorId: string;
  kpi: AgreementKpi;
  period: string;
  subjectKey: string;
  leadId?: string | null;
  threshold: number;
  actual: number;
  details?: Record<string, unknown>;
}

export interface SettlementAgreementTerms {
  agreementId: string;
  vendorId: string;
  startsOn: string;
  endsOn: string;
  commissionRateBps: number;
  commissionTiers: CommissionTier[];
  commissionBasis: CommissionBasis;
  commissionCapMinor: number | null;
  perLeadFeeMinor: number | null;
  perLeadFeeKind: PerLeadFeeKind | null;
  retainerFeeMinor: number | null;
  feeCurrency: string | null;
  clawbackDays: number;
}

export interface SettlementPayeeVendor {
  vendorId: string;
  kind: VendorKind;
  name: string;
  repIds: string[];
}

export interface Sellers {
  vendors: { id: string; status: VendorStatus; salesUnitId: string; timezone: string }[];
  reps: { id: string; vendorId: string; active: boolean; timezone: string }[];
  salesUnits: { id: string }[];
}

/** The org chart as `getOrgChart` shares it between callers: read only. */
export interface OrgChart {
  readonly units: readonly { readonly id: string; readonly parentId: string | null; readonly name: string }[];
  readonly vendors: readonly {
    readonly id: string;
    readonly salesUnitId: string;
    readonly name: string;
    readonly countryCode: string;
    readonly timezone: string;
  }[];
  readonly reps: readonly {
    readonly id: string;
    readonly vendorId: string;
    readonly fullName: string;
    readonly grade: RepGrade;
    readonly capacity: number;
    readonly timezone: string;
    readonly active: boolean;
  }[];
}

export interface EndingAgreement {
  id: string;
  vendorId: string;
  vendorName: string;
  reference: string | null;
  endsOn: string;
  daysLeft: number;
}

export interface OpenConflict {
  id: string;
  vendorId: string;
  repId: string | null;
  productLineId: string;
  principalName: string;
  competingLineName: string;
  vendorName: string;
}
