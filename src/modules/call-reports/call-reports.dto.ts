import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsISO8601,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Transform } from 'class-transformer';
import { IsCalendarDate } from '../../common/validation/validation-helpers';
import { PageOf, PageQuery } from '../../common/pagination/pagination';
import { queryBoolean } from '../catalog/catalog.dto';
import { CallReportFlag } from './call-report-flag.entity';
import { CallReport } from './call-report.entity';
import { CallReportOutcome, CallReportType, PlausibilityFlagKind } from './call-report.enums';
import { DailyBrief, RepCompliance, VendorCompliance } from './compliance.service';
import { ComplianceSummary, QuotaProgress, QuotaSet } from './quota-compliance';

export const MAX_BATCH_SIZE = 5000;

export class CallReportLocationDto {
  @ApiProperty({ example: 31.2304, minimum: -90, maximum: 90 })
  @IsLatitude()
  latitude!: number;

  @ApiProperty({ example: 121.4737, minimum: -180, maximum: 180 })
  @IsLongitude()
  longitude!: number;

  @ApiPropertyOptional({ example: '上海浦东新区 张江高科技园区', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export class CreateCallReportDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The rep who made the contact. Reps may leave it out (themselves); everyone else names it.',
  })
  @IsOptional()
  @IsUUID()
  repId?: string;

  @ApiProperty({
    format: 'date-time',
    example: '2026-11-23T02:30:00Z',
    description: 'When it happened; not in the future',
  })
  @IsISO8601({ strict: true, strictSeparator: true })
  occurredAt!: string;

  @ApiProperty({ enum: CallReportType, enumName: 'CallReportType', example: CallReportType.VISIT })
  @IsEnum(CallReportType)
  type!: CallReportType;

  @ApiProperty({ example: 1800, minimum: 0, maximum: 86400, description: 'Seconds' })
  @IsInt()
  @Min(0)
  @Max(86400)
  durationSeconds!: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The lead worked; the report becomes a touch on its history',
  })
  @IsOptional()
  @IsUUID()
  leadId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The customer (account) the report is about: it must exist and be in the caller’s scope (a vendor ' +
      'sees its own customers), else 404 naming customerId',
  })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiProperty({
    enum: CallReportOutcome,
    enumName: 'CallReportOutcome',
    example: CallReportOutcome.FOLLOW_UP_SET,
  })
  @IsEnum(CallReportOutcome)
  outcome!: CallReportOutcome;

  @ApiPropertyOptional({ example: '采购经理对新报价感兴趣，需要样品。', maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;

  @ApiPropertyOptional({ example: 'Send samples and the revised quote', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  nextStep?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-11-27',
    description: 'Not before the day of the report',
  })
  @IsOptional()
  @IsCalendarDate()
  nextStepOn?: string;

  @ApiPropertyOptional({ type: CallReportLocationDto, description: 'Where a visit took place' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CallReportLocationDto)
  location?: CallReportLocationDto;
}

export class CreateCallReportBatchDto {
  // Rows are checked by validateCallReportRows (the same rules as CreateCallReportDto, much faster).
  @ApiProperty({ type: [CreateCallReportDto], minItems: 1, maxItems: MAX_BATCH_SIZE })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_SIZE)
  reports!: CreateCallReportDto[];
}

export class CallReportBatchResultDto {
  @ApiProperty({ example: 2 })
  created!: number;

  @ApiProperty({ type: [String], description: 'Ids of the new reports, in the order sent' })
  ids!: string[];

  @ApiProperty({ example: 0, description: 'Plausibility flags raised by this batch' })
  flagsRaised!: number;
}

export class CallReportDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  repId!: string;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({
    format: 'date',
    description: "The day it counts on, in the rep's time zone",
    example: '2026-11-23',
  })
  occurredOn!: string;

  @ApiProperty({ enum: CallReportType, enumName: 'CallReportType' })
  type!: CallReportType;

  @ApiProperty({ example: 1800 })
  durationSeconds!: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  leadId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  customerId!: string | null;

  @ApiProperty({ enum: CallReportOutcome, enumName: 'CallReportOutcome' })
  outcome!: CallReportOutcome;

  @ApiProperty({ type: String, nullable: true })
  notes!: string | null;

  @ApiProperty({ type: String, nullable: true })
  nextStep!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  nextStepOn!: string | null;

  @ApiProperty({ type: CallReportLocationDto, nullable: true })
  location!: CallReportLocationDto | null;

  @ApiProperty({ format: 'uuid', description: 'The user or API client that filed it' })
  reportedBy!: string;

  @ApiProperty({ format: 'date-time', description: 'When it was filed' })
  createdAt!: string;

  @ApiProperty({ example: 1 })
  version!: number;
}

export const CallReportPage = PageOf(CallReportDto);

export function mapCallReport(report: CallReport): CallReportDto {
  return {
    id: report.id,
    repId: report.repId,
    vendorId: report.vendorId,
    occurredAt: report.occurredAt.toISOString(),
    occurredOn: report.occurredOn,
    type: report.type,
    durationSeconds: report.durationSeconds,
    leadId: report.leadId,
    customerId: report.customerId,
    outcome: report.outcome,
    notes: report.notes,
    nextStep: report.nextStep,
    nextStepOn: report.nextStepOn,
    location:
      report.latitude === null || report.longitude === null
        ? null
        : { latitude: report.latitude, longitude: report.longitude, name: report.locationName ?? undefined },
    reportedBy: report.reportedBy,
    createdAt: report.createdAt.toISOString(),
    version: report.version,
  };
}

export class ListCallReportsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  repId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  vendorId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  leadId?: string;

  @ApiPropertyOptional({ enum: CallReportType, enumName: 'CallReportType' })
  @IsOptional()
  @IsEnum(CallReportType)
  type?: CallReportType;

  @ApiPropertyOptional({ format: 'date-time', description: 'Happened at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Happened before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredTo?: string;
}

/** A day, an ISO week or a date range (both days included): exactly one form. */
export class PeriodQuery {
  @ApiPropertyOptional({ format: 'date', example: '2026-11-23', description: 'One day' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({ example: '2026-W48', description: 'An ISO week, Monday to Sunday' })
  @IsOptional()
  @Matches(/^\d{4}-W\d{2}$/, { message: 'week must be an ISO week like 2026-W48' })
  week?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-30' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class TeamComplianceQuery extends PeriodQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'One vendor; vendor-bound callers always see only theirs',
  })
  @IsOptional()
  @IsUUID()
  vendorId?: string;
}

export class DailyBriefQuery {
  @ApiPropertyOptional({
    format: 'date',
    example: '2026-11-23',
    description: "Default: today in the rep's or vendor's time zone",
  })
  @IsOptional()
  @IsCalendarDate()
  date?: string;
}

export class QuotaSetDto implements QuotaSet {
  @ApiProperty({ type: Number, nullable: true, example: 10 })
  dailyCalls!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 45 })
  weeklyCalls!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 2 })
  dailyVisits!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: null })
  weeklyVisits!: number | null;
}

export class QuotaProgressDto implements QuotaProgress {
  @ApiProperty({ example: 41 })
  done!: number;

  @ApiProperty({ type: Number, nullable: true, example: 45, description: 'null: no quota applies' })
  expected!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 91.1 })
  percent!: number | null;

  @ApiProperty()
  met!: boolean;
}

export class CountByTypeDto {
  @ApiProperty({ example: 41 })
  call!: number;

  @ApiProperty({ example: 6 })
  visit!: number;

  @ApiProperty({ example: 2 })
  meeting!: number;

  @ApiProperty({ example: 1 })
  negotiation!: number;

  @ApiProperty({ example: 0 })
  demo!: number;

  @ApiProperty({ example: 3 })
  email!: number;
}

export class ComplianceSummaryDto implements ComplianceSummary {
  @ApiProperty({ example: 4, description: "Working days in the period, in the rep's country calendar" })
  workingDays!: number;

  @ApiProperty({ type: QuotaProgressDto, description: 'Calls (type `call`)' })
  calls!: QuotaProgressDto;

  @ApiProperty({ type: QuotaProgressDto, description: 'Visits (type `visit`)' })
  visits!: QuotaProgressDto;

  @ApiProperty({ example: 1, description: 'Working days on which a daily quota was not reached' })
  daysMissed!: number;

  @ApiProperty({ type: CountByTypeDto })
  byType!: CountByTypeDto;

  @ApiProperty()
  belowQuota!: boolean;
}

export class RepComplianceDto extends ComplianceSummaryDto {
  @ApiProperty({ format: 'uuid' })
  repId!: string;

  @ApiProperty({ example: 'Zhang Wei' })
  repName!: string;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ example: 'Asia/Shanghai' })
  timezone!: string;

  @ApiProperty({ format: 'date', example: '2026-11-23' })
  from!: string;

  @ApiProperty({ format: 'date', example: '2026-11-29' })
  to!: string;

  @ApiProperty({
    type: QuotaSetDto,
    description: 'Effective quotas: the rep’s own, else the agreement default',
  })
  quotas!: QuotaSetDto;
}

export class VendorComplianceDto extends ComplianceSummaryDto {
  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ format: 'date', example: '2026-11-23' })
  from!: string;

  @ApiProperty({ format: 'date', example: '2026-11-29' })
  to!: string;

  @ApiProperty({ example: 12, description: 'Active reps counted' })
  repCount!: number;

  @ApiProperty({ example: 3 })
  repsBelowQuota!: number;

  @ApiProperty({ type: [RepComplianceDto], description: 'Each active rep, lowest compliance first' })
  reps!: RepComplianceDto[];
}

export class RepsBelowQuotaDto {
  @ApiProperty({ format: 'date', example: '2026-11-23' })
  from!: string;

  @ApiProperty({ format: 'date', example: '2026-11-29' })
  to!: string;

  @ApiProperty({
    type: [RepComplianceDto],
    description: 'Active reps below a quota, lowest compliance first',
  })
  data!: RepComplianceDto[];
}

export class ListFlagsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  repId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  vendorId?: string;

  @ApiPropertyOptional({ enum: PlausibilityFlagKind, enumName: 'PlausibilityFlagKind' })
  @IsOptional()
  @IsEnum(PlausibilityFlagKind)
  kind?: PlausibilityFlagKind;

  @ApiPropertyOptional({ default: false, description: 'Also list dismissed flags' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  includeDismissed?: boolean;
}

export class DismissFlagDto {
  @ApiProperty({
    example: 'Checked with the customer: the visits were real, the rep used the train.',
    maxLength: 500,
  })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;
}

export class PlausibilityFlagDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  callReportId!: string;

  @ApiProperty({ format: 'uuid' })
  repId!: string;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ format: 'date-time', description: 'When the flagged report happened' })
  occurredAt!: string;

  @ApiProperty({ enum: PlausibilityFlagKind, enumName: 'PlausibilityFlagKind' })
  kind!: PlausibilityFlagKind;

  @ApiProperty({ example: '195 km from the previous visit 35 min after it (334 km/h)' })
  detail!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  dismissedAt!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  dismissedBy!: string | null;

  @ApiProperty({ type: String, nullable: true })
  dismissReason!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ example: 1 })
  version!: number;
}

export const PlausibilityFlagPage = PageOf(PlausibilityFlagDto);

export function mapFlag(flag: CallReportFlag): PlausibilityFlagDto {
  return {
    id: flag.id,
    callReportId: flag.callReportId,
    repId: flag.repId,
    vendorId: flag.vendorId,
    occurredAt: flag.occurredAt.toISOString(),
    kind: flag.kind,
    detail: flag.detail,
    dismissedAt: flag.dismissedAt?.toISOString() ?? null,
    dismissedBy: flag.dismissedBy,
    dismissReason: flag.dismissReason,
    createdAt: flag.createdAt.toISOString(),
    version: flag.version,
  };
}

export class OutcomeCountDto {
  @ApiProperty({ enum: CallReportType, enumName: 'CallReportType' })
  type!: CallReportType;

  @ApiProperty({ enum: CallReportOutcome, enumName: 'CallReportOutcome' })
  outcome!: CallReportOutcome;

  @ApiProperty({ example: 4 })
  count!: number;
}

export class DailyBriefDto {
  @ApiProperty({ format: 'date', example: '2026-11-23' })
  date!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  repId!: string | null;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ type: CountByTypeDto })
  byType!: CountByTypeDto;

  @ApiProperty({ type: [OutcomeCountDto], description: 'Reports by type and outcome' })
  byOutcome!: OutcomeCountDto[];

  @ApiProperty({ example: 9, description: 'Distinct leads touched' })
  leadsTouched!: number;

  @ApiProperty({ example: 3, description: 'Reports that set a next step with a date' })
  followUpsSet!: number;

  @ApiProperty({ example: 1, description: 'Open plausibility flags on the day’s reports' })
  openFlags!: number;

  @ApiProperty({ type: ComplianceSummaryDto, description: 'Quota status for the day' })
  quota!: ComplianceSummaryDto;

  @ApiProperty({
    example: 1,
    description: 'Reps of the vendor below a daily quota (vendor brief); 0 or 1 for a rep',
  })
  repsBelowQuota!: number;
}

export function mapComplianceSummary(summary: ComplianceSummary): ComplianceSummaryDto {
  return {
    workingDays: summary.workingDays,
    calls: summary.calls,
    visits: summary.visits,
    daysMissed: summary.daysMissed,
    byType: summary.byType,
    belowQuota: summary.belowQuota,
  };
}

export function mapRepCompliance(compliance: RepCompliance): RepComplianceDto {
  return {
    repId: compliance.rep.repId,
    repName: compliance.rep.fullName,
    vendorId: compliance.rep.vendorId,
    timezone: compliance.rep.timezone,
    from: compliance.from,
    to: compliance.to,
    quotas: compliance.rep.quotas,
    ...mapComplianceSummary(compliance),
  };
}

export function mapVendorCompliance(compliance: VendorCompliance): VendorComplianceDto {
  const reps = compliance.reps.map(mapRepCompliance);
  return {
    vendorId: compliance.vendorId,
    from: compliance.from,
    to: compliance.to,
    repCount: reps.length,
    repsBelowQuota: reps.filter((rep) => rep.belowQuota).length,
    ...mapComplianceSummary(compliance),
    reps,
  };
}

export function mapDailyBrief(brief: DailyBrief): DailyBriefDto {
  return { ...brief, quota: mapComplianceSummary(brief.quota) };
}
