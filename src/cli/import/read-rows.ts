import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { extname } from 'node:path';
import type { Cell } from './row-shape';

export interface SourceRow {
  /** The row's number as a spreadsheet shows it: the header is row 1, the first data row 2. */
  rowNumber: number;
  cells: Record<string, Cell>;
}

export interface SourceTable {
  header: string[];
  rows: SourceRow[];
}

export class SourceFileError extends Error {}

/** Rich text, hyperlinks, formulas and errors as the plain value an operator sees in the cell. */
function plainCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date || typeof value !== 'object') return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : plainCell(value.text);
  if ('formula' in value || 'sharedFormula' in value) return plainCell(value.result);
  if ('error' in value) return String(value.error);
  return String(value);
}

function table(header: string[], records: Cell[][], fileName: string): SourceTable {
  const names = header.map((name) => String(name ?? '').trim());
  const blank = names.findIndex((name) => name === '');
  if (blank >= 0) throw new SourceFileError(`${fileName}: column ${blank + 1} of the header has no name`);
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated) throw new SourceFileError(`${fileName}: the header names ${repeated} twice`);
  const rows: SourceRow[] = [];
  records.forEach((record, index) => {
    if (record.every((cell) => cell === undefined || cell === null || String(cell).trim() === '')) return;
    const cells: Record<string, Cell> = {};
    names.forEach((name, column) => (cells[name] = record[column]));
    rows.push({ rowNumber: index + 2, cells });
  });
  return { header: names, rows };
}

/** Reads a CSV (UTF-8, comma separated, header line) or the first sheet of an XLSX workbook. */
export async function readRows(content: Buffer, fileName: string): Promise<SourceTable> {
  const extension = extname(fileName).toLowerCase();
  if (extension === '.xlsx') {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet || sheet.rowCount === 0) throw new SourceFileError(`${fileName}: the first sheet is empty`);
    const width = sheet.getRow(1).cellCount;
    const records: Cell[][] = [];
    for (let number = 1; number <= sheet.rowCount; number++) {
      const row = sheet.getRow(number);
      const values: Cell[] = [];
      for (let column = 1; column <= Math.max(width, row.cellCount); column++) {
        values.push(plainCell(row.getCell(column).value));
      }
      records.push(values);
    }
    const [header, ...data] = records;
    return table(
      header.map((cell) => String(cell ?? '')),
      data,
      fileName,
    );
  }
  if (extension === '.csv') {
    let records: string[][];
    try {
      records = parse(content, { bom: true, skip_empty_lines: true, relax_column_count: false });
    } catch (error) {
      throw new SourceFileError(`${fileName}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (records.length === 0) throw new SourceFileError(`${fileName} is empty`);
    const [header, ...data] = records;
    return table(header, data, fileName);
  }
  throw new SourceFileError(`${fileName}: only .csv and .xlsx files can be imported`);
}
