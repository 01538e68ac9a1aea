import { Injectable } from '@nestjs/common';
import { VendorsService } from '../../vendors/vendors.service';
import type { CheckContext, CheckResult, SchedulerCheck } from './check.types';

/** Conflict-of-interest flags waiting for a sales manager; resolved when the conflict is cleared. */
@Injectable()
export class OpenConflictsCheck implements SchedulerCheck {
  readonly name = 'conflicts';
  readonly description = 'Conflicts of interest flagged and not yet cleared';
  readonly alertTypes = ['conflict_of_interest'] as const;
  readonly thresholds = {};

  constructor(private readonly vendors: VendorsService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const conflicts = await this.vendors.findOpenConflicts(context.manager);
    return {
      examined: conflicts.length,
      findings: conflicts.map((conflict) => ({
        type: 'conflict_of_interest',
        severity: 'warning',
        level: 'sales_manager',
        subjectType: 'conflict',
        subjectId: conflict.id,
        vendorId: conflict.vendorId,
        repId: conflict.repId,
        message: `${conflict.vendorName} carries ${conflict.competingLineName} (${conflict.principalName}), competing with one of our product lines; it is out of their routing scope until cleared`,
        data: { productLineId: conflict.productLineId, principalName: conflict.principalName },
      })),
    };
  }
}
