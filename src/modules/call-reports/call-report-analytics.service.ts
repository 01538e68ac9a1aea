import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DataScope } from '../../common/auth/data-scope';
import { queryRows } from '../../database/sql';
import { PERIOD_KEY_SQL, PeriodGrain } from '../leads/leads.published';
import { CallReportType } from './call-report.enums';

/** Call reports carry their rep, vendor and day; anything about the customer lives with the lead. */
export type CallReportDimension = 'period' | 'vendor' | 'rep';

export interface CallReportSliceFilter {
  /** Local days of the rep, [from, to). */
  from: string;
  to: string;
  vendorId?: string;
  repId?: string;
}

export interface CallReportMeasureRow {
  keys: Record<string, string | null>;
  calls: number;
  visits: number;
}

const DIMENSION_SQL: Record<Exclude<CallReportDimension, 'period'>, string> = {
  vendor: 'f.vendor_id::text',
  rep: 'f.rep_id::text',
};

/** Set-based reads of call reports for the reports module, in the caller's transaction and scope. */
@Injectable()
export class CallReportAnalyticsService {
  /** Calls and visits per cell, counted on the rep's local day of the report (as quotas count them). */
  async measureCallReports(
    manager: EntityManager,
    filter: CallReportSliceFilter,
    dimensions: CallReportDimension[],
    grain: PeriodGrain,
    scope: DataScope,
  ): Promise<CallReportMeasureRow[]> {
    const params: unknown[] = [filter.from, filter.to, CallReportType.CALL, CallReportType.VISIT];
    const conditions = [`f.occurred_on >= $1::date`, `f.occurred_on < $2::date`, `f.type IN ($3, $4)`];
    if (filter.vendorId) {
      params.push(filter.vendorId);
      conditions.push(`f.vendor_id = $${params.length}`);
    }
    if (filter.repId) {
      params.push(filter.repId);
      conditions.push(`f.rep_id = $${params.length}`);
    }
    const scoped = scope.toSql({ vendor: 'f.vendor_id', rep: 'f.rep_id' }, params.length + 1);
    params.push(...scoped.params);
    conditions.push(scoped.condition);
    const keySql = dimensions.map((d) => (d === 'period' ? PERIOD_KEY_SQL[grain] : DIMENSION_SQL[d]));
    const select = keySql.map((sql, index) => `${sql} AS k${index},`).join(' ');
    const groupBy = keySql.length ? `GROUP BY ${keySql.map((_, index) => index + 1).join(', ')}` : '';
    const rows = await queryRows<Record<string, string | null>>(
      manager,
      `SELECT ${select}
              count(*) FILTER (WHERE f.type = $3) AS calls,
              count(*) FILTER (WHERE f.type = $4) AS visits
         FROM (SELECT r.*, r.occurred_on AS day FROM call_reports r) f
        WHERE ${conditions.join(' AND ')}
        ${groupBy}`,
      params,
    );
    return rows.map((row) => ({
      keys: Object.fromEntries(dimensions.map((d, index) => [d, row[`k${index}`] ?? null])),
      calls: Number(row.calls),
      visits: Number(row.visits),
    }));
  }
}
