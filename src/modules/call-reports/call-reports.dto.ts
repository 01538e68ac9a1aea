import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsLatitude,
  IsLongitude,
  IsOptional,
  ValidateNested,
} from 'class-validator';
import { PageOf, SyncPageQuery } from '../../common/pagination/pagination';
import { CallReport } from './call-report.entity';
import { CallReportOutcome, CallReportType } from './call-report.enums';
import { UuidField, TextField, EnumField, IntField, DateField } from '../../common/validation/fields';
import { RowsCheckedByService } from '../../common/validation/strict-validation.pipe';

export const MAX_BATCH_SIZE = 5000;

export class CallReportLocationDto {
  @ApiProperty({ example: 31.2304, minimum: -90, maximum: 90 })
  @IsLatitude()
  latitude!: number;

  @ApiProperty({ example: 121.4737, minimum: -180, maximum: 180 })
  @IsLongitude()
  longitude!: number;

  @TextField({ optional: true, example: '上海浦东新区 张江高科技园区', maxLength: 200 })
  name?: string;
}

export class CreateCallReportDto {
  @UuidField({
    optional: true,
    description: 'The rep who made the contact. Reps may leave it out (themselves); everyone else names it.',
  })
  repId?: string;

  @ApiProperty({
    format: 'date-time',
    example: '2026-11-23T02:30:00Z',
    description: 'When it happened; not in the future',
  })
  @IsISO8601({ strict: true, strictSeparator: true })
  occurredAt!: string;

  @EnumField(CallReportType, { enumName: 'CallReportType', example: CallReportType.VISIT })
  type!: CallReportType;

  @IntField({ example: 1800, description: 'Seconds', minimum: 0, maximum: 86400 })
  durationSeconds!: number;

  @UuidField({ optional: true, description: 'The lead worked; the report becomes a touch on its history' })
  leadId?: string;

  @UuidField({
    optional: true,
    description:
      'The customer (account) the report is about: it must exist and be in the caller’s scope (a vendor ' +
      'sees its own customers), else 404 naming customerId',
  })
  customerId?: string;

  @EnumField(CallReportOutcome, { enumName: 'CallReportOutcome', example: CallReportOutcome.FOLLOW_UP_SET })
  outcome!: CallReportOutcome;

  @TextField({ optional: true, example: '采购经理对新报价感兴趣，需要样品。', maxLength: 4000 })
  notes?: string;

  @TextField({ optional: true, example: 'Send samples and the revised quote', minLength: 1, maxLength: 500 })
  nextStep?: string;

  @DateField({ optional: true, example: '2026-11-27', description: 'Not before the day of the report' })
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
  @RowsCheckedByService()
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

  @ApiProperty({ format: 'date-time', description: 'Last change; `updatedSince` filters on it' })
  updatedAt!: string;

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
    updatedAt: report.updatedAt.toISOString(),
    version: report.version,
  };
}

export class ListCallReportsQuery extends SyncPageQuery {
  @UuidField({ optional: true })
  repId?: string;

  @UuidField({ optional: true })
  vendorId?: string;

  @UuidField({ optional: true })
  leadId?: string;

  @EnumField(CallReportType, { optional: true, enumName: 'CallReportType' })
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
