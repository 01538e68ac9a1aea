import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEnum, IsOptional } from 'class-validator';
import { LeadSource, LeadStatus } from '../leads/leads.published';
import { TargetMetric } from '../targets/target.enums';
import {
  UuidField,
  TextField,
  EnumField,
  DateField,
  IntField,
  CurrencyField,
} from '../../common/validation/fields';
import { ConvertedTotalDto } from '../contracts/exchange-rates.dto';

/** The widest range one report covers: three years keeps a day-grained cube bounded. */
export const MAX_REPORT_RANGE_DAYS = 1096;
/** The deepest level of the region tree a report rolls regions up to (0 = regions without a parent). */
export const MAX_REGION_LEVEL = 9;
/** More than three dimensions at once is a spreadsheet nobody reads, and a cube that grows fast. */
export const MAX_REPORT_DIMENSIONS = 3;

/** A query string holds one value or many under one name; either way it is a list here. */
const toList = ({ value }: { value: unknown }): unknown =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];

export class ReportSliceQuery {
  @DateField({ example: '2026-01-01', description: 'First day (UTC), inclusive' })
  from!: string;

  @DateField({
    example: '2027-01-01',
    description: `Day after the last (UTC), exclusive; at most ${MAX_REPORT_RANGE_DAYS} days after from`,
  })
  to!: string;

  @UuidField({ optional: true })
  vendorId?: string;

  @UuidField({ optional: true, description: 'Owner rep of the lead / rep of the call report' })
  repId?: string;

  @TextField({ optional: true, example: 'CN-GD', maxLength: 10 })
  regionCode?: string;

  @TextField({ optional: true, example: 'manufacturing', maxLength: 60 })
  industryCode?: string;

  @UuidField({ optional: true })
  productLineId?: string;

  @EnumField(LeadSource, { optional: true, enumName: 'LeadSource' })
  source?: LeadSource;
}

// ---- funnel ----

export class FunnelStageDto {
  @ApiProperty({ enum: LeadStatus, enumName: 'LeadStatus', example: LeadStatus.CONTACTED })
  stage!: LeadStatus;

  @ApiProperty({ example: 120, description: 'Leads of the cohort that got to this stage or past it' })
  reached!: number;

  @ApiProperty({ example: 14, description: 'Leads of the cohort in this stage now' })
  current!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.625,
    description: 'reached of the next stage / reached of this one, 4 decimals; null for won or none reached',
  })
  conversionToNext!: number | null;

  @ApiProperty({ example: 95, description: 'Stays in this stage that have ended (from the lead history)' })
  completedStays!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 3.5,
    description: 'Median days of those stays, 1 decimal',
  })
  medianDaysInStage!: number | null;
}

export class FunnelReportDto {
  @ApiProperty({ format: 'date' })
  from!: string;

  @ApiProperty({ format: 'date' })
  to!: string;

  @ApiProperty({ example: 150, description: 'Leads taken in during the range (the cohort)' })
  cohort!: number;

  @ApiProperty({
    type: [FunnelStageDto],
    description: 'new → assigned → contacted → qualified → negotiating → won',
  })
  stages!: FunnelStageDto[];

  @ApiProperty({ example: 20, description: 'Leads of the cohort lost' })
  lost!: number;

  @ApiProperty({ example: 9, description: 'Leads of the cohort rejected' })
  rejected!: number;
}

// ---- losses ----

export class BreakdownEntryDto {
  @ApiProperty({ type: String, nullable: true, example: 'price', description: 'The group; null = not set' })
  key!: string | null;

  @ApiProperty({ example: 7 })
  leads!: number;
}

export class LossReportDto {
  @ApiProperty({ format: 'date' })
  from!: string;

  @ApiProperty({ format: 'date' })
  to!: string;

  @ApiProperty({ type: [BreakdownEntryDto], description: 'Lost leads by structured lost reason' })
  lostByReason!: BreakdownEntryDto[];

  @ApiProperty({ type: [BreakdownEntryDto], description: 'Rejected leads by reject reason' })
  rejectedByReason!: BreakdownEntryDto[];

  @ApiProperty({ type: [BreakdownEntryDto], description: 'Lost leads by vendor id (null = in-house)' })
  lostByVendor!: BreakdownEntryDto[];

  @ApiProperty({ type: [BreakdownEntryDto], description: 'Rejected leads by vendor id (null = in-house)' })
  rejectedByVendor!: BreakdownEntryDto[];

  @ApiProperty({
    type: [BreakdownEntryDto],
    description: 'Lost leads by product line id; a lead with several lines counts under each, none = null',
  })
  lostByProductLine!: BreakdownEntryDto[];

  @ApiProperty({
    type: [BreakdownEntryDto],
    description: 'Leads lost to a competitor, by the competitor named',
  })
  lostByCompetitor!: BreakdownEntryDto[];

  @ApiProperty({
    type: [BreakdownEntryDto],
    description:
      'Dead-graded leads (not rejected) by cause: `lost_no_chance` or `untouched` (idle past the limit)',
  })
  deadByCause!: BreakdownEntryDto[];

  @ApiProperty({
    type: [BreakdownEntryDto],
    description:
      'Low-graded leads (not rejected) by each scoring factor that gave them no points (industry, size, region, ' +
      'touches, recency, source); a lead counts under each such factor',
  })
  lowByCause!: BreakdownEntryDto[];
}

// ---- analysis ----

export enum AnalysisMeasure {
  NEW_LEADS = 'newLeads',
  WON_LEADS = 'wonLeads',
  CONVERSION = 'conversion',
  CALLS = 'calls',
  VISITS = 'visits',
  REVENUE = 'revenue',
  BOOKINGS = 'bookings',
  NEW_CUSTOMERS = 'newCustomers',
  ATTAINMENT = 'attainment',
}

export enum AnalysisDimension {
  PERIOD = 'period',
  REGION = 'region',
  INDUSTRY = 'industry',
  PRODUCT_LINE = 'productLine',
  VENDOR = 'vendor',
  REP = 'rep',
  SOURCE = 'source',
}

export enum PeriodGrainParam {
  DAY = 'day',
  WEEK = 'week',
  MONTH = 'month',
  QUARTER = 'quarter',
  YEAR = 'year',
}

export class AnalysisQuery extends ReportSliceQuery {
  @ApiProperty({
    enum: AnalysisMeasure,
    enumName: 'AnalysisMeasure',
    isArray: true,
    example: [AnalysisMeasure.NEW_LEADS, AnalysisMeasure.CALLS],
    description:
      'calls and visits go with the period, vendor and rep dimensions and filters only; revenue, bookings ' +
      'and newCustomers with every dimension and filter but source',
  })
  @Transform(toList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(9)
  @ArrayUnique()
  @IsEnum(AnalysisMeasure, { each: true })
  measures!: AnalysisMeasure[];

  @ApiPropertyOptional({
    enum: AnalysisDimension,
    enumName: 'AnalysisDimension',
    isArray: true,
    example: [AnalysisDimension.PERIOD, AnalysisDimension.VENDOR],
    description: `At most ${MAX_REPORT_DIMENSIONS} (REPORT_TOO_MANY_DIMENSIONS); none = one row of totals`,
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayUnique()
  @IsEnum(AnalysisDimension, { each: true })
  dimensions?: AnalysisDimension[];

  @EnumField(PeriodGrainParam, {
    optional: true,
    enumName: 'PeriodGrain',
    default: PeriodGrainParam.MONTH,
    description: 'Grain of the period dimension; keys as 2026-07-14, 2026-W05, 2026-07, 2026-Q3, 2026',
  })
  grain?: PeriodGrainParam;

  @EnumField(TargetMetric, {
    optional: true,
    enumName: 'TargetMetric',
    default: TargetMetric.REVENUE,
    description: 'The metric of the agreed targets the attainment measure reads',
  })
  attainmentMetric?: TargetMetric;

  @Type(() => Number)
  @IntField({
    optional: true,
    minimum: 0,
    maximum: MAX_REGION_LEVEL,
    example: 0,
    description:
      'Roll regions up their tree to this level (0 = regions without a parent, 1 = their children…): a ' +
      'region below it counts under its ancestor there, and a regionCode filter takes the region with every ' +
      'region inside it. Omitted = each region on its own.',
  })
  regionLevel?: number;

  @CurrencyField({
    optional: true,
    example: 'CNY',
    description:
      'Also give revenue and bookings of each cell and of the total converted into this currency, at each ' +
      'currency’s latest rate on or before the last day of the range (today at the latest); a currency ' +
      'without a rate makes the converted figure null, naming it',
  })
  convertTo?: string;
}

export class AnalysisCellKeysDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-07' })
  period?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'CN-GD' })
  region?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'manufacturing' })
  industry?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  productLine?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  vendor?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  rep?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'web_form' })
  source?: string | null;
}

export class MoneyAmountDto {
  @ApiProperty({ example: 'CNY', pattern: '^[A-Z]{3}$' })
  currency!: string;

  @ApiProperty({ example: 1250000, description: 'Integer minor units (12 500.00 CNY)' })
  amountMinor!: number;
}

export class AttainmentAmountDto {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'CNY',
    description: 'The targets’ currency; null for a count metric',
  })
  currency!: string | null;

  @ApiProperty({ example: 3, description: 'Agreed targets added up in this cell and currency' })
  targets!: number;

  @ApiProperty({ example: 20000000, description: 'Sum of their base values (minor units for money)' })
  target!: number;

  @ApiProperty({ example: 15000000, description: 'Sum of their actuals (minor units for money)' })
  actual!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 75,
    description: 'actual ÷ target in percent, one decimal',
  })
  attainmentPercent!: number | null;
}

export class AnalysisConvertedDto {
  @ApiPropertyOptional({ type: ConvertedTotalDto, description: 'Revenue of the cell converted' })
  revenue?: ConvertedTotalDto;

  @ApiPropertyOptional({ type: ConvertedTotalDto, description: 'Bookings of the cell converted' })
  bookings?: ConvertedTotalDto;
}

export class AnalysisRowDto {
  @ApiProperty({ type: AnalysisCellKeysDto, description: 'One key per requested dimension; null = not set' })
  keys!: AnalysisCellKeysDto;

  @ApiPropertyOptional({ example: 42, description: 'Leads taken in (by intake day)' })
  newLeads?: number;

  @ApiPropertyOptional({ example: 5, description: 'Leads won (by the day won)' })
  wonLeads?: number;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 0.119,
    description: 'Of the leads new in this cell, the share won by now, 4 decimals; null without new leads',
  })
  conversion?: number | null;

  @ApiPropertyOptional({ example: 310, description: 'Call reports of type call (rep’s local day)' })
  calls?: number;

  @ApiPropertyOptional({ example: 28, description: 'Call reports of type visit (rep’s local day)' })
  visits?: number;

  @ApiPropertyOptional({
    type: [MoneyAmountDto],
    example: [{ currency: 'CNY', amountMinor: 1250000 }],
    description:
      'Payments less refunds on the paid day, per currency (never summed across currencies), the seller’s ' +
      'credit share of each; [] = none',
  })
  revenue?: MoneyAmountDto[];

  @ApiPropertyOptional({
    type: [MoneyAmountDto],
    example: [{ currency: 'EUR', amountMinor: 480000 }],
    description: 'Totals of the contracts signed (on the signature day), per currency, split by credit share',
  })
  bookings?: MoneyAmountDto[];

  @ApiPropertyOptional({ example: 3, description: 'Customers whose first contract was signed in the cell' })
  newCustomers?: number;

  @ApiPropertyOptional({
    type: [AttainmentAmountDto],
    description:
      'The agreed targets of the periods of the grain lying wholly in [from, to) with their actuals, per ' +
      'currency (never added across currencies): the reps’ targets with the rep dimension (or for a rep), ' +
      'the vendors’ with the vendor dimension (or for a vendor manager), else the company’s',
  })
  attainment?: AttainmentAmountDto[];

  @ApiPropertyOptional({
    type: AnalysisConvertedDto,
    description: 'With convertTo: the money measures as one figure in that currency, with the rates used',
  })
  converted?: AnalysisConvertedDto;
}

export class AnalysisReportDto {
  @ApiProperty({ format: 'date' })
  from!: string;

  @ApiProperty({ format: 'date' })
  to!: string;

  @ApiProperty({ enum: AnalysisMeasure, enumName: 'AnalysisMeasure', isArray: true })
  measures!: AnalysisMeasure[];

  @ApiProperty({ enum: AnalysisDimension, enumName: 'AnalysisDimension', isArray: true })
  dimensions!: AnalysisDimension[];

  @ApiProperty({ enum: PeriodGrainParam, enumName: 'PeriodGrain' })
  grain!: PeriodGrainParam;

  @ApiProperty({ type: [AnalysisRowDto], description: 'Cells sorted by their keys' })
  rows!: AnalysisRowDto[];

  @ApiProperty({ type: AnalysisRowDto, description: 'All cells together (keys empty)' })
  total!: AnalysisRowDto;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-12-31',
    description: 'With convertTo: the day whose latest rates (on or before it) converted the money',
  })
  ratesAsOf?: string;
}
