import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../../common/audit/audit.service';
import type { DataScope } from '../../../common/auth/data-scope';
import type { Principal } from '../../../common/auth/role';
import { DomainException } from '../../../common/errors/domain.exception';
import { ErrorCode } from '../../../common/errors/error-codes';
import { type Page, paginate, type PageQuery } from '../../../common/pagination/pagination';
import { ScoreSubject } from '../scoring.enums';
import { parseScoredPeriod } from '../scored-period';
import {
  type BoardRow,
  type PrizeTier,
  presentRows,
  prizeOf,
  prizeTierProblems,
  rankCandidates,
} from './leaderboard.rules';
import { Contest, ContestStanding, ContestStatus } from './leaderboard.entity';
import { LeaderboardsService, metricValueSql, toCandidate, visibleRows } from './leaderboards.service';

export interface CreateContestInput {
  name: string;
  subject: ScoreSubject;
  metric: string;
  period: string;
  eligibleVendorIds?: string[];
  eligibleRepIds?: string[];
  prizeTiers: PrizeTier[];
}

export interface StandingRow extends BoardRow {
  prize: string | null;
}

export interface Standings {
  contest: Contest;
  /** true once the period's scores are final and the standings frozen. */
  frozen: boolean;
  of: number;
  data: StandingRow[];
  me: StandingRow | null;
}

/**
 * A contest's participants with their value on its metric, for every contest `c` the condition
 * selects: eligible active reps (named, or of a named vendor) or named vendors not terminated, each
 * joined to its stored score of the contest's period (none: unranked).
 */
const PARTICIPANTS_SQL = (contestCondition: string) => `
  SELECT c.id AS contest_id, p.subject_id, p.vendor_id, p.name, ${metricValueSql('c.metric')} AS value
    FROM contests c
    CROSS JOIN LATERAL (
      SELECT r.id AS subject_id, r.vendor_id, r.full_name AS name FROM reps r
       WHERE c.subject = 'rep' AND r.active
         AND (r.id = ANY(c.eligible_rep_ids) OR r.vendor_id = ANY(c.eligible_vendor_ids))
      UNION ALL
      SELECT v.id, v.id, v.name FROM vendors v
       WHERE c.subject = 'vendor' AND v.id = ANY(c.eligible_vendor_ids) AND v.status <> 'terminated'
    ) p
    LEFT JOIN scores s ON s.subject = c.subject AND s.subject_id = p.subject_id AND s.period_key = c.period_key
   WHERE ${contestCondition}`;

interface ParticipantRow {
  contest_id: string;
  subject_id: string;
  vendor_id: string;
  name: string;
  value: string | null;
}

/** Vendor-bound callers see the contests their vendor or one of its reps takes part in. */
const CONTEST_SCOPE_SQL = (param: string) =>
  `(c.eligible_vendor_ids @> ARRAY[${param}]::uuid[]
    OR EXISTS (SELECT 1 FROM reps r WHERE r.vendor_id = ${param} AND r.id = ANY(c.eligible_rep_ids)))`;

@Injectable()
export class ContestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly leaderboards: LeaderboardsService,
  ) {}

  /** Creates a running contest; 422 CONTEST_NO_PARTICIPANT when nobody eligible exists. Audited. */
  createContest(input: CreateContestInput, actor: Principal): Promise<Contest> {
    const period = parseScoredPeriod(input.period);
    const problems = prizeTierProblems(input.prizeTiers);
    if (problems.length > 0)
      throw new DomainException(
        ErrorCode.CONTEST_PRIZE_TIERS_INVALID,
        'prize tiers overlap or run backward',
        problems,
      );
    return this.dataSource.transaction(async (em) => {
      const contest = await em.getRepository(Contest).save(
        em.create(Contest, {
          name: input.name,
          subject: input.subject,
          metric: input.metric,
          periodKey: period.key,
          periodKind: period.kind,
          eligibleVendorIds: [...new Set(input.eligibleVendorIds ?? [])],
          eligibleRepIds: input.subject === ScoreSubject.REP ? [...new Set(input.eligibleRepIds ?? [])] : [],
          prizeTiers: input.prizeTiers,
          status: ContestStatus.RUNNING,
          closedAt: null,
          createdBy: actor.kind === 'user' ? actor.subjectId : null,
        }),
      );
      const [{ n }]: { n: number }[] = await em.query(
        `SELECT count(*)::int AS n FROM (${PARTICIPANTS_SQL('c.id = $1')}) p`,
        [contest.id],
      );
      if (n === 0)
        // Thrown inside the transaction: the contest row is rolled back, nothing is written.
        throw new DomainException(
          ErrorCode.CONTEST_NO_PARTICIPANT,
          `no active ${input.subject} is eligible: name eligible vendors or reps that exist`,
          [
            {
              field: input.subject === ScoreSubject.REP ? 'eligibleRepIds' : 'eligibleVendorIds',
              message: 'names no participant',
            },
          ],
        );
      await this.audit.record(em, actor, {
        entityType: 'contest',
        entityId: contest.id,
        action: 'create',
        before: null,
        after: { name: contest.name, metric: contest.metric, period: contest.periodKey },
      });
      return contest;
    });
  }

  listContests(query: PageQuery & { status?: ContestStatus }, scope: DataScope): Promise<Page<Contest>> {
    const builder = this.dataSource.getRepository(Contest).createQueryBuilder('c');
    if (scope.vendorId !== null)
      builder.andWhere(CONTEST_SCOPE_SQL(':scopeVendorId'), { scopeVendorId: scope.vendorId });
    if (query.status) builder.andWhere('c.status = :status', { status: query.status });
    return paginate(
      builder,
      query,
      [
        { expression: 'c.created_at', read: (row) => row.createdAt.toISOString() },
        { expression: 'c.id', read: (row) => row.id },
      ],
      'DESC',
    );
  }

  async getContest(
    id: string,
    scope: DataScope,
    em: EntityManager = this.dataSource.manager,
  ): Promise<Contest> {
    const builder = em.getRepository(Contest).createQueryBuilder('c').where('c.id = :id', { id });
    if (scope.vendorId !== null)
      builder.andWhere(CONTEST_SCOPE_SQL(':scopeVendorId'), { scopeVendorId: scope.vendorId });
    const contest = await builder.getOne();
    if (!contest) throw DomainException.notFound('Contest', id);
    return contest;
  }

  /**
   * Live standings from the stored scores while the contest runs; the frozen rows once it closed (they
   * never change after). Reps see peers masked as the leaderboard setting says; a vendor manager sees
   * their vendor's participants.
   */
  async getStandings(id: string, scope: DataScope): Promise<Standings> {
    const contest = await this.getContest(id, scope);
    let ranked: (ReturnType<typeof rankCandidates>[number] & { prize: string | null })[];
    if (contest.status === ContestStatus.CLOSED) {
      const frozen = await this.dataSource
        .getRepository(ContestStanding)
        .find({ where: { contestId: contest.id }, order: { position: 'ASC' } });
      ranked = frozen.map((row) => ({
        subjectId: row.subjectId,
        vendorId: row.vendorId,
        name: row.name,
        value: row.value === null ? null : Number(row.value),
        position: row.position,
        rank: row.rank,
        prize: row.prize,
      }));
    } else {
      const rows: ParticipantRow[] = await this.dataSource.query(PARTICIPANTS_SQL('c.id = $1'), [contest.id]);
      ranked = rankCandidates(rows.map(toCandidate)).map((row) => ({
        ...row,
        prize: prizeOf(contest.prizeTiers, row.rank),
      }));
    }
    const settings = await this.leaderboards.getLeaderboardSettings();
    const presented = presentRows(
      ranked,
      { repId: scope.repId },
      { repBoard: contest.subject === ScoreSubject.REP, repsSeePeerNames: settings.repsSeePeerNames },
    ).map((row, i) => ({ ...row, prize: ranked[i].prize }));
    const { data, me } = visibleRows(presented, ranked, contest.subject, scope);
    return {
      contest,
      frozen: contest.status === ContestStatus.CLOSED,
      of: ranked.length,
      data: data as StandingRow[],
      me: me as StandingRow | null,
    };
  }

  /**
   * The scheduler's close: every running contest whose period's scores are final (the scores check
   * finalised the period) has its standings ranked and stored once, and turns closed. One read of
   * all such contests' participants, one insert, one update. Returns the contests closed.
   */
  async closeEndedContests(manager: EntityManager): Promise<number> {
    const due = `c.status = 'running' AND EXISTS (SELECT 1 FROM score_periods sp
                   WHERE sp.period_key = c.period_key AND sp.status = 'final')`;
    const contests: { id: string; prize_tiers: PrizeTier[] }[] = await manager.query(
      `SELECT c.id, c.prize_tiers FROM contests c WHERE ${due} FOR UPDATE SKIP LOCKED`,
    );
    if (contests.length === 0) return 0;
    const ids = contests.map((c) => c.id);
    const rows: {
      contest_id: string;
      subject_id: string;
      vendor_id: string;
      name: string;
      value: string | null;
    }[] = await manager.query(PARTICIPANTS_SQL('c.id = ANY($1::uuid[])'), [ids]);
    const standings: Record<string, unknown>[] = [];
    for (const contest of contests) {
      const ranked = rankCandidates(rows.filter((row) => row.contest_id === contest.id).map(toCandidate));
      for (const row of ranked)
        standings.push({
          contest_id: contest.id,
          position: row.position,
          rank: row.rank,
          subject_id: row.subjectId,
          vendor_id: row.vendorId,
          name: row.name,
          value: row.value,
          prize: prizeOf(contest.prize_tiers, row.rank),
        });
    }
    if (standings.length > 0)
      await manager.query(
        `INSERT INTO contest_standings (contest_id, position, rank, subject_id, vendor_id, name, value, prize)
         SELECT r.contest_id, r.position, r.rank, r.subject_id, r.vendor_id, r.name, r.value, r.prize
           FROM jsonb_to_recordset($1::jsonb) AS r(contest_id uuid, position int, rank int, subject_id uuid,
                vendor_id uuid, name text, value numeric, prize text)
         ON CONFLICT (contest_id, subject_id) DO NOTHING`,
        [JSON.stringify(standings)],
      );
    await manager.query(
      `UPDATE contests SET status = 'closed', closed_at = now(), updated_at = now(), version = version + 1
        WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return contests.length;
  }
}
