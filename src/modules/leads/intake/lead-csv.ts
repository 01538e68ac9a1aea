import type { FieldError } from '../../../common/errors/domain.exception';

export type CsvParseResult =
  { ok: true; header: string[]; rows: string[][] } | { ok: false; errors: FieldError[]; detail: string };

/**
 * RFC 4180 CSV: comma separated, `"` quoting with `""` escapes, CRLF or LF line ends, an optional
 * byte-order mark. Blank lines are skipped; every row must have as many cells as the header.
 */
export function parseCsv(input: string, maxRows: number): CsvParseResult {
  let text = input;
  if (text.startsWith('\uFEFF')) text = text.slice(1);

  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let cellStarted = false;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === '' && !cellStarted)) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    cellStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === '\n') line++;
        cell += char;
      }
      continue;
    }
    if (char === '"' && cell === '') {
      quoted = true;
      cellStarted = true;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
      cellStarted = true;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += char;
      cellStarted = true;
    }
    if (records.length > maxRows + 1) {
      return {
        ok: false,
        detail: `The file has more than ${maxRows} rows; split it`,
        errors: [{ field: 'rows', message: `at most ${maxRows} rows per request` }],
      };
    }
  }
  if (quoted) {
    return {
      ok: false,
      detail: `A quoted cell opened on line ${recordLine} is never closed`,
      errors: [{ field: `line.${recordLine}`, message: 'has an unclosed quote' }],
    };
  }
  if (cell !== '' || cells.length > 0 || cellStarted) endRecord();
  if (records.length === 0) {
    return { ok: false, detail: 'The file is empty', errors: [{ field: 'header', message: 'is missing' }] };
  }
  const [headerRecord, ...dataRecords] = records;
  const header = headerRecord.cells.map((name) => name.trim());
  if (dataRecords.length > maxRows) {
    return {
      ok: false,
      detail: `The file has ${dataRecords.length} rows; at most ${maxRows} per request`,
      errors: [{ field: 'rows', message: `at most ${maxRows} rows per request` }],
    };
  }
  const errors: FieldError[] = [];
  dataRecords.forEach((record, index) => {
    if (record.cells.length !== header.length) {
      errors.push({
        field: `rows.${index}`,
        message: `line ${record.line} has ${record.cells.length} cells, the header has ${header.length}`,
      });
    }
  });
  if (errors.length) return { ok: false, detail: 'Some rows do not match the header', errors };
  return { ok: true, header, rows: dataRecords.map((record) => record.cells) };
}
