import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import { CallReport } from './call-report.entity';
import { PlausibilityFlagKind } from './call-report.enums';

/** A reason to doubt a call report, found at ingest; a manager may dismiss it with a reason. */
@Entity('call_report_flags')
@Index(['callReportId', 'kind'], { unique: true })
@Index(['repId', 'occurredAt'])
@Index(['vendorId', 'occurredAt'])
// What changed since a moment (raised or dismissed): BRIN, created by migration, not synchronised.
@Index('call_report_flags_updated_brin', { synchronize: false })
@Check(
  'CHK_call_report_flags_kind',
  `"kind" IN ('short_call_streak', 'overlapping', 'impossible_travel', 'late_report')`,
)
export class CallReportFlag extends BaseEntity {
  @Column({ type: 'uuid' })
  callReportId!: string;

  @ManyToOne(() => CallReport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'call_report_id' })
  callReport?: CallReport;

  @Column({ type: 'uuid' })
  repId!: string;

  @Column({ type: 'uuid' })
  vendorId!: string;

  /** When the flagged report happened (copied, so flags list by time without a join). */
  @Column({ type: 'timestamptz', precision: 3 })
  occurredAt!: Date;

  @Column({ type: 'varchar', length: 20 })
  kind!: PlausibilityFlagKind;

  @Column({ type: 'varchar', length: 300 })
  detail!: string;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  dismissedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  dismissedBy!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  dismissReason!: string | null;
}
