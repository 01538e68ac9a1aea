import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsInt,
  IsISO4217CurrencyCode,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination/pagination';
import { Bundle } from './bundle.entity';
import { ProductLine } from './product-line.entity';
import { Product } from './product.entity';

const MAX_MINOR = Number.MAX_SAFE_INTEGER;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value);
/** Query strings carry booleans as text. */
export const queryBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

// ---- product lines ----

export class CreateProductLineDto {
  @ApiProperty({ example: 'industrial-sensors', maxLength: 60, description: 'Stable code, unique' })
  @IsString()
  @Matches(CODE, { message: 'code may hold letters, digits, dot, dash and underscore' })
  @MaxLength(60)
  code!: string;

  @ApiProperty({ example: 'Industrial sensors', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({
    example: 'Pressure, flow and temperature sensors for factory lines',
    maxLength: 2000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateProductLineDto extends PartialType(
  PickType(CreateProductLineDto, ['name', 'description', 'active'] as const),
) {}

export class ListProductLinesQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  active?: boolean;
}

export class ProductLineDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'industrial-sensors' })
  code!: string;

  @ApiProperty({ example: 'Industrial sensors' })
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  description!: string | null;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ example: 1 })
  version!: number;
}

export const ProductLinePage = PageOf(ProductLineDto);

export function mapProductLine(line: ProductLine): ProductLineDto {
  return {
    id: line.id,
    code: line.code,
    name: line.name,
    description: line.description,
    active: line.active,
    createdAt: line.createdAt.toISOString(),
    version: line.version,
  };
}

// ---- products ----

export class CreateProductDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  productLineId!: string;

  @ApiProperty({ example: 'PS-200-CN', maxLength: 60 })
  @IsString()
  @Matches(CODE, { message: 'sku may hold letters, digits, dot, dash and underscore' })
  @MaxLength(60)
  sku!: string;

  @ApiProperty({ example: 'Pressure sensor PS-200', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'CNY', description: 'ISO 4217; fixed once created' })
  @Transform(upper)
  @IsISO4217CurrencyCode()
  currency!: string;

  @ApiProperty({
    example: 128000,
    description:
      'List price in minor units of the currency as ISO 4217 defines them: 2 decimals for CNY, EUR, USD ' +
      'and HUF (fillér, though HUF is priced in whole forints in practice), 0 for JPY. 128000 = 1280.00 CNY',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_MINOR)
  listPriceMinor!: number;

  @ApiProperty({ example: 99000, description: 'Lowest allowed selling price, minor units; ≤ list price' })
  @IsInt()
  @Min(0)
  @Max(MAX_MINOR)
  floorPriceMinor!: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateProductDto extends PartialType(
  PickType(CreateProductDto, ['name', 'listPriceMinor', 'floorPriceMinor', 'active'] as const),
) {}

export class ListProductsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  productLineId?: string;

  @ApiPropertyOptional({ example: 'CNY' })
  @IsOptional()
  @Transform(upper)
  @IsISO4217CurrencyCode()
  currency?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  active?: boolean;
}

export class ProductDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  productLineId!: string;

  @ApiProperty({ example: 'PS-200-CN' })
  sku!: string;

  @ApiProperty({ example: 'Pressure sensor PS-200' })
  name!: string;

  @ApiProperty({ example: 'CNY' })
  currency!: string;

  @ApiProperty({ example: 128000 })
  listPriceMinor!: number;

  @ApiProperty({ example: 99000 })
  floorPriceMinor!: number;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ example: 1 })
  version!: number;
}

export const ProductPage = PageOf(ProductDto);

export function mapProduct(product: Product): ProductDto {
  return {
    id: product.id,
    productLineId: product.productLineId,
    sku: product.sku,
    name: product.name,
    currency: product.currency,
    listPriceMinor: product.listPriceMinor,
    floorPriceMinor: product.floorPriceMinor,
    active: product.active,
    updatedAt: product.updatedAt.toISOString(),
    version: product.version,
  };
}

// ---- bundles ----

export class BundleItemInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  productId!: string;

  @ApiProperty({ example: 2, minimum: 1, maximum: 10000 })
  @IsInt()
  @Min(1)
  @Max(10000)
  quantity!: number;
}

export class CreateBundleDto {
  @ApiProperty({ example: 'LINE-MONITOR-KIT', maxLength: 60 })
  @IsString()
  @Matches(CODE, { message: 'sku may hold letters, digits, dot, dash and underscore' })
  @MaxLength(60)
  sku!: string;

  @ApiProperty({ example: 'Line monitoring kit', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'CNY', description: 'ISO 4217; every member must be priced in it' })
  @Transform(upper)
  @IsISO4217CurrencyCode()
  currency!: string;

  @ApiProperty({ example: 250000, description: 'Minor units; ≥ the sum of member floor prices × quantity' })
  @IsInt()
  @Min(0)
  @Max(MAX_MINOR)
  priceMinor!: number;

  @ApiProperty({ type: [BundleItemInput], minItems: 2, maxItems: 50 })
  @ValidateNested({ each: true })
  @Type(() => BundleItemInput)
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @ArrayUnique((item: BundleItemInput) => item.productId, { message: 'a product appears once per bundle' })
  items!: BundleItemInput[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateBundleDto extends PartialType(
  PickType(CreateBundleDto, ['name', 'priceMinor', 'items', 'active'] as const),
) {}

export class ListBundlesQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  active?: boolean;
}

export class BundleItemDto {
  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty({ example: 2 })
  quantity!: number;
}

export class BundleDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'LINE-MONITOR-KIT' })
  sku!: string;

  @ApiProperty({ example: 'Line monitoring kit' })
  name!: string;

  @ApiProperty({ example: 'CNY' })
  currency!: string;

  @ApiProperty({ example: 250000 })
  priceMinor!: number;

  @ApiProperty({ example: 230000, description: 'Sum of member floor prices × quantity, minor units' })
  floorSumMinor!: number;

  @ApiProperty({ type: [BundleItemDto] })
  items!: BundleItemDto[];

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ example: 1 })
  version!: number;
}

export const BundlePage = PageOf(BundleDto);

export interface BundleWithFloor {
  bundle: Bundle;
  floorSumMinor: number;
}

export function mapBundle({ bundle, floorSumMinor }: BundleWithFloor): BundleDto {
  return {
    id: bundle.id,
    sku: bundle.sku,
    name: bundle.name,
    currency: bundle.currency,
    priceMinor: bundle.priceMinor,
    floorSumMinor,
    items: (bundle.items ?? [])
      .map((item) => ({ productId: item.productId, quantity: item.quantity }))
      .sort((a, b) => a.productId.localeCompare(b.productId)),
    active: bundle.active,
    updatedAt: bundle.updatedAt.toISOString(),
    version: bundle.version,
  };
}
