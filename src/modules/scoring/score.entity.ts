import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import type { PeriodKind } from '../../common/period/period';
import type { Grade, KpiExplanation } from './scorecard-engine.rules';
import { ScorecardDefinitionRow } from './scorecard-definition.entity';
import { ScoreStatus, ScoreSubject } from './scoring.enums';

/**
 * A rep's or a vendor's score for one period, with the per-KPI explanation and the definition revision
 * it was computed with. Provisional while the period runs (recomputed), final once it has closed.
 */
@Entity('scores')
@Index('scores_subject_period', ['subject', 'subjectId', 'periodKey'], { unique: true })
@Index('scores_period_ranking', ['periodKey', 'subject', 'total'])
@Index('scores_vendor', ['vendorId', 'periodKey'])
export class ScoreRow extends BaseEntity {
  @Column({ type: 'varchar', length: 10 })
  subject!: ScoreSubject;

  @Column({ type: 'uuid' })
  subjectId!: string;

  /** The vendor the subject belongs to (the vendor itself for a vendor score): the scope column. */
  @Column({ type: 'uuid' })
  vendorId!: string;

  @Column({ type: 'varchar', length: 10 })
  periodKey!: string;

  @Column({ type: 'varchar', length: 10 })
  periodKind!: PeriodKind;

  @Column({ type: 'uuid' })
  definitionId!: string;

  @ManyToOne(() => ScorecardDefinitionRow, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'definition_id' })
  definition?: ScorecardDefinitionRow;

  @Column({ type: 'int' })
  definitionRevision!: number;

  /** null when no KPI had a measurement in the period. */
  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true })
  total!: string | null;

  @Column({ type: 'varchar', length: 1, nullable: true })
  grade!: Grade | null;

  @Column({ type: 'jsonb' })
  kpis!: KpiExplanation[];

  @Column({ type: 'varchar', length: 12 })
  status!: ScoreStatus;

  @Column({ type: 'timestamptz', precision: 3 })
  computedAt!: Date;
}
