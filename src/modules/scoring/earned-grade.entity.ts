import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import type { Grade } from './scorecard-engine.rules';
import { ScoreSubject } from './scoring.enums';

/**
 * A rep's or a vendor's earned grade between months (what hysteresis needs), its override, and the
 * grade in force. The rep's grade and the vendor's tier in the vendors module follow `effectiveGrade`.
 */
@Entity('earned_grades')
@Index('earned_grades_subject', ['subject', 'subjectId'], { unique: true })
@Index('earned_grades_override_expiry', ['overrideExpiresOn'], { where: `override_grade IS NOT NULL` })
export class EarnedGradeRow extends BaseEntity {
  @Column({ type: 'varchar', length: 10 })
  subject!: ScoreSubject;

  @Column({ type: 'uuid' })
  subjectId!: string;

  /** The subject's vendor (the vendor itself for a vendor): the scope column. */
  @Column({ type: 'uuid' })
  vendorId!: string;

  @Column({ type: 'varchar', length: 1, nullable: true })
  earnedGrade!: Grade | null;

  @Column({ type: 'varchar', length: 1, nullable: true })
  lastBand!: Grade | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  lastPeriodKey!: string | null;

  @Column({ type: 'varchar', length: 1, nullable: true })
  overrideGrade!: Grade | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  overrideReason!: string | null;

  @Column({ type: 'date', nullable: true })
  overrideExpiresOn!: string | null;

  @Column({ type: 'uuid', nullable: true })
  overrideBy!: string | null;

  /** The override in force, else the earned grade. */
  @Column({ type: 'varchar', length: 1, nullable: true })
  effectiveGrade!: Grade | null;
}

/** Why a grade in force changed. */
export enum GradeChangeCause {
  EARNED = 'earned',
  OVERRIDE = 'override',
  OVERRIDE_EXPIRED = 'override_expired',
  OVERRIDE_CLEARED = 'override_cleared',
}

/** The history of a subject's grade in force. */
@Entity('grade_changes')
@Index('grade_changes_subject', ['subject', 'subjectId', 'createdAt'])
export class GradeChangeRow extends BaseEntity {
  @Column({ type: 'varchar', length: 10 })
  subject!: ScoreSubject;

  @Column({ type: 'uuid' })
  subjectId!: string;

  @Column({ type: 'uuid' })
  vendorId!: string;

  @Column({ type: 'varchar', length: 1, nullable: true })
  fromGrade!: Grade | null;

  @Column({ type: 'varchar', length: 1 })
  toGrade!: Grade;

  @Column({ type: 'varchar', length: 20 })
  cause!: GradeChangeCause;

  /** The month that earned it (cause earned). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  periodKey!: string | null;

  /** The override's reason (cause override). */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason!: string | null;

  /** Who overrode or cleared it; null for the scheduler's changes. */
  @Column({ type: 'uuid', nullable: true })
  changedBy!: string | null;
}
