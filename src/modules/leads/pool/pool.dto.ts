import { REGION_CODE_SCHEMA } from '../../vendors/region-code';
import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { PageOf, PageQuery } from '../../../common/pagination/pagination';
import { GetLeadQuery } from '../leads.dto';
import { LeadGrade, LeadStatus } from '../lead.enums';
import { AsOfDto } from '../routing/routing.dto';
import type { LeadPool } from './lead-pool.entity';
import { UuidField, TextField, IntField, BooleanField } from '../../../common/validation/fields';

export class TieredDaysDto {
  @IntField({ example: 3, description: 'Key leads', minimum: 1, maximum: 3650 })
  key!: number;

  @IntField({ example: 5, minimum: 1, maximum: 3650 })
  high!: number;

  @IntField({ example: 10, minimum: 1, maximum: 3650 })
  medium!: number;

  @IntField({ example: 20, description: 'Low and dead leads', minimum: 1, maximum: 3650 })
  low!: number;
}

export class CreateLeadPoolDto {
  @TextField({ example: 'East China pool', minLength: 1, maxLength: 200 })
  name!: string;

  @UuidField({ optional: true, description: 'A vendor pool; absent = a company pool open to all' })
  vendorId?: string;

  @BooleanField({
    optional: true,
    example: true,
    description: 'Company pool that takes leads of vendors without a pool',
  })
  isDefault?: boolean;

  @ApiProperty({ type: TieredDaysDto, description: 'Reclaim after N days without a follow-up, per tier' })
  @ValidateNested()
  @Type(() => TieredDaysDto)
  noFollowUpDays!: TieredDaysDto;

  @ApiPropertyOptional({ type: TieredDaysDto, description: 'Reclaim after N days without status progress' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TieredDaysDto)
  noProgressDays?: TieredDaysDto;

  @IntField({
    optional: true,
    example: 2,
    description: 'Warn the owner this many days before',
    minimum: 0,
    maximum: 365,
  })
  warnDaysBefore?: number;

  @IntField({
    example: 50,
    description: 'Most open leads a rep may hold and still take from the pool',
    minimum: 0,
    maximum: 100_000,
  })
  holdingCap!: number;

  @IntField({ example: 5, minimum: 0, maximum: 10_000 })
  dailyClaimLimit!: number;

  @IntField({
    optional: true,
    example: 12,
    description: 'Hours before the previous owner may claim it back',
    minimum: 0,
    maximum: 8760,
  })
  cooldownHours?: number;
}

/**
 * A pool's rules, edited in place (the vendor a pool belongs to is fixed). `noProgressDays: null` stops
 * the no-progress reclaim; `isDefault: true` makes a company pool the default in place of the current one.
 */
export class UpdateLeadPoolDto extends PartialType(
  OmitType(CreateLeadPoolDto, ['vendorId', 'noProgressDays'] as const),
) {
  @ApiPropertyOptional({
    type: TieredDaysDto,
    nullable: true,
    description: 'Reclaim after N days without status progress; null stops this reclaim',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => TieredDaysDto)
  noProgressDays?: TieredDaysDto | null;
}

/** A page of a pool's leads, and why their contacts are read (recorded in the audit log). */
export class ListPoolLeadsQuery extends IntersectionType(PageQuery, GetLeadQuery) {}

export class LeadPoolDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'East China pool' }) name!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) vendorId!: string | null;
  @ApiProperty({ example: false }) isDefault!: boolean;
  @ApiProperty({ type: TieredDaysDto }) noFollowUpDays!: TieredDaysDto;
  @ApiProperty({ type: TieredDaysDto, nullable: true }) noProgressDays!: TieredDaysDto | null;
  @ApiProperty({ example: 2 }) warnDaysBefore!: number;
  @ApiProperty({ example: 50 }) holdingCap!: number;
  @ApiProperty({ example: 5 }) dailyClaimLimit!: number;
  @ApiProperty({ example: 12 }) cooldownHours!: number;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When the pool was closed (it takes and gives no leads); null while open',
  })
  closedAt!: string | null;
  @ApiProperty({ example: 1 }) version!: number;
}

export const LeadPoolPage = PageOf(LeadPoolDto);

export function mapLeadPool(pool: LeadPool): LeadPoolDto {
  return {
    id: pool.id,
    name: pool.name,
    vendorId: pool.vendorId,
    isDefault: pool.isDefault,
    noFollowUpDays: pool.noFollowUpDays,
    noProgressDays: pool.noProgressDays,
    warnDaysBefore: pool.warnDaysBefore,
    holdingCap: pool.holdingCap,
    dailyClaimLimit: pool.dailyClaimLimit,
    cooldownHours: pool.cooldownHours,
    closedAt: pool.closedAt?.toISOString() ?? null,
    version: pool.version,
  };
}

export class PoolLeadContactDto {
  @ApiProperty({ nullable: true, type: String, example: '张*' }) name!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '+86138****5678' }) phone!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'z***@example.cn' }) email!: string | null;
}

export class PoolLeadDto {
  @ApiProperty({ format: 'uuid' }) leadId!: string;
  @ApiProperty({ example: '深圳华星科技有限公司' }) companyName!: string;
  @ApiProperty({ enum: LeadGrade, enumName: 'LeadGrade' }) grade!: LeadGrade;
  @ApiProperty({ example: false }) keyLead!: boolean;
  @ApiProperty({ nullable: true, type: String, ...REGION_CODE_SCHEMA }) regionCode!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'retail' }) industryCode!: string | null;
  @ApiProperty({ enum: LeadStatus, enumName: 'LeadStatus' }) status!: LeadStatus;
  @ApiProperty({ example: 1, description: 'Times the lead was reclaimed' }) recoveryCount!: number;
  @ApiProperty({ nullable: true, type: String, example: '2026-11-23T08:00:00.000Z' }) enteredPoolAt!:
    string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) lastOwnerRepId!: string | null;
  @ApiProperty({
    type: PoolLeadContactDto,
    nullable: true,
    description: 'First contact; masked for callers of another vendor until the lead is claimed',
  })
  contact!: PoolLeadContactDto | null;
}

export const PoolLeadPage = PageOf(PoolLeadDto);

export class DistributePoolLeadsDto {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  leadIds!: string[];

  @UuidField()
  repId!: string;
}

export class PoolTakeResultDto {
  @ApiProperty({ type: [String], format: 'uuid' }) leadIds!: string[];
  @ApiProperty({ format: 'uuid' }) repId!: string;
}

export class ReclaimRunResultDto {
  @ApiProperty({ example: 12 }) reclaimed!: number;
  @ApiProperty({ type: [String], format: 'uuid' }) leadIds!: string[];
}

export class ReclaimWarningDto {
  @ApiProperty({ format: 'uuid' }) leadId!: string;
  @ApiProperty({ format: 'uuid' }) ownerRepId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) vendorId!: string | null;
  @ApiProperty({ example: '2026-11-25T08:00:00.000Z' }) reclaimAt!: string;
}

export class ReclaimWarningRunResultDto {
  @ApiProperty({ type: [ReclaimWarningDto] }) warnings!: ReclaimWarningDto[];
}

export class ReviveLeadsDto extends AsOfDto {
  @IntField({
    optional: true,
    example: 30,
    default: 30,
    description: 'A lead is silent after this many days without a touch',
    minimum: 1,
    maximum: 3650,
  })
  silentDays?: number;

  @IntField({
    optional: true,
    example: 20,
    default: 20,
    description: 'Share of silent and dead leads offered again',
    minimum: 1,
    maximum: 100,
  })
  sharePercent?: number;
}

export class RevivalRunResultDto {
  @ApiProperty({ example: 120, description: 'Silent and dead leads found' }) candidates!: number;
  @ApiProperty({ example: 24 }) revived!: number;
  @ApiProperty({ example: 20, description: 'Revived leads routing gave to a rep' }) assigned!: number;
  @ApiProperty({ type: [String], format: 'uuid' }) leadIds!: string[];
}
