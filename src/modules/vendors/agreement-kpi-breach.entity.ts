import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import { Agreement } from './agreement.entity';
import { AgreementKpi } from './agreement-kpis.rules';

/** `numeric` arrives from pg as a string; two decimals of a percent or an average fit a double exactly enough. */
const numericAsNumber = { to: (value: number) => value, from: (value: string) => Number(value) };

/**
 * One time an agreement's KPI was missed: a month's actual below its minimum, or one lead's first
 * response later than the SLA. Written by the scheduler; recorded once per agreement, KPI and subject
 * (the month, or the lead's assignment), however often the check runs.
 */
@Entity('agreement_kpi_breaches')
@Index('agreement_kpi_breaches_once', ['agreementId', 'kpi', 'subjectKey'], { unique: true })
@Index(['agreementId', 'detectedAt', 'id'])
export class AgreementKpiBreach extends BaseEntity {
  @Column({ type: 'uuid' })
  agreementId!: string;

  @ManyToOne(() => Agreement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreement_id' })
  agreement?: Agreement;

  @Index()
  @Column({ type: 'uuid' })
  vendorId!: string;

  @Column({ type: 'varchar', length: 30 })
  kpi!: AgreementKpi;

  /** The month measured (YYYY-MM): the last full month for monthly KPIs, the assignment's for a lead. */
  @Column({ type: 'varchar', length: 7 })
  period!: string;

  /** What makes the breach one: the month, or `<leadId>@<assigned at>` for a first response. */
  @Column({ type: 'varchar', length: 100 })
  subjectKey!: string;

  @Column({ type: 'uuid', nullable: true })
  leadId!: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, transformer: numericAsNumber })
  threshold!: number;

  @Column({ type: 'numeric', precision: 12, scale: 2, transformer: numericAsNumber })
  actual!: number;

  @Column({ type: 'timestamptz', precision: 3 })
  detectedAt!: Date;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;
}
