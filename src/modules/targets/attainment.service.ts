import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/role';
import { CalendarService } from '../../common/calendar/calendar.service';
import { addDays, todayIn, WorkingCalendar } from '../../common/calendar/working-days';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { lastDay, period } from '../../common/period/period';
import { chooseRates, FunnelHistory, planActivities, wonDealsNeeded } from './activity-plan.rules';
import { RepsService } from '../vendors/reps.service';
import { RevenueFactsService } from '../contracts/revenue-facts.service';
import { OutboxService } from '../webhooks/outbox.service';
import {
  evaluateAttainment,
  milestonesPassed,
  paceOf,
  paceRatio,
  StatusThresholds,
} from './attainment.rules';
import {
  ActivityPlanDto,
  AttainmentNodeDto,
  PaceDto,
  RepDayPlanDto,
  TargetAttainmentDto,
} from './attainment.dto';
import { ActualQuery, ActualRange, ActualsService } from './actuals.service';
import { metricGroups, NodeCalendar, NodeKey, nodeKey, OrgNodes } from './org-nodes';
import { canSee, visibleRoot } from './target-rights';
import { Target } from './target.entity';
import { isMoney, LOWER_IS_BETTER, OwnerKind, TargetMetric, TargetStatus } from './target.enums';
import { TargetsService } from './targets.service';

/** Targets a won deal moves: money (revenue, bookings) over the average deal, or a count of deals. */
const PLANNABLE: ReadonlySet<TargetMetric> = new Set([
  TargetMetric.REVENUE,
  TargetMetric.BOOKINGS,
  TargetMetric.WON_LEADS,
  TargetMetric.NEW_CUSTOMERS,
]);

const monthShift = (month: string, by: number): string => {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

const sumHistory = (rows: Iterable<FunnelHistory>): FunnelHistory => {
  const total = { calls: 0, visits: 0, negotiations: 0, won: 0 };
  for (const row of rows) {
    total.calls += row.calls;
    total.visits += row.visits;
    total.negotiations += row.negotiations;
    total.won += row.won;
  }
  return total;
};

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

/** Expense over revenue in basis points, whole; null without an expense or without revenue. */
const costOfSales = (expense: number | null, revenue: number | null): number | null =>
  expense === null || !revenue || revenue <= 0 ? null : Math.round((expense / revenue) * 10_000);

/**
 * Metrics whose actuals come only from the contracts module's rollups and the imported actuals (market
 * sizes, expenses), i.e. from what carries a version: their attainment answers may be held.
 */
const HOLDABLE: ReadonlySet<TargetMetric> = new Set([
  TargetMetric.REVENUE,
  TargetMetric.BOOKINGS,
  TargetMetric.NEW_CUSTOMERS,
  TargetMetric.RENEWAL_RATE,
  TargetMetric.AVG_DEAL_CYCLE_DAYS,
  TargetMetric.MARKET_SHARE,
  TargetMetric.SALES_EXPENSE,
]);

/** Attainment answers held between requests: a handful of trees, a few megabytes each at most. */
const HELD_ANSWERS = 8;

interface HeldAnswer {
  /** The versions of every source the answer was computed from, read before the sources themselves. */
  stamp: string;
  org: OrgNodes;
  answer: TargetAttainmentDto;
  /** The answer as the UTF-8 bytes sent, encoded once: a megabyte string is re-encoded on every send. */
  body?: Buffer;
}

/** One agreed target of a running period as the scheduler reviews it. */
export interface PaceReviewNode {
  targetId: string;
  metric: TargetMetric;
  periodKey: string;
  ownerKind: OwnerKind;
  ownerId: string | null;
  /** The vendor the node belongs to (a vendor's own id, a rep's vendor); null above vendors. */
  vendorId: string | null;
  repId: string | null;
  currency: string | null;
  target: number;
  actual: number;
  attainmentPercent: number | null;
  /** actual / what the pace asks for by now (see `paceRatio`); null when nothing is expected yet. */
  paceRatio: number | null;
  /** Share (0 … 1) of the period's working days gone in the owner's calendar. */
  pace: number;
}

export interface PaceReview {
  nodes: PaceReviewNode[];
  /** `target.milestone` events sent by this review. */
  milestonesSent: number;
  /** Targets locked because their period closed. */
  locked: number;
}

/** What attainment reads of a target: a `Target` entity, or a plain row of a whole tree (`subtree`). */
export type TargetNode = Pick<
  Target,
  | 'id'
  | 'parentId'
  | 'metric'
  | 'periodKey'
  | 'periodStart'
  | 'periodEnd'
  | 'ownerKind'
  | 'ownerId'
  | 'regionId'
  | 'industryCode'
  | 'productLineId'
  | 'currency'
  | 'status'
  | 'baseValue'
  | 'stretchValue'
  | 'challengeValue'
>;

/** An owner node as other modules name it: a vendor or a rep (or a sales unit, or the company with id null). */
export interface TargetOwner {
  kind: OwnerKind;
  id: string | null;
}

/** One agreed target with its actual, for readers that add them up themselves (per currency). */
export interface AgreedAttainmentRow {
  targetId: string;
  ownerKind: OwnerKind;
  ownerId: string | null;
  /** The vendor's own id, a rep's vendor; null for the company and sales units. */
  vendorId: string | null;
  repId: string | null;
  periodKey: string;
  /** The money metrics' currency; null for counts. */
  currency: string | null;
  /** Base value (minor units for money). */
  target: number;
  actual: number;
}

/**
 * Attainment of a whole target tree in one request: the subtree in one read, the actuals in one read per
 * metric for every node at once (ActualsService), each country's holidays once, then pure arithmetic
 * per node (attainment.ts). No query depends on the number of nodes.
 */
@Injectable()
export class AttainmentService {
  /** Whole-tree answers by root, viewer and day, most recently used last (see `getTargetAttainment`). */
  private readonly held = new Map<string, HeldAnswer>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly targets: TargetsService,
    private readonly actuals: ActualsService,
    private readonly calendars: CalendarService,
    private readonly outbox: OutboxService,
    private readonly reps: RepsService,
    private readonly revenue: RevenueFactsService,
  ) {}

  /**
   * The attainment tree as the JSON bytes the API answers with: the held bytes when nothing it was
   * computed from has changed (see `getTargetAttainment`), encoded once per computation.
   */
  async getTargetAttainmentJson(id: string, asOf: string | undefined, principal: Principal): Promise<Buffer> {
    const { answer, held } = await this.attainmentOf(id, asOf, principal);
    if (!held) return Buffer.from(JSON.stringify(answer));
    return (held.body ??= Buffer.from(JSON.stringify(answer)));
  }

  /**
   * The attainment of a target and its whole tree. A company tree of thousands of nodes is the same
   * answer for every refresh of a dashboard until a fact changes, so a whole-tree answer of a metric whose
   * sources carry versions (`HOLDABLE`) is held in memory against them: the targets module's version
   * (targets, settings, imported actuals), the org chart (the same chart object), the contracts module's
   * facts version, a fingerprint of the calendar days in the period, and the local day in every time zone
   * of the org (or the `asOf` asked for). All are read before the data, so a write committed in between
   * only makes the next request compute again; a write in any process moves a version the next request
   * reads. Read only: callers share the object.
   */
  async getTargetAttainment(
    id: string,
    asOf: string | undefined,
    principal: Principal,
  ): Promise<TargetAttainmentDto> {
    return (await this.attainmentOf(id, asOf, principal)).answer;
  }

  private async attainmentOf(
    id: string,
    asOf: string | undefined,
    principal: Principal,
  ): Promise<{ answer: TargetAttainmentDto; held: HeldAnswer | null }> {
    const em = this.dataSource.manager;
    // First the targets' version: whatever of theirs is read after it is at least that new.
    const targetsStamp = await this.targets.stamp(em);
    const settings = await this.targets.settings(em);
    const org = await this.targets.loadOrg(em, settings);
    const root = await this.targets.findVisible(em, id, principal, org);
    let key: string | null = null;
    let stamp: string | null = null;
    if (targetsStamp !== null && HOLDABLE.has(root.metric)) {
      const day = asOf ?? org.timezones.map((zone) => `${zone}=${todayIn(zone)}`).join(',');
      key = `${root.id}|${visibleRoot(principal)}|${day}`;
      const facts = await this.revenue.factsStamp(em);
      const days = await this.calendars.holidaysStamp(em, root.periodStart, root.periodEnd);
      stamp = `${targetsStamp}|${facts}|${days}`;
      const held = this.held.get(key);
      if (held && held.stamp === stamp && held.org === org) {
        this.held.delete(key);
        this.held.set(key, held);
        return { answer: held.answer, held };
      }
    }
    const answer = await this.computeAttainment(em, org, root, asOf, principal, settings);
    if (key === null || stamp === null) return { answer, held: null };
    const held: HeldAnswer = { stamp, org, answer };
    this.held.delete(key);
    this.held.set(key, held);
    while (this.held.size > HELD_ANSWERS) this.held.delete(this.held.keys().next().value!);
    return { answer, held };
  }

  private async computeAttainment(
    em: EntityManager,
    org: OrgNodes,
    root: Target,
    asOf: string | undefined,
    principal: Principal,
    settings: StatusThresholds,
  ): Promise<TargetAttainmentDto> {
    const whole = await this.subtree(em, root.id);
    // Company-wide callers see every node; the others the part of the tree under their own node.
    const subtree =
      visibleRoot(principal) === 'company'
        ? whole
        : whole.filter((target) => canSee(principal, nodeKey(target.ownerKind, target.ownerId), org));
    const nodes = await this.evaluate(em, org, subtree, asOf, settings);
    const byParent = new Map<string | null, AttainmentNodeDto[]>();
    for (const target of subtree) {
      const list = byParent.get(target.parentId) ?? [];
      list.push(nodes.get(target.id)!);
      byParent.set(target.parentId, list);
    }
    for (const target of subtree) nodes.get(target.id)!.children = byParent.get(target.id) ?? [];
    return {
      onTrackRatio: settings.onTrackRatio,
      atRiskRatio: settings.atRiskRatio,
      nodeCount: subtree.length,
      root: nodes.get(root.id)!,
    };
  }

  /**
   * Attainment (percent of the base value, one decimal) of each owner's own target of one metric for each
   * period key: only agreed targets (approved or locked, a draft sets nobody's pay) covering the whole
   * node, i.e. without region, industry or product line. For settlement's commission tiers. Set-based:
   * one read of the targets, then one read of actuals per currency, whatever the number of owners; an
   * owner with no such target (or a base of 0) is absent from the result.
   */
  async attainmentOfOwners(
    manager: EntityManager,
    metric: TargetMetric,
    owners: readonly TargetOwner[],
    periodKeys: readonly string[],
  ): Promise<Map<NodeKey, Map<string, number>>> {
    const result = new Map<NodeKey, Map<string, number>>();
    if (owners.length === 0 || periodKeys.length === 0) return result;
    const targets = await manager
      .createQueryBuilder(Target, 't')
      .where('t.metric = :metric', { metric })
      .andWhere(
        `EXISTS (SELECT 1 FROM jsonb_to_recordset(CAST(:owners AS jsonb)) AS o(kind text, id uuid)
                 WHERE o.kind = t.owner_kind AND o.id IS NOT DISTINCT FROM t.owner_id)`,
        { owners: JSON.stringify(owners) },
      )
      .andWhere('t.period_key = ANY(:keys)', { keys: [...periodKeys] })
      .andWhere('t.status IN (:...statuses)', { statuses: [TargetStatus.APPROVED, TargetStatus.LOCKED] })
      .andWhere('t.region_id IS NULL AND t.industry_code IS NULL AND t.product_line_id IS NULL')
      .andWhere('t.base_value > 0')
      .orderBy('t.created_at')
      .addOrderBy('t.id')
      .getMany();
    if (targets.length === 0) return result;
    // One target per owner and period: the first agreed one.
    const chosen = new Map<string, Target>();
    for (const target of targets) {
      const key = `${nodeKey(target.ownerKind, target.ownerId)}|${target.periodKey}`;
      if (!chosen.has(key)) chosen.set(key, target);
    }
    const { measured } = await this.measureWholeNodes(manager, metric, [...chosen.values()]);
    for (const { target, actual } of measured) {
      const owner = nodeKey(target.ownerKind, target.ownerId);
      const byPeriod = result.get(owner) ?? new Map<string, number>();
      byPeriod.set(target.periodKey, Math.round((actual / target.baseValue) * 1000) / 10);
      result.set(owner, byPeriod);
    }
    return result;
  }

  /**
   * The agreed (approved or locked) whole-node targets of one metric and owner kind for the given period
   * keys, each with its actual: for the reports' attainment measure. Set-based like
   * `attainmentOfOwners`: one read of the targets, then one read of actuals per currency, whatever the
   * number of owners. `ownerIds` undefined = every owner of the kind. One target per owner, period and
   * currency (the first agreed one); money stays in its own currency. A target whose actual cannot be
   * measured is left out.
   */
  async agreedAttainment(
    manager: EntityManager,
    metric: TargetMetric,
    ownerKind: OwnerKind,
    periodKeys: readonly string[],
    ownerIds?: readonly string[],
  ): Promise<AgreedAttainmentRow[]> {
    if (periodKeys.length === 0 || ownerIds?.length === 0) return [];
    const builder = manager
      .createQueryBuilder(Target, 't')
      .where('t.metric = :metric AND t.owner_kind = :ownerKind', { metric, ownerKind })
      .andWhere('t.period_key = ANY(:keys)', { keys: [...periodKeys] })
      .andWhere('t.status IN (:...statuses)', { statuses: [TargetStatus.APPROVED, TargetStatus.LOCKED] })
      .andWhere('t.region_id IS NULL AND t.industry_code IS NULL AND t.product_line_id IS NULL')
      .andWhere('t.base_value > 0')
      .orderBy('t.created_at')
      .addOrderBy('t.id');
    if (ownerIds) builder.andWhere('t.owner_id = ANY(:ownerIds)', { ownerIds: [...ownerIds] });
    const chosen = new Map<string, Target>();
    for (const target of await builder.getMany()) {
      const key = `${target.ownerId ?? ''}|${target.periodKey}|${target.currency ?? ''}`;
      if (!chosen.has(key)) chosen.set(key, target);
    }
    const picked = [...chosen.values()];
    if (picked.length === 0) return [];
    const { org, measured } = await this.measureWholeNodes(manager, metric, picked);
    const rows: AgreedAttainmentRow[] = [];
    for (const { target, actual } of measured) {
      const vendorId =
        target.ownerKind === OwnerKind.VENDOR
          ? target.ownerId
          : target.ownerKind === OwnerKind.REP
            ? (org.repVendor.get(target.ownerId!) ?? null)
            : null;
      rows.push({
        targetId: target.id,
        ownerKind: target.ownerKind,
        ownerId: target.ownerId,
        vendorId,
        repId: target.ownerKind === OwnerKind.REP ? target.ownerId : null,
        periodKey: target.periodKey,
        currency: target.currency,
        target: target.baseValue,
        actual,
      });
    }
    return rows;
  }

  /**
   * The actuals of agreed whole-node targets (no region, industry or product line), one read per currency
   * group; a target whose actual cannot be measured is left out.
   */
  private async measureWholeNodes(
    manager: EntityManager,
    metric: TargetMetric,
    targets: readonly Target[],
  ): Promise<{ org: OrgNodes; measured: { target: Target; actual: number }[] }> {
    const org = await this.targets.loadOrg(manager);
    const measured: { target: Target; actual: number }[] = [];
    for (const [, currency] of metricGroups(targets)) {
      const group = targets.filter((target) => target.currency === currency);
      const values = await this.actuals.actualsFor(
        manager,
        org,
        metric,
        group.map((target) => ({
          owner: nodeKey(target.ownerKind, target.ownerId),
          regionId: null,
          industryCode: null,
          productLineId: null,
          range: { key: target.periodKey, start: target.periodStart, end: target.periodEnd },
        })),
        currency,
      );
      group.forEach((target, index) => {
        const actual = values[index];
        if (actual !== null) measured.push({ target, actual });
      });
    }
    return { org, measured };
  }

  /**
   * The scheduler's review of the targets, set-based: (1) every agreed target (approved or locked) whose
   * period runs on `asOf` is evaluated in one pass (`evaluate`: one read per metric and currency); (2)
   * each node that passed a milestone (50, 90, 100 % of its base) not yet announced sends
   * `target.milestone` once per milestone, remembered on the target; (3) approved targets whose period
   * ended at least `lockAfterDays` ago are locked with their subtree. The nodes come back with their pace
   * ratio for the caller to judge (the thresholds are the check's).
   */
  async reviewTargets(manager: EntityManager, asOf: Date, lockAfterDays: number): Promise<PaceReview> {
    const today = asOf.toISOString().slice(0, 10);
    const closed: { id: string }[] = await manager.query(
      `SELECT id FROM targets WHERE status = $1 AND period_end <= $2::date - $3::int`,
      [TargetStatus.APPROVED, today, lockAfterDays],
    );
    const locked = await this.targets.lockTargets(
      manager,
      closed.map((row) => row.id),
    );
    const running = await manager
      .createQueryBuilder(Target, 't')
      .where('t.status IN (:...statuses)', { statuses: [TargetStatus.APPROVED, TargetStatus.LOCKED] })
      .andWhere('t.period_start <= :today AND :today < t.period_end', { today })
      .orderBy('t.period_start')
      .addOrderBy('t.id')
      .getMany();
    if (running.length === 0) return { nodes: [], milestonesSent: 0, locked };
    const org = await this.targets.loadOrg(manager);
    const evaluated = await this.evaluate(manager, org, running, today, await this.targets.settings(manager));

    const nodes: PaceReviewNode[] = [];
    const events: {
      eventType: 'target.milestone';
      vendorId: string | null;
      payload: Record<string, unknown>;
    }[] = [];
    const sent: { id: string; milestone: number }[] = [];
    for (const target of running) {
      const node = evaluated.get(target.id)!;
      if (node.actual === null) continue;
      const vendorId =
        target.ownerKind === OwnerKind.VENDOR
          ? target.ownerId
          : target.ownerKind === OwnerKind.REP
            ? (org.repVendor.get(target.ownerId!) ?? null)
            : null;
      const repId = target.ownerKind === OwnerKind.REP ? target.ownerId : null;
      nodes.push({
        targetId: target.id,
        metric: target.metric,
        periodKey: target.periodKey,
        ownerKind: target.ownerKind,
        ownerId: target.ownerId,
        vendorId,
        repId,
        currency: target.currency,
        target: target.baseValue,
        actual: node.actual,
        attainmentPercent: node.attainmentPercent,
        paceRatio: paceRatio(target.metric, target.baseValue, node.actual, node.pace),
        pace: node.pace.pace,
      });
      // Milestones measure how much of the target is done, which means little where less is better.
      const fresh = LOWER_IS_BETTER.has(target.metric)
        ? []
        : milestonesPassed(node.attainmentPercent).filter((m) => m > target.milestoneSentPercent);
      for (const milestone of fresh) {
        events.push({
          eventType: 'target.milestone',
          vendorId,
          payload: {
            targetId: target.id,
            milestone,
            metric: target.metric,
            periodKey: target.periodKey,
            ownerKind: target.ownerKind,
            ownerId: target.ownerId,
            currency: target.currency,
            target: target.baseValue,
            actual: node.actual,
            attainmentPercent: node.attainmentPercent,
          },
        });
      }
      if (fresh.length) sent.push({ id: target.id, milestone: Math.max(...fresh) });
    }
    if (sent.length) {
      await manager.query(
        `UPDATE targets t SET milestone_sent_percent = s.milestone
         FROM jsonb_to_recordset($1::jsonb) AS s(id uuid, milestone int) WHERE t.id = s.id`,
        [JSON.stringify(sent)],
      );
      await this.outbox.publish(manager, events);
    }
    return { nodes, milestonesSent: events.length, locked };
  }

  /**
   * From a rep's target to today's plan: what is still missing (in won deals; for money, the gap over
   * the average booked deal) walked back up the funnel calls → visits → negotiations → won with the
   * rep's own rates of the 12 months before the period (the vendor's, then the company's, when the rep
   * won fewer than the settings' `minWonForOwnRates`), spread over the working days left, today included.
   */
  async getActivityPlan(
    id: string,
    asOf: string | undefined,
    principal: Principal,
  ): Promise<ActivityPlanDto> {
    const em = this.dataSource.manager;
    const org = await this.targets.loadOrg(em);
    const target = await this.targets.findVisible(em, id, principal, org);
    if (target.ownerKind !== OwnerKind.REP || !PLANNABLE.has(target.metric)) {
      throw new DomainException(
        ErrorCode.TARGET_ACTIVITY_PLAN_UNSUPPORTED,
        `An activity plan is made for a rep's revenue, bookings, won-leads or new-customers target; target ${id} is the ${target.metric} target of a ${target.ownerKind}`,
        [
          target.ownerKind !== OwnerKind.REP
            ? { field: 'ownerKind', message: 'must be rep' }
            : { field: 'metric', message: `must be one of ${[...PLANNABLE].join(', ')}` },
        ],
      );
    }
    const repId = target.ownerId!;
    const vendorId = org.repVendor.get(repId) ?? null;
    const settings = await this.targets.settings(em);
    const node = (await this.evaluate(em, org, [target], asOf, settings)).get(target.id)!;
    const day = node.pace.asOf;
    const calendar = (await this.calendarsFor(org, [target])).get(node.pace.countryCode)!;
    const p = period(target.periodKey);
    const doneBefore = paceOf(calendar, p, addDays(day, -1)).workingDaysElapsed;
    const workingDaysLeft = node.pace.workingDays - doneBefore;

    const historyTo = monthShift(p.start.slice(0, 7), -1);
    const historyFrom = monthShift(p.start.slice(0, 7), -12);
    const funnel = await this.actuals.funnelByRep(em, org, historyFrom, historyTo);
    const zero = { calls: 0, visits: 0, negotiations: 0, won: 0 };
    const rates = chooseRates(
      funnel.get(repId) ?? zero,
      sumHistory([...funnel].filter(([rep]) => org.repVendor.get(rep) === vendorId).map(([, h]) => h)),
      sumHistory(funnel.values()),
      settings.minWonForOwnRates,
    );

    const money = isMoney(target.metric);
    let averageDealMinor: number | null = null;
    if (money && target.currency) {
      const bookings = await this.actuals.bookingsByRep(em, target.currency, `${historyFrom}-01`, p.start);
      const average = (rows: typeof bookings) => {
        const contracts = rows.reduce((sum, row) => sum + row.contracts, 0);
        return contracts > 0
          ? Math.round(rows.reduce((sum, row) => sum + row.amountMinor, 0) / contracts)
          : null;
      };
      averageDealMinor =
        average(bookings.filter((row) => row.repId === repId)) ??
        average(bookings.filter((row) => row.vendorId === vendorId)) ??
        average(bookings);
    }
    const actual = node.actual ?? 0;
    const plan = planActivities(
      wonDealsNeeded(target.baseValue, actual, averageDealMinor, money),
      rates,
      workingDaysLeft,
    );
    return {
      targetId: target.id,
      metric: target.metric,
      periodKey: target.periodKey,
      repId,
      currency: target.currency,
      target: target.baseValue,
      actual,
      asOf: day,
      historyFrom,
      historyTo,
      rates: plan.rates && {
        source: plan.rates.source,
        visitsPerCall: round4(plan.rates.visitsPerCall),
        negotiationsPerVisit: round4(plan.rates.negotiationsPerVisit),
        wonPerNegotiation: round4(plan.rates.wonPerNegotiation),
      },
      averageDealMinor,
      wonNeeded: plan.wonNeeded,
      negotiationsNeeded: plan.negotiationsNeeded,
      visitsNeeded: plan.visitsNeeded,
      callsNeeded: plan.callsNeeded,
      workingDaysLeft: plan.workingDaysLeft,
      perDay: plan.perDay,
    };
  }

  /**
   * A rep's day as targets see it: an activity plan for each of the rep's plannable targets whose period
   * runs on the day (the month first), next to the rep's daily call and visit quotas.
   */
  async getRepDayPlan(repId: string, asOf: string | undefined, principal: Principal): Promise<RepDayPlanDto> {
    const em = this.dataSource.manager;
    const org = await this.targets.loadOrg(em);
    const key = nodeKey(OwnerKind.REP, repId);
    if (!org.exists(OwnerKind.REP, repId) || !canSee(principal, key, org))
      throw DomainException.notFound('Rep', repId);
    const day = asOf ?? todayIn(org.calendarOf(key).timezone);
    const targets = await em
      .createQueryBuilder(Target, 't')
      .where('t.owner_kind = :kind AND t.owner_id = :repId', { kind: OwnerKind.REP, repId })
      .andWhere('t.metric IN (:...metrics)', { metrics: [...PLANNABLE] })
      .andWhere('t.period_start <= :day AND :day < t.period_end', { day })
      .andWhere('t.region_id IS NULL AND t.industry_code IS NULL AND t.product_line_id IS NULL')
      .orderBy('t.period_end - t.period_start')
      .addOrderBy('t.metric')
      .addOrderBy('t.id')
      .getMany();
    const plans: ActivityPlanDto[] = [];
    for (const target of targets) plans.push(await this.getActivityPlan(target.id, day, principal));
    const [rep] = await this.reps.getRepsForReporting(em, { repIds: [repId] }, day);
    return {
      repId,
      asOf: day,
      dailyCallQuota: rep?.dailyCallQuota ?? rep?.agreementDailyCallQuota ?? null,
      dailyVisitQuota: rep?.dailyVisitQuota ?? rep?.agreementDailyVisitQuota ?? null,
      plans,
    };
  }

  /**
   * The target and everything under it as plain rows (no entities: a company tree holds thousands of
   * nodes), in one recursive statement; ordered by period, owner kind and id, which orders the children.
   */
  async subtree(em: EntityManager, rootId: string): Promise<TargetNode[]> {
    // Values come as float8, i.e. numbers, like the entity's bigint transformer makes them (exact below 2^53).
    return em.query(
      `WITH RECURSIVE down AS (
         SELECT id, 0 AS depth FROM targets WHERE id = $1
         UNION ALL SELECT t.id, down.depth + 1 FROM targets t JOIN down ON t.parent_id = down.id WHERE down.depth < 16)
       SELECT t.id, t.parent_id AS "parentId", t.metric, t.period_key AS "periodKey",
              to_char(t.period_start, 'YYYY-MM-DD') AS "periodStart", to_char(t.period_end, 'YYYY-MM-DD') AS "periodEnd",
              t.owner_kind AS "ownerKind", t.owner_id AS "ownerId", t.region_id AS "regionId",
              t.industry_code AS "industryCode", t.product_line_id AS "productLineId", t.currency, t.status,
              t.base_value::float8 AS "baseValue", t.stretch_value::float8 AS "stretchValue",
              t.challenge_value::float8 AS "challengeValue"
         FROM down JOIN targets t ON t.id = down.id
        ORDER BY t.period_start, t.owner_kind, t.id`,
      [rootId],
    );
  }

  /** Every target's attainment node (children left empty), by target id. */
  async evaluate(
    em: EntityManager,
    org: OrgNodes,
    targets: readonly TargetNode[],
    asOf: string | undefined,
    thresholds: StatusThresholds,
  ): Promise<Map<string, AttainmentNodeDto>> {
    // Thousands of nodes share a handful of periods: one range object per period, one owner key per node.
    const ranges = new Map<string, ActualRange>();
    const queryOf = new Map<TargetNode, ActualQuery>();
    for (const target of targets) {
      let range = ranges.get(target.periodKey);
      if (!range) {
        range = { key: target.periodKey, start: target.periodStart, end: target.periodEnd };
        ranges.set(target.periodKey, range);
      }
      queryOf.set(target, {
        owner: nodeKey(target.ownerKind, target.ownerId),
        regionId: target.regionId,
        industryCode: target.industryCode,
        productLineId: target.productLineId,
        range,
      });
    }
    const actual = new Map<string, number | null>();
    // One read per metric and currency: money is never added across currencies.
    for (const [metric, currency] of metricGroups(targets)) {
      const group = targets.filter((target) => target.metric === metric && target.currency === currency);
      const values = await this.actuals.actualsFor(
        em,
        org,
        metric,
        group.map((target) => queryOf.get(target)!),
        currency,
      );
      group.forEach((target, index) => actual.set(target.id, values[index]));
    }
    // Cost of sales: each expense node's actual over its own revenue (same node, period, currency).
    const revenueOf = new Map<string, number | null>();
    for (const [metric, currency] of metricGroups(targets)) {
      if (metric !== TargetMetric.SALES_EXPENSE || !currency) continue;
      const group = targets.filter((target) => target.metric === metric && target.currency === currency);
      const values = await this.actuals.actualsFor(
        em,
        org,
        TargetMetric.REVENUE,
        group.map((target) => queryOf.get(target)!),
        currency,
      );
      group.forEach((target, index) => revenueOf.set(target.id, values[index]));
    }

    const calendars = await this.calendarsFor(org, targets);
    // Nodes share a handful of calendars (one object per country and time zone) and periods: one pace
    // object per calendar, period and day, shared by the nodes that keep it (read only).
    const paces = new Map<NodeCalendar, Map<string, PaceDto>>();
    const paceFor = (calendar: NodeCalendar, periodKey: string): PaceDto => {
      let byPeriod = paces.get(calendar);
      if (!byPeriod) paces.set(calendar, (byPeriod = new Map<string, PaceDto>()));
      let pace = byPeriod.get(periodKey);
      if (!pace) {
        const day = asOf ?? todayIn(calendar.timezone);
        const { countryCode } = calendar;
        pace = { ...paceOf(calendars.get(countryCode)!, period(periodKey), day), countryCode, asOf: day };
        byPeriod.set(periodKey, pace);
      }
      return pace;
    };
    const result = new Map<string, AttainmentNodeDto>();
    for (const target of targets) {
      const pace = paceFor(org.calendarOf(queryOf.get(target)!.owner), target.periodKey);
      const values = {
        base: target.baseValue,
        stretch: target.stretchValue,
        challenge: target.challengeValue,
      };
      const nodeActual = actual.get(target.id) ?? null;
      const evaluation = evaluateAttainment(target.metric, values, nodeActual, pace, thresholds);
      result.set(target.id, {
        targetId: target.id,
        metric: target.metric,
        periodKey: target.periodKey,
        ownerKind: target.ownerKind,
        ownerId: target.ownerId,
        regionId: target.regionId,
        industryCode: target.industryCode,
        productLineId: target.productLineId,
        currency: target.currency,
        targetStatus: target.status,
        target: target.baseValue,
        stretch: target.stretchValue,
        challenge: target.challengeValue,
        actual: nodeActual,
        attainmentPercent: evaluation.attainmentPercent,
        tierReached: evaluation.tierReached,
        projected: evaluation.projected,
        status: evaluation.status,
        pace,
        costOfSalesBps: costOfSales(nodeActual, revenueOf.get(target.id) ?? null),
        children: [],
      });
    }
    return result;
  }

  /** One working calendar per country over the span of the targets (holidays read once per country). */
  private async calendarsFor(
    org: OrgNodes,
    targets: readonly TargetNode[],
  ): Promise<Map<string, WorkingCalendar>> {
    const calendars = new Map<string, WorkingCalendar>();
    if (targets.length === 0) return calendars;
    const from = targets.map((t) => t.periodStart).reduce((a, b) => (a < b ? a : b));
    const to = [...new Set(targets.map((t) => t.periodKey))]
      .map((key) => lastDay(period(key)))
      .reduce((a, b) => (a > b ? a : b));
    const countries = new Set(
      targets.map((t) => org.calendarOf(nodeKey(t.ownerKind, t.ownerId)).countryCode),
    );
    for (const country of countries) calendars.set(country, await this.calendarFor(country, from, to));
    return calendars;
  }

  private async calendarFor(country: string, from: string, to: string): Promise<WorkingCalendar> {
    // The calendar service reads at most a year at a time.
    const exceptions = [];
    for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
      const calendar = await this.calendars.listHolidays(country, year);
      exceptions.push(...calendar);
    }
    return new WorkingCalendar(country, exceptions);
  }
}
