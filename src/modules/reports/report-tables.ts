/**
 * Reports as flat tables for export (CSV and XLSX): a header row and value rows. Money goes into one
 * column per measure and currency, in major units (12 500.00 CNY → 12500), never summed across currencies.
 */
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type * as ExcelJSModule from 'exceljs';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { minorDigits } from '../../common/money/money';
import type {
  AnalysisReportDto,
  AnalysisRowDto,
  FunnelReportDto,
  LossReportDto,
  MoneyAmountDto,
} from './reports.dto';

/** The most rows one export writes; more answers REPORT_EXPORT_TOO_LARGE and writes nothing. */
export const MAX_EXPORT_ROWS = 100_000;

type ExcelJS = typeof ExcelJSModule;
let excelLoaded: ExcelJS | undefined;
/**
 * ExcelJS (and the zip, XML and lodash code under it) is loaded by the first XLSX written, not at boot: it
 * costs the API ~28 MB of resident memory that a process writing no workbook never needs (issue #20, memory).
 */
function excel(): ExcelJS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (excelLoaded ??= require('exceljs') as ExcelJS);
}

export type Cell = string | number | null;

export interface ReportTable {
  /** File and sheet name, e.g. `funnel`. */
  name: string;
  columns: string[];
  rows: Cell[][];
}

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function funnelTable(report: FunnelReportDto): ReportTable {
  return {
    name: 'funnel',
    columns: ['stage', 'reached', 'current', 'conversionToNext', 'completedStays', 'medianDaysInStage'],
    rows: report.stages.map((s) => [
      s.stage,
      s.reached,
      s.current,
      s.conversionToNext,
      s.completedStays,
      s.medianDaysInStage,
    ]),
  };
}

const LOSS_BREAKDOWNS = [
  'lostByReason',
  'rejectedByReason',
  'lostByVendor',
  'rejectedByVendor',
  'lostByProductLine',
  'lostByCompetitor',
  'deadByCause',
  'lowByCause',
] as const;

export function lossTable(report: LossReportDto): ReportTable {
  return {
    name: 'losses',
    columns: ['breakdown', 'key', 'leads'],
    rows: LOSS_BREAKDOWNS.flatMap((breakdown) =>
      report[breakdown].map((entry) => [breakdown, entry.key, entry.leads]),
    ),
  };
}

const MONEY = new Set(['revenue', 'bookings']);

/** One row per cell, then a `total` row; money as one column per measure and currency seen. */
export function analysisTable(report: AnalysisReportDto): ReportTable {
  const all = [...report.rows, report.total];
  const columns: { title: string; value: (row: AnalysisRowDto) => Cell }[] = [];
  for (const measure of report.measures) {
    if (MONEY.has(measure)) {
      const money = (row: AnalysisRowDto): MoneyAmountDto[] => row[measure as 'revenue' | 'bookings'] ?? [];
      const currencies = [...new Set(all.flatMap((row) => money(row).map((m) => m.currency)))].sort();
      for (const currency of currencies)
        columns.push({
          title: `${measure} ${currency}`,
          value: (row) => {
            const found = money(row).find((m) => m.currency === currency);
            return found ? found.amountMinor / 10 ** minorDigits(currency) : 0;
          },
        });
      // With convertTo: the converted figure (empty where a rate is missing).
      const into = all
        .map((row) => row.converted?.[measure as 'revenue' | 'bookings'])
        .find(Boolean)?.currency;
      if (into)
        columns.push({
          title: `${measure} in ${into}`,
          value: (row) => {
            const amount = row.converted?.[measure as 'revenue' | 'bookings']?.amountMinor;
            return amount === null || amount === undefined ? null : amount / 10 ** minorDigits(into);
          },
        });
    } else if ((measure as string) === 'attainment') {
      // Per currency: the targets, the actuals (major units for money) and the percent.
      const currencies = [...new Set(all.flatMap((row) => (row.attainment ?? []).map((a) => a.currency)))];
      for (const currency of currencies.sort()) {
        const of = (row: AnalysisRowDto) => (row.attainment ?? []).find((a) => a.currency === currency);
        const unit = currency ? 10 ** minorDigits(currency) : 1;
        const suffix = currency ? ` ${currency}` : '';
        columns.push(
          { title: `target${suffix}`, value: (row) => (of(row) ? of(row)!.target / unit : null) },
          { title: `actual${suffix}`, value: (row) => (of(row) ? of(row)!.actual / unit : null) },
          { title: `attainment %${suffix}`, value: (row) => of(row)?.attainmentPercent ?? null },
        );
      }
    } else {
      columns.push({ title: measure, value: (row) => (row[measure] as Cell | undefined) ?? null });
    }
  }
  const keyCells = (row: AnalysisRowDto): Cell[] => report.dimensions.map((d) => row.keys[d] ?? null);
  const totalKeys: Cell[] = report.dimensions.map((_, i) => (i === 0 ? 'total' : null));
  return {
    name: 'analysis',
    columns: [...(report.dimensions.length ? report.dimensions : ['total']), ...columns.map((c) => c.title)],
    rows: [
      ...report.rows.map((row) => [...keyCells(row), ...columns.map((c) => c.value(row))]),
      [...(report.dimensions.length ? totalKeys : ['total']), ...columns.map((c) => c.value(report.total))],
    ],
  };
}

export function refuseOversized(table: ReportTable): void {
  if (table.rows.length > MAX_EXPORT_ROWS)
    throw new DomainException(
      ErrorCode.REPORT_EXPORT_TOO_LARGE,
      `An export holds at most ${MAX_EXPORT_ROWS} rows; this one has ${table.rows.length}: narrow the filters`,
    );
}

/** The table as CSV, streamed row by row (csv-stringify); the header is the column names. */
export function csvStream(table: ReportTable): Readable {
  refuseOversized(table);
  const out = stringify({ header: true, columns: table.columns });
  Readable.from(table.rows).pipe(out);
  return out;
}

/** The table as an XLSX workbook of one sheet, streamed by ExcelJS's streaming writer. */
export function xlsxStream(table: ReportTable): Readable {
  refuseOversized(table);
  const out = new PassThrough();
  const workbook = new (excel().stream.xlsx.WorkbookWriter)({ stream: out });
  const sheet = workbook.addWorksheet(table.name);
  sheet.addRow(table.columns).commit();
  for (const row of table.rows) sheet.addRow(row).commit();
  sheet.commit();
  workbook.commit().catch((error: Error) => out.destroy(error));
  return out;
}

/** A list export: the column names and the rows, read page by page (keyset) so that no list is held whole. */
export interface StreamedTable {
  name: string;
  columns: string[];
  /** Read as written: pages from the database, or rows already in hand (a list of one read). */
  rows: AsyncIterable<Cell[]> | Iterable<Cell[]>;
}

/** Refuses a list of more than `cap` rows before anything is written. */
export function refuseOverCap(count: number, cap: number): void {
  if (count > cap)
    throw new DomainException(
      ErrorCode.REPORT_EXPORT_TOO_LARGE,
      `An export holds at most ${cap} rows; this one has ${count}: narrow the filters`,
    );
}

/**
 * Text a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, carriage return first) gets a leading
 * apostrophe: lists carry free text typed by reps and partners (notes, names, messages), and a CSV opened in a
 * spreadsheet must not run it. XLSX cells are typed text and need nothing.
 */
export const neutraliseFormula = (value: string): string =>
  /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;

/** The list as CSV, each page written as it is read. */
export function streamedCsv(table: StreamedTable): Readable {
  const out = stringify({ header: true, columns: table.columns, cast: { string: neutraliseFormula } });
  Readable.from(table.rows).pipe(out);
  return out;
}

/** The list as an XLSX workbook of one sheet, each row committed to the stream as it is read. */
export function streamedXlsx(table: StreamedTable): Readable {
  const out = new PassThrough();
  const workbook = new (excel().stream.xlsx.WorkbookWriter)({ stream: out });
  const sheet = workbook.addWorksheet(table.name);
  sheet.addRow(table.columns).commit();
  void (async () => {
    for await (const row of table.rows) sheet.addRow(row).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((error: Error) => out.destroy(error));
  return out;
}

/** A list read page by page through its owner's keyset pages, counted first against the cap. */
export interface KeysetExport<T> {
  name: string;
  columns: string[];
  /** The most rows the export writes (EXPORT_MAX_ROWS). */
  cap: number;
  /** How many rows the pages will hold, with the same filters and scope. */
  count: () => Promise<number>;
  /** One page after `cursor` (the first page without one). */
  page: (cursor: string | undefined) => Promise<{ data: T[]; nextCursor: string | null }>;
  row: (item: T) => Cell[];
}

/** Refuses a list over the cap before a byte is written, then streams it one page (one read) at a time. */
export async function keysetTable<T>(list: KeysetExport<T>): Promise<StreamedTable> {
  refuseOverCap(await list.count(), list.cap);
  async function* rows(): AsyncIterable<Cell[]> {
    let cursor: string | undefined;
    do {
      const page = await list.page(cursor);
      for (const item of page.data) yield list.row(item);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return { name: list.name, columns: list.columns, rows: rows() };
}

/** An instant as ISO text (UTC), or empty. */
export const isoCell = (at: Date | null): string | null => (at ? at.toISOString() : null);
