import { Check, Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';

/** The company's personal-data settings: one row (`singleton`), versioned for If-Match. No row: keep. */
@Entity('privacy_settings')
@Index('privacy_settings_single_row', ['singleton'], { unique: true })
@Check('privacy_settings_singleton', '"singleton"')
@Check(
  'privacy_settings_retention_range',
  '"contact_retention_months" IS NULL OR "contact_retention_months" BETWEEN 1 AND 600',
)
export class PrivacySettingsRow extends BaseEntity {
  @Column({ type: 'boolean', default: true })
  singleton!: boolean;

  /** Months after a lead closes (won, lost, rejected) that its contact data is kept; null: kept. */
  @Column({ type: 'smallint', nullable: true })
  contactRetentionMonths!: number | null;
}
