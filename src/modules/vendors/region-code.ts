/**
 * The one rule for region codes, for the regions themselves and for every record that names one (leads,
 * contracts, routing rules, market feedback): the ISO 3166-1 country, then up to three segments of letters
 * and digits — `CN`, `CN-GD`, `CN-EAST`, `HU-BUD-XI`. A region's code starts with its own country.
 */
export const REGION_CODE_PATTERN = /^[A-Z]{2}(-[A-Z0-9]{1,10}){0,3}$/;

export const regionCodeMessage = (field: string): string =>
  `${field} must be a region code such as CN-GD or CN-EAST (country, then up to three parts)`;

/**
 * How the contract declares a region code, in requests and answers alike: spread into `@ApiProperty`, so
 * every field that names a region shows the same pattern the server validates with.
 */
export const REGION_CODE_SCHEMA = { pattern: REGION_CODE_PATTERN.source, example: 'CN-GD' } as const;
