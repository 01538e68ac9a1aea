import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day as `YYYY-MM-DD` that exists (no 2026-02-30). */
export const IsCalendarDate = (): PropertyDecorator =>
  applyDecorators(
    Matches(CALENDAR_DATE, { message: '$property must be a date as YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date' }),
  );

/** Today's date (UTC) as YYYY-MM-DD. */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);
