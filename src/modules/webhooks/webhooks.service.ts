import type { WebhookTestEventData } from './webhook-events';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import { DataScope } from '../../common/auth/data-scope';
import { Principal, Role } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { Page, PageQuery, paginate } from '../../common/pagination/pagination';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { updateVersioned } from '../../common/http/versioned-update';
import { OutboxService } from './outbox.service';
import { hostAllowed, signWebhook } from './webhook-signature';
import { WebhookDelivery, WebhookSubscription } from './webhook.entity';
import type { CreateWebhookSubscriptionDto, UpdateWebhookSubscriptionDto } from './webhooks.dto';

const BATCH_SIZE = 50;
const MAX_BACKOFF_SECONDS = 3600;

interface DueDelivery {
  id: string;
  attempts: number;
  subscription_id: string;
  url: string;
  secret: string;
  event_id: string;
  event_type: string;
  vendor_id: string | null;
  payload: Record<string, unknown>;
  payload_version: number;
  occurred_at: Date;
}

/** A subscription whose deliveries keep failing, or that was switched off for it (for the scheduler). */
export interface FailingSubscription {
  id: string;
  vendorId: string | null;
  url: string;
  consecutiveFailures: number;
  failingSince: Date | null;
  active: boolean;
}

interface Outcome {
  id: string;
  subscriptionId: string;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

@Injectable()
export class WebhooksService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private timer?: NodeJS.Timeout;
  private draining?: Promise<number>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(WebhookSubscription) private readonly subscriptions: Repository<WebhookSubscription>,
    @InjectRepository(WebhookDelivery) private readonly deliveries: Repository<WebhookDelivery>,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.webhookWorkerEnabled) return;
    this.timer = setInterval(
      () => void this.drainOnce().catch((e: unknown) => this.logger.error(String(e))),
      this.config.webhookPollMilliseconds,
    );
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.draining?.catch(() => undefined);
  }

  // ---- subscriptions ----

  /** Admins see every subscription; an integration client only its own. */
  private visible(principal: Principal) {
    const query = this.subscriptions.createQueryBuilder('subscription');
    if (principal.role !== Role.ADMIN)
      query.andWhere('subscription.created_by = :me', { me: principal.subjectId });
    return query;
  }

  private checkUrl(principal: Principal, url: string): void {
    const host = new URL(url).hostname;
    if (principal.role !== Role.ADMIN && !hostAllowed(host, this.config.webhookAllowedHosts)) {
      throw new DomainException(
        ErrorCode.WEBHOOK_HOST_NOT_ALLOWED,
        `Webhooks may only be sent to hosts an administrator allowed (WEBHOOK_ALLOWED_HOSTS); ${host} is not one`,
        [{ field: 'url', message: 'host is not on the allow-list' }],
      );
    }
  }

  async createSubscription(principal: Principal, input: CreateWebhookSubscriptionDto) {
    this.checkUrl(principal, input.url);
    const scope = DataScope.of(principal);
    // A vendor-bound client always subscribes to its own vendor's events only.
    if (!scope.isCompanyWide && input.vendorId && input.vendorId !== scope.vendorId) {
      throw DomainException.notFound('Vendor', input.vendorId);
    }
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    const saved = await this.subscriptions.save(
      this.subscriptions.create({
        url: input.url,
        secret,
        eventTypes: [...new Set(input.eventTypes)],
        vendorId: scope.vendorId ?? input.vendorId ?? null,
        description: input.description ?? '',
        createdBy: principal.subjectId,
      }),
    );
    return { subscription: saved, secret };
  }

  listSubscriptions(principal: Principal, query: PageQuery): Promise<Page<WebhookSubscription>> {
    return paginate(this.visible(principal), query, [
      { expression: 'subscription.created_at', read: (row) => row.createdAt.toISOString() },
      { expression: 'subscription.id', read: (row) => row.id },
    ]);
  }

  async getSubscription(principal: Principal, id: string): Promise<WebhookSubscription> {
    const found = await this.visible(principal).andWhere('subscription.id = :id', { id }).getOne();
    if (!found) throw DomainException.notFound('Webhook subscription', id);
    return found;
  }

  async updateSubscription(
    principal: Principal,
    id: string,
    input: UpdateWebhookSubscriptionDto,
    expectedVersion: number | undefined,
  ): Promise<WebhookSubscription> {
    const current = await this.getSubscription(principal, id);
    if (input.url) this.checkUrl(principal, input.url);
    const changes: Partial<WebhookSubscription> = {};
    if (input.url !== undefined) changes.url = input.url;
    if (input.eventTypes !== undefined) changes.eventTypes = [...new Set(input.eventTypes)];
    if (input.description !== undefined) changes.description = input.description;
    if (input.active !== undefined) {
      changes.active = input.active;
      if (input.active) {
        Object.assign(changes, { consecutiveFailures: 0, failingSince: null, disabledReason: null });
      }
    }
    return this.dataSource.transaction(async (manager) => {
      const updated = await updateVersioned(manager, WebhookSubscription, current, changes, expectedVersion);
      if (input.active && !current.active) await this.outbox.releaseHeld(manager, id);
      return updated;
    });
  }

  async deleteSubscription(principal: Principal, id: string): Promise<void> {
    await this.getSubscription(principal, id);
    await this.subscriptions.delete({ id });
  }

  /** Sends a `webhook.test` event to this subscription only, through the normal outbox path. */
  async pingSubscription(principal: Principal, id: string): Promise<void> {
    const subscription = await this.getSubscription(principal, id);
    await this.dataSource.transaction((manager) =>
      this.outbox.publish(
        manager,
        [
          {
            eventType: 'webhook.test',
            vendorId: subscription.vendorId,
            payload: { subscriptionId: id } satisfies WebhookTestEventData,
          },
        ],
        id,
      ),
    );
  }

  async listDeliveries(
    principal: Principal,
    subscriptionId: string,
    query: PageQuery,
  ): Promise<Page<WebhookDelivery>> {
    await this.getSubscription(principal, subscriptionId);
    const builder = this.deliveries
      .createQueryBuilder('delivery')
      .leftJoinAndSelect('delivery.event', 'event')
      .where('delivery.subscription_id = :subscriptionId', { subscriptionId });
    return paginate(builder, query, [
      { expression: 'delivery.created_at', read: (row) => row.createdAt.toISOString() },
      { expression: 'delivery.id', read: (row) => row.id },
    ]);
  }

  /** Queues a delivery again (after a receiver was fixed), from its first attempt. */
  async redeliver(principal: Principal, deliveryId: string): Promise<WebhookDelivery> {
    const delivery = await this.deliveries.findOneBy({ id: deliveryId });
    if (!delivery) throw DomainException.notFound('Webhook delivery', deliveryId);
    await this.getSubscription(principal, delivery.subscriptionId).catch(() => {
      throw DomainException.notFound('Webhook delivery', deliveryId);
    });
    await this.deliveries.update(deliveryId, { status: 'pending', attempts: 0, nextAttemptAt: new Date() });
    return this.deliveries.findOneOrFail({ where: { id: deliveryId }, relations: { event: true } });
  }

  // ---- set-based reads for the scheduler (in the caller's transaction) ----

  /** Subscriptions failing at least `minConsecutiveFailures` times in a row, or disabled for failing. */
  async findFailingSubscriptions(
    manager: EntityManager,
    minConsecutiveFailures: number,
  ): Promise<FailingSubscription[]> {
    const rows: {
      id: string;
      vendor_id: string | null;
      url: string;
      consecutive_failures: number;
      failing_since: Date | null;
      active: boolean;
    }[] = await manager.query(
      `SELECT s.id, s.vendor_id, s.url, s.consecutive_failures, s.failing_since, s.active
       FROM webhook_subscriptions s
       WHERE s.consecutive_failures >= $1 OR s.disabled_reason IS NOT NULL`,
      [minConsecutiveFailures],
    );
    return rows.map((row) => ({
      id: row.id,
      vendorId: row.vendor_id,
      url: row.url,
      consecutiveFailures: row.consecutive_failures,
      failingSince: row.failing_since,
      active: row.active,
    }));
  }

  async countSubscriptions(manager: EntityManager): Promise<number> {
    const rows: { n: number }[] = await manager.query('SELECT count(*)::int AS n FROM webhook_subscriptions');
    return rows[0].n;
  }

  // ---- the worker ----

  /**
   * Delivers due events once. Rows are claimed with FOR UPDATE SKIP LOCKED, so any number of replicas
   * drain the same outbox without sending an event twice at the same time.
   */
  drainOnce(): Promise<number> {
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
    return this.draining;
  }

  private async drain(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due: DueDelivery[] = await manager.query(
        `SELECT d.id, d.attempts, d.subscription_id, s.url, s.secret, e.id AS event_id, e.event_type,
                e.vendor_id, e.payload, e.payload_version, e.occurred_at
         FROM webhook_deliveries d
         JOIN webhook_subscriptions s ON s.id = d.subscription_id
         JOIN webhook_events e ON e.id = d.event_id
         WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND s.active
         ORDER BY d.next_attempt_at, d.created_at, d.id
         LIMIT $1
         FOR UPDATE OF d SKIP LOCKED`,
        [BATCH_SIZE],
      );
      if (due.length === 0) return 0;
      const outcomes = await Promise.all(due.map((delivery) => this.send(delivery)));

      await manager.query(
        `UPDATE webhook_deliveries d SET
           attempts = d.attempts + 1,
           last_attempt_at = now(),
           last_status_code = o.status_code,
           last_error = o.error,
           status = CASE WHEN o.ok THEN 'delivered' WHEN d.attempts + 1 >= $2 THEN 'failed' ELSE 'pending' END,
           delivered_at = CASE WHEN o.ok THEN now() ELSE NULL END,
           next_attempt_at = CASE WHEN o.ok THEN d.next_attempt_at
             ELSE now() + make_interval(secs => LEAST($3::float8 * power(2, d.attempts), $4)) END,
           updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS o(id uuid, ok boolean, status_code int, error text)
         WHERE d.id = o.id`,
        [
          JSON.stringify(
            outcomes.map((o) => ({ id: o.id, ok: o.ok, status_code: o.statusCode, error: o.error })),
          ),
          this.config.webhookMaxAttempts,
          this.config.webhookRetryBaseSeconds,
          MAX_BACKOFF_SECONDS,
        ],
      );
      // A success ends a subscription's failure streak; a streak older than the disable window (not a
      // number of attempts: short retries during a brief outage add up fast) switches it off.
      await manager.query(
        `UPDATE webhook_subscriptions s SET
           consecutive_failures = CASE WHEN r.any_ok THEN 0 ELSE s.consecutive_failures + r.failures END,
           failing_since = CASE WHEN r.any_ok THEN NULL ELSE COALESCE(s.failing_since, now()) END,
           active = s.active AND (r.any_ok OR COALESCE(s.failing_since, now()) > now() - make_interval(hours => $2::int)),
           disabled_reason = CASE WHEN s.active AND NOT r.any_ok
               AND COALESCE(s.failing_since, now()) <= now() - make_interval(hours => $2::int)
             THEN 'disabled after failing for ' || $2::int::text || ' hours (' || (s.consecutive_failures + r.failures)
               || ' failed deliveries in a row)'
             ELSE s.disabled_reason END,
           updated_at = now()
         FROM (SELECT o.subscription_id, bool_or(o.ok) AS any_ok, count(*) FILTER (WHERE NOT o.ok)::int AS failures
               FROM jsonb_to_recordset($1::jsonb) AS o(subscription_id uuid, ok boolean)
               GROUP BY o.subscription_id) r
         WHERE s.id = r.subscription_id`,
        [
          JSON.stringify(outcomes.map((o) => ({ subscription_id: o.subscriptionId, ok: o.ok }))),
          this.config.webhookDisableAfterHours,
        ],
      );
      return due.length;
    });
  }

  private async send(delivery: DueDelivery): Promise<Outcome> {
    const body = JSON.stringify({
      id: delivery.event_id,
      type: delivery.event_type,
      version: delivery.payload_version,
      occurredAt: new Date(delivery.occurred_at).toISOString(),
      vendorId: delivery.vendor_id,
      data: delivery.payload,
    });
    const outcome = { id: delivery.id, subscriptionId: delivery.subscription_id };
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        body,
        // Never follow redirects: a receiver must not bounce our signed events to another address.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.webhookTimeoutMilliseconds),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'OSM-Webhooks/1',
          'osm-event-id': delivery.event_id,
          'osm-event-type': delivery.event_type,
          'osm-event-version': String(delivery.payload_version),
          'osm-delivery-id': delivery.id,
          'osm-signature': signWebhook(delivery.secret, body, Math.floor(Date.now() / 1000)),
        },
      });
      await response.body?.cancel();
      const ok = response.status >= 200 && response.status < 300;
      return {
        ...outcome,
        ok,
        statusCode: response.status,
        error: ok ? null : `receiver answered ${response.status}`,
      };
    } catch (error) {
      const reason =
        error instanceof Error
          ? error.cause instanceof Error
            ? error.cause.message
            : error.message
          : String(error);
      return { ...outcome, ok: false, statusCode: null, error: reason.slice(0, 500) };
    }
  }
}
