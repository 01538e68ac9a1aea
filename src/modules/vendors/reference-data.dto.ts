import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO31661Alpha2, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination/pagination';
import { INDUSTRIES } from './industries';
import { Region } from './region.entity';
import { SalesUnit } from './sales-unit.entity';
import { REGION_CODE_PATTERN, regionCodeMessage } from './region-code';
import { SalesUnitKind } from './vendor-enums';
import { UuidField, TextField, EnumField, upperCase } from '../../common/validation/fields';

// ---- regions ----

export class CreateRegionDto {
  @ApiProperty({
    example: 'CN-EAST',
    maxLength: 20,
    pattern: REGION_CODE_PATTERN.source,
    description:
      'Unique, upper case: the country, then up to three parts (CN, CN-GD, CN-EAST); starts with countryCode. Leads, contracts and rules name regions by this code.',
  })
  @Transform(upperCase)
  @IsString()
  @Matches(REGION_CODE_PATTERN, { message: regionCodeMessage('code') })
  @MaxLength(20)
  code!: string;

  @TextField({ example: 'East China (Shanghai, Jiangsu, Zhejiang)', minLength: 1, maxLength: 200 })
  name!: string;

  @ApiProperty({ example: 'CN', description: 'ISO 3166-1 alpha-2' })
  @Transform(upperCase)
  @IsISO31661Alpha2()
  countryCode!: string;

  @UuidField({ optional: true, description: 'The larger region this one lies in' })
  parentId?: string;
}

/** A region's code stays (records name it); its name and its place in the tree can change. */
export class UpdateRegionDto {
  @TextField({
    optional: true,
    example: 'East China (Shanghai, Jiangsu, Zhejiang, Anhui)',
    minLength: 1,
    maxLength: 200,
  })
  name?: string;

  @UuidField({
    optional: true,
    nullable: true,
    description: 'The larger region this one lies in, of the same country; null makes it a top-level region',
  })
  parentId?: string;
}

export class ListRegionsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'HU' })
  @IsOptional()
  @Transform(upperCase)
  @IsISO31661Alpha2()
  countryCode?: string;
}

export class RegionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'HU-BUD' })
  code!: string;

  @ApiProperty({ example: 'Budapest' })
  name!: string;

  @ApiProperty({ example: 'HU' })
  countryCode!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  parentId!: string | null;

  @ApiProperty({ example: 1 })
  version!: number;
}

export const RegionPage = PageOf(RegionDto);

export function mapRegion(region: Region): RegionDto {
  return {
    id: region.id,
    code: region.code,
    name: region.name,
    countryCode: region.countryCode,
    parentId: region.parentId,
    version: region.version,
  };
}

// ---- industries ----

export class IndustryDto {
  @ApiProperty({ example: 'manufacturing' })
  code!: string;

  @ApiProperty({ example: 'Manufacturing' })
  name!: string;
}

export const listIndustryDtos = (): IndustryDto[] => INDUSTRIES.map(({ code, name }) => ({ code, name }));

// ---- sales units ----

export class CreateSalesUnitDto {
  @ApiProperty({ example: 'cn-east-team-1', maxLength: 60 })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
    message: 'code may hold letters, digits, dot, dash, underscore',
  })
  @MaxLength(60)
  code!: string;

  @TextField({ example: 'East China team 1', minLength: 1, maxLength: 200 })
  name!: string;

  @EnumField(SalesUnitKind, { enumName: 'SalesUnitKind', example: SalesUnitKind.TEAM })
  kind!: SalesUnitKind;

  @UuidField({ optional: true, description: 'Parent unit; omit for the company root' })
  parentId?: string;
}

export class UpdateSalesUnitDto {
  @TextField({ optional: true, example: 'East China team 1', minLength: 1, maxLength: 200 })
  name?: string;

  @UuidField({ optional: true, description: 'Move the unit under another one' })
  parentId?: string;
}

export class ListSalesUnitsQuery extends PageQuery {
  @UuidField({ optional: true, description: 'Only the direct children of this unit' })
  parentId?: string;

  @EnumField(SalesUnitKind, { optional: true, enumName: 'SalesUnitKind' })
  kind?: SalesUnitKind;
}

export class SalesUnitDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'cn-east-team-1' })
  code!: string;

  @ApiProperty({ example: 'East China team 1' })
  name!: string;

  @ApiProperty({ enum: SalesUnitKind, enumName: 'SalesUnitKind' })
  kind!: SalesUnitKind;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  parentId!: string | null;

  @ApiProperty({ example: 1 })
  version!: number;
}

export const SalesUnitPage = PageOf(SalesUnitDto);

export function mapSalesUnit(unit: SalesUnit): SalesUnitDto {
  return {
    id: unit.id,
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    parentId: unit.parentId,
    version: unit.version,
  };
}
