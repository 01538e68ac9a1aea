import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../../database/base.entity';

/** Thresholds of a check: one global row per check, optionally one override row per vendor. */
@Entity('check_settings')
@Index('check_settings_global', ['checkName'], { unique: true, where: 'vendor_id IS NULL' })
@Index('check_settings_per_vendor', ['checkName', 'vendorId'], {
  unique: true,
  where: 'vendor_id IS NOT NULL',
})
export class CheckSetting extends BaseEntity {
  @Column({ type: 'varchar', length: 60 })
  checkName!: string;

  @Column({ type: 'uuid', nullable: true })
  vendorId!: string | null;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  /** Only the thresholds that differ from the check's defaults (or the global row, for a vendor). */
  @Column({ type: 'jsonb', default: {} })
  thresholds!: Record<string, number>;
}
