import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WebhookEventType } from './webhook.entity';
import { EVENT_CATALOGUE } from './webhook-events';

export interface OutboxEvent {
  eventType: WebhookEventType;
  vendorId: string | null;
  payload: Record<string, unknown>;
}

/**
 * Writes events to the outbox inside the caller's transaction, with one pending delivery per matching
 * active subscription, so an event exists exactly when the change that caused it committed.
 */
@Injectable()
export class OutboxService {
  async publish(manager: EntityManager, events: OutboxEvent[], onlySubscriptionId?: string): Promise<void> {
    if (events.length === 0) return;
    await manager.query(
      `WITH ev AS (
         INSERT INTO webhook_events (event_type, vendor_id, payload, payload_version, occurred_at)
         SELECT e.event_type, e.vendor_id, e.payload, e.payload_version, now()
         FROM jsonb_to_recordset($1::jsonb) AS e(event_type text, vendor_id uuid, payload jsonb, payload_version smallint)
         RETURNING id, event_type, vendor_id
       )
       INSERT INTO webhook_deliveries (event_id, subscription_id, next_attempt_at)
       SELECT ev.id, s.id, now()
       FROM ev
       JOIN webhook_subscriptions s
         ON s.active
        AND ev.event_type = ANY (s.event_types)
        AND (s.vendor_id IS NULL OR s.vendor_id = ev.vendor_id)
        AND ($2::uuid IS NULL OR s.id = $2::uuid)`,
      [
        JSON.stringify(
          events.map((e) => ({
            event_type: e.eventType,
            vendor_id: e.vendorId,
            payload: e.payload,
            payload_version: EVENT_CATALOGUE[e.eventType].version,
          })),
        ),
        onlySubscriptionId ?? null,
      ],
    );
  }

  /**
   * Switches off every active subscription limited to a vendor that is being offboarded, with the reason;
   * its pending deliveries are no longer sent (delivery only drains active subscriptions).
   */
  async stopVendorSubscriptions(
    manager: EntityManager,
    vendorId: string,
    reason: string,
  ): Promise<{ id: string; url: string }[]> {
    const [rows]: [{ id: string; url: string }[], number] = await manager.query(
      `UPDATE webhook_subscriptions SET active = false, disabled_reason = $2, updated_at = now(),
              version = version + 1
        WHERE vendor_id = $1 AND active RETURNING id::text, url`,
      [vendorId, reason.slice(0, 300)],
    );
    return rows;
  }
}
