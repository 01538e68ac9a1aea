import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, Matches } from 'class-validator';
import { REGION_CODE_PATTERN, REGION_CODE_SCHEMA, regionCodeMessage } from '../../vendors/region-code';
import { PageOf, SyncPageQuery } from '../../../common/pagination/pagination';
import { Customer } from './customer.entity';
import { ForeignImportRow, importRowsSchema, MAX_IMPORT_ROWS } from '../intake/lead-imports.dto';
import { EnumField, UuidField, TextField } from '../../../common/validation/fields';
import { ContactReadPurpose } from '../lead.enums';
import { CONTACT_READ_PURPOSE_TEXT } from '../leads.dto';

export class CustomerInputDto {
  @TextField({
    example: 'K-100234',
    description: 'The customer’s id in the ERP',
    minLength: 1,
    maxLength: 100,
  })
  erpCustomerId!: string;

  @TextField({ example: '美的集团股份有限公司', minLength: 1, maxLength: 300 })
  name!: string;

  @TextField({ optional: true, example: '91440606722473344C', maxLength: 40 })
  taxId?: string;

  @TextField({ optional: true, example: '+86 757 2233 8888', maxLength: 40 })
  phone?: string;

  @TextField({ optional: true, example: 'purchasing@midea.example', maxLength: 254 })
  email?: string;

  @TextField({
    optional: true,
    ...REGION_CODE_SCHEMA,
    description: 'Tells the country of a national phone number',
    maxLength: 10,
  })
  @Matches(REGION_CODE_PATTERN, { message: regionCodeMessage('regionCode') })
  regionCode?: string;
}

export class ImportCustomersDto {
  // Checked by the import service: as CustomerInputDto without a mapping, as the other system's records with one.
  @ApiProperty(
    importRowsSchema(CustomerInputDto, {
      'Account ID': '0015g00000XyZaBAAV',
      'Account Name': 'Alföld Gépgyártó Zrt.',
      Phone: '06 76 123 456',
      'Billing Country': 'Hungary',
    }),
  )
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IMPORT_ROWS)
  rows!: (CustomerInputDto | ForeignImportRow)[];
}

export class ListCustomersQuery extends SyncPageQuery {
  @UuidField({ optional: true })
  vendorId?: string;

  @EnumField(ContactReadPurpose, {
    optional: true,
    enumName: 'ContactReadPurpose',
    description: CONTACT_READ_PURPOSE_TEXT,
  })
  purpose?: ContactReadPurpose;
}

/** Reading one customer: the purpose of reading its phone and email. */
export class GetCustomerQuery {
  @EnumField(ContactReadPurpose, {
    optional: true,
    enumName: 'ContactReadPurpose',
    description: CONTACT_READ_PURPOSE_TEXT,
  })
  purpose?: ContactReadPurpose;
}

export class CustomerDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '美的集团股份有限公司' })
  name!: string;

  @ApiProperty({ example: '美的' })
  nameKey!: string;

  @ApiProperty({ type: String, nullable: true })
  taxId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  taxIdKey!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '+8675722338888' })
  phone!: string | null;

  @ApiProperty({ type: String, nullable: true })
  email!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'K-100234' })
  erpCustomerId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  vendorId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The won lead it came from' })
  sourceLeadId!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', description: 'Last change; `updatedSince` filters on it' })
  updatedAt!: string;

  @ApiProperty({ example: 1 })
  version!: number;
}

export const CustomerPage = PageOf(CustomerDto);

export function mapCustomer(customer: Customer): CustomerDto {
  return {
    id: customer.id,
    name: customer.name,
    nameKey: customer.nameKey,
    taxId: customer.taxId,
    taxIdKey: customer.taxIdKey,
    phone: customer.phone,
    email: customer.email,
    erpCustomerId: customer.erpCustomerId,
    vendorId: customer.vendorId,
    sourceLeadId: customer.sourceLeadId,
    createdAt: customer.createdAt.toISOString(),
    updatedAt: customer.updatedAt.toISOString(),
    version: customer.version,
  };
}
