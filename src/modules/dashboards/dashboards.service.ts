import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DataScope } from '../../common/auth/data-scope';
import { period as periodOfKey, type Period } from '../../common/period/period';
import { ForecastLevel } from '../reports/forecast.dto';
import { ForecastService } from '../reports/forecast.service';
import {
  analysisChart,
  attainmentChart,
  funnelChart,
  leaderboardChart,
  renderSvg,
} from '../reports/report-charts';
import { AnalysisDimension, AnalysisMeasure, PeriodGrainParam } from '../reports/reports.dto';
import { ReportsService } from '../reports/reports.service';
import { AlertsService } from '../scheduler/alerts/alerts.service';
import { ScoreSubject } from '../scoring/scoring.enums';
import { ScoringService } from '../scoring/scoring.service';
import { AttainmentService } from '../targets/attainment.service';
import { OwnerKind, TargetMetric } from '../targets/target.enums';
import type { ListTargetsQuery } from '../targets/targets.dto';
import { TargetsService } from '../targets/targets.service';
import { VendorsService } from '../vendors/vendors.service';
import type { OpenedDashboard } from './dashboard-links.service';
import { dashboardPage, type DashboardSection, formatAmounts } from './dashboard-pages';
import {
  alertDigestTable,
  alertTopItemsTable,
  attainmentTreeTable,
  forecastTable,
  nodeLabel,
  type OwnerNames,
  scorecardTable,
} from './dashboard-sections';
import { DashboardPage } from './dashboards.dto';

/** How many target trees of the period a page draws (bookings first), and leaderboard entries. */
const MAX_TREES = 3;
const LEADERBOARD_SIZE = 20;

/**
 * The dashboard pages, composed from the owning modules' reads within the scope of whoever asked for
 * the link: the company dashboard (figures, attainment tree, forecast, funnel, trend, leaderboard, open
 * alerts) and a vendor's monthly scorecard (the same for that vendor, with its scorecard's KPIs).
 */
@Injectable()
export class DashboardsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
    private readonly forecast: ForecastService,
    private readonly scoring: ScoringService,
    private readonly targets: TargetsService,
    private readonly attainment: AttainmentService,
    private readonly alerts: AlertsService,
    private readonly vendors: VendorsService,
  ) {}

  async renderPage(opened: OpenedDashboard): Promise<string> {
    const vendorId = opened.vendorId ?? undefined;
    // A company manager opening a vendor's scorecard sees that vendor only.
    const scope = vendorId
      ? DataScope.of(opened.principal).narrowedToVendor(vendorId)
      : DataScope.of(opened.principal);
    const p = periodOfKey(opened.period);
    const names = await this.ownerNames();
    const sections: DashboardSection[] = [
      await this.figures(p, vendorId, scope),
      ...(await this.attainmentTrees(opened, p, names)),
      await this.forecastSection(p, vendorId, scope),
      ...(vendorId ? await this.scorecard(p, vendorId, scope) : []),
      await this.trend(p, vendorId, scope),
      {
        title: 'Funnel',
        svg: renderSvg(funnelChart(await this.reports.getFunnelReport(this.slice(p, vendorId), scope))),
      },
      await this.leaderboard(p, vendorId, scope, names),
      await this.openAlerts(scope),
    ];
    const title =
      opened.page === DashboardPage.COMPANY ? `Company dashboard ${p.key}` : `Vendor scorecard ${p.key}`;
    const vendorName = vendorId ? names(OwnerKind.VENDOR, vendorId) : null;
    const subtitle =
      `${p.start} – ${p.end} (exclusive) · for ${opened.principal.name}` +
      (vendorName ? ` · vendor ${vendorName}` : '');
    return dashboardPage(title, subtitle, sections);
  }

  private slice(p: Period, vendorId: string | undefined) {
    return { from: p.start, to: p.end, vendorId };
  }

  /** Names of the organisation's nodes, for labels: one read of the org chart. */
  private async ownerNames(): Promise<OwnerNames> {
    const org = await this.vendors.getOrgChart(this.dataSource.manager);
    const byKind: Record<string, Map<string, string>> = {
      [OwnerKind.SALES_UNIT]: new Map(org.units.map((unit) => [unit.id, unit.name])),
      [OwnerKind.VENDOR]: new Map(org.vendors.map((vendor) => [vendor.id, vendor.name])),
      [OwnerKind.REP]: new Map(org.reps.map((rep) => [rep.id, rep.fullName])),
    };
    return (kind, id) =>
      kind === OwnerKind.COMPANY || id === null
        ? 'Company'
        : (byKind[kind]?.get(id) ?? `${kind} ${id.slice(0, 8)}`);
  }

  private async figures(
    p: Period,
    vendorId: string | undefined,
    scope: DataScope,
  ): Promise<DashboardSection> {
    const measures = [
      AnalysisMeasure.BOOKINGS,
      AnalysisMeasure.REVENUE,
      AnalysisMeasure.NEW_CUSTOMERS,
      AnalysisMeasure.NEW_LEADS,
      AnalysisMeasure.WON_LEADS,
      AnalysisMeasure.CALLS,
      AnalysisMeasure.VISITS,
    ];
    const { total } = await this.reports.getAnalysisReport({ ...this.slice(p, vendorId), measures }, scope);
    return {
      title: 'Figures',
      figures: [
        { label: 'Bookings', value: formatAmounts(total.bookings) },
        { label: 'Revenue', value: formatAmounts(total.revenue) },
        { label: 'New customers', value: String(total.newCustomers ?? 0) },
        { label: 'New leads', value: String(total.newLeads ?? 0) },
        { label: 'Won leads', value: String(total.wonLeads ?? 0) },
        { label: 'Calls', value: String(total.calls ?? 0) },
        { label: 'Visits', value: String(total.visits ?? 0) },
      ],
    };
  }

  /**
   * The period's target trees: the company's root targets (company page) or the vendor's own targets
   * (scorecard), bookings first; each as an indented table and bars of its children against the pace.
   */
  private async attainmentTrees(
    opened: OpenedDashboard,
    p: Period,
    names: OwnerNames,
  ): Promise<DashboardSection[]> {
    const query = (
      opened.vendorId
        ? { periodKey: p.key, ownerKind: OwnerKind.VENDOR, ownerId: opened.vendorId, limit: 50 }
        : { periodKey: p.key, ownerKind: OwnerKind.COMPANY, rootsOnly: true, limit: 50 }
    ) as ListTargetsQuery;
    const { data } = await this.targets.listTargets(query, opened.principal);
    const roots = [...data]
      .sort((a, b) => rankOfMetric(a.target.metric) - rankOfMetric(b.target.metric))
      .slice(0, MAX_TREES);
    if (roots.length === 0)
      return [{ title: 'Attainment', tables: [{ columns: [], rows: [], note: `No target for ${p.key}` }] }];
    const sections: DashboardSection[] = [];
    for (const root of roots) {
      const tree = await this.attainment.getTargetAttainment(root.target.id, undefined, opened.principal);
      const bars = (tree.root.children.length ? tree.root.children : [tree.root]).map((node) => ({
        label: nodeLabel(node, tree.root.periodKey, names),
        attainmentPercent: node.attainmentPercent,
      }));
      const pace = Math.round(tree.root.pace.pace * 1000) / 10;
      sections.push({
        title: `Attainment: ${tree.root.metric} ${tree.root.periodKey}${tree.root.currency ? ` (${tree.root.currency})` : ''}`,
        tables: [attainmentTreeTable(tree.root, names)],
        svg: renderSvg(attainmentChart(`${tree.root.metric} ${tree.root.periodKey}`, bars, pace)),
      });
    }
    return sections;
  }

  private async forecastSection(
    p: Period,
    vendorId: string | undefined,
    scope: DataScope,
  ): Promise<DashboardSection> {
    const report = await this.forecast.getForecast(
      { period: p.key, level: ForecastLevel.COMPANY, vendorId },
      scope,
    );
    const node = report.nodes[0];
    return {
      title: `Forecast ${p.key} (as of ${report.asOf})`,
      tables: node ? [forecastTable(node)] : [{ columns: [], rows: [], note: 'No forecast for this period' }],
    };
  }

  private async scorecard(p: Period, vendorId: string, scope: DataScope): Promise<DashboardSection[]> {
    const ranked = await this.scoring.listScores({ period: p.key, subject: ScoreSubject.VENDOR }, scope);
    const own = ranked.find(({ score }) => score.subjectId === vendorId);
    return [
      {
        title: 'Scorecard',
        tables: [
          own
            ? scorecardTable(own.score, own)
            : {
                columns: [],
                rows: [],
                note: `No score for ${p.key} yet (scores are computed by the scheduler)`,
              },
        ],
      },
    ];
  }

  private async trend(p: Period, vendorId: string | undefined, scope: DataScope): Promise<DashboardSection> {
    const trend = await this.reports.getAnalysisReport(
      {
        ...this.slice(p, vendorId),
        measures: [AnalysisMeasure.BOOKINGS, AnalysisMeasure.REVENUE],
        dimensions: [AnalysisDimension.PERIOD],
        grain: p.kind === 'month' ? PeriodGrainParam.WEEK : PeriodGrainParam.MONTH,
      },
      scope,
    );
    return { title: 'Bookings and revenue', svg: renderSvg(analysisChart(trend)) };
  }

  private async leaderboard(
    p: Period,
    vendorId: string | undefined,
    scope: DataScope,
    names: OwnerNames,
  ): Promise<DashboardSection> {
    const ranked = await this.scoring.listScores(
      vendorId
        ? { period: p.key, subject: ScoreSubject.REP, vendorId }
        : { period: p.key, subject: ScoreSubject.VENDOR },
      scope,
    );
    const kind = vendorId ? OwnerKind.REP : OwnerKind.VENDOR;
    const board = ranked.slice(0, LEADERBOARD_SIZE).map(({ score, rank }) => ({
      label: `${rank}. ${names(kind, score.subjectId)}`,
      total: score.total === null ? null : Number(score.total),
    }));
    return { title: 'Leaderboard', svg: renderSvg(leaderboardChart(`Scores ${p.key}`, board)) };
  }

  private async openAlerts(scope: DataScope): Promise<DashboardSection> {
    const summary = await this.alerts.summarizeAlerts(scope);
    return { title: 'Open alerts', tables: [alertDigestTable(summary), alertTopItemsTable(summary)] };
  }
}

/** Bookings, then revenue, then the rest in the enum's order. */
function rankOfMetric(metric: TargetMetric): number {
  const order = Object.values(TargetMetric);
  return (
    order.indexOf(metric) +
    (metric === TargetMetric.BOOKINGS ? -100 : metric === TargetMetric.REVENUE ? -50 : 0)
  );
}
