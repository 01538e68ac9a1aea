/** What every list export shares: its documentation, its response schemas and the file it answers. */
import { applyDecorators, StreamableFile } from '@nestjs/common';
import { ApiProduces } from '@nestjs/swagger';
import { Endpoint } from '../../common/openapi/endpoint.decorator';
import { CSV_TYPE, StreamedTable, streamedCsv, streamedXlsx, XLSX_TYPE } from './report-tables';

export type ListExportFormat = 'csv' | 'xlsx';

/** For the exports read on the read replica (all but the leaderboard). */
export const REPLICA_EXPORT_NOTE =
  'With a read replica (`DATABASE_READ_URL`) the file is read there: a moment behind other callers’ ' +
  'writes, never behind your own.';

export const LIST_EXPORT_NOTE =
  'Same filters and scope as the list endpoint (a rep sees their own rows, a vendor manager their ' +
  'vendor’s). Streamed page by page; at most EXPORT_MAX_ROWS rows (default 100 000): more is 400 ' +
  'REPORT_EXPORT_TOO_LARGE and nothing is written. Money in minor units with a currency column; ' +
  'instants as ISO 8601 in UTC, days as YYYY-MM-DD; `cursor` and `limit` are ignored. In CSV, text ' +
  'beginning with =, +, - or @ is written behind an apostrophe so that a spreadsheet does not run it.';

/**
 * The operation's documentation and 200 response: `summary` (the list and format), `about` (what a row is),
 * the shared note and the columns in order.
 */
export function ListExportOperation(
  format: ListExportFormat,
  summary: string,
  about: string,
  columns: readonly string[],
): MethodDecorator {
  const description = `${about} ${LIST_EXPORT_NOTE}\n\nColumns: ${columns.map((c) => `\`${c}\``).join(', ')}.`;
  return applyDecorators(
    Endpoint({
      summary,
      description,
      ok:
        format === 'csv'
          ? { description: 'CSV with a header row', content: { 'text/csv': { schema: { type: 'string' } } } }
          : {
              description: 'An XLSX workbook of one sheet, header in the first row',
              content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } },
            },
    }),
    ApiProduces(format === 'csv' ? 'text/csv' : XLSX_TYPE),
  );
}

/** The table as a download named after it (`contracts.csv`), written as the pages are read. */
export function listFile(table: StreamedTable, format: ListExportFormat): StreamableFile {
  return new StreamableFile(format === 'csv' ? streamedCsv(table) : streamedXlsx(table), {
    type: format === 'csv' ? CSV_TYPE : XLSX_TYPE,
    disposition: `attachment; filename="${table.name}.${format}"`,
  });
}
