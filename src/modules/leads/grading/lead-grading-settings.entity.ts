import { Check, Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../../database/base.entity';
import type { GradingPoints } from './lead-grading.rules';

/**
 * The company's lead grading settings: one row (`singleton`), versioned for If-Match. The checks repeat the
 * service's validation so no other writer can store settings that grade nonsense.
 */
@Entity('lead_grading_settings')
@Index('lead_grading_settings_single_row', ['singleton'], { unique: true })
@Check('lead_grading_settings_singleton', '"singleton"')
@Check(
  'lead_grading_settings_cut_offs',
  '"medium_cut_off" > 0 AND "medium_cut_off" < "high_cut_off" AND "high_cut_off" <= 100',
)
@Check('lead_grading_settings_dead_days', '"dead_after_untouched_days" BETWEEN 1 AND 3650')
export class LeadGradingSettingsRow extends BaseEntity {
  @Column({ type: 'boolean', default: true })
  singleton!: boolean;

  @Column({ type: 'int' })
  highCutOff!: number;

  @Column({ type: 'int' })
  mediumCutOff!: number;

  @Column({ type: 'int' })
  deadAfterUntouchedDays!: number;

  /** Every factor's points; keys missing here (a source added later) take their default. */
  @Column({ type: 'jsonb' })
  points!: GradingPoints;
}
