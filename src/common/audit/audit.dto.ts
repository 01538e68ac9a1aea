import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PageOf, PageQuery } from '../pagination/pagination';
import { AuditLog } from './audit-log.entity';
import { UuidField } from '../validation/fields';

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
] as const;
export type AuditedEntityType = (typeof AUDITED_ENTITY_TYPES)[number];

export class ListAuditLogQuery extends PageQuery {
  @ApiProperty({ enum: AUDITED_ENTITY_TYPES, enumName: 'AuditedEntityType', example: 'vendor' })
  @IsIn(AUDITED_ENTITY_TYPES)
  entityType!: AuditedEntityType;

  @UuidField({ optional: true, description: 'One object’s history; omit for all of the type' })
  entityId?: string;
}

export class AuditLogEntryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: AUDITED_ENTITY_TYPES, enumName: 'AuditedEntityType', example: 'vendor' })
  entityType!: string;

  @ApiProperty({ format: 'uuid' })
  entityId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  vendorId!: string | null;

  @ApiProperty({ example: 'update', description: 'create, update, status_change, clear, …' })
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

  @ApiProperty({ type: String, nullable: true, example: 'Contract breach: missed reporting' })
  reason!: string | null;
}

export const AuditLogPage = PageOf(AuditLogEntryDto, 'AuditLogPage');

export function mapAuditLogEntry(entry: AuditLog): AuditLogEntryDto {
  return {
    id: entry.id,
    entityType: entry.entityType,
    entityId: entry.entityId,
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
