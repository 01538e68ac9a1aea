import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';

export const WEBHOOK_EVENT_TYPES = [
  'alert.raised',
  'alert.resolved',
  'lead.assigned',
  'lead.reclaimed',
  'call_report.flagged',
  'statement.approved',
  'webhook.test',
  'contract.signed',
  'contract.status_changed',
  'contract.expiring',
  'lead.won',
  'customer.created',
  'target.milestone',
  'rep.grade_changed',
  'vendor.tier_changed',
  'digest.daily',
  'digest.weekly',
  'lead.personal_data_erased',
  'lead.created',
  'lead.status_changed',
  'lead.lost',
  'rep.changed',
  'vendor.status_changed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

@Entity('webhook_subscriptions')
export class WebhookSubscription extends BaseEntity {
  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  /** HMAC-SHA256 key for the signature header; shown once at creation. */
  @Column({ type: 'varchar', length: 100, select: false })
  secret!: string;

  @Column({ type: 'text', array: true })
  eventTypes!: WebhookEventType[];

  /** Only events of this vendor (an integration client bound to a vendor always gets its own). */
  @Column({ type: 'uuid', nullable: true })
  vendorId!: string | null;

  @Column({ type: 'varchar', length: 200, default: '' })
  description!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'int', default: 0 })
  consecutiveFailures!: number;

  /** When the current streak of failed attempts began (null while deliveries succeed). */
  @Column({ type: 'timestamptz', nullable: true })
  failingSince!: Date | null;

  /** Held deliveries dropped (oldest first) because the backlog of the switched-off subscription was full. */
  @Column({ type: 'int', default: 0 })
  droppedWhileDisabled!: number;

  @Column({ type: 'varchar', length: 300, nullable: true })
  disabledReason!: string | null;

  @Column({ type: 'uuid' })
  createdBy!: string;
}

/** The outbox: every event, written in the same transaction as the change that caused it. */
@Entity('webhook_events')
@Index('webhook_events_recent', ['occurredAt'])
export class WebhookEvent extends BaseEntity {
  @Column({ type: 'varchar', length: 60 })
  eventType!: WebhookEventType;

  @Column({ type: 'uuid', nullable: true })
  vendorId!: string | null;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** The catalogue's payload version when the event was written; deliveries carry it as `version`. */
  @Column({ type: 'smallint', default: 1 })
  payloadVersion!: number;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;
}

/** `held`: queued for a switched-off subscription, sent in order once it is re-enabled. */
export type DeliveryStatus = 'pending' | 'held' | 'delivered' | 'failed';

/** One event for one subscription: the delivery log, and the queue the worker drains. */
@Entity('webhook_deliveries')
@Index('webhook_deliveries_due', ['nextAttemptAt'], { where: `status = 'pending'` })
@Index('webhook_deliveries_by_subscription', ['subscriptionId', 'createdAt'])
export class WebhookDelivery extends BaseEntity {
  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => WebhookEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: WebhookEvent;

  @Column({ type: 'uuid' })
  subscriptionId!: string;

  @ManyToOne(() => WebhookSubscription, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id' })
  subscription?: WebhookSubscription;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status!: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ type: 'int', nullable: true })
  lastStatusCode!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}
