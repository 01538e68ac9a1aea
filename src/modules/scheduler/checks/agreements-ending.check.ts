import { Injectable } from '@nestjs/common';
import { VendorsService } from '../../vendors/vendors.service';
import type { CheckContext, CheckResult, SchedulerCheck } from './check.types';

/** Vendor agreements about to end with nothing signed to follow them: time to renew or replace. */
@Injectable()
export class AgreementsEndingCheck implements SchedulerCheck {
  readonly name = 'agreements_ending';
  readonly description = 'Vendor agreements that end within N days with no successor agreement';
  readonly alertTypes = ['agreement_ending'] as const;
  readonly thresholds = {
    daysBeforeEnd: { default: 30, min: 1, max: 365, description: 'Warn this many days before the end date' },
    criticalDaysBeforeEnd: {
      default: 7,
      min: 0,
      max: 365,
      description: 'Critical from this many days before',
    },
  };

  constructor(private readonly vendors: VendorsService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const today = context.asOf.toISOString().slice(0, 10);
    const daysByVendor = Object.fromEntries(
      [...context.vendorThresholds].map(([vendorId, thresholds]) => [vendorId, thresholds.daysBeforeEnd]),
    );
    const ending = await this.vendors.findAgreementsEndingWithoutSuccessor(
      context.manager,
      today,
      context.thresholds.daysBeforeEnd,
      daysByVendor,
    );
    return {
      examined: await this.vendors.countAgreements(context.manager),
      findings: ending.map((agreement) => ({
        type: 'agreement_ending',
        severity: agreement.daysLeft <= context.thresholds.criticalDaysBeforeEnd ? 'critical' : 'warning',
        level: 'sales_manager',
        subjectType: 'agreement',
        subjectId: agreement.id,
        vendorId: agreement.vendorId,
        repId: null,
        message: `The agreement${agreement.reference ? ` ${agreement.reference}` : ''} with ${agreement.vendorName} ends on ${agreement.endsOn} (${agreement.daysLeft} days) and has no successor`,
        data: { endsOn: agreement.endsOn, daysLeft: agreement.daysLeft, reference: agreement.reference },
      })),
    };
  }
}
