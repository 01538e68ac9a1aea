import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The periods `lead_count_rollup` keeps: UTC days, and the months and years they add up to. */
export type LeadCountGrain = 'day' | 'month' | 'year';

/**
 * Lead counts per period (UTC day, month, year) × vendor × region × industry × source: the leads taken in
 * then (`newLeads`), of them won by now (`newLeadsWon`), and the leads won then (`wonLeads`, by the day
 * they were won). Merged-away leads are not counted (their survivor is). The analysis report reads it
 * instead of the leads when its dimensions and filters are covered (LeadQueriesService.countLeadCube).
 *
 * Kept by the database, not by the services: statement-level triggers on `leads` (insert, update, delete,
 * truncate; see the LeadCountRollup migration) add the difference each statement makes, aggregated, in
 * the statement's own transaction, so every write path — intake, import, assignment, status moves,
 * merges, erasure, and any added later — keeps it in step. Rows whose counts fall to zero are removed.
 * Its unique key treats NULL dimensions as equal (`NULLS NOT DISTINCT`, created by the migration).
 */
@Entity('lead_count_rollup')
@Index('lead_count_rollup_key', { synchronize: false })
export class LeadCountRollup {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 5 })
  grain!: LeadCountGrain;

  /** The first day of the period. */
  @Column({ type: 'date' })
  periodStart!: string;

  @Column({ type: 'uuid', nullable: true })
  vendorId!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  regionCode!: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  industryCode!: string | null;

  @Column({ type: 'varchar', length: 20 })
  source!: string;

  @Column({ type: 'integer' })
  newLeads!: number;

  @Column({ type: 'integer' })
  newLeadsWon!: number;

  @Column({ type: 'integer' })
  wonLeads!: number;
}
