import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';
import { PageOf, PageQuery } from '../../../common/pagination/pagination';
import { PERIOD_KEY_PATTERN } from '../../../common/period/period';
import { BooleanField, EnumField, IntField, TextField, UuidField } from '../../../common/validation/fields';
import { SCORECARD_KPIS } from '../scorecard-engine.rules';
import { ScoreStatus, ScoreSubject } from '../scoring.enums';
import type { BoardRow } from './leaderboard.rules';
import { type Contest, ContestStatus, type LeaderboardSettingsRow } from './leaderboard.entity';
import type { StandingRow, Standings } from './contests.service';
import { type Leaderboard, LeaderboardScope } from './leaderboards.service';

/** What a leaderboard or a contest ranks: a scorecard KPI's normalised score, or the total. */
export const RANKED_METRICS = ['total', ...SCORECARD_KPIS] as const;

const PeriodField = () => (target: object, key: string | symbol) => {
  ApiProperty({ example: '2026-11', description: 'A month, quarter or year key' })(target, key);
  Matches(PERIOD_KEY_PATTERN, { message: 'period must be a period key such as 2026, 2026-Q3 or 2026-07' })(
    target,
    key,
  );
};

export class LeaderboardQueryDto {
  @PeriodField()
  period!: string;

  @EnumField(ScoreSubject, { enumName: 'ScoreSubject' })
  subject!: ScoreSubject;

  @EnumField(LeaderboardScope, { enumName: 'LeaderboardScope', description: 'The population ranked' })
  scope!: LeaderboardScope;

  @ApiProperty({ enum: RANKED_METRICS, example: 'total', description: 'A KPI (its 0–100 score) or total' })
  @IsIn(RANKED_METRICS)
  kpi!: string;

  @UuidField({ optional: true, description: 'For scope vendor (a vendor-bound caller defaults to theirs)' })
  vendorId?: string;

  @UuidField({ optional: true, description: 'For scope region (reps only)' })
  regionId?: string;
}

export class LeaderboardRowDto {
  @ApiProperty({ example: 1, description: 'Place in the list (unique)' })
  position!: number;

  @ApiProperty({ nullable: true, type: Number, example: 1, description: 'Tied values share a rank' })
  rank!: number | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null when masked' })
  subjectId!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null when masked' })
  vendorId!: string | null;

  @ApiProperty({ example: 'Li Wei', description: 'The name, or "Rep #<position>" when masked' })
  name!: string;

  @ApiProperty({ nullable: true, type: Number, example: 82.5, description: 'null: not measured' })
  value!: number | null;

  @ApiProperty()
  masked!: boolean;

  @ApiProperty({ description: 'The caller’s own row' })
  self!: boolean;
}

export class LeaderboardDto {
  @ApiProperty({ example: '2026-11' })
  period!: string;

  @ApiProperty({
    enum: ScoreStatus,
    enumName: 'ScoreStatus',
    nullable: true,
    description: 'null: never computed',
  })
  status!: ScoreStatus | null;

  @EnumField(ScoreSubject, { enumName: 'ScoreSubject' })
  subject!: ScoreSubject;

  @EnumField(LeaderboardScope, { enumName: 'LeaderboardScope' })
  scope!: LeaderboardScope;

  @ApiProperty({ example: 'total' })
  kpi!: string;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  vendorId!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  regionId!: string | null;

  @ApiProperty({ description: 'How many are ranked (before the caller’s visibility)' })
  of!: number;

  @ApiProperty()
  repsSeePeerNames!: boolean;

  @ApiProperty({ type: [LeaderboardRowDto] })
  data!: LeaderboardRowDto[];

  @ApiProperty({ type: LeaderboardRowDto, nullable: true, description: 'The caller’s own position' })
  me!: LeaderboardRowDto | null;
}

export class LeaderboardSettingsInputDto {
  @BooleanField({ description: 'When false a rep sees peers as "Rep #n" and only their own row in full' })
  repsSeePeerNames!: boolean;
}

export class LeaderboardSettingsDto extends LeaderboardSettingsInputDto {
  @ApiProperty({ example: 1, description: 'Raised by every change' })
  version!: number;
}

export class PrizeTierDto {
  @IntField({ minimum: 1, maximum: 10000, example: 1 })
  fromRank!: number;

  @IntField({ minimum: 1, maximum: 10000, example: 3 })
  toRank!: number;

  @TextField({ minLength: 1, maxLength: 200, example: 'Weekend trip' })
  prize!: string;
}

export class CreateContestDto {
  @TextField({ minLength: 1, maxLength: 200, example: 'Rep of the year 2026' })
  name!: string;

  @EnumField(ScoreSubject, { enumName: 'ScoreSubject', description: 'Who competes: reps or vendors' })
  subject!: ScoreSubject;

  @ApiProperty({ enum: RANKED_METRICS, example: 'total', description: 'A KPI (its 0–100 score) or total' })
  @IsIn(RANKED_METRICS)
  metric!: string;

  @PeriodField()
  period!: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 200,
    description: 'Their reps, or themselves',
  })
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayUnique()
  @ArrayMaxSize(200)
  eligibleVendorIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 1000, description: 'For a rep contest' })
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayUnique()
  @ArrayMaxSize(1000)
  eligibleRepIds?: string[];

  @ApiProperty({ type: [PrizeTierDto], minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PrizeTierDto)
  prizeTiers!: PrizeTierDto[];
}

export class ContestDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @EnumField(ScoreSubject, { enumName: 'ScoreSubject' })
  subject!: ScoreSubject;

  @ApiProperty({ example: 'total' })
  metric!: string;

  @ApiProperty({ example: '2026' })
  period!: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  eligibleVendorIds!: string[];

  @ApiProperty({ type: [String], format: 'uuid' })
  eligibleRepIds!: string[];

  @ApiProperty({ type: [PrizeTierDto] })
  prizeTiers!: PrizeTierDto[];

  @EnumField(ContestStatus, { enumName: 'ContestStatus' })
  status!: ContestStatus;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  closedAt!: string | null;

  @ApiProperty({ example: 1 })
  version!: number;
}

export const ContestPage = PageOf(ContestDto);

export class ListContestsQuery extends PageQuery {
  @EnumField(ContestStatus, { optional: true, enumName: 'ContestStatus' })
  status?: ContestStatus;
}

export class StandingRowDto extends LeaderboardRowDto {
  @ApiProperty({ nullable: true, type: String, example: 'Weekend trip' })
  prize!: string | null;
}

export class ContestStandingsDto {
  @ApiProperty({ type: ContestDto })
  contest!: ContestDto;

  @ApiProperty({ description: 'true once the period closed: the standings are stored and never change' })
  frozen!: boolean;

  @ApiProperty()
  of!: number;

  @ApiProperty({ type: [StandingRowDto] })
  data!: StandingRowDto[];

  @ApiProperty({ type: StandingRowDto, nullable: true })
  me!: StandingRowDto | null;
}

const mapRow = <T extends BoardRow>(row: T): T => ({ ...row });

export const mapLeaderboard = (board: Leaderboard): LeaderboardDto => ({
  ...board,
  data: board.data.map(mapRow),
  me: board.me && mapRow(board.me),
});

export const mapLeaderboardSettings = (
  row: Pick<LeaderboardSettingsRow, 'repsSeePeerNames' | 'version'>,
) => ({
  repsSeePeerNames: row.repsSeePeerNames,
  version: row.version,
});

export const mapContest = (row: Contest): ContestDto => ({
  id: row.id,
  name: row.name,
  subject: row.subject,
  metric: row.metric,
  period: row.periodKey,
  eligibleVendorIds: row.eligibleVendorIds,
  eligibleRepIds: row.eligibleRepIds,
  prizeTiers: row.prizeTiers,
  status: row.status,
  closedAt: row.closedAt?.toISOString() ?? null,
  version: row.version,
});

export const mapStandings = (standings: Standings): ContestStandingsDto => ({
  contest: mapContest(standings.contest),
  frozen: standings.frozen,
  of: standings.of,
  data: standings.data.map((row: StandingRow) => ({ ...row })),
  me: standings.me && { ...standings.me },
});
