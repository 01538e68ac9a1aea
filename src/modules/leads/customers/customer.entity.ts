import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../../database/base.entity';

/**
 * A company already buying from us (an account): imported from the ERP or created when a lead is won.
 * Carries the same normalised keys as leads, so intake can refuse leads for existing customers.
 */
@Entity('customers')
// `?updatedSince=` walks changes in (updated_at, id) order: the sync order of an ERP integration.
@Index('customers_sync_order', ['updatedAt', 'id'])
export class Customer extends BaseEntity {
  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Index()
  @Column({ type: 'varchar', length: 300 })
  nameKey!: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  taxId!: string | null;

  @Index()
  @Column({ type: 'varchar', length: 40, nullable: true })
  taxIdKey!: string | null;

  /** E.164. */
  @Index()
  @Column({ type: 'varchar', length: 16, nullable: true })
  phone!: string | null;

  /** Lower-cased. */
  @Index()
  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  /** The customer's id in the ERP it was imported from. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  erpCustomerId!: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  vendorId!: string | null;

  /** Key-account class (A/B/C) by trailing-12-month revenue, set by the scheduler's key_accounts check. */
  @Column({ type: 'varchar', length: 1, nullable: true })
  keyAccountClass!: 'A' | 'B' | 'C' | null;

  /** The revenue it was classified on, in minor units of `keyAccountCurrency` (the reporting currency). */
  @Column({ type: 'bigint', nullable: true })
  keyAccountRevenueMinor!: string | null;

  @Column({ type: 'char', length: 3, nullable: true })
  keyAccountCurrency!: string | null;

  @Column({ type: 'date', nullable: true })
  keyAccountClassifiedOn!: string | null;

  /** The won lead it was created from. */
  @Column({ type: 'uuid', nullable: true })
  sourceLeadId!: string | null;
}
