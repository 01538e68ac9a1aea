import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, Matches } from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination/pagination';
import {
  CurrencyField,
  DateField,
  EnumField,
  IntField,
  TextField,
  upperCase,
  UuidField,
} from '../../common/validation/fields';
import { FeedbackKind } from './knowledge.enums';
import { MarketFeedback } from './market-feedback.entity';
import { REGION_CODE_PATTERN, REGION_CODE_SCHEMA, regionCodeMessage } from '../vendors/region-code';

export class CreateMarketFeedbackDto {
  @EnumField(FeedbackKind, { enumName: 'FeedbackKind' })
  kind!: FeedbackKind;

  @TextField({ minLength: 1, maxLength: 2000, example: 'A Pannon Kft. ajánlata 8 %-kal olcsóbb volt.' })
  text!: string;

  @TextField({ optional: true, minLength: 1, maxLength: 200, example: 'Siemens' })
  competitorName?: string;

  @UuidField({ optional: true, description: 'A catalog product line (unknown: 422 PRODUCT_LINE_UNKNOWN)' })
  productLineId?: string;

  @ApiPropertyOptional({
    ...REGION_CODE_SCHEMA,
    example: 'HU-BUD',
    maxLength: 13,
    description: 'A region code of the company’s regions (unknown: 422 REGION_UNKNOWN); stored upper case',
  })
  @IsOptional()
  @Transform(upperCase)
  @Matches(REGION_CODE_PATTERN, { message: regionCodeMessage('regionCode') })
  regionCode?: string;

  @IntField({
    optional: true,
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    example: 1150000,
    description: 'The price observed, integer minor units of `currency` (both or neither)',
  })
  observedPriceMinor?: number;

  @CurrencyField({ optional: true, example: 'HUF' })
  currency?: string;

  @UuidField({ optional: true, description: 'A customer the vendor can see (else 422 CUSTOMER_UNKNOWN)' })
  customerId?: string;

  @DateField({
    optional: true,
    example: '2026-11-30',
    description: 'When it was seen or heard; default today (UTC)',
  })
  observedOn?: string;
}

export class ListMarketFeedbackQuery extends PageQuery {
  @EnumField(FeedbackKind, { optional: true, enumName: 'FeedbackKind' })
  kind?: FeedbackKind;

  @UuidField({ optional: true, description: 'Company roles: one vendor’s feedback' })
  vendorId?: string;

  @UuidField({ optional: true })
  productLineId?: string;

  @DateField({ optional: true, description: 'Observed on or after this day' })
  from?: string;

  @DateField({ optional: true, description: 'Observed on or before this day' })
  to?: string;
}

export class MarketFeedbackDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Set when a rep reported it' })
  repId!: string | null;

  @ApiProperty({ enum: FeedbackKind, enumName: 'FeedbackKind' })
  kind!: FeedbackKind;

  @ApiProperty()
  text!: string;

  @ApiProperty({ type: String, nullable: true })
  competitorName!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  productLineId!: string | null;

  @ApiProperty({ type: String, nullable: true, ...REGION_CODE_SCHEMA })
  regionCode!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  observedPriceMinor!: number | null;

  @ApiProperty({ type: String, nullable: true })
  currency!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  customerId!: string | null;

  @ApiProperty({ format: 'date', example: '2026-11-30' })
  observedOn!: string;

  @ApiProperty()
  createdAt!: string;
}

export class MarketFeedbackPage extends PageOf(MarketFeedbackDto) {}

export function mapMarketFeedback(row: MarketFeedback): MarketFeedbackDto {
  return {
    id: row.id,
    vendorId: row.vendorId,
    repId: row.repId,
    kind: row.kind,
    text: row.text,
    competitorName: row.competitorName,
    productLineId: row.productLineId,
    regionCode: row.regionCode,
    observedPriceMinor: row.observedPriceMinor,
    currency: row.currency,
    customerId: row.customerId,
    observedOn: row.observedOn,
    createdAt: row.createdAt.toISOString(),
  };
}
