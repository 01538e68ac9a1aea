import { DomainException } from '../../common/errors/domain.exception';
import { analysisTable, csvStream, MAX_EXPORT_ROWS, streamedCsv } from './report-tables';
import { AnalysisDimension, AnalysisMeasure, PeriodGrainParam } from './reports.dto';

describe('report tables', () => {
  it('puts money in one column per currency, in major units (JPY has no minor digits)', () => {
    const table = analysisTable({
      from: '2026-01-01',
      to: '2027-01-01',
      measures: [AnalysisMeasure.REVENUE, AnalysisMeasure.CALLS],
      dimensions: [AnalysisDimension.VENDOR],
      grain: PeriodGrainParam.MONTH,
      rows: [
        { keys: { vendor: 'v1' }, revenue: [{ currency: 'JPY', amountMinor: 5000 }], calls: 3 },
        { keys: { vendor: null }, revenue: [{ currency: 'EUR', amountMinor: 12345 }], calls: 1 },
      ],
      total: {
        keys: {},
        revenue: [
          { currency: 'EUR', amountMinor: 12345 },
          { currency: 'JPY', amountMinor: 5000 },
        ],
        calls: 4,
      },
    });
    expect(table.columns).toEqual(['vendor', 'revenue EUR', 'revenue JPY', 'calls']);
    expect(table.rows).toEqual([
      ['v1', 0, 5000, 3],
      [null, 123.45, 0, 1],
      ['total', 123.45, 5000, 4],
    ]);
  });

  it('refuses an export beyond the row cap with REPORT_EXPORT_TOO_LARGE before writing anything', () => {
    const rows = Array.from({ length: MAX_EXPORT_ROWS + 1 }, (_, i) => [i]);
    let thrown: unknown;
    try {
      csvStream({ name: 'big', columns: ['n'], rows });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainException);
    expect((thrown as DomainException).code).toBe('REPORT_EXPORT_TOO_LARGE');
  });

  it('writes list text that a spreadsheet would run as a formula behind an apostrophe', async () => {
    const rows = [['=HYPERLINK("http://x")', '+36 1 234', '-1', '@SUM(A1)', 'Kft. = Ltd', -1, null]];
    let csv = '';
    for await (const chunk of streamedCsv({
      name: 'list',
      columns: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
      rows,
    }))
      csv += String(chunk);
    expect(csv.trim().split('\n')[1]).toBe(
      `"'=HYPERLINK(""http://x"")",'+36 1 234,'-1,'@SUM(A1),Kft. = Ltd,-1,`,
    );
  });
});
