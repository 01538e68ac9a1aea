import type { AlertEventData } from '../../webhooks/webhook-events';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { Repository } from 'typeorm';
import type { DataScope } from '../../../common/auth/data-scope';
import type { Principal } from '../../../common/auth/role';
import { DomainException } from '../../../common/errors/domain.exception';
import { ErrorCode } from '../../../common/errors/error-codes';
import { countSyncable, Page, paginateSyncable } from '../../../common/pagination/pagination';
import { queryRows } from '../../../database/sql';
import type { Finding, SchedulerCheck } from '../checks/check.types';
import { OutboxService } from '../../webhooks/outbox.service';
import { Alert, ALERT_LEVELS } from './alert.entity';
import {
  ALERT_SUMMARY_TOP_ITEMS,
  ALERT_SUMMARY_TOP_SUBJECTS,
  type AlertGroupDto,
  type AlertSummaryDto,
  type ListAlertsQuery,
} from './alerts.dto';
import type { AlertStatus } from './alert.entity';
import { topItemOrderSql } from './alert-ranking.rules';

/** A timestamptz as the ISO text `Date.toISOString()` gives (UTC, milliseconds, Z). */
export const isoTimestampSql = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** An alert row `a` as the JSON of an AlertItemDto. */
export const alertItemJsonSql = (a: string) =>
  `jsonb_build_object('id', ${a}.id, 'type', ${a}.type, 'severity', ${a}.severity, 'status', ${a}.status,
     'subjectType', ${a}.subject_type, 'subjectId', ${a}.subject_id, 'vendorId', ${a}.vendor_id,
     'repId', ${a}.rep_id, 'message', ${a}.message, 'raisedAt', ${isoTimestampSql(`${a}.raised_at`)})`;

/**
 * The latest successful run of a check (`check` is SQL naming it): its as-of time and when it finished, at
 * the alerts' millisecond precision so it compares with their `created_at` (set in that run's transaction).
 * Runs of one check never overlap (its advisory lock), so the latest started is the latest finished.
 */
const LAST_SUCCEEDED_RUN_SQL = (check: string) =>
  `SELECT r.as_of, r.finished_at::timestamptz(3) AS finished_at FROM check_runs r
    WHERE r.check_name = ${check} AND r.status = 'succeeded'
    ORDER BY r.started_at DESC LIMIT 1`;

interface ChangedAlert {
  id: string;
  type: string;
  subject_type: string;
  subject_id: string;
  vendor_id: string | null;
  severity: string;
  message: string;
}

@Injectable()
export class AlertsService {
  constructor(
    @InjectRepository(Alert) private readonly alerts: Repository<Alert>,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Turns one run's findings into alerts, set-based: new conditions open an alert (one per type and
   * subject, whatever the runs), known ones are refreshed, and open alerts of the check whose condition
   * is gone are resolved. Raised and resolved alerts go to the webhook outbox in the same transaction.
   *
   * A known alert is written only when its content changed (severity, message, data, a higher level): a
   * tick that finds the same 5 000 conditions again writes none of them. Its `lastSeenAt` is not stored
   * on every run but read from the run log (see `withLastSeen`); it is stored when the alert is written
   * and when it is resolved (then the last run that still found it).
   */
  async reconcile(
    manager: EntityManager,
    check: SchedulerCheck,
    findings: Finding[],
    asOf: Date,
  ): Promise<{ raised: number; resolved: number }> {
    const rows = JSON.stringify(
      findings.map((f) => ({
        type: f.type,
        severity: f.severity,
        level: f.level,
        subject_type: f.subjectType,
        subject_id: f.subjectId,
        vendor_id: f.vendorId,
        rep_id: f.repId,
        message: f.message.slice(0, 500),
        data: f.data,
      })),
    );
    const upserted: (ChangedAlert & { inserted: boolean })[] = !findings.length
      ? []
      : await manager.query(
          `INSERT INTO alerts (type, check_name, severity, level, subject_type, subject_id, vendor_id, rep_id,
                           message, data, status, raised_at, last_seen_at)
       SELECT f.type, $2, f.severity, f.level, f.subject_type, f.subject_id, f.vendor_id, f.rep_id,
              f.message, f.data, 'open', $3, $3
       FROM jsonb_to_recordset($1::jsonb) AS f(type text, severity text, level text, subject_type text,
            subject_id uuid, vendor_id uuid, rep_id uuid, message text, data jsonb)
       -- A finding whose alert already says the same is left out: its row is not even locked.
       WHERE NOT EXISTS (
         SELECT 1 FROM alerts a
          WHERE a.type = f.type AND a.subject_type = f.subject_type AND a.subject_id = f.subject_id
            AND a.status <> 'resolved'
            AND (a.severity, a.message, a.data) IS NOT DISTINCT FROM (f.severity, f.message, f.data)
            AND array_position($4::text[], f.level) <= array_position($4::text[], a.level))
       ON CONFLICT (type, subject_type, subject_id) WHERE status <> 'resolved'
       DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at, severity = EXCLUDED.severity,
                     message = EXCLUDED.message, data = EXCLUDED.data, updated_at = now(),
                     -- A finding addressed higher up (an SLA escalated) raises the alert; nothing lowers it.
                     level = CASE WHEN array_position($4::text[], EXCLUDED.level) > array_position($4::text[], alerts.level)
                                  THEN EXCLUDED.level ELSE alerts.level END
       WHERE (alerts.severity, alerts.message, alerts.data) IS DISTINCT FROM (EXCLUDED.severity, EXCLUDED.message, EXCLUDED.data)
          OR array_position($4::text[], EXCLUDED.level) > array_position($4::text[], alerts.level)
       RETURNING id, type, subject_type, subject_id, vendor_id, severity, message, (xmax = 0) AS inserted`,
          [rows, check.name, asOf, ALERT_LEVELS],
        );
    const resolved = check.alertTypes.length
      ? await queryRows<ChangedAlert>(
          manager,
          `UPDATE alerts a
           SET status = 'resolved', resolved_at = $3, updated_at = now(), version = a.version + 1,
               last_seen_at = coalesce((SELECT seen.as_of FROM (${LAST_SUCCEEDED_RUN_SQL('$4')}) seen
                                       WHERE seen.finished_at >= a.created_at), a.last_seen_at)
           WHERE a.type = ANY ($1::text[]) AND a.status <> 'resolved'
             AND NOT EXISTS (
               SELECT 1 FROM jsonb_to_recordset($2::jsonb) AS f(type text, subject_type text, subject_id uuid)
               WHERE f.type = a.type AND f.subject_type = a.subject_type AND f.subject_id = a.subject_id)
           RETURNING a.id, a.type, a.subject_type, a.subject_id, a.vendor_id, a.severity, a.message`,
          [check.alertTypes, rows, asOf, check.name],
        )
      : [];
    const raised = upserted.filter((row) => row.inserted);
    const event = (eventType: 'alert.raised' | 'alert.resolved') => (row: ChangedAlert) => ({
      eventType,
      vendorId: row.vendor_id,
      payload: {
        alertId: row.id,
        type: row.type,
        severity: row.severity,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        vendorId: row.vendor_id,
        message: row.message,
      } satisfies AlertEventData,
    });
    await this.outbox.publish(manager, [
      ...raised.map(event('alert.raised')),
      ...resolved.map(event('alert.resolved')),
    ]);
    return { raised: raised.length, resolved: resolved.length };
  }

  /** Open alerts nobody acknowledged within the window move up one level: rep → vendor manager → sales manager. */
  async escalate(manager: EntityManager, asOf: Date, afterHours: number): Promise<number> {
    const escalated = await queryRows<{ id: string }>(
      manager,
      `UPDATE alerts
       SET level = CASE level WHEN 'rep' THEN 'vendor_manager' ELSE 'sales_manager' END,
           escalated_at = $1, updated_at = now(), version = version + 1
       WHERE status = 'open' AND level <> 'sales_manager'
         AND COALESCE(escalated_at, raised_at) <= $1::timestamptz - make_interval(hours => $2)
       RETURNING id`,
      [asOf, afterHours],
    );
    return escalated.length;
  }

  async listAlerts(scope: DataScope, query: ListAlertsQuery): Promise<Page<Alert>> {
    const page = await paginateSyncable(this.filteredAlerts(scope, query), query, [
      { expression: 'alert.raised_at', read: (row) => row.raisedAt.toISOString() },
      { expression: 'alert.id', read: (row) => row.id },
    ]);
    return { ...page, data: await this.withLastSeen(page.data) };
  }

  /**
   * An unresolved alert was found by every successful run of its check since it was created (a run that
   * no longer finds it resolves it), so its last sighting is the latest such run's as-of time — read from
   * the run log, one probe per check, instead of written into every open alert on every tick. The stored
   * `last_seen_at` stands when no run of the check succeeded since the alert was created.
   */
  private async withLastSeen(alerts: Alert[]): Promise<Alert[]> {
    const names = [...new Set(alerts.filter((a) => a.status !== 'resolved').map((a) => a.checkName))];
    if (names.length === 0) return alerts;
    const latest = await queryRows<{ check_name: string; as_of: Date; finished_at: Date }>(
      this.alerts.manager,
      `SELECT n.check_name, seen.as_of, seen.finished_at
         FROM unnest($1::text[]) AS n(check_name)
         CROSS JOIN LATERAL (${LAST_SUCCEEDED_RUN_SQL('n.check_name')}) seen`,
      [names],
    );
    const byCheck = new Map(latest.map((run) => [run.check_name, run]));
    for (const alert of alerts) {
      const run = byCheck.get(alert.checkName);
      if (alert.status !== 'resolved' && run && run.finished_at >= alert.createdAt)
        alert.lastSeenAt = run.as_of;
    }
    return alerts;
  }

  /** How many alerts the list pages through with these filters (the export's row cap). */
  countAlerts(scope: DataScope, query: ListAlertsQuery): Promise<number> {
    return countSyncable(this.filteredAlerts(scope, query), query);
  }

  private filteredAlerts(scope: DataScope, query: ListAlertsQuery) {
    const builder = scope.apply(this.alerts.createQueryBuilder('alert'), {
      vendor: 'alert.vendor_id',
      rep: 'alert.rep_id',
    });
    if (query.status) builder.andWhere('alert.status = :status', { status: query.status });
    if (query.type) builder.andWhere('alert.type = :type', { type: query.type });
    if (query.vendorId) builder.andWhere('alert.vendor_id = :vendorId', { vendorId: query.vendorId });
    if (query.level) builder.andWhere('alert.level = :level', { level: query.level });
    if (query.subjectId) builder.andWhere('alert.subject_id = :subjectId', { subjectId: query.subjectId });
    return builder;
  }

  /** Instead of thousands of single alerts: counts per kind and severity, and the subjects with the most. */
  async summarizeAlerts(scope: DataScope, status: AlertStatus = 'open'): Promise<AlertSummaryDto> {
    const scoped = scope.toSql({ vendor: 'a.vendor_id', rep: 'a.rep_id' }, 2);
    const where = `a.status = $1 AND ${scoped.condition}`;
    const params = [status, ...scoped.params];
    const byKind: { type: string; severity: AlertSummaryDto['byKind'][number]['severity']; count: number }[] =
      await this.alerts.manager.query(
        `SELECT a.type, a.severity, count(*)::int AS count FROM alerts a WHERE ${where}
          GROUP BY a.type, a.severity ORDER BY count(*) DESC, a.type, a.severity`,
        params,
      );
    const topSubjects: AlertSummaryDto['topSubjects'] = await this.alerts.manager.query(
      `SELECT a.subject_type AS "subjectType", a.subject_id AS "subjectId", count(*)::int AS count,
              array_agg(DISTINCT a.type ORDER BY a.type) AS types
         FROM alerts a WHERE ${where}
        GROUP BY a.subject_type, a.subject_id ORDER BY count(*) DESC, a.subject_type, a.subject_id
        LIMIT ${ALERT_SUMMARY_TOP_SUBJECTS}`,
      params,
    );
    const groups = await this.groupUnresolvedAlerts(scope);
    return { status, total: byKind.reduce((sum, row) => sum + row.count, 0), byKind, topSubjects, groups };
  }

  /**
   * The unresolved alerts in scope per kind and subject type, set-based: open and acknowledged counts,
   * distinct subjects, oldest and newest, and the top items of each group (most severe, then newest).
   */
  private async groupUnresolvedAlerts(scope: DataScope): Promise<AlertGroupDto[]> {
    const scoped = scope.toSql({ vendor: 'a.vendor_id', rep: 'a.rep_id' }, 1);
    return this.alerts.manager.query(
      `WITH scoped AS (SELECT a.* FROM alerts a WHERE a.status <> 'resolved' AND ${scoped.condition})
       SELECT g.type, g.subject_type AS "subjectType", g.open, g.acknowledged, g.subjects,
              ${isoTimestampSql('g.oldest')} AS "oldestRaisedAt", ${isoTimestampSql('g.newest')} AS "newestRaisedAt",
              top.items AS "topItems"
         FROM (SELECT s.type, s.subject_type,
                      count(*) FILTER (WHERE s.status = 'open')::int AS open,
                      count(*) FILTER (WHERE s.status = 'acknowledged')::int AS acknowledged,
                      count(DISTINCT s.subject_id)::int AS subjects,
                      min(s.raised_at) AS oldest, max(s.raised_at) AS newest
                 FROM scoped s GROUP BY s.type, s.subject_type) g
         CROSS JOIN LATERAL (
           SELECT jsonb_agg(${alertItemJsonSql('t')} ORDER BY ${topItemOrderSql('t')}) AS items
             FROM (SELECT * FROM scoped s WHERE s.type = g.type AND s.subject_type = g.subject_type
                    ORDER BY ${topItemOrderSql('s')} LIMIT ${ALERT_SUMMARY_TOP_ITEMS}) t) top
        ORDER BY g.open + g.acknowledged DESC, g.type, g.subject_type`,
      scoped.params,
    );
  }

  async getAlert(scope: DataScope, id: string): Promise<Alert> {
    const alert = await scope
      .apply(this.alerts.createQueryBuilder('alert'), { vendor: 'alert.vendor_id', rep: 'alert.rep_id' })
      .andWhere('alert.id = :id', { id })
      .getOne();
    if (!alert) throw DomainException.notFound('Alert', id);
    return (await this.withLastSeen([alert]))[0];
  }

  async acknowledgeAlert(scope: DataScope, principal: Principal, id: string): Promise<Alert> {
    const alert = await this.getAlert(scope, id);
    const updated = await this.alerts
      .createQueryBuilder()
      .update(Alert)
      .set({ status: 'acknowledged', acknowledgedAt: () => 'now()', acknowledgedBy: principal.subjectId })
      .where(`id = :id AND status = 'open'`, { id })
      .execute();
    if (updated.affected === 0) {
      throw DomainException.of(
        ErrorCode.ALERT_NOT_OPEN,
        `Alert ${id} is ${alert.status}; only an open alert can be acknowledged`,
      );
    }
    return this.getAlert(scope, id);
  }
}
