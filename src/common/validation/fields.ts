import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsISO4217CurrencyCode,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsCalendarDate } from './validation-helpers';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Field decorators that say each fact once: the same options feed the validator and the OpenAPI
 * schema, so a limit cannot be checked at one value and documented at another. `optional: true`
 * makes the field optional in both (class-validator's IsOptional also lets `null` through; a DTO
 * that must refuse null says so with `refuseNulls`).
 */
type Common = Omit<ApiPropertyOptions, 'type' | 'enum' | 'required' | 'minLength' | 'maxLength'> & {
  optional?: boolean;
};

type SchemaOptions = Record<string, unknown>;

function field(
  schema: SchemaOptions,
  { optional, ...docs }: Common,
  validators: PropertyDecorator[],
): PropertyDecorator {
  const options = { ...schema, ...docs } as ApiPropertyOptions;
  return applyDecorators(
    optional ? ApiPropertyOptional(options) : ApiProperty(options),
    ...(optional ? [IsOptional()] : []),
    ...validators,
  );
}

/** A UUID (any version), documented as `format: uuid`. */
export const UuidField = (options: Common = {}): PropertyDecorator =>
  field({ format: 'uuid' }, options, [IsUUID()]);

/** One value of a TypeScript enum, with the enum named in the contract so generated clients share it. */
export const EnumField = (
  enumType: Record<string, string | number>,
  { enumName, ...options }: Common & { enumName: string },
): PropertyDecorator => field({ enum: enumType, enumName }, options, [IsEnum(enumType)]);

/** Text with length limits (`minLength` is optional; `maxLength` is required: every text is bounded). */
export const TextField = ({
  minLength,
  maxLength,
  ...options
}: Common & { minLength?: number; maxLength: number }): PropertyDecorator =>
  field({ ...(minLength === undefined ? {} : { minLength }), maxLength }, options, [
    IsString(),
    ...(minLength === undefined ? [] : [MinLength(minLength)]),
    MaxLength(maxLength),
  ]);

/** A whole number within bounds; money amounts in minor units are whole numbers too. */
export const IntField = ({
  minimum,
  maximum,
  ...options
}: Omit<Common, 'minimum' | 'maximum'> & { minimum: number; maximum: number }): PropertyDecorator =>
  field({ type: 'integer', minimum, maximum }, options, [IsInt(), Min(minimum), Max(maximum)]);

/** A finite number within bounds (no NaN, no Infinity). */
export const NumberField = ({
  minimum,
  maximum,
  ...options
}: Omit<Common, 'minimum' | 'maximum'> & { minimum: number; maximum: number }): PropertyDecorator =>
  field({ type: 'number', minimum, maximum }, options, [
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(minimum),
    Max(maximum),
  ]);

/** true or false in a JSON body. */
export const BooleanField = (options: Common = {}): PropertyDecorator =>
  field({ type: Boolean }, options, [IsBoolean()]);

/** Query strings carry booleans as text: `true` or `false`; anything else is left for IsBoolean to refuse. */
export const queryBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export const QueryBooleanField = (options: Common = {}): PropertyDecorator =>
  field({ type: Boolean }, options, [Transform(queryBoolean), IsBoolean()]);

/** A calendar day as YYYY-MM-DD that exists. */
export const DateField = (options: Common = {}): PropertyDecorator =>
  field({ type: String, format: 'date' }, options, [IsCalendarDate()]);

/** An instant as RFC 3339 date-time with its offset (`2026-07-01T08:00:00Z`, `…+08:00`); no bare dates. */
export const DateTimeField = (options: Common = {}): PropertyDecorator =>
  field({ type: String, format: 'date-time' }, options, [
    Matches(DATE_TIME, {
      message: '$property must be a date-time with an offset, e.g. 2026-07-01T08:00:00Z',
    }),
    IsISO8601({ strict: true }, { message: '$property must be a real date-time' }),
  ]);

/** Codes arrive in any case and are stored upper case. */
export const upperCase = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.toUpperCase() : value;

/** An ISO 4217 currency code, upper-cased before it is checked. */
export const CurrencyField = (options: Common = {}): PropertyDecorator =>
  field({ type: String, minLength: 3, maxLength: 3 }, options, [
    Transform(upperCase),
    IsISO4217CurrencyCode(),
  ]);
