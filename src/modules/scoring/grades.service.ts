import type { RepGradeChangedEventData, VendorTierChangedEventData } from '../webhooks/webhook-events';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { DataScope } from '../../common/auth/data-scope';
import type { Principal } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import type { Period } from '../../common/period/period';
import { RepsService } from '../vendors/reps.service';
import { RepGrade } from '../vendors/vendor-enums';
import { VendorsService } from '../vendors/vendors.service';
import { OutboxService } from '../webhooks/outbox.service';
import { EarnedGradeRow, GradeChangeCause, GradeChangeRow } from './earned-grade.entity';
import {
  countMonth,
  effectiveGrade,
  type GradeOverride,
  overrideErrors,
  TIER_OF_GRADE,
} from './earned-grades.rules';
import type { Grade, GradeBands } from './scorecard-engine.rules';
import { ScoreSubject } from './scoring.enums';

/** Grades see through the scores' scope: a vendor manager their vendor's and its reps', a rep their own. */
const GRADE_SCOPE = {
  vendor: 'g.vendor_id',
  rep: `CASE WHEN g.subject = 'rep' THEN g.subject_id END`,
};

export interface GradeOverrideInput {
  grade: Grade;
  reason?: string;
  expiresOn: string;
}

export interface SubjectGrade {
  subject: ScoreSubject;
  subjectId: string;
  vendorId: string;
  row: EarnedGradeRow | null;
  history: GradeChangeRow[];
}

interface GradeChange {
  subject: ScoreSubject;
  subjectId: string;
  vendorId: string;
  from: Grade | null;
  to: Grade;
  cause: GradeChangeCause;
  periodKey?: string | null;
  reason?: string | null;
  changedBy?: string | null;
}

@Injectable()
export class GradesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reps: RepsService,
    private readonly vendors: VendorsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Counts a closed month's final scores towards every scored subject's earned grade (hysteresis in
   * `countMonth`), set-based: one read of the month's scores with the held grades, one upsert, then the
   * grades in force that changed go to the vendors module and out as webhook events. Returns the changes.
   */
  async countClosedMonth(manager: EntityManager, period: Period, today: string): Promise<number> {
    if (period.kind !== 'month') return 0;
    const rows: {
      subject: ScoreSubject;
      subject_id: string;
      vendor_id: string;
      total: string | null;
      grade_bands: GradeBands;
      earned_grade: Grade | null;
      last_band: Grade | null;
      last_period_key: string | null;
      override_grade: Grade | null;
      override_reason: string | null;
      override_expires_on: string | null;
      effective_grade: Grade | null;
    }[] = await manager.query(
      `SELECT s.subject, s.subject_id, s.vendor_id, s.total, d.grade_bands, g.earned_grade, g.last_band,
              g.last_period_key, g.override_grade, g.override_reason,
              to_char(g.override_expires_on, 'YYYY-MM-DD') AS override_expires_on, g.effective_grade
         FROM scores s
         JOIN scorecard_definitions d ON d.id = s.definition_id
         LEFT JOIN earned_grades g ON g.subject = s.subject AND g.subject_id = s.subject_id
        WHERE s.period_key = $1 AND s.status = 'final'
          AND (g.last_period_key IS NULL OR g.last_period_key < $1)
        FOR UPDATE OF s`,
      [period.key],
    );
    if (rows.length === 0) return 0;
    const upserts: Record<string, unknown>[] = [];
    const changes: GradeChange[] = [];
    for (const row of rows) {
      const held = countMonth(
        { earned: row.earned_grade, lastBand: row.last_band, lastPeriodKey: row.last_period_key },
        { periodKey: period.key, total: row.total === null ? null : Number(row.total) },
        row.grade_bands,
      );
      const override: GradeOverride | null = row.override_grade
        ? {
            grade: row.override_grade,
            reason: row.override_reason ?? '',
            expiresOn: row.override_expires_on!,
          }
        : null;
      const effective = effectiveGrade(held.earned, override, today) ?? row.effective_grade;
      upserts.push({
        subject: row.subject,
        subject_id: row.subject_id,
        vendor_id: row.vendor_id,
        earned_grade: held.earned,
        last_band: held.lastBand,
        last_period_key: held.lastPeriodKey,
        effective_grade: effective,
      });
      if (effective && effective !== row.effective_grade)
        changes.push({
          subject: row.subject,
          subjectId: row.subject_id,
          vendorId: row.vendor_id,
          from: row.effective_grade,
          to: effective,
          cause: GradeChangeCause.EARNED,
          periodKey: period.key,
        });
    }
    await manager.query(
      `INSERT INTO earned_grades (subject, subject_id, vendor_id, earned_grade, last_band, last_period_key,
                                  effective_grade)
       SELECT r.subject, r.subject_id, r.vendor_id, r.earned_grade, r.last_band, r.last_period_key,
              r.effective_grade
         FROM jsonb_to_recordset($1::jsonb) AS r(subject text, subject_id uuid, vendor_id uuid,
              earned_grade text, last_band text, last_period_key text, effective_grade text)
       ON CONFLICT (subject, subject_id) DO UPDATE
          SET vendor_id = excluded.vendor_id, earned_grade = excluded.earned_grade,
              last_band = excluded.last_band, last_period_key = excluded.last_period_key,
              effective_grade = excluded.effective_grade, updated_at = now(),
              version = earned_grades.version + 1`,
      [JSON.stringify(upserts)],
    );
    await this.applyChanges(manager, changes);
    return changes.length;
  }

  /** Overrides whose expiry day has passed: cleared, the earned grade applies again (the scheduler). */
  async expireOverrides(manager: EntityManager, today: string): Promise<number> {
    const expired: {
      subject: ScoreSubject;
      subject_id: string;
      vendor_id: string;
      earned_grade: Grade | null;
      before: Grade | null;
    }[] = await manager.query(
      `WITH due AS (
         SELECT id, effective_grade AS before FROM earned_grades
          WHERE override_grade IS NOT NULL AND override_expires_on < $1::date FOR UPDATE),
       expired AS (
       UPDATE earned_grades g
          SET override_grade = NULL, override_reason = NULL, override_expires_on = NULL, override_by = NULL,
              effective_grade = coalesce(g.earned_grade, g.effective_grade), updated_at = now(),
              version = g.version + 1
         FROM due WHERE due.id = g.id
       RETURNING g.subject, g.subject_id, g.vendor_id, g.earned_grade, due.before)
       SELECT * FROM expired`,
      [today],
    );
    const changes = expired
      .filter((row) => row.earned_grade && row.earned_grade !== row.before)
      .map((row): GradeChange => ({
        subject: row.subject,
        subjectId: row.subject_id,
        vendorId: row.vendor_id,
        from: row.before,
        to: row.earned_grade!,
        cause: GradeChangeCause.OVERRIDE_EXPIRED,
      }));
    await this.applyChanges(manager, changes);
    return expired.length;
  }

  /**
   * Sets an override: a grade with a reason, standing through `expiresOn` (after today). Without a reason
   * or with an expiry not after today it is 422 GRADE_OVERRIDE_INVALID and nothing is written. Audited.
   */
  setGradeOverride(
    subject: ScoreSubject,
    subjectId: string,
    input: GradeOverrideInput,
    actor: Principal,
    today: string,
  ): Promise<SubjectGrade> {
    const errors = overrideErrors(input, today);
    if (errors.length)
      throw new DomainException(
        ErrorCode.GRADE_OVERRIDE_INVALID,
        `The override breaks a rule: ${errors.map((error) => `${error.field} ${error.message}`).join('; ')}`,
        errors,
      );
    return this.dataSource.transaction(async (em) => {
      const vendorId = await this.vendorOf(em, subject, subjectId);
      const row = await this.lockRow(em, subject, subjectId, vendorId);
      const before = { ...row };
      row.overrideGrade = input.grade;
      row.overrideReason = input.reason!.trim();
      row.overrideExpiresOn = input.expiresOn;
      row.overrideBy = actor.subjectId;
      row.effectiveGrade = input.grade;
      await em.save(row);
      if (before.effectiveGrade !== input.grade)
        await this.applyChanges(em, [
          {
            subject,
            subjectId,
            vendorId,
            from: before.effectiveGrade,
            to: input.grade,
            cause: GradeChangeCause.OVERRIDE,
            reason: row.overrideReason,
            changedBy: actor.subjectId,
          },
        ]);
      await this.audit.record(em, actor, {
        entityType: 'grade_override',
        entityId: row.id,
        vendorId,
        action: 'update',
        before,
        after: row,
        reason: row.overrideReason,
      });
      return this.load(em, subject, subjectId, vendorId);
    });
  }

  /** Clears an override now: the earned grade applies again. Audited. */
  clearGradeOverride(subject: ScoreSubject, subjectId: string, actor: Principal): Promise<SubjectGrade> {
    return this.dataSource.transaction(async (em) => {
      const vendorId = await this.vendorOf(em, subject, subjectId);
      const row = await this.lockRow(em, subject, subjectId, vendorId);
      if (!row.overrideGrade) return this.load(em, subject, subjectId, vendorId);
      const before = { ...row };
      row.overrideGrade = null;
      row.overrideReason = null;
      row.overrideExpiresOn = null;
      row.overrideBy = null;
      row.effectiveGrade = row.earnedGrade ?? row.effectiveGrade;
      await em.save(row);
      if (row.effectiveGrade && row.effectiveGrade !== before.effectiveGrade)
        await this.applyChanges(em, [
          {
            subject,
            subjectId,
            vendorId,
            from: before.effectiveGrade,
            to: row.effectiveGrade,
            cause: GradeChangeCause.OVERRIDE_CLEARED,
            changedBy: actor.subjectId,
          },
        ]);
      await this.audit.record(em, actor, {
        entityType: 'grade_override',
        entityId: row.id,
        vendorId,
        action: 'delete',
        before,
        after: row,
      });
      return this.load(em, subject, subjectId, vendorId);
    });
  }

  /** A subject's grade in force, earned grade, override and history, inside the caller's scope (else 404). */
  async getGrade(subject: ScoreSubject, subjectId: string, scope: DataScope): Promise<SubjectGrade> {
    const em = this.dataSource.manager;
    const vendorId = await this.vendorOf(em, subject, subjectId);
    const scoped = scope.toSql(GRADE_SCOPE, 4);
    const [visible]: { ok: boolean }[] = await em.query(
      `SELECT true AS ok FROM (SELECT $1::text AS subject, $2::uuid AS subject_id, $3::uuid AS vendor_id) g
        WHERE ${scoped.condition}`,
      [subject, subjectId, vendorId, ...scoped.params],
    );
    if (!visible) throw DomainException.notFound(subject === ScoreSubject.REP ? 'Rep' : 'Vendor', subjectId);
    return this.load(em, subject, subjectId, vendorId);
  }

  // ---- internals ----

  /** Records the history, writes grades and tiers through the vendors module, and publishes the events. */
  private async applyChanges(manager: EntityManager, changes: GradeChange[]): Promise<void> {
    if (changes.length === 0) return;
    await manager.getRepository(GradeChangeRow).insert(
      changes.map((change) => ({
        subject: change.subject,
        subjectId: change.subjectId,
        vendorId: change.vendorId,
        fromGrade: change.from,
        toGrade: change.to,
        cause: change.cause,
        periodKey: change.periodKey ?? null,
        reason: change.reason ?? null,
        changedBy: change.changedBy ?? null,
      })),
    );
    const causeOf = new Map(changes.map((change) => [`${change.subject}:${change.subjectId}`, change]));
    const repChanges = await this.reps.setRepGrades(
      manager,
      changes
        .filter((change) => change.subject === ScoreSubject.REP)
        .map((change) => ({ repId: change.subjectId, grade: change.to as RepGrade })),
    );
    const vendorChanges = await this.vendors.setVendorTiers(
      manager,
      changes
        .filter((change) => change.subject === ScoreSubject.VENDOR)
        .map((change) => ({ vendorId: change.subjectId, tier: TIER_OF_GRADE[change.to] })),
    );
    await this.outbox.publish(manager, [
      ...repChanges.map((changed) => {
        const change = causeOf.get(`rep:${changed.repId}`)!;
        return {
          eventType: 'rep.grade_changed' as const,
          vendorId: changed.vendorId,
          payload: {
            repId: changed.repId,
            vendorId: changed.vendorId,
            from: changed.from,
            to: changed.to,
            cause: change.cause,
            periodKey: change.periodKey ?? null,
          } satisfies RepGradeChangedEventData,
        };
      }),
      ...vendorChanges.map((changed) => {
        const change = causeOf.get(`vendor:${changed.vendorId}`)!;
        return {
          eventType: 'vendor.tier_changed' as const,
          vendorId: changed.vendorId,
          payload: {
            vendorId: changed.vendorId,
            from: changed.from,
            to: changed.to,
            grade: change.to,
            cause: change.cause,
            periodKey: change.periodKey ?? null,
          } satisfies VendorTierChangedEventData,
        };
      }),
    ]);
  }

  private async vendorOf(em: EntityManager, subject: ScoreSubject, subjectId: string): Promise<string> {
    if (subject === ScoreSubject.VENDOR)
      return (await this.vendors.getVendor(em, subjectId, DataScope.companyWide())).id;
    return (await this.reps.getRep(em, subjectId, DataScope.companyWide())).rep.vendorId;
  }

  private async lockRow(
    em: EntityManager,
    subject: ScoreSubject,
    subjectId: string,
    vendorId: string,
  ): Promise<EarnedGradeRow> {
    await em.query(
      `INSERT INTO earned_grades (subject, subject_id, vendor_id) VALUES ($1, $2, $3)
       ON CONFLICT (subject, subject_id) DO NOTHING`,
      [subject, subjectId, vendorId],
    );
    return em.getRepository(EarnedGradeRow).findOneOrFail({
      where: { subject, subjectId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  private async load(
    em: EntityManager,
    subject: ScoreSubject,
    subjectId: string,
    vendorId: string,
  ): Promise<SubjectGrade> {
    const row = await em.getRepository(EarnedGradeRow).findOneBy({ subject, subjectId });
    const history = await em.getRepository(GradeChangeRow).find({
      where: { subject, subjectId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: 100,
    });
    return { subject, subjectId, vendorId, row, history };
  }
}
