import { Check, Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../../database/base.entity';
import { DEFAULT_FORECAST_CATEGORY_RULE, type StatusProbabilities } from './lead-pipeline.rules';

/**
 * The default win probability per open lead status: one row (`singleton`), versioned for If-Match.
 * No row means the defaults of lead-pipeline.ts apply.
 */
@Entity('lead_pipeline_settings')
@Index('lead_pipeline_settings_single_row', ['singleton'], { unique: true })
@Check('lead_pipeline_settings_singleton', '"singleton"')
export class LeadPipelineSettingsRow extends BaseEntity {
  @Column({ type: 'boolean', default: true })
  singleton!: boolean;

  /** Percent per status (new, assigned, contacted, qualified, negotiating). */
  @Column({ type: 'jsonb' })
  probabilities!: StatusProbabilities;

  /** The forecast category rule: from these probabilities on a lead is commit, else best case. */
  @Column({ type: 'smallint', default: DEFAULT_FORECAST_CATEGORY_RULE.commitFromPct })
  commitFromPct!: number;

  @Column({ type: 'smallint', default: DEFAULT_FORECAST_CATEGORY_RULE.bestCaseFromPct })
  bestCaseFromPct!: number;
}
