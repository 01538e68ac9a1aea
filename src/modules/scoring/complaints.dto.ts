import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsOptional } from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination/pagination';
import { EnumField, IntField, QueryBooleanField, TextField, UuidField } from '../../common/validation/fields';
import type { Complaint, ComplaintSettingsRow } from './complaint.entity';
import {
  ComplaintCategory,
  ComplaintStatus,
  MAX_COMPLAINT_RESPONSE_WORKING_DAYS,
  MAX_COMPLAINT_RESPONSE_WORKING_HOURS,
} from './complaint.rules';

export class CreateComplaintDto {
  @UuidField({ description: 'The customer who complains' })
  customerId!: string;

  @UuidField({
    optional: true,
    description: 'The contract complained about; its vendor and rep become the complaint’s',
  })
  contractId?: string;

  @EnumField(ComplaintCategory, { enumName: 'ComplaintCategory', example: ComplaintCategory.DELIVERY })
  category!: ComplaintCategory;

  @TextField({ example: 'The second delivery arrived two weeks late', minLength: 1, maxLength: 2000 })
  description!: string;

  @UuidField({ description: 'The user answerable for the complaint' })
  ownerUserId!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the customer complained; defaults to now' })
  @IsOptional()
  @IsDateString()
  receivedAt?: string;
}

export class ChangeComplaintStatusDto {
  @EnumField(ComplaintStatus, {
    enumName: 'ComplaintStatus',
    example: ComplaintStatus.INVESTIGATING,
    description: 'The next status: open → investigating → resolved',
  })
  status!: ComplaintStatus;

  @TextField({ optional: true, maxLength: 2000, description: 'What was done (kept when resolving)' })
  resolution?: string;
}

export class ListComplaintsQuery extends PageQuery {
  @EnumField(ComplaintStatus, { optional: true, enumName: 'ComplaintStatus' })
  status?: ComplaintStatus;

  @UuidField({ optional: true })
  vendorId?: string;

  @UuidField({ optional: true })
  customerId?: string;

  @QueryBooleanField({ optional: true, description: 'Only unresolved complaints past their deadline' })
  overdue?: boolean;
}

export class ComplaintDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  customerId!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  contractId!: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  vendorId!: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  repId!: string | null;

  @ApiProperty({ enum: ComplaintCategory, enumName: 'ComplaintCategory' })
  category!: ComplaintCategory;

  @ApiProperty()
  description!: string;

  @ApiProperty({ format: 'uuid' })
  ownerUserId!: string;

  @ApiProperty({ enum: ComplaintStatus, enumName: 'ComplaintStatus' })
  status!: ComplaintStatus;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;

  @ApiProperty({ format: 'date-time', description: 'The response deadline' })
  deadlineAt!: string;

  @ApiProperty({ description: 'Unresolved and past its deadline (now)' })
  overdue!: boolean;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  investigatingAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  resolvedAt!: string | null;

  @ApiProperty({ nullable: true, type: String })
  resolution!: string | null;

  @ApiProperty({ example: 1 })
  version!: number;
}

export const ComplaintPage = PageOf(ComplaintDto);

export class ComplaintSettingsInputDto {
  @IntField({
    example: 2,
    minimum: 1,
    maximum: MAX_COMPLAINT_RESPONSE_WORKING_DAYS,
    description: 'Working days (the seller’s calendar) a new complaint has for its answer',
  })
  responseWorkingDays!: number;

  @IntField({
    optional: true,
    nullable: true,
    example: 12,
    minimum: 1,
    maximum: MAX_COMPLAINT_RESPONSE_WORKING_HOURS,
    description:
      'When set, a new complaint has this many office hours instead (09:00–17:00 on the seller’s working ' +
      'days, in its time zone): 12 hours from Friday 15:00 end on Tuesday 11:00. Null or omitted: whole ' +
      'working days',
  })
  responseWorkingHours?: number | null;
}

export class ComplaintSettingsDto extends ComplaintSettingsInputDto {
  @ApiProperty({ example: 1, description: 'Raised by every change' })
  version!: number;
}

export function mapComplaint(row: Complaint, now: Date = new Date()): ComplaintDto {
  return {
    id: row.id,
    customerId: row.customerId,
    contractId: row.contractId,
    vendorId: row.vendorId,
    repId: row.repId,
    category: row.category,
    description: row.description,
    ownerUserId: row.ownerUserId,
    status: row.status,
    receivedAt: row.receivedAt.toISOString(),
    deadlineAt: row.deadlineAt.toISOString(),
    overdue: row.status !== ComplaintStatus.RESOLVED && row.deadlineAt.getTime() < now.getTime(),
    investigatingAt: row.investigatingAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolution: row.resolution,
    version: row.version,
  };
}

export const mapComplaintSettings = (
  row: Pick<ComplaintSettingsRow, 'responseWorkingDays' | 'responseWorkingHours' | 'version'>,
) => ({
  responseWorkingDays: row.responseWorkingDays,
  responseWorkingHours: row.responseWorkingHours,
  version: row.version,
});
