import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';

/** An ERP/CRM system that calls the API with a client id and secret (role `integration`). */
@Entity('api_clients')
export class ApiClient extends BaseEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  clientId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 200, select: false })
  secretHash!: string;

  /** Bound to one vendor: sees only that vendor's data. Null: company-wide. */
  @Column({ type: 'uuid', nullable: true })
  vendorId!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  /** Carried in every token issued; raised on deactivation, which ends the tokens already out. */
  @Column({ type: 'int', default: 0 })
  tokenGeneration!: number;
}
