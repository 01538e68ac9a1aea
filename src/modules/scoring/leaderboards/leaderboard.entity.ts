import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { PeriodKind } from '../../../common/period/period';
import { BaseEntity } from '../../../database/base.entity';
import { ScoreSubject } from '../scoring.enums';
import type { PrizeTier } from './leaderboard.rules';

/** Who sees whose name on the leaderboards: one row (`singleton`), versioned. */
@Entity('leaderboard_settings')
@Index('leaderboard_settings_single_row', ['singleton'], { unique: true })
@Check('leaderboard_settings_singleton', '"singleton"')
export class LeaderboardSettingsRow extends BaseEntity {
  @Column({ type: 'boolean', default: true })
  singleton!: boolean;

  /** When false a rep sees peers as "Rep #n", their own row in full. */
  @Column({ type: 'boolean' })
  repsSeePeerNames!: boolean;
}

export enum ContestStatus {
  RUNNING = 'running',
  CLOSED = 'closed',
}

/** An incentive contest: a metric ranked over a period among eligible reps or vendors, with prizes. */
@Entity('contests')
@Index('contests_status_period', ['status', 'periodKey'])
export class Contest extends BaseEntity {
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 10 })
  subject!: ScoreSubject;

  /** A scorecard KPI key (its normalised 0–100 score) or `total`. */
  @Column({ type: 'varchar', length: 40 })
  metric!: string;

  @Column({ type: 'varchar', length: 10 })
  periodKey!: string;

  @Column({ type: 'varchar', length: 10 })
  periodKind!: PeriodKind;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  eligibleVendorIds!: string[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  eligibleRepIds!: string[];

  @Column({ type: 'jsonb' })
  prizeTiers!: PrizeTier[];

  @Column({ type: 'varchar', length: 10 })
  status!: ContestStatus;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;
}

/** A closed contest's standing, frozen when its period's scores became final: never rewritten. */
@Entity('contest_standings')
@Index('contest_standings_subject', ['contestId', 'subjectId'], { unique: true })
export class ContestStanding extends BaseEntity {
  @Column({ type: 'uuid' })
  contestId!: string;

  @ManyToOne(() => Contest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contest_id' })
  contest?: Contest;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'int', nullable: true })
  rank!: number | null;

  @Column({ type: 'uuid' })
  subjectId!: string;

  @Column({ type: 'uuid' })
  vendorId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true })
  value!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  prize!: string | null;
}
