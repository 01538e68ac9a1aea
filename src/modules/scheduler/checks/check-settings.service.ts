import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { Repository } from 'typeorm';
import { DomainException, FieldError } from '../../../common/errors/domain.exception';
import { CheckSetting } from './check-setting.entity';
import type { SchedulerCheck } from './check.types';

export interface EffectiveSettings {
  enabled: boolean;
  thresholds: Record<string, number>;
  vendorThresholds: Map<string, Record<string, number>>;
}

export function defaultThresholds(check: SchedulerCheck): Record<string, number> {
  return Object.fromEntries(Object.entries(check.thresholds).map(([key, spec]) => [key, spec.default]));
}

/** Checks a thresholds object against the check's spec: known keys, whole numbers within range. */
export function validateThresholds(
  check: SchedulerCheck,
  thresholds: Record<string, unknown>,
): Record<string, number> {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(thresholds)) {
    const spec = check.thresholds[key];
    if (!spec) {
      errors.push({ field: `thresholds.${key}`, message: `is not a threshold of ${check.name}` });
    } else if (
      typeof value !== 'number' ||
      !Number.isInteger(value) ||
      value < spec.min ||
      value > spec.max
    ) {
      errors.push({
        field: `thresholds.${key}`,
        message: `must be a whole number from ${spec.min} to ${spec.max}`,
      });
    }
  }
  if (errors.length) throw DomainException.validation(errors, 'Thresholds out of range or unknown');
  return thresholds as Record<string, number>;
}

/** Global thresholds per check, overridable per vendor; editable by admins. */
@Injectable()
export class CheckSettingsService {
  constructor(@InjectRepository(CheckSetting) private readonly settings: Repository<CheckSetting>) {}

  async effective(check: SchedulerCheck, manager?: EntityManager): Promise<EffectiveSettings> {
    const repository = manager ? manager.getRepository(CheckSetting) : this.settings;
    const rows = await repository.findBy({ checkName: check.name });
    const globalRow = rows.find((row) => row.vendorId === null);
    const thresholds = { ...defaultThresholds(check), ...(globalRow?.thresholds ?? {}) };
    const vendorThresholds = new Map(
      rows
        .filter((row) => row.vendorId !== null)
        .map((row) => [row.vendorId!, { ...thresholds, ...row.thresholds }]),
    );
    return { enabled: globalRow?.enabled ?? true, thresholds, vendorThresholds };
  }

  async updateGlobal(
    check: SchedulerCheck,
    enabled: boolean | undefined,
    thresholds: Record<string, unknown> | undefined,
  ) {
    const valid = thresholds ? validateThresholds(check, thresholds) : undefined;
    await this.settings.query(
      `INSERT INTO check_settings (check_name, vendor_id, enabled, thresholds)
       VALUES ($1, NULL, COALESCE($2, true), COALESCE($3::jsonb, '{}'))
       ON CONFLICT (check_name) WHERE vendor_id IS NULL DO UPDATE SET
         enabled = COALESCE($2, check_settings.enabled),
         thresholds = check_settings.thresholds || COALESCE($3::jsonb, '{}'),
         updated_at = now(), version = check_settings.version + 1`,
      [check.name, enabled ?? null, valid ? JSON.stringify(valid) : null],
    );
  }

  async setVendorOverride(check: SchedulerCheck, vendorId: string, thresholds: Record<string, unknown>) {
    const valid = validateThresholds(check, thresholds);
    await this.settings.query(
      `INSERT INTO check_settings (check_name, vendor_id, thresholds) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (check_name, vendor_id) WHERE vendor_id IS NOT NULL DO UPDATE SET
         thresholds = $3::jsonb, updated_at = now(), version = check_settings.version + 1`,
      [check.name, vendorId, JSON.stringify(valid)],
    );
  }

  async removeVendorOverride(check: SchedulerCheck, vendorId: string): Promise<boolean> {
    const result = await this.settings.delete({ checkName: check.name, vendorId });
    return (result.affected ?? 0) > 0;
  }
}
