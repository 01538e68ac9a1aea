import { Injectable } from '@nestjs/common';
import { WebhooksService } from '../../webhooks/webhooks.service';
import type { CheckContext, CheckResult, Finding, SchedulerCheck } from './check.types';

/** Tells operations when an ERP's webhook endpoint keeps failing, before (and after) it is disabled. */
@Injectable()
export class FailingWebhooksCheck implements SchedulerCheck {
  readonly name = 'failing_webhooks';
  readonly description = 'Webhook subscriptions whose deliveries keep failing, or that were disabled for it';
  readonly alertTypes = ['webhook_failing'] as const;
  readonly thresholds = {
    failuresBeforeAlert: {
      default: 5,
      min: 1,
      max: 1000,
      description: 'Consecutive failed attempts before alerting',
    },
  };

  constructor(private readonly webhooks: WebhooksService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const failing = await this.webhooks.findFailingSubscriptions(
      context.manager,
      context.thresholds.failuresBeforeAlert,
    );
    const findings: Finding[] = failing.map((subscription) => ({
      type: 'webhook_failing',
      severity: subscription.active ? 'warning' : 'critical',
      level: 'sales_manager',
      subjectType: 'webhook_subscription',
      subjectId: subscription.id,
      vendorId: subscription.vendorId,
      repId: null,
      message: subscription.active
        ? `Webhook deliveries to ${subscription.url} failed ${subscription.consecutiveFailures} times in a row`
        : `Webhook subscription to ${subscription.url} was switched off; its events are held until it is re-enabled`,
      data: {
        url: subscription.url,
        consecutiveFailures: subscription.consecutiveFailures,
        failingSince: subscription.failingSince ? new Date(subscription.failingSince).toISOString() : null,
        active: subscription.active,
      },
    }));
    return { examined: await this.webhooks.countSubscriptions(context.manager), findings };
  }
}
