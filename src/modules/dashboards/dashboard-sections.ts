/**
 * The dashboard's sections as tables, from the reports' answers: the attainment tree, the forecast and
 * the open-alert digest. Pure: the page's numbers are computed here, so a spec can check them by hand.
 */
import type { AttainmentNodeDto } from '../targets/attainment.dto';
import { METRIC_KIND, type OwnerKind } from '../targets/target.enums';
import type { ForecastNodeDto } from '../reports/forecast.dto';
import type { AlertSummaryDto } from '../scheduler/alerts/alerts.dto';
import type { KpiExplanation } from '../scoring/scorecard-engine.rules';
import { type DashboardTable, type DashboardTableRow, formatMoney } from './dashboard-pages';

/** How deep the page draws a target tree (company → units → vendors → reps), and how many rows at most. */
export const TREE_MAX_DEPTH = 3;
export const TREE_MAX_ROWS = 200;

export type OwnerNames = (kind: OwnerKind, id: string | null) => string;

/** A target value in its metric's unit: money with its currency, a rate in percent, days, a count. */
export function formatTargetValue(node: AttainmentNodeDto, value: number | null): string {
  if (value === null) return '—';
  switch (METRIC_KIND[node.metric]) {
    case 'money':
      return node.currency
        ? formatMoney({ amountMinor: Math.round(value), currency: node.currency })
        : String(value);
    case 'rate':
      return `${(value / 100).toFixed(1)} %`;
    case 'days':
      return `${value} d`;
    case 'count':
      return String(value);
  }
}

const percent = (value: number | null): string => (value === null ? '—' : `${value.toFixed(1)} %`);

/**
 * The attainment tree as indented rows, depth first in the tree's own order: owner, target, actual,
 * attainment, run-rate projection and status. Deeper than TREE_MAX_DEPTH or past TREE_MAX_ROWS rows is
 * left off and counted in the note.
 */
export function attainmentTreeTable(root: AttainmentNodeDto, ownerName: OwnerNames): DashboardTable {
  const rows: DashboardTableRow[] = [];
  let hidden = 0;
  const walk = (node: AttainmentNodeDto, depth: number): void => {
    if (depth > TREE_MAX_DEPTH || rows.length >= TREE_MAX_ROWS) {
      hidden += 1 + countBelow(node);
      return;
    }
    rows.push({
      depth,
      status: node.status,
      cells: [
        nodeLabel(node, root.periodKey, ownerName),
        formatTargetValue(node, node.target),
        formatTargetValue(node, node.actual),
        percent(node.attainmentPercent),
        formatTargetValue(node, node.projected),
        node.status ?? '—',
      ],
    });
    for (const child of node.children) walk(child, depth + 1);
  };
  walk(root, 0);
  return {
    columns: ['Owner', 'Target', 'Actual', 'Attainment', 'Projected', 'Status'],
    rows,
    note: hidden
      ? `${hidden} deeper target(s) not shown: open the target's attainment in the API`
      : undefined,
  };
}

/**
 * A node's label: its owner's name, its own period when a time split gives it one (Company 2026-03), and
 * the slice it covers (region, industry, product line).
 */
export function nodeLabel(node: AttainmentNodeDto, rootPeriodKey: string, ownerName: OwnerNames): string {
  const period = node.periodKey !== rootPeriodKey ? ` ${node.periodKey}` : '';
  const slice = [node.regionId && 'region', node.industryCode, node.productLineId && 'product line']
    .filter(Boolean)
    .join(', ');
  return `${ownerName(node.ownerKind, node.ownerId)}${period}${slice ? ` (${slice})` : ''}`;
}

function countBelow(node: AttainmentNodeDto): number {
  return node.children.reduce((sum, child) => sum + 1 + countBelow(child), 0);
}

/**
 * The forecast of one node per currency: booked so far, the run-rate, the weighted pipeline with its
 * commit and best-case parts, the agreed target and a manager's adjusted forecast. Currencies are never
 * added together: one row each.
 */
export function forecastTable(node: ForecastNodeDto): DashboardTable {
  const currencies = [
    ...new Set([
      ...node.bookingsToDate.map((m) => m.currency),
      ...node.pipeline.map((m) => m.currency),
      ...node.target.map((m) => m.currency),
      ...node.adjustments.map((m) => m.currency),
    ]),
  ].sort();
  const money = (amountMinor: number | undefined, currency: string) =>
    amountMinor === undefined ? '—' : formatMoney({ amountMinor, currency });
  const rows = currencies.map((currency) => {
    const category = (name: string) =>
      node.categories.find((c) => c.currency === currency && c.category === name)?.weightedAmountMinor;
    return {
      cells: [
        currency,
        money(node.bookingsToDate.find((m) => m.currency === currency)?.amountMinor ?? 0, currency),
        money(node.runRate.find((m) => m.currency === currency)?.amountMinor, currency),
        money(node.pipeline.find((m) => m.currency === currency)?.weightedAmountMinor ?? 0, currency),
        money(category('commit'), currency),
        money(category('best_case'), currency),
        money(node.target.find((m) => m.currency === currency)?.amountMinor, currency),
        money(node.adjustments.find((m) => m.currency === currency)?.amountMinor, currency),
      ],
    };
  });
  return {
    columns: [
      'Currency',
      'Booked so far',
      'Run-rate',
      'Weighted pipeline',
      'of it commit',
      'of it best case',
      'Target',
      'Manager’s forecast',
    ],
    rows,
    note: rows.length ? undefined : 'No bookings, pipeline or target in this period',
  };
}

/** How many alert kinds and groups the digest lists; the rest are counted in the total. */
export const DIGEST_MAX_KINDS = 12;

/**
 * The open-alert digest instead of a flood: per kind and severity the count, then the most alerted
 * subjects, from the alert summary.
 */
export function alertDigestTable(summary: AlertSummaryDto): DashboardTable {
  const rows = summary.byKind.slice(0, DIGEST_MAX_KINDS).map((kind) => ({
    cells: [kind.type, kind.severity, String(kind.count)],
  }));
  const shown = rows.reduce((sum, row) => sum + Number(row.cells[2]), 0);
  const notes = [`${summary.total} open alert(s)`];
  if (shown < summary.total) notes.push(`${summary.total - shown} in kinds not listed`);
  return { columns: ['Kind', 'Severity', 'Open'], rows, note: notes.join('; ') };
}

/** How many top items the digest shows per group of alerts (kind × subject type). */
export const DIGEST_ITEMS_PER_GROUP = 2;

/** The top items of each unresolved group (most severe, then newest), so the page says what to do first. */
export function alertTopItemsTable(summary: AlertSummaryDto): DashboardTable {
  const rows = summary.groups.slice(0, DIGEST_MAX_KINDS).flatMap((group) =>
    group.topItems.slice(0, DIGEST_ITEMS_PER_GROUP).map((item) => ({
      cells: [item.type, item.severity, item.message, item.raisedAt.slice(0, 10)],
    })),
  );
  return { columns: ['Kind', 'Severity', 'Alert', 'Raised'], rows };
}

/** A vendor's scorecard: each KPI's measured value, normalised points, weight and contribution. */
export function scorecardTable(
  score: { total: string | null; grade: string | null; kpis: readonly KpiExplanation[] },
  rank: { rank: number; of: number },
): DashboardTable {
  const rows = score.kpis.map((kpi) => ({
    cells: [
      kpi.kpi,
      kpi.measured && kpi.raw !== null ? String(Math.round(kpi.raw * 100) / 100) : 'not measured',
      kpi.normalised.toFixed(1),
      `${kpi.effectiveWeightPercent.toFixed(1)} %`,
      kpi.contribution.toFixed(2),
    ],
  }));
  return {
    columns: ['KPI', 'Measured', 'Points (0–100)', 'Weight', 'Contribution'],
    rows,
    note: `Total ${score.total ?? '—'} · grade ${score.grade ?? '—'} · rank ${rank.rank} of ${rank.of}`,
  };
}
