import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import type { QuizQuestion } from './training.rules';

/**
 * Training for a product line: articles a rep must read and a quiz with a pass mark. Passing it
 * certifies the rep for the product line for `validityMonths`.
 */
@Entity('curricula')
@Index(['productLineId'])
@Check('CHK_curricula_pass_mark', '"pass_mark_pct" BETWEEN 1 AND 100 AND "validity_months" BETWEEN 1 AND 60')
export class Curriculum extends BaseEntity {
  @Column({ type: 'uuid' })
  productLineId!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'uuid', array: true, default: '{}' })
  requiredArticleIds!: string[];

  @Column({ type: 'jsonb' })
  questions!: QuizQuestion[];

  @Column({ type: 'int' })
  passMarkPct!: number;

  @Column({ type: 'int' })
  validityMonths!: number;

  @Column({ type: 'uuid' })
  createdBy!: string;
}

/** A rep's progress through a curriculum: the required articles read, quiz attempts and the best score. */
@Entity('curriculum_enrolments')
@Unique('UQ_curriculum_enrolments_rep', ['curriculumId', 'repId'])
@Index(['vendorId'])
export class CurriculumEnrolment extends BaseEntity {
  @Column({ type: 'uuid' })
  curriculumId!: string;

  @ManyToOne(() => Curriculum, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'curriculum_id' })
  curriculum?: Curriculum;

  @Column({ type: 'uuid' })
  repId!: string;

  @Column({ type: 'uuid' })
  vendorId!: string;

  @Column({ type: 'uuid', array: true, default: '{}' })
  readArticleIds!: string[];

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'int', nullable: true })
  bestScorePct!: number | null;

  @Column({ type: 'date', nullable: true })
  passedOn!: string | null;
}

/** A rep's certification for a product line: passed on a day, valid through `expiresOn`. */
@Entity('certifications')
@Index(['repId', 'productLineId', 'expiresOn'])
@Index(['vendorId', 'expiresOn'])
@Check('CHK_certifications_dates', '"expires_on" >= "passed_on"')
export class Certification extends BaseEntity {
  @Column({ type: 'uuid' })
  repId!: string;

  @Column({ type: 'uuid' })
  vendorId!: string;

  @Column({ type: 'uuid' })
  productLineId!: string;

  @Column({ type: 'uuid' })
  curriculumId!: string;

  @Column({ type: 'int' })
  scorePct!: number;

  @Column({ type: 'date' })
  passedOn!: string;

  @Column({ type: 'date' })
  expiresOn!: string;
}
