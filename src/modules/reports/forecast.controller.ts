import { Body, Controller, Get, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import type { DataScope } from '../../common/auth/data-scope';
import { ALL_ROLES, type Principal, Role } from '../../common/auth/role';
import { ErrorCode } from '../../common/errors/error-codes';
import { forecastTable } from './forecast-table';
import {
  ForecastAdjustmentDto,
  ForecastQuery,
  ForecastReportDto,
  SetForecastAdjustmentDto,
} from './forecast.dto';
import { ForecastService } from './forecast.service';
import { CSV_TYPE, csvStream, MAX_EXPORT_ROWS, XLSX_TYPE, xlsxStream } from './report-tables';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

const DESCRIPTION =
  'Per node of the level asked (the company, each vendor, each rep; within the caller’s scope: a vendor ' +
  'manager sees their vendor, a rep themselves): the open pipeline — qualified and negotiating leads with a ' +
  'value whose expected close falls in the period — weighted by win probability (the lead’s own, else its ' +
  'status default from GET /lead-settings/pipeline), and the run-rate of the period so far: bookings (contracts ' +
  'signed from the period’s start up to asOf, with each seller’s credited share) ÷ the elapsed share of the ' +
  'period’s days. Everything per currency, never summed across currencies. The pipeline is also split by ' +
  'forecast category (commit, best_case, pipeline: the lead’s own, else from its probability by the rule of ' +
  'GET /lead-settings/pipeline). Beside the computed numbers each node shows its agreed bookings target of ' +
  'the period and the managers’ adjusted forecasts with their history — both only on nodes wholly in the ' +
  'caller’s scope (the company node for company roles). A period key that is no period ' +
  '(e.g. 2026-W53, 2026-13) answers 400.';

@ApiTags('reports')
@Controller('reports')
@Auth(...ALL_ROLES)
export class ForecastController {
  constructor(private readonly forecast: ForecastService) {}

  @Get('forecast')
  @Endpoint({
    summary: 'Forecast of a period: weighted open pipeline and the run-rate so far',
    description: DESCRIPTION,
    ok: ForecastReportDto,
    problems: [400],
  })
  getForecastReport(@Query() query: ForecastQuery, @Scope() scope: DataScope): Promise<ForecastReportDto> {
    return this.forecast.getForecast(query, scope);
  }

  @Put('forecast/adjustments')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER)
  @Endpoint({
    summary: 'Set a manager’s forecast for a period, node and currency, kept beside the computed one',
    description:
      'One adjustment per period, node (company; a vendor, omitted = in-house; a rep) and currency; each ' +
      'change is kept in its history with the previous amount and reason, who and when. A vendor manager ' +
      'adjusts their own vendor and its reps (another vendor or rep: 404; the company node: 403). A period ' +
      'key that is no period, or ids that do not fit the level, answer 400.',
    ok: ForecastAdjustmentDto,
    problems: [400, 403, 404],
  })
  setForecastAdjustment(
    @Body() body: SetForecastAdjustmentDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ForecastAdjustmentDto> {
    return this.forecast.setForecastAdjustment(body, scope, actor);
  }

  @Get('forecast.csv')
  @Endpoint({
    summary: 'The forecast as CSV: one row per node and currency',
    description: `Same parameters as GET /reports/forecast. Streamed; at most ${MAX_EXPORT_ROWS} rows (REPORT_EXPORT_TOO_LARGE). Money in major units.`,
    ok: {
      description: 'CSV with a header row',
      content: {
        'text/csv': {
          schema: { type: 'string' },
          example:
            'period,asOf,level,vendorId,repId,currency,leads,expected,weighted,bookingsToDate,runRate,' +
            'commitWeighted,bestCaseWeighted,pipelineWeighted,target,adjusted\n',
        },
      },
    },
    problems: [400, ErrorCode.REPORT_EXPORT_TOO_LARGE],
  })
  @ApiProduces('text/csv')
  async exportForecastCsv(@Query() query: ForecastQuery, @Scope() scope: DataScope): Promise<StreamableFile> {
    const stream = csvStream(forecastTable(await this.forecast.getForecast(query, scope)));
    return new StreamableFile(stream, { type: CSV_TYPE, disposition: 'attachment; filename="forecast.csv"' });
  }

  @Get('forecast.xlsx')
  @Endpoint({
    summary: 'The forecast as XLSX: one row per node and currency',
    description: `Same parameters as GET /reports/forecast. Streamed; at most ${MAX_EXPORT_ROWS} rows (REPORT_EXPORT_TOO_LARGE). Money in major units.`,
    ok: {
      description: 'An XLSX workbook of one sheet, header in the first row',
      content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } },
    },
    problems: [400, ErrorCode.REPORT_EXPORT_TOO_LARGE],
  })
  @ApiProduces(XLSX_TYPE)
  async exportForecastXlsx(
    @Query() query: ForecastQuery,
    @Scope() scope: DataScope,
  ): Promise<StreamableFile> {
    const stream = xlsxStream(forecastTable(await this.forecast.getForecast(query, scope)));
    return new StreamableFile(stream, {
      type: XLSX_TYPE,
      disposition: 'attachment; filename="forecast.xlsx"',
    });
  }
}
