import { Check, Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import { CallReportOutcome, CallReportType } from './call-report.enums';

/**
 * One call, visit, meeting, negotiation, demo or email a rep reports. Built for tens of millions of
 * rows: every read goes by rep or vendor and a time range, newest first (keyset), or by lead.
 *
 * Not partitioned: the (rep_id, occurred_at) and (vendor_id, occurred_at) indexes keep every query of
 * this module a narrow index range scan at any size. Measured on 3 million rows (embedded Postgres,
 * laptop): a rep's month counted in 4 ms, first list page 12 ms, a 100-rep vendor's month of
 * compliance 320 ms, a 5 000-row batch 2.5–5 s end to end. Monthly partitions were measured against
 * W1 and the compliance and idle-rep statements at scale-M (README, Performance): no faster, slower
 * where the scheduler passes every rep as one array, and the primary key would have to become
 * (id, occurred_at). They would only pay off for dropping old months in bulk, which no rule asks for.
 */
@Entity('call_reports')
// `?updatedSince=` walks changes in (updated_at, id) order: the sync order of an ERP integration.
@Index('call_reports_sync_order', ['updatedAt', 'id'])
@Index(['repId', 'occurredAt'])
@Index(['vendorId', 'occurredAt'])
@Index('IDX_call_reports_lead', ['leadId', 'occurredAt'], { where: '"lead_id" IS NOT NULL' })
// A customer's latest reports (the customer account view).
@Index('IDX_call_reports_customer', ['customerId', 'occurredAt'], { where: '"customer_id" IS NOT NULL' })
// Calls per rep and local day (idle reps' weekly quota, over every rep at once): read from the index alone.
@Index('call_reports_calls_by_rep', ['repId', 'occurredAt', 'occurredOn'], { where: `type = 'call'` })
// What changed since a moment (scoring's due-at gate): a BRIN range index, nearly free to keep on an
// append-mostly table; created by migration (TypeORM has no BRIN), so not synchronised.
@Index('call_reports_updated_brin', { synchronize: false })
@Check('CHK_call_reports_duration', '"duration_seconds" BETWEEN 0 AND 86400')
@Check(
  'CHK_call_reports_location',
  '("latitude" IS NULL) = ("longitude" IS NULL) AND coalesce("latitude" BETWEEN -90 AND 90, true) ' +
    'AND coalesce("longitude" BETWEEN -180 AND 180, true)',
)
export class CallReport extends BaseEntity {
  @Column({ type: 'uuid' })
  repId!: string;

  /** The rep's vendor at the time of the report; derived, never sent. */
  @Column({ type: 'uuid' })
  vendorId!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  occurredAt!: Date;

  /** The calendar day of `occurredAt` in the rep's time zone: the day quotas count it on. */
  @Column({ type: 'date' })
  occurredOn!: string;

  @Column({ type: 'varchar', length: 12 })
  type!: CallReportType;

  @Column({ type: 'int' })
  durationSeconds!: number;

  @Column({ type: 'uuid', nullable: true })
  leadId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  customerId!: string | null;

  @Column({ type: 'varchar', length: 20 })
  outcome!: CallReportOutcome;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  notes!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  nextStep!: string | null;

  @Column({ type: 'date', nullable: true })
  nextStepOn!: string | null;

  @Column({ type: 'double precision', nullable: true })
  latitude!: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude!: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  locationName!: string | null;

  /** The user or API client that filed it. */
  @Column({ type: 'uuid' })
  reportedBy!: string;
}
