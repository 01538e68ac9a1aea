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

/** One documented property of a DTO class, read from its metadata once per class (see {@link contractOf}). */
interface ContractProperty {
  key: string;
  declared: ModelProperty;
  /** The declared type is itself a documented DTO (walked into). */
  nested: boolean;
  isDate: boolean;
}

const contracts = new WeakMap<object, ContractProperty[] | null>();

/**
 * The documented properties of a DTO class with their metadata, computed on first use and kept: the
 * metadata is fixed once the classes are loaded, and reading it per element (`Reflect.getMetadata`
 * walks the prototype chain) was most of this check's cost on a 10 000-row import.
 */
function contractOf(type: unknown): ContractProperty[] | undefined {
  if (typeof type !== 'function') return undefined;
  const known = contracts.get(type);
  if (known !== undefined) return known ?? undefined;
  const properties = propertiesOf(type);
  const prototype = (type as Type).prototype as object;
  const contract = properties?.map((name): ContractProperty => {
    const key = name.replace(/^:/, '');
    const declared = (Reflect.getMetadata(MODEL_PROPERTY, prototype, key) ?? {}) as ModelProperty;
    return {
      key,
      declared,
      nested: propertiesOf(declared.type) !== undefined,
      isDate: declared.type === Date || declared.format === 'date-time' || declared.format === 'date',
    };
  });
  contracts.set(type, contract ?? null);
  return contract;
}

/** What one documented property's raw JSON value breaks of the contract, if anything. */
function propertyViolation(item: unknown, property: ContractProperty): string | undefined {
  const { declared, nested } = property;
  if (item === null) return declared.nullable ? undefined : 'must not be null';
  if (item === undefined) {
    // A nested object the contract requires (a pool's reclaim windows) was otherwise stored as `{}`.
    return nested && declared.required !== false ? 'is required' : undefined;
  }
  if (nested && !declared.isArray && !isPlainObject(item)) return 'must be an object';
  // `@Type(() => Date)` turns `true` into 1970 and `0` into the epoch: a date arrives as a string.
  if (property.isDate && !declared.isArray && typeof item !== 'string')
    return 'must be an ISO 8601 date string';
  return undefined;
}

/**
 * The raw body checked against what its contract (the `@ApiProperty` metadata the OpenAPI document is
 * built from) says, where class-validator alone lets a wrong value through: `null` is a value only where
 * `nullable` (`@IsOptional()` lets a `null` through, and the service then writes it into a not-null
 * column: a 500); a nested object must be an object (`[]` passed `@ValidateNested()` and was dropped or
 * stored as `{}`) and present when required; a date must be a string. Walks nested DTOs too.
 */
export function findContractViolations(
  value: unknown,
  type: unknown,
  parent = '',
  errors: FieldError[] = [],
): FieldError[] {
  const contract = contractOf(type);
  if (!contract || !isPlainObject(value)) return errors;
  for (const property of contract) {
    const item = (value as Record<string, unknown>)[property.key];
    const message = propertyViolation(item, property);
    // The field path is built only for a violation or a walk into a nested DTO, not for every leaf.
    if (message) errors.push({ field: parent ? `${parent}.${property.key}` : property.key, message });
    else if (!property.nested) continue;
    else if (Array.isArray(item)) {
      const field = parent ? `${parent}.${property.key}` : property.key;
      for (let index = 0; index < item.length; index++)
        findContractViolations(item[index], property.declared.type, `${field}.${index}`, errors);
    } else
      findContractViolations(
        item,
        property.declared.type,
        parent ? `${parent}.${property.key}` : property.key,
        errors,
      );
  }
  return errors;
}

/**
 * The contract check of {@link findContractViolations} for import rows whose schema is a choice (OSM's
 * own row, or another system's record under a mapping): the pipe cannot walk into them, so the service
 * runs it on the rows it reads as OSM rows, naming `rows.N.<field>` as the pipe would.
 */
export function rowContractViolations(rows: unknown[], rowType: Type<unknown>): FieldError[] {
  const errors: FieldError[] = [];
  rows.forEach((row, index) => findContractViolations(row, rowType, `rows.${index}`, errors));
  return errors;
}

const NOT_VALIDATED: unknown[] = [String, Boolean, Number, Array, Object, Buffer, Date];

const ROWS_CHECKED_BY_SERVICE = Symbol('rowsCheckedByService');

/**
 * Marks a DTO's array of rows that the service checks by hand (a batch's rows): the pipe still checks the
 * array itself (its size) and the rows against the contract, but does not copy every row through
 * class-transformer — most of the pipe's cost on a 1 000-row batch, for rows that stay plain objects.
 */
export function RowsCheckedByService(): PropertyDecorator {
  return (target, key) => {
    const keys = (Reflect.getOwnMetadata(ROWS_CHECKED_BY_SERVICE, target) as string[] | undefined) ?? [];
    Reflect.defineMetadata(ROWS_CHECKED_BY_SERVICE, [...keys, String(key)], target);
  };
}

function rowsCheckedByService(metatype: Type): string[] | undefined {
  return Reflect.getMetadata(ROWS_CHECKED_BY_SERVICE, metatype.prototype as object) as string[] | undefined;
}

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
      const rowKeys = rowsCheckedByService(metatype);
      if (rowKeys) return this.transformAroundRows(value as Record<string, unknown>, rowKeys, metadata);
    }
    return super.transform(value, metadata);
  }

  /**
   * The DTO is built and validated with each row array replaced by a stand-in of the same length, then the
   * rows, stripped of prototype keys as the stock pipe strips them, are put back as they came.
   */
  private async transformAroundRows(
    value: Record<string, unknown>,
    rowKeys: readonly string[],
    metadata: ArgumentMetadata,
  ): Promise<unknown> {
    const rows = new Map<string, unknown[]>();
    const standIn = { ...value };
    for (const key of rowKeys) {
      const items = value[key];
      if (!Array.isArray(items)) continue;
      this.stripProtoKeys(items);
      rows.set(key, items);
      standIn[key] = new Array<null>(items.length).fill(null);
    }
    const dto = (await super.transform(standIn, metadata)) as Record<string, unknown>;
    for (const [key, items] of rows) dto[key] = items;
    return dto;
  }
}
