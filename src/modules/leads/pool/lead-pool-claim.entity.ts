import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../../database/base.entity';

/** One lead taken out of a pool, by a rep's claim or a manager's distribution; counts toward daily limits. */
@Entity('lead_pool_claims')
@Index(['repId', 'claimedAt'])
export class LeadPoolClaim extends BaseEntity {
  @Column({ type: 'uuid' })
  poolId!: string;

  @Column({ type: 'uuid' })
  leadId!: string;

  @Column({ type: 'uuid' })
  repId!: string;

  @Column({ type: 'boolean', default: false })
  distributed!: boolean;

  @Column({ type: 'timestamptz', precision: 3 })
  claimedAt!: Date;
}
