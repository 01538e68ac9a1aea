import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, Matches } from 'class-validator';
import { BooleanField, EnumField, TextField } from '../../../common/validation/fields';
import { ImportMappingTarget } from './import-mapping.rules';
import { IMPORT_MAPPING_PRESETS } from './import-mapping-presets';

export const MAPPING_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,59}$/;
const NAME_RULE = 'lower-case letters, digits, `.`, `_` and `-`, at most 60 characters';
const PRESET_NAMES = IMPORT_MAPPING_PRESETS.map((preset) => preset.name).join(', ');

const COLUMNS_DOC = {
  type: 'object' as const,
  additionalProperties: { type: 'string' as const },
  description:
    'Source column header → OSM field (a lead import column such as companyName, contactEmail, tags; for ' +
    'customers erpCustomerId, name, taxId, phone, email, regionCode). Several columns may fill one field: ' +
    'contactName joins them with a space, needs with line breaks, tags and productLineIds make one list ' +
    '(a cell may hold a `;` or `,` separated list), any other field takes the first non-empty one.',
  example: {
    Company: 'companyName',
    'First Name': 'contactName',
    'Last Name': 'contactName',
    Rating: 'tags',
  },
};

const VALUES_DOC = {
  type: 'object' as const,
  additionalProperties: { type: 'object' as const, additionalProperties: { type: 'string' as const } },
  description:
    'Source column header → (source value → OSM value), matched ignoring case. `*` stands for every value ' +
    'not listed; without it, unlisted values pass through unchanged. A value mapped to "" leaves the field empty.',
  example: { Rating: { Hot: 'rating-hot', Warm: 'rating-warm', Cold: 'rating-cold', '*': '' } },
};

export class ImportMappingInputDto {
  @TextField({ example: 'acme-salesforce', minLength: 1, maxLength: 60, description: NAME_RULE })
  @Matches(MAPPING_NAME_PATTERN, { message: `name must be ${NAME_RULE}` })
  name!: string;

  @EnumField(ImportMappingTarget, { enumName: 'ImportMappingTarget', example: ImportMappingTarget.LEADS })
  target!: ImportMappingTarget;

  @TextField({ optional: true, maxLength: 500, example: 'Our Salesforce org, with industry codes' })
  description?: string;

  @ApiProperty(COLUMNS_DOC)
  @IsObject()
  columns!: Record<string, string>;

  @ApiPropertyOptional(VALUES_DOC)
  @IsObject()
  values: Record<string, Record<string, string>> = {};

  @BooleanField({
    optional: true,
    description: 'true: columns the mapping does not name are skipped; false (default): they refuse the file',
  })
  ignoreUnknownColumns?: boolean;
}

/** A replacement keeps the name (the path names it). */
export class ReplaceImportMappingDto {
  @EnumField(ImportMappingTarget, { enumName: 'ImportMappingTarget', example: ImportMappingTarget.LEADS })
  target!: ImportMappingTarget;

  @TextField({ optional: true, maxLength: 500 })
  description?: string;

  @ApiProperty(COLUMNS_DOC)
  @IsObject()
  columns!: Record<string, string>;

  @ApiPropertyOptional(VALUES_DOC)
  @IsObject()
  values: Record<string, Record<string, string>> = {};

  @BooleanField({ optional: true })
  ignoreUnknownColumns?: boolean;
}

export class ImportMappingDto {
  @ApiProperty({ example: 'salesforce-lead' })
  name!: string;

  @ApiProperty({ enum: ImportMappingTarget, enumName: 'ImportMappingTarget' })
  target!: ImportMappingTarget;

  @ApiProperty({ type: String, nullable: true })
  description!: string | null;

  @ApiProperty(COLUMNS_DOC)
  columns!: Record<string, string>;

  @ApiProperty(VALUES_DOC)
  values!: Record<string, Record<string, string>>;

  @ApiProperty()
  ignoreUnknownColumns!: boolean;

  @ApiProperty({ description: `Shipped with OSM and read-only (${PRESET_NAMES})` })
  preset!: boolean;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Saved mappings: the version If-Match names; presets: null',
  })
  version!: number | null;
}

export class ImportMappingListDto {
  @ApiProperty({
    type: [ImportMappingDto],
    description: 'The presets first, then the saved mappings by name',
  })
  data!: ImportMappingDto[];
}

export class ImportMappingQuery {
  @TextField({
    optional: true,
    maxLength: 60,
    example: 'salesforce-lead',
    description:
      `A saved mapping or a preset (${PRESET_NAMES}) translating the rows' own columns and values into OSM ` +
      'fields; without one, rows use the OSM field names and an unknown column is refused.',
  })
  mapping?: string;
}
