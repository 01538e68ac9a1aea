import { CsvError, parse } from 'csv-parse/sync';
import type { FieldError } from '../../../common/errors/domain.exception';

export type CsvParseResult =
  { ok: true; header: string[]; rows: string[][] } | { ok: false; errors: FieldError[]; detail: string };

/**
 * RFC 4180 CSV read with csv-parse: comma separated, `"` quoting with `""` escapes, CRLF or LF line
 * ends, an optional byte-order mark. Blank lines are skipped; every row must have as many cells as the
 * header; header names are trimmed. A stray quote inside an unquoted cell is kept as text.
 */
export function parseCsv(input: string, maxRows: number): CsvParseResult {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(input, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
      // Files mix line ends when rows were pasted together; every one ends a record.
      record_delimiter: ['\r\n', '\n', '\r'],
      info: true,
      // The header, the rows allowed and one more to tell that the file is too long.
      to: maxRows + 2,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED') {
      const line = openingLine(input, Number(error.lines));
      return {
        ok: false,
        detail: `A quoted cell opened on line ${line} is never closed`,
        errors: [{ field: `line.${line}`, message: 'has an unclosed quote' }],
      };
    }
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      detail: `The file is not valid CSV: ${message}`,
      errors: [{ field: 'body', message }],
    };
  }
  if (records.length === 0) {
    return { ok: false, detail: 'The file is empty', errors: [{ field: 'header', message: 'is missing' }] };
  }
  if (records.length > maxRows + 1) {
    return {
      ok: false,
      detail: `The file has more than ${maxRows} rows; split it`,
      errors: [{ field: 'rows', message: `at most ${maxRows} rows per request` }],
    };
  }
  const [headerRecord, ...dataRecords] = records;
  const header = headerRecord.record.map((name) => name.trim());
  const errors: FieldError[] = [];
  dataRecords.forEach(({ record, info }, index) => {
    if (record.length !== header.length) {
      const line = info.lines - newlinesIn(record);
      errors.push({
        field: `rows.${index}`,
        message: `line ${line} has ${record.length} cells, the header has ${header.length}`,
      });
    }
  });
  if (errors.length) return { ok: false, detail: 'Some rows do not match the header', errors };
  return { ok: true, header, rows: dataRecords.map(({ record }) => record) };
}

/** The record ends on its last line; the line breaks inside its quoted cells say where it began. */
function newlinesIn(cells: string[]): number {
  return cells.reduce((sum, cell) => sum + (cell.match(/\n/g)?.length ?? 0), 0);
}

/** The line of the last quote that opens a cell: the one never closed. */
function openingLine(input: string, fallback: number): number {
  let quoted = false;
  let line = 1;
  let openedOn = fallback;
  let atCellStart = true;
  for (let i = 0; i < input.length; i++) {
    const char = input[i];
    if (quoted) {
      if (char === '"') {
        if (input[i + 1] === '"') i++;
        else quoted = false;
      } else if (char === '\n') line++;
      continue;
    }
    if (char === '"' && atCellStart) {
      quoted = true;
      openedOn = line;
    }
    if (char === '\n') line++;
    atCellStart = char === ',' || char === '\n' || char === '\r';
  }
  return openedOn;
}
