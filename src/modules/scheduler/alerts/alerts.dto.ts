import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageOf, SyncPageQuery } from '../../../common/pagination/pagination';
import {
  Alert,
  ALERT_LEVELS,
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  ALERT_SUBJECT_TYPES,
  type AlertLevel,
  type AlertSeverity,
  type AlertStatus,
  type AlertSubjectType,
} from './alert.entity';
import { UuidField, TextField } from '../../../common/validation/fields';

/** How many subjects the alert summary lists. */
export const ALERT_SUMMARY_TOP_SUBJECTS = 20;
/** How many alerts each group of the summary shows. */
export const ALERT_SUMMARY_TOP_ITEMS = 3;

export class ListAlertsQuery extends SyncPageQuery {
  @ApiPropertyOptional({ enum: ALERT_STATUSES, enumName: 'AlertStatus' })
  @IsOptional()
  @IsIn(ALERT_STATUSES)
  status?: AlertStatus;

  @TextField({ optional: true, example: 'stale_key_lead', maxLength: 60 })
  type?: string;

  @ApiPropertyOptional({ enum: ALERT_LEVELS, enumName: 'AlertLevel' })
  @IsOptional()
  @IsIn(ALERT_LEVELS)
  level?: AlertLevel;

  @UuidField({ optional: true })
  vendorId?: string;

  @UuidField({ optional: true, description: 'The rep, lead, vendor… the alert is about' })
  subjectId?: string;
}

export class AlertDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'stale_key_lead' })
  type!: string;

  @ApiProperty({ example: 'stale_key_leads', description: 'The check that raised it' })
  checkName!: string;

  @ApiProperty({ enum: ALERT_SEVERITIES, enumName: 'AlertSeverity' })
  severity!: AlertSeverity;

  @ApiProperty({ enum: ALERT_LEVELS, enumName: 'AlertLevel', description: 'Who it is addressed to now' })
  level!: AlertLevel;

  @ApiProperty({ enum: ALERT_SUBJECT_TYPES, enumName: 'AlertSubjectType' })
  subjectType!: AlertSubjectType;

  @ApiProperty({ format: 'uuid' })
  subjectId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  vendorId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  repId!: string | null;

  @ApiProperty({ example: 'Key lead 上海华信机械有限公司 has had no touch for 9 days' })
  message!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { daysWithoutTouch: 9 } })
  data!: Record<string, unknown>;

  @ApiProperty({ enum: ALERT_STATUSES, enumName: 'AlertStatus' })
  status!: AlertStatus;

  @ApiProperty({ format: 'date-time' })
  raisedAt!: string;

  @ApiProperty({ format: 'date-time', description: 'Last run that still found the condition' })
  lastSeenAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  escalatedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  acknowledgedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  resolvedAt!: string | null;

  @ApiProperty({ format: 'date-time', description: 'Last change; `updatedSince` filters on it' })
  updatedAt!: string;

  @ApiProperty({ example: 1 })
  version!: number;
}

export const AlertPage = PageOf(AlertDto);

export function mapAlert(alert: Alert): AlertDto {
  return {
    id: alert.id,
    type: alert.type,
    checkName: alert.checkName,
    severity: alert.severity,
    level: alert.level,
    subjectType: alert.subjectType,
    subjectId: alert.subjectId,
    vendorId: alert.vendorId,
    repId: alert.repId,
    message: alert.message,
    data: alert.data,
    status: alert.status,
    raisedAt: alert.raisedAt.toISOString(),
    lastSeenAt: alert.lastSeenAt.toISOString(),
    escalatedAt: alert.escalatedAt?.toISOString() ?? null,
    acknowledgedAt: alert.acknowledgedAt?.toISOString() ?? null,
    resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    updatedAt: alert.updatedAt.toISOString(),
    version: alert.version,
  };
}

export class AlertSummaryQuery {
  @ApiPropertyOptional({ enum: ALERT_STATUSES, enumName: 'AlertStatus', description: 'Default: open' })
  @IsOptional()
  @IsIn(ALERT_STATUSES)
  status?: AlertStatus;
}

export class AlertKindCountDto {
  @ApiProperty({ example: 'stale_key_lead' })
  type!: string;

  @ApiProperty({ enum: ALERT_SEVERITIES, enumName: 'AlertSeverity' })
  severity!: AlertSeverity;

  @ApiProperty({ example: 412 })
  count!: number;
}

export class AlertSubjectCountDto {
  @ApiProperty({ enum: ALERT_SUBJECT_TYPES, enumName: 'AlertSubjectType' })
  subjectType!: AlertSubjectType;

  @ApiProperty({ format: 'uuid' })
  subjectId!: string;

  @ApiProperty({ example: 3 })
  count!: number;

  @ApiProperty({ type: [String], example: ['idle_rep', 'call_quota_behind'] })
  types!: string[];
}

/** One alert in short: what a summary group or a digest lists as its top items. */
export class AlertItemDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'stale_key_lead' })
  type!: string;

  @ApiProperty({ enum: ALERT_SEVERITIES, enumName: 'AlertSeverity' })
  severity!: AlertSeverity;

  @ApiProperty({ enum: ALERT_STATUSES, enumName: 'AlertStatus' })
  status!: AlertStatus;

  @ApiProperty({ enum: ALERT_SUBJECT_TYPES, enumName: 'AlertSubjectType' })
  subjectType!: AlertSubjectType;

  @ApiProperty({ format: 'uuid' })
  subjectId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  vendorId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  repId!: string | null;

  @ApiProperty({ example: 'Key lead 上海华信机械有限公司 has had no touch for 9 days' })
  message!: string;

  @ApiProperty({ format: 'date-time' })
  raisedAt!: string;
}

export class AlertGroupDto {
  @ApiProperty({ example: 'rep_idle' })
  type!: string;

  @ApiProperty({ enum: ALERT_SUBJECT_TYPES, enumName: 'AlertSubjectType' })
  subjectType!: AlertSubjectType;

  @ApiProperty({ example: 4, description: 'Open alerts of the group (nobody on them yet)' })
  open!: number;

  @ApiProperty({ example: 1, description: 'Acknowledged, not yet resolved' })
  acknowledged!: number;

  @ApiProperty({ example: 2, description: 'Subjects the group is about (distinct subject ids)' })
  subjects!: number;

  @ApiProperty({ format: 'date-time', description: 'When the oldest alert of the group was raised' })
  oldestRaisedAt!: string;

  @ApiProperty({ format: 'date-time', description: 'When the newest was raised' })
  newestRaisedAt!: string;

  @ApiProperty({
    type: [AlertItemDto],
    description: `Up to ${ALERT_SUMMARY_TOP_ITEMS} alerts of the group: most severe first, then newest`,
  })
  topItems!: AlertItemDto[];
}

export class AlertSummaryDto {
  @ApiProperty({ enum: ALERT_STATUSES, enumName: 'AlertStatus' })
  status!: AlertStatus;

  @ApiProperty({ example: 1280 })
  total!: number;

  @ApiProperty({ type: [AlertKindCountDto], description: 'Per alert kind and severity, most first' })
  byKind!: AlertKindCountDto[];

  @ApiProperty({
    type: [AlertSubjectCountDto],
    description: `The ${ALERT_SUMMARY_TOP_SUBJECTS} subjects with the most alerts, most first`,
  })
  topSubjects!: AlertSubjectCountDto[];

  @ApiProperty({
    type: [AlertGroupDto],
    description:
      'The unresolved alerts (open and acknowledged, whatever `status` asks) per kind and subject type, ' +
      'the largest group first',
  })
  groups!: AlertGroupDto[];
}
