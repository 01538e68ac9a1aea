import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DataScope } from '../../../common/auth/data-scope';
import { rangeSegments } from '../../../common/period/range-segments';
import { queryRows } from '../../../database/sql';
import { LeadSource, LeadStatus } from '../lead.enums';
import { LEAD_SCOPE } from '../leads.service';
import type { LeadCountGrain } from './lead-count-rollup.entity';
import { rollupGrain } from './lead-count-rollup.rules';

/** The pipeline in order; lost and rejected leave it and are counted apart. */
export const FUNNEL_STAGES = [
  LeadStatus.NEW,
  LeadStatus.ASSIGNED,
  LeadStatus.CONTACTED,
  LeadStatus.QUALIFIED,
  LeadStatus.NEGOTIATING,
  LeadStatus.WON,
] as const;

/** Which leads a report looks at: those taken in during [from, to) (UTC days), narrowed by the filters. */
export interface LeadSliceFilter {
  from: string;
  to: string;
  vendorId?: string;
  repId?: string;
  regionCode?: string;
  /** Any of these regions (a region with the regions inside it); with regionCode, both must hold. */
  regionCodes?: readonly string[];
  industryCode?: string;
  productLineId?: string;
  source?: LeadSource;
}

export type LeadDimension = 'period' | 'region' | 'industry' | 'productLine' | 'vendor' | 'rep' | 'source';
export type PeriodGrain = 'day' | 'week' | 'month' | 'quarter' | 'year';

export interface FunnelStageFacts {
  stage: LeadStatus;
  /** Leads that got to this stage or past it (a skipped stage counts as passed). */
  reached: number;
  /** Leads in this stage now. */
  current: number;
  /** Stays in the stage that have ended, and their median length in days. */
  completedStays: number;
  medianDaysInStage: number | null;
}

export interface FunnelFacts {
  cohort: number;
  stages: FunnelStageFacts[];
  lost: number;
  rejected: number;
}

export interface BreakdownRow {
  breakdown: string;
  key: string | null;
  leads: number;
}

export interface LeadMeasureRow {
  keys: Record<string, string | null>;
  newLeads: number;
  /** Of the leads new in this cell, how many are won by now. */
  newLeadsWon: number;
  /** Leads won in this cell (by the day they were won). */
  wonLeads: number;
  /** The row of all cells (`measureLeads` with `withTotal`). */
  total?: boolean;
}

/** The column of one dimension in the fact rows below (a lead's columns plus the fact's day). */
const DIMENSION_COLUMN: Record<Exclude<LeadDimension, 'period'>, string> = {
  region: 'region_code',
  industry: 'industry_code',
  productLine: 'product_line_id',
  vendor: 'vendor_id',
  rep: 'owner_rep_id',
  source: 'source',
};

/** The first day of a fact's period, what the cells group by (`PERIOD_KEY_SQL` spells it as its key). */
const PERIOD_START_SQL: Record<PeriodGrain, string> = {
  day: 'f.day',
  week: `date_trunc('week', f.day)::date`,
  month: `date_trunc('month', f.day)::date`,
  quarter: `date_trunc('quarter', f.day)::date`,
  year: `date_trunc('year', f.day)::date`,
};

/** Period keys as src/common/period/period.ts spells them (ISO weeks, `2026-Q3`). */
export const PERIOD_KEY_SQL: Record<PeriodGrain, string> = {
  day: `to_char(f.day, 'YYYY-MM-DD')`,
  week: `to_char(f.day, 'IYYY-"W"IW')`,
  month: `to_char(f.day, 'YYYY-MM')`,
  quarter: `to_char(f.day, 'YYYY-"Q"Q')`,
  year: `to_char(f.day, 'YYYY')`,
};

/** Numbered parameters for hand-written SQL, so conditions can be added in any order. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Set-based reads of leads and their history for the reports module: each method is one statement,
 * run in the caller's transaction, within the caller's scope. Merged-away leads are left out (their
 * survivor counts).
 */
@Injectable()
export class LeadAnalyticsService {
  /** Funnel of the leads taken in during the range: how far each got, and how long it stayed per stage. */
  async getFunnelFacts(
    manager: EntityManager,
    filter: LeadSliceFilter,
    scope: DataScope,
  ): Promise<FunnelFacts> {
    const params = new Params();
    const where = this.sliceCondition(filter, scope, params, 'created_at');
    const rank = (column: string) =>
      `CASE ${column} ${FUNNEL_STAGES.map((stage, index) => `WHEN '${stage}' THEN ${index}`).join(' ')} END`;
    const rows = await queryRows<{
      stage: string;
      reached: string;
      current: string;
      completed: string;
      median_days: string | null;
      cohort: string;
      lost: string;
      rejected: string;
    }>(
      manager,
      `WITH cohort AS (
         SELECT lead.id, lead.status, lead.created_at FROM leads lead WHERE ${where}
       ), entries AS (
         -- Every lead starts as new when it is taken in; each recorded status move enters a stage.
         SELECT c.id AS lead_id, 'new'::text AS stage, c.created_at AS entered_at, 0 AS seq FROM cohort c
         UNION ALL
         SELECT a.lead_id, a.status_to, a.occurred_at, 1
           FROM lead_activities a JOIN cohort c ON c.id = a.lead_id
          WHERE a.status_to IS NOT NULL
       ), moves AS (
         SELECT e.*, lag(e.stage) OVER w AS previous_stage FROM entries e
         WINDOW w AS (PARTITION BY e.lead_id ORDER BY e.entered_at, e.seq)
       ), stays AS (
         SELECT m.lead_id, m.stage, m.entered_at,
                lead(m.entered_at) OVER (PARTITION BY m.lead_id ORDER BY m.entered_at, m.seq) AS left_at
           FROM moves m
          WHERE m.previous_stage IS DISTINCT FROM m.stage
       ), furthest_stay AS (
         -- One pass over the stays (a correlated max per lead would scan them once per lead).
         SELECT s.lead_id, max(${rank('s.stage')}) AS stay_rank FROM stays s GROUP BY s.lead_id
       ), furthest AS (
         SELECT c.id, c.status, greatest(${rank('c.status')}, fs.stay_rank) AS furthest_rank
           FROM cohort c LEFT JOIN furthest_stay fs ON fs.lead_id = c.id
       ), stages AS (
         SELECT stage, ordinality - 1 AS stage_rank
           FROM unnest(ARRAY[${FUNNEL_STAGES.map((s) => `'${s}'`).join(', ')}]) WITH ORDINALITY AS t(stage, ordinality)
       )
       SELECT st.stage,
              (SELECT count(*) FROM furthest f WHERE f.furthest_rank >= st.stage_rank) AS reached,
              (SELECT count(*) FROM cohort c WHERE c.status = st.stage) AS current,
              (SELECT count(*) FROM stays s WHERE s.stage = st.stage AND s.left_at IS NOT NULL) AS completed,
              (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.left_at - s.entered_at) / 86400)
                 FROM stays s WHERE s.stage = st.stage AND s.left_at IS NOT NULL) AS median_days,
              (SELECT count(*) FROM cohort) AS cohort,
              (SELECT count(*) FROM cohort c WHERE c.status = 'lost') AS lost,
              (SELECT count(*) FROM cohort c WHERE c.status = 'rejected') AS rejected
         FROM stages st
        ORDER BY st.stage_rank`,
      params.values,
    );
    return {
      cohort: Number(rows[0]?.cohort ?? 0),
      lost: Number(rows[0]?.lost ?? 0),
      rejected: Number(rows[0]?.rejected ?? 0),
      stages: rows.map((row) => ({
        stage: row.stage as LeadStatus,
        reached: Number(row.reached),
        current: Number(row.current),
        completedStays: Number(row.completed),
        medianDaysInStage: row.median_days === null ? null : Math.round(Number(row.median_days) * 10) / 10,
      })),
    };
  }

  /**
   * Why leads of the range were lost, rejected, graded dead or low: counts per breakdown and key.
   * A lead with several product lines counts under each; a low-graded lead counts under every scoring
   * factor that gave it no points (those are what kept it low).
   */
  async getLossFacts(
    manager: EntityManager,
    filter: LeadSliceFilter,
    scope: DataScope,
  ): Promise<BreakdownRow[]> {
    const params = new Params();
    const where = this.sliceCondition(filter, scope, params, 'created_at');
    const rows = await queryRows<{ breakdown: string; key: string | null; leads: string }>(
      manager,
      `WITH cohort AS (SELECT lead.* FROM leads lead WHERE ${where})
       SELECT 'lostByReason' AS breakdown, lost_reason AS key, count(*) AS leads
         FROM cohort WHERE status = 'lost' GROUP BY lost_reason
       UNION ALL
       SELECT 'rejectedByReason', reject_reason, count(*) FROM cohort WHERE status = 'rejected' GROUP BY reject_reason
       UNION ALL
       SELECT 'lostByVendor', vendor_id::text, count(*) FROM cohort WHERE status = 'lost' GROUP BY vendor_id
       UNION ALL
       SELECT 'rejectedByVendor', vendor_id::text, count(*) FROM cohort WHERE status = 'rejected' GROUP BY vendor_id
       UNION ALL
       SELECT 'lostByProductLine', line::text, count(*)
         FROM cohort LEFT JOIN LATERAL unnest(nullif(product_line_ids, '{}')) AS line ON TRUE
        WHERE status = 'lost' GROUP BY line
       UNION ALL
       SELECT 'lostByCompetitor', lost_competitor, count(*)
         FROM cohort WHERE status = 'lost' AND lost_reason = 'competitor' GROUP BY lost_competitor
       UNION ALL
       -- The grading rule's two ways to dead: lost with no chance, or untouched past the limit.
       SELECT 'deadByCause', CASE WHEN status = 'lost' AND lost_no_chance THEN 'lost_no_chance' ELSE 'untouched' END,
              count(*)
         FROM cohort WHERE grade = 'dead' AND status <> 'rejected' GROUP BY 2
       UNION ALL
       SELECT 'lowByCause', factor ->> 'factor', count(*)
         FROM cohort, jsonb_array_elements(score_factors) AS factor
        WHERE grade = 'low' AND status <> 'rejected' AND (factor ->> 'points')::int = 0
        GROUP BY 2
       ORDER BY breakdown, leads DESC, key NULLS LAST`,
      params.values,
    );
    return rows.map((row) => ({ breakdown: row.breakdown, key: row.key, leads: Number(row.leads) }));
  }

  /**
   * New leads (by intake day), of them won by now, and won leads (by the day they were won), per cell
   * of the dimensions. Filters apply to both; the range applies to each fact's own day. `withTotal` adds
   * the row of all cells (`total`, no keys), summed from the cells in the same statement unless a lead can
   * fall in several cells (the product line dimension: the total counts such a lead once).
   *
   * Reads the lead-count rollup where it covers the request (`rollupGrain`): whole years and months of the
   * range from `lead_count_rollup`, only the odd days at either end from the leads. Otherwise (by rep, by
   * product line, a rep's own scope, a day or week grain) it counts over the leads. Same answer either way.
   */
  async measureLeads(
    manager: EntityManager,
    filter: LeadSliceFilter,
    dimensions: LeadDimension[],
    grain: PeriodGrain,
    scope: DataScope,
    withTotal = false,
  ): Promise<LeadMeasureRow[]> {
    if (withTotal && dimensions.includes('productLine'))
      return [
        ...(await this.measureLeads(manager, filter, dimensions, grain, scope)),
        ...(await this.measureLeads(manager, filter, [], grain, scope, true)),
      ];
    const params = new Params();
    const columns = dimensions
      .map((d) =>
        d === 'period' ? undefined : d === 'productLine' ? 'product_line_id' : DIMENSION_COLUMN[d],
      )
      .filter((column) => column !== undefined);
    // An empty range has no segments: it is counted over the leads (and finds none).
    const segments = rangeSegments(filter);
    const coarsest = segments.length ? rollupGrain(filter, dimensions, grain, scope) : undefined;
    const facts = coarsest
      ? segments
          .map((segment) =>
            segment.grain === 'day'
              ? this.leadFacts({ ...filter, ...segment }, dimensions, columns, scope, params)
              : this.rollupFacts(
                  { ...filter, ...segment },
                  segment.grain === 'year' && coarsest === 'month' ? 'month' : segment.grain,
                  columns,
                  scope,
                  params,
                ),
          )
          .join(' UNION ALL ')
      : this.leadFacts(filter, dimensions, columns, scope, params);
    // Grouped by the raw columns and period starts, spelled as keys once per cell, not once per lead.
    const groupSql = dimensions.map((d) =>
      d === 'period' ? PERIOD_START_SQL[grain] : `f.${DIMENSION_COLUMN[d]}`,
    );
    const keySql = dimensions.map((d, index) =>
      d === 'period' ? PERIOD_KEY_SQL[grain].replace('f.day', groupSql[index]) : `${groupSql[index]}::text`,
    );
    const select = keySql.map((sql, index) => `${sql} AS k${index}`).join(', ');
    const groupBy = groupSql.length ? `GROUP BY ${groupSql.join(', ')}` : '';
    const cells = `SELECT ${select}${select ? ',' : ''}
              COALESCE(sum(f.new_leads), 0) AS new_leads,
              COALESCE(sum(f.new_leads_won), 0) AS new_leads_won,
              COALESCE(sum(f.won_leads), 0) AS won_leads
         FROM (${facts}) f
        ${groupBy}${groupBy && coarsest ? ' HAVING sum(f.new_leads) <> 0 OR sum(f.won_leads) <> 0' : ''}`;
    // The total adds up the cells (each fact lies in one cell here): the cells' aggregate stays one that
    // PostgreSQL can run in parallel, which a GROUPING SETS aggregate is not.
    const keyNames = keySql.map((_, index) => `k${index}`);
    const rows = await queryRows<Record<string, string | boolean | null>>(
      manager,
      withTotal && keyNames.length
        ? `WITH cells AS (${cells})
           SELECT ${keyNames.join(', ')}, false AS is_total, new_leads, new_leads_won, won_leads FROM cells
           UNION ALL
           SELECT ${keyNames.map((k) => `NULL::text AS ${k}`).join(', ')}, true, COALESCE(sum(new_leads), 0),
                  COALESCE(sum(new_leads_won), 0), COALESCE(sum(won_leads), 0) FROM cells`
        : `SELECT ${withTotal} AS is_total, * FROM (${cells}) c`,
      params.values,
    );
    return rows.map((row) => {
      const total = row.is_total === true;
      const keys: Record<string, string | null> = {};
      if (!total) dimensions.forEach((d, index) => (keys[d] = (row[`k${index}`] as string | null) ?? null));
      return {
        keys,
        ...(total ? { total } : {}),
        newLeads: Number(row.new_leads),
        newLeadsWon: Number(row.new_leads_won),
        wonLeads: Number(row.won_leads),
      };
    });
  }

  /** The facts of the leads in the filter's range, one row per new lead and per won lead (the UTC day). */
  private leadFacts(
    filter: LeadSliceFilter,
    dimensions: LeadDimension[],
    columns: string[],
    scope: DataScope,
    params: Params,
  ): string {
    const newWhere = this.sliceCondition(filter, scope, params, 'created_at');
    const wonWhere = this.sliceCondition(filter, scope, params, 'won_at');
    const lineJoin = dimensions.includes('productLine')
      ? `LEFT JOIN LATERAL unnest(nullif(lead.product_line_ids, '{}')) AS product_line_id ON TRUE`
      : '';
    const dims = columns.map((column) => `, ${column}`).join('');
    return `SELECT (lead.created_at AT TIME ZONE 'UTC')::date AS day${dims},
                   1 AS new_leads, (lead.status = 'won')::int AS new_leads_won, 0 AS won_leads
              FROM leads lead ${lineJoin} WHERE ${newWhere}
            UNION ALL
            SELECT (lead.won_at AT TIME ZONE 'UTC')::date${dims}, 0, 0, 1
              FROM leads lead ${lineJoin} WHERE ${wonWhere} AND lead.status = 'won'`;
  }

  /** The rollup rows of one grain whose periods start in the filter's range (whole months or years). */
  private rollupFacts(
    filter: LeadSliceFilter,
    grain: LeadCountGrain,
    columns: string[],
    scope: DataScope,
    params: Params,
  ): string {
    const conditions = [
      `r.grain = '${grain}'`,
      `r.period_start >= ${params.add(filter.from)}::date`,
      `r.period_start < ${params.add(filter.to)}::date`,
    ];
    if (filter.vendorId) conditions.push(`r.vendor_id = ${params.add(filter.vendorId)}`);
    if (filter.regionCode) conditions.push(`r.region_code = ${params.add(filter.regionCode)}`);
    if (filter.regionCodes)
      conditions.push(`r.region_code = ANY(${params.add([...filter.regionCodes])}::text[])`);
    if (filter.industryCode) conditions.push(`r.industry_code = ${params.add(filter.industryCode)}`);
    if (filter.source) conditions.push(`r.source = ${params.add(filter.source)}`);
    // Covered scopes only (rollupGrain): the whole company or one vendor.
    const scoped = scope.toSql({ vendor: 'r.vendor_id' }, params.values.length + 1);
    params.values.push(...scoped.params);
    conditions.push(scoped.condition);
    const dims = columns.map((column) => `, r.${column}`).join('');
    return `SELECT r.period_start AS day${dims}, r.new_leads, r.new_leads_won, r.won_leads
              FROM lead_count_rollup r WHERE ${conditions.join(' AND ')}`;
  }

  private sliceCondition(
    filter: LeadSliceFilter,
    scope: DataScope,
    params: Params,
    dayColumn: 'created_at' | 'won_at',
  ): string {
    const conditions = [
      `lead.merged_into_id IS NULL`,
      `lead.${dayColumn} >= (${params.add(filter.from)}::date AT TIME ZONE 'UTC')`,
      `lead.${dayColumn} < (${params.add(filter.to)}::date AT TIME ZONE 'UTC')`,
    ];
    if (filter.vendorId) conditions.push(`lead.vendor_id = ${params.add(filter.vendorId)}`);
    if (filter.repId) conditions.push(`lead.owner_rep_id = ${params.add(filter.repId)}`);
    if (filter.regionCode) conditions.push(`lead.region_code = ${params.add(filter.regionCode)}`);
    if (filter.regionCodes)
      conditions.push(`lead.region_code = ANY(${params.add([...filter.regionCodes])}::text[])`);
    if (filter.industryCode) conditions.push(`lead.industry_code = ${params.add(filter.industryCode)}`);
    if (filter.productLineId)
      conditions.push(`${params.add(filter.productLineId)}::uuid = ANY(lead.product_line_ids)`);
    if (filter.source) conditions.push(`lead.source = ${params.add(filter.source)}`);
    const scoped = scope.toSql(LEAD_SCOPE, params.values.length + 1);
    params.values.push(...scoped.params);
    conditions.push(scoped.condition);
    return conditions.join(' AND ');
  }
}
