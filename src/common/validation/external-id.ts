import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { TextField } from './fields';

/** A source system's short code (`sap-erp`, `crm.hu`): what an ERP or CRM names itself by. */
export const EXTERNAL_SOURCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** `…/by-external-id/{source}/{externalId}`: a record held under another system's own id. */
export class ExternalIdPath {
  @ApiProperty({ example: 'sap-erp', pattern: EXTERNAL_SOURCE_PATTERN.source })
  @Matches(EXTERNAL_SOURCE_PATTERN, { message: 'source must be a short code' })
  source!: string;

  @TextField({ example: 'SO-2026-00042', minLength: 1, maxLength: 100 })
  externalId!: string;
}
