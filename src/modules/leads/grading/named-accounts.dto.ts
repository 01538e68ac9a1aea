import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import { PageOf, PageQuery } from '../../../common/pagination/pagination';
import type { NamedAccount } from './named-account.entity';
import { TextField } from '../../../common/validation/fields';

export const MAX_NAMED_ACCOUNT_IMPORT_ROWS = 1000;

export class NamedAccountInputDto {
  @TextField({ example: '海尔集团公司', minLength: 1, maxLength: 300 })
  companyName!: string;

  @TextField({
    optional: true,
    example: '91370200163562681G',
    description: 'Unified social credit code, Hungarian adószám or EU VAT number',
    maxLength: 40,
  })
  taxId?: string;

  @TextField({
    optional: true,
    example: 'Strategic account 2027: group-wide framework deal',
    maxLength: 1000,
  })
  note?: string;
}

export class ImportNamedAccountsDto {
  @ApiProperty({
    type: [NamedAccountInputDto],
    minItems: 1,
    maxItems: MAX_NAMED_ACCOUNT_IMPORT_ROWS,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_NAMED_ACCOUNT_IMPORT_ROWS)
  @ValidateNested({ each: true })
  @Type(() => NamedAccountInputDto)
  rows!: NamedAccountInputDto[];
}

export class ListNamedAccountsQuery extends PageQuery {
  @TextField({
    optional: true,
    example: 'Haier',
    description: 'Part of the company name (compared on the normalised name)',
    maxLength: 300,
  })
  companyName?: string;
}

export class NamedAccountDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '海尔集团公司' })
  companyName!: string;

  @ApiProperty({ example: '海尔', description: 'Normalised as the lead dedupe key' })
  companyNameKey!: string;

  @ApiProperty({ type: String, nullable: true, example: '91370200163562681G' })
  taxId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '91370200163562681G' })
  taxIdKey!: string | null;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ format: 'uuid', description: 'The user or client that added it' })
  createdBy!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ example: 1 })
  version!: number;
}

export const NamedAccountPage = PageOf(NamedAccountDto);

export function mapNamedAccount(account: NamedAccount): NamedAccountDto {
  return {
    id: account.id,
    companyName: account.companyName,
    companyNameKey: account.companyNameKey,
    taxId: account.taxId,
    taxIdKey: account.taxIdKey,
    note: account.note,
    createdBy: account.createdBy,
    createdAt: account.createdAt.toISOString(),
    version: account.version,
  };
}
