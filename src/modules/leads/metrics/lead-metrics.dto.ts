import { ApiProperty } from '@nestjs/swagger';
import { IsDateString } from 'class-validator';
import { EnumField } from '../../../common/validation/fields';

export enum ConversionDimension {
  SOURCE = 'source',
  VENDOR = 'vendor',
  REP = 'rep',
  REGION = 'region',
  INDUSTRY = 'industry',
}

export class ConversionMetricsQuery {
  @ApiProperty({
    format: 'date',
    example: '2026-01-01',
    description: 'Leads taken in from this day (UTC), inclusive',
  })
  @IsDateString({ strict: true })
  from!: string;

  @ApiProperty({ format: 'date', example: '2027-01-01', description: 'Up to this day (UTC), exclusive' })
  @IsDateString({ strict: true })
  to!: string;

  @EnumField(ConversionDimension, { enumName: 'ConversionDimension', example: ConversionDimension.SOURCE })
  groupBy!: ConversionDimension;
}

export class ConversionRowDto {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'web_form',
    description: 'The group; null = not set',
  })
  key!: string | null;

  @ApiProperty({ example: 420, description: 'Leads taken in during the period' })
  intake!: number;

  @ApiProperty({ example: 37, description: 'Of those, won (whenever)' })
  won!: number;

  @ApiProperty({ example: 0.0881, description: 'won / intake, 4 decimals' })
  conversionRate!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 23.5,
    description: 'Average days from intake to won',
  })
  averageDaysToWon!: number | null;
}

export class ConversionMetricsDto {
  @ApiProperty({ enum: ConversionDimension, enumName: 'ConversionDimension' })
  groupBy!: ConversionDimension;

  @ApiProperty({ format: 'date' })
  from!: string;

  @ApiProperty({ format: 'date' })
  to!: string;

  @ApiProperty({ type: ConversionRowDto, description: 'All groups together' })
  total!: ConversionRowDto;

  @ApiProperty({ type: [ConversionRowDto], description: 'Largest intake first' })
  rows!: ConversionRowDto[];
}
