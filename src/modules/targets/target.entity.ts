import { Check, Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import { bigintAsNumber } from '../../database/transformers';
import { OwnerKind, SplitAxis, TargetMetric, TargetStatus } from './target.enums';

/**
 * One target: a metric for a period and an owner node (company, sales unit, vendor or rep), optionally
 * narrowed to a region, industry or product line. Values are integers in the metric's unit (minor units
 * of `currency` for money, basis points for rates). Children split it along `splitAxis`.
 */
@Entity('targets')
@Index(['parentId'])
@Index(['ownerKind', 'ownerId', 'periodStart'])
@Check(
  'CHK_targets_values',
  '"base_value" >= 0 AND coalesce("stretch_value", 0) >= 0 AND coalesce("challenge_value", 0) >= 0 AND "weight" > 0',
)
export class Target extends BaseEntity {
  @Column({ type: 'varchar', length: 30 })
  metric!: TargetMetric;

  @Column({ type: 'varchar', length: 8 })
  periodKey!: string;

  /** First local day of the period; with periodEnd it lets readers find targets by date. */
  @Column({ type: 'date' })
  periodStart!: string;

  /** The day after the last (half-open). */
  @Column({ type: 'date' })
  periodEnd!: string;

  @Column({ type: 'varchar', length: 12 })
  ownerKind!: OwnerKind;

  /** Null for the company node. */
  @Column({ type: 'uuid', nullable: true })
  ownerId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  regionId!: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  industryCode!: string | null;

  @Column({ type: 'uuid', nullable: true })
  productLineId!: string | null;

  @Column({ type: 'char', length: 3, nullable: true })
  currency!: string | null;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  baseValue!: number;

  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  stretchValue!: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  challengeValue!: number | null;

  /** A child's share of the base a rate is measured on (the weighted-mean rule); 1 unless told. */
  @Column({ type: 'double precision', default: 1 })
  weight!: number;

  @Column({ type: 'varchar', length: 10, default: TargetStatus.DRAFT })
  status!: TargetStatus;

  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  /** The axis this target's children split it along; set by its first child. */
  @Column({ type: 'varchar', length: 14, nullable: true })
  splitAxis!: SplitAxis | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @Column({ type: 'uuid', nullable: true })
  approvedBy!: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  approvedAt!: Date | null;

  /** The highest milestone (50, 90, 100 % of the base) `target.milestone` was sent for; 0: none yet. */
  @Column({ type: 'smallint', default: 0 })
  milestoneSentPercent!: number;
}
