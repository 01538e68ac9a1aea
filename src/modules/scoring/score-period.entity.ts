import { Column, Entity, Index } from 'typeorm';
import type { PeriodKind } from '../../common/period/period';
import { BaseEntity } from '../../database/base.entity';
import { ScoreStatus } from './scoring.enums';

/**
 * When a period's scores were last computed, and for which day: what the scheduler's due-at gate reads
 * to recompute only the periods whose facts changed or that are due (see ScoringService.recomputeOpenScores).
 */
@Entity('score_periods')
@Index('score_periods_key', ['periodKey'], { unique: true })
export class ScorePeriodRow extends BaseEntity {
  @Column({ type: 'varchar', length: 10 })
  periodKey!: string;

  @Column({ type: 'varchar', length: 10 })
  periodKind!: PeriodKind;

  @Column({ type: 'varchar', length: 12 })
  status!: ScoreStatus;

  /** The day ("today") the computation counted up to: a running period's quota expectation moves daily. */
  @Column({ type: 'date', nullable: true })
  computedFor!: string | null;

  /** Database time the computation's transaction began; facts written after it make the period due. */
  @Column({ type: 'timestamptz', precision: 3 })
  computedAt!: Date;
}
