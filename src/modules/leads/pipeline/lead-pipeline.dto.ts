import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, ValidateNested } from 'class-validator';
import { PageQuery } from '../../../common/pagination/pagination';
import { LeadGrade, LeadStatus } from '../lead.enums';
import {
  DEFAULT_FORECAST_CATEGORY_RULE,
  DEFAULT_STATUS_PROBABILITIES as defaults,
  type ForecastCategory,
} from './lead-pipeline.rules';
import { UuidField, IntField, DateField, CurrencyField, EnumField } from '../../../common/validation/fields';

/** The forecast categories as an enum object for the field decorators. */
export const FORECAST_CATEGORY_ENUM: Record<ForecastCategory, ForecastCategory> = {
  commit: 'commit',
  best_case: 'best_case',
  pipeline: 'pipeline',
};

const NUMBER = { allowNaN: false, allowInfinity: false } as const;

export class SetLeadPipelineDto {
  @IntField({
    example: 4800000,
    description: 'Expected deal value in integer minor units of `currency` (48 000.00 CNY = 4800000)',
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
  })
  expectedAmountMinor!: number;

  @CurrencyField({ example: 'CNY', description: 'ISO 4217' })
  currency!: string;

  @DateField({ example: '2027-03-31', description: 'Expected close (signature) date' })
  expectedCloseOn!: string;

  @IntField({
    optional: true,
    nullable: true,
    example: 60,
    description: 'The lead’s own win probability in percent; omitted or null: its status default',
    minimum: 0,
    maximum: 100,
  })
  winProbabilityPct?: number | null;

  @EnumField(FORECAST_CATEGORY_ENUM, {
    enumName: 'ForecastCategory',
    optional: true,
    nullable: true,
    example: 'commit',
    description:
      'The lead’s own forecast category; omitted or null: derived from its probability by the settings rule',
  })
  forecastCategory?: ForecastCategory | null;
}

export class StatusProbabilitiesDto {
  @ApiProperty({ example: defaults.new })
  @IsOptional()
  @IsNumber(NUMBER)
  new!: number;

  @ApiProperty({ example: defaults.assigned })
  @IsOptional()
  @IsNumber(NUMBER)
  assigned!: number;

  @ApiProperty({ example: defaults.contacted })
  @IsOptional()
  @IsNumber(NUMBER)
  contacted!: number;

  @ApiProperty({ example: defaults.qualified })
  @IsOptional()
  @IsNumber(NUMBER)
  qualified!: number;

  @ApiProperty({ example: defaults.negotiating })
  @IsOptional()
  @IsNumber(NUMBER)
  negotiating!: number;
}

export class StatusProbabilitiesChangeDto extends PartialType(StatusProbabilitiesDto) {}

export class ForecastCategoryRuleDto {
  @ApiProperty({
    example: DEFAULT_FORECAST_CATEGORY_RULE.commitFromPct,
    description: 'From this win probability on a lead counts as commit',
  })
  @IsOptional()
  @IsNumber(NUMBER)
  commitFromPct!: number;

  @ApiProperty({
    example: DEFAULT_FORECAST_CATEGORY_RULE.bestCaseFromPct,
    description: 'From this probability on (below commit) best case; below it, pipeline',
  })
  @IsOptional()
  @IsNumber(NUMBER)
  bestCaseFromPct!: number;
}

export class ForecastCategoryRuleChangeDto extends PartialType(ForecastCategoryRuleDto) {}

export class LeadPipelineSettingsDto {
  @ApiProperty({
    type: StatusProbabilitiesDto,
    description: 'Default win probability in percent per open status (won 100, lost and rejected 0)',
  })
  probabilities!: StatusProbabilitiesDto;

  @ApiProperty({
    type: ForecastCategoryRuleDto,
    description: 'How a lead without its own forecast category gets one from its win probability',
  })
  forecastCategories!: ForecastCategoryRuleDto;

  @ApiProperty({ example: 1, description: 'Send back as If-Match (also the ETag) to update' })
  version!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: never changed' })
  updatedAt!: string | null;
}

export class UpdateLeadPipelineSettingsDto {
  @ApiPropertyOptional({
    type: StatusProbabilitiesChangeDto,
    description: 'Only the statuses given change',
    example: { qualified: 35, negotiating: 65 },
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => StatusProbabilitiesChangeDto)
  probabilities?: StatusProbabilitiesChangeDto;

  @ApiPropertyOptional({
    type: ForecastCategoryRuleChangeDto,
    description: 'Only the thresholds given change',
    example: { commitFromPct: 80 },
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ForecastCategoryRuleChangeDto)
  forecastCategories?: ForecastCategoryRuleChangeDto;
}

export class ListPipelineQuery extends PageQuery {
  @UuidField({ optional: true })
  vendorId?: string;

  @UuidField({ optional: true })
  ownerRepId?: string;

  @CurrencyField({ optional: true, example: 'CNY' })
  currency?: string;

  @DateField({ optional: true, example: '2027-01-01', description: 'Expected close on or after this day' })
  closeFrom?: string;

  @DateField({ optional: true, example: '2027-03-31', description: 'Expected close on or before this day' })
  closeTo?: string;
}

export class PipelineLeadDto {
  @ApiProperty({ format: 'uuid' })
  leadId!: string;

  @ApiProperty({ example: 'Győri Gépgyártó Kft.' })
  companyName!: string;

  @ApiProperty({ enum: LeadStatus, enumName: 'LeadStatus', example: LeadStatus.NEGOTIATING })
  status!: LeadStatus;

  @ApiProperty({ enum: LeadGrade, enumName: 'LeadGrade' })
  grade!: LeadGrade;

  @ApiProperty()
  keyLead!: boolean;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  vendorId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  ownerRepId!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 4800000, description: 'null: not valued yet' })
  expectedAmountMinor!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'CNY' })
  currency!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2027-03-31' })
  expectedCloseOn!: string | null;

  @ApiProperty({ example: 70, description: 'The lead’s own probability, else its status default' })
  winProbabilityPct!: number;

  @ApiProperty({ enum: FORECAST_CATEGORY_ENUM, enumName: 'ForecastCategory', example: 'commit' })
  forecastCategory!: ForecastCategory;

  @ApiProperty({
    enum: ['lead', 'rule'],
    example: 'rule',
    description: 'Where forecastCategory comes from: the lead’s own, or the settings rule on its probability',
  })
  forecastCategorySource!: 'lead' | 'rule';

  @ApiProperty({
    enum: ['lead', 'status'],
    example: 'status',
    description: 'Where winProbabilityPct comes from',
  })
  probabilitySource!: 'lead' | 'status';

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 3360000,
    description: 'expectedAmountMinor × probability, rounded half away from zero to a minor unit',
  })
  weightedAmountMinor!: number | null;
}

export class PipelineTotalDto {
  @ApiProperty({ example: 'CNY' })
  currency!: string;

  @ApiProperty({ example: 12 })
  leads!: number;

  @ApiProperty({ example: 57600000 })
  expectedAmountMinor!: number;

  @ApiProperty({ example: 31200000, description: 'Sum of the leads’ weighted amounts' })
  weightedAmountMinor!: number;
}

export class PipelinePageDto {
  @ApiProperty({ type: [PipelineLeadDto] })
  data!: PipelineLeadDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` to get the next page' })
  nextCursor!: string | null;

  @ApiProperty({
    type: [PipelineTotalDto],
    description:
      'Over every lead the filters match (not just this page), one row per currency, never added across',
  })
  totals!: PipelineTotalDto[];

  @ApiProperty({ example: 3, description: 'Matching leads without a pipeline value yet' })
  unvaluedLeads!: number;
}
