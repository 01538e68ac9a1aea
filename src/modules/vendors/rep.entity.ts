import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import { Region } from './region.entity';
import { RepGrade } from './vendor-enums';
import { Vendor } from './vendor.entity';

/** A salesperson of a vendor (or of an internal team). */
@Entity('reps')
// `?updatedSince=` walks changes in (updated_at, id) order: the sync order of an ERP integration.
@Index('reps_sync_order', ['updatedAt', 'id'])
@Index(['vendorId', 'fullName', 'id'])
@Index('IDX_reps_tags', ['tags'], { type: 'gin' })
@Check(
  'CHK_reps_numbers',
  '"capacity" >= 0 AND "years_of_experience" >= 0 ' +
    'AND coalesce("daily_call_quota", 0) >= 0 AND coalesce("weekly_call_quota", 0) >= 0',
)
export class Rep extends BaseEntity {
  @Column({ type: 'uuid' })
  vendorId!: string;

  @ManyToOne(() => Vendor, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'vendor_id' })
  vendor?: Vendor;

  /** The login user of this rep, if any. */
  @Index({ unique: true })
  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  fullName!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  /** E.164. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  phone!: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  regionId!: string | null;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'region_id' })
  region?: Region | null;

  @Column({ type: 'char', length: 1 })
  grade!: RepGrade;

  /** Industry, product expertise, language and free tags, e.g. `industry:retail`, `lang:zh`. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  /**
   * Tags earned from won deals (scoring's `earned_tags` check): `industry:<code>`, `line:<product line code>`.
   * Replaced on each pass, never edited by hand; routing matches them like `tags`.
   */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  earnedTags!: string[];

  @Column({ type: 'int', default: 0 })
  yearsOfExperience!: number;

  /** Most open leads the rep may hold. */
  @Column({ type: 'int' })
  capacity!: number;

  /** Own quotas; null means the vendor's agreement default applies. */
  @Column({ type: 'int', nullable: true })
  dailyCallQuota!: number | null;

  @Column({ type: 'int', nullable: true })
  weeklyCallQuota!: number | null;

  @Column({ type: 'int', nullable: true })
  dailyVisitQuota!: number | null;

  @Column({ type: 'int', nullable: true })
  weeklyVisitQuota!: number | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  inactiveReason!: string | null;

  /** IANA time zone; "today" and daily quotas are counted in it. */
  @Column({ type: 'varchar', length: 64 })
  timezone!: string;

  /** First working day with us (the rep's local date): idle time and quota pro rata count from it. */
  @Column({ type: 'date', default: () => 'CURRENT_DATE' })
  startedOn!: string;
}
