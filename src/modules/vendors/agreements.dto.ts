import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination/pagination';
import { Agreement, CommissionBasis, PerLeadFeeKind } from './agreement.entity';
import { ALL_SALES_STAGES, LeadClawbackPolicy, SalesStage, VendorTier } from './vendor-enums';
import {
  TextField,
  EnumField,
  IntField,
  BooleanField,
  DateField,
  CurrencyField,
  NumberField,
} from '../../common/validation/fields';
import { AgreementKpi, type AgreementKpiClauses } from './agreement-kpis.rules';
import { AgreementKpiBreach } from './agreement-kpi-breach.entity';

export class CommissionTierDto {
  @IntField({
    example: 100,
    description: 'From this attainment (% of target) on, inclusive; levels up to 1000 %',
    minimum: 0,
    maximum: 1000,
  })
  minAttainmentPercent!: number;

  @IntField({ example: 1000, description: 'Rate in basis points (1000 = 10 %)', minimum: 0, maximum: 10000 })
  commissionRateBps!: number;
}

/** KPIs and service levels; a clause left out (or null) is not agreed. */
export class AgreementKpiClausesDto {
  @NumberField({
    optional: true,
    nullable: true,
    example: 85,
    minimum: 0,
    maximum: 100,
    description:
      'min_call_compliance: calls and visits reported against the reps’ quotas over a month, percent',
  })
  minCallCompliancePercent?: number | null;

  @IntField({
    optional: true,
    nullable: true,
    example: 8,
    minimum: 1,
    maximum: 240,
    description:
      'first_response_hours: an assigned lead is touched (a follow-up, call report or status change by the ' +
      'owning rep or a user of the owning vendor — a company user’s note does not count) within this many ' +
      'working hours of the rep’s calendar (09:00–17:00 on working days)',
  })
  firstResponseHours?: number | null;

  @BooleanField({
    optional: true,
    nullable: true,
    default: false,
    description:
      'A lead whose first response is overdue is routed to another eligible rep; needs firstResponseHours',
  })
  rerouteOnBreach?: boolean | null;

  @NumberField({
    optional: true,
    nullable: true,
    example: 10,
    minimum: 0,
    maximum: 100,
    description: 'min_conversion: leads taken in during a month that are won, percent',
  })
  minConversionPercent?: number | null;

  @NumberField({
    optional: true,
    nullable: true,
    example: 4,
    minimum: 1,
    maximum: 5,
    description: 'min_csat: average customer satisfaction answer of a month, 1–5',
  })
  minCsat?: number | null;
}

export class AgreementKpiClausesViewDto {
  @ApiProperty({ type: Number, nullable: true, example: 85 })
  minCallCompliancePercent!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 8 })
  firstResponseHours!: number | null;

  @ApiProperty({ example: false })
  rerouteOnBreach!: boolean;

  @ApiProperty({ type: Number, nullable: true, example: 10 })
  minConversionPercent!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 4 })
  minCsat!: number | null;
}

export function mapKpiClauses(clauses: AgreementKpiClauses): AgreementKpiClausesViewDto {
  return {
    minCallCompliancePercent: clauses.minCallCompliancePercent ?? null,
    firstResponseHours: clauses.firstResponseHours ?? null,
    rerouteOnBreach: clauses.rerouteOnBreach ?? false,
    minConversionPercent: clauses.minConversionPercent ?? null,
    minCsat: clauses.minCsat ?? null,
  };
}

export class CreateAgreementDto {
  @TextField({ optional: true, example: 'AGR-2026-017', maxLength: 60 })
  reference?: string;

  @DateField({ example: '2026-01-01', description: 'First day in force (inclusive)' })
  startsOn!: string;

  @DateField({ example: '2026-12-31', description: 'Last day in force (inclusive); not before startsOn' })
  endsOn!: string;

  @ApiProperty({
    enum: SalesStage,
    enumName: 'SalesStage',
    isArray: true,
    example: [SalesStage.PROSPECTING, SalesStage.FIRST_CONTACT],
    description: 'Stages the vendor owns; the others stay in-house',
  })
  @IsArray()
  @IsEnum(SalesStage, { each: true })
  @ArrayUnique()
  @ArrayMaxSize(ALL_SALES_STAGES.length)
  stagesOwned!: SalesStage[];

  @ApiProperty({ type: [String], format: 'uuid', description: 'Territories', maxItems: 200 })
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayUnique()
  @ArrayMaxSize(200)
  regionIds!: string[];

  @ApiProperty({ type: [String], example: ['manufacturing', 'automotive'], maxItems: 50 })
  @IsArray()
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  @ArrayUnique()
  @ArrayMaxSize(50)
  industryCodes!: string[];

  @ApiProperty({ type: [String], format: 'uuid', maxItems: 200 })
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayUnique()
  @ArrayMaxSize(200)
  productLineIds!: string[];

  @ApiPropertyOptional({ type: [String], example: ['Haier Group'], maxItems: 500 })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  @ArrayUnique()
  @ArrayMaxSize(500)
  namedAccounts?: string[];

  @IntField({
    example: 850,
    description: 'Commission on contract revenue, basis points (850 = 8.5 %)',
    minimum: 0,
    maximum: 10000,
  })
  commissionRateBps!: number;

  @ApiPropertyOptional({
    type: [CommissionTierDto],
    description: 'Higher rates from higher attainment; thresholds strictly ascending',
    maxItems: 10,
  })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => CommissionTierDto)
  @ArrayMaxSize(10)
  commissionTiers?: CommissionTierDto[];

  @EnumField(CommissionBasis, {
    optional: true,
    enumName: 'CommissionBasis',
    default: CommissionBasis.BOOKED,
    description: 'Commission on the contract value when signed (booked) or on what the customer paid (paid)',
  })
  commissionBasis?: CommissionBasis;

  @IntField({
    optional: true,
    example: 5000000,
    description:
      'Most commission one settlement period pays under this agreement, minor units of feeCurrency',
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
  })
  commissionCapMinor?: number;

  @IntField({
    optional: true,
    example: 5000,
    description: 'Fee per lead event (perLeadFeeKind), minor units of feeCurrency',
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
  })
  perLeadFeeMinor?: number;

  @EnumField(PerLeadFeeKind, {
    optional: true,
    enumName: 'PerLeadFeeKind',
    description: 'What the per-lead fee pays for; required with perLeadFeeMinor',
  })
  perLeadFeeKind?: PerLeadFeeKind;

  @IntField({
    optional: true,
    example: 2000000,
    description: 'Monthly retainer, minor units of feeCurrency',
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
  })
  retainerFeeMinor?: number;

  @CurrencyField({
    optional: true,
    example: 'CNY',
    description: 'ISO 4217; required with a per-lead or retainer fee',
  })
  feeCurrency?: string;

  @IntField({
    optional: true,
    example: 90,
    description: 'Days after which paid commission can no longer be clawed back',
    minimum: 0,
    maximum: 3650,
  })
  clawbackDays?: number;

  @IntField({
    optional: true,
    example: 8,
    description: 'Default calls per day for the vendor’s reps',
    minimum: 0,
    maximum: 1000,
  })
  defaultDailyCallQuota?: number;

  @IntField({
    optional: true,
    example: 35,
    description: 'Default calls per ISO week for the vendor’s reps',
    minimum: 0,
    maximum: 5000,
  })
  defaultWeeklyCallQuota?: number;

  @IntField({
    optional: true,
    example: 2,
    description: 'Default visits per day for the vendor’s reps',
    minimum: 0,
    maximum: 100,
  })
  defaultDailyVisitQuota?: number;

  @IntField({
    optional: true,
    example: 8,
    description: 'Default visits per ISO week for the vendor’s reps',
    minimum: 0,
    maximum: 500,
  })
  defaultWeeklyVisitQuota?: number;

  @BooleanField({ optional: true, default: false, description: 'Terms are confidential' })
  confidential?: boolean;

  @DateField({ optional: true, example: '2025-12-15', description: 'When the NDA was signed' })
  ndaSignedOn?: string;

  @BooleanField({
    optional: true,
    default: false,
    description:
      'Routing gives a rep of the vendor only leads whose product lines the rep holds a valid ' +
      'certification for, and the vendor becomes active only once one of its reps is certified',
  })
  requiresCertification?: boolean;

  @EnumField(VendorTier, {
    optional: true,
    enumName: 'VendorTier',
    nullable: true,
    example: VendorTier.GOLD,
    description:
      'Key leads go to the vendor only while its tier is at least this one (a lower tier is excluded with ' +
      '`vendor_tier_too_low`); null: any tier',
  })
  keyLeadMinTier?: VendorTier | null;

  @EnumField(LeadClawbackPolicy, {
    optional: true,
    enumName: 'LeadClawbackPolicy',
    default: LeadClawbackPolicy.RETURN_TO_POOL,
    description:
      'When the vendor is offboarded: its open leads go back to the company pool, or are routed again ' +
      '(what routing cannot place goes to the pool)',
  })
  leadClawbackPolicy?: LeadClawbackPolicy;

  @ApiPropertyOptional({
    type: AgreementKpiClausesDto,
    description:
      'KPIs and service levels the scheduler checks (agreement_kpi, first_response_sla); replaced as a whole',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => AgreementKpiClausesDto)
  kpis?: AgreementKpiClausesDto;
}

export class UpdateAgreementDto extends PartialType(CreateAgreementDto) {}

export class ListAgreementsQuery extends PageQuery {
  @DateField({ optional: true, example: '2026-07-01', description: 'Only agreements in force on this day' })
  activeOn?: string;
}

export class AgreementDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'AGR-2026-017' })
  reference!: string | null;

  @ApiProperty({ format: 'date', example: '2026-01-01' })
  startsOn!: string;

  @ApiProperty({ format: 'date', example: '2026-12-31' })
  endsOn!: string;

  @ApiProperty({ enum: SalesStage, enumName: 'SalesStage', isArray: true })
  stagesOwned!: SalesStage[];

  @ApiProperty({
    enum: SalesStage,
    enumName: 'SalesStage',
    isArray: true,
    description: 'Stages kept in-house',
  })
  inHouseStages!: SalesStage[];

  @ApiProperty({ type: [String], format: 'uuid' })
  regionIds!: string[];

  @ApiProperty({ type: [String], example: ['manufacturing'] })
  industryCodes!: string[];

  @ApiProperty({ type: [String], format: 'uuid' })
  productLineIds!: string[];

  @ApiProperty({ type: [String], example: ['Haier Group'] })
  namedAccounts!: string[];

  @ApiProperty({ example: 850 })
  commissionRateBps!: number;

  @ApiProperty({ type: [CommissionTierDto] })
  commissionTiers!: CommissionTierDto[];

  @ApiProperty({ enum: CommissionBasis, enumName: 'CommissionBasis' })
  commissionBasis!: CommissionBasis;

  @ApiProperty({ type: Number, nullable: true, example: 5000000 })
  commissionCapMinor!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 5000 })
  perLeadFeeMinor!: number | null;

  @ApiProperty({ enum: PerLeadFeeKind, enumName: 'PerLeadFeeKind', nullable: true })
  perLeadFeeKind!: PerLeadFeeKind | null;

  @ApiProperty({ type: Number, nullable: true, example: 2000000 })
  retainerFeeMinor!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'CNY' })
  feeCurrency!: string | null;

  @ApiProperty({ example: 90 })
  clawbackDays!: number;

  @ApiProperty({ type: Number, nullable: true, example: 8 })
  defaultDailyCallQuota!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 35 })
  defaultWeeklyCallQuota!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 2 })
  defaultDailyVisitQuota!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 8 })
  defaultWeeklyVisitQuota!: number | null;

  @ApiProperty()
  confidential!: boolean;

  @ApiProperty({ format: 'date', type: String, nullable: true, example: '2025-12-15' })
  ndaSignedOn!: string | null;

  @ApiProperty({ description: 'Reps need a valid certification for a lead’s product lines' })
  requiresCertification!: boolean;

  @ApiProperty({
    enum: VendorTier,
    enumName: 'VendorTier',
    nullable: true,
    description: 'Minimum vendor tier for key leads',
  })
  keyLeadMinTier!: VendorTier | null;

  @ApiProperty({ enum: LeadClawbackPolicy, enumName: 'LeadClawbackPolicy' })
  leadClawbackPolicy!: LeadClawbackPolicy;

  @ApiProperty({
    type: AgreementKpiClausesViewDto,
    nullable: true,
    description: 'The KPI clauses; company users only (null for a vendor manager or a vendor-bound client)',
  })
  kpis!: AgreementKpiClausesViewDto | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ example: 1 })
  version!: number;
}

export const AgreementPage = PageOf(AgreementDto);

/** `showKpis`: the KPI clauses are company-only; vendor-scoped callers get null. */
export function mapAgreement(agreement: Agreement, showKpis = true): AgreementDto {
  return {
    id: agreement.id,
    vendorId: agreement.vendorId,
    reference: agreement.reference,
    startsOn: agreement.startsOn,
    endsOn: agreement.endsOn,
    stagesOwned: ALL_SALES_STAGES.filter((stage) => agreement.stagesOwned.includes(stage)),
    inHouseStages: ALL_SALES_STAGES.filter((stage) => !agreement.stagesOwned.includes(stage)),
    regionIds: agreement.regionIds,
    industryCodes: agreement.industryCodes,
    productLineIds: agreement.productLineIds,
    namedAccounts: agreement.namedAccounts,
    commissionRateBps: agreement.commissionRateBps,
    commissionTiers: agreement.commissionTiers,
    commissionBasis: agreement.commissionBasis,
    commissionCapMinor: agreement.commissionCapMinor,
    perLeadFeeMinor: agreement.perLeadFeeMinor,
    perLeadFeeKind: agreement.perLeadFeeKind,
    retainerFeeMinor: agreement.retainerFeeMinor,
    feeCurrency: agreement.feeCurrency,
    clawbackDays: agreement.clawbackDays,
    defaultDailyCallQuota: agreement.defaultDailyCallQuota,
    defaultWeeklyCallQuota: agreement.defaultWeeklyCallQuota,
    defaultDailyVisitQuota: agreement.defaultDailyVisitQuota,
    defaultWeeklyVisitQuota: agreement.defaultWeeklyVisitQuota,
    confidential: agreement.confidential,
    ndaSignedOn: agreement.ndaSignedOn,
    requiresCertification: agreement.requiresCertification,
    keyLeadMinTier: agreement.keyLeadMinTier,
    leadClawbackPolicy: agreement.leadClawbackPolicy,
    kpis: showKpis ? mapKpiClauses(agreement.kpis) : null,
    updatedAt: agreement.updatedAt.toISOString(),
    version: agreement.version,
  };
}

export class AgreementKpiBreachDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  agreementId!: string;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ enum: AgreementKpi, enumName: 'AgreementKpi' })
  kpi!: AgreementKpi;

  @ApiProperty({ example: '2026-10', description: 'The month measured' })
  period!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The lead, for a first response',
  })
  leadId!: string | null;

  @ApiProperty({
    example: 80,
    description: 'The agreed minimum (or, for a first response, the hours allowed)',
  })
  threshold!: number;

  @ApiProperty({
    example: 68.75,
    description: 'What was measured (for a first response: working hours taken so far)',
  })
  actual!: number;

  @ApiProperty({ format: 'date-time' })
  detectedAt!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The facts behind the actual' })
  details!: Record<string, unknown>;
}

export const AgreementKpiBreachPage = PageOf(AgreementKpiBreachDto);

export function mapAgreementKpiBreach(breach: AgreementKpiBreach): AgreementKpiBreachDto {
  return {
    id: breach.id,
    agreementId: breach.agreementId,
    vendorId: breach.vendorId,
    kpi: breach.kpi,
    period: breach.period,
    leadId: breach.leadId,
    threshold: breach.threshold,
    actual: breach.actual,
    detectedAt: breach.detectedAt.toISOString(),
    details: breach.details,
  };
}
