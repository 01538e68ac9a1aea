import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../../database/base.entity';

/** Company-wide routing switches; one row. */
@Entity('routing_settings')
export class RoutingSetting extends BaseEntity {
  /** Always `company`: the single settings row. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 20, default: 'company' })
  scope!: string;

  /** Route every lead taken in without an owner at once, in the intake's transaction. */
  @Column({ type: 'boolean', default: false })
  autoAssignOnIntake!: boolean;
}
