import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';
import { TextField } from '../../common/validation/fields';
import { MAX_CONTACT_RETENTION_MONTHS } from './privacy.rules';

export class DataSubjectQueryDto {
  @TextField({
    optional: true,
    maxLength: 254,
    example: 'nagy.anna@example.hu',
    description: 'The person’s email (any case; full-width forms are folded)',
  })
  email?: string;

  @TextField({
    optional: true,
    maxLength: 40,
    example: '+36 30 555 1234',
    description: 'The person’s phone with its country code (a Chinese mobile may go without)',
  })
  phone?: string;
}

export class DataSubjectContactDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  leadId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Nagy Anna' })
  name!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '+36305551234' })
  phone!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'nagy.anna@example.hu' })
  email!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Beszerzési vezető' })
  title!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class DataSubjectLeadDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Példa Kft.' })
  companyName!: string;

  @ApiProperty({ example: 'contacted' })
  status!: string;

  @ApiProperty({ example: 'web_form' })
  source!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  vendorId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  ownerRepId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  sourceReferrer!: string | null;

  @ApiProperty({ type: String, nullable: true })
  needs!: string | null;

  @ApiProperty({ type: String, nullable: true })
  keyLeadReason!: string | null;

  @ApiProperty({ type: String, nullable: true })
  lostReasonText!: string | null;

  @ApiProperty({ type: String, nullable: true })
  rejectReasonText!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Set when merged into another lead',
  })
  mergedIntoId!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  personalDataErasedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class DataSubjectCustomerDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Példa Kft.' })
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  phone!: string | null;

  @ApiProperty({ type: String, nullable: true })
  email!: string | null;

  @ApiProperty({ type: String, nullable: true })
  erpCustomerId!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class DataSubjectActivityDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  leadId!: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ example: 'follow_up' })
  kind!: string;

  @ApiProperty({ type: String, nullable: true, example: 'call' })
  channel!: string | null;

  @ApiProperty({ type: String, nullable: true })
  content!: string | null;

  @ApiProperty({ type: String, nullable: true })
  outcome!: string | null;

  @ApiProperty({ type: String, nullable: true })
  statusFrom!: string | null;

  @ApiProperty({ type: String, nullable: true })
  statusTo!: string | null;
}

export class DataSubjectDeclineDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  leadId!: string;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ example: 'not_interested' })
  reason!: string;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class DataSubjectCallReportDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  leadId!: string;

  @ApiProperty({ format: 'uuid' })
  repId!: string;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ example: 'call' })
  type!: string;

  @ApiProperty({ type: 'integer', example: 600 })
  durationSeconds!: number;

  @ApiProperty({ example: 'interested' })
  outcome!: string;

  @ApiProperty({ type: String, nullable: true })
  notes!: string | null;

  @ApiProperty({ type: String, nullable: true })
  nextStep!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  nextStepOn!: string | null;

  @ApiProperty({ type: String, nullable: true })
  locationName!: string | null;
}

export class DataSubjectComplaintDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  customerId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  contractId!: string | null;

  @ApiProperty({ example: 'delivery' })
  category!: string;

  @ApiProperty({ example: 'The desks came two weeks late' })
  description!: string;

  @ApiProperty({ example: 'open' })
  status!: string;

  @ApiProperty({ type: String, nullable: true })
  resolution!: string | null;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;
}

export class DataSubjectCsatAnswerDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  contractId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The call report (visit) rated' })
  visitId!: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5, example: 4 })
  rating!: number;

  @ApiProperty({ type: String, nullable: true })
  comment!: string | null;

  @ApiProperty({ example: 'erp', description: 'erp, survey_link' })
  channel!: string;

  @ApiProperty({ format: 'date-time' })
  answeredAt!: string;
}

export class DataSubjectAccessDto {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ example: 'contacts_read', description: 'contacts_read, contacts_exported' })
  action!: string;

  @ApiProperty({ description: 'User or API client id' })
  actorSubjectId!: string;

  @ApiProperty({ example: 'vendor_manager' })
  actorRole!: string;

  @ApiProperty({ type: String, nullable: true, example: 'sales_follow_up' })
  purpose!: string | null;

  @ApiProperty({ type: [String], format: 'uuid', description: 'The person’s leads the access covered' })
  leadIds!: string[];
}

export class DataSubjectExportDto {
  @ApiProperty({ format: 'date-time' })
  exportedAt!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The email searched for, normalised' })
  email!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The phone searched for, in E.164' })
  phone!: string | null;

  @ApiProperty({ type: [DataSubjectContactDto], description: 'The person as a contact of leads' })
  contacts!: DataSubjectContactDto[];

  @ApiProperty({ type: [DataSubjectLeadDto], description: 'Those leads and the leads merged into them' })
  leads!: DataSubjectLeadDto[];

  @ApiProperty({
    type: [DataSubjectCustomerDto],
    description: 'Customers whose contact phone or email is theirs',
  })
  customers!: DataSubjectCustomerDto[];

  @ApiProperty({
    type: [DataSubjectActivityDto],
    description: 'The leads’ history: follow-ups, status moves, …',
  })
  history!: DataSubjectActivityDto[];

  @ApiProperty({ type: [DataSubjectDeclineDto], description: 'Reps’ and vendors’ refusals of the leads' })
  declines!: DataSubjectDeclineDto[];

  @ApiProperty({ type: [DataSubjectCallReportDto], description: 'Call reports filed against the leads' })
  callReports!: DataSubjectCallReportDto[];

  @ApiProperty({
    type: [DataSubjectComplaintDto],
    description: 'Complaints about the customers whose contact phone or email is theirs',
  })
  complaints!: DataSubjectComplaintDto[];

  @ApiProperty({
    type: [DataSubjectCsatAnswerDto],
    description: 'CSAT answers on those customers’ contracts and on the call reports of the leads',
  })
  csatAnswers!: DataSubjectCsatAnswerDto[];

  @ApiProperty({
    type: [DataSubjectAccessDto],
    description: 'Who read the person’s contact details, when and why (the audit log)',
  })
  accesses!: DataSubjectAccessDto[];
}

export class DataSubjectErasureDto {
  @ApiProperty({ format: 'date-time' })
  erasedAt!: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Leads whose personal data was erased' })
  leadIds!: string[];

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Customers whose contact phone/email was cleared',
  })
  customerIds!: string[];

  @ApiProperty({ type: 'integer', example: 1, description: 'Contact rows erased' })
  contacts!: number;

  @ApiProperty({ type: 'integer', example: 3, description: 'History entries whose texts were erased' })
  historyEntries!: number;

  @ApiProperty({ type: 'integer', example: 2, description: 'Call reports whose notes were erased' })
  callReports!: number;

  @ApiProperty({
    type: 'integer',
    example: 1,
    description: 'Complaints of the erased customers whose description and resolution were erased',
  })
  complaints!: number;

  @ApiProperty({
    type: 'integer',
    example: 1,
    description: 'CSAT answers (on the customers’ contracts or visits to the leads) whose comment was erased',
  })
  csatComments!: number;
}

export class PrivacySettingsDto {
  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: 1,
    maximum: MAX_CONTACT_RETENTION_MONTHS,
    example: 24,
    description:
      'Months a closed lead (won, lost, rejected) keeps its contact data; then the daily contact_retention ' +
      'check clears it. null: kept.',
  })
  contactRetentionMonths!: number | null;

  @ApiProperty({ type: 'integer', example: 1 })
  version!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  updatedAt!: string | null;
}

export class UpdatePrivacySettingsDto {
  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: 1,
    maximum: MAX_CONTACT_RETENTION_MONTHS,
    example: 24,
    description: 'Months a closed lead keeps its contact data; null: kept',
  })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_CONTACT_RETENTION_MONTHS)
  contactRetentionMonths!: number | null;
}
