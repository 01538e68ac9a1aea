import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BOOKED_STATUSES } from './contract-status';
import { buildRevenueFacts, ContractFactInput, FactRow } from './revenue-facts-builder.rules';
import { rangeSegments } from './revenue-facts';
import type {
  ContractCreditFact,
  DayRange,
  RangeSegment,
  RevenueCubeFilter,
  RevenueCubeGrain,
  RevenueCubeRow,
  ContractCreditFilter,
  DealCycleRow,
  NewCustomerRow,
  PaymentCreditFact,
  PaymentCreditFilter,
  RenewalCountRow,
  RevenueFactsFilter,
  RevenueGroup,
  RevenueGroupKey,
  RevenueDimensionKey,
  RevenueMeasure,
  RevenueRangeRow,
  RevenueRangesFilter,
  RevenueSumFilter,
  RevenueSumRow,
} from './revenue-facts';

const NIL_UUID = `'00000000-0000-0000-0000-000000000000'::uuid`;
const DIMENSIONS =
  'day, measure, vendor_id, rep_id, sales_unit_id, region_code, industry, product_line_id, currency';
/** The rollup's unique key, NULL dimensions folded so that they compare equal (see the migration). */
export const REVENUE_DAILY_KEY =
  `measure, day, COALESCE(vendor_id, ${NIL_UUID}), COALESCE(rep_id, ${NIL_UUID}), ` +
  `COALESCE(sales_unit_id, ${NIL_UUID}), COALESCE(region_code, ''), COALESCE(industry, ''), ` +
  `COALESCE(product_line_id, ${NIL_UUID}), currency`;
/** `revenue_rollup`'s unique key, folded the same way. */
export const REVENUE_ROLLUP_KEY =
  `grain, measure, period_start, COALESCE(vendor_id, ${NIL_UUID}), COALESCE(rep_id, ${NIL_UUID}), ` +
  `COALESCE(sales_unit_id, ${NIL_UUID}), COALESCE(region_code, ''), COALESCE(industry, ''), ` +
  `COALESCE(product_line_id, ${NIL_UUID}), currency`;
const ROLLUP_DIMENSIONS =
  'measure, vendor_id, rep_id, sales_unit_id, region_code, industry, product_line_id, currency';
/** The dimensions `revenue_rollup_coarse` keeps: the rollup's without rep, sales unit, industry and product line. */
const COARSE_DIMENSIONS = 'measure, vendor_id, region_code, currency';
/** `revenue_rollup_coarse`'s unique key, folded like the others. */
export const REVENUE_ROLLUP_COARSE_KEY = `grain, measure, period_start, COALESCE(vendor_id, ${NIL_UUID}), COALESCE(region_code, ''), currency`;
/** The group keys and filters the coarse rollup can answer (besides the period). */
const COARSE_KEYS: ReadonlySet<RevenueGroupKey> = new Set<RevenueGroupKey>(['vendor', 'region', 'currency']);
/** NULL-folded equality of two rollup rows' keys (hashable, unlike IS NOT DISTINCT FROM). */
const SAME_ROLLUP_KEY = [
  'grain',
  'period_start',
  'measure',
  `COALESCE(@.vendor_id, ${NIL_UUID})`,
  `COALESCE(@.rep_id, ${NIL_UUID})`,
  `COALESCE(@.sales_unit_id, ${NIL_UUID})`,
  `COALESCE(@.region_code, '')`,
  `COALESCE(@.industry, '')`,
  `COALESCE(@.product_line_id, ${NIL_UUID})`,
  'currency',
]
  .map((column) =>
    column.includes('@')
      ? `${column.replace('@', 'f')} = ${column.replace('@', 'd')}`
      : `f.${column} = d.${column}`,
  )
  .join(' AND ');
/**
 * The month and year rows of a difference, in `revenue_rollup` and in `revenue_rollup_coarse`: `source`
 * is a CTE with the daily dimensions and signed sums (the facts removed, negated, or the facts added);
 * continues a WITH list. The coarse rows take the summed difference and the change in how many of the
 * rollup rows under them are not zero (the rollup row after the write, from RETURNING, against the same
 * row before it, that minus the difference: exact under concurrent writers, which wait on the row lock).
 * Ordered like the keys, so writers lock rows in one order.
 */
const rollupUpsert = (source: string, sign: '' | '-') => `,
  rollup_delta AS (
    SELECT g.grain, date_trunc(g.grain, s.day::timestamp)::date AS period_start, ${ROLLUP_DIMENSIONS},
           ${sign}sum(amount_minor) AS amount_minor, ${sign}sum(contract_count) AS contract_count,
           ${sign}sum(cycle_days) AS cycle_days
      FROM ${source} s CROSS JOIN (VALUES ('month'), ('year')) AS g(grain)
     GROUP BY 1, 2, ${ROLLUP_DIMENSIONS}),
  rollup_after AS (
    INSERT INTO revenue_rollup (grain, period_start, ${ROLLUP_DIMENSIONS}, amount_minor, contract_count, cycle_days)
    SELECT grain, period_start, ${ROLLUP_DIMENSIONS}, amount_minor, contract_count, cycle_days
      FROM rollup_delta ORDER BY grain, period_start, ${ROLLUP_DIMENSIONS}
    ON CONFLICT (${REVENUE_ROLLUP_KEY}) DO UPDATE SET
      amount_minor = revenue_rollup.amount_minor + EXCLUDED.amount_minor,
      contract_count = revenue_rollup.contract_count + EXCLUDED.contract_count,
      cycle_days = revenue_rollup.cycle_days + EXCLUDED.cycle_days
    RETURNING grain, period_start, ${ROLLUP_DIMENSIONS}, amount_minor, contract_count)
  INSERT INTO revenue_rollup_coarse (grain, period_start, ${COARSE_DIMENSIONS}, amount_minor, contract_count,
                                     cycle_days, live_rows)
  SELECT d.grain, d.period_start, d.measure, d.vendor_id, d.region_code, d.currency, sum(d.amount_minor),
         sum(d.contract_count), sum(d.cycle_days),
         sum((f.amount_minor <> 0 OR f.contract_count <> 0)::int
             - (f.amount_minor - d.amount_minor <> 0 OR f.contract_count - d.contract_count <> 0)::int)
    FROM rollup_delta d JOIN rollup_after f ON ${SAME_ROLLUP_KEY}
   GROUP BY 1, 2, 3, 4, 5, 6
   ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (${REVENUE_ROLLUP_COARSE_KEY}) DO UPDATE SET
    amount_minor = revenue_rollup_coarse.amount_minor + EXCLUDED.amount_minor,
    contract_count = revenue_rollup_coarse.contract_count + EXCLUDED.contract_count,
    cycle_days = revenue_rollup_coarse.cycle_days + EXCLUDED.cycle_days,
    live_rows = revenue_rollup_coarse.live_rows + EXCLUDED.live_rows`;
/**
 * `revenue_rollup_coarse` rebuilt from `revenue_rollup` in one go (the migration's backfill; data loaded
 * straight into the tables uses it too). The writes keep it by differences instead.
 */
export const REBUILD_REVENUE_ROLLUP_COARSE = `
  DELETE FROM revenue_rollup_coarse;
  INSERT INTO revenue_rollup_coarse (grain, period_start, ${COARSE_DIMENSIONS}, amount_minor, contract_count,
                                     cycle_days, live_rows)
  SELECT grain, period_start, ${COARSE_DIMENSIONS}, sum(amount_minor), sum(contract_count), sum(cycle_days),
         count(*) FILTER (WHERE amount_minor <> 0 OR contract_count <> 0)
    FROM revenue_rollup GROUP BY grain, period_start, ${COARSE_DIMENSIONS}`;
const UPSERT_TAIL = `
  ON CONFLICT (${REVENUE_DAILY_KEY}) DO UPDATE SET
    amount_minor = revenue_daily.amount_minor + EXCLUDED.amount_minor,
    contract_count = revenue_daily.contract_count + EXCLUDED.contract_count,
    cycle_days = revenue_daily.cycle_days + EXCLUDED.cycle_days`;
const BOOKED_SQL = BOOKED_STATUSES.map((status) => `'${status}'`).join(', ');

/** Group key → [SQL to group by, SQL to select, output field]. */
const GROUPS: Record<RevenueGroupKey, [string, string, keyof RevenueGroup]> = {
  day: ['day', `to_char(day, 'YYYY-MM-DD')`, 'day'],
  month: [`date_trunc('month', day)`, `to_char(date_trunc('month', day), 'YYYY-MM')`, 'month'],
  quarter: [`date_trunc('quarter', day)`, `to_char(date_trunc('quarter', day), 'YYYY-"Q"Q')`, 'quarter'],
  year: [`date_trunc('year', day)`, `to_char(date_trunc('year', day), 'YYYY')`, 'year'],
  vendor: ['vendor_id', 'vendor_id', 'vendorId'],
  rep: ['rep_id', 'rep_id', 'repId'],
  salesUnit: ['sales_unit_id', 'sales_unit_id', 'salesUnitId'],
  region: ['region_code', 'region_code', 'regionCode'],
  industry: ['industry', 'industry', 'industry'],
  productLine: ['product_line_id', 'product_line_id', 'productLineId'],
  currency: ['currency', 'currency', 'currency'],
};

interface InputRow {
  id: string;
  status: string;
  currency: string;
  signed_on: string | null;
  ends_on: string;
  terminated_on: string | null;
  from_lead: boolean;
  cycle_days: number | null;
  region_code: string | null;
  industry_code: string | null;
  lines: ContractFactInput['lines'];
  credits: ContractFactInput['credits'];
  payments: ContractFactInput['payments'];
  first_of_customer: boolean;
  renewal_signed: boolean;
}

/**
 * Owner of the revenue facts: keeps `contract_revenue_facts` and the daily rollup `revenue_daily` in step
 * with the contracts (in the writer's transaction) and answers every read of bookings, revenue, new
 * customers, renewals and deal cycles. See revenue-facts.ts for the types and their meaning.
 */
@Injectable()
export class RevenueFactsService {
  // ---- maintenance (called by the contracts module's writes, in their transaction) ----

  /**
   * Rebuilds the facts of the given contracts and of those whose facts depend on them (the contract a
   * renewal renews; the customer's other contracts, whose "first contract" may move) and applies the
   * difference to the rollup. Two statements for any number of contracts.
   */
  async refreshContractFacts(manager: EntityManager, contractIds: readonly string[]): Promise<void> {
    if (contractIds.length === 0) return;
    const affected: { id: string }[] = await manager.query(
      `SELECT id FROM contracts WHERE id = ANY($1::uuid[])
       UNION SELECT renewal_of_id FROM contracts WHERE id = ANY($1::uuid[]) AND renewal_of_id IS NOT NULL
       UNION SELECT o.id FROM contracts o JOIN contracts c ON c.customer_id = o.customer_id
              WHERE c.id = ANY($1::uuid[])`,
      [[...new Set(contractIds)]],
    );
    const ids = affected.map((row) => row.id);
    // Credits come seller of record first, then by share: on equal shares the seller of record takes
    // the odd minor unit of a split, the same way on every run.
    const inputs: InputRow[] = await manager.query(
      `SELECT c.id, c.status, c.currency, to_char(c.signed_on, 'YYYY-MM-DD') AS signed_on,
              to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on, to_char(c.terminated_on, 'YYYY-MM-DD') AS terminated_on,
              c.lead_id IS NOT NULL AS from_lead, c.cycle_days, c.region_code, c.industry_code,
              COALESCE((SELECT json_agg(json_build_object('lineTotalMinor', l.line_total_minor,
                                 'productLineShares', l.product_line_shares) ORDER BY l.position)
                          FROM contract_lines l WHERE l.contract_id = c.id), '[]') AS lines,
              COALESCE((SELECT json_agg(json_build_object('vendorId', cr.vendor_id, 'repId', cr.rep_id,
                                 'salesUnitId', cr.sales_unit_id, 'shareBps', cr.share_bps)
                                 ORDER BY (cr.rep_id IS NOT DISTINCT FROM c.rep_id) DESC, cr.share_bps DESC, cr.id)
                          FROM contract_credits cr WHERE cr.contract_id = c.id), '[]') AS credits,
              COALESCE((SELECT json_agg(json_build_object('id', p.id, 'kind', p.kind, 'amountMinor', p.amount_minor,
                                 'paidOn', to_char(p.paid_on, 'YYYY-MM-DD')) ORDER BY p.paid_on, p.id)
                          FROM contract_payments p WHERE p.contract_id = c.id), '[]') AS payments,
              (c.customer_id IS NOT NULL AND c.status IN (${BOOKED_SQL}) AND NOT EXISTS (
                 SELECT 1 FROM contracts o WHERE o.customer_id = c.customer_id AND o.status IN (${BOOKED_SQL})
                    AND (o.signed_on, o.created_at, o.id) < (c.signed_on, c.created_at, c.id))) AS first_of_customer,
              EXISTS (SELECT 1 FROM contracts r WHERE r.renewal_of_id = c.id AND r.status IN (${BOOKED_SQL}))
                AS renewal_signed
         FROM contracts c WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
    const facts: FactRow[] = inputs.flatMap((row) =>
      buildRevenueFacts({
        id: row.id,
        booked: (BOOKED_STATUSES as string[]).includes(row.status),
        currency: row.currency,
        signedOn: row.signed_on,
        endsOn: row.ends_on,
        terminatedOn: row.terminated_on,
        fromLead: row.from_lead,
        cycleDays: row.cycle_days,
        regionCode: row.region_code,
        industry: row.industry_code,
        lines: row.lines.map((line) => ({ ...line, lineTotalMinor: Number(line.lineTotalMinor) })),
        credits: row.credits,
        payments: row.payments.map((p) => ({ ...p, amountMinor: Number(p.amountMinor) })),
        firstOfCustomer: row.first_of_customer,
        renewalSigned: row.renewal_signed,
      }),
    );
    await manager.query(
      `WITH old AS (DELETE FROM contract_revenue_facts WHERE contract_id = ANY($1::uuid[])
                    RETURNING ${DIMENSIONS}, amount_minor, contract_count, cycle_days),
       daily AS (
         INSERT INTO revenue_daily (${DIMENSIONS}, amount_minor, contract_count, cycle_days)
         SELECT ${DIMENSIONS}, -sum(amount_minor), -sum(contract_count), -sum(cycle_days)
           FROM old GROUP BY ${DIMENSIONS} ORDER BY ${DIMENSIONS}
         ${UPSERT_TAIL})${rollupUpsert('old', '-')}`,
      [ids],
    );
    if (facts.length === 0) return;
    await manager.query(
      `WITH new AS (
         INSERT INTO contract_revenue_facts (contract_id, source_id, ${DIMENSIONS}, share_bps, amount_minor,
                                             contract_count, cycle_days)
         SELECT f.contract_id, f.source_id, f.day, f.measure, f.vendor_id, f.rep_id, f.sales_unit_id, f.region_code,
                f.industry, f.product_line_id, f.currency, f.share_bps, f.amount_minor, f.contract_count, f.cycle_days
           FROM jsonb_to_recordset($1::jsonb) AS f(contract_id uuid, source_id uuid, day date, measure text,
                vendor_id uuid, rep_id uuid, sales_unit_id uuid, region_code text, industry text, product_line_id uuid,
                currency text, share_bps int, amount_minor bigint, contract_count int, cycle_days int)
         RETURNING ${DIMENSIONS}, amount_minor, contract_count, cycle_days),
       daily AS (
         INSERT INTO revenue_daily (${DIMENSIONS}, amount_minor, contract_count, cycle_days)
         SELECT ${DIMENSIONS}, sum(amount_minor), sum(contract_count), sum(cycle_days)
           FROM new GROUP BY ${DIMENSIONS} ORDER BY ${DIMENSIONS}
         ${UPSERT_TAIL})${rollupUpsert('new', '')}`,
      [
        JSON.stringify(
          facts.map((f) => ({
            contract_id: f.contractId,
            source_id: f.sourceId,
            day: f.day,
            measure: f.measure,
            vendor_id: f.vendorId,
            rep_id: f.repId,
            sales_unit_id: f.salesUnitId,
            region_code: f.regionCode,
            industry: f.industry,
            product_line_id: f.productLineId,
            currency: f.currency,
            share_bps: f.shareBps,
            amount_minor: f.amountMinor,
            contract_count: f.contractCount,
            cycle_days: f.cycleDays,
          })),
        ),
      ],
    );
  }

  // ---- reads (set-based, one statement each) ----

  /**
   * A stamp of every fact the rollups hold: it changes with each committed statement writing
   * `revenue_daily` or `revenue_rollup` (migration RevenueFactsVersion: one version row per vendor, moved
   * in the writing transaction). A reader holding an answer computed from these facts reads the stamp
   * before the facts, and keeps the answer only while the stamp stays the same.
   */
  async factsStamp(manager: EntityManager): Promise<string> {
    const [row]: { stamp: string | null }[] = await manager.query(
      `SELECT count(*) || ':' || COALESCE(md5(string_agg(vendor_key || ':' || xmin || ':' || version, ','
                                                ORDER BY vendor_key)), '') AS stamp
         FROM revenue_facts_version`,
    );
    return row.stamp ?? '';
  }

  /**
   * Sums a measure over the filter, grouped by the keys asked for (always also by currency):
   * `sumRevenueFacts(em, { measure: 'bookings', from: '2026-01-01', to: '2027-01-01' }, ['month', 'vendor'])`.
   */
  async sumRevenueFacts(
    manager: EntityManager,
    filter: RevenueSumFilter,
    groupBy: readonly RevenueGroupKey[],
  ): Promise<RevenueSumRow[]> {
    const keys = withCurrency(groupBy);
    const rows = await this.aggregate(
      manager,
      [filter.measure],
      filter,
      keys,
      'sum(amount_minor)::text AS amount, sum(contract_count)::int AS n',
    );
    return rows.map((row) => ({
      ...groupOf(row, keys),
      currency: String(row.currency),
      amountMinor: Number(row.amount),
      contractCount: Number(row.n),
    }));
  }

  /**
   * Sums of measures over many ranges of days at once, per range, measure, currency and the dimensions
   * asked for, with the fewest rows read: whole years and months from `revenue_rollup`, only the odd days
   * at either end from `revenue_daily` (`rangeSegments`). One statement for any number of ranges. Groups
   * whose sums are all zero may be left out.
   */
  async sumRevenueOverRanges(
    manager: EntityManager,
    filter: RevenueRangesFilter,
    groupBy: readonly RevenueDimensionKey[],
  ): Promise<RevenueRangeRow[]> {
    if (filter.ranges.length === 0 || filter.measures.length === 0) return [];
    const keys = [...new Set(groupBy)].filter((key) => key !== 'currency');
    const columns = keys.map((key) => GROUPS[key][0]);
    const params: unknown[] = [filter.measures];
    const where = ['measure = ANY($1::text[])'];
    if (filter.currencies) {
      params.push(filter.currencies);
      where.push(`currency = ANY($${params.length}::text[])`);
    }
    const branches: string[] = [];
    filter.ranges.forEach((range, index) => {
      for (const segment of rangeSegments(range)) {
        params.push(segment.from, segment.to);
        const [from, to] = [`$${params.length - 1}::date`, `$${params.length}::date`];
        const source =
          segment.grain === 'day'
            ? `revenue_daily WHERE day >= ${from} AND day < ${to}`
            : `revenue_rollup WHERE grain = '${segment.grain}' AND period_start >= ${from} AND period_start < ${to}`;
        branches.push(
          `SELECT ${index} AS range_index, ${[...columns, 'measure', 'currency'].join(', ')}, amount_minor, contract_count,
                  cycle_days FROM ${source} AND ${where.join(' AND ')}`,
        );
      }
    });
    if (branches.length === 0) return [];
    const groups = ['range_index', ...columns, 'measure', 'currency'].join(', ');
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT ${['range_index', ...keys.map((key) => `${GROUPS[key][1]} AS "${key}"`), 'measure', 'currency'].join(', ')},
              sum(amount_minor)::text AS amount, sum(contract_count)::int AS n, sum(cycle_days)::int AS days
         FROM (${branches.join(' UNION ALL ')}) r
        GROUP BY ${groups}
       HAVING sum(amount_minor) <> 0 OR sum(contract_count) <> 0 OR sum(cycle_days) <> 0`,
      params,
    );
    // Thousands of rows for a company tree: built field by field, not spread.
    return rows.map((row) => {
      const out = {
        range: row.range_index as number,
        measure: row.measure as RevenueRangeRow['measure'],
        currency: row.currency as string,
        amountMinor: Number(row.amount),
        contractCount: row.n as number,
        cycleDays: row.days as number,
      };
      for (const key of keys) (out as Record<string, unknown>)[GROUPS[key][2]] = row[key] ?? null;
      return out;
    });
  }

  /**
   * Sums of several measures per period of one grain and the dimensions asked for, always per measure and
   * currency, with their total over all cells in the same statement (`withTotal`). Reads the fewest rows:
   * whole years and months from `revenue_rollup` where they nest in the period grain (years for a year
   * grain, months for a month or quarter grain, any of them without a period), only the odd days from
   * `revenue_daily`; from `revenue_rollup_coarse` when neither the groups nor the filter name a rep, sales
   * unit, industry or product line. A cell is left out only when every row under it is zero (a cell whose
   * rows net to zero is kept), the same cells from either rollup.
   */
  async sumRevenueCube(
    manager: EntityManager,
    filter: RevenueCubeFilter,
    period: RevenueCubeGrain | undefined,
    groupBy: readonly RevenueDimensionKey[],
    withTotal: boolean,
  ): Promise<RevenueCubeRow[]> {
    if (filter.measures.length === 0 || filter.from >= filter.to) return [];
    const keys: RevenueGroupKey[] = [
      ...(period ? [period] : []),
      ...[...new Set(groupBy)].filter((key) => key !== 'currency'),
    ];
    const params: unknown[] = [filter.measures];
    const where = ['measure = ANY($1::text[])'];
    pushDimensionFilters(filter, params, where);
    const coarsest = period === 'year' || period === undefined ? 'year' : period === 'day' ? 'day' : 'month';
    // Without rep, sales unit, industry or product line asked for, whole months and years come from the
    // coarse rollup; a cell is kept when any row under it is not zero either way (`live`).
    const coarse =
      groupBy.every((key) => COARSE_KEYS.has(key)) &&
      [filter.repIds, filter.salesUnitIds, filter.industries, filter.productLineIds].every(
        (v) => v === undefined,
      );
    const columns = `${coarse ? COARSE_DIMENSIONS : ROLLUP_DIMENSIONS}, amount_minor, contract_count`;
    const rowLive = '(amount_minor <> 0 OR contract_count <> 0) AS live';
    const branches = cubeSegments(filter, coarsest).map((segment) => {
      params.push(segment.from, segment.to);
      const [from, to] = [`$${params.length - 1}::date`, `$${params.length}::date`];
      return segment.grain === 'day'
        ? `SELECT day, ${columns}, ${rowLive} FROM revenue_daily
            WHERE day >= ${from} AND day < ${to} AND ${where.join(' AND ')}`
        : `SELECT period_start AS day, ${columns}, ${coarse ? 'live_rows > 0 AS live' : rowLive}
             FROM ${coarse ? 'revenue_rollup_coarse' : 'revenue_rollup'}
            WHERE grain = '${segment.grain}' AND period_start >= ${from} AND period_start < ${to} AND ${where.join(' AND ')}`;
    });
    const groups = keys.map((key) => GROUPS[key][0]);
    const cells = [...groups, 'measure', 'currency'].join(', ');
    const grouping = withTotal && groups.length ? `GROUPING SETS ((${cells}), (measure, currency))` : cells;
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT ${[...keys.map((key) => `${GROUPS[key][1]} AS "${key}"`), 'measure', 'currency'].join(', ')},
              ${withTotal && groups.length ? `GROUPING(${groups.join(', ')}) <> 0` : `${withTotal}`} AS is_total,
              sum(amount_minor)::text AS amount, sum(contract_count)::int AS n
         FROM (${branches.join(' UNION ALL ')}) r
        GROUP BY ${grouping}
       HAVING bool_or(live)`,
      params,
    );
    return rows.map((row) => {
      const out = {
        total: row.is_total as boolean,
        measure: row.measure as RevenueMeasure,
        currency: row.currency as string,
        amountMinor: Number(row.amount),
        contractCount: row.n as number,
      };
      if (!out.total)
        for (const key of keys) (out as Record<string, unknown>)[GROUPS[key][2]] = row[key] ?? null;
      return out;
    });
  }

  /** Customers whose first signed contract falls in the filter, per group (not split by currency unless asked). */
  async countNewCustomers(
    manager: EntityManager,
    filter: RevenueFactsFilter,
    groupBy: readonly RevenueGroupKey[],
  ): Promise<NewCustomerRow[]> {
    const rows = await this.aggregate(
      manager,
      ['new_customers'],
      filter,
      groupBy,
      'sum(contract_count)::int AS n',
    );
    return rows.map((row) => ({ ...groupOf(row, groupBy), newCustomers: Number(row.n) }));
  }

  /** Contracts ending in the filter's days, and how many of them were renewed (renewal signed). */
  async renewalCounts(
    manager: EntityManager,
    filter: RevenueFactsFilter,
    groupBy: readonly RevenueGroupKey[],
  ): Promise<RenewalCountRow[]> {
    const rows = await this.aggregate(
      manager,
      ['up_for_renewal', 'renewed'],
      filter,
      groupBy,
      `COALESCE(sum(contract_count) FILTER (WHERE measure = 'up_for_renewal'), 0)::int AS up,
       COALESCE(sum(contract_count) FILTER (WHERE measure = 'renewed'), 0)::int AS renewed`,
    );
    return rows.map((row) => {
      const up = Number(row.up);
      const renewed = Number(row.renewed);
      return { ...groupOf(row, groupBy), upForRenewal: up, renewed, renewalRate: up ? renewed / up : null };
    });
  }

  /** Won deals (signed contracts from a lead) and their average cycle from lead intake to signature. */
  async dealCycleStats(
    manager: EntityManager,
    filter: RevenueFactsFilter,
    groupBy: readonly RevenueGroupKey[],
  ): Promise<DealCycleRow[]> {
    const rows = await this.aggregate(
      manager,
      ['won_deals'],
      filter,
      groupBy,
      'sum(contract_count)::int AS n, sum(cycle_days)::int AS days',
    );
    return rows.map((row) => {
      const won = Number(row.n);
      const days = Number(row.days);
      return {
        ...groupOf(row, groupBy),
        wonCount: won,
        totalCycleDays: days,
        averageCycleDays: won ? Math.round((days / won) * 10) / 10 : null,
      };
    });
  }

  /** Settlement: each credited seller's share of each signed contract, with paid-to-date and termination. */
  async listContractCredits(
    manager: EntityManager,
    filter: ContractCreditFilter,
  ): Promise<ContractCreditFact[]> {
    const where = [`c.status IN (${BOOKED_SQL})`];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.vendorIds) add('cr.vendor_id = ANY(?::uuid[])', filter.vendorIds);
    if (filter.repIds) add('cr.rep_id = ANY(?::uuid[])', filter.repIds);
    if (filter.contractIds) add('c.id = ANY(?::uuid[])', filter.contractIds);
    if (filter.signedFrom) add('c.signed_on >= ?::date', filter.signedFrom);
    if (filter.signedTo) add('c.signed_on < ?::date', filter.signedTo);
    const rows: Record<string, unknown>[] = await manager.query(
      `WITH credited AS (
         SELECT f.contract_id, f.vendor_id, f.rep_id, f.sales_unit_id,
                COALESCE(sum(f.amount_minor) FILTER (WHERE f.measure = 'bookings'), 0) AS booked,
                COALESCE(sum(f.amount_minor) FILTER (WHERE f.measure = 'revenue'), 0) AS paid
           FROM contract_revenue_facts f
          WHERE f.measure IN ('bookings', 'revenue')
            AND f.contract_id IN (SELECT c.id FROM contracts c JOIN contract_credits cr ON cr.contract_id = c.id
                                   WHERE ${where.join(' AND ')})
          GROUP BY 1, 2, 3, 4)
       SELECT c.id AS "contractId", c.status, c.customer_id AS "customerId", cr.vendor_id AS "vendorId",
              cr.rep_id AS "repId", cr.sales_unit_id AS "salesUnitId", cr.share_bps AS "shareBps", c.currency,
              to_char(c.signed_on, 'YYYY-MM-DD') AS "signedOn", to_char(c.starts_on, 'YYYY-MM-DD') AS "startsOn",
              to_char(c.ends_on, 'YYYY-MM-DD') AS "endsOn", to_char(c.terminated_on, 'YYYY-MM-DD') AS "terminatedOn",
              c.renewal_of_id AS "renewalOfId", c.total_minor::text AS total,
              COALESCE(x.booked, 0)::text AS booked, COALESCE(x.paid, 0)::text AS paid
         FROM contracts c
         JOIN contract_credits cr ON cr.contract_id = c.id
         LEFT JOIN credited x ON x.contract_id = c.id AND x.vendor_id IS NOT DISTINCT FROM cr.vendor_id
              AND x.rep_id IS NOT DISTINCT FROM cr.rep_id AND x.sales_unit_id IS NOT DISTINCT FROM cr.sales_unit_id
        WHERE ${where.join(' AND ')}
        ORDER BY c.signed_on, c.id, cr.share_bps DESC, cr.id`,
      params,
    );
    return rows.map(({ total, booked, paid, ...rest }) => ({
      ...(rest as Omit<
        ContractCreditFact,
        'contractTotalMinor' | 'creditedBookingMinor' | 'creditedPaidMinor'
      >),
      contractTotalMinor: Number(total),
      creditedBookingMinor: Number(booked),
      creditedPaidMinor: Number(paid),
    }));
  }

  /** Settlement: each credited seller's share of each payment and refund paid in [from, to). */
  async listPaymentCredits(
    manager: EntityManager,
    filter: PaymentCreditFilter,
  ): Promise<PaymentCreditFact[]> {
    const where = [`f.measure = 'revenue'`, 'f.day >= $1::date', 'f.day < $2::date'];
    const params: unknown[] = [filter.from, filter.to];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.vendorIds) add('f.vendor_id = ANY(?::uuid[])', filter.vendorIds);
    if (filter.repIds) add('f.rep_id = ANY(?::uuid[])', filter.repIds);
    if (filter.contractIds) add('f.contract_id = ANY(?::uuid[])', filter.contractIds);
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT f.source_id AS "paymentId", f.contract_id AS "contractId", to_char(f.day, 'YYYY-MM-DD') AS "paidOn",
              p.kind, f.vendor_id AS "vendorId", f.rep_id AS "repId", f.sales_unit_id AS "salesUnitId",
              f.share_bps AS "shareBps", f.currency, sum(f.amount_minor)::text AS amount
         FROM contract_revenue_facts f JOIN contract_payments p ON p.id = f.source_id
        WHERE ${where.join(' AND ')}
        GROUP BY f.source_id, f.contract_id, f.day, p.kind, f.vendor_id, f.rep_id, f.sales_unit_id, f.share_bps, f.currency
        ORDER BY f.day, f.source_id, f.share_bps DESC`,
      params,
    );
    return rows.map(({ amount, ...rest }) => ({
      ...(rest as Omit<PaymentCreditFact, 'amountMinor'>),
      amountMinor: Number(amount),
    }));
  }

  private aggregate(
    manager: EntityManager,
    measures: RevenueMeasure[],
    filter: RevenueFactsFilter,
    groupBy: readonly RevenueGroupKey[],
    select: string,
  ): Promise<Record<string, unknown>[]> {
    const params: unknown[] = [measures, filter.from, filter.to];
    const where = ['measure = ANY($1::text[])', 'day >= $2::date', 'day < $3::date'];
    pushDimensionFilters(filter, params, where);
    const keys = [...new Set(groupBy)];
    const selects = keys.map((key) => `${GROUPS[key][1]} AS "${key}"`);
    const groups = keys.map((key) => GROUPS[key][0]);
    return manager.query(
      `SELECT ${[...selects, select].join(', ')} FROM revenue_daily WHERE ${where.join(' AND ')}
       ${groups.length ? `GROUP BY ${groups.join(', ')}` : ''}
       HAVING bool_or(amount_minor <> 0 OR contract_count <> 0)
       ${groups.length ? `ORDER BY ${groups.join(', ')}` : ''}`,
      params,
    );
  }
}

/**
 * The segments of a cube's range whose rollup rows nest in its period grain: years and months only as
 * coarse as `coarsest` allows.
 */
/** The dimension filters of a revenue read, shared by the daily and the rollup readers. */
interface DimensionFilter {
  vendorIds?: readonly string[];
  repIds?: readonly string[];
  salesUnitIds?: readonly string[];
  regionCodes?: readonly string[];
  industries?: readonly string[];
  productLineIds?: readonly string[];
  currencies?: readonly string[];
  viaVendor?: boolean;
}

/** Appends the filter's conditions to `where`, their values to `params` (numbered after those already there). */
function pushDimensionFilters(filter: DimensionFilter, params: unknown[], where: string[]): void {
  const add = (column: string, type: string, values: readonly string[] | undefined) => {
    if (values === undefined) return;
    params.push(values);
    where.push(`${column} = ANY($${params.length}::${type}[])`);
  };
  add('vendor_id', 'uuid', filter.vendorIds);
  add('rep_id', 'uuid', filter.repIds);
  add('sales_unit_id', 'uuid', filter.salesUnitIds);
  add('region_code', 'text', filter.regionCodes);
  add('industry', 'text', filter.industries);
  add('product_line_id', 'uuid', filter.productLineIds);
  add('currency', 'text', filter.currencies);
  if (filter.viaVendor !== undefined) where.push(`vendor_id IS ${filter.viaVendor ? 'NOT ' : ''}NULL`);
}

function cubeSegments(range: DayRange, coarsest: 'day' | 'month' | 'year'): RangeSegment[] {
  if (coarsest === 'day') return [{ grain: 'day', from: range.from, to: range.to }];
  const segments = rangeSegments(range);
  return coarsest === 'year'
    ? segments
    : segments.map((segment) => (segment.grain === 'year' ? { ...segment, grain: 'month' } : segment));
}

function withCurrency(groupBy: readonly RevenueGroupKey[]): RevenueGroupKey[] {
  return groupBy.includes('currency') ? [...groupBy] : [...groupBy, 'currency'];
}

function groupOf(row: Record<string, unknown>, groupBy: readonly RevenueGroupKey[]): RevenueGroup {
  const group: Record<string, unknown> = {};
  for (const key of new Set(groupBy)) group[GROUPS[key][2]] = row[key] ?? null;
  return group;
}
