import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsISO31661Alpha2, IsOptional, IsTimeZone, Matches, MaxLength } from 'class-validator';
import { PageOf, SyncPageQuery } from '../../common/pagination/pagination';
import { upperCase } from '../../common/validation/fields';
import { allowedNextStatuses, SalesStage, VendorKind, VendorStatus, VendorTier } from './vendor-enums';
import { Vendor } from './vendor.entity';
import { UuidField, TextField, EnumField, BooleanField, DateField } from '../../common/validation/fields';

export const E164 = /^\+[1-9]\d{6,14}$/;

export class CreateVendorDto {
  @TextField({ example: 'Shanghai Huadong Sales Partners', minLength: 1, maxLength: 200 })
  name!: string;

  @TextField({ optional: true, nullable: true, example: '上海华东销售服务有限公司', maxLength: 300 })
  legalName?: string;

  @EnumField(VendorKind, { enumName: 'VendorKind', example: VendorKind.AGENCY })
  kind!: VendorKind;

  @EnumField(VendorTier, { enumName: 'VendorTier', example: VendorTier.GOLD })
  tier!: VendorTier;

  @UuidField({ description: 'The sales unit the vendor hangs on' })
  salesUnitId!: string;

  @UuidField({ optional: true, nullable: true, description: 'The region of the vendor’s seat' })
  homeRegionId?: string;

  @ApiProperty({ example: 'CN', description: 'ISO 3166-1 alpha-2' })
  @Transform(upperCase)
  @IsISO31661Alpha2()
  countryCode!: string;

  @ApiProperty({ example: 'Asia/Shanghai', description: 'IANA time zone' })
  @IsTimeZone()
  @MaxLength(64)
  timezone!: string;

  @TextField({ optional: true, nullable: true, example: 'Li Na', maxLength: 200 })
  contactName?: string;

  @ApiPropertyOptional({ nullable: true, example: 'li.na@huadong-partners.cn', maxLength: 254 })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string;

  @ApiPropertyOptional({ nullable: true, example: '+8613800138000', description: 'E.164' })
  @IsOptional()
  @Matches(E164, { message: 'contactPhone must be an E.164 number such as +8613800138000' })
  contactPhone?: string;
}

/** Optional details (legal name, seat, contact) are cleared with `null`. */
export class UpdateVendorDto extends PartialType(OmitType(CreateVendorDto, [] as const)) {}

export class ListVendorsQuery extends SyncPageQuery {
  @EnumField(VendorStatus, { optional: true, enumName: 'VendorStatus' })
  status?: VendorStatus;

  @EnumField(VendorKind, { optional: true, enumName: 'VendorKind' })
  kind?: VendorKind;

  @EnumField(VendorTier, { optional: true, enumName: 'VendorTier' })
  tier?: VendorTier;

  @UuidField({
    optional: true,
    description: 'Vendors seated in this region or contracted for it by an agreement in force today',
  })
  regionId?: string;

  @UuidField({ optional: true })
  salesUnitId?: string;

  @TextField({ optional: true, description: 'Part of the name, case-insensitive', maxLength: 100 })
  search?: string;
}

export class VendorDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Shanghai Huadong Sales Partners' })
  name!: string;

  @ApiProperty({ type: String, nullable: true, example: '上海华东销售服务有限公司' })
  legalName!: string | null;

  @ApiProperty({ enum: VendorKind, enumName: 'VendorKind' })
  kind!: VendorKind;

  @ApiProperty({ enum: VendorTier, enumName: 'VendorTier' })
  tier!: VendorTier;

  @ApiProperty({ enum: VendorStatus, enumName: 'VendorStatus' })
  status!: VendorStatus;

  @ApiProperty({ type: String, nullable: true, example: 'Contract signed' })
  statusReason!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  statusChangedAt!: string | null;

  @ApiProperty({
    enum: VendorStatus,
    enumName: 'VendorStatus',
    isArray: true,
    description: 'Statuses the vendor may move to next',
  })
  allowedNextStatuses!: VendorStatus[];

  @ApiProperty({ format: 'uuid' })
  salesUnitId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  homeRegionId!: string | null;

  @ApiProperty({ example: 'CN' })
  countryCode!: string;

  @ApiProperty({ example: 'Asia/Shanghai' })
  timezone!: string;

  @ApiProperty({ type: String, nullable: true })
  contactName!: string | null;

  @ApiProperty({ type: String, nullable: true })
  contactEmail!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '+8613800138000' })
  contactPhone!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ example: 1 })
  version!: number;
}

export const VendorPage = PageOf(VendorDto);

export function mapVendor(vendor: Vendor): VendorDto {
  return {
    id: vendor.id,
    name: vendor.name,
    legalName: vendor.legalName,
    kind: vendor.kind,
    tier: vendor.tier,
    status: vendor.status,
    statusReason: vendor.statusReason,
    statusChangedAt: vendor.statusChangedAt?.toISOString() ?? null,
    allowedNextStatuses: [...allowedNextStatuses(vendor.status)],
    salesUnitId: vendor.salesUnitId,
    homeRegionId: vendor.homeRegionId,
    countryCode: vendor.countryCode,
    timezone: vendor.timezone,
    contactName: vendor.contactName,
    contactEmail: vendor.contactEmail,
    contactPhone: vendor.contactPhone,
    createdAt: vendor.createdAt.toISOString(),
    updatedAt: vendor.updatedAt.toISOString(),
    version: vendor.version,
  };
}

export class CreateVendorStatusChangeDto {
  @EnumField(VendorStatus, { enumName: 'VendorStatus', example: VendorStatus.SUSPENDED })
  status!: VendorStatus;

  @TextField({ example: 'Missed three monthly call reports', minLength: 1, maxLength: 500 })
  reason!: string;

  @BooleanField({
    optional: true,
    default: false,
    description:
      'onboarding → active only: activate although the onboarding checklist is incomplete, on the ' +
      'company’s responsibility; the waiver and what was missing are written to the audit log',
  })
  waiveOnboardingChecklist?: boolean;
}

export class EffectiveScopeQuery {
  @DateField({
    optional: true,
    example: '2026-07-01',
    description: 'The day (YYYY-MM-DD); default today (UTC)',
  })
  on?: string;
}

export class ExcludedProductLineDto {
  @ApiProperty({ format: 'uuid' })
  productLineId!: string;

  @ApiProperty({ format: 'uuid', description: 'The open conflict of interest that removes the line' })
  conflictId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Set for a rep’s declaration' })
  repId!: string | null;
}

/** What a vendor may be given on one day: the union of its agreements in force that day. */
export class EffectiveScopeDto {
  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ example: '2026-07-01' })
  on!: string;

  @ApiProperty({ enum: VendorStatus, enumName: 'VendorStatus' })
  vendorStatus!: VendorStatus;

  @ApiProperty({
    description: 'True only when the vendor is active and an agreement is in force: leads may be routed',
  })
  routable!: boolean;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Agreements in force on the day' })
  agreementIds!: string[];

  @ApiProperty({ enum: SalesStage, enumName: 'SalesStage', isArray: true })
  salesStages!: SalesStage[];

  @ApiProperty({
    enum: SalesStage,
    enumName: 'SalesStage',
    isArray: true,
    description: 'Stages that stay with the company',
  })
  inHouseStages!: SalesStage[];

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Contracted regions and every region inside them',
  })
  regionIds!: string[];

  @ApiProperty({ type: [String], example: ['manufacturing', 'retail'] })
  industryCodes!: string[];

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Contracted product lines minus those with an uncleared conflict of interest',
  })
  productLineIds!: string[];

  @ApiProperty({ type: [ExcludedProductLineDto] })
  excludedProductLines!: ExcludedProductLineDto[];

  @ApiProperty({ type: [String], example: ['Haier Group', 'BYD Auto'] })
  namedAccounts!: string[];

  @ApiProperty({ type: Number, nullable: true, example: 8, description: 'Agreement default for reps' })
  defaultDailyCallQuota!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 35 })
  defaultWeeklyCallQuota!: number | null;

  @ApiProperty({
    description: 'An agreement in force requires reps to be certified for a lead’s product lines',
  })
  requiresCertification!: boolean;
}
