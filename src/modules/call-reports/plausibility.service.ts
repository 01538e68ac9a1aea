import type { CallReportFlaggedEventData } from '../webhooks/webhook-events';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DataScope } from '../../common/auth/data-scope';
import { Principal } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { Page, paginate } from '../../common/pagination/pagination';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { updateVersioned } from '../../common/http/versioned-update';
import { OutboxService } from '../webhooks/outbox.service';
import { CallReportFlag } from './call-report-flag.entity';
import { CallReportType, PlausibilityFlagKind } from './call-report.enums';
import { DismissFlagDto, ListFlagsQuery } from './plausibility.dto';
import { haversineKmSql, PlausibilityRules } from './plausibility.rules';

/**
 * Every rule in one statement over the new reports and the same reps' reports a day either side
 * (window functions per rep, each rep's window read by a range scan of its (rep_id, occurred_at) index),
 * so a batch of 5 000 costs one query. Rows of the neighbourhood may be
 * flagged too: a new report can complete a streak or overlap an older one. Existing flags (and their
 * dismissals) are kept by ON CONFLICT DO NOTHING.
 */
const RAISE_FLAGS_SQL = `
WITH fresh AS (
  SELECT rep_id, min(occurred_at) AS lo, max(occurred_at) AS hi
    FROM call_reports WHERE id = ANY($1::uuid[]) GROUP BY rep_id),
nearby AS (
  SELECT cr.id, cr.rep_id, cr.vendor_id, cr.occurred_at, cr.type, cr.duration_seconds,
         cr.latitude, cr.longitude, cr.created_at,
         cr.occurred_at + make_interval(secs => cr.duration_seconds) AS ended_at
    FROM fresh f
    -- One range scan of (rep_id, occurred_at) per rep of the batch. As a plain join the planner hashes the
    -- whole table (a sequential scan of every report) once a batch names a few hundred reps; OFFSET 0 keeps
    -- the lateral subquery from being flattened into such a join.
    CROSS JOIN LATERAL (
      SELECT * FROM call_reports c
       WHERE c.rep_id = f.rep_id
         AND c.occurred_at BETWEEN f.lo - interval '1 day' AND f.hi + interval '1 day'
      OFFSET 0) cr),
calls AS (
  SELECT n.*, n.duration_seconds < $2 AS short,
         row_number() OVER (PARTITION BY n.rep_id ORDER BY n.occurred_at, n.id)
         - row_number() OVER (PARTITION BY n.rep_id, n.duration_seconds < $2 ORDER BY n.occurred_at, n.id) AS island
    FROM nearby n WHERE n.type = '${CallReportType.CALL}'),
streaks AS (
  SELECT c.*, count(*) OVER (PARTITION BY c.rep_id, c.short, c.island) AS run_length FROM calls c),
timeline AS (
  SELECT n.*, max(n.ended_at) FILTER (WHERE n.duration_seconds > 0) OVER (
           PARTITION BY n.rep_id ORDER BY n.occurred_at, n.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
         ) AS busy_until
    FROM nearby n WHERE n.type <> '${CallReportType.EMAIL}'),
visits AS (
  SELECT n.*, lag(n.latitude) OVER w AS prev_lat, lag(n.longitude) OVER w AS prev_lon, lag(n.ended_at) OVER w AS prev_end
    FROM nearby n WHERE n.latitude IS NOT NULL
  WINDOW w AS (PARTITION BY n.rep_id ORDER BY n.occurred_at, n.id)),
travel AS (
  SELECT v.*, ${haversineKmSql('v.prev_lat', 'v.prev_lon', 'v.latitude', 'v.longitude')} AS km,
         extract(epoch FROM v.occurred_at - v.prev_end) AS gap_seconds
    FROM visits v WHERE v.prev_lat IS NOT NULL),
found AS (
  SELECT id, rep_id, vendor_id, occurred_at, '${PlausibilityFlagKind.SHORT_CALL_STREAK}' AS kind,
         format('One of %s calls in a row shorter than %s s', run_length, $2::int) AS detail
    FROM streaks WHERE short AND run_length >= $3
  UNION ALL
  SELECT id, rep_id, vendor_id, occurred_at, '${PlausibilityFlagKind.OVERLAPPING}',
         format('Starts %s min before the rep''s previous activity ended',
                ceil(extract(epoch FROM busy_until - occurred_at) / 60))
    FROM timeline WHERE busy_until > occurred_at
  UNION ALL
  SELECT id, rep_id, vendor_id, occurred_at, '${PlausibilityFlagKind.IMPOSSIBLE_TRAVEL}',
         CASE WHEN gap_seconds <= 0
              THEN format('%s km from the previous visit, which had not ended yet', round(km::numeric))
              ELSE format('%s km from the previous visit %s min after it (%s km/h)', round(km::numeric),
                          round(gap_seconds / 60), round((km / (gap_seconds / 3600))::numeric)) END
    FROM travel WHERE km >= $5 AND (gap_seconds <= 0 OR km / (gap_seconds / 3600) > $4)
  UNION ALL
  SELECT id, rep_id, vendor_id, occurred_at, '${PlausibilityFlagKind.LATE_REPORT}',
         format('Reported %s h after it happened', floor(extract(epoch FROM created_at - occurred_at) / 3600))
    FROM nearby WHERE id = ANY($1::uuid[]) AND created_at - occurred_at > make_interval(hours => $6))
INSERT INTO call_report_flags (call_report_id, rep_id, vendor_id, occurred_at, kind, detail)
SELECT id, rep_id, vendor_id, occurred_at, kind, detail FROM found
ON CONFLICT (call_report_id, kind) DO NOTHING
RETURNING id, call_report_id, rep_id, vendor_id, kind, detail, occurred_at`;

const SCOPE_COLUMNS = { vendor: 'flag.vendor_id', rep: 'flag.rep_id' };

interface RaisedFlag {
  id: string;
  call_report_id: string;
  rep_id: string;
  vendor_id: string;
  kind: string;
  detail: string;
  occurred_at: Date;
}

@Injectable()
export class PlausibilityService {
  private readonly rules: PlausibilityRules;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly outbox: OutboxService,
  ) {
    this.rules = config.callReportRules;
  }

  /** Runs the checks for newly filed reports inside their transaction; returns how many flags it raised. */
  async raiseFlags(em: EntityManager, callReportIds: readonly string[]): Promise<number> {
    if (callReportIds.length === 0) return 0;
    // The row estimates of the windows push the statement over jit_above_cost; compiling it costs more
    // than running it (about 100 ms against 50 ms for 1 000 reports among 2 million).
    await em.query('SET LOCAL jit = off');
    const rows: RaisedFlag[] = await em.query(RAISE_FLAGS_SQL, [
      callReportIds,
      this.rules.shortCallSeconds,
      this.rules.shortCallStreak,
      this.rules.maxTravelSpeedKmh,
      this.rules.minTravelDistanceKm,
      this.rules.maxReportLagHours,
    ]);
    // The ERP hears of each flag through the outbox, committed with the reports that caused it.
    await this.outbox.publish(
      em,
      rows.map((flag) => ({
        eventType: 'call_report.flagged',
        vendorId: flag.vendor_id,
        payload: {
          flagId: flag.id,
          callReportId: flag.call_report_id,
          repId: flag.rep_id,
          kind: flag.kind,
          detail: flag.detail,
          occurredAt: new Date(flag.occurred_at).toISOString(),
        } satisfies CallReportFlaggedEventData,
      })),
    );
    return rows.length;
  }

  /** Newest first. Open flags only unless asked for dismissed ones too. */
  listFlags(query: ListFlagsQuery, scope: DataScope): Promise<Page<CallReportFlag>> {
    const builder = this.dataSource.getRepository(CallReportFlag).createQueryBuilder('flag');
    scope.apply(builder, SCOPE_COLUMNS);
    if (query.repId) builder.andWhere('flag.rep_id = :repId', { repId: query.repId });
    if (query.vendorId) builder.andWhere('flag.vendor_id = :vendorId', { vendorId: query.vendorId });
    if (query.kind) builder.andWhere('flag.kind = :kind', { kind: query.kind });
    if (!query.includeDismissed) builder.andWhere('flag.dismissed_at IS NULL');
    return paginate(
      builder,
      query,
      [
        { expression: 'flag.occurred_at', read: (row) => row.occurredAt.toISOString() },
        { expression: 'flag.id', read: (row) => row.id },
      ],
      'DESC',
    );
  }

  async getFlag(
    id: string,
    scope: DataScope,
    em: EntityManager = this.dataSource.manager,
  ): Promise<CallReportFlag> {
    const builder = em
      .getRepository(CallReportFlag)
      .createQueryBuilder('flag')
      .where('flag.id = :id', { id });
    const flag = await scope.apply(builder, SCOPE_COLUMNS).getOne();
    if (!flag) throw DomainException.notFound('Plausibility flag', id);
    return flag;
  }

  dismissFlag(
    id: string,
    input: DismissFlagDto,
    principal: Principal,
    scope: DataScope,
    expectedVersion: number | undefined,
  ): Promise<CallReportFlag> {
    return this.dataSource.transaction(async (em) => {
      const flag = await this.getFlag(id, scope, em);
      if (flag.dismissedAt) {
        throw DomainException.of(
          ErrorCode.PLAUSIBILITY_FLAG_ALREADY_DISMISSED,
          `The flag was already dismissed on ${flag.dismissedAt.toISOString()}`,
        );
      }
      return updateVersioned(
        em,
        CallReportFlag,
        flag,
        { dismissedAt: () => 'now()', dismissedBy: principal.subjectId, dismissReason: input.reason },
        expectedVersion,
      );
    });
  }
}
