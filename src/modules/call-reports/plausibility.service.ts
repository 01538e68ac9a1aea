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

/** The columns the checks read of a report, as the new reports and their neighbourhood both give them. */
const CHECKED_COLUMNS =
  'id, rep_id, vendor_id, occurred_at, type, duration_seconds, latitude, longitude, created_at';

/**
 * Where the checked reports come from. `ids`: reports already in the table, named by id ($1). `inserted`:
 * the caller's `INSERT INTO call_reports … SELECT …` (placeholders $1 up to `firstRuleParam` − 1), run as the
 * statement's first CTE, so the reports are written and checked by one statement. The statement's reads of
 * call_reports do not see its own inserts (one snapshot): the neighbourhood is read from the table and the
 * new reports are added from the CTE's RETURNING, so none is counted twice.
 */
type CheckedReports = { kind: 'ids' } | { kind: 'inserted'; insertSql: string; firstRuleParam: number };

/**
 * Every rule in one statement over the new reports and the same reps' reports a day either side
 * (window functions per rep, each rep's window read by a range scan of its (rep_id, occurred_at) index),
 * so a batch of 5 000 costs one query. Rows of the neighbourhood may be
 * flagged too: a new report can complete a streak or overlap an older one. Existing flags (and their
 * dismissals) are kept by ON CONFLICT DO NOTHING.
 */
function raiseFlagsSql(reports: CheckedReports): string {
  const first = reports.kind === 'ids' ? 2 : reports.firstRuleParam;
  const [shortSeconds, streak, maxSpeed, minDistance, maxLag] = [0, 1, 2, 3, 4].map((i) => `$${first + i}`);
  // One range scan of (rep_id, occurred_at) per rep of the batch. As a plain join the planner hashes the
  // whole table (a sequential scan of every report) once a batch names a few hundred reps; OFFSET 0 keeps
  // the lateral subquery from being flattened into such a join.
  const window = (isNew: string) => `
    SELECT cr.*, cr.occurred_at + make_interval(secs => cr.duration_seconds) AS ended_at, ${isNew} AS is_new
      FROM fresh f
      CROSS JOIN LATERAL (
        SELECT ${CHECKED_COLUMNS} FROM call_reports c
         WHERE c.rep_id = f.rep_id
           AND c.occurred_at BETWEEN f.lo - interval '1 day' AND f.hi + interval '1 day'
        OFFSET 0) cr`;
  const source =
    reports.kind === 'ids'
      ? `fresh AS (
  SELECT rep_id, min(occurred_at) AS lo, max(occurred_at) AS hi
    FROM call_reports WHERE id = ANY($1::uuid[]) GROUP BY rep_id),
nearby AS (${window('cr.id = ANY($1::uuid[])')})`
      : `inserted AS (${reports.insertSql}
  RETURNING ${CHECKED_COLUMNS}),
fresh AS (SELECT rep_id, min(occurred_at) AS lo, max(occurred_at) AS hi FROM inserted GROUP BY rep_id),
nearby AS (
  SELECT i.*, i.occurred_at + make_interval(secs => i.duration_seconds) AS ended_at, true AS is_new
    FROM inserted i
  UNION ALL ${window('false')})`;
  return `
WITH ${source},
calls AS (
  SELECT n.*, n.duration_seconds < ${shortSeconds} AS short,
         row_number() OVER (PARTITION BY n.rep_id ORDER BY n.occurred_at, n.id)
         - row_number() OVER (PARTITION BY n.rep_id, n.duration_seconds < ${shortSeconds} ORDER BY n.occurred_at, n.id) AS island
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
         format('One of %s calls in a row shorter than %s s', run_length, ${shortSeconds}::int) AS detail
    FROM streaks WHERE short AND run_length >= ${streak}
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
    FROM travel WHERE km >= ${minDistance} AND (gap_seconds <= 0 OR km / (gap_seconds / 3600) > ${maxSpeed})
  UNION ALL
  SELECT id, rep_id, vendor_id, occurred_at, '${PlausibilityFlagKind.LATE_REPORT}',
         format('Reported %s h after it happened', floor(extract(epoch FROM created_at - occurred_at) / 3600))
    FROM nearby WHERE is_new AND created_at - occurred_at > make_interval(hours => ${maxLag}))
INSERT INTO call_report_flags (call_report_id, rep_id, vendor_id, occurred_at, kind, detail)
SELECT id, rep_id, vendor_id, occurred_at, kind, detail FROM found
ON CONFLICT (call_report_id, kind) DO NOTHING
RETURNING id, call_report_id, rep_id, vendor_id, kind, detail, occurred_at`;
}

const RAISE_FLAGS_SQL = raiseFlagsSql({ kind: 'ids' });

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

  /** Runs the checks for reports already written in the caller's transaction; returns how many flags it raised. */
  async raiseFlags(em: EntityManager, callReportIds: readonly string[]): Promise<number> {
    if (callReportIds.length === 0) return 0;
    return this.publish(em, await this.query(em, RAISE_FLAGS_SQL, [callReportIds]));
  }

  /**
   * Writes new reports and raises their flags in one statement, inside the caller's transaction: `insertSql`
   * is an `INSERT INTO call_reports … SELECT …` without RETURNING whose placeholders are $1..$n of `params`.
   * The flags (and their outbox events) are there when this resolves; returns how many it raised.
   */
  async insertWithFlags(em: EntityManager, insertSql: string, params: readonly unknown[]): Promise<number> {
    const sql = raiseFlagsSql({ kind: 'inserted', insertSql, firstRuleParam: params.length + 1 });
    return this.publish(em, await this.query(em, sql, params));
  }

  private async query(em: EntityManager, sql: string, params: readonly unknown[]): Promise<RaisedFlag[]> {
    // The row estimates of the windows push the statement over jit_above_cost; compiling it costs more
    // than running it (about 100 ms against 50 ms for 1 000 reports among 2 million).
    await em.query('SET LOCAL jit = off');
    return em.query(sql, [
      ...params,
      this.rules.shortCallSeconds,
      this.rules.shortCallStreak,
      this.rules.maxTravelSpeedKmh,
      this.rules.minTravelDistanceKm,
      this.rules.maxReportLagHours,
    ]);
  }

  /** The ERP hears of each flag through the outbox, committed with the reports that caused it. */
  private async publish(em: EntityManager, rows: RaisedFlag[]): Promise<number> {
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
