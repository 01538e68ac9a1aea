import { minorDigits } from '../../common/money/money';
import type { ForecastCategory } from '../leads/leads.published';
import type { ForecastReportDto } from './forecast.dto';
import type { Cell, ReportTable } from './report-tables';

/**
 * The forecast as a flat table: one row per node and currency (a node with nothing in any currency gets
 * one row with empty amounts), money in major units, never summed across currencies; the weighted
 * pipeline per forecast category, the agreed target and the manager's adjusted forecast (empty: none).
 */
export function forecastTable(report: ForecastReportDto): ReportTable {
  const major = (currency: string, minor: number | undefined): Cell =>
    minor === undefined ? 0 : minor / 10 ** minorDigits(currency);
  const rows: Cell[][] = [];
  for (const node of report.nodes) {
    const currencies = [
      ...new Set([
        ...node.pipeline.map((p) => p.currency),
        ...node.bookingsToDate.map((m) => m.currency),
        ...node.target.map((m) => m.currency),
        ...node.adjustments.map((m) => m.currency),
      ]),
    ].sort();
    const category = (currency: string, name: ForecastCategory) =>
      major(
        currency,
        node.categories.find((c) => c.currency === currency && c.category === name)?.weightedAmountMinor,
      );
    const optional = (currency: string, minor: number | undefined): Cell =>
      minor === undefined ? null : major(currency, minor);
    const head: Cell[] = [report.period, report.asOf, node.level, node.vendorId, node.repId];
    if (!currencies.length)
      rows.push([...head, null, 0, null, null, null, null, null, null, null, null, null]);
    for (const currency of currencies) {
      const pipe = node.pipeline.find((p) => p.currency === currency);
      rows.push([
        ...head,
        currency,
        pipe?.leads ?? 0,
        major(currency, pipe?.expectedAmountMinor),
        major(currency, pipe?.weightedAmountMinor),
        major(currency, node.bookingsToDate.find((m) => m.currency === currency)?.amountMinor),
        report.elapsedDays
          ? major(currency, node.runRate.find((m) => m.currency === currency)?.amountMinor)
          : null,
        category(currency, 'commit'),
        category(currency, 'best_case'),
        category(currency, 'pipeline'),
        optional(currency, node.target.find((m) => m.currency === currency)?.amountMinor),
        optional(currency, node.adjustments.find((m) => m.currency === currency)?.amountMinor),
      ]);
    }
  }
  return {
    name: 'forecast',
    columns: [
      'period',
      'asOf',
      'level',
      'vendorId',
      'repId',
      'currency',
      'leads',
      'expected',
      'weighted',
      'bookingsToDate',
      'runRate',
      'commitWeighted',
      'bestCaseWeighted',
      'pipelineWeighted',
      'target',
      'adjusted',
    ],
    rows,
  };
}
