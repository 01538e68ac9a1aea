import { Injectable } from '@nestjs/common';
import { ContractMilestonesService } from '../../contracts/contract-milestones.service';
import type { CheckContext, CheckResult, SchedulerCheck } from './check.types';

/**
 * Fulfilment falling behind: a signed contract with a milestone (delivery, acceptance, invoice, payment)
 * not done by its due day. One alert per contract; critical once the oldest is `criticalDays` late.
 */
@Injectable()
export class MilestoneOverdueCheck implements SchedulerCheck {
  readonly name = 'milestone_overdue';
  readonly description = 'Signed contracts with a fulfilment milestone open past its due day';
  readonly alertTypes = ['milestone_overdue'] as const;
  readonly thresholds = {
    criticalDays: {
      default: 30,
      min: 1,
      max: 365,
      description: 'Days past due after which the alert is critical',
    },
  };

  constructor(private readonly milestones: ContractMilestonesService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const today = context.asOf.toISOString().slice(0, 10);
    const overdue = await this.milestones.findOverdueMilestones(context.manager, today);
    return {
      examined: await this.milestones.countOpenMilestones(context.manager),
      findings: overdue.map((row) => {
        const critical =
          context.vendorThresholds.get(row.vendorId ?? '')?.criticalDays ?? context.thresholds.criticalDays;
        return {
          type: 'milestone_overdue',
          severity: row.daysOverdue >= critical ? 'critical' : 'warning',
          level: row.repId ? 'rep' : row.vendorId ? 'vendor_manager' : 'sales_manager',
          subjectType: 'contract',
          subjectId: row.contractId,
          vendorId: row.vendorId,
          repId: row.repId,
          message: `The contract ${row.contractId} has ${row.overdueCount} milestone(s) overdue since ${row.firstDueOn}`,
          data: {
            overdueCount: row.overdueCount,
            firstDueOn: row.firstDueOn,
            daysOverdue: row.daysOverdue,
            amountMinor: row.amountMinor,
            currency: row.currency,
          },
        };
      }),
    };
  }
}
