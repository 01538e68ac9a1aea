import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { Holiday } from './holiday.entity';
import { CalendarDayKind } from './working-days';
import { TextField, EnumField, DateField } from '../validation/fields';

const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

export const COUNTRY_CODE_PATTERN = /^[A-Z]{2}$/;

export class HolidayPathParams {
  @ApiProperty({ example: 'CN', description: 'ISO 3166-1 alpha-2 country code' })
  @Transform(upper)
  @Matches(COUNTRY_CODE_PATTERN, { message: 'countryCode must be an ISO 3166-1 alpha-2 code' })
  countryCode!: string;

  @DateField({ example: '2026-10-01' })
  date!: string;
}

export class PutHolidayDto {
  @TextField({ example: '国庆节 National Day', minLength: 1, maxLength: 200 })
  name!: string;

  @EnumField(CalendarDayKind, {
    enumName: 'CalendarDayKind',
    example: CalendarDayKind.HOLIDAY,
    description: '`holiday`: a day off; `workday`: a weekend day that is worked (调休 make-up day)',
  })
  kind!: CalendarDayKind;
}

export class ListHolidaysQuery {
  @ApiProperty({ example: 'HU' })
  @Transform(upper)
  @Matches(COUNTRY_CODE_PATTERN, { message: 'countryCode must be an ISO 3166-1 alpha-2 code' })
  countryCode!: string;

  @ApiProperty({ example: 2026, minimum: 2000, maximum: 2100 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class WorkingDaysQuery {
  @ApiProperty({ example: 'CN' })
  @Transform(upper)
  @Matches(COUNTRY_CODE_PATTERN, { message: 'countryCode must be an ISO 3166-1 alpha-2 code' })
  countryCode!: string;

  @DateField({ example: '2026-09-28' })
  from!: string;

  @DateField({ example: '2026-10-11', description: 'Inclusive; at most 366 days after `from`' })
  to!: string;
}

export class HolidayDto {
  @ApiProperty({ example: 'CN' })
  countryCode!: string;

  @ApiProperty({ example: '2026-10-01', format: 'date' })
  date!: string;

  @ApiProperty({ example: '国庆节 National Day' })
  name!: string;

  @ApiProperty({ enum: CalendarDayKind, enumName: 'CalendarDayKind' })
  kind!: CalendarDayKind;

  @ApiProperty({ example: 1 })
  version!: number;
}

export class WorkingDaysDto {
  @ApiProperty({ example: 'CN' })
  countryCode!: string;

  @ApiProperty({ example: '2026-09-28', format: 'date' })
  from!: string;

  @ApiProperty({ example: '2026-10-11', format: 'date' })
  to!: string;

  @ApiProperty({ example: 5 })
  count!: number;

  @ApiProperty({
    type: [String],
    example: ['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-09', '2026-10-10'],
  })
  dates!: string[];
}

export function mapHoliday(holiday: Holiday): HolidayDto {
  return {
    countryCode: holiday.countryCode,
    date: holiday.date,
    name: holiday.name,
    kind: holiday.kind,
    version: holiday.version,
  };
}
