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
  /** Per node: num and den of each bucket (a month, or a range's key), by the bucket's index. */
  private readonly byNode = new Map<NodeKey, number[]>();
  private readonly buckets = new Map<string, number>();

  constructor(cells: readonly FactCell[], org: OrgNodes) {
    for (const cell of cells)
      if (!this.buckets.has(cell.month)) this.buckets.set(cell.month, this.buckets.size);
    const width = 2 * this.buckets.size;
    // A rep's chain is the rep and its vendor's chain: worked out once per vendor, not walked per fact.
    const vendorChains = new Map<string, NodeKey[]>();
    const chainOfVendor = (vendorId: string) => {
      let chain = vendorChains.get(vendorId);
      if (!chain) vendorChains.set(vendorId, (chain = org.ancestorsOf(nodeKey(OwnerKind.VENDOR, vendorId))));
      return chain;
    };
    const repChains = new Map<string, NodeKey[]>();
    const company = org.ancestorsOf('company');
    for (const cell of cells) {
      let chain: NodeKey[];
      const repVendor = cell.repId ? org.repVendor.get(cell.repId) : undefined;
      if (repVendor !== undefined) {
        let found = repChains.get(cell.repId!);
        if (!found) {
          found = [nodeKey(OwnerKind.REP, cell.repId), ...chainOfVendor(repVendor)];
          repChains.set(cell.repId!, found);
        }
        chain = found;
      } else chain = cell.vendorId ? chainOfVendor(cell.vendorId) : company;
      const at = 2 * this.buckets.get(cell.month)!;
      for (const node of chain) {
        let parts = this.byNode.get(node);
        if (!parts) this.byNode.set(node, (parts = new Array<number>(width).fill(0)));
        parts[at] += cell.num;
        parts[at + 1] += cell.den;
      }
    }
  }

  parts(node: NodeKey, months: readonly string[]): Parts {
    const total = { num: 0, den: 0 };
    const parts = this.byNode.get(node);
    if (!parts) return total;
    for (const month of months) {
      const index = this.buckets.get(month);
      if (index === undefined) continue;
      total.num += parts[2 * index];
      total.den += parts[2 * index + 1];
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
