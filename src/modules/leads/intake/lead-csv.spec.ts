import { parseCsv } from './lead-csv';

describe('CSV parsing', () => {
  it('reads quoted cells with commas, quotes and line breaks, CRLF and a BOM', () => {
    const result = parseCsv(
      '\uFEFFcompanyName,needs\r\n"Acme, Inc.","He said ""hi""\ntwice"\r\n\r\n华为,x\n',
      10,
    );
    expect(result).toEqual({
      ok: true,
      header: ['companyName', 'needs'],
      rows: [
        ['Acme, Inc.', 'He said "hi"\ntwice'],
        ['华为', 'x'],
      ],
    });
  });

  it('names the row whose cell count does not match the header', () => {
    const result = parseCsv('a,b\n1,2\n3\n', 10);
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'rows.1' }] });
  });

  it('refuses more rows than allowed and an unclosed quote', () => {
    expect(parseCsv('a\n1\n2\n3\n', 2)).toMatchObject({ ok: false, errors: [{ field: 'rows' }] });
    expect(parseCsv('a\n"open\n', 2)).toMatchObject({ ok: false });
  });
});

describe('CSV parsing with csv-parse', () => {
  it('names the line a row starts on when a quoted cell spans lines', () => {
    const result = parseCsv('a,b\n"x\ny",1\n2\n', 10);
    expect(result).toMatchObject({
      ok: false,
      errors: [{ field: 'rows.1', message: 'line 4 has 1 cells, the header has 2' }],
    });
  });

  it('names the line of an unclosed quote', () => {
    expect(parseCsv('a,b\n1,2\n3,"open\n4\n', 10)).toMatchObject({
      ok: false,
      errors: [{ field: 'line.3', message: 'has an unclosed quote' }],
    });
  });

  it('refuses an empty file and keeps a stray quote inside a cell as text', () => {
    expect(parseCsv('\uFEFF', 10)).toMatchObject({ ok: false, errors: [{ field: 'header' }] });
    expect(parseCsv('a,b\n5" screen,2\n', 10)).toEqual({
      ok: true,
      header: ['a', 'b'],
      rows: [['5" screen', '2']],
    });
  });

  it('takes exactly the allowed number of rows', () => {
    expect(parseCsv('a\n1\n2\n', 2)).toEqual({ ok: true, header: ['a'], rows: [['1'], ['2']] });
  });
});
