import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiProduces, type ApiResponseNoStatusOptions, ApiTags } from '@nestjs/swagger';
import type { Readable } from 'node:stream';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import type { DataScope } from '../../common/auth/data-scope';
import { ALL_ROLES, type Principal } from '../../common/auth/role';
import { ErrorCode } from '../../common/errors/error-codes';
import { ScoringService } from '../scoring/scoring.service';
import { ListScoresQuery } from '../scoring/scores.dto';
import { AttainmentQuery } from '../targets/attainment.dto';
import { AttainmentService } from '../targets/attainment.service';
import { analysisChart, attainmentChart, funnelChart, leaderboardChart, renderSvg } from './report-charts';
import {
  analysisTable,
  CSV_TYPE,
  csvStream,
  funnelTable,
  lossTable,
  MAX_EXPORT_ROWS,
  ReportTable,
  XLSX_TYPE,
  xlsxStream,
} from './report-tables';
import { AnalysisQuery, ReportSliceQuery } from './reports.dto';
import { ReportsService } from './reports.service';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

const SVG_TYPE = 'image/svg+xml';
const EXPORT_CODES = [ErrorCode.REPORT_RANGE_TOO_LONG, ErrorCode.REPORT_EXPORT_TOO_LARGE];
const ANALYSIS_EXPORT_CODES = [
  ...EXPORT_CODES,
  ErrorCode.REPORT_TOO_MANY_DIMENSIONS,
  ErrorCode.REPORT_MEASURE_DIMENSION_UNSUPPORTED,
];
const svgResponse = (example: string): ApiResponseNoStatusOptions => ({
  description: `An SVG document (${example}); an empty result is an empty chart saying “No data”`,
  content: {
    [SVG_TYPE]: { schema: { type: 'string' }, example: '<svg xmlns="http://www.w3.org/2000/svg" …>' },
  },
});
const CSV_NOTE = `Streamed; at most ${MAX_EXPORT_ROWS} rows (REPORT_EXPORT_TOO_LARGE). Money in major units, one column per currency.`;
const csvResponse = (): ApiResponseNoStatusOptions => ({
  description: 'CSV with a header row',
  content: { 'text/csv': { schema: { type: 'string' }, example: 'stage,reached,current\nnew,10,2\n' } },
});
const xlsxResponse = (): ApiResponseNoStatusOptions => ({
  description: 'An XLSX workbook of one sheet, header in the first row',
  content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } },
});

const file = (table: ReportTable, format: 'csv' | 'xlsx'): StreamableFile => {
  const stream: Readable = format === 'csv' ? csvStream(table) : xlsxStream(table);
  return new StreamableFile(stream, {
    type: format === 'csv' ? CSV_TYPE : XLSX_TYPE,
    disposition: `attachment; filename="${table.name}.${format}"`,
  });
};

/**
 * The reports as charts (SVG drawn by ECharts on the server) and as files (CSV, XLSX). Each URL takes the
 * same query parameters as its data endpoint and answers within the caller's scope, like it.
 */
@ApiTags('reports')
@Controller('reports')
@Auth(...ALL_ROLES)
export class ReportFilesController {
  constructor(
    private readonly reports: ReportsService,
    private readonly attainment: AttainmentService,
    private readonly scoring: ScoringService,
  ) {}

  // ---- charts ----

  @Get('funnel.svg')
  @Endpoint({
    summary: 'The funnel report as a chart',
    description: 'Same parameters as GET /reports/funnel.',
    ok: svgResponse('a funnel of the leads that reached each stage'),
    problems: [400],
  })
  @ApiProduces(SVG_TYPE)
  @Header('Content-Type', SVG_TYPE)
  async getFunnelChart(@Query() query: ReportSliceQuery, @Scope() scope: DataScope): Promise<string> {
    return renderSvg(funnelChart(await this.reports.getFunnelReport(query, scope)));
  }

  @Get('analysis.svg')
  @Endpoint({
    summary: 'The analysis report as a chart: a trend by period, or bars by the first dimension',
    description:
      'Same parameters as GET /reports/analysis. One series per measure, and per currency for money (in ' +
      'major units); further dimensions are summed into the first for the picture.',
    ok: svgResponse('lines over the periods, or bars'),
    problems: [400],
  })
  @ApiProduces(SVG_TYPE)
  @Header('Content-Type', SVG_TYPE)
  async getAnalysisChart(@Query() query: AnalysisQuery, @Scope() scope: DataScope): Promise<string> {
    return renderSvg(analysisChart(await this.reports.getAnalysisReport(query, scope)));
  }

  @Get('targets/:id/attainment.svg')
  @Endpoint({
    summary: 'Attainment bars of a target’s children with the pace line',
    description:
      'Same parameters as GET /targets/{id}/attainment: one bar per child target (the target itself when it ' +
      'has none) at its attainment %, and a line at the pace (share of the working days elapsed).',
    ok: svgResponse('bars with a dashed pace line'),
    problems: [400, 404],
  })
  @ApiProduces(SVG_TYPE)
  @Header('Content-Type', SVG_TYPE)
  async getAttainmentChart(
    @UuidParam('id') id: string,
    @Query() query: AttainmentQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<string> {
    const { root } = await this.attainment.getTargetAttainment(id, query.asOf, principal);
    const nodes = root.children.length ? root.children : [root];
    const bars = nodes.map((node) => ({
      label: `${node.ownerKind} ${node.ownerId?.slice(0, 8) ?? ''}`.trim(),
      attainmentPercent: node.attainmentPercent,
    }));
    const pace = Math.round(root.pace.pace * 1000) / 10;
    return renderSvg(attainmentChart(`${root.metric} ${root.periodKey}`, bars, pace));
  }

  @Get('leaderboard.svg')
  @Endpoint({
    summary: 'The leaderboard as a chart: score totals, best on top',
    description: 'Same parameters as GET /scores, within the caller’s scope like it (at most the top 20).',
    ok: svgResponse('horizontal bars of the score totals'),
    problems: [400],
  })
  @ApiProduces(SVG_TYPE)
  @Header('Content-Type', SVG_TYPE)
  async getLeaderboardChart(@Query() query: ListScoresQuery, @Scope() scope: DataScope): Promise<string> {
    const ranked = await this.scoring.listScores(query, scope);
    const entries = ranked.slice(0, 20).map(({ score, rank }) => ({
      label: `${rank}. ${score.subject} ${score.subjectId.slice(0, 8)}`,
      total: score.total === null ? null : Number(score.total),
    }));
    return renderSvg(leaderboardChart(`Leaderboard ${query.period}`, entries));
  }

  // ---- exports ----

  @Get('funnel.csv')
  @Endpoint({
    summary: 'The funnel report as CSV',
    description: `Same parameters as GET /reports/funnel. ${CSV_NOTE}`,
    ok: csvResponse(),
    problems: [400, ...EXPORT_CODES],
  })
  @ApiProduces('text/csv')
  async exportFunnelCsv(
    @Query() query: ReportSliceQuery,
    @Scope() scope: DataScope,
  ): Promise<StreamableFile> {
    return file(funnelTable(await this.reports.getFunnelReport(query, scope)), 'csv');
  }

  @Get('funnel.xlsx')
  @Endpoint({
    summary: 'The funnel report as XLSX',
    description: `Same parameters as GET /reports/funnel. ${CSV_NOTE}`,
    ok: xlsxResponse(),
    problems: [400, ...EXPORT_CODES],
  })
  @ApiProduces(XLSX_TYPE)
  async exportFunnelXlsx(
    @Query() query: ReportSliceQuery,
    @Scope() scope: DataScope,
  ): Promise<StreamableFile> {
    return file(funnelTable(await this.reports.getFunnelReport(query, scope)), 'xlsx');
  }

  @Get('losses.csv')
  @Endpoint({
    summary: 'The loss report as CSV: one row per breakdown and key',
    description: `Same parameters as GET /reports/losses. ${CSV_NOTE}`,
    ok: csvResponse(),
    problems: [400, ...EXPORT_CODES],
  })
  @ApiProduces('text/csv')
  async exportLossesCsv(
    @Query() query: ReportSliceQuery,
    @Scope() scope: DataScope,
  ): Promise<StreamableFile> {
    return file(lossTable(await this.reports.getLossReport(query, scope)), 'csv');
  }

  @Get('losses.xlsx')
  @Endpoint({
    summary: 'The loss report as XLSX: one row per breakdown and key',
    description: `Same parameters as GET /reports/losses. ${CSV_NOTE}`,
    ok: xlsxResponse(),
    problems: [400, ...EXPORT_CODES],
  })
  @ApiProduces(XLSX_TYPE)
  async exportLossesXlsx(
    @Query() query: ReportSliceQuery,
    @Scope() scope: DataScope,
  ): Promise<StreamableFile> {
    return file(lossTable(await this.reports.getLossReport(query, scope)), 'xlsx');
  }

  @Get('analysis.csv')
  @Endpoint({
    summary: 'The analysis report as CSV: one row per cell, then the total',
    description: `Same parameters as GET /reports/analysis. ${CSV_NOTE}`,
    ok: csvResponse(),
    problems: [400, ...ANALYSIS_EXPORT_CODES],
  })
  @ApiProduces('text/csv')
  async exportAnalysisCsv(@Query() query: AnalysisQuery, @Scope() scope: DataScope): Promise<StreamableFile> {
    return file(analysisTable(await this.reports.getAnalysisReport(query, scope)), 'csv');
  }

  @Get('analysis.xlsx')
  @Endpoint({
    summary: 'The analysis report as XLSX: one row per cell, then the total',
    description: `Same parameters as GET /reports/analysis. ${CSV_NOTE}`,
    ok: xlsxResponse(),
    problems: [400, ...ANALYSIS_EXPORT_CODES],
  })
  @ApiProduces(XLSX_TYPE)
  async exportAnalysisXlsx(
    @Query() query: AnalysisQuery,
    @Scope() scope: DataScope,
  ): Promise<StreamableFile> {
    return file(analysisTable(await this.reports.getAnalysisReport(query, scope)), 'xlsx');
  }
}
