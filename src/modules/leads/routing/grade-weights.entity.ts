import { Check, Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../../database/base.entity';
import type { RepGrade } from '../../vendors/vendor-enums';

/**
 * The grade → routing-weight table, versioned: every change stores the next revision and the highest is
 * in force. Until one is stored, revision 0 is the defaults (A 4, B 3, C 2, D 1).
 */
@Entity('routing_grade_weights')
@Index('routing_grade_weights_revision', ['revision'], { unique: true })
@Check(
  'routing_grade_weights_positive',
  `"weight_a" > 0 AND "weight_b" > 0 AND "weight_c" > 0 AND "weight_d" > 0`,
)
export class RoutingGradeWeightsRow extends BaseEntity {
  @Column({ type: 'int' })
  revision!: number;

  @Column({ type: 'int' })
  weightA!: number;

  @Column({ type: 'int' })
  weightB!: number;

  @Column({ type: 'int' })
  weightC!: number;

  @Column({ type: 'int' })
  weightD!: number;

  /** Who stored it (a user or API client subject). */
  @Column({ type: 'uuid' })
  createdBy!: string;
}

export type GradeWeights = Record<RepGrade, number>;
