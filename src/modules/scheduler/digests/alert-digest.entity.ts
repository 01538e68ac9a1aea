import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../../database/base.entity';
import type { AlertItemDto } from '../alerts/alerts.dto';
import type { DigestPeriod, DigestRecipientRole } from './digest.rules';

/** One alert kind in a digest. */
export interface DigestKindCount {
  type: string;
  open: number;
  acknowledged: number;
  /** Raised within the digest's window (whatever their status now). */
  raised: number;
  critical: number;
  warning: number;
  info: number;
}

/**
 * A digest as produced: what was open for one recipient in their scope on their day (or week), stored
 * once per recipient, period and key, so that a second run the same day finds it and sends nothing.
 */
@Entity('alert_digests')
@Index('alert_digests_once_per_period', ['recipientUserId', 'period', 'periodKey'], { unique: true })
@Index('alert_digests_by_recipient', ['recipientUserId', 'period', 'producedAt'])
export class AlertDigest extends BaseEntity {
  @Column({ type: 'uuid' })
  recipientUserId!: string;

  @Column({ type: 'varchar', length: 20 })
  recipientRole!: DigestRecipientRole;

  @Column({ type: 'uuid', nullable: true })
  vendorId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  repId!: string | null;

  @Column({ type: 'varchar', length: 10 })
  period!: DigestPeriod;

  /** daily: the recipient's local day; weekly: its ISO week. */
  @Column({ type: 'varchar', length: 10 })
  periodKey!: string;

  @Column({ type: 'date' })
  localDay!: string;

  @Column({ type: 'varchar', length: 64 })
  timeZone!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  windowStart!: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  producedAt!: Date;

  @Column({ type: 'int' })
  openCount!: number;

  @Column({ type: 'int' })
  acknowledgedCount!: number;

  @Column({ type: 'int' })
  raisedCount!: number;

  @Column({ type: 'jsonb' })
  byKind!: DigestKindCount[];

  @Column({ type: 'jsonb' })
  topItems!: AlertItemDto[];
}
