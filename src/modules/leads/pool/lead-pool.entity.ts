import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../../database/base.entity';

/** Days per tier: key leads first, then by grade (dead leads use the low window). */
export interface TieredDays {
  key: number;
  high: number;
  medium: number;
  low: number;
}

/**
 * A lead pool (公海): where leads nobody works go back to, to be claimed by reps or distributed by
 * managers. A company pool (no vendor) is open to everyone; a vendor pool to that vendor only.
 */
@Entity('lead_pools')
@Index(['vendorId'])
export class LeadPool extends BaseEntity {
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'uuid', nullable: true })
  vendorId!: string | null;

  /** Reclaimed leads of vendors without their own pool go to the default company pool. */
  @Column({ type: 'boolean', default: false })
  isDefault!: boolean;

  /** Reclaim after this many days without a follow-up. */
  @Column({ type: 'jsonb' })
  noFollowUpDays!: TieredDays;

  /** Reclaim after this many days without moving to the next status. */
  @Column({ type: 'jsonb', nullable: true })
  noProgressDays!: TieredDays | null;

  /** Warn the owner this many days before the reclaim. */
  @Column({ type: 'int', default: 0 })
  warnDaysBefore!: number;

  /** Most open leads a rep may hold and still claim. */
  @Column({ type: 'int' })
  holdingCap!: number;

  @Column({ type: 'int' })
  dailyClaimLimit!: number;

  /** Hours before the previous owner may claim a lead reclaimed from them. */
  @Column({ type: 'int', default: 0 })
  cooldownHours!: number;

  /** When the pool was closed: it takes no leads and gives none; its leads moved to the default pool. */
  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
