/**
 * Server-rendered dashboard pages: plain HTML with the charts inlined as SVG (drawn by ECharts, see
 * report-charts.ts) and the numbers as tables, printable (a print style sheet drops the chrome). Every
 * value is HTML-escaped; the SVG comes from the chart renderer.
 */
import { minorDigits, type Money } from '../../common/money/money';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** 12 500.00 CNY → "12,500.00 CNY" (digits of the currency's minor unit). */
export function formatMoney(money: Money): string {
  const digits = minorDigits(money.currency);
  const major = (money.amountMinor / 10 ** digits).toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return `${major} ${money.currency}`;
}

export const formatAmounts = (amounts: readonly Money[] | undefined): string =>
  amounts?.length ? amounts.map(formatMoney).join(' · ') : '—';

export interface DashboardFigure {
  label: string;
  value: string;
}

export interface DashboardTableRow {
  cells: string[];
  /** Indentation level of the first cell (the attainment tree); 0 when flat. */
  depth?: number;
  /** A status shown as the row's colour class (on_track, at_risk, behind). */
  status?: string | null;
}

export interface DashboardTable {
  columns: string[];
  rows: DashboardTableRow[];
  /** Said under the table, e.g. how many rows were left off. */
  note?: string;
}

export interface DashboardSection {
  title: string;
  /** An SVG document from renderSvg, inlined as is. */
  svg?: string;
  figures?: DashboardFigure[];
  tables?: DashboardTable[];
}

function renderTable(table: DashboardTable): string {
  const head = table.columns.map((column) => `<th>${escapeHtml(column)}</th>`).join('');
  const rows = table.rows
    .map((row) => {
      const cells = row.cells
        .map((cell, i) => {
          const indent = i === 0 && row.depth ? ` style="padding-left:${row.depth * 1.5}em"` : '';
          return `<td${indent}>${escapeHtml(cell)}</td>`;
        })
        .join('');
      const status = row.status ? ` class="status-${escapeHtml(row.status)}"` : '';
      return `<tr${status}>${cells}</tr>`;
    })
    .join('');
  const empty = table.rows.length ? '' : `<tr><td colspan="${table.columns.length}">None</td></tr>`;
  const note = table.note ? `<p class="note">${escapeHtml(table.note)}</p>` : '';
  return `<table class="data"><thead><tr>${head}</tr></thead><tbody>${rows}${empty}</tbody></table>${note}`;
}

export function dashboardPage(title: string, subtitle: string, sections: DashboardSection[]): string {
  const body = sections
    .map((section) => {
      const figures = section.figures?.length
        ? `<table class="figures">${section.figures
            .map((f) => `<tr><th>${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`)
            .join('')}</table>`
        : '';
      const tables = (section.tables ?? []).map(renderTable).join('');
      const chart = section.svg ? `<div class="chart">${section.svg}</div>` : '';
      return `<section><h2>${escapeHtml(section.title)}</h2>${figures}${tables}${chart}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 24px; color: #222; }
  header { border-bottom: 2px solid #333; margin-bottom: 16px; }
  section { break-inside: avoid; margin-bottom: 24px; }
  table.figures { border-collapse: collapse; margin-bottom: 8px; }
  table.figures th, table.figures td { text-align: left; padding: 4px 12px 4px 0; border-bottom: 1px solid #ddd; }
  table.data { border-collapse: collapse; margin-bottom: 8px; font-size: 14px; }
  table.data th, table.data td { text-align: left; padding: 3px 10px 3px 0; border-bottom: 1px solid #eee; }
  tr.status-on_track td:last-child { color: #1a7f37; }
  tr.status-at_risk td:last-child { color: #9a6700; }
  tr.status-behind td:last-child { color: #cf222e; font-weight: 600; }
  p.note { color: #666; font-size: 13px; }
  .chart svg { max-width: 100%; height: auto; }
  @media print { body { margin: 0; } section { page-break-inside: avoid; } }
</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><p>${escapeHtml(subtitle)}</p></header>
${body}
</body>
</html>
`;
}
