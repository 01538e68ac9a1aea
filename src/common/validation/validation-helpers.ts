import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';
import { DomainException } from '../errors/domain.exception';

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day as `YYYY-MM-DD` that exists (no 2026-02-30). */
export const IsCalendarDate = (): PropertyDecorator =>
  applyDecorators(
    Matches(CALENDAR_DATE, { message: '$property must be a date as YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date' }),
  );

/** Today's date (UTC) as YYYY-MM-DD. */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/**
 * In a partial update `null` clears a field; for fields that cannot be empty it is refused here
 * (400), instead of reaching a NOT NULL constraint.
 */
export function refuseNulls(input: object, clearable: readonly string[]): void {
  const errors = Object.entries(input)
    .filter(([key, value]) => value === null && !clearable.includes(key))
    .map(([field]) => ({ field, message: 'cannot be null' }));
  if (errors.length) throw DomainException.validation(errors);
}
