import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CallReportType } from '../call-reports/call-report.enums';
import { CallReportsService } from '../call-reports/call-reports.service';
import { RevenueFactsService } from '../contracts/revenue-facts.service';
import type { RevenueMeasure } from '../contracts/revenue-facts';
import { LeadQueriesService } from '../leads/leads.published';
import { FactCell, MonthlyFacts, monthsBetween } from './actual-rollup.rules';
import type { FunnelHistory } from './activity-plan.rules';
import { ImportedActual } from './imported-actual.entity';
import { NodeKey, nodeKey, OrgNodes } from './org-nodes';
import { isAdditive, TargetMetric } from './target.enums';

/** Market size is imported per region × industry × period; it is no target metric of its own. */
export const MARKET_SIZE = 'market_size';

export interface ActualRange {
  /** A period key when the range is one period (matches imported rows of exactly that period). */
  key?: string;
  start: string;
  end: string;
}

export interface ActualQuery {
  owner: NodeKey;
  regionId: string | null;
  industryCode: string | null;
  productLineId: string | null;
  range: ActualRange;
}

const REPORT_TYPE: Partial<Record<TargetMetric, CallReportType>> = {
  [TargetMetric.CALLS]: CallReportType.CALL,
  [TargetMetric.VISITS]: CallReportType.VISIT,
  [TargetMetric.MEETINGS]: CallReportType.MEETING,
};

/** The contracts module's measures behind each metric it owns. */
const CONTRACT_MEASURES: Partial<Record<TargetMetric, RevenueMeasure[]>> = {
  [TargetMetric.REVENUE]: ['revenue'],
  [TargetMetric.BOOKINGS]: ['bookings'],
  [TargetMetric.NEW_CUSTOMERS]: ['new_customers'],
  [TargetMetric.RENEWAL_RATE]: ['up_for_renewal', 'renewed'],
  [TargetMetric.AVG_DEAL_CYCLE_DAYS]: ['won_deals'],
};

const rangeKey = (range: ActualRange) => `${range.start}/${range.end}`;
const monthAligned = (range: ActualRange) => range.start.endsWith('-01') && range.end.endsWith('-01');
const hasDimensions = (query: ActualQuery) =>
  query.regionId !== null || query.industryCode !== null || query.productLineId !== null;

/**
 * Where actuals come from. Computed ones are read through the owning modules' set-based methods, one
 * read per metric for every node at once (leads: new and won leads, conversion; call reports: calls,
 * visits, meetings), in each rep's time zone. Imported ones (periods before OSM, the ERP's history,
 * market size, sales expenses) come from `target_imported_actuals`. An imported value for a node and
 * period wins over a computed one: it is the record for the time OSM did not see.
 *
 * contracts: revenue (paid), bookings (signed), new customers, renewal rate, deal cycle — in the
 * target's currency only.
 *
 * Computed actuals are per month: a week target, or one narrowed to a region, industry or product
 * line, has imported actuals only.
 */
@Injectable()
export class ActualsService {
  constructor(
    private readonly leads: LeadQueriesService,
    private readonly callReports: CallReportsService,
    private readonly revenue: RevenueFactsService,
  ) {}

  /**
   * One read of a lead or call-report metric's facts over whole months, for every node at once; null
   * when the metric is none of theirs (contracts' metrics are read per range, `contractFacts`; market
   * share is derived, sales expense imported).
   */
  async monthlyFacts(
    em: EntityManager,
    org: OrgNodes,
    metric: TargetMetric,
    months: readonly string[],
  ): Promise<MonthlyFacts | null> {
    if (months.length === 0) return new MonthlyFacts([], org);
    const from = months.reduce((a, b) => (a < b ? a : b));
    const to = months.reduce((a, b) => (a > b ? a : b));
    let cells: FactCell[] | null = null;
    if (
      metric === TargetMetric.NEW_LEADS ||
      metric === TargetMetric.WON_LEADS ||
      metric === TargetMetric.CONVERSION_RATE
    ) {
      const zones = new Map(org.chart.reps.map((rep) => [rep.id, rep.timezone]));
      const rows = await this.leads.countLeadsByOwnerAndMonth(
        em,
        from,
        to,
        zones,
        org.calendarOf('company').timezone,
      );
      cells = rows.map((row) => ({
        vendorId: row.vendorId,
        repId: row.repId,
        month: row.month,
        num:
          metric === TargetMetric.NEW_LEADS
            ? row.taken
            : metric === TargetMetric.WON_LEADS
              ? row.won
              : row.takenWon,
        den: metric === TargetMetric.CONVERSION_RATE ? row.taken : 0,
      }));
    }
    const type = REPORT_TYPE[metric];
    if (type) {
      const rows = await this.callReports.countReportsByRepAndMonth(em, from, to, [type]);
      cells = rows.map((row) => ({
        vendorId: row.vendorId,
        repId: row.repId,
        month: row.month,
        num: row.count,
        den: 0,
      }));
    }
    return cells ? new MonthlyFacts(cells, org) : null;
  }

  /**
   * The funnel an activity plan learns from, per rep over whole months: calls, visits and negotiations
   * reported (call reports) and leads won (leads), in each rep's time zone. Two reads for every rep.
   */
  async funnelByRep(
    em: EntityManager,
    org: OrgNodes,
    fromMonth: string,
    toMonth: string,
  ): Promise<Map<string, FunnelHistory>> {
    const funnel = new Map<string, FunnelHistory>();
    const of = (repId: string) => {
      let row = funnel.get(repId);
      if (!row) funnel.set(repId, (row = { calls: 0, visits: 0, negotiations: 0, won: 0 }));
      return row;
    };
    const reports = await this.callReports.countReportsByRepAndMonth(em, fromMonth, toMonth, [
      CallReportType.CALL,
      CallReportType.VISIT,
      CallReportType.NEGOTIATION,
    ]);
    for (const row of reports) {
      const history = of(row.repId);
      if (row.type === CallReportType.CALL) history.calls += row.count;
      else if (row.type === CallReportType.VISIT) history.visits += row.count;
      else history.negotiations += row.count;
    }
    const zones = new Map(org.chart.reps.map((rep) => [rep.id, rep.timezone]));
    const leads = await this.leads.countLeadsByOwnerAndMonth(
      em,
      fromMonth,
      toMonth,
      zones,
      org.calendarOf('company').timezone,
    );
    for (const row of leads) if (row.repId) of(row.repId).won += row.won;
    return funnel;
  }

  /** Bookings signed in [from, to) in one currency, per vendor and rep: amount and contracts. One read. */
  async bookingsByRep(
    em: EntityManager,
    currency: string,
    from: string,
    to: string,
  ): Promise<{ vendorId: string | null; repId: string | null; amountMinor: number; contracts: number }[]> {
    const rows = await this.revenue.sumRevenueFacts(
      em,
      { from, to, measure: 'bookings', currencies: [currency] },
      ['vendor', 'rep'],
    );
    return rows.map((row) => ({
      vendorId: row.vendorId ?? null,
      repId: row.repId ?? null,
      amountMinor: row.amountMinor,
      contracts: row.contractCount,
    }));
  }

  /**
   * The contracts module's facts summed per (vendor, rep) over each range at once, read from its month
   * and year rollups (`sumRevenueOverRanges`): one row per seller and range, however long the range.
   * The cells' `month` is the range's key (`rangeKey`). Null for metrics contracts do not own.
   */
  private async contractFacts(
    em: EntityManager,
    org: OrgNodes,
    metric: TargetMetric,
    ranges: readonly ActualRange[],
    currency: string | null,
  ): Promise<MonthlyFacts | null> {
    const measures = CONTRACT_MEASURES[metric];
    if (!measures) return null;
    const money = metric === TargetMetric.REVENUE || metric === TargetMetric.BOOKINGS;
    if (money && !currency) return new MonthlyFacts([], org);
    const distinct = [...new Map(ranges.map((range) => [rangeKey(range), range])).values()];
    const bucketOf = distinct.map(rangeKey);
    const rows = await this.revenue.sumRevenueOverRanges(
      em,
      {
        measures,
        ranges: distinct.map((range) => ({ from: range.start, to: range.end })),
        currencies: money ? [currency!] : undefined,
      },
      ['vendor', 'rep'],
    );
    const cells: FactCell[] = rows.map((row) => {
      const cell = {
        vendorId: row.vendorId ?? null,
        repId: row.repId ?? null,
        month: bucketOf[row.range],
        num: 0,
        den: 0,
      };
      switch (metric) {
        case TargetMetric.NEW_CUSTOMERS:
          cell.num = row.contractCount;
          break;
        case TargetMetric.RENEWAL_RATE:
          // Up for renewal is the denominator, renewed the numerator: one row of each measure.
          if (row.measure === 'renewed') cell.num = row.contractCount;
          else cell.den = row.contractCount;
          break;
        case TargetMetric.AVG_DEAL_CYCLE_DAYS:
          cell.num = row.cycleDays;
          cell.den = row.contractCount;
          break;
        default:
          cell.num = row.amountMinor;
      }
      return cell;
    });
    return new MonthlyFacts(cells, org);
  }

  async importedRows(
    em: EntityManager,
    metric: string,
    start: string,
    end: string,
  ): Promise<ImportedActual[]> {
    return em
      .createQueryBuilder(ImportedActual, 'a')
      .where('a.metric = :metric', { metric })
      .andWhere('a.period_start >= :start AND a.period_end <= :end', { start, end })
      .getMany();
  }

  /**
   * Actuals for many (node, range) pairs of one metric at once: two reads whatever their number (the
   * imported rows of the whole span and the metric's computed facts).
   */
  async actualsFor(
    em: EntityManager,
    org: OrgNodes,
    metric: TargetMetric,
    queries: readonly ActualQuery[],
    currency: string | null = null,
  ): Promise<(number | null)[]> {
    if (queries.length === 0) return [];
    if (metric === TargetMetric.MARKET_SHARE) return this.marketShares(em, org, queries, currency);
    const start = queries.map((q) => q.range.start).reduce((a, b) => (a < b ? a : b));
    const end = queries.map((q) => q.range.end).reduce((a, b) => (a > b ? a : b));
    const imported = indexImported(await this.importedRows(em, metric, start, end));
    const computable = queries.filter((q) => !hasDimensions(q) && monthAligned(q.range));
    // Contracts' facts come per range (its rollups sum whole months and years); the others per month.
    const perRange = metric in CONTRACT_MEASURES;
    let facts: MonthlyFacts | null = null;
    if (computable.length && perRange)
      facts = await this.contractFacts(
        em,
        org,
        metric,
        computable.map((q) => q.range),
        currency,
      );
    else if (computable.length) {
      const months = [...new Set(computable.flatMap((q) => monthsBetween(q.range.start, q.range.end)))];
      facts = await this.monthlyFacts(em, org, metric, months);
    }
    // The buckets of each range, worked out once per range object (a tree's nodes share a few).
    const keys = new Map<ActualRange, string[]>();
    const keysOf = (range: ActualRange) => {
      let found = keys.get(range);
      if (!found) {
        const key = rangeKey(range);
        keys.set(range, (found = perRange ? [key] : monthsBetween(range.start, range.end)));
      }
      return found;
    };
    return queries.map((query) => {
      const fromImport = imported.size ? importedValue(imported, metric, query) : undefined;
      if (fromImport !== undefined) return fromImport;
      if (!facts || hasDimensions(query) || !monthAligned(query.range)) return null;
      return facts.value(metric, query.owner, keysOf(query.range));
    });
  }

  /** Our revenue over the market size of the same region × industry × period, in basis points. */
  private async marketShares(
    em: EntityManager,
    org: OrgNodes,
    queries: readonly ActualQuery[],
    currency: string | null,
  ): Promise<(number | null)[]> {
    const revenue = await this.actualsFor(em, org, TargetMetric.REVENUE, queries, currency);
    const start = queries.map((q) => q.range.start).reduce((a, b) => (a < b ? a : b));
    const end = queries.map((q) => q.range.end).reduce((a, b) => (a > b ? a : b));
    const sizes = indexImported(await this.importedRows(em, MARKET_SIZE, start, end));
    return queries.map((query, index) => {
      const size = importedValue(sizes, TargetMetric.REVENUE, { ...query, owner: 'company' });
      const ours = revenue[index];
      if (ours === null || size === undefined || size === null || size === 0) return null;
      return Math.round((ours / size) * 10_000);
    });
  }
}

type ImportIndex = Map<string, ImportedActual[]>;

const dimensionKey = (
  owner: NodeKey,
  regionId: string | null,
  industryCode: string | null,
  productLineId: string | null,
) => `${owner}|${regionId ?? ''}|${industryCode ?? ''}|${productLineId ?? ''}`;

function indexImported(rows: readonly ImportedActual[]): ImportIndex {
  const index: ImportIndex = new Map();
  for (const row of rows) {
    const key = dimensionKey(
      nodeKey(row.ownerKind, row.ownerId),
      row.regionId,
      row.industryCode,
      row.productLineId,
    );
    const list = index.get(key) ?? [];
    list.push(row);
    index.set(key, list);
  }
  return index;
}

/**
 * The imported value of a node for a range: the row of exactly that period, else (additive metrics) the
 * sum of the month rows inside it, else of the quarter rows; undefined when nothing was imported.
 */
function importedValue(
  index: ImportIndex,
  metric: TargetMetric,
  query: ActualQuery,
): number | null | undefined {
  const rows = (
    index.get(dimensionKey(query.owner, query.regionId, query.industryCode, query.productLineId)) ?? []
  ).filter((row) => row.periodStart >= query.range.start && row.periodEnd <= query.range.end);
  if (rows.length === 0) return undefined;
  const exact = rows.find(
    (row) => row.periodStart === query.range.start && row.periodEnd === query.range.end,
  );
  if (exact) return exact.value;
  if (!isAdditive(metric)) return undefined;
  const months = rows.filter((row) => /^\d{4}-\d{2}$/.test(row.periodKey));
  if (months.length) return months.reduce((sum, row) => sum + row.value, 0);
  const quarters = rows.filter((row) => row.periodKey.includes('Q'));
  return quarters.length ? quarters.reduce((sum, row) => sum + row.value, 0) : undefined;
}
