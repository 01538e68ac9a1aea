import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import { bigintAsNumber } from '../../database/transformers';
import type { ForecastLevel } from './forecast.dto';

/**
 * A manager's own number for one period, node and currency, kept beside the computed forecast (never
 * instead of it). Each change appends a revision with the previous value, who and why.
 */
@Entity('forecast_adjustments')
@Index('forecast_adjustments_one_per_node', ['periodKey', 'nodeKey', 'currency'], { unique: true })
export class ForecastAdjustment extends BaseEntity {
  @Column({ type: 'varchar', length: 8 })
  periodKey!: string;

  @Column({ type: 'varchar', length: 10 })
  level!: ForecastLevel;

  /** `company`, `vendor:<id or in-house>` or `rep:<id>` — the forecast's node. */
  @Column({ type: 'varchar', length: 60 })
  nodeKey!: string;

  @Column({ type: 'uuid', nullable: true })
  vendorId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  repId!: string | null;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  amountMinor!: number;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ type: 'uuid' })
  adjustedBy!: string;

  @Column({ type: 'varchar', length: 200 })
  adjustedByName!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  adjustedAt!: Date;
}

/** One change of an adjustment: the value before and after, who made it, when and why. */
@Entity('forecast_adjustment_revisions')
@Index('forecast_adjustment_revisions_by_adjustment', ['adjustmentId', 'changedAt'])
export class ForecastAdjustmentRevision extends BaseEntity {
  @Column({ type: 'uuid' })
  adjustmentId!: string;

  @ManyToOne(() => ForecastAdjustment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'adjustment_id' })
  adjustment?: ForecastAdjustment;

  /** Null for the first value. */
  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  previousAmountMinor!: number | null;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  amountMinor!: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  previousReason!: string | null;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ type: 'uuid' })
  changedBy!: string;

  @Column({ type: 'varchar', length: 200 })
  changedByName!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  changedAt!: Date;
}
