import { Injectable } from '@nestjs/common';
import { TrainingService } from '../../knowledge/training.service';
import type { CheckContext, CheckResult, SchedulerCheck } from './check.types';

/**
 * A rep's certification for a product line running out with no newer one: one alert per certification,
 * to the rep (escalation moves it up); critical in its last `criticalDays`.
 */
@Injectable()
export class CertificationExpiringCheck implements SchedulerCheck {
  readonly name = 'certification_expiring';
  readonly description = 'Rep certifications expiring soon without a newer one for the product line';
  readonly alertTypes = ['certification_expiring'] as const;
  readonly thresholds = {
    noticeDays: {
      default: 30,
      min: 1,
      max: 180,
      description: 'Days before expiry from which the alert is raised',
    },
    criticalDays: {
      default: 7,
      min: 0,
      max: 180,
      description: 'Days before expiry from which the alert is critical',
    },
  };

  constructor(private readonly training: TrainingService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const today = context.asOf.toISOString().slice(0, 10);
    // Query the widest notice any vendor asks for; each vendor's own notice filters below.
    const widest = Math.max(
      context.thresholds.noticeDays,
      ...[...context.vendorThresholds.values()].map((t) => t.noticeDays ?? 0),
    );
    const expiring = await this.training.findExpiringCertifications(context.manager, today, widest);
    return {
      examined: await this.training.countCertifications(context.manager),
      findings: expiring
        .filter((row) => {
          const notice =
            context.vendorThresholds.get(row.vendorId)?.noticeDays ?? context.thresholds.noticeDays;
          return row.daysLeft <= notice;
        })
        .map((row) => {
          const critical =
            context.vendorThresholds.get(row.vendorId)?.criticalDays ?? context.thresholds.criticalDays;
          return {
            type: 'certification_expiring',
            severity: row.daysLeft <= critical ? 'critical' : 'warning',
            level: 'rep',
            subjectType: 'certification',
            subjectId: row.id,
            vendorId: row.vendorId,
            repId: row.repId,
            message: `The rep ${row.repId}'s certification for product line ${row.productLineId} expires on ${row.expiresOn}`,
            data: { productLineId: row.productLineId, expiresOn: row.expiresOn, daysLeft: row.daysLeft },
          };
        }),
    };
  }
}
