import { FORECAST_CATEGORIES, type ForecastCategory } from './pipeline/lead-pipeline.rules';
import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsISO4217CurrencyCode,
  IsOptional,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';
import type { DataScope } from '../../common/auth/data-scope';
import { PageOf, PageQuery, SyncPageQuery } from '../../common/pagination/pagination';
import { LeadActivity } from './history/lead-activity.entity';
import { type LeadView, type ShownContact } from './lead.entity';
import {
  ActivityChannel,
  ActivityKind,
  CompanySizeBand,
  ContactReadPurpose,
  FollowUpPlanKind,
  LeadGrade,
  LeadSource,
  LeadStatus,
  LostReason,
  RejectReason,
} from './lead.enums';
import { contactsVisible, maskEmail, maskName, maskPhone } from './personal-data/lead-masking.rules';
import { LEAD_STATUS_RULES_TEXT } from './lead-status.rules';
import { REGION_CODE_PATTERN, REGION_CODE_SCHEMA, regionCodeMessage } from '../vendors/region-code';
import { UuidField, TextField, EnumField, IntField, BooleanField } from '../../common/validation/fields';

export const INDUSTRY_CODE_PATTERN = /^[a-z][a-z0-9_-]{1,59}$/;
export const TAG_PATTERN = /^[^,;\n\r]{1,50}$/;

export class LeadContactInputDto {
  @TextField({ optional: true, example: '张伟', maxLength: 200 })
  name?: string;

  @TextField({
    optional: true,
    example: '+86 138 1234 5678',
    description: 'Any common notation; stored in E.164. National numbers need a CN or HU region.',
    maxLength: 40,
  })
  phone?: string;

  @TextField({ optional: true, example: 'zhang.wei@example.cn', maxLength: 254 })
  email?: string;

  @TextField({ optional: true, example: '采购经理', maxLength: 200 })
  title?: string;
}

/** A lead as taken in: one create, one row of a JSON import, or one CSV line. */
export class LeadInputDto {
  @TextField({ example: '深圳市华星光电技术有限公司', minLength: 1, maxLength: 300 })
  companyName!: string;

  @TextField({
    optional: true,
    example: '914403001922038216',
    description:
      "China's 18-character unified social credit code (check character verified), Hungary's adószám " +
      '12345678-1-42 or HU12345678, or another EU VAT number',
    maxLength: 40,
  })
  taxId?: string;

  @ApiPropertyOptional({ example: 'manufacturing', maxLength: 60, pattern: INDUSTRY_CODE_PATTERN.source })
  @IsOptional()
  @Matches(INDUSTRY_CODE_PATTERN, { message: 'industryCode must be a lower-case code like manufacturing' })
  industryCode?: string;

  @EnumField(CompanySizeBand, { optional: true, enumName: 'CompanySizeBand', example: CompanySizeBand.LARGE })
  sizeBand?: CompanySizeBand;

  @ApiPropertyOptional({
    ...REGION_CODE_SCHEMA,
    description: 'ISO 3166-2 style: CN-GD, HU-BU, or a country code alone',
  })
  @IsOptional()
  @Matches(REGION_CODE_PATTERN, { message: regionCodeMessage('regionCode') })
  regionCode?: string;

  @IntField({
    optional: true,
    example: 5000000000,
    description: 'Registered capital in minor units of its currency',
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
  })
  registeredCapitalMinor?: number;

  @ApiPropertyOptional({ example: 'CNY', description: 'ISO 4217; required with registeredCapitalMinor' })
  @IsOptional()
  @IsISO4217CurrencyCode()
  registeredCapitalCurrency?: string;

  @TextField({ optional: true, example: 'https://www.example.cn', maxLength: 300 })
  website?: string;

  @ApiPropertyOptional({ type: [LeadContactInputDto], maxItems: 10 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => LeadContactInputDto)
  contacts?: LeadContactInputDto[];

  @TextField({ optional: true, example: '需要200台工业机器人，明年第一季度交付', maxLength: 4000 })
  needs?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  productLineIds?: string[];

  @EnumField(LeadSource, {
    optional: true,
    enumName: 'LeadSource',
    description: 'Defaults to `api` for a single create and `import` for bulk imports',
  })
  source?: LeadSource;

  @TextField({ optional: true, example: '2026-spring-expo', maxLength: 200 })
  sourceCampaign?: string;

  @TextField({ optional: true, example: 'Kovács Péter (Budapest office)', maxLength: 200 })
  sourceReferrer?: string;

  @UuidField({
    optional: true,
    description:
      'An existing customer’s new need (an expansion lead): the customer it comes from. Company-wide callers ' +
      'only (a vendor-bound caller: 422 LEAD_REFERENCE_UNKNOWN). The lead is not refused as EXISTING_CUSTOMER, ' +
      'only the customer’s open leads count as duplicates, and an A key account’s lead is a key lead',
  })
  customerId?: string;

  @ApiPropertyOptional({ type: [String], example: ['expo', 'robotics'], maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(TAG_PATTERN, { each: true, message: 'each tag is 1–50 characters without , ; or line breaks' })
  tags?: string[];
}

export class CreateLeadDto extends LeadInputDto {}

/** Profile edits; `contacts`, when given, replaces all contacts. */
export class UpdateLeadDto extends PartialType(
  PickType(LeadInputDto, [
    'companyName',
    'taxId',
    'industryCode',
    'sizeBand',
    'regionCode',
    'website',
    'contacts',
    'needs',
    'productLineIds',
    'tags',
  ] as const),
) {}

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export const CONTACT_READ_PURPOSE_TEXT =
  'Why the contact persons are read (default sales_follow_up); recorded with the read in the audit log';

export class ListLeadsQuery extends SyncPageQuery {
  @EnumField(LeadStatus, { optional: true, enumName: 'LeadStatus' })
  status?: LeadStatus;

  @EnumField(LeadGrade, { optional: true, enumName: 'LeadGrade' })
  grade?: LeadGrade;

  @EnumField(LeadSource, { optional: true, enumName: 'LeadSource' })
  source?: LeadSource;

  @UuidField({ optional: true })
  vendorId?: string;

  @UuidField({ optional: true })
  ownerRepId?: string;

  @ApiPropertyOptional({ ...REGION_CODE_SCHEMA })
  @IsOptional()
  @Matches(REGION_CODE_PATTERN)
  regionCode?: string;

  @ApiPropertyOptional({ example: 'manufacturing' })
  @IsOptional()
  @Matches(INDUSTRY_CODE_PATTERN)
  industryCode?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  keyLead?: boolean;

  @ApiPropertyOptional({ description: 'Only leads without a vendor (unassigned)', type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unassigned?: boolean;

  @TextField({
    optional: true,
    description: 'Company name contains (normalised, so legal forms and case do not matter)',
    maxLength: 300,
  })
  companyName?: string;

  @EnumField(ContactReadPurpose, {
    optional: true,
    enumName: 'ContactReadPurpose',
    description: CONTACT_READ_PURPOSE_TEXT,
  })
  purpose?: ContactReadPurpose;
}

/** Reading one lead: the purpose of reading its contact persons. */
export class GetLeadQuery {
  @EnumField(ContactReadPurpose, {
    optional: true,
    enumName: 'ContactReadPurpose',
    description: CONTACT_READ_PURPOSE_TEXT,
  })
  purpose?: ContactReadPurpose;
}

export class LeadExternalIdDto {
  @ApiProperty({ example: 'sap-erp', description: 'The source system' })
  source!: string;

  @ApiProperty({ example: 'L-2026-00042', description: 'The lead’s id in that system' })
  externalId!: string;
}

export class LeadContactDto {
  @ApiProperty({ type: String, nullable: true, example: '张伟' })
  name!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '+8613812345678', description: 'E.164, or masked' })
  phone!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'zhang.wei@example.cn' })
  email!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '采购经理' })
  title!: string | null;
}

export class ScoreFactorDto {
  @ApiProperty({ example: 'size', description: 'industry, size, region, touches, recency or source' })
  factor!: string;

  @ApiProperty({ example: 'size band large' })
  detail!: string;

  @ApiProperty({ example: 20 })
  points!: number;
}

export class FollowUpPlanDto {
  @EnumField(FollowUpPlanKind, { enumName: 'FollowUpPlanKind', example: FollowUpPlanKind.EVERY_N_DAYS })
  kind!: FollowUpPlanKind;

  @IntField({
    optional: true,
    example: 3,
    description: 'Required for every_n_days',
    minimum: 1,
    maximum: 365,
  })
  intervalDays?: number;

  @ApiPropertyOptional({
    type: [String],
    format: 'date-time',
    maxItems: 50,
    description: 'Required for dates: the explicit follow-up times',
    example: ['2026-12-01T02:00:00.000Z'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsDateString({ strict: true }, { each: true })
  dates?: string[];
}

export class LeadDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '深圳市华星光电技术有限公司' })
  companyName!: string;

  @ApiProperty({ example: '深圳市华星光电技术', description: 'The normalised name the dedupe compares' })
  companyNameKey!: string;

  @ApiProperty({ type: String, nullable: true, example: '914403001922038216' })
  taxId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '914403001922038216' })
  taxIdKey!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'manufacturing' })
  industryCode!: string | null;

  @ApiProperty({ enum: CompanySizeBand, enumName: 'CompanySizeBand', nullable: true })
  sizeBand!: CompanySizeBand | null;

  @ApiProperty({ type: String, nullable: true, ...REGION_CODE_SCHEMA })
  regionCode!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 5000000000 })
  registeredCapitalMinor!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'CNY' })
  registeredCapitalCurrency!: string | null;

  @ApiProperty({ type: String, nullable: true })
  website!: string | null;

  @ApiProperty({
    type: [LeadContactDto],
    description:
      'Masked (张*, +86138****5678, z***@example.cn) for a vendor-bound caller whose vendor does not own the lead',
  })
  contacts!: LeadContactDto[];

  @ApiProperty({ description: 'Whether contacts are masked for this caller' })
  contactsMasked!: boolean;

  @ApiProperty({
    type: [LeadExternalIdDto],
    description:
      'The ids other systems hold the lead under (one per source), set by `upsertLeadByExternalId`',
  })
  externalIds!: LeadExternalIdDto[];

  @ApiProperty({ type: String, nullable: true })
  needs!: string | null;

  @ApiProperty({ type: [String], format: 'uuid' })
  productLineIds!: string[];

  @ApiProperty({ enum: LeadSource, enumName: 'LeadSource' })
  source!: LeadSource;

  @ApiProperty({ type: String, nullable: true })
  sourceCampaign!: string | null;

  @ApiProperty({ type: String, nullable: true })
  sourceReferrer!: string | null;

  @ApiProperty({ type: [String] })
  tags!: string[];

  @ApiProperty({ enum: LeadStatus, enumName: 'LeadStatus', description: LEAD_STATUS_RULES_TEXT })
  status!: LeadStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  vendorId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  ownerRepId!: string | null;

  @ApiProperty()
  keyLead!: boolean;

  @ApiProperty({ type: String, nullable: true })
  keyLeadReason!: string | null;

  @ApiProperty({ type: String, nullable: true, enum: ['rule', 'manual'] })
  keyLeadSetBy!: 'rule' | 'manual' | null;

  @ApiProperty({ enum: LeadGrade, enumName: 'LeadGrade' })
  grade!: LeadGrade;

  @ApiProperty({ example: 57, description: 'Sum of scoreFactors points, 0–100' })
  score!: number;

  @ApiProperty({ type: [ScoreFactorDto] })
  scoreFactors!: ScoreFactorDto[];

  @ApiProperty({ type: FollowUpPlanDto, nullable: true })
  followUpPlan!: FollowUpPlanDto | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextFollowUpDue!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastActivityAt!: string | null;

  @ApiProperty({ example: 2 })
  touchCount!: number;

  @ApiProperty({ enum: LostReason, enumName: 'LostReason', nullable: true })
  lostReason!: LostReason | null;

  @ApiProperty({ type: String, nullable: true })
  lostReasonText!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Who won the deal instead' })
  lostCompetitor!: string | null;

  @ApiProperty({ enum: RejectReason, enumName: 'RejectReason', nullable: true })
  rejectReason!: RejectReason | null;

  @ApiProperty({ type: String, nullable: true })
  rejectReasonText!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  mergedIntoId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  customerId!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  wonAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'When its personal data was erased (data-subject request) or cleared (contact retention): contact ' +
      'names and free texts read `[erased]`, phones and emails are null',
  })
  personalDataErasedAt!: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 4800000,
    description: 'Pipeline value: the expected deal in minor units of expectedCurrency (from qualified on)',
  })
  expectedAmountMinor!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'CNY' })
  expectedCurrency!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2027-03-31' })
  expectedCloseOn!: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 60,
    description:
      'The lead’s own win probability in percent; null: its status default (GET /lead-settings/pipeline)',
  })
  winProbabilityPct!: number | null;

  @ApiProperty({
    enum: FORECAST_CATEGORIES,
    enumName: 'ForecastCategory',
    nullable: true,
    description:
      'The lead’s own forecast category; null: derived from its probability (GET /lead-settings/pipeline)',
  })
  forecastCategory!: ForecastCategory | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ example: 1, description: 'Send back as If-Match (also the ETag) to update' })
  version!: number;
}

export const LeadPage = PageOf(LeadDto);

export function mapLead(lead: LeadView, scope: DataScope): LeadDto {
  const visible = contactsVisible(scope, lead.vendorId);
  const contacts = [...(lead.contacts ?? [])]
    .sort((a, b) => a.position - b.position)
    .map((contact: ShownContact) => ({
      name: visible ? contact.name : maskName(contact.name),
      phone: visible ? contact.phone : maskPhone(contact.phone),
      email: visible ? contact.email : maskEmail(contact.email),
      title: contact.title,
    }));
  return {
    id: lead.id,
    companyName: lead.companyName,
    companyNameKey: lead.companyNameKey,
    taxId: lead.taxId,
    taxIdKey: lead.taxIdKey,
    industryCode: lead.industryCode,
    sizeBand: lead.sizeBand,
    regionCode: lead.regionCode,
    registeredCapitalMinor: lead.registeredCapitalMinor === null ? null : Number(lead.registeredCapitalMinor),
    registeredCapitalCurrency: lead.registeredCapitalCurrency,
    website: lead.website,
    contacts,
    contactsMasked: !visible,
    externalIds: (lead.externalIds ?? []).map((link) => ({
      source: link.source,
      externalId: link.externalId,
    })),
    needs: lead.needs,
    productLineIds: lead.productLineIds,
    source: lead.source,
    sourceCampaign: lead.sourceCampaign,
    sourceReferrer: lead.sourceReferrer,
    tags: lead.tags,
    status: lead.status,
    vendorId: lead.vendorId,
    ownerRepId: lead.ownerRepId,
    keyLead: lead.keyLead,
    keyLeadReason: lead.keyLeadReason,
    keyLeadSetBy: lead.keyLeadSetBy,
    grade: lead.grade,
    score: lead.score,
    scoreFactors: lead.scoreFactors,
    followUpPlan: lead.followUpPlan,
    nextFollowUpDue: lead.nextFollowUpDue?.toISOString() ?? null,
    lastActivityAt: lead.lastActivityAt?.toISOString() ?? null,
    touchCount: lead.touchCount,
    lostReason: lead.lostReason,
    lostReasonText: lead.lostReasonText,
    lostCompetitor: lead.lostCompetitor,
    rejectReason: lead.rejectReason,
    rejectReasonText: lead.rejectReasonText,
    mergedIntoId: lead.mergedIntoId,
    customerId: lead.customerId,
    wonAt: lead.wonAt?.toISOString() ?? null,
    personalDataErasedAt: lead.personalDataErasedAt?.toISOString() ?? null,
    expectedAmountMinor: lead.expectedAmountMinor === null ? null : Number(lead.expectedAmountMinor),
    expectedCurrency: lead.expectedCurrency,
    expectedCloseOn: lead.expectedCloseOn,
    winProbabilityPct: lead.winProbabilityPct,
    forecastCategory: lead.forecastCategory,
    createdAt: lead.createdAt.toISOString(),
    updatedAt: lead.updatedAt.toISOString(),
    version: lead.version,
  };
}

// ---- status, activities, follow-ups ----

export class LostReasonDto {
  @EnumField(LostReason, { enumName: 'LostReason', example: LostReason.COMPETITOR })
  reason!: LostReason;

  @TextField({
    optional: true,
    example: 'Chose a local competitor at 8 % less',
    description: 'Required for other',
    maxLength: 1000,
  })
  text?: string;

  @TextField({
    optional: true,
    example: 'Acme Sensors Ltd',
    description: 'Who won the deal instead (for reason competitor); the loss analysis groups by it',
    maxLength: 200,
  })
  competitor?: string;

  @BooleanField({
    optional: true,
    description: 'No chance of winning it later: the lead is graded dead',
    default: false,
  })
  noChance?: boolean;
}

export class RejectReasonDto {
  @EnumField(RejectReason, {
    enumName: 'RejectReason',
    example: RejectReason.NO_INTENT,
    description: '`no_intent` also refuses future intake of the same company with LEAD_NO_INTENT',
  })
  reason!: RejectReason;

  @TextField({ optional: true, maxLength: 1000 })
  text?: string;
}

export class ChangeLeadStatusDto {
  @EnumField(LeadStatus, { enumName: 'LeadStatus', description: LEAD_STATUS_RULES_TEXT })
  status!: LeadStatus;

  @ApiPropertyOptional({ type: LostReasonDto, description: 'Required when moving to lost' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LostReasonDto)
  lostReason?: LostReasonDto;

  @ApiPropertyOptional({ type: RejectReasonDto, description: 'Required when moving to rejected' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RejectReasonDto)
  rejectReason?: RejectReasonDto;

  @TextField({ optional: true, example: 'Budget confirmed by the CFO', maxLength: 2000 })
  note?: string;
}

export class RecordLeadActivityDto {
  @EnumField(ActivityChannel, { enumName: 'ActivityChannel', example: ActivityChannel.CALL })
  channel!: ActivityChannel;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When it happened; defaults to now, never in the future',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  occurredAt?: string;

  @TextField({ example: '电话沟通了采购计划，客户需要报价单', minLength: 1, maxLength: 4000 })
  content!: string;

  @TextField({ optional: true, example: 'Quote requested', maxLength: 500 })
  outcome?: string;

  @EnumField(LeadStatus, {
    optional: true,
    enumName: 'LeadStatus',
    description: `Move the status in the same step. ${LEAD_STATUS_RULES_TEXT}`,
  })
  statusTo?: LeadStatus;

  @ApiPropertyOptional({ type: LostReasonDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LostReasonDto)
  lostReason?: LostReasonDto;

  @ApiPropertyOptional({ type: RejectReasonDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RejectReasonDto)
  rejectReason?: RejectReasonDto;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Next follow-up; defaults to what the lead’s follow-up plan gives after this activity',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  nextFollowUpDue?: string;
}

export class SetKeyLeadDto {
  @BooleanField({ description: 'Flag or unflag the lead as a key lead by hand' })
  keyLead!: boolean;

  @TextField({ example: 'Strategic account for the 2027 plan', minLength: 1, maxLength: 500 })
  reason!: string;
}

export class MergeLeadsDto {
  @UuidField({ description: 'The duplicate lead to merge into the lead of the path' })
  duplicateLeadId!: string;
}

export class LeadActivityDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The lead it was recorded on (a merged lead’s id for merged history)',
  })
  leadId!: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ enum: ActivityKind, enumName: 'ActivityKind' })
  kind!: ActivityKind;

  @ApiProperty({ enum: ActivityChannel, enumName: 'ActivityChannel', nullable: true })
  channel!: ActivityChannel | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Rita Rep' })
  actorName!: string | null;

  @ApiProperty({ type: String, nullable: true })
  content!: string | null;

  @ApiProperty({ type: String, nullable: true })
  outcome!: string | null;

  @ApiProperty({ enum: LeadStatus, enumName: 'LeadStatus', nullable: true })
  statusFrom!: LeadStatus | null;

  @ApiProperty({ enum: LeadStatus, enumName: 'LeadStatus', nullable: true })
  statusTo!: LeadStatus | null;

  @ApiProperty({ enum: LeadGrade, enumName: 'LeadGrade', nullable: true })
  gradeFrom!: LeadGrade | null;

  @ApiProperty({ enum: LeadGrade, enumName: 'LeadGrade', nullable: true })
  gradeTo!: LeadGrade | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: { source: 'web_form' },
  })
  details!: Record<string, unknown> | null;
}

export const LeadActivityPage = PageOf(LeadActivityDto);

export function mapLeadActivity(activity: LeadActivity): LeadActivityDto {
  return {
    id: activity.id,
    leadId: activity.leadId,
    occurredAt: activity.occurredAt.toISOString(),
    kind: activity.kind,
    channel: activity.channel,
    actorId: activity.actorId,
    actorName: activity.actorName,
    content: activity.content,
    outcome: activity.outcome,
    statusFrom: activity.statusFrom,
    statusTo: activity.statusTo,
    gradeFrom: activity.gradeFrom,
    gradeTo: activity.gradeTo,
    details: activity.details,
  };
}

export class ListDueFollowUpsQuery extends PageQuery {
  @TextField({
    optional: true,
    example: 'Asia/Shanghai',
    description:
      'IANA zone whose "today" counts; default UTC. Due = next follow-up before the end of today there.',
    maxLength: 64,
  })
  timeZone?: string;

  @UuidField({ optional: true, description: 'Only this rep’s leads (within the caller’s scope)' })
  ownerRepId?: string;

  @UuidField({ optional: true, description: 'Only this vendor’s leads (within the caller’s scope)' })
  vendorId?: string;
}

export class DueFollowUpDto {
  @ApiProperty({ format: 'uuid' })
  leadId!: string;

  @ApiProperty({ example: '深圳市华星光电技术有限公司' })
  companyName!: string;

  @ApiProperty({ enum: LeadStatus, enumName: 'LeadStatus' })
  status!: LeadStatus;

  @ApiProperty({ enum: LeadGrade, enumName: 'LeadGrade' })
  grade!: LeadGrade;

  @ApiProperty()
  keyLead!: boolean;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  vendorId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  ownerRepId!: string | null;

  @ApiProperty({ format: 'date-time' })
  nextFollowUpDue!: string;

  @ApiProperty({ description: 'Due before now (overdue) rather than later today' })
  overdue!: boolean;
}

export const DueFollowUpPage = PageOf(DueFollowUpDto);

export class RefreshGradesResultDto {
  @ApiProperty({ example: 120, description: 'Open leads graded again' })
  regraded!: number;

  @ApiProperty({ example: 7, description: 'Of those, now dead (untouched too long)' })
  dead!: number;
}
