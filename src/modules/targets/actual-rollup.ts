/**
 * Actuals as a grid, with no I/O: facts arrive once per (vendor, rep, month) from the owning modules,
 * are added up every node of the org chart they belong to (rep → vendor → sales units → company), and
 * then any node's actual for any month-aligned period is a sum over a handful of months. That is what
 * keeps attainment of a 5 000-rep tree to one read per metric.
 *
 * A cell carries a numerator and a denominator, so rates (conversion = won of the cohort / taken) roll
 * up as sums of parts, never as a mean of means.
 */
import { childPeriods, Period } from '../../common/period/period';
import { NodeKey, nodeKey, OrgNodes } from './org-nodes';
import { METRIC_KIND, OwnerKind, TargetMetric } from './target.enums';

export interface FactCell {
  vendorId: string | null;
  repId: string | null;
  /** YYYY-MM */
  month: string;
  num: number;
  den: number;
}

interface Parts {
  num: number;
  den: number;
}

/** The months a month-aligned period covers; undefined for a week (facts are kept per month). */
export function monthsOf(period: Pick<Period, 'kind' | 'key'> & Period): string[] | undefined {
  if (period.kind === 'week') return undefined;
  if (period.kind === 'month') return [period.key];
  return childPeriods(period, 'month').map((month) => month.key);
}

/** YYYY-MM months from `start` (inclusive) to `end` (exclusive) of local dates on month boundaries. */
export function monthsBetween(start: string, end: string): string[] {
  const months: string[] = [];
  let year = Number(start.slice(0, 4));
  let month = Number(start.slice(5, 7));
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (`${key}-01` >= end) return months;
    months.push(key);
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
}

export class MonthlyFacts {
  private readonly byNode = new Map<NodeKey, Map<string, Parts>>();

  constructor(cells: readonly FactCell[], org: OrgNodes) {
    const chains = new Map<string, NodeKey[]>();
    for (const cell of cells) {
      const vendorId = cell.repId ? (org.repVendor.get(cell.repId) ?? cell.vendorId) : cell.vendorId;
      const leaf =
        cell.repId && org.repVendor.has(cell.repId)
          ? nodeKey(OwnerKind.REP, cell.repId)
          : vendorId
            ? nodeKey(OwnerKind.VENDOR, vendorId)
            : 'company';
      let chain = chains.get(leaf);
      if (!chain) {
        chain = org.ancestorsOf(leaf);
        chains.set(leaf, chain);
      }
      for (const node of chain) {
        let months = this.byNode.get(node);
        if (!months) {
          months = new Map();
          this.byNode.set(node, months);
        }
        const parts = months.get(cell.month);
        if (parts) {
          parts.num += cell.num;
          parts.den += cell.den;
        } else months.set(cell.month, { num: cell.num, den: cell.den });
      }
    }
  }

  parts(node: NodeKey, months: readonly string[]): Parts {
    const total = { num: 0, den: 0 };
    const cells = this.byNode.get(node);
    if (!cells) return total;
    for (const month of months) {
      const parts = cells.get(month);
      if (parts) {
        total.num += parts.num;
        total.den += parts.den;
      }
    }
    return total;
  }

  /** The metric's value: a sum for counts and money, basis points for rates (null without a base). */
  value(metric: TargetMetric, node: NodeKey, months: readonly string[]): number | null {
    const { num, den } = this.parts(node, months);
    if (METRIC_KIND[metric] === 'rate') return den === 0 ? null : Math.round((num / den) * 10_000);
    if (METRIC_KIND[metric] === 'days') return den === 0 ? null : Math.round(num / den);
    return num;
  }
}
