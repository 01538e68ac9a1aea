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
