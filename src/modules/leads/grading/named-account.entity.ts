import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../../database/base.entity';

/**
 * A company on the named-account list: any lead whose normalised tax id or company name matches it is a
 * key lead by rule. Keys are normalised exactly as the lead dedupe keys (lead-keys.ts), and unique.
 */
@Entity('named_accounts')
@Index('named_accounts_company_name_key', ['companyNameKey'], { unique: true })
@Index('named_accounts_tax_id_key', ['taxIdKey'], { unique: true, where: 'tax_id_key IS NOT NULL' })
export class NamedAccount extends BaseEntity {
  @Column({ type: 'varchar', length: 300 })
  companyName!: string;

  @Column({ type: 'varchar', length: 300 })
  companyNameKey!: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  taxId!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  taxIdKey!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note!: string | null;

  /** The user or API client that put the company on the list. */
  @Column({ type: 'uuid' })
  createdBy!: string;
}
