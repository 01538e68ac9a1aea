import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../../database/base.entity';

export type CheckRunTrigger = 'schedule' | 'manual';
export type CheckRunStatus = 'running' | 'succeeded' | 'failed';

/**
 * The run log. A scheduled run is keyed by (check, tick): every replica fires the same tick, the first
 * insert wins, so each check runs once per tick however many replicas there are.
 */
@Entity('check_runs')
@Index('check_runs_once_per_tick', ['checkName', 'tickAt'], { unique: true, where: `trigger = 'schedule'` })
@Index('check_runs_recent', ['checkName', 'startedAt'])
export class CheckRun extends BaseEntity {
  @Column({ type: 'varchar', length: 60 })
  checkName!: string;

  @Column({ type: 'varchar', length: 20 })
  trigger!: CheckRunTrigger;

  @Column({ type: 'timestamptz', nullable: true })
  tickAt!: Date | null;

  /** The moment the check judged "now" (back-fills and tests run as of another time). */
  @Column({ type: 'timestamptz' })
  asOf!: Date;

  @Column({ type: 'varchar', length: 20 })
  status!: CheckRunStatus;

  @Column({ type: 'timestamptz' })
  startedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  examined!: number;

  @Column({ type: 'int', default: 0 })
  raised!: number;

  @Column({ type: 'int', default: 0 })
  resolved!: number;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  error!: string | null;

  /** Subject id of whoever triggered a manual run. */
  @Column({ type: 'uuid', nullable: true })
  triggeredBy!: string | null;
}
