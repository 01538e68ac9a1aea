import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { period } from '../../common/period/period';
import { RepsService } from '../vendors/reps.service';
import { VendorsService } from '../vendors/vendors.service';
import { NodeKey } from './org-nodes';
import { OwnerKind, SplitAxis, TargetMetric, TargetStatus } from './target.enums';

const DEMO_PLANNER = '00000000-0000-4000-8000-0000000000de';
/** Last year's results per rep as a share of this year's target: some grew a lot, some little. */
const PRIOR_SHARE = [0.8, 0.95, 0.7, 1.05, 0.85, 0.9, 0.75, 1.0, 0.65, 0.88];

interface DemoNode {
  kind: OwnerKind;
  id: string | null;
  children: DemoNode[];
  /** Calls per month (reps: from their weekly quota; above: the sum of the children). */
  monthly: number;
  prior: number;
}

/**
 * The demo company's calls target tree for this year: the company's year → its twelve months (time) →
 * each month along the org chart (sales units, their vendors, each vendor's active reps). A rep's month
 * asks for their weekly call quota × 52 / 12; every level above adds its children up, so every approval
 * rule holds. The demo call reports (made at each rep's own diligence, some short of their quota) make
 * some reps ahead of pace and some behind. Last year's actuals are imported for every node and month.
 */
@Injectable()
export class TargetsDemoSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vendors: VendorsService,
    private readonly reps: RepsService,
  ) {}

  /** Seeds once, into an empty table; returns the number of targets written. */
  async seedDemoTargets(today: string): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const [{ n }] = await em.query<{ n: number }[]>('SELECT count(*)::int AS n FROM targets');
      if (n > 0) return 0;
      const root = await this.orgTree(em, today);
      if (root.monthly === 0) return 0;
      const year = Number(today.slice(0, 4));
      const rows: Record<string, unknown>[] = [];
      const imported: Record<string, unknown>[] = [];
      const row = (
        node: DemoNode,
        key: string,
        value: number,
        parentId: string | null,
        axis: SplitAxis | null,
      ) => {
        const p = period(key);
        const id = randomUUID();
        rows.push({
          id,
          metric: TargetMetric.CALLS,
          period_key: p.key,
          period_start: p.start,
          period_end: p.end,
          owner_kind: node.kind,
          owner_id: node.id,
          base_value: value,
          status: TargetStatus.APPROVED,
          parent_id: parentId,
          split_axis: axis,
          note: parentId ? null : 'Demo: this year’s calls, month by month down to every rep',
        });
        return id;
      };
      const importPrior = (node: DemoNode, key: string, value: number) => {
        const p = period(key);
        imported.push({
          metric: TargetMetric.CALLS,
          period_key: p.key,
          period_start: p.start,
          period_end: p.end,
          owner_kind: node.kind,
          owner_id: node.id,
          owner_key: node.id ?? '',
          value,
          source: 'demo ERP history',
        });
      };
      const yearId = row(root, String(year), root.monthly * 12, null, SplitAxis.TIME);
      importPrior(root, String(year - 1), root.prior * 12);
      const walk = (node: DemoNode, month: string, parentId: string) => {
        const id = row(node, month, node.monthly, parentId, node.children.length ? SplitAxis.ORG : null);
        for (const child of node.children) walk(child, month, id);
      };
      const withPrior = (node: DemoNode, month: string) => {
        importPrior(node, month, node.prior);
        for (const child of node.children) withPrior(child, month);
      };
      for (let m = 1; m <= 12; m++) {
        const month = `${year}-${String(m).padStart(2, '0')}`;
        // The month node is the company's own month; its children are the top of the org chart.
        const monthId = row(root, month, root.monthly, yearId, SplitAxis.ORG);
        for (const child of root.children) walk(child, month, monthId);
        withPrior(root, `${year - 1}-${String(m).padStart(2, '0')}`);
      }
      await em.query(
        `INSERT INTO targets (id, metric, period_key, period_start, period_end, owner_kind, owner_id, base_value,
                              status, parent_id, split_axis, note, created_by, approved_by, approved_at)
         SELECT id, metric, period_key, period_start, period_end, owner_kind, owner_id, base_value, status,
                parent_id, split_axis, note, $2::uuid, $2::uuid, now()
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, metric text, period_key text, period_start date,
           period_end date, owner_kind text, owner_id uuid, base_value bigint, status text, parent_id uuid,
           split_axis text, note text)`,
        [JSON.stringify(rows), DEMO_PLANNER],
      );
      await em.query(
        `INSERT INTO target_imported_actuals (metric, period_key, period_start, period_end, owner_kind, owner_id,
                                              owner_key, value, source)
         SELECT metric, period_key, period_start, period_end, owner_kind, owner_id, owner_key, value, source
         FROM jsonb_to_recordset($1::jsonb) AS r(metric text, period_key text, period_start date, period_end date,
           owner_kind text, owner_id uuid, owner_key text, value bigint, source text)`,
        [JSON.stringify(imported)],
      );
      return rows.length;
    });
  }

  /** The org chart as a tree of nodes with reps beneath them; empty branches are left out. */
  private async orgTree(em: EntityManager, today: string): Promise<DemoNode> {
    const chart = await this.vendors.getOrgChart(em);
    const reps = (await this.reps.getRepsForReporting(em, { allVendors: true }, today)).filter(
      (r) => r.active,
    );
    const kids = new Map<NodeKey, DemoNode[]>();
    const add = (parent: NodeKey, node: DemoNode) => kids.set(parent, [...(kids.get(parent) ?? []), node]);
    reps.forEach((rep, index) => {
      const weekly = rep.weeklyCallQuota ?? rep.agreementWeeklyCallQuota ?? 40;
      const monthly = Math.round((weekly * 52) / 12);
      add(`vendor:${rep.vendorId}`, {
        kind: OwnerKind.REP,
        id: rep.id,
        children: [],
        monthly,
        prior: Math.round(monthly * PRIOR_SHARE[index % PRIOR_SHARE.length]),
      });
    });
    const build = (kind: OwnerKind, id: string | null, key: NodeKey): DemoNode => {
      const children = (kids.get(key) ?? []).filter((child) => child.monthly > 0);
      return {
        kind,
        id,
        children,
        monthly: children.reduce((sum, child) => sum + child.monthly, 0),
        prior: children.reduce((sum, child) => sum + child.prior, 0),
      };
    };
    for (const vendor of chart.vendors)
      add(`sales_unit:${vendor.salesUnitId}`, build(OwnerKind.VENDOR, vendor.id, `vendor:${vendor.id}`));
    // Units bottom-up: a unit is built once all units below it are.
    const units = [...chart.units];
    const depth = (unitId: string | null): number =>
      unitId ? 1 + depth(units.find((u) => u.id === unitId)?.parentId ?? null) : 0;
    units.sort((a, b) => depth(b.id) - depth(a.id));
    for (const unit of units)
      add(
        unit.parentId ? `sales_unit:${unit.parentId}` : 'company',
        build(OwnerKind.SALES_UNIT, unit.id, `sales_unit:${unit.id}`),
      );
    return build(OwnerKind.COMPANY, null, 'company');
  }
}
