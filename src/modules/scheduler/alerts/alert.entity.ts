import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../../database/base.entity';

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
/** Who an alert is addressed to; escalation moves it up one step at a time. */
export const ALERT_LEVELS = ['rep', 'vendor_manager', 'sales_manager'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];
export const ALERT_SUBJECT_TYPES = [
  'rep',
  'lead',
  'vendor',
  'agreement',
  'conflict',
  'webhook_subscription',
  'contract',
  'target',
  'certification',
  'complaint',
  'review_action',
] as const;
export type AlertSubjectType = (typeof ALERT_SUBJECT_TYPES)[number];

/** A condition a check found. At most one unresolved alert per type and subject, whatever the runs. */
@Entity('alerts')
// `?updatedSince=` walks changes in (updated_at, id) order: the sync order of an ERP integration.
@Index('alerts_sync_order', ['updatedAt', 'id'])
@Index('alerts_one_unresolved_per_subject', ['type', 'subjectType', 'subjectId'], {
  unique: true,
  where: `status <> 'resolved'`,
})
@Index('alerts_by_vendor', ['vendorId', 'status', 'raisedAt'])
@Index('alerts_by_status', ['status', 'raisedAt'])
export class Alert extends BaseEntity {
  @Column({ type: 'varchar', length: 60 })
  type!: string;

  @Column({ type: 'varchar', length: 60 })
  checkName!: string;

  @Column({ type: 'varchar', length: 20 })
  severity!: AlertSeverity;

  @Column({ type: 'varchar', length: 30 })
  subjectType!: AlertSubjectType;

  @Column({ type: 'uuid' })
  subjectId!: string;

  /** Scope: the vendor whose manager may see the alert (null: company level). */
  @Column({ type: 'uuid', nullable: true })
  vendorId!: string | null;

  /** The rep the alert is about or addressed to, when there is one. */
  @Column({ type: 'uuid', nullable: true })
  repId!: string | null;

  @Column({ type: 'varchar', length: 500 })
  message!: string;

  @Column({ type: 'jsonb', default: {} })
  data!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 20, default: 'open' })
  status!: AlertStatus;

  @Column({ type: 'varchar', length: 20, default: 'rep' })
  level!: AlertLevel;

  @Column({ type: 'timestamptz' })
  raisedAt!: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acknowledgedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;
}
