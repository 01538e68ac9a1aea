import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { childPeriods, parsePeriod, period, samePeriodLastYear } from '../../common/period/period';
import { ActualQuery, ActualsService } from './actuals.service';
import {
  gradeWeight,
  profileProblems,
  profileWeight,
  spreadTiers,
  WeightsSumToZero,
} from './decomposition.rules';
import {
  CreateDistributionProfileDto,
  DecomposedTargetDto,
  DecomposeTargetDto,
  DecompositionResultDto,
  DecompositionStepDto,
} from './decomposition.dto';
import { DistributionProfile } from './distribution-profile.entity';
import { nodeKey, OrgNodes } from './org-nodes';
import { lockedTarget, targetError } from './target-errors';
import { Target } from './target.entity';
import { DecompositionMethod, METRIC_KIND, OwnerKind, SplitAxis, TargetStatus } from './target.enums';
import { NewTarget, TargetsService } from './targets.service';

/** Thrown inside a preview's transaction to undo everything it wrote. */
class PreviewRollback extends Error {
  constructor(readonly result: DecompositionResultDto) {
    super('preview');
  }
}

const REP_METHODS = new Set([
  DecompositionMethod.REP_GRADE,
  DecompositionMethod.REP_CAPACITY,
  DecompositionMethod.REP_HISTORY,
]);

/**
 * Splits a target in one call: one step, or two (the second splits every child of the first). A preview
 * runs exactly the save's path — every check, every insert — inside a transaction that is rolled back,
 * so what it shows is what saving writes; a save commits all children of both steps at once.
 */
@Injectable()
export class DecompositionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly targets: TargetsService,
    private readonly actuals: ActualsService,
  ) {}

  async createProfile(input: CreateDistributionProfileDto): Promise<DistributionProfile> {
    const problem = profileProblems(input.monthShares);
    if (problem) throw targetError(ErrorCode.TARGET_PROFILE_NOT_100, 'monthShares', problem);
    return this.dataSource.manager.save(
      DistributionProfile,
      this.dataSource.manager.create(DistributionProfile, {
        name: input.name,
        description: input.description ?? null,
        monthShares: input.monthShares,
      }),
    );
  }

  listProfiles(): Promise<DistributionProfile[]> {
    return this.dataSource.manager.find(DistributionProfile, { order: { name: 'ASC' }, take: 200 });
  }

  async decompose(
    targetId: string,
    input: DecomposeTargetDto,
    principal: Principal,
  ): Promise<DecompositionResultDto> {
    try {
      return await this.dataSource.transaction(async (em) => {
        const org = await this.targets.loadOrg(em);
        const parent = await this.targets.findVisible(em, targetId, principal, org, true);
        if (parent.status === TargetStatus.LOCKED) throw lockedTarget(parent.id);
        const existing = await em.count(Target, { where: { parentId: parent.id } });
        if (existing > 0)
          throw DomainException.of(
            ErrorCode.TARGET_HAS_CHILDREN,
            `Target ${parent.id} already has ${existing} children; revise them instead of splitting it again`,
          );
        const children = await this.splitStep(em, org, principal, parent, input.steps[0], 'steps.0.');
        const tree: DecomposedTargetDto[] = [];
        for (const { target, weight } of children) {
          const grandchildren = input.steps[1]
            ? await this.splitStep(em, org, principal, target, input.steps[1], 'steps.1.')
            : [];
          tree.push(
            decomposed(
              target,
              weight,
              grandchildren.map((child) => decomposed(child.target, child.weight, [])),
            ),
          );
        }
        const result: DecompositionResultDto = {
          saved: input.mode === 'save',
          parentId: parent.id,
          children: tree,
        };
        if (input.mode === 'preview') throw new PreviewRollback({ ...result, children: withoutIds(tree) });
        return result;
      });
    } catch (error) {
      if (error instanceof PreviewRollback) return error.result;
      throw error;
    }
  }

  private async splitStep(
    em: EntityManager,
    org: OrgNodes,
    principal: Principal,
    parent: Target,
    step: DecompositionStepDto,
    prefix: string,
  ): Promise<{ target: Target; weight: number }[]> {
    const shapes = this.childShapes(org, parent, step, prefix);
    const weights = await this.weightsFor(em, org, parent, step, shapes, prefix);
    let values;
    try {
      values = spreadTiers(
        parent.metric,
        { base: parent.baseValue, stretch: parent.stretchValue, challenge: parent.challengeValue },
        weights,
      );
    } catch (error) {
      if (error instanceof WeightsSumToZero)
        throw targetError(
          ErrorCode.TARGET_WEIGHTS_SUM_TO_ZERO,
          `${prefix}method`,
          `${step.method} gives every child a weight of 0`,
        );
      throw error;
    }
    const rate = METRIC_KIND[parent.metric] === 'rate' || METRIC_KIND[parent.metric] === 'days';
    const children: NewTarget[] = shapes.map((shape, index) => ({
      ...shape,
      ...values[index],
      // A rate child carries its share as the weight of the weighted-mean rule.
      weight: rate && weights[index] > 0 ? weights[index] : 1,
      note: null,
    }));
    const saved = await this.targets.insertChildren(
      em,
      org,
      principal,
      parent.id,
      step.axis,
      children,
      prefix,
    );
    return saved.map((target, index) => ({ target, weight: weights[index] }));
  }

  /** The children a step makes, before values: along the axis, from the parent. */
  private childShapes(
    org: OrgNodes,
    parent: Target,
    step: DecompositionStepDto,
    prefix: string,
  ): Omit<NewTarget, 'base' | 'stretch' | 'challenge' | 'weight' | 'note'>[] {
    const base = {
      metric: parent.metric,
      periodKey: parent.periodKey,
      ownerKind: parent.ownerKind,
      ownerId: parent.ownerId,
      regionId: parent.regionId,
      industryCode: parent.industryCode,
      productLineId: parent.productLineId,
      currency: parent.currency,
    };
    const invalid = (field: string, message: string) =>
      new DomainException(ErrorCode.TARGET_DECOMPOSITION_INVALID, `${prefix}${field} ${message}`, [
        { field: `${prefix}${field}`, message },
      ]);
    if (step.axis === SplitAxis.TIME) {
      if (!step.periodKind) throw invalid('periodKind', 'is required to split along time');
      const periods = childPeriods(period(parent.periodKey), step.periodKind);
      if (periods.length === 0)
        throw invalid(
          'periodKind',
          `cannot split a ${parsePeriod(parent.periodKey)!.kind} into ${step.periodKind}s`,
        );
      return periods.map((child) => ({ ...base, periodKey: child.key }));
    }
    if (step.axis === SplitAxis.ORG && step.everyNodeBelow) {
      const owner = nodeKey(parent.ownerKind, parent.ownerId);
      const ids =
        step.everyNodeBelow === 'rep'
          ? org.repsUnder(owner).filter((id) => org.chart.reps.find((rep) => rep.id === id)?.active)
          : org.vendorsUnder(owner);
      if (ids.length === 0)
        throw invalid('everyNodeBelow', `finds no ${step.everyNodeBelow} below the parent's owner`);
      const kind = step.everyNodeBelow === 'rep' ? OwnerKind.REP : OwnerKind.VENDOR;
      return ids.sort().map((id) => ({ ...base, ownerKind: kind, ownerId: id }));
    }
    const children = step.children ?? [];
    if (children.length === 0) throw invalid('children', 'must list the children (or use everyNodeBelow)');
    return children.map((child, index) => {
      switch (step.axis) {
        case SplitAxis.ORG:
          if (!child.ownerKind || (child.ownerKind !== OwnerKind.COMPANY && !child.ownerId))
            throw invalid(`children.${index}.ownerId`, 'is required along the org axis');
          return { ...base, ownerKind: child.ownerKind, ownerId: child.ownerId ?? null };
        case SplitAxis.REGION:
          if (!child.regionId)
            throw invalid(`children.${index}.regionId`, 'is required along the region axis');
          return { ...base, regionId: child.regionId };
        case SplitAxis.INDUSTRY:
          if (!child.industryCode)
            throw invalid(`children.${index}.industryCode`, 'is required along the industry axis');
          return { ...base, industryCode: child.industryCode };
        default:
          if (!child.productLineId)
            throw invalid(`children.${index}.productLineId`, 'is required along the product-line axis');
          return { ...base, productLineId: child.productLineId };
      }
    });
  }

  private async weightsFor(
    em: EntityManager,
    org: OrgNodes,
    parent: Target,
    step: DecompositionStepDto,
    shapes: Omit<NewTarget, 'base' | 'stretch' | 'challenge' | 'weight' | 'note'>[],
    prefix: string,
  ): Promise<number[]> {
    if (REP_METHODS.has(step.method) && shapes.some((shape) => shape.ownerKind !== OwnerKind.REP))
      throw targetError(
        ErrorCode.TARGET_DECOMPOSITION_INVALID,
        `${prefix}method`,
        `${step.method} splits to reps only`,
      );
    const reps = new Map(org.chart.reps.map((rep) => [rep.id, rep]));
    switch (step.method) {
      case DecompositionMethod.EVEN:
        return shapes.map(() => 1);
      case DecompositionMethod.WEIGHTS:
        return (step.children ?? []).map((child, index) => {
          if (child.weight === undefined)
            throw targetError(
              ErrorCode.TARGET_DECOMPOSITION_INVALID,
              `${prefix}children.${index}.weight`,
              'is required by the weights method',
            );
          return child.weight;
        });
      case DecompositionMethod.PROFILE: {
        if (step.axis !== SplitAxis.TIME)
          throw targetError(
            ErrorCode.TARGET_DECOMPOSITION_INVALID,
            `${prefix}method`,
            'profile splits along time only',
          );
        const profile = step.profileId
          ? await em.findOneBy(DistributionProfile, { id: step.profileId })
          : null;
        if (!profile)
          throw targetError(
            ErrorCode.TARGET_PROFILE_UNKNOWN,
            `${prefix}profileId`,
            'names no distribution profile',
          );
        return shapes.map((shape) => profileWeight(profile.monthShares, period(shape.periodKey)));
      }
      case DecompositionMethod.REP_GRADE:
        return shapes.map((shape) => gradeWeight(reps.get(shape.ownerId!)!.grade));
      case DecompositionMethod.REP_CAPACITY:
        return shapes.map((shape) => reps.get(shape.ownerId!)!.capacity);
      case DecompositionMethod.PRIOR_YEAR_SHARE:
      case DecompositionMethod.REP_HISTORY: {
        const queries: ActualQuery[] = shapes.map((shape) => {
          const own = period(shape.periodKey);
          // Prior-year share: the same period last year; rep history: the twelve months before the period.
          const range =
            step.method === DecompositionMethod.PRIOR_YEAR_SHARE
              ? samePeriodLastYear(own)
              : { start: `${Number(own.start.slice(0, 4)) - 1}${own.start.slice(4)}`, end: own.start };
          return {
            owner: nodeKey(shape.ownerKind, shape.ownerId),
            regionId: shape.regionId,
            industryCode: shape.industryCode,
            productLineId: shape.productLineId,
            range,
          };
        });
        return (await this.actuals.actualsFor(em, org, parent.metric, queries, parent.currency)).map(
          (value) => Math.max(value ?? 0, 0),
        );
      }
    }
  }
}

function decomposed(target: Target, weight: number, children: DecomposedTargetDto[]): DecomposedTargetDto {
  return {
    id: target.id,
    metric: target.metric,
    periodKey: target.periodKey,
    ownerKind: target.ownerKind,
    ownerId: target.ownerId,
    regionId: target.regionId,
    industryCode: target.industryCode,
    productLineId: target.productLineId,
    currency: target.currency,
    baseValue: target.baseValue,
    stretchValue: target.stretchValue,
    challengeValue: target.challengeValue,
    shareWeight: weight,
    children,
  };
}

/** A preview's children were never kept: their ids would name nothing. */
function withoutIds(children: DecomposedTargetDto[]): DecomposedTargetDto[] {
  return children.map((child) => ({ ...child, id: null, children: withoutIds(child.children) }));
}
