import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DataScope } from '../../common/auth/data-scope';
import type { Principal } from '../../common/auth/role';
import type { PerLeadFeeKind } from '../vendors/agreement.entity';
import { LeadGradingService } from './grading/lead-grading.service';
import { ownerTeamTouchSql, repTouchSql } from './history/lead-touch.rules';
import { Lead } from './lead.entity';
import { ActivityKind } from './lead.enums';
import { openLeadSql } from './lead-status.rules';
import { LEAD_SCOPE } from './leads.service';

/**
 * The set-based queries other modules run on leads inside their own transaction (the manager they pass
 * first): the scheduler's checks and re-grading, targets' actuals, settlement's per-lead fees, call
 * reports' touches and the customer account view.
 */
@Injectable()
export class LeadQueriesService {
  constructor(private readonly grading: LeadGradingService) {}

  /**
   * The scheduler's re-grading, in its transaction: only open leads whose grade may have moved with the
   * clock since they were last graded (see LeadGradingService.regradeOpenLeadsDueToTime).
   */
  regradeOpenLeadsDueToTime(
    manager: EntityManager,
    principal: Principal,
    now: Date,
  ): Promise<{ examined: number; regraded: number; dead: number }> {
    return this.grading.regradeOpenLeadsDueToTime(manager, principal, now);
  }

  // ---- set-based reads for targets' actuals (in the caller's transaction) ----

  /**
   * Leads per (vendor, owner rep, month) over local months `fromMonth`..`toMonth` (YYYY-MM, inclusive):
   * `taken` = taken in that month (created), `takenWon` = of those, won by now (the cohort conversion),
   * `won` = won in that month. A month is counted in the owner rep's time zone (`repTimezones`), else
   * the `fallbackTimezone`. Merged-away leads are left out (their survivor counts).
   */
  async countLeadsByOwnerAndMonth(
    manager: EntityManager,
    fromMonth: string,
    toMonth: string,
    repTimezones: ReadonlyMap<string, string>,
    fallbackTimezone: string,
  ): Promise<LeadMonthCount[]> {
    const repIds = [...repTimezones.keys()];
    const zones = repIds.map((id) => repTimezones.get(id)!);
    // UTC bounds a day wider than any time zone, so the created_at / won_at indexes narrow the scan.
    const from = `${fromMonth}-01`;
    const rows: Record<string, string | null>[] = await manager.query(
      `WITH z AS (SELECT * FROM unnest($3::uuid[], $4::text[]) AS z(rep_id, zone)),
       scoped AS (
         SELECT l.vendor_id, l.owner_rep_id, l.status, l.created_at, l.won_at, coalesce(z.zone, $5) AS zone
           FROM leads l LEFT JOIN z ON z.rep_id = l.owner_rep_id
          WHERE l.merged_into_id IS NULL
            AND (l.created_at >= $1::date - 1 OR l.won_at >= $1::date - 1)
            AND l.created_at < ($2 || '-01')::date + interval '1 month 1 day'),
       taken AS (
         SELECT vendor_id, owner_rep_id, to_char(created_at AT TIME ZONE zone, 'YYYY-MM') AS month,
                count(*) AS taken, count(*) FILTER (WHERE status = 'won') AS taken_won, 0 AS won
           FROM scoped GROUP BY 1, 2, 3),
       won AS (
         SELECT vendor_id, owner_rep_id, to_char(won_at AT TIME ZONE zone, 'YYYY-MM') AS month,
                0 AS taken, 0 AS taken_won, count(*) AS won
           FROM scoped WHERE status = 'won' AND won_at IS NOT NULL GROUP BY 1, 2, 3)
       SELECT vendor_id, owner_rep_id, month, sum(taken) AS taken, sum(taken_won) AS taken_won, sum(won) AS won
         FROM (SELECT * FROM taken UNION ALL SELECT * FROM won) u
        WHERE month BETWEEN $6 AND $2
        GROUP BY 1, 2, 3`,
      [from, toMonth, repIds, zones, fallbackTimezone, fromMonth],
    );
    return rows.map((row) => ({
      vendorId: row.vendor_id,
      repId: row.owner_rep_id,
      month: row.month!,
      taken: Number(row.taken),
      takenWon: Number(row.taken_won),
      won: Number(row.won),
    }));
  }

  // ---- reads for the scheduler's checks (set-based, in the caller's transaction) ----

  /**
   * Each rep's latest own touch (`lead-touch.ts`: a follow-up, call report or status change the rep
   * recorded), at or before `asOf`: one probe of `lead_activities (actor_rep_id, occurred_at)` per rep.
   * Leads arriving, being assigned or worked by a manager are not the rep's activity.
   */
  async lastLeadActivityByRep(
    manager: EntityManager,
    repIds: readonly string[],
    asOf: Date,
  ): Promise<Map<string, Date>> {
    if (repIds.length === 0) return new Map();
    const rows: { rep_id: string; at: Date }[] = await manager.query(
      `SELECT r.rep_id, a.at
       FROM unnest($1::uuid[]) AS r(rep_id)
       CROSS JOIN LATERAL (SELECT max(t.occurred_at) AS at FROM lead_activities t
                           WHERE ${repTouchSql('t', 'r.rep_id')} AND t.occurred_at <= $2) a
       WHERE a.at IS NOT NULL`,
      [repIds, asOf],
    );
    return new Map(rows.map((row) => [row.rep_id, new Date(row.at)]));
  }

  /**
   * Open key leads and open high-grade leads untouched for longer than their tier's window (days; a
   * vendor may have its own windows). Untouched means no touch by the owner team (`lead-touch.ts`) since
   * intake: a duplicate intake, an assignment or a company user's note does not clear it. Examined: the
   * open key and high-grade leads.
   *
   * Read through the lead's kept latest touch (`owner_touch_at`) and its index: only leads untouched past
   * the shortest window are looked at, so the cost follows the stale leads, not the open ones. A run "as of"
   * an earlier time than a lead's latest touch reads that lead's history up to then instead.
   */
  findStaleLeads(
    manager: EntityManager,
    asOf: Date,
    windows: { keyLeadDays: number; highGradeDays: number },
    windowsByVendor: Record<string, { keyLeadDays: number; highGradeDays: number }>,
  ): Promise<LeadCheckResult<StaleLead>> {
    const shortestDays = Math.min(
      windows.keyLeadDays,
      windows.highGradeDays,
      ...Object.values(windowsByVendor).flatMap((w) => [w.keyLeadDays, w.highGradeDays]),
    );
    const keyOrHigh = `${openLeadSql('l')} AND (l.key_lead OR l.grade = 'high')`;
    return leadCheckQuery(
      manager,
      `SELECT l.id, l.company_name AS "companyName", l.vendor_id AS "vendorId", l.owner_rep_id AS "ownerRepId",
              l.key_lead AS "keyLead", l.grade,
              floor(extract(epoch FROM ($1::timestamptz - COALESCE(touch.at, l.created_at))) / 86400)::int AS "daysWithoutTouch",
              COALESCE(touch.at, l.created_at) < $1::timestamptz - make_interval(days =>
                CASE WHEN l.key_lead
                     THEN COALESCE(($3::jsonb -> l.vendor_id::text ->> 'keyLeadDays')::int, $2::int)
                     ELSE COALESCE(($3::jsonb -> l.vendor_id::text ->> 'highGradeDays')::int, $4::int) END) AS hit
       FROM leads l
       CROSS JOIN LATERAL (SELECT CASE WHEN l.owner_touch_at IS NULL OR l.owner_touch_at <= $1 THEN l.owner_touch_at
                                       ELSE (SELECT max(a.occurred_at) FROM lead_activities a
                                              WHERE a.lead_id = l.id AND a.occurred_at <= $1 AND ${ownerTeamTouchSql('a', 'l')})
                                  END AS at) touch
       WHERE ${keyOrHigh}
         AND (COALESCE(l.owner_touch_at, l.created_at) < $1::timestamptz - make_interval(days => $5::int)
              OR COALESCE(l.owner_touch_at, l.created_at) > $1::timestamptz)`,
      [asOf, windows.keyLeadDays, JSON.stringify(windowsByVendor), windows.highGradeDays, shortestDays],
      `SELECT count(*)::int FROM leads l WHERE ${keyOrHigh}`,
    );
  }

  /**
   * Open leads whose next follow-up was due more than `graceHours` before `asOf`. Examined: the open leads
   * with a follow-up due by `asOf`.
   */
  findOverdueFollowUps(
    manager: EntityManager,
    asOf: Date,
    graceHours: number,
  ): Promise<LeadCheckResult<OverdueFollowUp>> {
    return leadCheckQuery(
      manager,
      `SELECT l.id, l.company_name AS "companyName", l.vendor_id AS "vendorId", l.owner_rep_id AS "ownerRepId",
              l.next_follow_up_due AS "dueAt",
              floor(extract(epoch FROM ($1::timestamptz - l.next_follow_up_due)) / 3600)::int AS "hoursOverdue",
              l.next_follow_up_due < $1::timestamptz - make_interval(hours => $2) AS hit
       FROM leads l
       WHERE ${openLeadSql('l')} AND l.next_follow_up_due < $1::timestamptz`,
      [asOf, graceHours],
    );
  }

  /** New leads nobody owns yet, taken in more than `hours` before `asOf`. Examined: the new leads nobody owns. */
  findUnassignedLeads(
    manager: EntityManager,
    asOf: Date,
    hours: number,
  ): Promise<LeadCheckResult<UnassignedLead>> {
    return leadCheckQuery(
      manager,
      `SELECT l.id, l.company_name AS "companyName", l.vendor_id AS "vendorId",
              floor(extract(epoch FROM ($1::timestamptz - l.created_at)) / 3600)::int AS "hoursUnassigned",
              l.created_at < $1::timestamptz - make_interval(hours => $2) AS hit
       FROM leads l
       WHERE l.status = 'new' AND l.owner_rep_id IS NULL AND l.merged_into_id IS NULL`,
      [asOf, hours],
    );
  }

  // ---- for the customer account view (contracts) ----

  /**
   * The open leads of a customer in the caller's scope, newest first: leads linked to it, or carrying its
   * tax id or normalised company name (an upsell taken in before the link). One query, at most `limit`.
   */
  async listOpenLeadsOfCustomer(
    manager: EntityManager,
    customer: { id: string; taxIdKey: string | null; nameKey: string },
    scope: DataScope,
    limit = 50,
  ): Promise<Lead[]> {
    return scope
      .apply(manager.getRepository(Lead).createQueryBuilder('lead'), LEAD_SCOPE)
      .andWhere(openLeadSql('lead'))
      .andWhere(
        '(lead.customer_id = :customerId OR lead.tax_id_key = :taxIdKey OR lead.company_name_key = :nameKey)',
        { customerId: customer.id, taxIdKey: customer.taxIdKey, nameKey: customer.nameKey },
      )
      .orderBy('lead.created_at', 'DESC')
      .addOrderBy('lead.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  // ---- for the call-reports module ----

  /** Of `ids`, those that do not exist or lie outside the caller's scope (one query). */
  async findInvisibleLeadIds(
    manager: EntityManager,
    ids: readonly string[],
    scope: DataScope,
  ): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const visible = scope.toSql({ vendor: 'vendor_id', rep: 'owner_rep_id' }, 2);
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM leads WHERE id = ANY($1::uuid[]) AND ${visible.condition}`,
      [unique, ...visible.params],
    );
    const found = new Set(rows.map((row) => row.id));
    return unique.filter((id) => !found.has(id));
  }

  /**
   * Settlement's read of the lead events a per-lead fee pays for, dated in [from, to) (UTC days), set-based:
   * `accepted` — the first time the lead was contacted; `qualified` — the first time it was qualified
   * (a lead bouncing back to qualified is paid once); `meeting_held` — every meeting reported on it. The
   * vendor is the lead's vendor, the rep the meeting's reporter or the lead's owner.
   */
  listSettlementLeadEvents(
    manager: EntityManager,
    from: string,
    to: string,
    vendorIds?: readonly string[],
  ): Promise<SettlementLeadEvent[]> {
    return manager.query(
      `WITH firsts AS (
         SELECT a.lead_id, CASE a.status_to WHEN 'contacted' THEN 'accepted' ELSE 'qualified' END AS kind,
                min(a.occurred_at) AS occurred_at
         FROM lead_activities a
         WHERE a.kind = '${ActivityKind.STATUS_CHANGE}' AND a.status_to IN ('contacted', 'qualified')
           AND a.lead_id IN (SELECT l.id FROM leads l
                              WHERE l.vendor_id IS NOT NULL AND ($3::uuid[] IS NULL OR l.vendor_id = ANY ($3::uuid[])))
         GROUP BY 1, 2
       ), events AS (
         SELECT f.lead_id, f.kind, f.occurred_at, l.vendor_id, l.owner_rep_id AS rep_id
         FROM firsts f JOIN leads l ON l.id = f.lead_id
         WHERE f.occurred_at >= $1::date AT TIME ZONE 'UTC' AND f.occurred_at < $2::date AT TIME ZONE 'UTC'
         UNION ALL
         SELECT a.lead_id, 'meeting_held', a.occurred_at, l.vendor_id, coalesce((a.details ->> 'repId')::uuid, l.owner_rep_id)
         FROM lead_activities a JOIN leads l ON l.id = a.lead_id
         WHERE a.kind = '${ActivityKind.CALL_REPORT}' AND a.details ->> 'type' = 'meeting'
           AND a.occurred_at >= $1::date AT TIME ZONE 'UTC' AND a.occurred_at < $2::date AT TIME ZONE 'UTC'
           AND l.vendor_id IS NOT NULL AND ($3::uuid[] IS NULL OR l.vendor_id = ANY ($3::uuid[]))
       )
       SELECT lead_id AS "leadId", kind, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS date,
              vendor_id AS "vendorId", rep_id AS "repId"
       FROM events ORDER BY occurred_at, lead_id`,
      [from, to, vendorIds ?? null],
    );
  }

  /**
   * Records call reports as touches in the caller's transaction, set-based: one history entry per report,
   * and per lead the touch count, last activity and (when the report set one) the next follow-up date.
   */
  async recordCallReportTouches(manager: EntityManager, touches: readonly CallReportTouch[]): Promise<void> {
    if (touches.length === 0) return;
    await manager.query(
      `WITH t AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(lead_id uuid, call_report_id uuid, rep_id uuid,
           vendor_id uuid, occurred_at timestamptz, type text, outcome text, next_step_on date)
       ), history AS (
         -- A call report is its rep's work: the rep and their vendor are its recorder.
         INSERT INTO lead_activities (lead_id, occurred_at, kind, channel, outcome, details, actor_rep_id, actor_vendor_id)
         SELECT lead_id, occurred_at, '${ActivityKind.CALL_REPORT}',
                CASE WHEN type IN ('call', 'visit', 'email', 'meeting') THEN type ELSE 'meeting' END,
                outcome, jsonb_build_object('callReportId', call_report_id, 'repId', rep_id, 'type', type),
                rep_id, vendor_id
         FROM t
       )
       UPDATE leads l SET
         -- Only reports by the lead's owner team are touches (a report filed against another team's lead is history).
         touch_count = l.touch_count + (
           SELECT count(*)::int FROM (
             SELECT '${ActivityKind.CALL_REPORT}'::text AS kind, t.rep_id AS actor_rep_id,
                    t.vendor_id AS actor_vendor_id, NULL::uuid AS actor_id
             FROM t WHERE t.lead_id = l.id) a
           WHERE ${ownerTeamTouchSql('a', 'l')}),
         last_activity_at = GREATEST(COALESCE(l.last_activity_at, agg.last_at), agg.last_at),
         -- Kept here too, so the history trigger (LeadTouchColumns) finds the lead up to date: one write.
         owner_touch_at = GREATEST(l.owner_touch_at, (
           SELECT max(a.occurred_at) FROM (
             SELECT '${ActivityKind.CALL_REPORT}'::text AS kind, t.rep_id AS actor_rep_id,
                    t.vendor_id AS actor_vendor_id, NULL::uuid AS actor_id, t.occurred_at
             FROM t WHERE t.lead_id = l.id) a
           WHERE ${ownerTeamTouchSql('a', 'l')})),
         next_follow_up_due = COALESCE(agg.next_step_on::timestamptz, l.next_follow_up_due),
         updated_at = now(), version = l.version + 1
       FROM (SELECT lead_id, max(occurred_at) AS last_at, max(next_step_on) AS next_step_on
             FROM t GROUP BY lead_id) agg
       WHERE l.id = agg.lead_id`,
      [
        JSON.stringify(
          touches.map((touch) => ({
            lead_id: touch.leadId,
            call_report_id: touch.callReportId,
            rep_id: touch.repId,
            vendor_id: touch.vendorId,
            occurred_at: touch.occurredAt,
            type: touch.type,
            outcome: touch.outcome,
            next_step_on: touch.nextStepOn,
          })),
        ),
      ],
    );
  }
}

export interface SettlementLeadEvent {
  leadId: string;
  kind: PerLeadFeeKind;
  date: string;
  vendorId: string;
  repId: string | null;
}

/** A lead check's findings and how many open leads it looked at (`examined` in the run log). */
export interface LeadCheckResult<T> {
  examined: number;
  leads: T[];
}

/**
 * A lead check's statement: one scan of the check's scope (`scopeSql`, whose `hit` column says which
 * rows are findings) gives both the findings and `examined`, the size of the scope — or, when the scope
 * reads only the candidates, `examinedSql`'s count. One row per finding, or one row without a finding
 * when there is none.
 */
async function leadCheckQuery<T extends { id: string }>(
  manager: EntityManager,
  scopeSql: string,
  params: unknown[],
  examinedSql?: string,
): Promise<LeadCheckResult<T>> {
  const rows: (T & { examined: number; hit: boolean })[] = await manager.query(
    `WITH scope AS MATERIALIZED (${scopeSql}),
          examined AS (${examinedSql ? `SELECT (${examinedSql}) AS examined` : 'SELECT count(*)::int AS examined FROM scope'})
     SELECT e.examined, scope.* FROM examined e LEFT JOIN scope ON scope.hit`,
    params,
  );
  return {
    examined: rows[0]?.examined ?? 0,
    leads: rows
      .filter((row) => row.id !== null)
      .map(({ examined: _examined, hit: _hit, ...lead }) => lead as unknown as T),
  };
}

export interface StaleLead {
  id: string;
  companyName: string;
  vendorId: string | null;
  ownerRepId: string | null;
  keyLead: boolean;
  grade: string;
  daysWithoutTouch: number;
}

export interface OverdueFollowUp {
  id: string;
  companyName: string;
  vendorId: string | null;
  ownerRepId: string | null;
  dueAt: Date;
  hoursOverdue: number;
}

export interface UnassignedLead {
  id: string;
  companyName: string;
  vendorId: string | null;
  hoursUnassigned: number;
}

export interface CallReportTouch {
  leadId: string;
  callReportId: string;
  repId: string;
  /** The rep's vendor: with the rep, who the report counts as a touch for. */
  vendorId: string;
  occurredAt: Date;
  type: string;
  outcome: string;
  nextStepOn: string | null;
}

export interface LeadMonthCount {
  vendorId: string | null;
  repId: string | null;
  /** YYYY-MM in the owner's time zone. */
  month: string;
  taken: number;
  takenWon: number;
  won: number;
}
