import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';

/**
 * One change to a business object: who made it, when, and the object before and after. Written in the
 * same transaction as the change, so there is no change without its entry.
 */
@Entity('audit_log')
@Index(['entityType', 'entityId', 'at'])
@Index(['vendorId', 'at'])
// Which entries name a lead among several (`entity_ids @> …`): GIN, created by migration, not synchronised.
@Index('audit_log_entity_ids', { synchronize: false })
export class AuditLog extends BaseEntity {
  /** `vendor`, `agreement`, `rep`, `product`, `bundle`, … */
  @Column({ type: 'varchar', length: 40 })
  entityType!: string;

  @Column({ type: 'uuid' })
  entityId!: string;

  /**
   * Every object an entry covers when it covers more than one (a list that showed several leads' contact
   * persons, an erasure over several leads); `entityId` is the first of them. Empty for single-object entries.
   */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  entityIds!: string[];

  /** The vendor the object belongs to, so vendor managers read only their vendor's history. */
  @Column({ type: 'uuid', nullable: true })
  vendorId!: string | null;

  /** `create`, `update`, `status_change`, `clear`, … */
  @Column({ type: 'varchar', length: 40 })
  action!: string;

  @Column({ type: 'varchar', length: 100 })
  actorSubjectId!: string;

  @Column({ type: 'varchar', length: 20 })
  actorRole!: string;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  at!: Date;

  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  changedFields!: string[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;
}
