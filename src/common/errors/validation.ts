import { ValidationError } from 'class-validator';
import { DomainException, FieldError } from './domain.exception';

/** Flattens class-validator's nested errors into `{ field: 'a.0.b', message }` pairs. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) result.push({ field, message });
    if (error.children?.length) result.push(...flattenValidationErrors(error.children, field));
  }
  return result;
}

export const validationExceptionFactory = (errors: ValidationError[]): DomainException =>
  DomainException.validation(flattenValidationErrors(errors));
