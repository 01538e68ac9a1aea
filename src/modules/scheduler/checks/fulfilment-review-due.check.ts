import { Injectable } from '@nestjs/common';
import { ContractFulfilmentReviewsService } from '../../contracts/contract-fulfilment-reviews.service';
import type { CheckContext, CheckResult, SchedulerCheck } from './check.types';

/**
 * Fulfilment reviews on a fixed cycle: a signed or active contract whose cycle's next review day has come
 * without a review. One alert per contract to the seller's vendor manager (the sales manager for an
 * internal team); critical once `criticalDays` late. Recording the review resolves it.
 */
@Injectable()
export class FulfilmentReviewDueCheck implements SchedulerCheck {
  readonly name = 'fulfilment_review_due';
  readonly description =
    'Contracts on a review cycle whose next fulfilment review day passed without a review';
  readonly alertTypes = ['fulfilment_review_due'] as const;
  readonly thresholds = {
    criticalDays: {
      default: 30,
      min: 1,
      max: 365,
      description: 'Days past the review day after which the alert is critical',
    },
  };

  constructor(private readonly reviews: ContractFulfilmentReviewsService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const today = context.asOf.toISOString().slice(0, 10);
    const due = await this.reviews.findReviewsDue(context.manager, today);
    return {
      examined: await this.reviews.countReviewedContracts(context.manager),
      findings: due.map((row) => {
        const critical =
          context.vendorThresholds.get(row.vendorId ?? '')?.criticalDays ?? context.thresholds.criticalDays;
        return {
          type: 'fulfilment_review_due',
          severity: row.daysOverdue >= critical ? 'critical' : 'warning',
          level: row.vendorId ? 'vendor_manager' : 'sales_manager',
          subjectType: 'contract',
          subjectId: row.contractId,
          vendorId: row.vendorId,
          repId: row.repId,
          message: `The ${row.reviewCycle} fulfilment review of contract ${row.contractId} was due on ${row.dueOn}`,
          data: {
            reviewCycle: row.reviewCycle,
            lastReviewedTo: row.lastReviewedTo,
            dueOn: row.dueOn,
            daysOverdue: row.daysOverdue,
          },
        };
      }),
    };
  }
}
