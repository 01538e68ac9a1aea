import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { DataScope } from '../../common/auth/data-scope';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import {
  CallReportAnalyticsService,
  CallReportDimension,
  CallReportMeasureRow,
} from '../call-reports/call-report-analytics.service';
import { LeadAnalyticsService, LeadMeasureRow, LeadSliceFilter } from '../leads/lead-analytics.service';
import {
  AnalysisDimension,
  AnalysisMeasure,
  AnalysisQuery,
  AnalysisReportDto,
  AnalysisRowDto,
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

const ratio = (part: number, whole: number): number | null =>
  whole ? Math.round((part / whole) * 10000) / 10000 : null;

/**
 * Reports read only through the owning modules' set-based services. Each report runs in one
 * repeatable-read transaction, so its several statements see one snapshot of the data.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly leads: LeadAnalyticsService,
    private readonly callReports: CallReportAnalyticsService,
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
    if (wantsCalls) this.refuseLeadOnlySlices(query, dimensions);

    return this.read(async (manager) => {
      const cube = async (dims: AnalysisDimension[]) => {
        // One after the other: a transaction's connection runs one statement at a time.
        const leadRows = wantsLeads ? await this.leads.measureLeads(manager, filter, dims, grain, scope) : [];
        const callRows = wantsCalls
          ? await this.callReports.measureCallReports(
              manager,
              { from: filter.from, to: filter.to, vendorId: filter.vendorId, repId: filter.repId },
              dims as CallReportDimension[],
              grain,
              scope,
            )
          : [];
        return this.mergeCells(dims, query.measures, leadRows, callRows);
      };
      const rows = await cube(dimensions);
      const [total] = await cube([]);
      return {
        from: filter.from,
        to: filter.to,
        measures: query.measures,
        dimensions,
        grain,
        rows,
        total: total ?? this.mergeCells([], query.measures, [], [])[0],
      };
    });
  }

  /** Joins the lead facts and the call facts cell by cell; a cell missing on one side has zeros there. */
  private mergeCells(
    dimensions: AnalysisDimension[],
    measures: AnalysisMeasure[],
    leadRows: LeadMeasureRow[],
    callRows: CallReportMeasureRow[],
  ): AnalysisRowDto[] {
    const cells = new Map<
      string,
      { keys: Record<string, string | null>; lead?: LeadMeasureRow; call?: CallReportMeasureRow }
    >();
    const cellOf = (keys: Record<string, string | null>) => {
      const id = JSON.stringify(dimensions.map((d) => keys[d] ?? null));
      let cell = cells.get(id);
      if (!cell) cells.set(id, (cell = { keys }));
      return cell;
    };
    for (const row of leadRows) cellOf(row.keys).lead = row;
    for (const row of callRows) cellOf(row.keys).call = row;
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
        }
        return row;
      });
    return rows;
  }

  private refuseLeadOnlySlices(query: ReportSliceQuery, dimensions: AnalysisDimension[]): void {
    const leadOnlyDimensions = dimensions.filter((d) => !CALL_DIMENSIONS.includes(d));
    const leadOnlyFilters = (['regionCode', 'industryCode', 'productLineId', 'source'] as const).filter(
      (name) => query[name] !== undefined,
    );
    if (leadOnlyDimensions.length || leadOnlyFilters.length)
      throw new DomainException(
        ErrorCode.REPORT_MEASURE_DIMENSION_UNSUPPORTED,
        `calls and visits are counted by period, vendor and rep only; not by ` +
          [...leadOnlyDimensions, ...leadOnlyFilters].join(', '),
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

  private read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', work);
  }
}
