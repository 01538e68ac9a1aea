import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsObject, IsOptional } from 'class-validator';
import { PageOf, PageQuery } from '../../../common/pagination/pagination';
import type { CheckRun, CheckRunStatus, CheckRunTrigger } from './check-run.entity';
import type { EffectiveSettings } from './check-settings.service';
import type { SchedulerCheck } from './check.types';
import { TextField, BooleanField } from '../../../common/validation/fields';

export class ThresholdSpecDto {
  @ApiProperty({ example: 7 })
  default!: number;

  @ApiProperty({ example: 1 })
  min!: number;

  @ApiProperty({ example: 90 })
  max!: number;

  @ApiProperty({ example: 'Days without a touch before a key lead is stale' })
  description!: string;
}

export class VendorThresholdsDto {
  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { daysWithoutTouch: 5 },
  })
  thresholds!: Record<string, number>;
}

export class CheckDto {
  @ApiProperty({ example: 'failing_webhooks' })
  name!: string;

  @ApiProperty({ example: 'Webhook subscriptions whose deliveries keep failing' })
  description!: string;

  @ApiProperty({ type: [String], example: ['webhook_failing'] })
  alertTypes!: string[];

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/ThresholdSpecDto' } })
  thresholdSpecs!: Record<string, ThresholdSpecDto>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Thresholds in force globally',
    example: { failuresBeforeAlert: 5 },
  })
  thresholds!: Record<string, number>;

  @ApiProperty({ type: [VendorThresholdsDto], description: 'Vendors with their own thresholds' })
  vendorOverrides!: VendorThresholdsDto[];
}

export function mapCheck(check: SchedulerCheck, settings: EffectiveSettings): CheckDto {
  return {
    name: check.name,
    description: check.description,
    alertTypes: [...check.alertTypes],
    enabled: settings.enabled,
    thresholdSpecs: { ...check.thresholds },
    thresholds: settings.thresholds,
    vendorOverrides: [...settings.vendorThresholds].map(([vendorId, thresholds]) => ({
      vendorId,
      thresholds,
    })),
  };
}

export class UpdateCheckSettingsDto {
  @BooleanField({ optional: true, description: 'Switch the check off or on for scheduled runs' })
  enabled?: boolean;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Thresholds to change (others keep their value); each within its spec’s range',
    example: { failuresBeforeAlert: 3 },
  })
  @IsOptional()
  @IsObject()
  thresholds?: Record<string, unknown>;
}

export class VendorCheckSettingsDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'This vendor’s thresholds (others follow the global settings)',
    example: { failuresBeforeAlert: 10 },
  })
  @IsObject()
  thresholds!: Record<string, unknown>;
}

export class RunCheckDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Judge the data as of this moment (back-fills, tests); default now',
    example: '2026-11-23T08:00:00Z',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  asOf?: Date;
}

export class ListCheckRunsQuery extends PageQuery {
  @TextField({ optional: true, example: 'failing_webhooks', maxLength: 60 })
  checkName?: string;
}

export class CheckRunDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'failing_webhooks' })
  checkName!: string;

  @ApiProperty({ enum: ['schedule', 'manual'], enumName: 'CheckRunTrigger' })
  trigger!: CheckRunTrigger;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  tickAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  asOf!: string;

  @ApiProperty({ enum: ['running', 'succeeded', 'failed'], enumName: 'CheckRunStatus' })
  status!: CheckRunStatus;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt!: string | null;

  @ApiProperty({ example: 120, description: 'Subjects examined' })
  examined!: number;

  @ApiProperty({ example: 2, description: 'Alerts opened' })
  raised!: number;

  @ApiProperty({ example: 1, description: 'Alerts resolved because the condition cleared' })
  resolved!: number;

  @ApiProperty({ type: String, nullable: true })
  error!: string | null;
}

export const CheckRunPage = PageOf(CheckRunDto);

export function mapCheckRun(run: CheckRun): CheckRunDto {
  return {
    id: run.id,
    checkName: run.checkName,
    trigger: run.trigger,
    tickAt: run.tickAt?.toISOString() ?? null,
    asOf: run.asOf.toISOString(),
    status: run.status,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    examined: run.examined,
    raised: run.raised,
    resolved: run.resolved,
    error: run.error,
  };
}
