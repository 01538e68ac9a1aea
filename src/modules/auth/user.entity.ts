import { Column, Entity, Index } from 'typeorm';
import { Role } from '../../common/auth/role';
import { BaseEntity } from '../../database/base.entity';

/** A person who signs in with email and password. */
@Entity('users')
export class User extends BaseEntity {
  /** Stored lower-cased, so the unique index is case-insensitive. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ type: 'varchar', length: 200, select: false })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: Role;

  /** The vendor a vendor manager or rep works for. */
  @Column({ type: 'uuid', nullable: true })
  vendorId!: string | null;

  /** The rep record of a rep user. */
  @Column({ type: 'uuid', nullable: true })
  repId!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  /** Carried in every token issued; raised on deactivation and password change, which ends the tokens already out. */
  @Column({ type: 'int', default: 0 })
  tokenGeneration!: number;
}
