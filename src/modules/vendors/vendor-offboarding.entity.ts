import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import { LeadClawbackPolicy } from './vendor-enums';
import type { OffboardingSection } from './vendor-offboarding';

export enum OffboardingTrigger {
  TERMINATED = 'terminated',
  LAST_AGREEMENT_ENDED = 'last_agreement_ended',
}

/** What moved when a vendor was let go: one row per vendor, written in the offboarding transaction. */
@Entity('vendor_offboardings')
export class VendorOffboarding extends BaseEntity {
  @Index({ unique: true })
  @Column({ type: 'uuid' })
  vendorId!: string;

  @Column({ type: 'varchar', length: 30 })
  trigger!: OffboardingTrigger;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ type: 'varchar', length: 20 })
  leadClawbackPolicy!: LeadClawbackPolicy;

  @Column({ type: 'timestamptz', precision: 3 })
  offboardedAt!: Date;

  /** Who set it off (the scheduler when the last agreement lapsed). */
  @Column({ type: 'varchar', length: 200 })
  actorName!: string;

  @Column({ type: 'jsonb' })
  sections!: OffboardingSection[];
}
