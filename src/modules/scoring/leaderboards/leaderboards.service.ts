import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../../common/audit/audit.service';
import type { DataScope } from '../../../common/auth/data-scope';
import type { Principal } from '../../../common/auth/role';
import { DomainException } from '../../../common/errors/domain.exception';
import { ErrorCode } from '../../../common/errors/error-codes';
import { ScoreStatus, ScoreSubject } from '../scoring.enums';
import { parseScoredPeriod } from '../scored-period';
import { type BoardRow, type Candidate, presentRows, rankCandidates } from './leaderboard.rules';
import { LeaderboardSettingsRow } from './leaderboard.entity';
import { updateSingletonSettings } from '../../../common/http/singleton-settings';

export const DEFAULT_REPS_SEE_PEER_NAMES = true;

export enum LeaderboardScope {
  COMPANY = 'company',
  VENDOR = 'vendor',
  REGION = 'region',
}

/**
 * The value a stored score has on a metric: the total, or one KPI's normalised 0–100 score when it was
 * measured (unmeasured: null, ranked last). `s` is the scores row, `metric` an SQL expression.
 */
export const metricValueSql = (metric: string): string =>
  `CASE WHEN ${metric} = 'total' THEN s.total
        ELSE (SELECT round((k->>'normalised')::numeric, 2) FROM jsonb_array_elements(s.kpis) k
               WHERE k->>'kpi' = ${metric} AND (k->>'measured')::boolean) END`;

export interface LeaderboardQuery {
  period: string;
  subject: ScoreSubject;
  scope: LeaderboardScope;
  kpi: string;
  vendorId?: string;
  regionId?: string;
}

export interface Leaderboard {
  period: string;
  status: ScoreStatus | null;
  subject: ScoreSubject;
  scope: LeaderboardScope;
  kpi: string;
  vendorId: string | null;
  regionId: string | null;
  /** How many are ranked on the board (the population, before the caller's visibility). */
  of: number;
  repsSeePeerNames: boolean;
  data: BoardRow[];
  /** The caller's own row: a rep's on a rep board, a vendor-bound caller's vendor on a vendor board. */
  me: BoardRow | null;
}

/** What a caller sees of a ranked list: a vendor-bound caller only their vendor's rows, a rep masked peers. */
export function visibleRows(
  rows: BoardRow[],
  ranked: readonly { subjectId: string; vendorId: string }[],
  subject: ScoreSubject,
  scope: DataScope,
): { data: BoardRow[]; me: BoardRow | null } {
  const own = subject === ScoreSubject.REP ? scope.repId : scope.vendorId;
  const me = own ? (rows.find((_, i) => ranked[i].subjectId === own) ?? null) : null;
  let data = rows;
  // A vendor manager sees their vendor's reps (ranked among everyone) and the whole vendor ranking; a
  // rep sees every rep (names as the setting allows) and, of the vendors, their own.
  if (!scope.isCompanyWide) {
    const vendorOnly =
      (subject === ScoreSubject.REP && scope.repId === null) ||
      (subject === ScoreSubject.VENDOR && scope.repId !== null);
    if (vendorOnly) data = rows.filter((_, i) => ranked[i].vendorId === scope.vendorId);
  }
  return { data, me };
}

@Injectable()
export class LeaderboardsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async getLeaderboardSettings(em: EntityManager = this.dataSource.manager): Promise<LeaderboardSettingsRow> {
    const row = await em.getRepository(LeaderboardSettingsRow).findOneBy({ singleton: true });
    return (
      row ??
      em.create(LeaderboardSettingsRow, {
        singleton: true,
        repsSeePeerNames: DEFAULT_REPS_SEE_PEER_NAMES,
        version: 1,
      })
    );
  }

  /** Whether reps see their peers' names on leaderboards and contest standings. Audited. */
  updateLeaderboardSettings(
    input: { repsSeePeerNames: boolean },
    actor: Principal,
  ): Promise<LeaderboardSettingsRow> {
    return this.dataSource.transaction((em) =>
      updateSingletonSettings(em, LeaderboardSettingsRow, {
        defaults: { repsSeePeerNames: DEFAULT_REPS_SEE_PEER_NAMES },
        expectedVersion: undefined,
        change: () => ({ repsSeePeerNames: input.repsSeePeerNames }),
        snapshot: (row) => ({ repsSeePeerNames: row.repsSeePeerNames }),
        audit: this.audit,
        actor,
        entityType: 'leaderboard_settings',
      }),
    );
  }

  /**
   * A period's leaderboard, read in one statement from the stored scores: every subject of the
   * population (the company, one vendor's reps, or one region's reps) with its value on the metric,
   * ranked with shared ranks for ties, then cut to what the caller may see.
   */
  async getLeaderboard(query: LeaderboardQuery, scope: DataScope): Promise<Leaderboard> {
    const period = parseScoredPeriod(query.period);
    let vendorId: string | null = null;
    let regionId: string | null = null;
    if (query.scope === LeaderboardScope.VENDOR) {
      vendorId = query.vendorId ?? scope.vendorId;
      if (!vendorId)
        throw new DomainException(ErrorCode.LEADERBOARD_SCOPE_INVALID, 'scope=vendor needs a vendorId', [
          { field: 'vendorId', message: 'is required for scope vendor' },
        ]);
      if (!scope.canSeeVendor(vendorId)) throw DomainException.notFound('Vendor', vendorId);
    }
    if (query.scope === LeaderboardScope.REGION) {
      if (query.subject !== ScoreSubject.REP)
        throw new DomainException(ErrorCode.LEADERBOARD_SCOPE_INVALID, 'a region board ranks reps', [
          { field: 'subject', message: 'must be rep for scope region' },
        ]);
      regionId = query.regionId ?? null;
      if (!regionId)
        throw new DomainException(ErrorCode.LEADERBOARD_SCOPE_INVALID, 'scope=region needs a regionId', [
          { field: 'regionId', message: 'is required for scope region' },
        ]);
    }
    const rows: { subject_id: string; vendor_id: string; name: string; value: string | null }[] =
      await this.dataSource.query(
        `SELECT s.subject_id, s.vendor_id, COALESCE(r.full_name, v.name, '') AS name,
                ${metricValueSql('$3::text')} AS value
           FROM scores s
           LEFT JOIN reps r ON s.subject = 'rep' AND r.id = s.subject_id
           LEFT JOIN vendors v ON s.subject = 'vendor' AND v.id = s.subject_id
          WHERE s.period_key = $1 AND s.subject = $2
            AND ($4::uuid IS NULL OR s.vendor_id = $4)
            AND ($5::uuid IS NULL OR r.region_id = $5)`,
        [period.key, query.subject, query.kpi, vendorId, regionId],
      );
    const [state]: { status: ScoreStatus }[] = await this.dataSource.query(
      `SELECT status FROM score_periods WHERE period_key = $1`,
      [period.key],
    );
    const settings = await this.getLeaderboardSettings();
    const ranked = rankCandidates(rows.map(toCandidate));
    const presented = presentRows(
      ranked,
      { repId: scope.repId },
      { repBoard: query.subject === ScoreSubject.REP, repsSeePeerNames: settings.repsSeePeerNames },
    );
    return {
      period: period.key,
      status: state?.status ?? null,
      subject: query.subject,
      scope: query.scope,
      kpi: query.kpi,
      vendorId,
      regionId,
      of: ranked.length,
      repsSeePeerNames: settings.repsSeePeerNames,
      ...visibleRows(presented, ranked, query.subject, scope),
    };
  }
}

export const toCandidate = (row: {
  subject_id: string;
  vendor_id: string;
  name: string;
  value: string | null;
}): Candidate => ({
  subjectId: row.subject_id,
  vendorId: row.vendor_id,
  name: row.name,
  value: row.value === null ? null : Number(row.value),
});
