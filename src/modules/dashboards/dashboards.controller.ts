import { Body, Controller, Get, Header, Param, ParseEnumPipe, Post, Query } from '@nestjs/common';
import { ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Public } from '../../common/auth/auth.decorators';
import { ALL_ROLES, type Principal } from '../../common/auth/role';
import { ErrorCode } from '../../common/errors/error-codes';
import { todayUtc } from '../../common/validation/validation-helpers';
import { DashboardLinksService } from './dashboard-links.service';
import { DashboardsService } from './dashboards.service';
import {
  CreateDashboardLinkDto,
  DashboardLinkDto,
  DashboardPage,
  DashboardPageQuery,
} from './dashboards.dto';
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
    private readonly dashboards: DashboardsService,
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
    return this.dashboards.renderPage(opened);
  }
}
