import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import { bigintAsNumber } from '../../database/transformers';
import { OwnerKind } from './target.enums';

/**
 * An actual that OSM did not see happen: last year's results from the ERP, market size per region ×
 * industry, sales expenses. One row per (metric, period, owner, dimensions); a re-import replaces it.
 */
@Entity('target_imported_actuals')
@Index(
  'UQ_target_imported_actuals_key',
  ['metric', 'periodKey', 'ownerKind', 'ownerKey', 'regionKey', 'industryKey', 'productLineKey'],
  {
    unique: true,
  },
)
export class ImportedActual extends BaseEntity {
  /** A target metric or `market_size`. */
  @Column({ type: 'varchar', length: 30 })
  metric!: string;

  @Column({ type: 'varchar', length: 8 })
  periodKey!: string;

  @Column({ type: 'date' })
  periodStart!: string;

  @Column({ type: 'date' })
  periodEnd!: string;

  @Column({ type: 'varchar', length: 12 })
  ownerKind!: OwnerKind;

  @Column({ type: 'uuid', nullable: true })
  ownerId!: string | null;

  /** The nullable key columns as text ('' for none), so the unique key holds for rows without them. */
  @Column({ type: 'varchar', length: 36, default: '' })
  ownerKey!: string;

  @Column({ type: 'uuid', nullable: true })
  regionId!: string | null;

  @Column({ type: 'varchar', length: 36, default: '' })
  regionKey!: string;

  @Column({ type: 'varchar', length: 60, nullable: true })
  industryCode!: string | null;

  @Column({ type: 'varchar', length: 60, default: '' })
  industryKey!: string;

  @Column({ type: 'uuid', nullable: true })
  productLineId!: string | null;

  @Column({ type: 'varchar', length: 36, default: '' })
  productLineKey!: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  value!: number;

  @Column({ type: 'char', length: 3, nullable: true })
  currency!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  source!: string | null;
}
