import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from '../../database/transformers';
import type { RevenueMeasure } from './revenue-facts';

/**
 * The revenue facts of each contract, one row per (measure, day, credited seller, product line):
 * rebuilt whenever the contract, its credits or its payments change. The daily rollup is kept in step
 * from the difference, and settlement reads per-contract credits from here.
 */
@Entity('contract_revenue_facts')
@Index(['contractId'])
@Index(['measure', 'day'])
export class ContractRevenueFact {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  contractId!: string;

  /** The payment a `revenue` row comes from. */
  @Column({ type: 'uuid', nullable: true })
  sourceId!: string | null;

  @Column({ type: 'varchar', length: 20 })
  measure!: RevenueMeasure;

  @Column({ type: 'date' })
  day!: string;

  @Column({ type: 'uuid', nullable: true })
  vendorId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  repId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  salesUnitId!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  regionCode!: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  industry!: string | null;

  @Column({ type: 'uuid', nullable: true })
  productLineId!: string | null;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'int' })
  shareBps!: number;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  amountMinor!: number;

  @Column({ type: 'int' })
  contractCount!: number;

  @Column({ type: 'int' })
  cycleDays!: number;
}

/** What the rollups sum per key: the measure and dimensions, then the sums (one column set for both grains). */
export abstract class RevenueSums {
  @Column({ type: 'varchar', length: 20 })
  measure!: RevenueMeasure;

  @Column({ type: 'uuid', nullable: true })
  vendorId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  repId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  salesUnitId!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  regionCode!: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  industry!: string | null;

  @Column({ type: 'uuid', nullable: true })
  productLineId!: string | null;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  amountMinor!: number;

  @Column({ type: 'int' })
  contractCount!: number;

  @Column({ type: 'int' })
  cycleDays!: number;
}

/**
 * The daily rollup every revenue read uses: one row per (day, measure, seller, region, industry, product
 * line, currency). Kept in the same transaction as every write that changes a contract's facts. Its
 * unique key treats NULL dimensions as equal (expression index, see the migration).
 */
@Entity('revenue_daily')
@Index('revenue_daily_key', { synchronize: false })
export class RevenueDaily extends RevenueSums {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'date' })
  day!: string;
}

/** The grains `revenue_rollup` keeps above the daily rollup. */
export type RevenueRollupGrain = 'month' | 'year';

/**
 * The daily rollup summed once more per month and per year (`grain`, `periodStart` the first day), with
 * the same dimensions: a read over whole months or years adds up a row per seller and month or year
 * instead of one per seller and day. Kept in the same statements that keep `revenue_daily`, from the same
 * differences; its unique key folds NULL dimensions like the daily one (see the migration).
 */
@Entity('revenue_rollup')
@Index('revenue_rollup_key', { synchronize: false })
export class RevenueRollup extends RevenueSums {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 5 })
  grain!: RevenueRollupGrain;

  @Column({ type: 'date' })
  periodStart!: string;
}

/**
 * `revenue_rollup` summed once more without the seller's rep and sales unit, the industry and the product
 * line: one row per (grain, period, measure, vendor, region, currency). A read that neither groups nor
 * filters by those four adds up a row per vendor and region instead of one per rep, industry and product
 * line. `liveRows` counts the `revenue_rollup` rows under it whose amount or count is not zero, so that a
 * read keeps exactly the cells it would keep from those rows (a cell whose rows net to zero but are not
 * all zero is still shown). Kept in the same statements and from the same differences as
 * `revenue_rollup`; its unique key folds NULL dimensions the same way (see the migration).
 */
@Entity('revenue_rollup_coarse')
@Index('revenue_rollup_coarse_key', { synchronize: false })
export class RevenueRollupCoarse {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 5 })
  grain!: RevenueRollupGrain;

  @Column({ type: 'date' })
  periodStart!: string;

  @Column({ type: 'varchar', length: 20 })
  measure!: RevenueMeasure;

  @Column({ type: 'uuid', nullable: true })
  vendorId!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  regionCode!: string | null;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  amountMinor!: number;

  @Column({ type: 'int' })
  contractCount!: number;

  @Column({ type: 'int' })
  cycleDays!: number;

  @Column({ type: 'int' })
  liveRows!: number;
}
