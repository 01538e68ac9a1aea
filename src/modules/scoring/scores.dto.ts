import { ApiProperty } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { PERIOD_KEY_PATTERN, type PeriodKind } from '../../common/period/period';
import type { ScoreRow } from './score.entity';
import { GRADES, type Grade, SCORECARD_KPIS, type ScorecardKpi } from './scorecard-engine.rules';
import type { RankedScore } from './scoring.service';
import { ScoreStatus, ScoreSubject } from './scoring.enums';
import { UuidField, EnumField } from '../../common/validation/fields';

const SCORED_KINDS = ['month', 'quarter', 'year'] as const;

export class ComputeScoresQuery {
  @ApiProperty({ example: '2026-07', description: 'A month, quarter or year key' })
  @Matches(PERIOD_KEY_PATTERN, { message: 'period must be a period key such as 2026, 2026-Q3 or 2026-07' })
  period!: string;
}

export class ListScoresQuery extends ComputeScoresQuery {
  @EnumField(ScoreSubject, { optional: true, enumName: 'ScoreSubject' })
  subject?: ScoreSubject;

  @UuidField({ optional: true, description: 'Rank within one vendor instead of the company' })
  vendorId?: string;
}

export class ScoreTrendParams {
  @EnumField(ScoreSubject, { enumName: 'ScoreSubject' })
  subject!: ScoreSubject;

  @UuidField()
  subjectId!: string;
}

export class ScoreTrendQuery {
  @ApiProperty({ enum: SCORED_KINDS, example: 'month' })
  @IsIn(SCORED_KINDS)
  periodKind!: PeriodKind;
}

export class KpiExplanationDto {
  @ApiProperty({ enum: SCORECARD_KPIS })
  kpi!: ScorecardKpi;

  @ApiProperty({ type: Number, nullable: true, example: 0.2, description: 'Measured value; null if none' })
  raw!: number | null;

  @ApiProperty()
  measured!: boolean;

  @ApiProperty({ example: 80, description: '0–100 after normalisation and clamping' })
  normalised!: number;

  @ApiProperty({ example: 30 })
  weightPercent!: number;

  @ApiProperty({ example: 30, description: 'Weight applied after unmeasured KPIs’ weight was shared out' })
  effectiveWeightPercent!: number;

  @ApiProperty({ example: 24, description: 'Points this KPI adds to the total' })
  contribution!: number;
}

export class ScoreDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ScoreSubject, enumName: 'ScoreSubject' })
  subject!: ScoreSubject;

  @ApiProperty({ format: 'uuid' })
  subjectId!: string;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ example: '2026-07' })
  period!: string;

  @ApiProperty({ example: 66.5, type: Number, nullable: true })
  total!: number | null;

  @ApiProperty({ enum: GRADES, nullable: true, type: String })
  grade!: Grade | null;

  @ApiProperty({ enum: ScoreStatus, enumName: 'ScoreStatus' })
  status!: ScoreStatus;

  @ApiProperty({ format: 'uuid' })
  definitionId!: string;

  @ApiProperty({ example: 1 })
  definitionRevision!: number;

  @ApiProperty({ type: [KpiExplanationDto] })
  kpis!: KpiExplanationDto[];

  @ApiProperty({ format: 'date-time' })
  computedAt!: string;
}

export class RankedScoreDto extends ScoreDto {
  @ApiProperty({ example: 1, description: 'Rank among all subjects of the kind (ties share a rank)' })
  rank!: number;

  @ApiProperty({ example: 12, description: 'How many were ranked' })
  of!: number;
}

export class ScoreListDto {
  @ApiProperty({ type: [RankedScoreDto] })
  data!: RankedScoreDto[];
}

export class ScoreTrendDto {
  @ApiProperty({ type: [ScoreDto] })
  data!: ScoreDto[];
}

export class ComputedScoresDto {
  @ApiProperty({ example: '2026-07' })
  period!: string;

  @ApiProperty({ enum: ScoreStatus, enumName: 'ScoreStatus' })
  status!: ScoreStatus;

  @ApiProperty({ example: 14, description: 'Scores written (final ones already stored are kept)' })
  written!: number;
}

export function mapScore(row: ScoreRow): ScoreDto {
  return {
    id: row.id,
    subject: row.subject,
    subjectId: row.subjectId,
    vendorId: row.vendorId,
    period: row.periodKey,
    total: row.total === null ? null : Number(row.total),
    grade: row.grade,
    status: row.status,
    definitionId: row.definitionId,
    definitionRevision: row.definitionRevision,
    kpis: row.kpis,
    computedAt: new Date(row.computedAt).toISOString(),
  };
}

export const mapRankedScore = (ranked: RankedScore): RankedScoreDto => ({
  ...mapScore(ranked.score),
  rank: ranked.rank,
  of: ranked.of,
});
