/**
 * Charts of the reports, rendered on the server as SVG by Apache ECharts' server-side renderer. Each
 * function turns a report's data into an ECharts option; `renderSvg` draws it. A chart of an empty
 * result is an empty chart with a "No data" note, never an error.
 */
import type { EChartsOption } from 'echarts';
import { minorDigits, type Money } from '../../common/money/money';
import {
  AnalysisDimension,
  AnalysisMeasure,
  type AnalysisReportDto,
  type AnalysisRowDto,
  type FunnelReportDto,
} from './reports.dto';

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 420;

const EMPTY_NOTE = 'No data';

type ECharts = typeof import('echarts');
let echartsLoaded: ECharts | undefined;
/**
 * ECharts is loaded by the first chart drawn, not at boot: its one 3.7 MB bundle costs the API ~18 MB of
 * resident memory (source, code, objects) that a process serving no chart never needs (issue #20, memory).
 */
function echarts(): ECharts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (echartsLoaded ??= require('echarts') as ECharts);
}

/** Draws an option as a standalone SVG document (no animation, fixed size). */
export function renderSvg(option: EChartsOption, width = CHART_WIDTH, height = CHART_HEIGHT): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const titled = (text: string, empty: boolean, subtext?: string): EChartsOption['title'] => [
  { text, subtext, left: 'center' },
  ...(empty ? [{ text: EMPTY_NOTE, left: 'center', top: 'middle', textStyle: { color: '#999' } }] : []),
];

/** The funnel: leads of the cohort that reached each stage. */
export function funnelChart(report: FunnelReportDto): EChartsOption {
  const empty = report.cohort === 0;
  return {
    title: titled(`Funnel ${report.from} – ${report.to}`, empty, `${report.cohort} leads`),
    series: empty
      ? []
      : [
          {
            type: 'funnel',
            sort: 'none',
            top: 70,
            bottom: 20,
            minSize: '10%',
            label: { show: true, position: 'inside', formatter: '{b}: {c}' },
            data: report.stages.map((stage) => ({ name: stage.stage, value: stage.reached })),
          },
        ],
  };
}

const MONEY_MEASURES = ['revenue', 'bookings'] as const;
type MoneyMeasure = (typeof MONEY_MEASURES)[number];

/** A money amount in major units (12 500.00 CNY → 12500) for an axis; the currency names the series. */
const major = (money: Money): number => money.amountMinor / 10 ** minorDigits(money.currency);

/**
 * The analysis as a chart: a trend (one line per measure, and per currency for money) when the first
 * dimension is the period, otherwise bars by the first dimension. Further dimensions are summed into
 * the first for the picture; the data endpoint keeps them apart.
 */
export function analysisChart(report: AnalysisReportDto): EChartsOption {
  const axisDimension = report.dimensions[0];
  const label = (row: AnalysisRowDto): string =>
    axisDimension === undefined ? 'total' : String(row.keys[axisDimension] ?? '(none)');
  const rows = axisDimension === undefined ? [report.total] : report.rows;
  const categories = [...new Set(rows.map(label))];
  const series = new Map<string, Map<string, number>>();
  const addPoint = (name: string, category: string, value: number) => {
    let points = series.get(name);
    if (!points) series.set(name, (points = new Map<string, number>()));
    points.set(category, (points.get(category) ?? 0) + value);
  };
  for (const row of rows) {
    const category = label(row);
    for (const measure of report.measures) {
      if ((MONEY_MEASURES as readonly string[]).includes(measure)) {
        for (const money of row[measure as MoneyMeasure] ?? [])
          addPoint(`${measure} (${money.currency})`, category, major(money));
      } else if (measure === AnalysisMeasure.ATTAINMENT) {
        // Percent per currency (chart one dimension: percents of further dimensions are added up).
        for (const amount of row.attainment ?? [])
          addPoint(`attainment % (${amount.currency ?? 'count'})`, category, amount.attainmentPercent ?? 0);
      } else if (measure !== AnalysisMeasure.CONVERSION) {
        addPoint(measure, category, (row[measure] as number | undefined) ?? 0);
      }
    }
  }
  const trend = axisDimension === AnalysisDimension.PERIOD;
  const empty = report.rows.length === 0 || series.size === 0;
  return {
    title: titled(`${report.measures.join(', ')} ${report.from} – ${report.to}`, empty),
    legend: { top: 50 },
    grid: { top: 90, left: 70, right: 30, bottom: 60 },
    xAxis: { type: 'category', data: empty ? [] : categories, axisLabel: { rotate: trend ? 0 : 30 } },
    yAxis: { type: 'value' },
    series: empty
      ? []
      : [...series].map(([name, points]) => ({
          name,
          type: trend ? 'line' : 'bar',
          data: categories.map((category) => points.get(category) ?? 0),
        })),
  };
}

export interface AttainmentBar {
  label: string;
  /** Attainment in percent, null when there is no actual yet. */
  attainmentPercent: number | null;
}

/** Attainment bars of a target's children (or the target itself) against the pace line. */
export function attainmentChart(title: string, bars: AttainmentBar[], pacePercent: number): EChartsOption {
  const empty = bars.length === 0;
  return {
    title: titled(title, empty, `pace ${pacePercent} %`),
    grid: { top: 80, left: 70, right: 30, bottom: 60 },
    xAxis: { type: 'category', data: bars.map((bar) => bar.label), axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', name: '%' },
    series: empty
      ? []
      : [
          {
            name: 'attainment',
            type: 'bar',
            label: { show: true, position: 'top', formatter: '{c} %' },
            data: bars.map((bar) => bar.attainmentPercent ?? 0),
            markLine: {
              symbol: 'none',
              label: { formatter: `pace ${pacePercent} %` },
              lineStyle: { color: '#d33', type: 'dashed' },
              data: [{ yAxis: pacePercent }],
            },
          },
        ],
  };
}

export interface LeaderboardEntry {
  label: string;
  total: number | null;
}

/** The leaderboard: best first, top at the top. */
export function leaderboardChart(title: string, entries: LeaderboardEntry[]): EChartsOption {
  const empty = entries.length === 0;
  const shown = [...entries].reverse();
  return {
    title: titled(title, empty),
    grid: { top: 60, left: 160, right: 50, bottom: 30 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: shown.map((entry) => entry.label) },
    series: empty
      ? []
      : [
          {
            name: 'score',
            type: 'bar',
            label: { show: true, position: 'right' },
            data: shown.map((entry) => entry.total ?? 0),
          },
        ],
  };
}
