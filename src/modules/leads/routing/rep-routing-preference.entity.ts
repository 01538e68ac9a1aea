import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../../database/base.entity';

/** A rep's own routing switches: opt out of new leads, cap leads per day. */
@Entity('rep_routing_preferences')
export class RepRoutingPreference extends BaseEntity {
  @Index({ unique: true })
  @Column({ type: 'uuid' })
  repId!: string;

  @Column({ type: 'uuid' })
  vendorId!: string;

  @Column({ type: 'boolean', default: false })
  optedOut!: boolean;

  /** Most leads routing gives this rep per rolling 24 hours; null = the rule's quota. */
  @Column({ type: 'int', nullable: true })
  dailyAssignmentQuota!: number | null;
}
