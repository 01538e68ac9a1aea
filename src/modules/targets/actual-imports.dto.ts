import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CURRENCY_PATTERN } from '../../common/money/money';
import { PERIOD_KEY_PATTERN } from '../../common/period/period';
import { MARKET_SIZE } from './actuals.service';
import { OwnerKind, TargetMetric } from './target.enums';
import { UuidField, TextField, EnumField } from '../../common/validation/fields';

export const MAX_ACTUAL_IMPORT_ROWS = 10_000;
export const IMPORTABLE_METRICS = [...Object.values(TargetMetric), MARKET_SIZE];
export const ACTUAL_CSV_COLUMNS = [
  'metric',
  'periodKey',
  'ownerKind',
  'ownerId',
  'regionId',
  'industryCode',
  'productLineId',
  'value',
  'currency',
  'source',
] as const;

export class ImportActualRowDto {
  @ApiProperty({
    enum: IMPORTABLE_METRICS,
    example: 'revenue',
    description: 'A target metric, or market_size',
  })
  @IsIn(IMPORTABLE_METRICS)
  metric!: string;

  @ApiProperty({ example: '2025-03' })
  @Matches(PERIOD_KEY_PATTERN, { message: 'periodKey must be a period key such as 2025, 2025-Q1 or 2025-03' })
  periodKey!: string;

  @EnumField(OwnerKind, {
    enumName: 'TargetOwnerKind',
    description: 'market_size rows belong to the company',
  })
  ownerKind!: OwnerKind;

  @UuidField({ optional: true })
  ownerId?: string;

  @UuidField({ optional: true })
  regionId?: string;

  @TextField({ optional: true, maxLength: 60 })
  industryCode?: string;

  @UuidField({ optional: true })
  productLineId?: string;

  @ApiProperty({
    example: 1_250_000_00,
    description: 'In the metric’s unit (minor units for money and market size)',
  })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1e15)
  value!: number;

  @ApiPropertyOptional({ example: 'CNY', description: 'Required for money metrics and market_size' })
  @IsOptional()
  @Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code such as CNY' })
  currency?: string;

  @TextField({ optional: true, example: 'ERP 2025 ledger', maxLength: 100 })
  source?: string;
}

export class ImportActualsDto {
  @ApiProperty({ type: [ImportActualRowDto], minItems: 1, maxItems: MAX_ACTUAL_IMPORT_ROWS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ACTUAL_IMPORT_ROWS)
  @ValidateNested({ each: true })
  @Type(() => ImportActualRowDto)
  rows!: ImportActualRowDto[];
}

export class ImportActualRowResultDto {
  @ApiProperty({ description: 'Row index, from 0' }) row!: number;
  @ApiProperty({ enum: ['created', 'updated', 'unchanged'] }) result!: 'created' | 'updated' | 'unchanged';
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class ImportActualsResultDto {
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty({ type: [ImportActualRowResultDto] }) rows!: ImportActualRowResultDto[];
}
