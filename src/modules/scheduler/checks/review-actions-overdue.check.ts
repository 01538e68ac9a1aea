import { Injectable } from '@nestjs/common';
import { VendorReviewsService } from '../../scoring/vendor-reviews.service';
import type { CheckContext, CheckResult, SchedulerCheck } from './check.types';

/**
 * What a vendor review agreed and nobody did: an action item open past its due day. One alert per item,
 * to the vendor's manager; critical `criticalDays` after the due day. Closing the item resolves it.
 */
@Injectable()
export class ReviewActionsOverdueCheck implements SchedulerCheck {
  readonly name = 'review_actions_overdue';
  readonly description = 'Vendor review action items open past their due day';
  readonly alertTypes = ['review_action_overdue'] as const;
  readonly thresholds = {
    criticalDays: {
      default: 14,
      min: 1,
      max: 365,
      description: 'Days past the due day after which the alert is critical',
    },
  };

  constructor(private readonly reviews: VendorReviewsService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const today = context.asOf.toISOString().slice(0, 10);
    const overdue = await this.reviews.findOverdueReviewActions(context.manager, today);
    return {
      examined: await this.reviews.countOpenReviewActions(context.manager),
      findings: overdue.map((row) => {
        const critical =
          context.vendorThresholds.get(row.vendorId)?.criticalDays ?? context.thresholds.criticalDays;
        return {
          type: 'review_action_overdue',
          severity: row.daysOverdue >= critical ? 'critical' : 'warning',
          level: 'vendor_manager',
          subjectType: 'review_action',
          subjectId: row.actionItemId,
          vendorId: row.vendorId,
          repId: null,
          message: `The review action "${row.title}" was due on ${row.dueOn}`,
          data: {
            reviewId: row.reviewId,
            ownerUserId: row.ownerUserId,
            dueOn: row.dueOn,
            daysOverdue: row.daysOverdue,
          },
        };
      }),
    };
  }
}
