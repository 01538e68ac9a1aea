import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The values a target had before a change, with who changed it, when and why. Append-only. */
@Entity('target_revisions')
@Index(['targetId', 'revisedAt'])
export class TargetRevision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  targetId!: string;

  /** The target's version the change replaced. */
  @Column({ type: 'int' })
  fromVersion!: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  revisedAt!: Date;

  @Column({ type: 'uuid' })
  revisedBy!: string;

  @Column({ type: 'varchar', length: 200 })
  revisedByName!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  /** The changed fields' values before and after. */
  @Column({ type: 'jsonb' })
  before!: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  after!: Record<string, unknown>;
}
