import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The one row of targets settings: status thresholds and the company node's own calendar. */
@Entity('target_settings')
@Check('CHK_target_settings_singleton', '"id" = 1')
@Check(
  'CHK_target_settings_ratios',
  '"at_risk_ratio" > 0 AND "at_risk_ratio" <= "on_track_ratio" AND "on_track_ratio" <= 2',
)
export class TargetSettings {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id!: number;

  @Column({ type: 'double precision', default: 0.95 })
  onTrackRatio!: number;

  @Column({ type: 'double precision', default: 0.8 })
  atRiskRatio!: number;

  /** The calendar of the company and sales-unit nodes (vendors and reps use their vendor's country). */
  @Column({ type: 'char', length: 2, default: 'CN' })
  companyCountryCode!: string;

  @Column({ type: 'varchar', length: 64, default: 'Asia/Shanghai' })
  companyTimezone!: string;

  /** Fewer won leads than this in the history window and the activity plan falls back a level. */
  @Column({ type: 'int', default: 5 })
  minWonForOwnRates!: number;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
