import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WebhookEventType } from './webhook.entity';
import { EVENT_CATALOGUE } from './webhook-events';

/** The backlog a switched-off subscription keeps; beyond it the oldest held deliveries are dropped. */
export const MAX_HELD_DELIVERIES = 10_000;

export interface OutboxEvent {
  eventType: WebhookEventType;
  vendorId: string | null;
  payload: Record<string, unknown>;
}

/**
 * Writes events to the outbox inside the caller's transaction, with one delivery per matching
 * subscription, so an event exists exactly when the change that caused it committed. A switched-off
 * subscription still gets its deliveries, `held` until it is re-enabled, at most
 * MAX_HELD_DELIVERIES of them (the oldest are dropped and counted in `dropped_while_disabled`).
 */
@Injectable()
export class OutboxService {
  async publish(manager: EntityManager, events: OutboxEvent[], onlySubscriptionId?: string): Promise<void> {
    if (events.length === 0) return;
    await this.insertEvents(
      manager,
      `SELECT e.event_type, e.vendor_id, e.payload, e.payload_version
         FROM jsonb_to_recordset($1::jsonb) AS e(event_type text, vendor_id uuid, payload jsonb, payload_version smallint)`,
      [
        JSON.stringify(
          events.map((e) => ({
            event_type: e.eventType,
            vendor_id: e.vendorId,
            payload: e.payload,
            payload_version: EVENT_CATALOGUE[e.eventType].version,
          })),
        ),
      ],
      onlySubscriptionId ?? null,
    );
  }

  /**
   * `publish` for events PostgreSQL can state itself: `rowsSql` selects each event's `vendor_id` and
   * `payload` (in the order they are to be queued) from the caller's tables, with `params` numbered from $3,
   * so a 10 000-lead import's events are not read back into JavaScript only to be sent again.
   */
  async publishSelected(
    manager: EntityManager,
    eventType: WebhookEventType,
    rowsSql: string,
    params: unknown[],
  ): Promise<void> {
    await this.insertEvents(
      manager,
      `SELECT $1::text AS event_type, r.vendor_id, r.payload, $2::smallint AS payload_version FROM (${rowsSql}) r`,
      [eventType, EVENT_CATALOGUE[eventType].version, ...params],
      null,
    );
  }

  /** Writes the events `eventsSql` selects, with one delivery per matching subscription. */
  private async insertEvents(
    manager: EntityManager,
    eventsSql: string,
    params: unknown[],
    onlySubscriptionId: string | null,
  ): Promise<void> {
    const only = params.length + 1;
    const held: { subscription_id: string }[] = await manager
      .query(
        `WITH ev AS (
         INSERT INTO webhook_events (event_type, vendor_id, payload, payload_version, occurred_at)
         SELECT e.event_type, e.vendor_id, e.payload, e.payload_version, now() FROM (${eventsSql}) e
         RETURNING id, event_type, vendor_id
       )
       INSERT INTO webhook_deliveries (event_id, subscription_id, next_attempt_at, status)
       SELECT ev.id, s.id, now(), CASE WHEN s.active THEN 'pending' ELSE 'held' END
       FROM ev
       JOIN webhook_subscriptions s
         ON ev.event_type = ANY (s.event_types)
        AND (s.vendor_id IS NULL OR s.vendor_id = ev.vendor_id)
        AND ($${only}::uuid IS NULL OR s.id = $${only}::uuid)
       RETURNING subscription_id::text, status`,
        [...params, onlySubscriptionId],
      )
      .then((rows: { subscription_id: string; status: string }[]) => rows.filter((r) => r.status === 'held'));
    if (held.length > 0) await this.capHeld(manager, [...new Set(held.map((r) => r.subscription_id))]);
  }

  /** Drops the oldest held deliveries beyond the backlog bound, counting them on the subscription. */
  private async capHeld(manager: EntityManager, subscriptionIds: string[]): Promise<void> {
    await manager.query(
      `WITH ranked AS (
         SELECT id, row_number() OVER (PARTITION BY subscription_id ORDER BY created_at DESC, id DESC) AS rank
         FROM webhook_deliveries
         WHERE status = 'held' AND subscription_id = ANY ($1::uuid[])
       ), dropped AS (
         DELETE FROM webhook_deliveries d USING ranked r
         WHERE d.id = r.id AND r.rank > $2
         RETURNING d.subscription_id
       )
       UPDATE webhook_subscriptions s SET dropped_while_disabled = s.dropped_while_disabled + c.n
       FROM (SELECT subscription_id, count(*)::int AS n FROM dropped GROUP BY subscription_id) c
       WHERE s.id = c.subscription_id`,
      [subscriptionIds, MAX_HELD_DELIVERIES],
    );
  }

  /**
   * Sends the backlog of a re-enabled subscription: its held and waiting deliveries become due at once,
   * in the order their events were queued.
   */
  async releaseHeld(manager: EntityManager, subscriptionId: string): Promise<void> {
    await manager.query(
      `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = created_at, updated_at = now()
        WHERE subscription_id = $1 AND status IN ('held', 'pending')`,
      [subscriptionId],
    );
  }

  /**
   * Switches off every active subscription limited to a vendor that is being offboarded, with the reason;
   * its pending deliveries wait, and new events are held, until it is re-enabled.
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
