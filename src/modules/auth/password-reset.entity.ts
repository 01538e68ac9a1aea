import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';

/**
 * A one-time password reset an admin issued for a user. Only the SHA-256 of the token is kept (the token
 * is shown once, to the admin); it works until `expiresAt`, once.
 */
@Entity('password_resets')
export class PasswordReset extends BaseEntity {
  @Index()
  @Column({ type: 'uuid' })
  userId!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Set when the token was used, or when a newer reset or a use made it void. */
  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  /** The admin who issued it (null: the command line). */
  @Column({ type: 'uuid', nullable: true })
  issuedBy!: string | null;
}
