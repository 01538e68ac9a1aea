import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ReadReplica } from '../../database/read-replica';
import type { DataScope } from '../../common/auth/data-scope';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import {
  CallReportAnalyticsService,
  CallReportDimension,
  CallReportMeasureRow,
} from '../call-reports/call-report-analytics.service';
import type { Money } from '../../common/money/money';
import { periodOf, type PeriodKind } from '../../common/period/period';
import { AttainmentService } from '../targets/attainment.service';
import { ReferenceDataService } from '../vendors/reference-data.service';
import { OwnerKind, TargetMetric } from '../targets/target.enums';
import type {
  RevenueCubeGrain,
  RevenueDimensionKey,
  RevenueGroupKey,
  RevenueSumRow,
} from '../contracts/revenue-facts';
import { RevenueFactsService } from '../contracts/revenue-facts.service';
import { ExchangeRatesService } from '../contracts/exchange-rates.service';
import { addDays, todayIn } from '../../common/calendar/working-days';
import { LeadAnalyticsService, LeadMeasureRow, LeadSliceFilter } from '../leads/leads.published';
import {
  AnalysisDimension,
  AnalysisMeasure,
  AnalysisQuery,
  AnalysisReportDto,
  AnalysisRowDto,
  AttainmentAmountDto,
  BreakdownEntryDto,
  FunnelReportDto,
  LossReportDto,
  MAX_REPORT_DIMENSIONS,
  MAX_REPORT_RANGE_DAYS,
  PeriodGrainParam,
  ReportSliceQuery,
} from './reports.dto';

const LEAD_MEASURES = [AnalysisMeasure.NEW_LEADS, AnalysisMeasure.WON_LEADS, AnalysisMeasure.CONVERSION];
const CALL_MEASURES = [AnalysisMeasure.CALLS, AnalysisMeasure.VISITS];
/** Call reports know their day, vendor and rep; the customer's region, industry, lines and source live with leads. */
const CALL_DIMENSIONS: readonly AnalysisDimension[] = [
  AnalysisDimension.PERIOD,
  AnalysisDimension.VENDOR,
  AnalysisDimension.REP,
];

const MONEY_MEASURES = [AnalysisMeasure.REVENUE, AnalysisMeasure.BOOKINGS, AnalysisMeasure.NEW_CUSTOMERS];
/** Revenue facts know the day, seller, region, industry and product line; a contract has no lead source. */
const MONEY_DIMENSIONS: readonly AnalysisDimension[] = [
  AnalysisDimension.PERIOD,
  AnalysisDimension.REGION,
  AnalysisDimension.INDUSTRY,
  AnalysisDimension.PRODUCT_LINE,
  AnalysisDimension.VENDOR,
  AnalysisDimension.REP,
];
/** Targets belong to an owner (company, vendor, rep) and a period; they have no region, line or source here. */
const ATTAINMENT_DIMENSIONS: readonly AnalysisDimension[] = CALL_DIMENSIONS;
const LEAD_ONLY_FILTERS = ['regionCode', 'industryCode', 'productLineId', 'source'] as const;
/** The revenue facts' group key and output field of each dimension but period. */
const MONEY_KEYS: Record<string, [RevenueGroupKey, keyof RevenueSumRow]> = {
  [AnalysisDimension.REGION]: ['region', 'regionCode'],
  [AnalysisDimension.INDUSTRY]: ['industry', 'industry'],
  [AnalysisDimension.PRODUCT_LINE]: ['productLine', 'productLineId'],
  [AnalysisDimension.VENDOR]: ['vendor', 'vendorId'],
  [AnalysisDimension.REP]: ['rep', 'repId'],
};

/** One cell of the money measures: amounts per currency, and a count that has no currency. */
export interface MoneyCell {
  keys: Record<string, string | null>;
  revenue: Money[];
  bookings: Money[];
  newCustomers: number;
}

/** One cell of the attainment measure: agreed targets and actuals added up per currency. */
export interface AttainmentCell {
  keys: Record<string, string | null>;
  attainment: AttainmentAmountDto[];
}

/** The period keys of one kind lying wholly inside [from, to). */
export function periodKeysWithin(from: string, to: string, kind: PeriodKind): string[] {
  const keys: string[] = [];
  for (let cursor = from; cursor < to;) {
    const p = periodOf(cursor, kind);
    if (p.start >= from && p.end <= to) keys.push(p.key);
    cursor = p.end;
  }
  return keys;
}

/** Amounts per currency added up, still per currency, sorted by currency. */
function addMoney(a: readonly Money[], b: readonly Money[]): Money[] {
  const sums = new Map<string, number>();
  for (const m of [...a, ...b]) sums.set(m.currency, (sums.get(m.currency) ?? 0) + m.amountMinor);
  return [...sums].map(([currency, amountMinor]) => ({ currency, amountMinor })).sort(byCurrency);
}

/** Rows with each region key replaced by its ancestor's (unknown codes kept), cells of one key merged. */
function rolledUp<T extends { keys: Record<string, string | null> }>(
  dimensions: AnalysisDimension[],
  rows: readonly T[],
  ancestors: ReadonlyMap<string, string>,
  merge: (a: T, b: T) => T,
): T[] {
  const cells = new Map<string, T>();
  for (const row of rows) {
    const region = row.keys[AnalysisDimension.REGION];
    const keys: Record<string, string | null> = {
      ...row.keys,
      [AnalysisDimension.REGION]: region === null ? null : (ancestors.get(region) ?? region),
    };
    const id = JSON.stringify(dimensions.map((d) => keys[d] ?? null));
    const found = cells.get(id);
    cells.set(id, found ? merge(found, { ...row, keys }) : { ...row, keys });
  }
  return [...cells.values()];
}

const percentOf = (actual: number, target: number): number | null =>
  target > 0 ? Math.round((actual / target) * 1000) / 10 : null;

/** The scope narrows a filter: a vendor manager asking for another vendor gets an empty list (nothing). */
function narrowed(asked: string | undefined, scoped: string | null): string[] | undefined {
  if (scoped === null) return asked === undefined ? undefined : [asked];
  return asked === undefined || asked === scoped ? [scoped] : [];
}

const byCurrency = (a: Money, b: Money) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0);

const ratio = (part: number, whole: number): number | null =>
  whole ? Math.round((part / whole) * 10000) / 10000 : null;

/**
 * Reports read only through the owning modules' set-based services. Each report runs in one
 * repeatable-read transaction, so its several statements see one snapshot of the data.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly replica: ReadReplica,
    private readonly leads: LeadAnalyticsService,
    private readonly callReports: CallReportAnalyticsService,
    private readonly revenueFacts: RevenueFactsService,
    private readonly attainment: AttainmentService,
    private readonly regions: ReferenceDataService,
    private readonly exchangeRates: ExchangeRatesService,
  ) {}

  getFunnelReport(query: ReportSliceQuery, scope: DataScope): Promise<FunnelReportDto> {
    const filter = this.sliceOf(query);
    return this.read(async (manager) => {
      const facts = await this.leads.getFunnelFacts(manager, filter, scope);
      return {
        from: filter.from,
        to: filter.to,
        cohort: facts.cohort,
        lost: facts.lost,
        rejected: facts.rejected,
        stages: facts.stages.map((stage, index) => {
          const next = facts.stages[index + 1];
          return { ...stage, conversionToNext: next ? ratio(next.reached, stage.reached) : null };
        }),
      };
    });
  }

  getLossReport(query: ReportSliceQuery, scope: DataScope): Promise<LossReportDto> {
    const filter = this.sliceOf(query);
    return this.read(async (manager) => {
      const rows = await this.leads.getLossFacts(manager, filter, scope);
      const of = (breakdown: string): BreakdownEntryDto[] =>
        rows.filter((row) => row.breakdown === breakdown).map(({ key, leads }) => ({ key, leads }));
      return {
        from: filter.from,
        to: filter.to,
        lostByReason: of('lostByReason'),
        rejectedByReason: of('rejectedByReason'),
        lostByVendor: of('lostByVendor'),
        rejectedByVendor: of('rejectedByVendor'),
        lostByProductLine: of('lostByProductLine'),
        lostByCompetitor: of('lostByCompetitor'),
        deadByCause: of('deadByCause'),
        lowByCause: of('lowByCause'),
      };
    });
  }

  getAnalysisReport(query: AnalysisQuery, scope: DataScope): Promise<AnalysisReportDto> {
    const filter = this.sliceOf(query);
    const dimensions = query.dimensions ?? [];
    const grain = query.grain ?? PeriodGrainParam.MONTH;
    if (dimensions.length > MAX_REPORT_DIMENSIONS)
      throw new DomainException(
        ErrorCode.REPORT_TOO_MANY_DIMENSIONS,
        `At most ${MAX_REPORT_DIMENSIONS} dimensions at once; ${dimensions.length} were asked`,
      );
    const wantsLeads = query.measures.some((m) => LEAD_MEASURES.includes(m));
    const wantsCalls = query.measures.some((m) => CALL_MEASURES.includes(m));
    const moneyMeasures = query.measures.filter((m) => MONEY_MEASURES.includes(m));
    if (wantsCalls)
      this.refuseSlices(query, dimensions, CALL_DIMENSIONS, LEAD_ONLY_FILTERS, 'calls and visits');
    const wantsAttainment = query.measures.includes(AnalysisMeasure.ATTAINMENT);
    if (wantsAttainment) {
      this.refuseSlices(query, dimensions, ATTAINMENT_DIMENSIONS, LEAD_ONLY_FILTERS, 'attainment');
      if (grain === PeriodGrainParam.DAY)
        throw new DomainException(
          ErrorCode.REPORT_MEASURE_DIMENSION_UNSUPPORTED,
          'Targets run by week, month, quarter or year; attainment is not counted by day',
        );
    }
    if (moneyMeasures.length)
      this.refuseSlices(
        query,
        dimensions,
        MONEY_DIMENSIONS,
        ['source'],
        'revenue, bookings and new customers',
      );

    return this.read(async (manager) => {
      // Roll-up: a region filter takes the regions inside it; region keys become the ancestor's.
      const rollUp =
        query.regionLevel !== undefined && dimensions.includes(AnalysisDimension.REGION)
          ? await this.regions.regionRollUp(manager, query.regionLevel)
          : undefined;
      if (query.regionLevel !== undefined && filter.regionCode !== undefined) {
        filter.regionCodes = await this.regions.regionCodesWithin(manager, filter.regionCode);
        filter.regionCode = undefined;
      }
      // The cells and their total: one statement per measure family where the cells add up to the total.
      const dims = dimensions;
      // One after the other: a transaction's connection runs one statement at a time.
      const leadFacts = wantsLeads
        ? await this.leads.measureLeads(manager, filter, dims, grain, scope, true)
        : [];
      let leadRows = leadFacts.filter((row) => !row.total);
      const callFilter = { from: filter.from, to: filter.to, vendorId: filter.vendorId, repId: filter.repId };
      const callRows = wantsCalls
        ? await this.callReports.measureCallReports(
            manager,
            callFilter,
            dims as CallReportDimension[],
            grain,
            scope,
          )
        : [];
      const callTotal = wantsCalls
        ? await this.callReports.measureCallReports(manager, callFilter, [], grain, scope)
        : [];
      const money = moneyMeasures.length
        ? await this.moneyCells(manager, filter, dims, grain, scope, moneyMeasures)
        : { cells: [], total: [] };
      let moneyRows = money.cells;
      if (rollUp && dims.includes(AnalysisDimension.REGION)) {
        leadRows = rolledUp(dims, leadRows, rollUp, (a, b) => ({
          ...a,
          newLeads: a.newLeads + b.newLeads,
          newLeadsWon: a.newLeadsWon + b.newLeadsWon,
          wonLeads: a.wonLeads + b.wonLeads,
        }));
        moneyRows = rolledUp(dims, moneyRows, rollUp, (a, b) => ({
          ...a,
          revenue: addMoney(a.revenue, b.revenue),
          bookings: addMoney(a.bookings, b.bookings),
          newCustomers: a.newCustomers + b.newCustomers,
        }));
      }
      const attainment = (cellDims: AnalysisDimension[]) =>
        this.attainmentCells(manager, filter, dimensions, cellDims, grain, scope, query.attainmentMetric);
      const attainmentRows = wantsAttainment ? await attainment(dims) : [];
      const attainmentTotal = wantsAttainment ? await attainment([]) : [];
      const rows = this.mergeCells(dims, query.measures, leadRows, callRows, moneyRows, attainmentRows);
      const [total] = this.mergeCells(
        [],
        query.measures,
        leadFacts.filter((row) => row.total),
        callTotal,
        money.total,
        attainmentTotal,
      );
      const ratesAsOf = query.convertTo ? this.ratesDay(filter.to) : undefined;
      if (query.convertTo && ratesAsOf)
        await this.convert(manager, [...rows, total], query.convertTo, ratesAsOf);
      return {
        from: filter.from,
        to: filter.to,
        measures: query.measures,
        dimensions,
        grain,
        rows,
        total,
        ...(ratesAsOf ? { ratesAsOf } : {}),
      };
    });
  }

  /** Joins the lead facts and the call facts cell by cell; a cell missing on one side has zeros there. */
  private mergeCells(
    dimensions: AnalysisDimension[],
    measures: AnalysisMeasure[],
    leadRows: LeadMeasureRow[],
    callRows: CallReportMeasureRow[],
    moneyRows: MoneyCell[],
    attainmentRows: AttainmentCell[] = [],
  ): AnalysisRowDto[] {
    const cells = new Map<
      string,
      {
        keys: Record<string, string | null>;
        lead?: LeadMeasureRow;
        call?: CallReportMeasureRow;
        money?: MoneyCell;
        attainment?: AttainmentCell;
      }
    >();
    const cellOf = (keys: Record<string, string | null>) => {
      const id = JSON.stringify(dimensions.map((d) => keys[d] ?? null));
      let cell = cells.get(id);
      if (!cell) cells.set(id, (cell = { keys }));
      return cell;
    };
    for (const row of leadRows) cellOf(row.keys).lead = row;
    for (const row of callRows) cellOf(row.keys).call = row;
    for (const row of moneyRows) cellOf(row.keys).money = row;
    for (const row of attainmentRows) cellOf(row.keys).attainment = row;
    if (dimensions.length === 0 && cells.size === 0) cellOf({});
    const rows = [...cells.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, cell]) => {
        const row: AnalysisRowDto = { keys: cell.keys };
        const newLeads = cell.lead?.newLeads ?? 0;
        for (const measure of measures) {
          if (measure === AnalysisMeasure.NEW_LEADS) row.newLeads = newLeads;
          if (measure === AnalysisMeasure.WON_LEADS) row.wonLeads = cell.lead?.wonLeads ?? 0;
          if (measure === AnalysisMeasure.CONVERSION)
            row.conversion = ratio(cell.lead?.newLeadsWon ?? 0, newLeads);
          if (measure === AnalysisMeasure.CALLS) row.calls = cell.call?.calls ?? 0;
          if (measure === AnalysisMeasure.VISITS) row.visits = cell.call?.visits ?? 0;
          if (measure === AnalysisMeasure.REVENUE) row.revenue = cell.money?.revenue ?? [];
          if (measure === AnalysisMeasure.BOOKINGS) row.bookings = cell.money?.bookings ?? [];
          if (measure === AnalysisMeasure.NEW_CUSTOMERS) row.newCustomers = cell.money?.newCustomers ?? 0;
          if (measure === AnalysisMeasure.ATTAINMENT) row.attainment = cell.attainment?.attainment ?? [];
        }
        return row;
      });
    return rows;
  }

  /**
   * Revenue, bookings and new customers per cell and their total, read from the contracts module's revenue
   * facts within the caller's scope (a seller's credited share). Money stays per currency; ISO weeks are
   * folded from days. Revenue and bookings come from one statement, with the total.
   */
  private async moneyCells(
    manager: EntityManager,
    filter: LeadSliceFilter,
    dimensions: AnalysisDimension[],
    grain: PeriodGrainParam,
    scope: DataScope,
    measures: AnalysisMeasure[],
  ): Promise<{ cells: MoneyCell[]; total: MoneyCell[] }> {
    const periodKey: RevenueCubeGrain = grain === PeriodGrainParam.WEEK ? 'day' : grain;
    const groupBy = dimensions.map((d) => (d === AnalysisDimension.PERIOD ? periodKey : MONEY_KEYS[d][0]));
    const facts = {
      from: filter.from,
      to: filter.to,
      vendorIds: narrowed(filter.vendorId, scope.vendorId),
      repIds: narrowed(filter.repId, scope.repId),
      regionCodes: filter.regionCode === undefined ? filter.regionCodes : [filter.regionCode],
      industries: filter.industryCode === undefined ? undefined : [filter.industryCode],
      productLineIds: filter.productLineId === undefined ? undefined : [filter.productLineId],
    };
    const keysOf = (
      row: Partial<RevenueSumRow>,
      dims: AnalysisDimension[],
    ): Record<string, string | null> => {
      const keys: Record<string, string | null> = {};
      for (const d of dims) {
        if (d !== AnalysisDimension.PERIOD) keys[d] = (row[MONEY_KEYS[d][1]] as string | null) ?? null;
        else if (grain === PeriodGrainParam.WEEK) keys[d] = periodOf(row.day!, 'week').key;
        else keys[d] = row[periodKey as keyof RevenueSumRow] as string;
      }
      return keys;
    };
    const cells = new Map<string, MoneyCell>();
    const totals = new Map<string, MoneyCell>();
    const cellOf = (row: Partial<RevenueSumRow>, total: boolean) => {
      const dims = total ? [] : dimensions;
      const keys = keysOf(row, dims);
      const id = JSON.stringify(dims.map((d) => keys[d]));
      const within = total ? totals : cells;
      let cell = within.get(id);
      if (!cell) within.set(id, (cell = { keys, revenue: [], bookings: [], newCustomers: 0 }));
      return cell;
    };
    const add = (list: Money[], currency: string, amountMinor: number): Money[] => {
      const found = list.find((m) => m.currency === currency);
      return found
        ? list.map((m) => (m === found ? { currency, amountMinor: m.amountMinor + amountMinor } : m))
        : [...list, { currency, amountMinor }];
    };
    const money = ([AnalysisMeasure.REVENUE, AnalysisMeasure.BOOKINGS] as const).filter((m) =>
      measures.includes(m),
    );
    const period = groupBy.find((key): key is RevenueCubeGrain => key === periodKey);
    const sums = money.length
      ? await this.revenueFacts.sumRevenueCube(
          manager,
          { ...facts, measures: money },
          dimensions.includes(AnalysisDimension.PERIOD) ? period : undefined,
          groupBy.filter((key) => key !== periodKey) as RevenueDimensionKey[],
          true,
        )
      : [];
    for (const row of sums) {
      const measure = row.measure as (typeof money)[number];
      const cell = cellOf(row, row.total);
      cell[measure] = add(cell[measure], row.currency, row.amountMinor);
    }
    // One after the other: a transaction's connection runs one statement at a time.
    if (measures.includes(AnalysisMeasure.NEW_CUSTOMERS)) {
      for (const row of await this.revenueFacts.countNewCustomers(manager, facts, groupBy))
        cellOf(row, false).newCustomers += row.newCustomers;
      for (const row of await this.revenueFacts.countNewCustomers(manager, facts, []))
        cellOf(row, true).newCustomers += row.newCustomers;
    }
    for (const cell of [...cells.values(), ...totals.values()]) {
      cell.revenue.sort(byCurrency);
      cell.bookings.sort(byCurrency);
    }
    return { cells: [...cells.values()], total: [...totals.values()] };
  }

  /**
   * Attainment per cell, read through the targets module: the agreed targets of one owner level — reps
   * when the report has the rep dimension or the caller is a rep, vendors with the vendor dimension (or a
   * vendor manager, or a vendor filter), else the company — for the periods of the grain lying wholly in
   * [from, to). Targets and actuals are added up per currency, never across currencies; the total row adds
   * up the same targets as the cells. `reportDims` fixes the level for the cells and the total alike.
   */
  private async attainmentCells(
    manager: EntityManager,
    filter: LeadSliceFilter,
    reportDims: AnalysisDimension[],
    dimensions: AnalysisDimension[],
    grain: PeriodGrainParam,
    scope: DataScope,
    metric: TargetMetric = TargetMetric.REVENUE,
  ): Promise<AttainmentCell[]> {
    const level =
      reportDims.includes(AnalysisDimension.REP) || scope.repId || filter.repId
        ? OwnerKind.REP
        : reportDims.includes(AnalysisDimension.VENDOR) || scope.vendorId || filter.vendorId
          ? OwnerKind.VENDOR
          : OwnerKind.COMPANY;
    const vendorIds = narrowed(filter.vendorId, scope.vendorId);
    const repIds = narrowed(filter.repId, scope.repId);
    const keys = periodKeysWithin(filter.from, filter.to, grain as PeriodKind);
    const ownerIds = level === OwnerKind.REP ? repIds : level === OwnerKind.VENDOR ? vendorIds : undefined;
    const rows = (await this.attainment.agreedAttainment(manager, metric, level, keys, ownerIds)).filter(
      (row) => level !== OwnerKind.REP || vendorIds === undefined || vendorIds.includes(row.vendorId!),
    );
    const cells = new Map<string, AttainmentCell>();
    for (const row of rows) {
      const cellKeys: Record<string, string | null> = {};
      for (const d of dimensions)
        cellKeys[d] =
          d === AnalysisDimension.PERIOD
            ? row.periodKey
            : d === AnalysisDimension.VENDOR
              ? row.vendorId
              : row.repId;
      const id = JSON.stringify(dimensions.map((d) => cellKeys[d]));
      let cell = cells.get(id);
      if (!cell) cells.set(id, (cell = { keys: cellKeys, attainment: [] }));
      let amount = cell.attainment.find((a) => a.currency === row.currency);
      if (!amount)
        cell.attainment.push(
          (amount = { currency: row.currency, targets: 0, target: 0, actual: 0, attainmentPercent: null }),
        );
      amount.targets += 1;
      amount.target += row.target;
      amount.actual += row.actual;
    }
    for (const cell of cells.values()) {
      for (const amount of cell.attainment)
        amount.attainmentPercent = percentOf(amount.actual, amount.target);
      cell.attainment.sort((a, b) => ((a.currency ?? '') < (b.currency ?? '') ? -1 : 1));
    }
    return [...cells.values()];
  }

  /** The day of the rates that convert a report: the range's last day, today at the latest. */
  private ratesDay(to: string): string {
    const last = addDays(to, -1);
    const today = todayIn('UTC');
    return last < today ? last : today;
  }

  /**
   * Revenue and bookings of each row converted into one currency with the contracts module's exchange
   * rates (read once for every row); a row whose currencies lack a rate gets null, naming them.
   */
  private async convert(
    manager: EntityManager,
    rows: AnalysisRowDto[],
    to: string,
    asOf: string,
  ): Promise<void> {
    for (const measure of [AnalysisMeasure.REVENUE, AnalysisMeasure.BOOKINGS] as const) {
      const withMoney = rows.filter((row) => row[measure] !== undefined);
      if (withMoney.length === 0) continue;
      const converted = await this.exchangeRates.convertTotalsInto(
        manager,
        withMoney.map((row) => row[measure]!),
        to,
        asOf,
      );
      withMoney.forEach((row, index) => (row.converted = { ...row.converted, [measure]: converted[index] }));
    }
  }

  private refuseSlices(
    query: ReportSliceQuery,
    dimensions: AnalysisDimension[],
    supported: readonly AnalysisDimension[],
    unsupportedFilters: readonly (typeof LEAD_ONLY_FILTERS)[number][],
    what: string,
  ): void {
    const dims = dimensions.filter((d) => !supported.includes(d));
    const filters = unsupportedFilters.filter((name) => query[name] !== undefined);
    if (dims.length || filters.length)
      throw new DomainException(
        ErrorCode.REPORT_MEASURE_DIMENSION_UNSUPPORTED,
        `${what} are counted by ${supported.join(', ')} only; not by ` + [...dims, ...filters].join(', '),
      );
  }

  private sliceOf(query: ReportSliceQuery): LeadSliceFilter {
    const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
    if (days <= 0) throw DomainException.validation([{ field: 'to', message: 'must be after from' }]);
    if (days > MAX_REPORT_RANGE_DAYS)
      throw new DomainException(
        ErrorCode.REPORT_RANGE_TOO_LONG,
        `A report covers at most ${MAX_REPORT_RANGE_DAYS} days; ${days} were asked`,
      );
    return {
      from: query.from,
      to: query.to,
      vendorId: query.vendorId,
      repId: query.repId,
      regionCode: query.regionCode,
      industryCode: query.industryCode,
      productLineId: query.productLineId,
      source: query.source,
    };
  }

  /** One snapshot for the whole report, on the read replica when there is one (`ReadReplica`). */
  private read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.replica.read(work);
  }
}
