import { Injectable } from '@nestjs/common';
import { Role } from '../../../common/auth/role';
import { VendorsService } from '../../vendors/vendors.service';
import type { CheckContext, CheckResult, SchedulerCheck } from './check.types';

/** The scheduler as the actor of the offboardings it performs (audit, lead history). */
const SCHEDULER_ACTOR = {
  subjectId: '00000000-0000-4000-8000-000000000000',
  kind: 'user',
  role: Role.ADMIN,
  vendorId: null,
  repId: null,
  name: 'Scheduler',
} as const;

/**
 * A live vendor whose last agreement has ended with no successor is let go as if terminated: access
 * revoked, leads clawed back, webhooks stopped. The notice to the sales manager stays until acknowledged
 * (the vendor is not found again, so it does not resolve by itself).
 */
@Injectable()
export class LapsedAgreementsCheck implements SchedulerCheck {
  readonly name = 'lapsed_agreements';
  readonly description = 'Offboard active or suspended vendors whose last agreement ended with no successor';
  readonly alertTypes = [] as const;
  readonly thresholds = {};

  constructor(private readonly vendors: VendorsService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const offboarded = await this.vendors.offboardVendorsWithLapsedAgreements(
      context.manager,
      context.asOf,
      SCHEDULER_ACTOR,
    );
    return {
      examined: offboarded.length,
      findings: offboarded.map((vendor) => ({
        type: 'vendor_offboarded',
        severity: 'warning',
        level: 'sales_manager',
        subjectType: 'vendor',
        subjectId: vendor.vendorId,
        vendorId: vendor.vendorId,
        repId: null,
        message: `${vendor.vendorName} was offboarded: its last agreement ended on ${vendor.lastEndedOn} with no successor`,
        data: { lastEndedOn: vendor.lastEndedOn },
      })),
    };
  }
}
