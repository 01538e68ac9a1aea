import { Check, Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';

/** A named, reusable percent-per-month spread of a year (a seasonal year), like ERPNext's Monthly Distribution. */
@Entity('target_distribution_profiles')
@Check('CHK_target_profiles_months', 'cardinality("month_shares") = 12')
export class DistributionProfile extends BaseEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description!: string | null;

  /** Hundredths of a percent per calendar month, January first; they add up to 10 000. */
  @Column({ type: 'int', array: true })
  monthShares!: number[];
}
