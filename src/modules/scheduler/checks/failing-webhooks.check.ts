import { Injectable } from '@nestjs/common';
import type { CheckContext, CheckResult, Finding, SchedulerCheck } from './check.types';

interface FailingSubscription {
  id: string;
  vendor_id: string | null;
  url: string;
  consecutive_failures: number;
  active: boolean;
}

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

  async run(context: CheckContext): Promise<CheckResult> {
    const rows: FailingSubscription[] = await context.manager.query(
      `SELECT s.id, s.vendor_id, s.url, s.consecutive_failures, s.active
       FROM webhook_subscriptions s
       WHERE s.consecutive_failures >= $1 OR s.disabled_reason IS NOT NULL`,
      [context.thresholds.failuresBeforeAlert],
    );
    const findings: Finding[] = rows.map((row) => ({
      type: 'webhook_failing',
      severity: row.active ? 'warning' : 'critical',
      level: 'sales_manager',
      subjectType: 'webhook_subscription',
      subjectId: row.id,
      vendorId: row.vendor_id,
      repId: null,
      message: row.active
        ? `Webhook deliveries to ${row.url} failed ${row.consecutive_failures} times in a row`
        : `Webhook subscription to ${row.url} was disabled after repeated failures`,
      data: { url: row.url, consecutiveFailures: row.consecutive_failures, active: row.active },
    }));
    const examined: number = await context.manager
      .query('SELECT count(*)::int AS n FROM webhook_subscriptions')
      .then((r: { n: number }[]) => r[0].n);
    return { examined, findings };
  }
}
