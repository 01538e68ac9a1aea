import { ValueTransformer } from 'typeorm';

/**
 * `bigint` columns arrive from pg as strings. Money in minor units stays far below 2^53, so it is safe
 * to expose as a JSON number.
 */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
