import { ApiProperty, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination/pagination';
import { Bundle } from './bundle.entity';
import { ProductLine } from './product-line.entity';
import { Product } from './product.entity';
import {
  UuidField,
  TextField,
  IntField,
  BooleanField,
  QueryBooleanField,
  CurrencyField,
} from '../../common/validation/fields';

const MAX_MINOR = Number.MAX_SAFE_INTEGER;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

// ---- product lines ----

export class CreateProductLineDto {
  @ApiProperty({ example: 'industrial-sensors', maxLength: 60, description: 'Stable code, unique' })
  @IsString()
  @Matches(CODE, { message: 'code may hold letters, digits, dot, dash and underscore' })
  @MaxLength(60)
  code!: string;

  @TextField({ example: 'Industrial sensors', minLength: 1, maxLength: 200 })
  name!: string;

  @TextField({
    optional: true,
    example: 'Pressure, flow and temperature sensors for factory lines',
    maxLength: 2000,
  })
  description?: string;

  @BooleanField({ optional: true, default: true })
  active?: boolean;
}

export class UpdateProductLineDto extends PartialType(
  PickType(CreateProductLineDto, ['name', 'description', 'active'] as const),
) {}

export class ListProductLinesQuery extends PageQuery {
  @QueryBooleanField({ optional: true })
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
  @UuidField()
  productLineId!: string;

  @ApiProperty({ example: 'PS-200-CN', maxLength: 60 })
  @IsString()
  @Matches(CODE, { message: 'sku may hold letters, digits, dot, dash and underscore' })
  @MaxLength(60)
  sku!: string;

  @TextField({ example: 'Pressure sensor PS-200', minLength: 1, maxLength: 200 })
  name!: string;

  @CurrencyField({ example: 'CNY', description: 'ISO 4217; fixed once created' })
  currency!: string;

  @IntField({
    example: 128000,
    description:
      'List price in minor units of the currency as ISO 4217 defines them: 2 decimals for CNY, EUR, USD ' +
      'and HUF (fillér, though HUF is priced in whole forints in practice), 0 for JPY. 128000 = 1280.00 CNY',
    minimum: 0,
    maximum: MAX_MINOR,
  })
  listPriceMinor!: number;

  @IntField({
    example: 99000,
    description: 'Lowest allowed selling price, minor units; ≤ list price',
    minimum: 0,
    maximum: MAX_MINOR,
  })
  floorPriceMinor!: number;

  @BooleanField({ optional: true, default: true })
  active?: boolean;
}

export class UpdateProductDto extends PartialType(
  PickType(CreateProductDto, ['name', 'listPriceMinor', 'floorPriceMinor', 'active'] as const),
) {}

export class ListProductsQuery extends PageQuery {
  @UuidField({ optional: true })
  productLineId?: string;

  @CurrencyField({ optional: true, example: 'CNY' })
  currency?: string;

  @QueryBooleanField({ optional: true })
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
  @UuidField()
  productId!: string;

  @IntField({ example: 2, minimum: 1, maximum: 10000 })
  quantity!: number;
}

export class CreateBundleDto {
  @ApiProperty({ example: 'LINE-MONITOR-KIT', maxLength: 60 })
  @IsString()
  @Matches(CODE, { message: 'sku may hold letters, digits, dot, dash and underscore' })
  @MaxLength(60)
  sku!: string;

  @TextField({ example: 'Line monitoring kit', minLength: 1, maxLength: 200 })
  name!: string;

  @CurrencyField({ example: 'CNY', description: 'ISO 4217; every member must be priced in it' })
  currency!: string;

  @IntField({
    example: 250000,
    description: 'Minor units; ≥ the sum of member floor prices × quantity',
    minimum: 0,
    maximum: MAX_MINOR,
  })
  priceMinor!: number;

  @ApiProperty({ type: [BundleItemInput], minItems: 2, maxItems: 50 })
  @ValidateNested({ each: true })
  @Type(() => BundleItemInput)
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @ArrayUnique((item: BundleItemInput) => item.productId, { message: 'a product appears once per bundle' })
  items!: BundleItemInput[];

  @BooleanField({ optional: true, default: true })
  active?: boolean;
}

export class UpdateBundleDto extends PartialType(
  PickType(CreateBundleDto, ['name', 'priceMinor', 'items', 'active'] as const),
) {}

export class ListBundlesQuery extends PageQuery {
  @QueryBooleanField({ optional: true })
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
