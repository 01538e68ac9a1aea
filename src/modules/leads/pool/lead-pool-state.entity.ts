import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../../database/base.entity';

/** Per-lead routing and pool state, kept beside the lead: ownership clock, pool, recoveries. */
@Entity('lead_pool_states')
@Index(['poolId'])
export class LeadPoolState extends BaseEntity {
  @Index({ unique: true })
  @Column({ type: 'uuid' })
  leadId!: string;

  /** When the current owner got the lead; idle windows count from here or the last touch. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  ownedSince!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  poolId!: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  enteredPoolAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  recoveryCount!: number;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastReclaimedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  lastOwnerRepId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  lastOwnerVendorId!: string | null;

  /** Set when the owner was warned of the coming reclaim; cleared on a new owner. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  reclaimWarnedAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastRevivedAt!: Date | null;
}
