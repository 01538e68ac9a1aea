/**
 * The owner nodes of targets as one tree — company → sales units → vendors → reps — built once from the
 * org chart the vendors module hands out, then asked with no I/O: is this node below that one, whose
 * calendar and time zone does it keep, which reps lie under it.
 */
import type { OrgChart } from '../vendors/vendors.service';
import { OwnerKind } from './target.enums';

export type NodeKey = string;

export const nodeKey = (kind: OwnerKind, id: string | null): NodeKey =>
  kind === OwnerKind.COMPANY ? 'company' : `${kind}:${id}`;

export interface NodeCalendar {
  countryCode: string;
  timezone: string;
}

export class OrgNodes {
  private readonly parent = new Map<NodeKey, NodeKey>();
  private readonly calendar = new Map<NodeKey, NodeCalendar>();
  readonly repVendor = new Map<string, string>();
  private readonly children = new Map<NodeKey, NodeKey[]>();
  /** Every time zone a node keeps (the company's, each vendor's and rep's), each once, sorted. */
  readonly timezones: readonly string[];

  constructor(
    readonly chart: OrgChart,
    private readonly company: NodeCalendar,
  ) {
    for (const unit of chart.units)
      this.link(
        nodeKey(OwnerKind.SALES_UNIT, unit.id),
        unit.parentId ? nodeKey(OwnerKind.SALES_UNIT, unit.parentId) : 'company',
      );
    // One calendar object per country and time zone, shared by the nodes that keep it.
    const calendars = new Map<string, NodeCalendar>([
      [`${company.countryCode}|${company.timezone}`, company],
    ]);
    const calendarOf = (countryCode: string, timezone: string): NodeCalendar => {
      const id = `${countryCode}|${timezone}`;
      let calendar = calendars.get(id);
      if (!calendar) calendars.set(id, (calendar = { countryCode, timezone }));
      return calendar;
    };
    for (const vendor of chart.vendors) {
      const key = nodeKey(OwnerKind.VENDOR, vendor.id);
      this.link(key, nodeKey(OwnerKind.SALES_UNIT, vendor.salesUnitId));
      this.calendar.set(key, calendarOf(vendor.countryCode, vendor.timezone));
    }
    for (const rep of chart.reps) {
      const key = nodeKey(OwnerKind.REP, rep.id);
      this.link(key, nodeKey(OwnerKind.VENDOR, rep.vendorId));
      this.repVendor.set(rep.id, rep.vendorId);
      const vendor = this.calendar.get(nodeKey(OwnerKind.VENDOR, rep.vendorId));
      // A rep works the days of their vendor's country, counted in their own time zone.
      this.calendar.set(key, calendarOf(vendor?.countryCode ?? company.countryCode, rep.timezone));
    }
    this.timezones = [...new Set([...calendars.values()].map((calendar) => calendar.timezone))].sort();
  }

  private link(child: NodeKey, parent: NodeKey): void {
    this.parent.set(child, parent);
    const siblings = this.children.get(parent) ?? [];
    siblings.push(child);
    this.children.set(parent, siblings);
  }

  exists(kind: OwnerKind, id: string | null): boolean {
    const key = nodeKey(kind, id);
    return key === 'company' || this.parent.has(key);
  }

  /** The node and every node above it, up to the company. */
  ancestorsOf(key: NodeKey): NodeKey[] {
    const chain = [key];
    for (
      let node = this.parent.get(key);
      node !== undefined && !chain.includes(node);
      node = this.parent.get(node)
    )
      chain.push(node);
    if (chain[chain.length - 1] !== 'company') chain.push('company');
    return chain;
  }

  /** True when `below` lies strictly under `above` (a node is not below itself). */
  isBelow(below: NodeKey, above: NodeKey): boolean {
    const seen = new Set<NodeKey>();
    for (let node = this.parent.get(below); node !== undefined; node = this.parent.get(node)) {
      if (node === above) return true;
      if (seen.has(node)) return false;
      seen.add(node);
    }
    return false;
  }

  isAtOrBelow(node: NodeKey, above: NodeKey): boolean {
    return node === above || this.isBelow(node, above);
  }

  /** The node's calendar: one shared object per country and time zone (callers may key maps by it). */
  calendarOf(key: NodeKey): NodeCalendar {
    if (key.startsWith('sales_unit:') || key === 'company') return this.company;
    return this.calendar.get(key) ?? this.company;
  }

  /** The reps at or under a node. */
  repsUnder(key: NodeKey): string[] {
    if (key.startsWith('rep:')) return [key.slice(4)];
    const reps: string[] = [];
    const stack = [key];
    while (stack.length) {
      const node = stack.pop()!;
      for (const child of this.children.get(node) ?? []) {
        if (child.startsWith('rep:')) reps.push(child.slice(4));
        else stack.push(child);
      }
    }
    return reps;
  }

  /** The vendors at or under a node (a rep's own vendor for a rep). */
  vendorsUnder(key: NodeKey): string[] {
    if (key.startsWith('rep:')) {
      const vendor = this.repVendor.get(key.slice(4));
      return vendor ? [vendor] : [];
    }
    if (key.startsWith('vendor:')) return [key.slice(7)];
    const vendors: string[] = [];
    const stack = [key];
    while (stack.length) {
      const node = stack.pop()!;
      for (const child of this.children.get(node) ?? []) {
        if (child.startsWith('vendor:')) vendors.push(child.slice(7));
        else if (!child.startsWith('rep:')) stack.push(child);
      }
    }
    return vendors;
  }
}

/** The distinct (metric, currency) pairs of a set of targets: actuals are read once per pair. */
export function metricGroups<T extends { metric: string; currency: string | null }>(
  targets: readonly T[],
): [T['metric'], string | null][] {
  const seen = new Map<string, [T['metric'], string | null]>();
  for (const target of targets)
    seen.set(`${target.metric}|${target.currency ?? ''}`, [target.metric, target.currency]);
  return [...seen.values()];
}
