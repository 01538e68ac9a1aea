import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { DataScope } from '../../../common/auth/data-scope';
import { DomainException } from '../../../common/errors/domain.exception';
import {
  ConversionDimension,
  ConversionMetricsDto,
  ConversionMetricsQuery,
  ConversionRowDto,
} from './lead-metrics.dto';
import { LEAD_SCOPE } from '../leads.service';
import { ownerTeamTouchSql } from '../history/lead-touch.rules';

const GROUP_COLUMN: Record<ConversionDimension, string> = {
  [ConversionDimension.SOURCE]: 'lead.source',
  [ConversionDimension.VENDOR]: 'lead.vendor_id::text',
  [ConversionDimension.REP]: 'lead.owner_rep_id::text',
  [ConversionDimension.REGION]: 'lead.region_code',
  [ConversionDimension.INDUSTRY]: 'lead.industry_code',
};

/** Per rep over a period: the lead cohort and its wins, and first responses to the leads handed to them. */
export interface RepLeadFacts {
  repId: string;
  vendorId: string | null;
  /** Leads taken in during the period that the rep owns now. */
  intake: number;
  /** Of those, won (at any time since). */
  won: number;
  /** Leads assigned to the rep in the period that they answered (a follow-up or call report after it). */
  responded: number;
  /** Sum over those of the hours from assignment to the first answer. */
  responseHoursTotal: number;
}

interface Row {
  key: string | null;
  intake: string;
  won: string;
  avg_days: string | null;
  is_total: boolean;
}

/**
 * Conversion over a cohort: the leads taken in during [from, to) and how many of them were won (at any
 * time since), per group and in total — one grouped query with GROUPING SETS, within the caller's scope.
 * Leads merged into another are left out (their survivor counts).
 */
@Injectable()
export class LeadMetricsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async getLeadConversionMetrics(
    query: ConversionMetricsQuery,
    scope: DataScope,
  ): Promise<ConversionMetricsDto> {
    if (new Date(query.from) >= new Date(query.to))
      throw DomainException.validation([{ field: 'to', message: 'must be after from' }]);
    const column = GROUP_COLUMN[query.groupBy];
    const scoped = scope.toSql(LEAD_SCOPE, 3);
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${column} AS key, GROUPING(${column}) = 1 AS is_total,
              count(*) AS intake,
              count(*) FILTER (WHERE lead.status = 'won') AS won,
              avg(extract(epoch FROM lead.won_at - lead.created_at) / 86400)
                FILTER (WHERE lead.status = 'won') AS avg_days
         FROM leads lead
        WHERE lead.created_at >= $1::date AND lead.created_at < $2::date
          AND lead.merged_into_id IS NULL AND ${scoped.condition}
        GROUP BY GROUPING SETS ((${column}), ())
        ORDER BY is_total DESC, intake DESC, key NULLS LAST`,
      [query.from, query.to, ...scoped.params],
    );
    const map = (row: Row | undefined): ConversionRowDto => {
      const intake = Number(row?.intake ?? 0);
      const won = Number(row?.won ?? 0);
      return {
        key: row?.key ?? null,
        intake,
        won,
        conversionRate: intake ? Math.round((won / intake) * 10000) / 10000 : 0,
        averageDaysToWon: row?.avg_days == null ? null : Math.round(Number(row.avg_days) * 10) / 10,
      };
    };
    return {
      groupBy: query.groupBy,
      from: query.from,
      to: query.to,
      total: map(rows.find((row) => row.is_total)),
      rows: rows.filter((row) => !row.is_total).map(map),
    };
  }

  /**
   * Whether a lead was created or a lead's history grew (assignment, status move, follow-up, report)
   * after `since` (database time): scoring's cue that lead facts may have moved. BRIN probes on the
   * append-only columns, so the cost follows what was written since, not the size of the tables.
   */
  async leadFactsWrittenSince(manager: EntityManager, since: Date): Promise<boolean> {
    const [row]: { written: boolean }[] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM lead_activities WHERE created_at > $1)
           OR EXISTS (SELECT 1 FROM leads WHERE created_at > $1) AS written`,
      [since],
    );
    return row.written;
  }

  /**
   * Scoring's and the KPI check's lead facts for every rep, set-based, over [from, to) — dates (midnight
   * UTC) or instants (a vendor's local month): conversion of the period's intake cohort, and the time from
   * each assignment in the period to the first touch by the team it was assigned to (`lead-touch.ts`) on
   * that lead after it (assignments never answered are left out).
   */
  async getRepLeadFacts(manager: EntityManager, from: string, to: string): Promise<RepLeadFacts[]> {
    const rows: {
      rep_id: string;
      vendor_id: string | null;
      intake: number;
      won: number;
      responded: number;
      response_hours: string | null;
    }[] = await manager.query(
      `WITH cohort AS (
         SELECT lead.owner_rep_id AS rep_id, max(lead.vendor_id::text)::uuid AS vendor_id,
                count(*)::int AS intake, count(*) FILTER (WHERE lead.status = 'won')::int AS won
           FROM leads lead
          WHERE lead.created_at >= $1::timestamptz AND lead.created_at < $2::timestamptz
            AND lead.merged_into_id IS NULL AND lead.owner_rep_id IS NOT NULL
          GROUP BY lead.owner_rep_id),
       assignments AS (
         SELECT a.lead_id, a.occurred_at, (a.details ->> 'ownerRepId')::uuid AS rep_id,
                (a.details ->> 'ownerRepId')::uuid AS owner_rep_id, (a.details ->> 'vendorId')::uuid AS vendor_id
           FROM lead_activities a
          WHERE a.kind = 'assignment' AND a.occurred_at >= $1::timestamptz AND a.occurred_at < $2::timestamptz
            AND a.details ->> 'ownerRepId' IS NOT NULL),
       responses AS (
         SELECT s.rep_id, count(*)::int AS responded,
                sum(extract(epoch FROM r.first_at - s.occurred_at) / 3600) AS response_hours
           FROM assignments s
           CROSS JOIN LATERAL (
             SELECT min(f.occurred_at) AS first_at FROM lead_activities f
              WHERE f.lead_id = s.lead_id AND ${ownerTeamTouchSql('f', 's')} AND f.occurred_at > s.occurred_at) r
          WHERE r.first_at IS NOT NULL
          GROUP BY s.rep_id)
       SELECT coalesce(c.rep_id, r.rep_id) AS rep_id, c.vendor_id,
              coalesce(c.intake, 0) AS intake, coalesce(c.won, 0) AS won,
              coalesce(r.responded, 0) AS responded, r.response_hours
         FROM cohort c FULL JOIN responses r ON r.rep_id = c.rep_id`,
      [from, to],
    );
    return rows.map((row) => ({
      repId: row.rep_id,
      vendorId: row.vendor_id,
      intake: row.intake,
      won: row.won,
      responded: row.responded,
      responseHoursTotal: Number(row.response_hours ?? 0),
    }));
  }
}
