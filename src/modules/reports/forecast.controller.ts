import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Auth, Scope } from '../../common/auth/auth.decorators';
import type { DataScope } from '../../common/auth/data-scope';
import { ALL_ROLES } from '../../common/auth/role';
import { ErrorCode } from '../../common/errors/error-codes';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { forecastTable } from './forecast-table';
import { ForecastQuery, ForecastReportDto } from './forecast.dto';
import { ForecastService } from './forecast.service';
import { CSV_TYPE, csvStream, MAX_EXPORT_ROWS, XLSX_TYPE, xlsxStream } from './report-tables';

const DESCRIPTION =
  'Per node of the level asked (the company, each vendor, each rep; within the caller’s scope: a vendor ' +
  'manager sees their vendor, a rep themselves): the open pipeline — qualified and negotiating leads with a ' +
  'value whose expected close falls in the period — weighted by win probability (the lead’s own, else its ' +
  'status default from GET /lead-settings/pipeline), and the run-rate of the period so far: bookings (contracts ' +
  'signed from the period’s start up to asOf, with each seller’s credited share) ÷ the elapsed share of the ' +
  'period’s days. Everything per currency, never summed across currencies. A period key that is no period ' +
  '(e.g. 2026-W53, 2026-13) answers 400.';

@ApiTags('reports')
@Controller('reports')
@Auth(...ALL_ROLES)
export class ForecastController {
  constructor(private readonly forecast: ForecastService) {}

  @Get('forecast')
  @ApiOperation({
    summary: 'Forecast of a period: weighted open pipeline and the run-rate so far',
    description: DESCRIPTION,
  })
  @ApiOkResponse({ type: ForecastReportDto })
  @ApiProblems(400)
  getForecastReport(@Query() query: ForecastQuery, @Scope() scope: DataScope): Promise<ForecastReportDto> {
    return this.forecast.getForecast(query, scope);
  }

  @Get('forecast.csv')
  @ApiOperation({
    summary: 'The forecast as CSV: one row per node and currency',
    description: `Same parameters as GET /reports/forecast. Streamed; at most ${MAX_EXPORT_ROWS} rows (REPORT_EXPORT_TOO_LARGE). Money in major units.`,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'CSV with a header row',
    content: {
      'text/csv': {
        schema: { type: 'string' },
        example: 'period,asOf,level,vendorId,repId,currency,leads,expected,weighted,bookingsToDate,runRate\n',
      },
    },
  })
  @ApiProblems(400, ErrorCode.REPORT_EXPORT_TOO_LARGE)
  async exportForecastCsv(@Query() query: ForecastQuery, @Scope() scope: DataScope): Promise<StreamableFile> {
    const stream = csvStream(forecastTable(await this.forecast.getForecast(query, scope)));
    return new StreamableFile(stream, { type: CSV_TYPE, disposition: 'attachment; filename="forecast.csv"' });
  }

  @Get('forecast.xlsx')
  @ApiOperation({
    summary: 'The forecast as XLSX: one row per node and currency',
    description: `Same parameters as GET /reports/forecast. Streamed; at most ${MAX_EXPORT_ROWS} rows (REPORT_EXPORT_TOO_LARGE). Money in major units.`,
  })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({
    description: 'An XLSX workbook of one sheet, header in the first row',
    content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(400, ErrorCode.REPORT_EXPORT_TOO_LARGE)
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
