import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { PERIOD_KEY_PATTERN } from '../../common/period/period';
import {
  CurrencyField,
  DateField,
  EnumField,
  IntField,
  TextField,
  UuidField,
} from '../../common/validation/fields';
import { FORECAST_CATEGORY_ENUM, type ForecastCategory } from '../leads/leads.published';
import { ConvertedTotalDto } from '../contracts/exchange-rates.dto';
import { MoneyAmountDto } from './reports.dto';

export enum ForecastLevel {
  COMPANY = 'company',
  VENDOR = 'vendor',
  REP = 'rep',
}

export class ForecastQuery {
  @ApiProperty({
    example: '2026-Q3',
    pattern: PERIOD_KEY_PATTERN.source,
    description: 'The period: a year, quarter, month or ISO week key',
  })
  @IsString()
  @Matches(PERIOD_KEY_PATTERN, { message: 'must be a period key such as 2026, 2026-Q3, 2026-07 or 2026-W05' })
  period!: string;

  @EnumField(ForecastLevel, {
    enumName: 'ForecastLevel',
    optional: true,
    default: ForecastLevel.COMPANY,
    description: 'company: one node for everything in scope; vendor: one per vendor; rep: one per rep',
  })
  level?: ForecastLevel;

  @DateField({
    optional: true,
    example: '2026-08-15',
    description: 'The day the period is “so far” up to, inclusive (UTC); default today',
  })
  asOf?: string;

  @UuidField({ optional: true })
  vendorId?: string;

  @UuidField({ optional: true, description: 'A rep (the leads’ owner, the contracts’ credited seller)' })
  repId?: string;

  @CurrencyField({
    optional: true,
    example: 'CNY',
    description:
      'Also give each node’s money converted into this currency (`converted`), at each currency’s latest ' +
      'rate on or before asOf (today at the latest); a currency without a rate makes that figure null, ' +
      'naming it (never a partial sum)',
  })
  convertTo?: string;
}

export class ForecastPipelineDto {
  @ApiProperty({ example: 'CNY' })
  currency!: string;

  @ApiProperty({ example: 2, description: 'Open valued leads expected to close in the period' })
  leads!: number;

  @ApiProperty({ example: 20000000, description: 'Sum of their expected amounts (minor units)' })
  expectedAmountMinor!: number;

  @ApiProperty({
    example: 11000000,
    description: 'Sum of expected amount × win probability (each lead rounded to a minor unit)',
  })
  weightedAmountMinor!: number;
}

export class ForecastCategoryTotalDto extends ForecastPipelineDto {
  @ApiProperty({ enum: FORECAST_CATEGORY_ENUM, enumName: 'ForecastCategory', example: 'commit' })
  category!: ForecastCategory;
}

export class ForecastTargetDto {
  @ApiProperty({ format: 'uuid' })
  targetId!: string;

  @ApiProperty({ example: 'CNY' })
  currency!: string;

  @ApiProperty({
    example: 30000000,
    description: 'The agreed bookings target of the node for the period (minor units)',
  })
  amountMinor!: number;

  @ApiProperty({ example: 'approved', description: 'approved or locked' })
  status!: string;
}

export class ForecastAdjustmentRevisionDto {
  @ApiProperty({ type: Number, nullable: true, example: 12000000, description: 'null: the first value' })
  previousAmountMinor!: number | null;

  @ApiProperty({ example: 15000000 })
  amountMinor!: number;

  @ApiProperty({ type: String, nullable: true })
  previousReason!: string | null;

  @ApiProperty({ example: 'Győr order confirmed by phone' })
  reason!: string;

  @ApiProperty({ format: 'uuid', description: 'The user who made the change' })
  changedBy!: string;

  @ApiProperty({ example: 'Wang Fang' })
  changedByName!: string;

  @ApiProperty({ format: 'date-time' })
  changedAt!: string;
}

export class ForecastAdjustmentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '2026-Q3' })
  period!: string;

  @ApiProperty({ enum: ForecastLevel, enumName: 'ForecastLevel' })
  level!: ForecastLevel;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  vendorId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  repId!: string | null;

  @ApiProperty({ example: 'CNY' })
  currency!: string;

  @ApiProperty({
    example: 15000000,
    description: 'The manager’s forecast for the node and period (minor units)',
  })
  amountMinor!: number;

  @ApiProperty({ example: 'Győr order confirmed by phone' })
  reason!: string;

  @ApiProperty({ format: 'uuid' })
  adjustedBy!: string;

  @ApiProperty({ example: 'Wang Fang' })
  adjustedByName!: string;

  @ApiProperty({ format: 'date-time' })
  adjustedAt!: string;

  @ApiProperty({ example: 2 })
  version!: number;

  @ApiProperty({ type: [ForecastAdjustmentRevisionDto], description: 'Every change, newest first' })
  history!: ForecastAdjustmentRevisionDto[];
}

export class SetForecastAdjustmentDto {
  @ApiProperty({ example: '2026-Q3', pattern: PERIOD_KEY_PATTERN.source, description: 'The period key' })
  @IsString()
  @Matches(PERIOD_KEY_PATTERN, { message: 'must be a period key such as 2026, 2026-Q3, 2026-07 or 2026-W05' })
  period!: string;

  @EnumField(ForecastLevel, { enumName: 'ForecastLevel', description: 'The level of the node adjusted' })
  level!: ForecastLevel;

  @UuidField({
    optional: true,
    description: 'vendor level: the vendor (omitted: in-house); rep level: the rep’s vendor (checked)',
  })
  vendorId?: string;

  @UuidField({ optional: true, description: 'rep level: the rep' })
  repId?: string;

  @CurrencyField({ example: 'CNY' })
  currency!: string;

  @IntField({
    example: 15000000,
    description: 'The manager’s forecast in minor units of `currency`',
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
  })
  amountMinor!: number;

  @TextField({ example: 'Győr order confirmed by phone', minLength: 1, maxLength: 500 })
  reason!: string;
}

export class ForecastConvertedDto {
  @ApiProperty({ type: ConvertedTotalDto, description: 'The weighted open pipeline, all currencies' })
  pipeline!: ConvertedTotalDto;

  @ApiProperty({ type: ConvertedTotalDto, description: 'The commit category of the weighted pipeline' })
  commit!: ConvertedTotalDto;

  @ApiProperty({ type: ConvertedTotalDto, description: 'Bookings so far' })
  bookingsToDate!: ConvertedTotalDto;

  @ApiProperty({ type: ConvertedTotalDto, description: 'The run-rate of the bookings so far' })
  runRate!: ConvertedTotalDto;

  @ApiProperty({ type: ConvertedTotalDto, description: 'The agreed bookings target' })
  target!: ConvertedTotalDto;

  @ApiProperty({ type: ConvertedTotalDto, description: 'The managers’ adjusted forecasts' })
  adjusted!: ConvertedTotalDto;
}

export class ForecastNodeDto {
  @ApiProperty({ enum: ForecastLevel, enumName: 'ForecastLevel' })
  level!: ForecastLevel;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The vendor (vendor and rep level); null: in-house, or the company node',
  })
  vendorId!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The rep (rep level); null otherwise or no rep',
  })
  repId!: string | null;

  @ApiProperty({ type: [ForecastPipelineDto], description: 'Weighted open pipeline per currency' })
  pipeline!: ForecastPipelineDto[];

  @ApiProperty({
    type: [MoneyAmountDto],
    description: 'Contracts signed from the period’s start up to asOf, per currency (credited share)',
  })
  bookingsToDate!: MoneyAmountDto[];

  @ApiProperty({
    type: [MoneyAmountDto],
    description:
      'bookingsToDate ÷ elapsedShare per currency, rounded half away from zero; empty before the period starts',
  })
  runRate!: MoneyAmountDto[];

  @ApiProperty({
    type: [ForecastCategoryTotalDto],
    description:
      'The weighted open pipeline per forecast category and currency (commit, best_case, pipeline; a ' +
      'category with no lead is absent); the categories of a currency add up to its pipeline row',
  })
  categories!: ForecastCategoryTotalDto[];

  @ApiProperty({
    type: [ForecastTargetDto],
    description: 'The node’s agreed bookings target of the period, per currency (none: no agreed target)',
  })
  target!: ForecastTargetDto[];

  @ApiProperty({
    type: [ForecastAdjustmentDto],
    description:
      'Managers’ adjusted forecasts of the node per currency, beside the computed one, with history',
  })
  adjustments!: ForecastAdjustmentDto[];

  @ApiProperty({
    type: ForecastConvertedDto,
    required: false,
    description: 'With convertTo: the node’s money as one figure each in that currency, with the rates used',
  })
  converted?: ForecastConvertedDto;
}

export class ForecastReportDto {
  @ApiProperty({ example: '2026-Q3' })
  period!: string;

  @ApiProperty({ format: 'date', example: '2026-07-01', description: 'First day, inclusive' })
  start!: string;

  @ApiProperty({ format: 'date', example: '2026-10-01', description: 'Day after the last, exclusive' })
  end!: string;

  @ApiProperty({ format: 'date', example: '2026-08-15' })
  asOf!: string;

  @ApiProperty({ enum: ForecastLevel, enumName: 'ForecastLevel' })
  level!: ForecastLevel;

  @ApiProperty({ example: 92, description: 'Days in the period' })
  periodDays!: number;

  @ApiProperty({ example: 46, description: 'Days of the period up to and including asOf (0 to periodDays)' })
  elapsedDays!: number;

  @ApiProperty({ example: 0.5, description: 'elapsedDays ÷ periodDays, to four decimals' })
  elapsedShare!: number;

  @ApiProperty({ type: [ForecastNodeDto] })
  nodes!: ForecastNodeDto[];

  @ApiProperty({
    format: 'date',
    required: false,
    description: 'With convertTo: the day whose latest rates (on or before it) converted the money',
  })
  ratesAsOf?: string;
}
