import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../../database/base.entity';
import { Lead } from '../lead.entity';
import { ActivityChannel, ActivityKind, LeadGrade, LeadStatus } from '../lead.enums';

/** One entry of a lead's history. Append-only: the service inserts and never updates or deletes. */
@Entity('lead_activities')
@Index(['leadId', 'occurredAt'])
// A rep's own latest touch (the idle check).
@Index('lead_activities_actor_rep', ['actorRepId', 'occurredAt'], { where: 'actor_rep_id IS NOT NULL' })
// What was appended since a moment (scoring's due-at gate): BRIN, created by migration, not synchronised.
@Index('lead_activities_created_brin', { synchronize: false })
export class LeadActivity extends BaseEntity {
  @Column({ type: 'uuid' })
  leadId!: string;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Lead;

  @Column({ type: 'timestamptz', precision: 3 })
  occurredAt!: Date;

  @Column({ type: 'varchar', length: 30 })
  kind!: ActivityKind;

  @Column({ type: 'varchar', length: 20, nullable: true })
  channel!: ActivityChannel | null;

  /** User or API client that recorded it. */
  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  actorName!: string | null;

  /** The vendor the recorder belonged to (null: the company or the system): who counts as a touch. */
  @Column({ type: 'uuid', nullable: true })
  actorVendorId!: string | null;

  /** The rep the recorder is (a rep's login, a call report's rep). */
  @Column({ type: 'uuid', nullable: true })
  actorRepId!: string | null;

  @Column({ type: 'text', nullable: true })
  content!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  outcome!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  statusFrom!: LeadStatus | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  statusTo!: LeadStatus | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  gradeFrom!: LeadGrade | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  gradeTo!: LeadGrade | null;

  @Column({ type: 'jsonb', nullable: true })
  details!: Record<string, unknown> | null;
}
