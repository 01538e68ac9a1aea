import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import { Region } from './region.entity';
import { SalesUnit } from './sales-unit.entity';
import { VendorKind, VendorStatus, VendorTier } from './vendor-enums';

/** An outside agency, an independent manufacturer's rep, or one of the company's own teams. */
@Entity('vendors')
// `?updatedSince=` walks changes in (updated_at, id) order: the sync order of an ERP integration.
@Index('vendors_sync_order', ['updatedAt', 'id'])
@Index(['name', 'id'])
export class Vendor extends BaseEntity {
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  legalName!: string | null;

  @Index()
  @Column({ type: 'varchar', length: 20 })
  kind!: VendorKind;

  @Index()
  @Column({ type: 'varchar', length: 20 })
  tier!: VendorTier;

  @Index()
  @Column({ type: 'varchar', length: 20, default: VendorStatus.ONBOARDING })
  status!: VendorStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  statusReason!: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  statusChangedAt!: Date | null;

  @Index()
  @Column({ type: 'uuid' })
  salesUnitId!: string;

  @ManyToOne(() => SalesUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sales_unit_id' })
  salesUnit?: SalesUnit;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  homeRegionId!: string | null;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'home_region_id' })
  homeRegion?: Region | null;

  /** ISO 3166-1 alpha-2 of the vendor's seat. */
  @Column({ type: 'char', length: 2 })
  countryCode!: string;

  /** IANA time zone, e.g. Asia/Shanghai. */
  @Column({ type: 'varchar', length: 64 })
  timezone!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  contactName!: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  contactEmail!: string | null;

  /** E.164. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  contactPhone!: string | null;
}
