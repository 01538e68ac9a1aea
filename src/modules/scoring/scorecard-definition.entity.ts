import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import type { GradeBands, KpiDefinition } from './scorecard-engine.rules';
import { ScorecardAudience } from './scoring.enums';

/**
 * One revision of a scorecard. Rows are never updated: an edit inserts the next revision, so a stored
 * score keeps pointing at the exact rules it was computed with.
 */
@Entity('scorecard_definitions')
@Index('scorecard_definitions_audience_revision', ['audience', 'revision'], { unique: true })
export class ScorecardDefinitionRow extends BaseEntity {
  @Column({ type: 'varchar', length: 20 })
  audience!: ScorecardAudience;

  @Column({ type: 'int' })
  revision!: number;

  @Column({ type: 'jsonb' })
  kpis!: KpiDefinition[];

  @Column({ type: 'jsonb' })
  gradeBands!: GradeBands;

  @Column({ type: 'varchar', length: 200, nullable: true })
  createdBy!: string | null;
}
