import { ArgumentMetadata, HttpStatus, Injectable, Type, ValidationPipe } from '@nestjs/common';
import { DomainException, FieldError } from '../errors/domain.exception';
import { ErrorCode } from '../errors/error-codes';
import { validationExceptionFactory } from '../errors/validation';

// The metadata keys @nestjs/swagger stores for `@ApiProperty` (the contract the OpenAPI document shows).
const MODEL_PROPERTIES = 'swagger/apiModelPropertiesArray';
const MODEL_PROPERTY = 'swagger/apiModelProperties';

interface ModelProperty {
  nullable?: boolean;
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

/**
 * `null` is a value only where the contract says `nullable`: `@IsOptional()` lets a `null` through as if
 * the field were absent, and the service then writes it into a not-null column (a 500). Walks the body
 * along the DTO's documented properties, nested DTOs included.
 */
export function findUndeclaredNulls(value: unknown, type: unknown, parent = ''): FieldError[] {
  const properties = propertiesOf(type);
  if (!properties || typeof value !== 'object' || value === null) return [];
  const prototype = (type as Type).prototype as object;
  const errors: FieldError[] = [];
  for (const key of properties.map((name) => name.replace(/^:/, ''))) {
    const item = (value as Record<string, unknown>)[key];
    const field = parent ? `${parent}.${key}` : key;
    const declared = Reflect.getMetadata(MODEL_PROPERTY, prototype, key) as ModelProperty | undefined;
    if (item === null) {
      if (!declared?.nullable) errors.push({ field, message: 'must not be null' });
    } else if (Array.isArray(item)) {
      item.forEach((element, index) =>
        errors.push(...findUndeclaredNulls(element, declared?.type, `${field}.${index}`)),
      );
    } else {
      errors.push(...findUndeclaredNulls(item, declared?.type, field));
    }
  }
  return errors;
}

const NOT_VALIDATED: unknown[] = [String, Boolean, Number, Array, Object, Buffer, Date];

/**
 * The global validation pipe with two refusals the stock one lacks: a body that is not a JSON object
 * (`null`, an array, a number) where the route takes a DTO — the stock pipe reads `null` as `{}` — and a
 * `null` the contract does not allow.
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
        throw new DomainException(
          ErrorCode.BODY_NOT_AN_OBJECT,
          HttpStatus.BAD_REQUEST,
          'The request body must be a JSON object',
          [{ field: 'body', message: 'must be a JSON object' }],
        );
      }
      const nulls = findUndeclaredNulls(value, metatype);
      if (nulls.length) throw DomainException.validation(nulls);
    }
    return super.transform(value, metadata);
  }
}
