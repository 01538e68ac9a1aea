import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import type { DistributionProfile } from './distribution-profile.entity';
import { DecompositionMethod, OwnerKind, SplitAxis, TargetMetric } from './target.enums';
import { UuidField, TextField, EnumField } from '../../common/validation/fields';

export class DecompositionChildDto {
  @EnumField(OwnerKind, {
    optional: true,
    enumName: 'TargetOwnerKind',
    description: 'Org axis: the child owner',
  })
  ownerKind?: OwnerKind;

  @UuidField({ optional: true })
  ownerId?: string;

  @UuidField({ optional: true, description: 'Region axis' })
  regionId?: string;

  @TextField({ optional: true, description: 'Industry axis', maxLength: 60 })
  industryCode?: string;

  @UuidField({ optional: true, description: 'Product-line axis' })
  productLineId?: string;

  @ApiPropertyOptional({ example: 3, description: 'Method `weights`: this child’s weight (≥ 0)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e12)
  weight?: number;
}

export class DecompositionStepDto {
  @EnumField(SplitAxis, { enumName: 'SplitAxis' })
  axis!: SplitAxis;

  @EnumField(DecompositionMethod, {
    enumName: 'DecompositionMethod',
    description:
      'even; weights (each child’s `weight`); profile (time axis, a named percent-per-month profile); ' +
      'prior_year_share (each child’s actual in the same period last year); rep_grade (routing’s grade weights ' +
      'A 4, B 3, C 2, D 1); rep_capacity; rep_history (each rep’s actual over the 12 months before the period)',
  })
  method!: DecompositionMethod;

  @ApiPropertyOptional({ enum: ['quarter', 'month'], description: 'Time axis: split into these periods' })
  @IsOptional()
  @IsIn(['quarter', 'month'])
  periodKind?: 'quarter' | 'month';

  @ApiPropertyOptional({
    enum: ['vendor', 'rep'],
    description:
      'Org axis: every vendor (or active rep) under the parent’s owner, instead of listing children',
  })
  @IsOptional()
  @IsIn(['vendor', 'rep'])
  everyNodeBelow?: 'vendor' | 'rep';

  @ApiPropertyOptional({ type: [DecompositionChildDto], maxItems: 5000 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => DecompositionChildDto)
  children?: DecompositionChildDto[];

  @UuidField({ optional: true, description: 'Method `profile`' })
  profileId?: string;
}

export class DecomposeTargetDto {
  @ApiProperty({
    enum: ['preview', 'save'],
    description: 'preview writes nothing; save writes every child in one transaction',
  })
  @IsIn(['preview', 'save'])
  mode!: 'preview' | 'save';

  @ApiProperty({
    type: [DecompositionStepDto],
    minItems: 1,
    maxItems: 2,
    description:
      'One split, or two: the second splits every child of the first (e.g. months, then each month to vendors)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @ValidateNested({ each: true })
  @Type(() => DecompositionStepDto)
  steps!: DecompositionStepDto[];
}

export class DecomposedTargetDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'Null in a preview' }) id!:
    string | null;
  @ApiProperty({ enum: TargetMetric, enumName: 'TargetMetric' }) metric!: TargetMetric;
  @ApiProperty() periodKey!: string;
  @ApiProperty({ enum: OwnerKind, enumName: 'TargetOwnerKind' }) ownerKind!: OwnerKind;
  @ApiProperty({ type: String, nullable: true }) ownerId!: string | null;
  @ApiProperty({ type: String, nullable: true }) regionId!: string | null;
  @ApiProperty({ type: String, nullable: true }) industryCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) productLineId!: string | null;
  @ApiProperty({ type: String, nullable: true }) currency!: string | null;
  @ApiProperty() baseValue!: number;
  @ApiProperty({ type: Number, nullable: true }) stretchValue!: number | null;
  @ApiProperty({ type: Number, nullable: true }) challengeValue!: number | null;
  @ApiProperty({ description: 'The weight the method gave this child' }) shareWeight!: number;
  @ApiProperty({ type: () => [DecomposedTargetDto] }) children!: DecomposedTargetDto[];
}

export class DecompositionResultDto {
  @ApiProperty() saved!: boolean;
  @ApiProperty({ format: 'uuid' }) parentId!: string;
  @ApiProperty({ type: [DecomposedTargetDto] }) children!: DecomposedTargetDto[];
}

export class CreateDistributionProfileDto {
  @TextField({ example: 'Seasonal year (Q4 heavy)', minLength: 1, maxLength: 100 })
  name!: string;

  @TextField({ optional: true, maxLength: 500 })
  description?: string;

  @ApiProperty({
    type: [Number],
    example: [600, 600, 800, 800, 900, 900, 700, 700, 900, 1000, 1000, 1100],
    description: 'Hundredths of a percent for January … December; they must add up to 10 000 (100 %)',
  })
  @IsArray()
  @ArrayMinSize(12)
  @ArrayMaxSize(12)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(10_000, { each: true })
  monthShares!: number[];
}

export class DistributionProfileDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: [Number] }) monthShares!: number[];
  @ApiProperty() version!: number;
}

export class DistributionProfileListDto {
  @ApiProperty({ type: [DistributionProfileDto] }) data!: DistributionProfileDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export const mapProfile = (profile: DistributionProfile): DistributionProfileDto => ({
  id: profile.id,
  name: profile.name,
  description: profile.description,
  monthShares: profile.monthShares,
  version: profile.version,
});
