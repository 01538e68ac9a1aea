import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DataScope } from '../../common/auth/data-scope';
import { DomainException } from '../../common/errors/domain.exception';
import {
  ConversionDimension,
  ConversionMetricsDto,
  ConversionMetricsQuery,
  ConversionRowDto,
} from './lead-metrics.dto';
import { LEAD_SCOPE } from './leads.service';

const GROUP_COLUMN: Record<ConversionDimension, string> = {
  [ConversionDimension.SOURCE]: 'lead.source',
  [ConversionDimension.VENDOR]: 'lead.vendor_id::text',
  [ConversionDimension.REP]: 'lead.owner_rep_id::text',
  [ConversionDimension.REGION]: 'lead.region_code',
  [ConversionDimension.INDUSTRY]: 'lead.industry_code',
};

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
}
