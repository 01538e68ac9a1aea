import type { Type as Class } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsInt,
  IsISO4217CurrencyCode,
  IsOptional,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { DedupeKey } from '../lead.enums';
import { LeadInputDto } from '../leads.dto';
import { REGION_CODE_PATTERN, regionCodeMessage } from '../../vendors/region-code';
import { TextField } from '../../../common/validation/fields';

export const MAX_IMPORT_ROWS = 10_000;

/** A row of another system under a mapping: its own column names, each with a text, number or boolean. */
export type ForeignImportRow = Record<string, string | number | boolean | null>;

/**
 * The JSON import rows of the contract: OSM's own row, or, under `mapping`, a record of the other system.
 * The service tells them apart by the query parameter, not by the row.
 */
export function importRowsSchema(ownRow: Class<unknown>, example: ForeignImportRow) {
  return {
    type: 'array' as const,
    minItems: 1,
    maxItems: MAX_IMPORT_ROWS,
    items: {
      // anyOf, not oneOf: an OSM row is also a record of texts, so a row may fit both.
      anyOf: [
        { $ref: getSchemaPath(ownRow) },
        {
          type: 'object' as const,
          title: 'ForeignImportRow',
          description:
            'With `mapping`: one record of the other system, keyed by its own column names (the mapping ' +
            'says which OSM field each fills); values are text, numbers, booleans or null (an empty cell)',
          additionalProperties: {
            // OpenAPI 3.0 has no null type: null (an empty cell) rides on the text alternative.
            oneOf: [
              { type: 'string' as const, nullable: true },
              { type: 'number' as const },
              { type: 'boolean' as const },
            ],
          },
          example,
        },
      ],
    },
    description:
      'Without `mapping`: OSM rows. With `mapping`: the other system’s records as they come (ForeignImportRow), ' +
      'translated by the mapping; a key it does not know refuses the batch unless it ignores unknown columns',
  };
}

export class ImportLeadsDto {
  // Rows are checked by validateLeadRows (same rules as LeadInputDto, a hundred times faster), or, under a
  // mapping, as the other system's records.
  @ApiProperty(
    importRowsSchema(LeadInputDto, {
      'First Name': 'Anna',
      'Last Name': 'Kovács',
      Company: 'Alföld Gépgyártó Zrt.',
      Email: 'anna.kovacs@alfold.example',
      'Lead Source': 'Trade Show',
    }),
  )
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IMPORT_ROWS)
  rows!: (LeadInputDto | ForeignImportRow)[];
}

export enum ImportOutcome {
  CREATED = 'created',
  DUPLICATE = 'duplicate',
  REJECTED = 'rejected',
  /** Invoice and customer imports: the company is already a customer, nothing to do. */
  SKIPPED = 'skipped',
}

export class ImportRowResultDto {
  @ApiProperty({
    example: 0,
    description: 'Index of the row in the request (0-based; CSV: data line, header excluded)',
  })
  row!: number;

  @ApiProperty({ enum: ImportOutcome, enumName: 'ImportOutcome' })
  outcome!: ImportOutcome;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'created: the new lead/customer; duplicate: the existing one it matched (null when that lead is outside ' +
      'the caller’s scope: it exists, but is not shown)',
  })
  id!: string | null;

  @ApiProperty({
    enum: DedupeKey,
    enumName: 'DedupeKey',
    nullable: true,
    description: 'duplicate: the key that matched',
  })
  matchedOn!: DedupeKey | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'duplicate of an earlier row of the same request',
  })
  duplicateOfRow!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'EXISTING_CUSTOMER',
    description:
      'rejected/skipped: VALIDATION_FAILED, LEAD_REFERENCE_UNKNOWN, EXISTING_CUSTOMER, LEAD_NO_INTENT',
  })
  code!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'contacts.0.phone is not a valid Chinese mobile or landline number',
  })
  reason!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'contacts.0.phone' })
  field!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'EXISTING_CUSTOMER: the customer',
  })
  customerId!: string | null;
}

export class ImportResultDto {
  @ApiProperty({ example: 9000 })
  created!: number;

  @ApiProperty({ example: 1000 })
  duplicates!: number;

  @ApiProperty({ example: 0 })
  rejected!: number;

  @ApiProperty({ example: 0 })
  skipped!: number;

  @ApiProperty({ type: [ImportRowResultDto], description: 'One entry per row, in request order' })
  results!: ImportRowResultDto[];
}

export class InvoiceRowDto {
  @TextField({ example: 'INV-2026-000123', minLength: 1, maxLength: 100 })
  invoiceNumber!: string;

  @ApiProperty({ format: 'date', example: '2026-11-20' })
  @IsDateString()
  issuedOn!: string;

  @TextField({ example: 'Példa Kereskedelmi Kft.', minLength: 1, maxLength: 300 })
  buyerName!: string;

  @TextField({ optional: true, example: '10625790-4-44', maxLength: 40 })
  buyerTaxId?: string;

  @TextField({ optional: true, example: '+36 1 234 5678', maxLength: 40 })
  buyerPhone?: string;

  @TextField({ optional: true, example: 'beszerzes@pelda.hu', maxLength: 254 })
  buyerEmail?: string;

  @ApiPropertyOptional({ example: 'HU-BU', pattern: REGION_CODE_PATTERN.source })
  @IsOptional()
  @Matches(REGION_CODE_PATTERN, { message: regionCodeMessage('buyerRegionCode') })
  buyerRegionCode?: string;

  @ApiProperty({ example: 125000000, description: 'Invoice total in minor units' })
  @IsInt()
  @Min(0)
  amountMinor!: number;

  @ApiProperty({ example: 'HUF' })
  @IsISO4217CurrencyCode()
  currency!: string;
}

export class ImportInvoicesDto {
  @ApiProperty({ type: [InvoiceRowDto], minItems: 1, maxItems: MAX_IMPORT_ROWS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IMPORT_ROWS)
  @ValidateNested({ each: true })
  @Type(() => InvoiceRowDto)
  rows!: InvoiceRowDto[];
}

export function rowResult(
  row: number,
  outcome: ImportOutcome,
  extra: Partial<ImportRowResultDto> = {},
): ImportRowResultDto {
  return {
    row,
    outcome,
    id: null,
    matchedOn: null,
    duplicateOfRow: null,
    code: null,
    reason: null,
    field: null,
    customerId: null,
    ...extra,
  };
}

export function summarise(results: ImportRowResultDto[]): ImportResultDto {
  const count = (outcome: ImportOutcome) => results.filter((entry) => entry.outcome === outcome).length;
  return {
    created: count(ImportOutcome.CREATED),
    duplicates: count(ImportOutcome.DUPLICATE),
    rejected: count(ImportOutcome.REJECTED),
    skipped: count(ImportOutcome.SKIPPED),
    results,
  };
}
