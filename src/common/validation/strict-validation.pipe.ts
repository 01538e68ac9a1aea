import { ArgumentMetadata, Injectable, Type, ValidationPipe } from '@nestjs/common';
import { DomainException, FieldError } from '../errors/domain.exception';
import { ErrorCode } from '../errors/error-codes';
import { validationExceptionFactory } from '../errors/validation';

// The metadata keys @nestjs/swagger stores for `@ApiProperty` (the contract the OpenAPI document shows).
const MODEL_PROPERTIES = 'swagger/apiModelPropertiesArray';
const MODEL_PROPERTY = 'swagger/apiModelProperties';

interface ModelProperty {
  nullable?: boolean;
  required?: boolean;
  isArray?: boolean;
  format?: string;
  type?: unknown;
}

/** The documented properties of a DTO class; undefined for anything else (primitives, lazy type thunks). */
function propertiesOf(type: unknown): string[] | undefined {
  if (typeof type !== 'function') return undefined;
  const prototype = (type as Type).prototype as object | undefined;
  return typeof prototype === 'object'
    ? (Reflect.getMetadata(MODEL_PROPERTIES, prototype) as string[] | undefined)
    : undefined;
}

const isPlainObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What one documented property's raw JSON value breaks of the contract, if anything. */
function propertyViolation(item: unknown, declared: ModelProperty): string | undefined {
  if (item === null) return declared.nullable ? undefined : 'must not be null';
  const nested = propertiesOf(declared.type) !== undefined;
  if (item === undefined) {
    // A nested object the contract requires (a pool's reclaim windows) was otherwise stored as `{}`.
    return nested && declared.required !== false ? 'is required' : undefined;
  }
  if (nested && !declared.isArray && !isPlainObject(item)) return 'must be an object';
  // `@Type(() => Date)` turns `true` into 1970 and `0` into the epoch: a date arrives as a string.
  const isDate = declared.type === Date || declared.format === 'date-time' || declared.format === 'date';
  if (isDate && !declared.isArray && typeof item !== 'string') return 'must be an ISO 8601 date string';
  return undefined;
}

/**
 * The raw body checked against what its contract (the `@ApiProperty` metadata the OpenAPI document is
 * built from) says, where class-validator alone lets a wrong value through: `null` is a value only where
 * `nullable` (`@IsOptional()` lets a `null` through, and the service then writes it into a not-null
 * column: a 500); a nested object must be an object (`[]` passed `@ValidateNested()` and was dropped or
 * stored as `{}`) and present when required; a date must be a string. Walks nested DTOs too.
 */
export function findContractViolations(value: unknown, type: unknown, parent = ''): FieldError[] {
  const properties = propertiesOf(type);
  if (!properties || !isPlainObject(value)) return [];
  const prototype = (type as Type).prototype as object;
  const errors: FieldError[] = [];
  for (const key of properties.map((name) => name.replace(/^:/, ''))) {
    const item = (value as Record<string, unknown>)[key];
    const field = parent ? `${parent}.${key}` : key;
    const declared = (Reflect.getMetadata(MODEL_PROPERTY, prototype, key) ?? {}) as ModelProperty;
    const message = propertyViolation(item, declared);
    if (message) errors.push({ field, message });
    else if (Array.isArray(item)) {
      item.forEach((element, index) =>
        errors.push(...findContractViolations(element, declared.type, `${field}.${index}`)),
      );
    } else errors.push(...findContractViolations(item, declared.type, field));
  }
  return errors;
}

const NOT_VALIDATED: unknown[] = [String, Boolean, Number, Array, Object, Buffer, Date];

/**
 * The global validation pipe with two refusals the stock one lacks: a body that is not a JSON object
 * (`null`, an array, a number) where the route takes a DTO — the stock pipe reads `null` as `{}` — and a
 * value the contract does not allow (see {@link findContractViolations}).
 */
@Injectable()
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      exceptionFactory: validationExceptionFactory,
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype, type } = metadata;
    if (type === 'body' && metatype && !NOT_VALIDATED.includes(metatype) && value !== undefined) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new DomainException(ErrorCode.BODY_NOT_AN_OBJECT, 'The request body must be a JSON object', [
          { field: 'body', message: 'must be a JSON object' },
        ]);
      }
      const violations = findContractViolations(value, metatype);
      if (violations.length) throw DomainException.validation(violations);
    }
    return super.transform(value, metadata);
  }
}
