import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PageOf, PageQuery } from '../pagination/pagination';
import { AuditLog } from './audit-log.entity';
import { TextField, UuidField } from '../validation/fields';

/** Object types whose changes are recorded. */
export const AUDITED_ENTITY_TYPES = [
  'vendor',
  'agreement',
  'rep',
  'sales_unit',
  'region',
  'product_line',
  'product',
  'bundle',
  'conflict_declaration',
  'conflict',
  'lead_grading_settings',
  'lead_pipeline_settings',
  'lead',
  'named_account',
  'contract',
  'contract_payment',
  'customer',
  'privacy_settings',
] as const;
export type AuditedEntityType = (typeof AUDITED_ENTITY_TYPES)[number];

export class ListAuditLogQuery extends PageQuery {
  @ApiProperty({ enum: AUDITED_ENTITY_TYPES, enumName: 'AuditedEntityType', example: 'vendor' })
  @IsIn(AUDITED_ENTITY_TYPES)
  entityType!: AuditedEntityType;

  @UuidField({
    optional: true,
    description:
      'One object’s history (entries naming it as entityId or among entityIds); omit for all of the type',
  })
  entityId?: string;

  @TextField({
    optional: true,
    maxLength: 40,
    example: 'contacts_read',
    description: 'Only entries of this action (e.g. contacts_read, personal_data_erased)',
  })
  action?: string;
}

export class AuditLogEntryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: AUDITED_ENTITY_TYPES, enumName: 'AuditedEntityType', example: 'vendor' })
  entityType!: string;

  @ApiProperty({ format: 'uuid' })
  entityId!: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description:
      'Every object the entry covers when it covers more than one (entityId is the first); else empty',
  })
  entityIds!: string[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  vendorId!: string | null;

  @ApiProperty({
    example: 'update',
    description:
      'create, update, status_change, clear, …; contacts_read and contacts_exported (a lead’s contact ' +
      'persons were read, `reason` is the purpose), personal_data_erased (`reason` names the trigger)',
  })
  action!: string;

  @ApiProperty({ example: '5b0e1c7e-0f43-4d49-9a2b-1f1d7a4f1c2e', description: 'User or API client id' })
  actorSubjectId!: string;

  @ApiProperty({ example: 'sales_manager' })
  actorRole!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: Object, nullable: true, description: 'The object before the change' })
  before!: Record<string, unknown> | null;

  @ApiProperty({ type: Object, nullable: true, description: 'The object after the change' })
  after!: Record<string, unknown> | null;

  @ApiProperty({ type: [String], example: ['tier', 'contactEmail'] })
  changedFields!: string[];

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Contract breach: missed reporting',
    description: 'Why: the reason given for a change, the purpose of a contact read',
  })
  reason!: string | null;
}

export const AuditLogPage = PageOf(AuditLogEntryDto, 'AuditLogPage');

export function mapAuditLogEntry(entry: AuditLog): AuditLogEntryDto {
  return {
    id: entry.id,
    entityType: entry.entityType,
    entityId: entry.entityId,
    entityIds: entry.entityIds,
    vendorId: entry.vendorId,
    action: entry.action,
    actorSubjectId: entry.actorSubjectId,
    actorRole: entry.actorRole,
    at: entry.at.toISOString(),
    before: entry.before,
    after: entry.after,
    changedFields: entry.changedFields,
    reason: entry.reason,
  };
}
