import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { Page, paginate } from '../../common/pagination/pagination';
import { parsePeriod, period, samePeriodLastYear } from '../../common/period/period';
import { updateVersioned } from '../../common/http/versioned-update';
import { OrgChart, VendorsService } from '../vendors/vendors.service';
import { ActualsService } from './actuals.service';
import { metricGroups, NodeCalendar, NodeKey, nodeKey, OrgNodes } from './org-nodes';
import { lockedTarget, targetError } from './target-errors';
import { canSee, editRefusal, visibleRoot } from './target-rights';
import { TargetRevision } from './target-revision.entity';
import { TargetSettings } from './target-settings.entity';
import {
  checkChildrenSum,
  childProblems,
  SumCheck,
  TargetShape,
  TierValues,
  wouldCycle,
} from './target-tree.rules';
import { Target } from './target.entity';
import {
  isMoney,
  LOWER_IS_BETTER,
  METRIC_KIND,
  OwnerKind,
  SplitAxis,
  TargetMetric,
  TargetStatus,
} from './target.enums';
import type { CreateTargetDto, ListTargetsQuery, UpdateTargetDto } from './targets.dto';

const RATE_MAX = 10_000;

export interface TargetWithPriorYear {
  target: Target;
  priorYearActual: number | null;
  growthPercent: number | null;
}

export interface NewTarget extends TargetShape, TierValues {
  weight: number;
  note: string | null;
}

/** The target columns a revision records. */
const REVISED_FIELDS = ['baseValue', 'stretchValue', 'challengeValue', 'weight', 'parentId', 'note'] as const;

/**
 * Targets and their tree: creation under a parent along one split axis, edits with revision history,
 * approval (refused while the children do not add up) and locking. The rules live in target-tree.ts and
 * target-rights.ts; this class loads what they need and writes.
 */
@Injectable()
export class TargetsService {
  /** The owner tree of the chart last handed out, with the company calendar it was built with. */
  private orgNodes: { chart: OrgChart; company: NodeCalendar; nodes: OrgNodes } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vendors: VendorsService,
    private readonly actuals: ActualsService,
  ) {}

  /**
   * A stamp of everything the targets module contributes to an attainment answer — targets, settings,
   * imported actuals: its version row (migration TargetsVersion), moved by every statement writing them.
   * Null without the row (a database emptied by hand): then nothing may be held against it.
   */
  async stamp(manager: EntityManager): Promise<string | null> {
    const [row]: { stamp: string }[] = await manager.query(
      `SELECT xmin::text || ':' || version AS stamp FROM targets_version`,
    );
    return row?.stamp ?? null;
  }

  async settings(manager: EntityManager): Promise<TargetSettings> {
    return (
      (await manager.findOneBy(TargetSettings, { id: 1 })) ??
      Object.assign(new TargetSettings(), {
        id: 1,
        onTrackRatio: 0.95,
        atRiskRatio: 0.8,
        companyCountryCode: 'CN',
        companyTimezone: 'Asia/Shanghai',
        minWonForOwnRates: 5,
      })
    );
  }

  /** The org chart as owner nodes; `settings` when the caller has read them already. */
  async loadOrg(manager: EntityManager, settings?: TargetSettings): Promise<OrgNodes> {
    settings ??= await this.settings(manager);
    const chart = await this.vendors.getOrgChart(manager);
    const company = { countryCode: settings.companyCountryCode, timezone: settings.companyTimezone };
    // The vendors module hands out the same chart while it is unchanged: its tree is built once for it.
    const held = this.orgNodes;
    if (
      held?.chart === chart &&
      held.company.countryCode === company.countryCode &&
      held.company.timezone === company.timezone
    )
      return held.nodes;
    const nodes = new OrgNodes(chart, company);
    this.orgNodes = { chart, company, nodes };
    return nodes;
  }

  /**
   * The agreed (approved or locked) whole-node targets of one metric and period for owners of one kind,
   * in the caller's transaction: one per owner and currency (the first agreed), for reports that show the
   * target beside a forecast. `ownerIds` undefined: every owner of the kind.
   */
  async agreedTargetsOf(
    manager: EntityManager,
    metric: TargetMetric,
    periodKey: string,
    ownerKind: OwnerKind,
    ownerIds?: readonly string[],
  ): Promise<Target[]> {
    if (ownerIds?.length === 0) return [];
    const builder = manager
      .createQueryBuilder(Target, 't')
      .where('t.metric = :metric AND t.period_key = :periodKey AND t.owner_kind = :ownerKind', {
        metric,
        periodKey,
        ownerKind,
      })
      .andWhere('t.status IN (:...statuses)', { statuses: [TargetStatus.APPROVED, TargetStatus.LOCKED] })
      .andWhere('t.region_id IS NULL AND t.industry_code IS NULL AND t.product_line_id IS NULL')
      .orderBy('t.created_at')
      .addOrderBy('t.id');
    if (ownerIds) builder.andWhere('t.owner_id IN (:...ownerIds)', { ownerIds });
    const chosen = new Map<string, Target>();
    for (const target of await builder.getMany()) {
      const key = `${target.ownerId ?? ''}|${target.currency ?? ''}`;
      if (!chosen.has(key)) chosen.set(key, target);
    }
    return [...chosen.values()];
  }

  // ---- validation of one target on its own ----

  /** Field checks that need nothing but the input: period, currency, value range, tier order. */
  validateShape(input: NewTarget): void {
    if (!parsePeriod(input.periodKey))
      throw targetError(
        ErrorCode.TARGET_PERIOD_INVALID,
        'periodKey',
        'is not a period (week 53 of a 52-week year?)',
      );
    if (isMoney(input.metric) && !input.currency)
      throw targetError(
        ErrorCode.TARGET_CURRENCY_REQUIRED,
        'currency',
        `is required for a ${input.metric} target`,
      );
    if (!isMoney(input.metric) && input.currency)
      throw targetError(
        ErrorCode.TARGET_CURRENCY_MISMATCH,
        'currency',
        `must be left out: ${input.metric} is not money`,
      );
    if ((input.ownerKind === OwnerKind.COMPANY) !== (input.ownerId === null))
      throw DomainException.validation([
        {
          field: 'ownerId',
          message: input.ownerId
            ? 'must be left out for the company node'
            : 'is required for this owner kind',
        },
      ]);
    this.validateTiers(input.metric, input);
  }

  validateTiers(metric: TargetMetric, values: TierValues): void {
    if (METRIC_KIND[metric] === 'rate') {
      for (const [field, value] of [
        ['baseValue', values.base],
        ['stretchValue', values.stretch],
        ['challengeValue', values.challenge],
      ] as const)
        if (value !== null && value > RATE_MAX)
          throw DomainException.validation([
            { field, message: `must be at most ${RATE_MAX} basis points (100 %)` },
          ]);
    }
    // Higher tiers ask for more; for deal cycle and expense "more ambitious" means less.
    const lower = LOWER_IS_BETTER.has(metric);
    const order = (a: number, b: number) => (lower ? a <= b : a >= b);
    if (values.stretch !== null && !order(values.stretch, values.base))
      throw targetError(
        ErrorCode.TARGET_TIERS_OUT_OF_ORDER,
        'stretchValue',
        `must be ${lower ? 'at most' : 'at least'} the base value`,
      );
    if (values.challenge !== null && !order(values.challenge, values.stretch ?? values.base))
      throw targetError(
        ErrorCode.TARGET_TIERS_OUT_OF_ORDER,
        'challengeValue',
        `must be ${lower ? 'at most' : 'at least'} the stretch value`,
      );
  }

  /** Region and product line must exist; checked before the transaction opens, on the pool's own manager. */
  async validateDimensions(input: {
    regionId?: string | null;
    productLineId?: string | null;
    industryCode?: string | null;
  }): Promise<void> {
    if (input.regionId) await this.vendors.assertRegionsExist([input.regionId], 'regionId');
    if (input.productLineId)
      await this.vendors.assertProductLinesExist(
        this.dataSource.manager,
        [input.productLineId],
        'productLineId',
      );
    if (input.industryCode) this.vendors.assertIndustriesExist([input.industryCode], 'industryCode');
  }

  // ---- rights ----

  assertMayEdit(principal: Principal, owner: NodeKey, org: OrgNodes, field = 'ownerId'): void {
    const refusal = editRefusal(principal, owner, org);
    if (refusal === 'own_node')
      throw targetError(
        ErrorCode.TARGET_OWN_NODE,
        field,
        'is your own node: a manager sets the targets below their node, never their own',
      );
    if (refusal === 'not_below')
      throw targetError(ErrorCode.TARGET_NOT_BELOW_OWN_NODE, field, 'is not below the node you manage');
    if (refusal === 'role') throw DomainException.forbidden('Your role does not change targets');
  }

  /** A target the caller may see, locked for the transaction; 404 when missing or out of scope. */
  async findVisible(
    em: EntityManager,
    id: string,
    principal: Principal,
    org: OrgNodes,
    lock = false,
  ): Promise<Target> {
    const query = em.createQueryBuilder(Target, 't').where('t.id = :id', { id });
    if (lock) query.setLock('pessimistic_write');
    const target = await query.getOne();
    if (!target || !canSee(principal, nodeKey(target.ownerKind, target.ownerId), org))
      throw DomainException.notFound('Target', id);
    return target;
  }

  // ---- writes ----

  async createTarget(input: CreateTargetDto, principal: Principal): Promise<Target> {
    const shape = fromCreate(input);
    this.validateShape(shape);
    await this.validateDimensions(input);
    return this.dataSource.transaction(async (em) => {
      const org = await this.loadOrg(em);
      const [created] = await this.insertChildren(
        em,
        org,
        principal,
        input.parentId ?? null,
        input.splitAxis,
        [shape],
      );
      return created;
    });
  }

  /**
   * Inserts targets under one parent (or as roots) after every check: owner known and in scope, the
   * caller may set it, the parent not locked, each child legal along the parent's split axis. The one
   * write path for single creates and for decompositions.
   */
  async insertChildren(
    em: EntityManager,
    org: OrgNodes,
    principal: Principal,
    parentId: string | null,
    requestedAxis: SplitAxis | undefined,
    children: NewTarget[],
    fieldPrefix = '',
  ): Promise<Target[]> {
    let parent: Target | null = null;
    let axis: SplitAxis | null = null;
    if (parentId) {
      parent = await this.findVisible(em, parentId, principal, org, true);
      if (parent.status === TargetStatus.LOCKED) throw lockedTarget(parent.id);
      if (parent.splitAxis && requestedAxis && parent.splitAxis !== requestedAxis)
        throw targetError(
          ErrorCode.TARGET_SPLIT_AXIS_MISMATCH,
          'splitAxis',
          `must be ${parent.splitAxis}: the parent is already split along it`,
        );
      axis = parent.splitAxis ?? requestedAxis ?? null;
      if (!axis)
        throw DomainException.validation([
          { field: 'splitAxis', message: 'is required for the first child of a target' },
        ]);
    }
    children.forEach((child, index) => {
      const prefix = children.length > 1 || fieldPrefix ? `${fieldPrefix}children.${index}.` : '';
      const owner = nodeKey(child.ownerKind, child.ownerId);
      if (!org.exists(child.ownerKind, child.ownerId) || !canSee(principal, owner, org))
        throw targetError(
          ErrorCode.TARGET_OWNER_UNKNOWN,
          `${prefix}ownerId`,
          `names no ${child.ownerKind} you can see`,
        );
      this.assertMayEdit(principal, owner, org, `${prefix}ownerId`);
      if (parent && axis) {
        const below = org.isBelow(owner, nodeKey(parent.ownerKind, parent.ownerId));
        const [problem, ...more] = childProblems(parent, child, axis, below);
        if (problem)
          throw new DomainException(
            ErrorCode[problem.code],
            `${prefix}${problem.field} ${problem.message}`,
            [problem, ...more].map((p) => ({ field: `${prefix}${p.field}`, message: p.message })),
          );
      }
    });
    if (parent && !parent.splitAxis)
      await em.query(`UPDATE targets SET split_axis = $2, updated_at = now() WHERE id = $1`, [
        parent.id,
        axis,
      ]);
    const rows = children.map((child) => {
      const period = parsePeriod(child.periodKey)!;
      return em.create(Target, {
        metric: child.metric,
        periodKey: period.key,
        periodStart: period.start,
        periodEnd: period.end,
        ownerKind: child.ownerKind,
        ownerId: child.ownerId,
        regionId: child.regionId,
        industryCode: child.industryCode,
        productLineId: child.productLineId,
        currency: child.currency,
        baseValue: child.base,
        stretchValue: child.stretch,
        challengeValue: child.challenge,
        weight: child.weight,
        parentId: parent?.id ?? null,
        note: child.note,
        createdBy: principal.subjectId,
      });
    });
    return em.save(Target, rows, { chunk: 500 });
  }

  async updateTarget(
    id: string,
    input: UpdateTargetDto,
    expectedVersion: number | undefined,
    principal: Principal,
  ): Promise<Target> {
    return this.dataSource.transaction(async (em) => {
      const org = await this.loadOrg(em);
      const before = await this.findVisible(em, id, principal, org, true);
      this.assertMayEdit(principal, nodeKey(before.ownerKind, before.ownerId), org);
      if (before.status === TargetStatus.LOCKED) throw lockedTarget(id);
      if (before.status === TargetStatus.APPROVED && !input.reason)
        throw targetError(
          ErrorCode.TARGET_REVISION_REASON_REQUIRED,
          'reason',
          'is required to revise an approved target',
        );
      const values: TierValues = {
        base: input.baseValue ?? before.baseValue,
        stretch: input.stretchValue !== undefined ? input.stretchValue : before.stretchValue,
        challenge: input.challengeValue !== undefined ? input.challengeValue : before.challengeValue,
      };
      this.validateTiers(before.metric, values);
      if (input.parentId !== undefined && input.parentId !== before.parentId)
        await this.checkMove(em, org, principal, before, input.parentId);
      const changes = {
        baseValue: values.base,
        stretchValue: values.stretch,
        challengeValue: values.challenge,
        weight: input.weight ?? before.weight,
        parentId: input.parentId ?? before.parentId,
        note: input.note ?? before.note,
      };
      const after = await updateVersioned(em, Target, before, changes, expectedVersion);
      await this.recordRevision(em, before, after, principal, input.reason ?? null);
      return after;
    });
  }

  private async checkMove(
    em: EntityManager,
    org: OrgNodes,
    principal: Principal,
    target: Target,
    parentId: string,
  ): Promise<void> {
    const parent = await this.findVisible(em, parentId, principal, org, true);
    if (parent.status === TargetStatus.LOCKED) throw lockedTarget(parent.id);
    const ancestors: { id: string; parent_id: string | null }[] = await em.query(
      `WITH RECURSIVE up AS (
         SELECT id, parent_id, 1 AS depth FROM targets WHERE id = $1
         UNION ALL SELECT t.id, t.parent_id, up.depth + 1 FROM targets t JOIN up ON t.id = up.parent_id WHERE up.depth < 64)
       SELECT id, parent_id FROM up`,
      [parentId],
    );
    const parentOf = new Map(ancestors.map((row) => [row.id, row.parent_id]));
    if (wouldCycle(target.id, parentId, (node) => parentOf.get(node) ?? null))
      throw targetError(ErrorCode.TARGET_CYCLE, 'parentId', 'would put the target below itself');
    if (!parent.splitAxis)
      throw targetError(
        ErrorCode.TARGET_SPLIT_AXIS_MISMATCH,
        'parentId',
        'has no split axis yet; create its first child with splitAxis',
      );
    const below = org.isBelow(
      nodeKey(target.ownerKind, target.ownerId),
      nodeKey(parent.ownerKind, parent.ownerId),
    );
    const [problem] = childProblems(parent, target, parent.splitAxis, below);
    if (problem) throw targetError(ErrorCode[problem.code], problem.field, problem.message);
  }

  private async recordRevision(
    em: EntityManager,
    before: Target,
    after: Target,
    principal: Principal,
    reason: string | null,
  ): Promise<void> {
    const changed = REVISED_FIELDS.filter((field) => before[field] !== after[field]);
    if (changed.length === 0 && !reason) return;
    const revision: Partial<TargetRevision> = {
      targetId: before.id,
      fromVersion: before.version,
      revisedBy: principal.subjectId,
      revisedByName: principal.name,
      reason,
      before: Object.fromEntries(changed.map((field) => [field, before[field]])),
      after: Object.fromEntries(changed.map((field) => [field, after[field]])),
    };
    await em.save(TargetRevision, em.create(TargetRevision, revision));
  }

  async approveTarget(id: string, principal: Principal): Promise<Target> {
    return this.dataSource.transaction(async (em) => {
      const org = await this.loadOrg(em);
      const target = await this.findVisible(em, id, principal, org, true);
      this.assertMayEdit(principal, nodeKey(target.ownerKind, target.ownerId), org);
      if (target.status !== TargetStatus.DRAFT)
        throw DomainException.of(
          ErrorCode.TARGET_STATUS_TRANSITION_INVALID,
          `Target ${id} is ${target.status}; only a draft is approved`,
        );
      const { check, childCount } = await this.sumCheckOf(em, target);
      if (childCount > 0 && !check.ok) {
        const gaps = check.tiers.filter((tier) => tier.difference !== 0);
        throw new DomainException(
          ErrorCode.TARGET_CHILDREN_DO_NOT_SUM,
          `The children ${check.rule === 'sum' ? 'add up to' : 'average'} ${gaps.map((g) => `${g.children} against ${g.parent} (${g.difference > 0 ? '+' : ''}${g.difference}) on ${g.tier}`).join('; ')}`,
          gaps.map((gap) => ({
            field: `${gap.tier}Value`,
            message: `children are off by ${gap.difference}`,
          })),
          { sumCheck: { ...check, childCount } },
        );
      }
      return updateVersioned(
        em,
        Target,
        target,
        { status: TargetStatus.APPROVED, approvedBy: principal.subjectId, approvedAt: new Date() },
        undefined,
      );
    });
  }

  /** Locks an approved target and everything under it: a closed period's numbers stay as they were. */
  async lockTargets(manager: EntityManager, rootIds: readonly string[]): Promise<number> {
    if (rootIds.length === 0) return 0;
    const rows: { id: string }[] = await manager.query(
      `WITH RECURSIVE down AS (
         SELECT id FROM targets WHERE id = ANY($1::uuid[])
         UNION SELECT t.id FROM targets t JOIN down ON t.parent_id = down.id)
       UPDATE targets SET status = 'locked', version = version + 1, updated_at = now()
        WHERE id IN (SELECT id FROM down) AND status <> 'locked' RETURNING id`,
      [rootIds],
    );
    return rows.length;
  }

  async lockTarget(id: string, principal: Principal): Promise<Target> {
    return this.dataSource.transaction(async (em) => {
      const org = await this.loadOrg(em);
      const target = await this.findVisible(em, id, principal, org, true);
      if (target.status !== TargetStatus.APPROVED)
        throw DomainException.of(
          ErrorCode.TARGET_STATUS_TRANSITION_INVALID,
          `Target ${id} is ${target.status}; only an approved target is locked`,
        );
      await this.lockTargets(em, [id]);
      return em.findOneByOrFail(Target, { id });
    });
  }

  // ---- reads ----

  async sumCheckOf(em: EntityManager, target: Target): Promise<{ check: SumCheck; childCount: number }> {
    const children = await em.find(Target, { where: { parentId: target.id } });
    const check = checkChildrenSum(
      target.metric,
      { base: target.baseValue, stretch: target.stretchValue, challenge: target.challengeValue },
      children.map((child) => ({
        base: child.baseValue,
        stretch: child.stretchValue,
        challenge: child.challengeValue,
        weight: child.weight,
      })),
    );
    return { check, childCount: children.length };
  }

  async getSumCheck(id: string, principal: Principal): Promise<{ check: SumCheck; childCount: number }> {
    const em = this.dataSource.manager;
    const org = await this.loadOrg(em);
    return this.sumCheckOf(em, await this.findVisible(em, id, principal, org));
  }

  async getTarget(id: string, principal: Principal): Promise<TargetWithPriorYear> {
    const em = this.dataSource.manager;
    const org = await this.loadOrg(em);
    const target = await this.findVisible(em, id, principal, org);
    return (await this.withPriorYear(em, org, [target]))[0];
  }

  /**
   * Every target's actual in the same period a year earlier (imported history, or OSM's own facts), and
   * the growth the target asks for over it: one read per metric for any number of targets.
   */
  async withPriorYear(em: EntityManager, org: OrgNodes, targets: Target[]): Promise<TargetWithPriorYear[]> {
    const prior = new Map<string, number | null>();
    // One read per metric and currency: money is never added across currencies.
    for (const [metric, currency] of metricGroups(targets)) {
      const group = targets.filter((target) => target.metric === metric && target.currency === currency);
      const values = await this.actuals.actualsFor(
        em,
        org,
        metric,
        group.map((target) => ({
          owner: nodeKey(target.ownerKind, target.ownerId),
          regionId: target.regionId,
          industryCode: target.industryCode,
          productLineId: target.productLineId,
          range: samePeriodLastYear(period(target.periodKey)),
        })),
        currency,
      );
      group.forEach((target, index) => prior.set(target.id, values[index]));
    }
    return targets.map((target) => {
      const priorYearActual = prior.get(target.id) ?? null;
      return {
        target,
        priorYearActual,
        growthPercent: priorYearActual
          ? Math.round(((target.baseValue - priorYearActual) / priorYearActual) * 1000) / 10
          : null,
      };
    });
  }

  async listTargets(query: ListTargetsQuery, principal: Principal): Promise<Page<TargetWithPriorYear>> {
    const em = this.dataSource.manager;
    const org = await this.loadOrg(em);
    const builder = em.createQueryBuilder(Target, 't');
    const root = visibleRoot(principal);
    if (root === null) return { data: [], nextCursor: null };
    if (root !== 'company') {
      const vendorId = root.startsWith('vendor:') ? root.slice(7) : null;
      const repIds = org.repsUnder(root);
      builder.andWhere(
        `((t.owner_kind = 'rep' AND t.owner_id = ANY(:repIds)) OR (t.owner_kind = 'vendor' AND t.owner_id = :vendorId))`,
        { repIds, vendorId },
      );
    }
    const filters: [unknown, string][] = [
      [query.periodKey, 't.period_key = :periodKey'],
      [query.metric, 't.metric = :metric'],
      [query.ownerKind, 't.owner_kind = :ownerKind'],
      [query.ownerId, 't.owner_id = :ownerId'],
      [query.parentId, 't.parent_id = :parentId'],
    ];
    for (const [value, condition] of filters) if (value !== undefined) builder.andWhere(condition, query);
    if (query.rootsOnly) builder.andWhere('t.parent_id IS NULL');
    const page = await paginate(builder, query, [
      { expression: 't.period_start', read: (row) => row.periodStart },
      { expression: 't.id', read: (row) => row.id },
    ]);
    return { data: await this.withPriorYear(em, org, page.data), nextCursor: page.nextCursor };
  }

  async listRevisions(id: string, principal: Principal): Promise<TargetRevision[]> {
    const em = this.dataSource.manager;
    await this.findVisible(em, id, principal, await this.loadOrg(em));
    return em.find(TargetRevision, { where: { targetId: id }, order: { revisedAt: 'DESC' }, take: 500 });
  }
}

function fromCreate(input: CreateTargetDto): NewTarget {
  return {
    metric: input.metric,
    periodKey: input.periodKey,
    ownerKind: input.ownerKind,
    ownerId: input.ownerId ?? null,
    regionId: input.regionId ?? null,
    industryCode: input.industryCode ?? null,
    productLineId: input.productLineId ?? null,
    currency: input.currency ?? null,
    base: input.baseValue,
    stretch: input.stretchValue ?? null,
    challenge: input.challengeValue ?? null,
    weight: input.weight ?? 1,
    note: input.note ?? null,
  };
}
