import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { CompanySizeBand, LeadSource } from '../lead.enums';
import { DEFAULT_GRADING_SETTINGS, type GradingSettings } from './lead-grading.rules';

// Request fields are only type-checked here (a string where a number belongs is 400 like everywhere);
// the rules on the values (whole numbers, ranges, medium below high) are the service's: 422 naming the field.
const NUMBER = { allowNaN: false, allowInfinity: false } as const;
const defaults = DEFAULT_GRADING_SETTINGS;

export class GradingCutOffsDto {
  @ApiProperty({ example: defaults.cutOffs.high, description: 'Score from which a lead is high (≤ 100)' })
  @IsOptional()
  @IsNumber(NUMBER)
  high!: number;

  @ApiProperty({
    example: defaults.cutOffs.medium,
    description: 'Score from which a lead is medium (> 0, < high)',
  })
  @IsOptional()
  @IsNumber(NUMBER)
  medium!: number;
}

export class SizeBandPointsDto implements Record<CompanySizeBand, number> {
  @ApiProperty({ example: defaults.points.sizeBand.micro })
  @IsOptional()
  @IsNumber(NUMBER)
  micro!: number;

  @ApiProperty({ example: defaults.points.sizeBand.small })
  @IsOptional()
  @IsNumber(NUMBER)
  small!: number;

  @ApiProperty({ example: defaults.points.sizeBand.medium })
  @IsOptional()
  @IsNumber(NUMBER)
  medium!: number;

  @ApiProperty({ example: defaults.points.sizeBand.large })
  @IsOptional()
  @IsNumber(NUMBER)
  large!: number;

  @ApiProperty({ example: defaults.points.sizeBand.enterprise })
  @IsOptional()
  @IsNumber(NUMBER)
  enterprise!: number;
}

export class SourcePointsDto implements Record<LeadSource, number> {
  @ApiProperty({ example: defaults.points.source.api })
  @IsOptional()
  @IsNumber(NUMBER)
  api!: number;

  @ApiProperty({ example: defaults.points.source.import })
  @IsOptional()
  @IsNumber(NUMBER)
  import!: number;

  @ApiProperty({ example: defaults.points.source.web_form })
  @IsOptional()
  @IsNumber(NUMBER)
  web_form!: number;

  @ApiProperty({ example: defaults.points.source.app })
  @IsOptional()
  @IsNumber(NUMBER)
  app!: number;

  @ApiProperty({ example: defaults.points.source.h5 })
  @IsOptional()
  @IsNumber(NUMBER)
  h5!: number;

  @ApiProperty({ example: defaults.points.source.pc })
  @IsOptional()
  @IsNumber(NUMBER)
  pc!: number;

  @ApiProperty({ example: defaults.points.source.invoice })
  @IsOptional()
  @IsNumber(NUMBER)
  invoice!: number;

  @ApiProperty({ example: defaults.points.source.referral })
  @IsOptional()
  @IsNumber(NUMBER)
  referral!: number;

  @ApiProperty({ example: defaults.points.source.event })
  @IsOptional()
  @IsNumber(NUMBER)
  event!: number;

  @ApiProperty({ example: defaults.points.source.partner })
  @IsOptional()
  @IsNumber(NUMBER)
  partner!: number;
}

export class GradingPointsDto {
  @ApiProperty({ example: defaults.points.industryKnown, description: 'When the lead names its industry' })
  @IsOptional()
  @IsNumber(NUMBER)
  industryKnown!: number;

  @ApiProperty({ type: SizeBandPointsDto, description: 'Per company size band' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SizeBandPointsDto)
  sizeBand!: SizeBandPointsDto;

  @ApiProperty({
    example: defaults.points.regionInScope,
    description: 'When the region lies in the vendor’s scope',
  })
  @IsOptional()
  @IsNumber(NUMBER)
  regionInScope!: number;

  @ApiProperty({
    example: defaults.points.perTouch,
    description: 'Per touch, for up to touchesCounted touches',
  })
  @IsOptional()
  @IsNumber(NUMBER)
  perTouch!: number;

  @ApiProperty({ example: defaults.points.touchesCounted, description: 'How many touches score (0–100)' })
  @IsOptional()
  @IsNumber(NUMBER)
  touchesCounted!: number;

  @ApiProperty({ example: defaults.points.recentWithin7Days, description: 'Last touch at most 7 days ago' })
  @IsOptional()
  @IsNumber(NUMBER)
  recentWithin7Days!: number;

  @ApiProperty({ example: defaults.points.recentWithin30Days, description: 'Last touch 8–30 days ago' })
  @IsOptional()
  @IsNumber(NUMBER)
  recentWithin30Days!: number;

  @ApiProperty({ type: SourcePointsDto, description: 'Per source channel' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SourcePointsDto)
  source!: SourcePointsDto;
}

/** The settings in force. */
export class LeadGradingSettingsDto {
  @ApiProperty({ type: GradingCutOffsDto })
  cutOffs!: GradingCutOffsDto;

  @ApiProperty({ example: defaults.deadAfterUntouchedDays, description: 'Untouched longer than this → dead' })
  deadAfterUntouchedDays!: number;

  @ApiProperty({ type: GradingPointsDto })
  points!: GradingPointsDto;

  @ApiProperty({ example: 1, description: 'Send as If-Match ("1") with a change' })
  version!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: never changed' })
  updatedAt!: string | null;
}

export class GradingCutOffsChangeDto extends PartialType(GradingCutOffsDto) {}

export class SizeBandPointsChangeDto extends PartialType(SizeBandPointsDto) {}

export class SourcePointsChangeDto extends PartialType(SourcePointsDto) {}

export class GradingPointsChangeDto extends PartialType(
  OmitType(GradingPointsDto, ['sizeBand', 'source'] as const),
) {
  @ApiPropertyOptional({ type: SizeBandPointsChangeDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SizeBandPointsChangeDto)
  sizeBand?: SizeBandPointsChangeDto;

  @ApiPropertyOptional({ type: SourcePointsChangeDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SourcePointsChangeDto)
  source?: SourcePointsChangeDto;
}

/**
 * A change: only the fields given change (nested maps key by key). The result must keep
 * 0 < medium < high ≤ 100, dead days 1…3650 and every points value a whole number 0…100.
 */
export class UpdateLeadGradingSettingsDto {
  @ApiPropertyOptional({ type: GradingCutOffsChangeDto, example: { high: 70, medium: 40 } })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GradingCutOffsChangeDto)
  cutOffs?: GradingCutOffsChangeDto;

  @ApiPropertyOptional({ example: 60 })
  @IsOptional()
  @IsNumber(NUMBER)
  deadAfterUntouchedDays?: number;

  @ApiPropertyOptional({ type: GradingPointsChangeDto, example: { source: { referral: 25 }, perTouch: 5 } })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GradingPointsChangeDto)
  points?: GradingPointsChangeDto;
}

export function mapLeadGradingSettings(
  settings: GradingSettings,
  meta: { version: number; updatedAt: Date | null },
): LeadGradingSettingsDto {
  return {
    cutOffs: { ...settings.cutOffs },
    deadAfterUntouchedDays: settings.deadAfterUntouchedDays,
    points: {
      ...settings.points,
      sizeBand: { ...settings.points.sizeBand },
      source: { ...settings.points.source },
    },
    version: meta.version,
    updatedAt: meta.updatedAt?.toISOString() ?? null,
  };
}
