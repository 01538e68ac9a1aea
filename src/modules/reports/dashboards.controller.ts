import { Body, Controller, Get, Header, Param, ParseEnumPipe, Post, Query } from '@nestjs/common';
import { ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Public } from '../../common/auth/auth.decorators';
import { DataScope } from '../../common/auth/data-scope';
import { ALL_ROLES, type Principal } from '../../common/auth/role';
import { ErrorCode } from '../../common/errors/error-codes';
import { period as periodOfKey } from '../../common/period/period';
import { todayUtc } from '../../common/validation/validation-helpers';
import { ScoreSubject } from '../scoring/scoring.enums';
import { ScoringService } from '../scoring/scoring.service';
import { DashboardLinksService, OpenedDashboard } from './dashboard-links.service';
import { dashboardPage, DashboardSection, formatAmounts } from './dashboard-pages';
import { analysisChart, funnelChart, leaderboardChart, renderSvg } from './report-charts';
import {
  CreateDashboardLinkDto,
  DashboardLinkDto,
  DashboardPage,
  DashboardPageQuery,
} from './dashboards.dto';
import { AnalysisDimension, AnalysisMeasure, PeriodGrainParam } from './reports.dto';
import { ReportsService } from './reports.service';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

const HTML_TYPE = 'text/html; charset=utf-8';

/**
 * Dashboards a manager opens in a browser: HTML rendered on the server with the charts inlined, one page
 * per link. Sign-in is the API's own: a signed-in caller asks for a link, which opens the page for ten
 * minutes; the page answers within the scope of whoever asked for the link.
 */
@ApiTags('reports')
@Controller('reports')
export class DashboardsController {
  constructor(
    private readonly links: DashboardLinksService,
    private readonly reports: ReportsService,
    private readonly scoring: ScoringService,
  ) {}

  @Post('dashboard-links')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'A short-lived link that opens a dashboard page in a browser',
    description:
      'company: the company dashboard (admins, sales managers); vendor: the scorecard of one vendor, which ' +
      'the vendor’s manager may open too (another vendor’s answers 404). The link works for 10 minutes and ' +
      'only while the caller’s tokens stand.',
    created: DashboardLinkDto,
    problems: [400, 403, 404],
  })
  createDashboardLink(
    @Body() body: CreateDashboardLinkDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DashboardLinkDto> {
    return this.links.createLink(body, principal, todayUtc());
  }

  @Get('dashboards/:page')
  @Public()
  @Endpoint({
    summary: 'A dashboard page (HTML), opened with a link from POST /reports/dashboard-links',
    description:
      'Figures of the period (bookings and revenue per currency, new customers, new and won leads, calls, ' +
      'visits), the bookings and revenue trend, the funnel and the leaderboard, as a printable page.',
    ok: {
      description: 'The page',
      content: { 'text/html': { schema: { type: 'string' }, example: '<!doctype html><html lang="en">…' } },
    },
    problems: [400, 401, ErrorCode.REPORT_DASHBOARD_LINK_INVALID],
  })
  @ApiParam({ name: 'page', enum: DashboardPage, enumName: 'DashboardPage' })
  @ApiProduces('text/html')
  @Header('Content-Type', HTML_TYPE)
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async getDashboardPage(
    @Param('page', new ParseEnumPipe(DashboardPage)) page: DashboardPage,
    @Query() query: DashboardPageQuery,
  ): Promise<string> {
    const opened = await this.links.openLink(query.link, page);
    return this.render(opened);
  }

  private async render(opened: OpenedDashboard): Promise<string> {
    const scope = DataScope.of(opened.principal);
    const p = periodOfKey(opened.period);
    const slice = { from: p.start, to: p.end, vendorId: opened.vendorId ?? undefined };
    const measures = [
      AnalysisMeasure.BOOKINGS,
      AnalysisMeasure.REVENUE,
      AnalysisMeasure.NEW_CUSTOMERS,
      AnalysisMeasure.NEW_LEADS,
      AnalysisMeasure.WON_LEADS,
      AnalysisMeasure.CALLS,
      AnalysisMeasure.VISITS,
    ];
    const { total } = await this.reports.getAnalysisReport({ ...slice, measures }, scope);
    const trend = await this.reports.getAnalysisReport(
      {
        ...slice,
        measures: [AnalysisMeasure.BOOKINGS, AnalysisMeasure.REVENUE],
        dimensions: [AnalysisDimension.PERIOD],
        grain: p.kind === 'month' ? PeriodGrainParam.WEEK : PeriodGrainParam.MONTH,
      },
      scope,
    );
    const funnel = await this.reports.getFunnelReport(slice, scope);
    const ranked = await this.scoring.listScores(
      opened.vendorId
        ? { period: p.key, subject: ScoreSubject.REP, vendorId: opened.vendorId }
        : { period: p.key, subject: ScoreSubject.VENDOR },
      scope,
    );
    const board = ranked.slice(0, 20).map(({ score, rank }) => ({
      label: `${rank}. ${score.subjectId.slice(0, 8)}`,
      total: score.total === null ? null : Number(score.total),
    }));
    const sections: DashboardSection[] = [
      {
        title: 'Figures',
        figures: [
          { label: 'Bookings', value: formatAmounts(total.bookings) },
          { label: 'Revenue', value: formatAmounts(total.revenue) },
          { label: 'New customers', value: String(total.newCustomers ?? 0) },
          { label: 'New leads', value: String(total.newLeads ?? 0) },
          { label: 'Won leads', value: String(total.wonLeads ?? 0) },
          { label: 'Calls', value: String(total.calls ?? 0) },
          { label: 'Visits', value: String(total.visits ?? 0) },
        ],
      },
      { title: 'Bookings and revenue', svg: renderSvg(analysisChart(trend)) },
      { title: 'Funnel', svg: renderSvg(funnelChart(funnel)) },
      { title: 'Leaderboard', svg: renderSvg(leaderboardChart(`Scores ${p.key}`, board)) },
    ];
    const title =
      opened.page === DashboardPage.COMPANY ? `Company dashboard ${p.key}` : `Vendor scorecard ${p.key}`;
    const subtitle =
      `${p.start} – ${p.end} (exclusive) · for ${opened.principal.name}` +
      (opened.vendorId ? ` · vendor ${opened.vendorId}` : '');
    return dashboardPage(title, subtitle, sections);
  }
}
