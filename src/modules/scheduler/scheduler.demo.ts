import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CheckSettingsService } from './checks/check-settings.service';
import { IdleRepsCheck } from './checks/idle-reps.check';

/** Where the demo's retired CRM bridge used to listen: nothing answers there any more. */
const DEAD_RECEIVER_URL = 'http://127.0.0.1:9/osm-events';
const FAILED_ATTEMPTS = 6;
/** Recorded as the subscription's creator: the demo seeding, not a person. */
const DEMO_SEEDER_ID = '00000000-0000-4000-8000-0000000000de';

/**
 * Scheduler demo set-up: one vendor whose reps are judged against their weekly quota from Monday on (so
 * the weekly-quota alert shows whatever weekday the demo starts), and a webhook subscription to a retired
 * CRM bridge, switched off after its failed deliveries (on record), so no demo event is sent there.
 */
@Injectable()
export class SchedulerDemoSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: CheckSettingsService,
    private readonly idleReps: IdleRepsCheck,
  ) {}

  async seedDemoScheduler(demo: { strictVendorId: string }): Promise<void> {
    await this.settings.setVendorOverride(this.idleReps, demo.strictVendorId, { fromIsoWeekday: 1 });
    await this.dataSource.transaction(async (em) => {
      const [{ exists }] = await em.query<{ exists: boolean }[]>(
        'SELECT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE url = $1) AS exists',
        [DEAD_RECEIVER_URL],
      );
      if (exists) return;
      await em.query(
        `WITH subscription AS (
           INSERT INTO webhook_subscriptions (url, secret, event_types, description, consecutive_failures, created_by,
             active, disabled_reason)
           VALUES ($1, $4, ARRAY['lead.assigned'], 'Legacy CRM bridge (retired)', $2, $3,
             false, 'receiver retired: switched off after ' || $2::int || ' failed deliveries')
           RETURNING id),
         event AS (
           INSERT INTO webhook_events (event_type, payload, occurred_at)
           VALUES ('webhook.test', '{"ping":true}', now() - interval '2 hours')
           RETURNING id)
         INSERT INTO webhook_deliveries (event_id, subscription_id, status, attempts, next_attempt_at,
           last_attempt_at, last_error)
         SELECT event.id, subscription.id, 'failed', $2, now() - interval '1 hour', now() - interval '1 hour',
                'connect ECONNREFUSED 127.0.0.1:9'
           FROM subscription, event`,
        [
          DEAD_RECEIVER_URL,
          FAILED_ATTEMPTS,
          DEMO_SEEDER_ID,
          `whsec_${randomBytes(24).toString('base64url')}`,
        ],
      );
    });
  }
}
