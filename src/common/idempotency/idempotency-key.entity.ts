import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';

/** One `Idempotency-Key` per caller: the request it was first used with, and the answer given. */
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

  @Column({ type: 'varchar', length: 20 })
  state!: 'in_progress' | 'completed';

  @Column({ type: 'int', nullable: true })
  responseStatus!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  responseBody!: unknown;
}
