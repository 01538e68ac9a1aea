import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../../database/base.entity';
import { DeclineReason } from './routing.enums';

/** A rep (or a whole vendor, when repId is null) refused a lead; it is never offered to them again. */
@Entity('lead_declines')
@Index(['leadId'])
export class LeadDecline extends BaseEntity {
  @Column({ type: 'uuid' })
  leadId!: string;

  @Column({ type: 'uuid' })
  vendorId!: string;

  @Column({ type: 'uuid', nullable: true })
  repId!: string | null;

  @Column({ type: 'varchar', length: 20 })
  reason!: DeclineReason;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note!: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;
}
