import { Injectable } from '@nestjs/common';
import { ComplaintsService } from '../../scoring/complaints.service';
import type { CheckContext, CheckResult, SchedulerCheck } from './check.types';

/**
 * A customer left waiting: a complaint not resolved by its response deadline. One alert per complaint,
 * to the vendor's manager (the sales manager for a company customer); critical once `criticalHours`
 * past the deadline. Resolving the complaint resolves the alert at the next run.
 */
@Injectable()
export class ComplaintsOverdueCheck implements SchedulerCheck {
  readonly name = 'complaints_overdue';
  readonly description = 'Complaints not resolved by their response deadline';
  readonly alertTypes = ['complaint_overdue'] as const;
  readonly thresholds = {
    criticalHours: {
      default: 48,
      min: 1,
      max: 2160,
      description: 'Hours past the deadline after which the alert is critical',
    },
  };

  constructor(private readonly complaints: ComplaintsService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const overdue = await this.complaints.findOverdueComplaints(context.manager, context.asOf);
    return {
      examined: await this.complaints.countOpenComplaints(context.manager),
      findings: overdue.map((row) => {
        const critical =
          context.vendorThresholds.get(row.vendorId ?? '')?.criticalHours ?? context.thresholds.criticalHours;
        return {
          type: 'complaint_overdue',
          severity: row.hoursOverdue >= critical ? 'critical' : 'warning',
          level: row.vendorId ? 'vendor_manager' : 'sales_manager',
          subjectType: 'complaint',
          subjectId: row.complaintId,
          vendorId: row.vendorId,
          repId: row.repId,
          message: `The ${row.category} complaint ${row.complaintId} is past its deadline of ${new Date(row.deadlineAt).toISOString()}`,
          data: {
            customerId: row.customerId,
            contractId: row.contractId,
            category: row.category,
            deadlineAt: new Date(row.deadlineAt).toISOString(),
            hoursOverdue: row.hoursOverdue,
          },
        };
      }),
    };
  }
}
