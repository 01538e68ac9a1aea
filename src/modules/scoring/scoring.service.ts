import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { DataScope } from '../../common/auth/data-scope';
import { DomainException } from '../../common/errors/domain.exception';
import { lastDay, parsePeriod, type Period, type PeriodKind, periodOf } from '../../common/period/period';
import { addDays } from '../../common/calendar/working-days';
import { ComplianceService } from '../call-reports/compliance.service';
import { RevenueFactsService } from '../contracts/revenue-facts.service';
import type { RevenueFactsFilter } from '../contracts/revenue-facts';
import { AttainmentService } from '../targets/attainment.service';
import { nodeKey } from '../targets/org-nodes';
import { OwnerKind, TargetMetric } from '../targets/target.enums';
import { LeadMetricsService } from '../leads/leads.published';
import { VendorKind } from '../vendors/vendor-enums';
import { VendorsService } from '../vendors/vendors.service';
import { ComplaintsService } from './complaints.service';
import { VendorReviewsService } from './vendor-reviews.service';
import { GradesService } from './grades.service';
import { CsatService } from './csat.service';
import { addFacts, type KpiFacts, NO_FACTS, rawKpis } from './kpi-facts.rules';
import { ScoreRow } from './score.entity';
import { ScorecardDefinitionsService } from './scorecard-definitions.service';
import { computeScore, type ScoreResult } from './scorecard-engine.rules';
import { ScorecardAudience, ScoreStatus, ScoreSubject } from './scoring.enums';
import { parseScoredPeriod, SCORED_PERIOD_KINDS } from './scored-period';

const AUDIENCE_OF_KIND: Record<VendorKind, ScorecardAudience> = {
  [VendorKind.AGENCY]: ScorecardAudience.AGENCY,
  [VendorKind.INDEPENDENT_REP]: ScorecardAudience.INDEPENDENT_REP,
  [VendorKind.INTERNAL_TEAM]: ScorecardAudience.INTERNAL_TEAM,
};

/**
 * The longest a running period's provisional scores stand without a recomputation even when no probed
 * fact was written: the safety net for what the probes do not watch (a rep's quota, an agreement, the
 * calendar) and for a fact committed while a computation was reading.
 */
export const SCORE_REFRESH_MINUTES = 60;

/** Why the scheduler's pass recomputes a period (null: it is current). */
export type ScoreRecomputeReason =
  'never_computed' | 'period_ended' | 'new_day' | 'refresh_due' | 'facts_written' | 'scorecard_revised';

/** Scores see through one scope: a vendor manager their vendor's and its reps', a rep only their own. */
const SCORE_SCOPE = {
  vendor: 's.vendor_id',
  rep: `CASE WHEN s.subject = 'rep' THEN s.subject_id END`,
};

export interface ComputedScores {
  period: Period;
  status: ScoreStatus;
  /** Rows written; a final score already stored is never rewritten. */
  written: number;
}

export interface RankedScore {
  score: ScoreRow;
  rank: number;
  of: number;
}

@Injectable()
export class ScoringService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly definitions: ScorecardDefinitionsService,
    private readonly compliance: ComplianceService,
    private readonly leadMetrics: LeadMetricsService,
    private readonly vendors: VendorsService,
    private readonly csat: CsatService,
    private readonly complaints: ComplaintsService,
    private readonly reviews: VendorReviewsService,
    private readonly grades: GradesService,
    private readonly revenueFacts: RevenueFactsService,
    private readonly attainment: AttainmentService,
  ) {}

  /**
   * Scores every rep and every vendor for a period, set-based: one facts query per owning module, the
   * pure engine per subject, one upsert. A period that has ended (by `today`) is stored final and never
   * recomputed; a running one is provisional and overwritten by the next computation.
   */
  async computeScores(manager: EntityManager, period: Period, today: string): Promise<ComputedScores> {
    const status = period.end <= today ? ScoreStatus.FINAL : ScoreStatus.PROVISIONAL;
    // The facts statements are cheap per row but estimated big (a year of days per rep): JIT compiling
    // them costs more than running them. For this transaction only.
    await manager.query(`SELECT set_config('jit', 'off', true)`);
    await this.recordComputation(manager, period, status, today);
    const definitions = await this.definitions.currentDefinitions(manager);
    const [callFacts, leadFacts, vendors] = [
      // A running period's quota expectation counts the days so far, not the whole period's.
      await this.compliance.getRepCallFacts(manager, {
        from: period.start,
        to: status === ScoreStatus.FINAL || lastDay(period) < today ? lastDay(period) : today,
      }),
      await this.leadMetrics.getRepLeadFacts(manager, period.start, period.end),
      await this.vendors.findVendorKinds(manager),
    ];
    const csatFacts = await this.csat.getRepCsatFacts(manager, period.start, period.end);
    const repFacts = new Map<string, { vendorId: string; facts: KpiFacts }>();
    for (const fact of callFacts)
      repFacts.set(fact.repId, {
        vendorId: fact.vendorId,
        facts: {
          ...NO_FACTS,
          quotaDone: fact.done,
          quotaExpected: fact.expected,
          reports: fact.reports,
          flaggedReports: fact.flaggedReports,
        },
      });
    for (const fact of leadFacts) {
      const entry = repFacts.get(fact.repId);
      if (!entry) continue; // a rep id no longer in the reps table: nothing to score it against
      entry.facts = addFacts(entry.facts, {
        ...NO_FACTS,
        leadIntake: fact.intake,
        leadsWon: fact.won,
        responses: fact.responded,
        responseHoursTotal: fact.responseHoursTotal,
      });
    }
    for (const fact of csatFacts) {
      const entry = repFacts.get(fact.repId);
      if (entry)
        entry.facts = addFacts(entry.facts, {
          ...NO_FACTS,
          csatAnswers: fact.answers,
          csatRatingTotal: fact.ratingTotal,
        });
    }
    const vendorFacts = new Map<string, KpiFacts>();
    for (const { vendorId, facts } of repFacts.values())
      vendorFacts.set(vendorId, addFacts(vendorFacts.get(vendorId) ?? NO_FACTS, facts));
    // A complaint counts for its rep and their vendor; one about the customer alone for the vendor only.
    for (const fact of await this.complaints.getComplaintFacts(manager, period.start, period.end)) {
      const counted = { ...NO_FACTS, complaints: fact.complaints };
      const entry = fact.repId ? repFacts.get(fact.repId) : undefined;
      if (entry) entry.facts = addFacts(entry.facts, counted);
      vendorFacts.set(fact.vendorId, addFacts(vendorFacts.get(fact.vendorId) ?? NO_FACTS, counted));
    }
    // Reviews score the vendor, not its reps.
    for (const fact of await this.reviews.getVendorReviewFacts(manager, period.start, period.end)) {
      const reviewed = { ...NO_FACTS, reviews: fact.reviews, reviewScoreTotal: fact.scoreTotal };
      vendorFacts.set(fact.vendorId, addFacts(vendorFacts.get(fact.vendorId) ?? NO_FACTS, reviewed));
    }

    // Contract facts are read per rep and per vendor apart (a contract credited to a vendor without a rep
    // counts for the vendor alone), after the vendors' sums of their reps' facts. A running period counts
    // the contracts that ended so far: one ending later this month is not yet up for renewal.
    const soFar: RevenueFactsFilter = {
      from: period.start,
      to: period.end <= today ? period.end : addDays(today, 1),
    };
    const wholePeriod: RevenueFactsFilter = { from: period.start, to: period.end };
    const contractFacts = (row: {
      wonCount?: number;
      totalCycleDays?: number;
      upForRenewal?: number;
      renewed?: number;
    }) => ({
      ...NO_FACTS,
      wonDeals: row.wonCount ?? 0,
      wonDealCycleDays: row.totalCycleDays ?? 0,
      upForRenewal: row.upForRenewal ?? 0,
      renewed: row.renewed ?? 0,
    });
    for (const key of ['rep', 'vendor'] as const) {
      const rowsOf = [
        ...(await this.revenueFacts.dealCycleStats(manager, wholePeriod, [key])),
        ...(await this.revenueFacts.renewalCounts(manager, soFar, [key])),
      ];
      for (const row of rowsOf) {
        if (key === 'rep') {
          const entry = row.repId ? repFacts.get(row.repId) : undefined;
          if (entry) entry.facts = addFacts(entry.facts, contractFacts(row));
        } else if (row.vendorId)
          vendorFacts.set(
            row.vendorId,
            addFacts(vendorFacts.get(row.vendorId) ?? NO_FACTS, contractFacts(row)),
          );
      }
    }
    // Target attainment: each subject's own agreed revenue target of this very period.
    const attained = await this.attainment.attainmentOfOwners(
      manager,
      TargetMetric.REVENUE,
      [
        ...[...repFacts.keys()].map((id) => ({ kind: OwnerKind.REP, id })),
        ...vendors.map((vendor) => ({ kind: OwnerKind.VENDOR, id: vendor.id })),
      ],
      [period.key],
    );
    const attainmentOf = (kind: OwnerKind, id: string) =>
      attained.get(nodeKey(kind, id))?.get(period.key) ?? null;

    const rows: Record<string, unknown>[] = [];
    const push = (
      subject: ScoreSubject,
      subjectId: string,
      vendorId: string,
      audience: ScorecardAudience,
      facts: KpiFacts,
    ) => {
      const definition = definitions.get(audience);
      if (!definition) return;
      const attainment = attainmentOf(
        subject === ScoreSubject.REP ? OwnerKind.REP : OwnerKind.VENDOR,
        subjectId,
      );
      const result: ScoreResult = computeScore(definition, rawKpis(facts, attainment));
      rows.push({
        subject,
        subject_id: subjectId,
        vendor_id: vendorId,
        definition_id: definition.id,
        definition_revision: definition.revision,
        total: result.total,
        grade: result.grade,
        kpis: result.kpis,
      });
    };
    for (const [repId, { vendorId, facts }] of repFacts)
      push(ScoreSubject.REP, repId, vendorId, ScorecardAudience.REP, facts);
    for (const vendor of vendors)
      push(
        ScoreSubject.VENDOR,
        vendor.id,
        vendor.id,
        AUDIENCE_OF_KIND[vendor.kind],
        vendorFacts.get(vendor.id) ?? NO_FACTS,
      );
    if (rows.length === 0) return { period, status, written: 0 };
    const written: unknown[] = await manager.query(
      `INSERT INTO scores (subject, subject_id, vendor_id, period_key, period_kind, definition_id,
                           definition_revision, total, grade, kpis, status, computed_at)
       SELECT r.subject, r.subject_id, r.vendor_id, $2, $3, r.definition_id, r.definition_revision,
              r.total, r.grade, r.kpis, $4, now()
         FROM jsonb_to_recordset($1::jsonb) AS r(subject text, subject_id uuid, vendor_id uuid,
              definition_id uuid, definition_revision int, total numeric, grade text, kpis jsonb)
       ON CONFLICT (subject, subject_id, period_key) DO UPDATE
          SET definition_id = excluded.definition_id, definition_revision = excluded.definition_revision,
              total = excluded.total, grade = excluded.grade, kpis = excluded.kpis, status = excluded.status,
              computed_at = excluded.computed_at, vendor_id = excluded.vendor_id,
              updated_at = now(), version = scores.version + 1
        WHERE scores.status = 'provisional'
       RETURNING id`,
      [JSON.stringify(rows), period.key, period.kind, status],
    );
    // A closed month moves earned grades (once: a month already counted is skipped).
    if (status === ScoreStatus.FINAL) await this.grades.countClosedMonth(manager, period, today);
    return { period, status, written: written.length };
  }

  /** Notes when and for which day a period was computed (the due-at gate reads it); final stays final. */
  private async recordComputation(
    manager: EntityManager,
    period: Period,
    status: ScoreStatus,
    today: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO score_periods (period_key, period_kind, status, computed_for, computed_at)
       VALUES ($1, $2, $3, $4::date, now())
       ON CONFLICT (period_key) DO UPDATE
          SET status = excluded.status, computed_for = excluded.computed_for, computed_at = excluded.computed_at,
              updated_at = now(), version = score_periods.version + 1
        WHERE score_periods.status = 'provisional'`,
      [period.key, period.kind, status, today],
    );
  }

  /**
   * The due-at gate: why a period must be computed now, or null when its stored scores are current. A
   * period is due when it was never computed, when it ended since (computed a last time, final), when
   * it was computed for another day (a running period's quota expectation counts the days so far), when
   * its last computation is older than {@link SCORE_REFRESH_MINUTES}, when a scorecard was revised, or
   * when a fact it reads was written since (call reports and flags, leads and their history, CSAT —
   * complaints, vendor reviews — each probed by its owning module). A final period is never due.
   */
  async recomputeReason(
    manager: EntityManager,
    period: Period,
    today: string,
    state:
      { status: ScoreStatus; computedFor: string | null; computedAt: Date; ageMinutes: number } | undefined,
  ): Promise<ScoreRecomputeReason | null> {
    if (!state) return 'never_computed';
    if (state.status === ScoreStatus.FINAL) return null;
    if (period.end <= today) return 'period_ended';
    if (state.computedFor !== today) return 'new_day';
    if (state.ageMinutes >= SCORE_REFRESH_MINUTES) return 'refresh_due';
    if (await this.definitions.revisedSince(manager, state.computedAt)) return 'scorecard_revised';
    return (await this.probeWithIndexesOnly(manager, () => this.factsWrittenSince(manager, state.computedAt)))
      ? 'facts_written'
      : null;
  }

  private async factsWrittenSince(manager: EntityManager, since: Date): Promise<boolean> {
    return (
      (await this.compliance.callFactsWrittenSince(manager, since)) ||
      (await this.leadMetrics.leadFactsWrittenSince(manager, since)) ||
      (await this.csat.csatWrittenSince(manager, since)) ||
      (await this.complaints.complaintsWrittenSince(manager, since)) ||
      (await this.reviews.reviewsWrittenSince(manager, since))
    );
  }

  /**
   * Runs the "written since" probes with sequential scans ruled out, for this transaction only and
   * restored after. Each probe is an EXISTS over a BRIN range index; where the table's physical order
   * does not follow the timestamp (rows loaded out of order, as the bench generator writes them), the
   * planner expects an early hit and scans the table instead: 100 ms on 100 000 call reports against
   * 0.1 ms through the index, and the gap grows with the table.
   */
  private async probeWithIndexesOnly<T>(manager: EntityManager, probe: () => Promise<T>): Promise<T> {
    const [{ previous }]: { previous: string }[] = await manager.query(
      `SELECT current_setting('enable_seqscan') AS previous, set_config('enable_seqscan', 'off', true)`,
    );
    try {
      return await probe();
    } finally {
      await manager.query(`SELECT set_config('enable_seqscan', $1, true)`, [previous]);
    }
  }

  /**
   * The scheduler's pass over the running month, quarter and year and every period still provisional
   * (one that closed since its last computation is computed a last time and becomes final), each only
   * when the due-at gate says so ({@link recomputeReason}): a tick with nothing new costs a few probes,
   * not a recomputation of a year of facts. Grade overrides past their expiry day are cleared first.
   * Returns the score rows written.
   */
  async recomputeOpenScores(manager: EntityManager, today: string): Promise<number> {
    // Overrides past their expiry day give way to the earned grade first.
    await this.grades.expireOverrides(manager, today);
    const states: {
      period_key: string;
      status: ScoreStatus;
      computed_for: string | null;
      computed_at: Date;
      age_minutes: number;
    }[] = await manager.query(
      `SELECT period_key, status, computed_for::text AS computed_for, computed_at,
              extract(epoch FROM now() - computed_at) / 60 AS age_minutes
         FROM score_periods
        WHERE status = 'provisional' OR period_key = ANY($1::text[])`,
      [SCORED_PERIOD_KINDS.map((kind) => periodOf(today, kind).key)],
    );
    const byKey = new Map(states.map((row) => [row.period_key, row]));
    const keys = new Set(
      states.filter((row) => row.status === ScoreStatus.PROVISIONAL).map((row) => row.period_key),
    );
    for (const kind of SCORED_PERIOD_KINDS) keys.add(periodOf(today, kind).key);
    let written = 0;
    for (const key of [...keys].sort()) {
      const period = parsePeriod(key);
      if (!period) continue;
      const row = byKey.get(key);
      const reason = await this.recomputeReason(
        manager,
        period,
        today,
        row && {
          status: row.status,
          computedFor: row.computed_for,
          computedAt: row.computed_at,
          ageMinutes: Number(row.age_minutes),
        },
      );
      if (reason) written += (await this.computeScores(manager, period, today)).written;
    }
    return written;
  }

  computeScoresNow(periodKey: string, today: string): Promise<ComputedScores> {
    const period = parseScoredPeriod(periodKey);
    return this.dataSource.transaction((em) => this.computeScores(em, period, today));
  }

  /** The period's scores the caller may see, best first (unscored subjects last). */
  async listScores(
    query: { period: string; subject?: ScoreSubject; vendorId?: string },
    scope: DataScope,
  ): Promise<RankedScore[]> {
    const period = parseScoredPeriod(query.period);
    const scoped = scope.toSql(SCORE_SCOPE, 4);
    // Ranks are taken over the whole population (the company, or one vendor when asked), before the
    // caller's scope filters rows: a rep sees their own rank among everyone, not "1 of 1".
    const rows: (Record<string, unknown> & { rank: number; of: number })[] = await this.dataSource.query(
      `SELECT * FROM (
         SELECT s.*, rank() OVER (PARTITION BY s.subject ORDER BY s.total DESC NULLS LAST)::int AS rank,
                count(*) OVER (PARTITION BY s.subject)::int AS of
           FROM scores s
          WHERE s.period_key = $1 AND ($2::text IS NULL OR s.subject = $2)
            AND ($3::uuid IS NULL OR s.vendor_id = $3)) s
        WHERE ${scoped.condition}
        ORDER BY s.subject, s.rank, s.subject_id`,
      [period.key, query.subject ?? null, query.vendorId ?? null, ...scoped.params],
    );
    return rows.map((row) => ({ score: this.fromRaw(row), rank: row.rank, of: row.of }));
  }

  /** One subject's scores over the periods of a kind, oldest first: the trend. */
  async getScoreTrend(
    subject: ScoreSubject,
    subjectId: string,
    kind: PeriodKind,
    scope: DataScope,
  ): Promise<ScoreRow[]> {
    const scoped = scope.toSql(SCORE_SCOPE, 4);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT s.* FROM scores s
        WHERE s.subject = $1 AND s.subject_id = $2 AND s.period_kind = $3 AND ${scoped.condition}
        ORDER BY s.period_key`,
      [subject, subjectId, kind, ...scoped.params],
    );
    if (rows.length === 0) throw DomainException.notFound('Scores of', `${subject} ${subjectId}`);
    return rows.map((row) => this.fromRaw(row));
  }

  private fromRaw(row: Record<string, unknown>): ScoreRow {
    return this.dataSource.getRepository(ScoreRow).create({
      id: row.id as string,
      subject: row.subject as ScoreSubject,
      subjectId: row.subject_id as string,
      vendorId: row.vendor_id as string,
      periodKey: row.period_key as string,
      periodKind: row.period_kind as PeriodKind,
      definitionId: row.definition_id as string,
      definitionRevision: row.definition_revision as number,
      total: row.total as string | null,
      grade: row.grade as ScoreRow['grade'],
      kpis: row.kpis as ScoreRow['kpis'],
      status: row.status as ScoreStatus,
      computedAt: row.computed_at as Date,
    });
  }
}
