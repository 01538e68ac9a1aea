import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';

/** One `Idempotency-Key` per caller: the request it was first used with, and the answer given. */
// While a request works on a key, the key is held by a transaction-level advisory lock, not by a row state.
@Entity('idempotency_keys')
@Index(['scope', 'key'], { unique: true })
export class IdempotencyKey extends BaseEntity {
  /** Who used the key: the principal's subject id. Keys of different callers never collide. */
  @Column({ type: 'varchar', length: 100 })
  scope!: string;

  @Column({ type: 'varchar', length: 255 })
  key!: string;

  @Column({ type: 'char', length: 64 })
  requestHash!: string;

  /** The answer given; written in the same transaction as the work, so a stored key always has one. */
  @Column({ type: 'int' })
  responseStatus!: number;

  @Column({ type: 'jsonb', nullable: true })
  responseBody!: unknown;
}
