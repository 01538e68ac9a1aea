import { Controller, Get, Inject, Query, StreamableFile } from '@nestjs/common';
import { ApiProduces, type ApiResponseNoStatusOptions, ApiTags } from '@nestjs/swagger';
import { Auth, Scope } from '../../common/auth/auth.decorators';
import type { DataScope } from '../../common/auth/data-scope';
import { ALL_ROLES } from '../../common/auth/role';
import { ErrorCode } from '../../common/errors/error-codes';
import { MAX_PAGE_SIZE } from '../../common/pagination/pagination';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { type Lead, ListLeadsQuery, LeadsService } from '../leads/leads.published';
import {
  Cell,
  CSV_TYPE,
  refuseOverCap,
  StreamedTable,
  streamedCsv,
  streamedXlsx,
  XLSX_TYPE,
} from './report-tables';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

const NOTE =
  'Same filters and scope as the list endpoint (a rep sees their own rows, a vendor manager their ' +
  'vendor’s). Streamed page by page; at most EXPORT_MAX_ROWS rows (default 100 000): more is 422 ' +
  'REPORT_EXPORT_TOO_LARGE and nothing is written. Money in minor units with a currency column.';

const LEAD_COLUMNS = [
  'id',
  'companyName',
  'status',
  'grade',
  'source',
  'vendorId',
  'ownerRepId',
  'regionCode',
  'industryCode',
  'keyLead',
  'score',
  'expectedAmountMinor',
  'expectedCurrency',
  'expectedCloseOn',
  'createdAt',
  'updatedAt',
];

const leadRow = (lead: Lead): Cell[] => [
  lead.id,
  lead.companyName,
  lead.status,
  lead.grade,
  lead.source,
  lead.vendorId,
  lead.ownerRepId,
  lead.regionCode,
  lead.industryCode,
  lead.keyLead ? 'true' : 'false',
  lead.score,
  lead.expectedAmountMinor === null ? null : Number(lead.expectedAmountMinor),
  lead.expectedCurrency,
  lead.expectedCloseOn,
  lead.createdAt.toISOString(),
  lead.updatedAt.toISOString(),
];

const csvResponse = (): ApiResponseNoStatusOptions => ({
  description: 'CSV with a header row',
  content: { 'text/csv': { schema: { type: 'string' } } },
});
const xlsxResponse = (): ApiResponseNoStatusOptions => ({
  description: 'An XLSX workbook of one sheet, header in the first row',
  content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } },
});

const file = (table: StreamedTable, format: 'csv' | 'xlsx'): StreamableFile =>
  new StreamableFile(format === 'csv' ? streamedCsv(table) : streamedXlsx(table), {
    type: format === 'csv' ? CSV_TYPE : XLSX_TYPE,
    disposition: `attachment; filename="${table.name}.${format}"`,
  });

/** The lists a manager takes away as files, read through the owning modules' services. */
@ApiTags('reports')
@Controller('reports/lists')
@Auth(...ALL_ROLES)
export class ListExportsController {
  constructor(
    private readonly leads: LeadsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async leadTable(query: ListLeadsQuery, scope: DataScope): Promise<StreamedTable> {
    refuseOverCap(await this.leads.countLeads(query, scope), this.config.exportMaxRows);
    const leads = this.leads;
    async function* rows(): AsyncIterable<Cell[]> {
      let cursor: string | undefined;
      do {
        const page = await leads.listLeads({ ...query, limit: MAX_PAGE_SIZE, cursor }, scope);
        for (const lead of page.data) yield leadRow(lead);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    return { name: 'leads', columns: LEAD_COLUMNS, rows: rows() };
  }

  @Get('leads.csv')
  @Endpoint({
    summary: 'The lead list as CSV (without contact persons)',
    description: NOTE,
    ok: csvResponse(),
    problems: [400, ErrorCode.REPORT_EXPORT_TOO_LARGE],
  })
  @ApiProduces('text/csv')
  async exportLeadsCsv(@Query() query: ListLeadsQuery, @Scope() scope: DataScope): Promise<StreamableFile> {
    return file(await this.leadTable(query, scope), 'csv');
  }

  @Get('leads.xlsx')
  @Endpoint({
    summary: 'The lead list as XLSX (without contact persons)',
    description: NOTE,
    ok: xlsxResponse(),
    problems: [400, ErrorCode.REPORT_EXPORT_TOO_LARGE],
  })
  @ApiProduces(XLSX_TYPE)
  async exportLeadsXlsx(@Query() query: ListLeadsQuery, @Scope() scope: DataScope): Promise<StreamableFile> {
    return file(await this.leadTable(query, scope), 'xlsx');
  }
}
