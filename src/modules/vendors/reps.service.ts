import { OutboxService, type OutboxEvent } from '../webhooks/outbox.service';
import type { RepChange, RepChangedEventData } from '../webhooks/webhook-events';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { todayIn } from '../../common/calendar/working-days';
import { DataScope } from '../../common/auth/data-scope';
import { Principal, Role } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { countSyncable, Page, paginateSyncable } from '../../common/pagination/pagination';
import { refuseNulls } from '../../common/validation/validation-helpers';
import { ReadReplica } from '../../database/read-replica';
import { containsPattern } from '../../database/sql-helpers';
import { updateVersioned } from '../../common/http/versioned-update';
import { UsersService } from '../auth/users.service';
import { ReferenceDataService, unknownReference } from './reference-data.service';
import { Rep } from './rep.entity';
import { AgreementQuotas, CreateRepDto, ListRepsQuery, UpdateRepDto } from './reps.dto';
import { assertManagesVendor } from './vendor-access';
import { GRADE_ROUTING_WEIGHT, RepGrade, VendorStatus } from './vendor-enums';
import { Vendor } from './vendor.entity';
import { VendorsService } from './vendors.service';

export interface RepWithQuotas {
  rep: Rep;
  /** Call quota defaults of the vendor's agreement in force today. */
  agreement: AgreementQuotas | undefined;
}

/** An active rep as lead routing sees it. */
export interface RoutableRep {
  id: string;
  vendorId: string;
  grade: RepGrade;
  /** GRADE_ROUTING_WEIGHT of the grade (the defaults); lead routing weighs with its own grade-weight setting. */
  routingWeight: number;
  tags: string[];
  regionId: string | null;
  capacity: number;
  timezone: string;
  effectiveDailyCallQuota: number | null;
  effectiveWeeklyCallQuota: number | null;
}

/** A rep as call reports count it: time zone, calendar country and both levels of call quotas. */
export interface RepForReporting {
  id: string;
  vendorId: string;
  fullName: string;
  active: boolean;
  timezone: string;
  /** First working day with us (local date). */
  startedOn: string;
  /** The vendor's country: its holiday calendar applies to the rep. */
  countryCode: string;
  dailyCallQuota: number | null;
  weeklyCallQuota: number | null;
  /** Defaults of the vendor's agreement in force on the day asked for; null without one. */
  agreementDailyCallQuota: number | null;
  agreementWeeklyCallQuota: number | null;
  dailyVisitQuota: number | null;
  weeklyVisitQuota: number | null;
  agreementDailyVisitQuota: number | null;
  agreementWeeklyVisitQuota: number | null;
}

const CLEARABLE = [
  'userId',
  'email',
  'phone',
  'regionId',
  'dailyCallQuota',
  'weeklyCallQuota',
  'dailyVisitQuota',
  'weeklyVisitQuota',
  'inactiveReason',
];

/** The `rep.changed` event (catalogue v1) for a rep as it is after the change. */
export function repChanged(rep: Rep, change: RepChange, fields: string[]): OutboxEvent {
  return {
    eventType: 'rep.changed',
    vendorId: rep.vendorId,
    payload: {
      repId: rep.id,
      vendorId: rep.vendorId,
      change,
      fields,
      active: rep.active,
      version: rep.version,
    } satisfies RepChangedEventData,
  };
}

@Injectable()
export class RepsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly vendors: VendorsService,
    private readonly referenceData: ReferenceDataService,
    private readonly users: UsersService,
    private readonly outbox: OutboxService,
    private readonly replica: ReadReplica,
  ) {}

  /** The vendor a rep is put in must exist and not be terminated; the caller must manage it. */
  private async checkTargetVendor(em: EntityManager, vendorId: string, scope: DataScope): Promise<void> {
    assertManagesVendor(scope, vendorId);
    const vendor = await em.findOneBy(Vendor, { id: vendorId });
    if (!vendor) throw unknownReference(ErrorCode.VENDOR_UNKNOWN, 'vendor', 'vendorId', [vendorId]);
    if (vendor.status === VendorStatus.TERMINATED) {
      throw DomainException.of(ErrorCode.VENDOR_TERMINATED, `Vendor ${vendorId} is terminated`);
    }
  }

  /**
   * A rep's login must be a user of the rep's own vendor, and a rep user must be this rep's. An unknown
   * user, another vendor's user and another rep's login answer alike, so the link cannot be used to probe
   * which user ids exist.
   */
  private async checkReferences(
    em: EntityManager,
    input: UpdateRepDto,
    rep: { id: string | null; vendorId: string; userId: string | null },
  ): Promise<void> {
    if (input.regionId) await this.referenceData.assertRegionsExist([input.regionId], 'regionId', em);
    const userId = input.userId ?? rep.userId;
    if (!userId) return;
    const user = await this.users.getUser(em, userId).catch(() => null);
    const fits =
      user?.vendorId === rep.vendorId &&
      (user.role !== Role.REP || (rep.id !== null && user.repId === rep.id));
    if (!fits) {
      throw new DomainException(
        ErrorCode.REFERENCED_ROW_MISSING,
        `User ${userId} is not a login the rep can have at vendor ${rep.vendorId}`,
        [{ field: 'userId', message: "refers to no user of the rep's vendor free for this rep" }],
      );
    }
  }

  async createRep(input: CreateRepDto, actor: Principal, scope: DataScope): Promise<RepWithQuotas> {
    refuseNulls(input, CLEARABLE);
    checkInactiveReason(input.active ?? true, input.inactiveReason);
    const rep = await this.dataSource.transaction(async (em) => {
      await this.checkTargetVendor(em, input.vendorId, scope);
      await this.checkReferences(em, input, { id: null, vendorId: input.vendorId, userId: null });
      const rep = await em.save(
        em.create(Rep, {
          vendorId: input.vendorId,
          userId: input.userId ?? null,
          fullName: input.fullName,
          email: input.email ?? null,
          phone: input.phone ?? null,
          regionId: input.regionId ?? null,
          grade: input.grade,
          tags: input.tags ?? [],
          yearsOfExperience: input.yearsOfExperience ?? 0,
          capacity: input.capacity,
          dailyCallQuota: input.dailyCallQuota ?? null,
          weeklyCallQuota: input.weeklyCallQuota ?? null,
          dailyVisitQuota: input.dailyVisitQuota ?? null,
          weeklyVisitQuota: input.weeklyVisitQuota ?? null,
          active: input.active ?? true,
          inactiveReason: input.active === false ? (input.inactiveReason ?? null) : null,
          timezone: input.timezone,
          startedOn: input.startedOn ?? todayIn(input.timezone),
        }),
      );
      await this.audit.record(em, actor, {
        entityType: 'rep',
        entityId: rep.id,
        vendorId: rep.vendorId,
        action: 'create',
        after: rep,
      });
      await this.outbox.publish(em, [
        repChanged(
          rep,
          'created',
          Object.entries(input)
            .filter(([, value]) => value !== undefined)
            .map(([field]) => field)
            .sort(),
        ),
      ]);
      return rep;
    });
    // After commit: the quota lookup takes its own connection, never one more while holding one.
    return (await this.withQuotas([rep], this.dataSource.manager))[0];
  }

  /** A page of the rep list; a page after the first on the replica when there is one (`pageManager`). */
  async listReps(query: ListRepsQuery, scope: DataScope): Promise<Page<RepWithQuotas>> {
    return this.repPage(await this.replica.pageManager(query), query, scope);
  }

  /**
   * One page of the rep list by name, with the agreement quotas: two queries whatever the page's size (also
   * the list export's page).
   */
  async repPage(
    manager: EntityManager,
    query: ListRepsQuery,
    scope: DataScope,
  ): Promise<Page<RepWithQuotas>> {
    const page = await paginateSyncable(this.filteredReps(manager, query, scope), query, [
      { expression: 'rep.full_name', read: (row) => row.fullName },
      { expression: 'rep.id', read: (row) => row.id },
    ]);
    return { data: await this.withQuotas(page.data, manager), nextCursor: page.nextCursor };
  }

  /** How many reps the list pages through with these filters (the export's row cap). */
  countReps(manager: EntityManager, query: ListRepsQuery, scope: DataScope): Promise<number> {
    return countSyncable(this.filteredReps(manager, query, scope), query);
  }

  private filteredReps(manager: EntityManager, query: ListRepsQuery, scope: DataScope) {
    const builder = manager.getRepository(Rep).createQueryBuilder('rep');
    scope.apply(builder, { vendor: 'rep.vendor_id', rep: 'rep.id' });
    if (query.vendorId) builder.andWhere('rep.vendor_id = :vendorId', { vendorId: query.vendorId });
    if (query.grade) builder.andWhere('rep.grade = :grade', { grade: query.grade });
    if (query.regionId) builder.andWhere('rep.region_id = :regionId', { regionId: query.regionId });
    if (query.tags?.length) builder.andWhere('rep.tags @> :tags::text[]', { tags: query.tags });
    if (query.active !== undefined) builder.andWhere('rep.active = :active', { active: query.active });
    if (query.search) {
      builder.andWhere(`rep.full_name ILIKE :search ESCAPE '\\'`, {
        search: containsPattern(query.search),
      });
    }
    return builder;
  }

  private async findRep(id: string, scope: DataScope, em: EntityManager): Promise<Rep> {
    const builder = em.createQueryBuilder(Rep, 'rep').where('rep.id = :id', { id });
    scope.apply(builder, { vendor: 'rep.vendor_id', rep: 'rep.id' });
    const rep = await builder.getOne();
    if (!rep) throw DomainException.notFound('Rep', id);
    return rep;
  }

  async getRep(manager: EntityManager, id: string, scope: DataScope): Promise<RepWithQuotas> {
    return (await this.withQuotas([await this.findRep(id, scope, manager)], manager))[0];
  }

  /** Entry point of `GET /reps/{id}` and `GET /reps/me`: a read outside any transaction. */
  getRepForRequest(id: string, scope: DataScope): Promise<RepWithQuotas> {
    return this.getRep(this.dataSource.manager, id, scope);
  }

  async updateRep(
    id: string,
    input: UpdateRepDto,
    expectedVersion: number | undefined,
    actor: Principal,
    scope: DataScope,
  ): Promise<RepWithQuotas> {
    refuseNulls(input, CLEARABLE);
    const after = await this.dataSource.transaction(async (em) => {
      const before = await this.findRep(id, scope, em);
      if (input.vendorId && input.vendorId !== before.vendorId) {
        await this.checkTargetVendor(em, input.vendorId, scope);
      }
      await this.checkReferences(em, input, {
        id: before.id,
        vendorId: input.vendorId ?? before.vendorId,
        // A move re-checks the login the rep keeps; clearing it (null) needs no check.
        userId: input.userId === null ? null : before.userId,
      });
      const active = input.active ?? before.active;
      const inactiveReason = active
        ? null
        : input.inactiveReason !== undefined
          ? input.inactiveReason
          : before.inactiveReason;
      checkInactiveReason(active, inactiveReason);
      const after = await updateVersioned(em, Rep, before, { ...input, inactiveReason }, expectedVersion);
      await this.audit.record(em, actor, {
        entityType: 'rep',
        entityId: id,
        vendorId: after.vendorId,
        action: before.vendorId !== after.vendorId ? 'move' : 'update',
        before,
        after,
      });
      const fields = [...new Set([...Object.keys(input), 'inactiveReason'])]
        .filter(
          (field) => JSON.stringify(before[field as keyof Rep]) !== JSON.stringify(after[field as keyof Rep]),
        )
        .sort();
      if (fields.length) {
        const event = repChanged(
          after,
          after.active ? 'updated' : before.active ? 'deactivated' : 'updated',
          fields,
        );
        // A rep moved to another vendor is news to both vendors' subscribers.
        const events =
          before.vendorId === after.vendorId ? [event] : [event, { ...event, vendorId: before.vendorId }];
        await this.outbox.publish(em, events);
      }
      return after;
    });
    return (await this.withQuotas([after], this.dataSource.manager))[0];
  }

  /**
   * Replaces every rep's earned tags with `earned` (a rep missing from it earns none), set-based in the
   * caller's transaction; returns the reps whose earned tags changed, with what they had.
   */
  async setEarnedTags(
    manager: EntityManager,
    earned: readonly { repId: string; tags: readonly string[] }[],
  ): Promise<{ repId: string; vendorId: string; from: string[]; to: string[] }[]> {
    return manager.query(
      `WITH wanted AS (
         SELECT w.rep_id, w.tags FROM jsonb_to_recordset($1::jsonb) AS w(rep_id uuid, tags text[])),
       next AS (
         SELECT r.id, r.earned_tags AS old_tags, COALESCE(w.tags, '{}') AS new_tags
           FROM reps r LEFT JOIN wanted w ON w.rep_id = r.id
          WHERE r.earned_tags <> COALESCE(w.tags, '{}')
            FOR UPDATE OF r)
       UPDATE reps r SET earned_tags = next.new_tags, updated_at = now(), version = r.version + 1
         FROM next WHERE r.id = next.id
       RETURNING r.id AS "repId", r.vendor_id AS "vendorId", next.old_tags AS "from", next.new_tags AS "to"`,
      [JSON.stringify(earned.map((row) => ({ rep_id: row.repId, tags: [...row.tags].sort() })))],
    );
  }

  /**
   * Stores grades earned (or overridden) in scoring, set-based in the caller's transaction; returns the
   * reps whose grade actually changed, with the grade they had.
   */
  async setRepGrades(
    manager: EntityManager,
    grades: readonly { repId: string; grade: RepGrade }[],
  ): Promise<{ repId: string; vendorId: string; from: RepGrade; to: RepGrade }[]> {
    if (grades.length === 0) return [];
    return manager.query(
      `WITH wanted AS (
         SELECT * FROM unnest($1::uuid[], $2::varchar[]) AS w(rep_id, grade)),
       old AS (
         SELECT r.id, r.grade FROM reps r JOIN wanted w ON w.rep_id = r.id
          WHERE r.grade IS DISTINCT FROM w.grade FOR UPDATE OF r),
       updated AS (
         UPDATE reps r SET grade = w.grade, updated_at = now(), version = r.version + 1
           FROM wanted w, old
          WHERE r.id = w.rep_id AND old.id = r.id
         RETURNING r.id AS "repId", r.vendor_id AS "vendorId", old.grade AS "from", r.grade AS "to")
       SELECT * FROM updated`,
      [grades.map((g) => g.repId), grades.map((g) => g.grade)],
    );
  }

  /** Active reps of the given vendors with what routing weighs: grade, tags, region, capacity, quotas. */
  async findRoutableReps(manager: EntityManager, vendorIds: readonly string[]): Promise<RoutableRep[]> {
    if (vendorIds.length === 0) return [];
    const reps = await manager
      .getRepository(Rep)
      .createQueryBuilder('rep')
      .where('rep.vendor_id = ANY(:vendorIds::uuid[])', { vendorIds: [...new Set(vendorIds)] })
      .andWhere('rep.active')
      .getMany();
    return (await this.withQuotas(reps, manager)).map(({ rep, agreement }) => ({
      id: rep.id,
      vendorId: rep.vendorId,
      grade: rep.grade,
      routingWeight: GRADE_ROUTING_WEIGHT[rep.grade],
      // Earned tags count like the ones given by hand.
      tags: [...new Set([...rep.tags, ...rep.earnedTags])],
      regionId: rep.regionId,
      capacity: rep.capacity,
      timezone: rep.timezone,
      effectiveDailyCallQuota: rep.dailyCallQuota ?? agreement?.daily ?? null,
      effectiveWeeklyCallQuota: rep.weeklyCallQuota ?? agreement?.weekly ?? null,
    }));
  }

  /**
   * Reps by id and/or by vendor (or of all vendors) with what call-report compliance needs, in one
   * query. Unknown ids are simply missing from the answer; the caller decides what that means.
   */
  async getRepsForReporting(
    manager: EntityManager,
    filter: { repIds?: readonly string[]; vendorIds?: readonly string[]; allVendors?: boolean },
    on: string,
  ): Promise<RepForReporting[]> {
    const repIds = [...new Set(filter.repIds ?? [])];
    const vendorIds = [...new Set(filter.vendorIds ?? [])];
    if (repIds.length === 0 && vendorIds.length === 0 && !filter.allVendors) return [];
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT r.id, r.vendor_id, r.full_name, r.active, r.timezone, r.started_on::text, v.country_code,
              r.daily_call_quota, r.weekly_call_quota, r.daily_visit_quota, r.weekly_visit_quota,
              a.default_daily_call_quota, a.default_weekly_call_quota,
              a.default_daily_visit_quota, a.default_weekly_visit_quota
         FROM reps r
         JOIN vendors v ON v.id = r.vendor_id
         LEFT JOIN LATERAL (
           SELECT ag.default_daily_call_quota, ag.default_weekly_call_quota,
                  ag.default_daily_visit_quota, ag.default_weekly_visit_quota FROM agreements ag
            WHERE ag.vendor_id = r.vendor_id AND ag.starts_on <= $3::date AND ag.ends_on >= $3::date
            ORDER BY ag.starts_on DESC LIMIT 1) a ON true
        WHERE r.id = ANY($1::uuid[]) OR r.vendor_id = ANY($2::uuid[]) OR $4::boolean
        ORDER BY r.vendor_id, r.full_name, r.id`,
      [repIds, vendorIds, on, filter.allVendors === true],
    );
    return rows.map((row) => ({
      id: row.id as string,
      vendorId: row.vendor_id as string,
      fullName: row.full_name as string,
      active: row.active as boolean,
      timezone: row.timezone as string,
      startedOn: row.started_on as string,
      countryCode: row.country_code as string,
      dailyCallQuota: row.daily_call_quota as number | null,
      weeklyCallQuota: row.weekly_call_quota as number | null,
      agreementDailyCallQuota: row.default_daily_call_quota as number | null,
      agreementWeeklyCallQuota: row.default_weekly_call_quota as number | null,
      dailyVisitQuota: row.daily_visit_quota as number | null,
      weeklyVisitQuota: row.weekly_visit_quota as number | null,
      agreementDailyVisitQuota: row.default_daily_visit_quota as number | null,
      agreementWeeklyVisitQuota: row.default_weekly_visit_quota as number | null,
    }));
  }

  /** Agreement quota defaults for a page of reps, from one effective-scope query. */
  private async withQuotas(reps: Rep[], manager: EntityManager): Promise<RepWithQuotas[]> {
    const scopes = await this.vendors.getEffectiveScopes(
      manager,
      [...new Set(reps.map((rep) => rep.vendorId))],
      new Date(),
    );
    const byVendor = new Map(
      scopes.map((s) => [s.vendorId, { daily: s.defaultDailyCallQuota, weekly: s.defaultWeeklyCallQuota }]),
    );
    return reps.map((rep) => ({ rep, agreement: byVendor.get(rep.vendorId) }));
  }
}

function checkInactiveReason(active: boolean, reason: string | null | undefined): void {
  if (!active && !reason) {
    throw DomainException.validation([
      { field: 'inactiveReason', message: 'is required when a rep is inactive' },
    ]);
  }
}
