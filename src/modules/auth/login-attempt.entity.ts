import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';

/**
 * Failed sign-ins per identifier (email or client id), in a sliding window. Kept in Postgres, not in
 * process memory, so the limit holds across every replica.
 */
@Entity('login_failures')
export class LoginFailure extends BaseEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 254 })
  identifier!: string;

  @Column({ type: 'int', default: 0 })
  failures!: number;

  @Column({ type: 'timestamptz' })
  windowStartedAt!: Date;
}
