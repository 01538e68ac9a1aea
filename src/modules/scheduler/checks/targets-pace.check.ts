import { Injectable } from '@nestjs/common';
import { AttainmentService } from '../../targets/attainment.service';
import { OwnerKind } from '../../targets/target.enums';
import type { AlertLevel } from '../alerts/alert.entity';
import type { CheckContext, CheckResult, Finding, SchedulerCheck } from './check.types';

/** Who hears of a node behind pace: a rep of their own target, a vendor manager of the vendor's, sales above. */
const LEVEL: Record<OwnerKind, AlertLevel> = {
  [OwnerKind.REP]: 'rep',
  [OwnerKind.VENDOR]: 'vendor_manager',
  [OwnerKind.SALES_UNIT]: 'sales_manager',
  [OwnerKind.COMPANY]: 'sales_manager',
};

/** Which threshold judges a node: one per level of the tree. */
const THRESHOLD: Record<OwnerKind, 'repPercentOfPace' | 'vendorPercentOfPace' | 'unitPercentOfPace'> = {
  [OwnerKind.REP]: 'repPercentOfPace',
  [OwnerKind.VENDOR]: 'vendorPercentOfPace',
  [OwnerKind.SALES_UNIT]: 'unitPercentOfPace',
  [OwnerKind.COMPANY]: 'unitPercentOfPace',
};

/**
 * Targets of running periods behind their pace: the actual below X % of what the working days gone ask
 * for (actual / (target × pace); rates as they stand), X per level of the tree (rep, vendor, sales unit
 * and company) and per vendor overridable, judged only once a share of the period's working days is gone.
 * The alert resolves itself when the node is back on pace. The same review sends `target.milestone` once
 * per node at 50, 90 and 100 % and locks approved targets whose period closed (targets module).
 */
@Injectable()
export class TargetsPaceCheck implements SchedulerCheck {
  readonly name = 'targets_pace';
  readonly description =
    'Targets of running periods behind pace (per level), target.milestone at 50/90/100 %, closed periods locked';
  readonly alertTypes = ['target_behind_pace'] as const;
  readonly thresholds = {
    repPercentOfPace: {
      default: 80,
      min: 1,
      max: 100,
      description: 'A rep target is behind below this % of what the pace asks for by now',
    },
    vendorPercentOfPace: {
      default: 80,
      min: 1,
      max: 100,
      description: 'A vendor target is behind below this % of what the pace asks for by now',
    },
    unitPercentOfPace: {
      default: 90,
      min: 1,
      max: 100,
      description: 'A sales unit or company target is behind below this % of what the pace asks for',
    },
    fromElapsedPercent: {
      default: 20,
      min: 0,
      max: 100,
      description: "Judge a target only once this % of its period's working days is gone",
    },
    lockAfterDays: {
      default: 5,
      min: 0,
      max: 366,
      description: 'Lock approved targets this many days after their period ended',
    },
  };

  constructor(private readonly attainment: AttainmentService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const review = await this.attainment.reviewTargets(
      context.manager,
      context.asOf,
      context.thresholds.lockAfterDays,
    );
    const findings: Finding[] = [];
    for (const node of review.nodes) {
      const thresholds =
        (node.vendorId ? context.vendorThresholds.get(node.vendorId) : undefined) ?? context.thresholds;
      if (node.paceRatio === null || node.pace * 100 < thresholds.fromElapsedPercent) continue;
      const limit = thresholds[THRESHOLD[node.ownerKind]];
      const percentOfPace = Math.round(node.paceRatio * 1000) / 10;
      if (percentOfPace >= limit) continue;
      findings.push({
        type: 'target_behind_pace',
        severity: percentOfPace < limit / 2 ? 'critical' : 'warning',
        level: LEVEL[node.ownerKind],
        subjectType: 'target',
        subjectId: node.targetId,
        vendorId: node.vendorId,
        repId: node.repId,
        message: `The ${node.metric} target ${node.periodKey} of ${node.ownerKind}${node.ownerId ? ` ${node.ownerId}` : ''} is at ${percentOfPace} % of its pace (below ${limit} %)`,
        data: {
          metric: node.metric,
          periodKey: node.periodKey,
          ownerKind: node.ownerKind,
          ownerId: node.ownerId,
          currency: node.currency,
          target: node.target,
          actual: node.actual,
          attainmentPercent: node.attainmentPercent,
          pace: node.pace,
          percentOfPace,
          thresholdPercent: limit,
        },
      });
    }
    return { examined: review.nodes.length, findings };
  }
}
