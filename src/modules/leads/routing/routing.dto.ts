import { VendorTier } from '../../vendors/vendor-enums';
import type { DataScope } from '../../../common/auth/data-scope';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsEnum,
  IsOptional,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';
import { PageOf } from '../../../common/pagination/pagination';
import { CompanySizeBand, LeadGrade, LeadSource } from '../lead.enums';
import { INDUSTRY_CODE_PATTERN, TAG_PATTERN } from '../leads.dto';
import { REGION_CODE_PATTERN } from '../../vendors/region-code';
import type { AssignmentDecision } from './assignment-decision.entity';
import type { AssignmentRule } from './assignment-rule.entity';
import type { RepRoutingPreference } from './rep-routing-preference.entity';
import type { RoutingSetting } from './routing-setting.entity';
import {
  DeclineReason,
  IneligibleReason,
  RoutingOutcome,
  RoutingStrategy,
  RoutingTargetKind,
  RoutingTrigger,
} from './routing.enums';
import { UuidField, TextField, EnumField, IntField, BooleanField } from '../../../common/validation/fields';

export class RuleFilterDto {
  @ApiPropertyOptional({ enum: LeadSource, enumName: 'LeadSource', isArray: true, example: ['web_form'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEnum(LeadSource, { each: true })
  sources?: LeadSource[];

  @ApiPropertyOptional({ type: [String], example: ['CN-GD'], maxItems: 200 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(REGION_CODE_PATTERN, { each: true })
  regionCodes?: string[];

  @ApiPropertyOptional({ type: [String], example: ['retail'], maxItems: 100 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(INDUSTRY_CODE_PATTERN, { each: true })
  industryCodes?: string[];

  @ApiPropertyOptional({
    enum: CompanySizeBand,
    enumName: 'CompanySizeBand',
    isArray: true,
    example: ['large'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEnum(CompanySizeBand, { each: true })
  sizeBands?: CompanySizeBand[];

  @ApiPropertyOptional({ enum: LeadGrade, enumName: 'LeadGrade', isArray: true, example: ['high'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEnum(LeadGrade, { each: true })
  grades?: LeadGrade[];

  @BooleanField({ optional: true, example: true })
  keyLead?: boolean;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Any of these lines', maxItems: 100 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  productLineIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['lang:zh'],
    description: 'Any of these tags',
    maxItems: 50,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(TAG_PATTERN, { each: true })
  tags?: string[];
}

export class AssignmentRuleInputDto {
  @TextField({ example: 'Key leads in Guangdong to the best A reps', minLength: 1, maxLength: 200 })
  name!: string;

  @IntField({
    optional: true,
    example: 10,
    description: 'Lower runs first; defaults to after the last rule',
    minimum: 0,
    maximum: 1_000_000,
  })
  position?: number;

  @BooleanField({ optional: true, example: true, default: true })
  active?: boolean;

  @BooleanField({
    optional: true,
    example: false,
    default: false,
    description: 'Applies when no other rule matches, or the matching rule finds nobody eligible',
  })
  isDefault?: boolean;

  @ApiPropertyOptional({ type: RuleFilterDto, description: 'Every given condition must hold' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RuleFilterDto)
  filter?: RuleFilterDto;

  @EnumField(RoutingTargetKind, { enumName: 'RoutingTargetKind', example: RoutingTargetKind.VENDORS })
  targetKind!: RoutingTargetKind;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 100,
    description: 'One vendor for vendor/internal_team, one or more for vendors; none for pool',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  targetVendorIds?: string[];

  @UuidField({ optional: true, description: 'For a pool target' })
  targetPoolId?: string;

  @EnumField(RoutingStrategy, { enumName: 'RoutingStrategy', example: RoutingStrategy.BEST_FIT })
  strategy!: RoutingStrategy;

  @IntField({
    optional: true,
    example: 20,
    description: 'Most leads one rep gets from routing per rolling 24 h',
    minimum: 0,
    maximum: 100_000,
  })
  dailyQuotaPerRep?: number;

  @EnumField(VendorTier, {
    optional: true,
    enumName: 'VendorTier',
    example: VendorTier.GOLD,
    description:
      'Key leads only to vendors of at least this tier; an agreement may set its own minimum, the stricter ' +
      'applies. A vendor below it is excluded with `vendor_tier_too_low`',
  })
  keyLeadMinVendorTier?: VendorTier;
}

export class AssignmentRuleDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Key leads in Guangdong' }) name!: string;
  @ApiProperty({ example: 10 }) position!: number;
  @ApiProperty({ example: true }) active!: boolean;
  @ApiProperty({ example: false }) isDefault!: boolean;
  @ApiProperty({ type: RuleFilterDto }) filter!: RuleFilterDto;
  @ApiProperty({ enum: RoutingTargetKind, enumName: 'RoutingTargetKind' }) targetKind!: RoutingTargetKind;
  @ApiProperty({ type: [String], format: 'uuid' }) targetVendorIds!: string[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) targetPoolId!: string | null;
  @ApiProperty({ enum: RoutingStrategy, enumName: 'RoutingStrategy' }) strategy!: RoutingStrategy;
  @ApiProperty({ nullable: true, type: Number, example: 20 }) dailyQuotaPerRep!: number | null;
  @ApiProperty({
    enum: VendorTier,
    enumName: 'VendorTier',
    nullable: true,
    description: 'Minimum vendor tier for key leads',
  })
  keyLeadMinVendorTier!: VendorTier | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Round-robin pointer' })
  lastRepId!: string | null;
  @ApiProperty({ example: 1 }) version!: number;
}

export const AssignmentRulePage = PageOf(AssignmentRuleDto);

export function mapAssignmentRule(rule: AssignmentRule): AssignmentRuleDto {
  return {
    id: rule.id,
    name: rule.name,
    position: rule.position,
    active: rule.active,
    isDefault: rule.isDefault,
    filter: rule.filter,
    targetKind: rule.targetKind,
    targetVendorIds: rule.targetVendorIds,
    targetPoolId: rule.targetPoolId,
    strategy: rule.strategy,
    dailyQuotaPerRep: rule.dailyQuotaPerRep,
    keyLeadMinVendorTier: rule.keyLeadMinVendorTier,
    lastRepId: rule.lastRepId,
    version: rule.version,
  };
}

export class ScoredCandidateDto {
  @ApiProperty({ format: 'uuid' }) repId!: string;
  @ApiProperty({ format: 'uuid' }) vendorId!: string;
  @ApiProperty({
    example: 12,
    description: 'best_fit: match × weight; weighted_random: weight; least_loaded: −open leads',
  })
  score!: number;
  @ApiProperty({ example: 4, description: 'Grade weight A=4 … D=1' }) weight!: number;
  @ApiProperty({ example: 7 }) openLeads!: number;
}

export class ExcludedCandidateDto {
  @ApiProperty({ format: 'uuid' }) repId!: string;
  @ApiProperty({ format: 'uuid' }) vendorId!: string;
  @ApiProperty({ enum: IneligibleReason, enumName: 'IneligibleReason', isArray: true })
  reasons!: IneligibleReason[];
}

export class AssignmentDecisionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The lead routed; null for a renewal',
  })
  leadId!: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The renewal contract routed (trigger `renewal`); null for a lead',
  })
  contractId!: string | null;
  @ApiProperty({ example: '2026-11-23T08:00:00.000Z' }) decidedAt!: string;
  @ApiProperty({ enum: RoutingTrigger, enumName: 'RoutingTrigger' }) trigger!: RoutingTrigger;
  @ApiProperty({ enum: RoutingOutcome, enumName: 'RoutingOutcome' }) outcome!: RoutingOutcome;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) ruleId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Key leads in Guangdong' }) ruleName!: string | null;
  @ApiProperty({ enum: RoutingStrategy, enumName: 'RoutingStrategy', nullable: true })
  strategy!: RoutingStrategy | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) chosenRepId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) chosenVendorId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) poolId!: string | null;
  @ApiProperty({ type: [ScoredCandidateDto], description: 'Eligible reps, best first' })
  candidates!: ScoredCandidateDto[];
  @ApiProperty({
    type: [ExcludedCandidateDto],
    description:
      'Reps left out and why: the first ten, plus one example of every other reason, so no reason is hidden',
  })
  excluded!: ExcludedCandidateDto[];
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 43,
    description: 'Reps left out in all, listed or not; null for vendor-bound callers',
  })
  excludedTotal!: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    nullable: true,
    example: { at_capacity: 42, conflict_of_interest: 1 },
    description:
      "Reps left out per reason, listed or not (reps of a vendor out of scope count under the vendor's reasons); null for vendor-bound callers",
  })
  excludedByReason!: Partial<Record<IneligibleReason, number>> | null;
  @ApiProperty({ example: 'Rule "Guangdong" matched; best_fit chose rep … of 3 eligible' })
  explanation!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId!: string | null;
}

export const AssignmentDecisionPage = PageOf(AssignmentDecisionDto);

/**
 * A decision as the caller may see it: company-wide callers get it whole; vendor-bound callers only the
 * candidates of their own vendor (a rep only their own entry), and no word of where the lead went when it
 * went outside their scope.
 */
export function mapAssignmentDecision(
  decision: AssignmentDecision,
  scope?: DataScope,
): AssignmentDecisionDto {
  if (scope && !scope.isCompanyWide) {
    const visible = (entry: { vendorId: string; repId: string }) =>
      scope.canSeeRow(entry.vendorId, entry.repId);
    const chosenVisible =
      decision.chosenVendorId !== null && scope.canSeeRow(decision.chosenVendorId, decision.chosenRepId);
    return {
      ...mapAssignmentDecision(decision),
      chosenRepId: chosenVisible ? decision.chosenRepId : null,
      chosenVendorId: chosenVisible ? decision.chosenVendorId : null,
      candidates: decision.candidates.filter(visible),
      excluded: decision.excluded.filter(visible),
      excludedTotal: null,
      excludedByReason: null,
      explanation: chosenVisible ? decision.explanation : 'The lead was routed outside your scope',
    };
  }
  return {
    id: decision.id,
    leadId: decision.leadId,
    contractId: decision.contractId,
    decidedAt: decision.decidedAt.toISOString(),
    trigger: decision.trigger,
    outcome: decision.outcome,
    ruleId: decision.ruleId,
    ruleName: decision.ruleName,
    strategy: decision.strategy,
    chosenRepId: decision.chosenRepId,
    chosenVendorId: decision.chosenVendorId,
    poolId: decision.poolId,
    candidates: decision.candidates,
    excluded: decision.excluded,
    excludedTotal: decision.excludedTotal,
    excludedByReason: decision.excludedByReason,
    explanation: decision.explanation,
    actorId: decision.actorId,
  };
}

export class AsOfDto {
  @ApiPropertyOptional({ example: '2026-11-23T08:00:00Z', description: 'Run as of this time; default now' })
  @IsOptional()
  @IsDateString()
  asOf?: string;
}

/** The time an "as of" run works at: the given one, or now. */
export const asOfTime = (body: AsOfDto): Date => (body.asOf ? new Date(body.asOf) : new Date());

export class AutoAssignLeadsDto extends AsOfDto {
  @IntField({
    optional: true,
    example: 10000,
    description: 'Most leads this call routes',
    minimum: 1,
    maximum: 100_000,
  })
  limit?: number;
}

export class AutoAssignResultDto {
  @ApiProperty({ example: 1200 }) considered!: number;
  @ApiProperty({ example: 1150 }) assigned!: number;
  @ApiProperty({ example: 30 }) pooled!: number;
  @ApiProperty({ example: 20 }) unassigned!: number;
  @ApiProperty({ example: 350 }) durationMs!: number;
}

export class RematchResultDto extends AutoAssignResultDto {
  @ApiProperty({ example: 12, description: 'Leads that left the rep' }) moved!: number;
}

export class OverrideLeadAssignmentDto {
  @UuidField()
  repId!: string;

  @TextField({ example: 'Customer asked for this rep', minLength: 1, maxLength: 500 })
  reason!: string;

  @BooleanField({
    optional: true,
    example: false,
    default: false,
    description:
      'Give the lead to the rep even though the agreement requires certification and the rep holds none ' +
      'valid for a product line of the lead. Admins and sales managers only (403 ' +
      'CERTIFICATION_OVERRIDE_FORBIDDEN otherwise); recorded in the decision log and the lead history',
  })
  overrideCertification?: boolean;
}

export enum DeclineLevel {
  REP = 'rep',
  VENDOR = 'vendor',
}

export class DeclineLeadDto {
  @EnumField(DeclineReason, { enumName: 'DeclineReason', example: DeclineReason.NOT_INTERESTED })
  reason!: DeclineReason;

  @TextField({ optional: true, example: 'Outside our expertise', maxLength: 1000 })
  note?: string;

  @EnumField(DeclineLevel, {
    optional: true,
    enumName: 'DeclineLevel',
    description:
      'rep: only the owner rep is never offered it again; vendor: the whole vendor. Default: rep for reps, vendor otherwise',
  })
  level?: DeclineLevel;
}

export class RepRoutingPreferenceInputDto {
  @BooleanField({ example: false, description: 'An opted-out rep gets no leads from routing' })
  optedOut!: boolean;

  @IntField({
    optional: true,
    example: 10,
    description: 'Most routed leads per rolling 24 h; absent = the rule’s',
    minimum: 0,
    maximum: 100_000,
  })
  dailyAssignmentQuota?: number;
}

export type RepRoutingPreferenceDto = RepRoutingPreferenceInputDto;

export class RepRoutingPreferenceOutDto {
  @ApiProperty({ format: 'uuid' }) repId!: string;
  @ApiProperty({ format: 'uuid' }) vendorId!: string;
  @ApiProperty({ example: false }) optedOut!: boolean;
  @ApiProperty({ nullable: true, type: Number, example: 10 }) dailyAssignmentQuota!: number | null;
  @ApiProperty({ example: 1 }) version!: number;
}

export function mapRepRoutingPreference(preference: RepRoutingPreference): RepRoutingPreferenceOutDto {
  return {
    repId: preference.repId,
    vendorId: preference.vendorId,
    optedOut: preference.optedOut,
    dailyAssignmentQuota: preference.dailyAssignmentQuota,
    version: preference.version,
  };
}

export class RoutingSettingsInputDto {
  @BooleanField({ example: true, description: 'Route every lead taken in without an owner at once' })
  autoAssignOnIntake!: boolean;
}

export class RoutingSettingsDto extends RoutingSettingsInputDto {
  @ApiProperty({ example: 1 }) version!: number;
}

export function mapRoutingSettings(setting: RoutingSetting): RoutingSettingsDto {
  return { autoAssignOnIntake: setting.autoAssignOnIntake, version: setting.version };
}

export class GradeWeightsInputDto {
  @IntField({ example: 4, minimum: 1, maximum: 1000, description: 'Routing weight of an A rep' })
  A!: number;

  @IntField({ example: 3, minimum: 1, maximum: 1000 })
  B!: number;

  @IntField({ example: 2, minimum: 1, maximum: 1000 })
  C!: number;

  @IntField({ example: 1, minimum: 1, maximum: 1000 })
  D!: number;
}

export class GradeWeightsDto extends GradeWeightsInputDto {
  @ApiProperty({ example: 1, description: 'Revision in force; 0 is the defaults (nothing stored yet)' })
  revision!: number;
}
