import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNumber,
  IsPositive,
  Max,
  ValidateNested,
} from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination/pagination';
import type { ExchangeRate } from './exchange-rate.entity';
import { DateField, CurrencyField } from '../../common/validation/fields';

export const MAX_RATE_ROWS = 5000;

export class ExchangeRateInputDto {
  @DateField({ example: '2026-11-30', description: 'The day the rate holds from' })
  rateOn!: string;

  @CurrencyField({ example: 'EUR' })
  fromCurrency!: string;

  @CurrencyField({ example: 'CNY' })
  toCurrency!: string;

  @ApiProperty({ example: 7.7512, description: '1 fromCurrency = rate toCurrency (major units); above 0' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 10 })
  @IsPositive()
  @Max(1e9)
  rate!: number;
}

export class ImportExchangeRatesDto {
  @ApiProperty({
    type: [ExchangeRateInputDto],
    maxItems: MAX_RATE_ROWS,
    description: 'Rows for an existing (day, from, to) replace its rate',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RATE_ROWS)
  @ValidateNested({ each: true })
  @Type(() => ExchangeRateInputDto)
  rows!: ExchangeRateInputDto[];
}

export class ImportExchangeRatesResultDto {
  @ApiProperty({ example: 12, description: 'Rows stored (new or replaced)' })
  stored!: number;
}

export class ListExchangeRatesQuery extends PageQuery {
  @CurrencyField({ optional: true, example: 'EUR' })
  fromCurrency?: string;

  @CurrencyField({ optional: true, example: 'CNY' })
  toCurrency?: string;

  @DateField({ optional: true, example: '2026-11-30', description: 'Rates of this day or earlier' })
  onOrBefore?: string;
}

export class ExchangeRateDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date', example: '2026-11-30' })
  rateOn!: string;

  @ApiProperty({ example: 'EUR' })
  fromCurrency!: string;

  @ApiProperty({ example: 'CNY' })
  toCurrency!: string;

  @ApiProperty({ example: 7.7512 })
  rate!: number;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export const ExchangeRatePage = PageOf(ExchangeRateDto);

export function mapExchangeRate(row: ExchangeRate): ExchangeRateDto {
  return {
    id: row.id,
    rateOn: row.rateOn,
    fromCurrency: row.fromCurrency,
    toCurrency: row.toCurrency,
    rate: Number(row.rate),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export class MoneySettingsDto {
  @ApiProperty({
    example: 'CNY',
    description: 'The one currency reports convert into where they need one total',
  })
  reportingCurrency!: string;

  @ApiProperty({ example: 1, description: 'Send back as If-Match (also the ETag) to update' })
  version!: number;
}

export class UpdateMoneySettingsDto {
  @CurrencyField({ example: 'EUR' })
  reportingCurrency!: string;
}

export class RateUsedDto {
  @ApiProperty({ example: 'HUF' })
  fromCurrency!: string;

  @ApiProperty({ example: 'CNY' })
  toCurrency!: string;

  @ApiProperty({ format: 'date', example: '2026-11-30', description: 'The day of the rate used' })
  rateOn!: string;

  @ApiProperty({ example: 0.0198 })
  rate!: number;
}

export class ConvertedTotalDto {
  @ApiProperty({ example: 'CNY', description: 'The reporting currency' })
  currency!: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 948000,
    description: 'The sum in the reporting currency; null when a currency has no rate on or before the day',
  })
  amountMinor!: number | null;

  @ApiProperty({ type: [RateUsedDto], description: 'Every rate used, with its day' })
  rates!: RateUsedDto[];

  @ApiProperty({ type: [String], example: [], description: 'Currencies with no rate on or before the day' })
  missingRates!: string[];
}
