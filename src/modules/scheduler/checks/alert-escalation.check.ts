import { Injectable } from '@nestjs/common';
import { AlertsService } from '../alerts/alerts.service';
import type { CheckContext, CheckResult, SchedulerCheck } from './check.types';

/** Open alerts nobody acknowledged move up a level: rep → vendor manager → sales manager. */
@Injectable()
export class AlertEscalationCheck implements SchedulerCheck {
  readonly name = 'alert_escalation';
  readonly description = 'Raise unacknowledged open alerts to the next level after a number of hours';
  readonly alertTypes = [] as const;
  readonly thresholds = {
    hoursBeforeEscalation: {
      default: 24,
      min: 1,
      max: 720,
      description: 'Hours an alert may stay open per level',
    },
  };

  constructor(private readonly alerts: AlertsService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const escalated = await this.alerts.escalate(
      context.manager,
      context.asOf,
      context.thresholds.hoursBeforeEscalation,
    );
    return { examined: escalated, findings: [] };
  }
}
