import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination/pagination';
import { PERIOD_KEY_PATTERN } from '../../common/period/period';
import { CURRENCY_PATTERN } from '../../common/money/money';
import type { SumCheck } from './target-tree.rules';
import type { TargetRevision } from './target-revision.entity';
import type { Target } from './target.entity';
import { METRIC_KIND, OwnerKind, SplitAxis, TargetMetric, TargetStatus, TargetTier } from './target.enums';
import { UuidField, TextField, EnumField, IntField } from '../../common/validation/fields';

/** The largest value a target holds: far below 2^53 minor units, so JSON numbers stay exact. */
export const MAX_TARGET_VALUE = 1e15;

const PERIOD_MESSAGE = {
  message: 'periodKey must be a period key such as 2026, 2026-Q3, 2026-07 or 2026-W05',
};
const VALUE_DESCRIPTION =
  'In the metric’s unit: minor units of `currency` for money metrics (revenue, bookings, sales_expense), ' +
  'whole numbers for counts, basis points for rates (10 000 = 100 %), whole days for avg_deal_cycle_days.';

export const queryBool = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class TargetValuesDto {
  @IntField({
    example: 120_000_000_00,
    description: `Base tier. ${VALUE_DESCRIPTION}`,
    minimum: 0,
    maximum: MAX_TARGET_VALUE,
  })
  baseValue!: number;

  @IntField({
    optional: true,
    nullable: true,
    example: 135_000_000_00,
    description: 'Stretch tier, at least base',
    minimum: 0,
    maximum: MAX_TARGET_VALUE,
  })
  stretchValue?: number | null;

  @IntField({
    optional: true,
    nullable: true,
    example: 150_000_000_00,
    description: 'Challenge tier, at least stretch',
    minimum: 0,
    maximum: MAX_TARGET_VALUE,
  })
  challengeValue?: number | null;
}

export class CreateTargetDto extends TargetValuesDto {
  @EnumField(TargetMetric, { enumName: 'TargetMetric', example: TargetMetric.REVENUE })
  metric!: TargetMetric;

  @ApiProperty({
    example: '2026',
    description: 'A year, quarter, month or ISO week: 2026, 2026-Q3, 2026-07, 2026-W05',
  })
  @IsString()
  @Matches(PERIOD_KEY_PATTERN, PERIOD_MESSAGE)
  periodKey!: string;

  @EnumField(OwnerKind, { enumName: 'TargetOwnerKind', example: OwnerKind.COMPANY })
  ownerKind!: OwnerKind;

  @UuidField({ optional: true, description: 'The sales unit, vendor or rep; left out for the company' })
  ownerId?: string;

  @UuidField({ optional: true, description: 'Narrows the target to a region' })
  regionId?: string;

  @TextField({ optional: true, example: 'manufacturing', maxLength: 60 })
  industryCode?: string;

  @UuidField({ optional: true })
  productLineId?: string;

  @ApiPropertyOptional({
    example: 'CNY',
    description: 'ISO 4217; required for money metrics, refused for others',
  })
  @IsOptional()
  @Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code such as CNY' })
  currency?: string;

  @ApiPropertyOptional({
    example: 1,
    description:
      'For rate children: the share of the base the rate is measured on (weighted-mean rule); default 1',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.000001)
  @Max(1e12)
  weight?: number;

  @UuidField({ optional: true, description: 'The target this one splits' })
  parentId?: string;

  @EnumField(SplitAxis, {
    optional: true,
    enumName: 'SplitAxis',
    description: 'The axis the parent is split along; needed for the parent’s first child, must match later',
  })
  splitAxis?: SplitAxis;

  @TextField({ optional: true, example: 'Last year +12 %, seasonal profile', maxLength: 500 })
  note?: string;
}

export class UpdateTargetDto {
  @IntField({ optional: true, minimum: 0, maximum: MAX_TARGET_VALUE })
  baseValue?: number;

  @IntField({ optional: true, nullable: true, minimum: 0, maximum: MAX_TARGET_VALUE })
  stretchValue?: number | null;

  @IntField({ optional: true, nullable: true, minimum: 0, maximum: MAX_TARGET_VALUE })
  challengeValue?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.000001)
  @Max(1e12)
  weight?: number;

  @UuidField({ optional: true, description: 'Moves the target under another parent (no cycles)' })
  parentId?: string;

  @TextField({ optional: true, maxLength: 500 })
  note?: string;

  @TextField({
    optional: true,
    example: 'Vendor lost its largest account in March',
    description: 'Why; required once the target is approved. Kept in the revision history.',
    minLength: 3,
    maxLength: 500,
  })
  reason?: string;
}

export class ListTargetsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026' })
  @IsOptional()
  @Matches(PERIOD_KEY_PATTERN, PERIOD_MESSAGE)
  periodKey?: string;

  @EnumField(TargetMetric, { optional: true, enumName: 'TargetMetric' })
  metric?: TargetMetric;

  @EnumField(OwnerKind, { optional: true, enumName: 'TargetOwnerKind' })
  ownerKind?: OwnerKind;

  @UuidField({ optional: true })
  ownerId?: string;

  @UuidField({ optional: true, description: 'Only the children of this target' })
  parentId?: string;

  @ApiPropertyOptional({ description: 'Only targets without a parent' })
  @IsOptional()
  @Transform(queryBool)
  @IsBoolean()
  rootsOnly?: boolean;
}

export class TargetDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: TargetMetric, enumName: 'TargetMetric' }) metric!: TargetMetric;
  @ApiProperty({ enum: ['money', 'count', 'rate', 'days'], description: 'What unit the values are in' })
  unit!: 'money' | 'count' | 'rate' | 'days';
  @ApiProperty({ example: '2026' }) periodKey!: string;
  @ApiProperty({ example: '2026-01-01' }) periodStart!: string;
  @ApiProperty({ example: '2027-01-01', description: 'The day after the last (half-open)' })
  periodEnd!: string;
  @ApiProperty({ enum: OwnerKind, enumName: 'TargetOwnerKind' }) ownerKind!: OwnerKind;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) ownerId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) regionId!: string | null;
  @ApiProperty({ type: String, nullable: true }) industryCode!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) productLineId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'CNY' }) currency!: string | null;
  @ApiProperty({ description: VALUE_DESCRIPTION }) baseValue!: number;
  @ApiProperty({ type: Number, nullable: true }) stretchValue!: number | null;
  @ApiProperty({ type: Number, nullable: true }) challengeValue!: number | null;
  @ApiProperty() weight!: number;
  @ApiProperty({ enum: TargetStatus, enumName: 'TargetStatus' }) status!: TargetStatus;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) parentId!: string | null;
  @ApiProperty({ enum: SplitAxis, enumName: 'SplitAxis', nullable: true }) splitAxis!: SplitAxis | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) approvedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) approvedAt!: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'The actual of the same node in the same period last year (imported or computed); null if unknown',
  })
  priorYearActual!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 12.5,
    description: 'Growth the base value asks for over it, %',
  })
  growthPercent!: number | null;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export const mapTargetWithPriorYear = (row: {
  target: Target;
  priorYearActual: number | null;
  growthPercent: number | null;
}) => mapTarget(row.target, row);

export const TargetPage = PageOf(TargetDto);

export function mapTarget(
  target: Target,
  prior: { priorYearActual: number | null; growthPercent: number | null } = {
    priorYearActual: null,
    growthPercent: null,
  },
): TargetDto {
  return {
    priorYearActual: prior.priorYearActual,
    growthPercent: prior.growthPercent,
    id: target.id,
    metric: target.metric,
    unit: METRIC_KIND[target.metric],
    periodKey: target.periodKey,
    periodStart: target.periodStart,
    periodEnd: target.periodEnd,
    ownerKind: target.ownerKind,
    ownerId: target.ownerId,
    regionId: target.regionId,
    industryCode: target.industryCode,
    productLineId: target.productLineId,
    currency: target.currency,
    baseValue: target.baseValue,
    stretchValue: target.stretchValue,
    challengeValue: target.challengeValue,
    weight: target.weight,
    status: target.status,
    parentId: target.parentId,
    splitAxis: target.splitAxis,
    note: target.note,
    approvedBy: target.approvedBy,
    approvedAt: target.approvedAt?.toISOString() ?? null,
    version: target.version,
    createdAt: target.createdAt.toISOString(),
    updatedAt: target.updatedAt.toISOString(),
  };
}

export class TierCheckDto {
  @ApiProperty({ enum: TargetTier, enumName: 'TargetTier' }) tier!: TargetTier;
  @ApiProperty() parent!: number;
  @ApiProperty({ description: 'Sum of the children (additive) or their rounded weighted mean (rates)' })
  children!: number;
  @ApiProperty({ description: 'children − parent', example: -500 }) difference!: number;
}

export class SumCheckDto {
  @ApiProperty({ enum: ['sum', 'weighted_mean'] }) rule!: 'sum' | 'weighted_mean';
  @ApiProperty() ok!: boolean;
  @ApiProperty() childCount!: number;
  @ApiProperty({ type: [TierCheckDto] }) tiers!: TierCheckDto[];
}

export const mapSumCheck = (check: SumCheck, childCount: number): SumCheckDto => ({ ...check, childCount });

export class TargetRevisionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The version the change replaced' }) fromVersion!: number;
  @ApiProperty({ format: 'date-time' }) revisedAt!: string;
  @ApiProperty({ format: 'uuid' }) revisedBy!: string;
  @ApiProperty() revisedByName!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { baseValue: 1000 } })
  before!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { baseValue: 1200 } })
  after!: Record<string, unknown>;
}

export const TargetRevisionPage = PageOf(TargetRevisionDto);

export function mapRevision(revision: TargetRevision): TargetRevisionDto {
  const { targetId: _targetId, ...rest } = revision;
  return { ...rest, revisedAt: revision.revisedAt.toISOString() };
}
