import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsISO31661Alpha2,
  IsOptional,
  IsTimeZone,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination/pagination';
import { EnumField, IntField, TextField, upperCase, UuidField } from '../../common/validation/fields';
import { VendorKind, VendorTier } from './vendor-enums';
import { E164 } from './vendors.dto';
import { VendorCandidate } from './vendor-selection.entity';
import {
  allowedNextCandidateStatuses,
  CandidateScore,
  CandidateStatus,
  MAX_RATING,
  SelectionCriterion,
  SelectionWeights,
} from './vendor-selection.rules';

const weight = (example: number, what: string) =>
  IntField({ example, minimum: 0, maximum: 100, description: `Weight of ${what}, percent` });

/** One weight per criterion, whole percents; the six must sum to 100. */
export class SelectionWeightsDto {
  @weight(20, 'industry experience')
  industryExperience!: number;

  @weight(20, 'skills')
  skills!: number;

  @weight(15, 'customer references and feedback')
  customerReferences!: number;

  @weight(20, 'service quality')
  serviceQuality!: number;

  @weight(15, 'technical capability')
  technicalCapability!: number;

  @weight(10, 'price (a high rating is a favourable price)')
  price!: number;
}

export class UpdateSelectionCriteriaDto {
  @ApiProperty({ type: SelectionWeightsDto })
  @ValidateNested()
  @Type(() => SelectionWeightsDto)
  weights!: SelectionWeightsDto;
}

export class SelectionCriteriaDto {
  @ApiProperty({ type: SelectionWeightsDto })
  weights!: SelectionWeightsDto;

  @ApiProperty({ enum: SelectionCriterion, enumName: 'SelectionCriterion', isArray: true })
  criteria!: SelectionCriterion[];

  @ApiProperty({ example: 10, description: 'Ratings are whole numbers from 0 to this' })
  maxRating!: number;

  @ApiProperty({ example: 1 })
  version!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: defaults in force' })
  updatedAt!: string | null;
}

export function mapSelectionCriteria(stored: {
  weights: SelectionWeights;
  version: number;
  updatedAt: Date | null;
}): SelectionCriteriaDto {
  return {
    weights: { ...stored.weights },
    criteria: Object.values(SelectionCriterion),
    maxRating: MAX_RATING,
    version: stored.version,
    updatedAt: stored.updatedAt?.toISOString() ?? null,
  };
}

export class CreateVendorCandidateDto {
  @TextField({ example: 'Budapest Outsourced Sales Kft.', minLength: 1, maxLength: 200 })
  name!: string;

  @EnumField(VendorKind, { enumName: 'VendorKind', example: VendorKind.AGENCY })
  kind!: VendorKind;

  @ApiProperty({ example: 'HU', description: 'ISO 3166-1 alpha-2 of the seat' })
  @Transform(upperCase)
  @IsISO31661Alpha2()
  countryCode!: string;

  @ApiProperty({ example: 'Europe/Budapest', description: 'IANA time zone' })
  @IsTimeZone()
  @MaxLength(64)
  timezone!: string;

  @TextField({ optional: true, example: 'Kovács Anna', maxLength: 200 })
  contactName?: string;

  @ApiPropertyOptional({ example: 'anna.kovacs@bos.hu', maxLength: 254 })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string;

  @ApiPropertyOptional({ example: '+36301234567', description: 'E.164' })
  @IsOptional()
  @Matches(E164, { message: 'contactPhone must be an E.164 number such as +36301234567' })
  contactPhone?: string;

  @TextField({
    optional: true,
    example: 'Met at the Budapest trade fair; strong in machinery',
    maxLength: 2000,
  })
  notes?: string;
}

const rating = (what: string) =>
  IntField({
    optional: true,
    example: 7,
    minimum: 0,
    maximum: MAX_RATING,
    description: `Rating of ${what}, 0–10`,
  });

/** Ratings 0–10 (10 best; for price, 10 is the most favourable); only the criteria given change. */
export class RateVendorCandidateDto {
  @rating('industry experience')
  industryExperience?: number;

  @rating('skills')
  skills?: number;

  @rating('customer references and feedback')
  customerReferences?: number;

  @rating('service quality')
  serviceQuality?: number;

  @rating('technical capability')
  technicalCapability?: number;

  @rating('price')
  price?: number;
}

export class CreateCandidateDecisionDto {
  @EnumField(CandidateStatus, {
    enumName: 'CandidateStatus',
    example: CandidateStatus.SHORTLISTED,
    description: 'shortlisted, selected (from the shortlist) or rejected',
  })
  status!: CandidateStatus;

  @TextField({
    example: 'Best weighted score; references from two machinery makers',
    minLength: 1,
    maxLength: 1000,
  })
  reason!: string;

  @UuidField({ optional: true, description: 'Required to select: the sales unit the new vendor hangs on' })
  salesUnitId?: string;

  @EnumField(VendorTier, { optional: true, enumName: 'VendorTier', description: 'Required to select' })
  tier?: VendorTier;
}

export class CompareVendorCandidatesDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 2, maxItems: 20 })
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayUnique()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  candidateIds!: string[];
}

export class ListVendorCandidatesQuery extends PageQuery {
  @EnumField(CandidateStatus, { optional: true, enumName: 'CandidateStatus' })
  status?: CandidateStatus;
}

export class CriterionScoreDto {
  @ApiProperty({ enum: SelectionCriterion, enumName: 'SelectionCriterion' })
  criterion!: SelectionCriterion;

  @ApiProperty({ type: Number, nullable: true, example: 8, description: '0–10; null: not rated yet' })
  rating!: number | null;

  @ApiProperty({ example: 20 })
  weightPercent!: number;

  @ApiProperty({ example: 16, description: 'rating × weight / 10: points of the 0–100 total' })
  contribution!: number;
}

export class CandidateDecisionDto {
  @ApiProperty({ enum: CandidateStatus, enumName: 'CandidateStatus' })
  status!: CandidateStatus;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ format: 'date-time' })
  decidedAt!: string;

  @ApiProperty({ description: 'The user or API client who decided (system:demo-seed for demo data)' })
  decidedById!: string;

  @ApiProperty()
  decidedByName!: string;
}

export class VendorCandidateDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: VendorKind, enumName: 'VendorKind' })
  kind!: VendorKind;

  @ApiProperty({ enum: CandidateStatus, enumName: 'CandidateStatus' })
  status!: CandidateStatus;

  @ApiProperty({ enum: CandidateStatus, enumName: 'CandidateStatus', isArray: true })
  allowedNextStatuses!: CandidateStatus[];

  @ApiProperty({ example: 'HU' })
  countryCode!: string;

  @ApiProperty({ example: 'Europe/Budapest' })
  timezone!: string;

  @ApiProperty({ type: String, nullable: true })
  contactName!: string | null;

  @ApiProperty({ type: String, nullable: true })
  contactEmail!: string | null;

  @ApiProperty({ type: String, nullable: true })
  contactPhone!: string | null;

  @ApiProperty({ type: String, nullable: true })
  notes!: string | null;

  @ApiProperty({ type: [CriterionScoreDto], description: 'Each criterion: rating, weight, contribution' })
  criteria!: CriterionScoreDto[];

  @ApiProperty({ example: 72.5, description: 'Weighted score 0–100 under the criteria in force' })
  score!: number;

  @ApiProperty({ description: 'Every criterion rated' })
  scoreComplete!: boolean;

  @ApiProperty({ type: [CandidateDecisionDto] })
  decisions!: CandidateDecisionDto[];

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The vendor created on selection',
  })
  vendorId!: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ example: 1 })
  version!: number;
}

export const VendorCandidatePage = PageOf(VendorCandidateDto);

export function mapVendorCandidate(candidate: VendorCandidate, score: CandidateScore): VendorCandidateDto {
  return {
    id: candidate.id,
    name: candidate.name,
    kind: candidate.kind,
    status: candidate.status,
    allowedNextStatuses: [...allowedNextCandidateStatuses(candidate.status)],
    countryCode: candidate.countryCode,
    timezone: candidate.timezone,
    contactName: candidate.contactName,
    contactEmail: candidate.contactEmail,
    contactPhone: candidate.contactPhone,
    notes: candidate.notes,
    criteria: score.criteria,
    score: score.total,
    scoreComplete: score.complete,
    decisions: candidate.decisions,
    vendorId: candidate.vendorId,
    updatedAt: candidate.updatedAt.toISOString(),
    version: candidate.version,
  };
}

export class CandidateComparisonEntryDto {
  @ApiProperty({ example: 1, description: 'Competition ranking: equal scores share a rank' })
  rank!: number;

  @ApiProperty({ format: 'uuid' })
  candidateId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: CandidateStatus, enumName: 'CandidateStatus' })
  status!: CandidateStatus;

  @ApiProperty({ type: [CriterionScoreDto] })
  criteria!: CriterionScoreDto[];

  @ApiProperty({ example: 76 })
  total!: number;

  @ApiProperty()
  complete!: boolean;
}

export class CandidateComparisonDto {
  @ApiProperty({ type: SelectionWeightsDto, description: 'The weights the comparison used' })
  weights!: SelectionWeightsDto;

  @ApiProperty({ example: 3, description: 'Version of the selection criteria used' })
  criteriaVersion!: number;

  @ApiProperty({ type: [CandidateComparisonEntryDto], description: 'Best first' })
  candidates!: CandidateComparisonEntryDto[];
}
