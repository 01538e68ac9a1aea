import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNumber,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import type { ScorecardDefinitionRow } from './scorecard-definition.entity';
import { SCORECARD_KPIS, type ScorecardKpi } from './scorecard-engine.rules';
import { ScorecardAudience } from './scoring.enums';
import { EnumField } from '../../common/validation/fields';

export class KpiDefinitionDto {
  @ApiProperty({ enum: SCORECARD_KPIS, example: 'conversion' })
  @IsIn(SCORECARD_KPIS)
  kpi!: ScorecardKpi;

  @ApiProperty({ example: 30, minimum: 0, maximum: 100, description: 'Share of the total in percent' })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  weightPercent!: number;

  @ApiProperty({ example: 0, description: 'Raw value that scores 0' })
  @IsNumber()
  @Min(-1e9)
  @Max(1e9)
  zeroPoint!: number;

  @ApiProperty({
    example: 0.3,
    description: 'Raw value that scores 100; below zeroPoint means lower is better',
  })
  @IsNumber()
  @Min(-1e9)
  @Max(1e9)
  hundredPoint!: number;
}

export class GradeBandsDto {
  @ApiProperty({ example: 85, description: 'Minimum score for A' })
  @IsNumber()
  @Min(0)
  @Max(100)
  A!: number;

  @ApiProperty({ example: 70, description: 'Minimum score for B' })
  @IsNumber()
  @Min(0)
  @Max(100)
  B!: number;

  @ApiProperty({ example: 50, description: 'Minimum score for C; below is D' })
  @IsNumber()
  @Min(0)
  @Max(100)
  C!: number;
}

export class ReviseScorecardDefinitionDto {
  @ApiProperty({ type: [KpiDefinitionDto], maxItems: 10, minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => KpiDefinitionDto)
  kpis!: KpiDefinitionDto[];

  @ApiProperty({ type: GradeBandsDto })
  @ValidateNested()
  @Type(() => GradeBandsDto)
  gradeBands!: GradeBandsDto;
}

export class ScorecardAudienceParams {
  @EnumField(ScorecardAudience, { enumName: 'ScorecardAudience' })
  audience!: ScorecardAudience;
}

export class ScorecardDefinitionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ScorecardAudience, enumName: 'ScorecardAudience' })
  audience!: ScorecardAudience;

  @ApiProperty({ example: 2, description: 'Revision number; every edit stores the next one' })
  revision!: number;

  @ApiProperty({ type: [KpiDefinitionDto] })
  kpis!: KpiDefinitionDto[];

  @ApiProperty({ type: GradeBandsDto })
  gradeBands!: GradeBandsDto;

  @ApiProperty({ nullable: true, type: String })
  createdBy!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export function mapScorecardDefinition(row: ScorecardDefinitionRow): ScorecardDefinitionDto {
  return {
    id: row.id,
    audience: row.audience,
    revision: row.revision,
    kpis: row.kpis,
    gradeBands: row.gradeBands,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}
