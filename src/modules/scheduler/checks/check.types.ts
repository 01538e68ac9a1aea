import type { EntityManager } from 'typeorm';
import type { AlertLevel, AlertSeverity, AlertSubjectType } from '../alerts/alert.entity';

export interface ThresholdSpec {
  default: number;
  min: number;
  max: number;
  description: string;
}

/** What a check found wrong with one subject. Findings become alerts; missing ones resolve them. */
export interface Finding {
  type: string;
  severity: AlertSeverity;
  level: AlertLevel;
  subjectType: AlertSubjectType;
  subjectId: string;
  vendorId: string | null;
  repId: string | null;
  message: string;
  data: Record<string, unknown>;
}

export interface CheckContext {
  asOf: Date;
  manager: EntityManager;
  /** Thresholds in force: defaults, overridden by the global settings row. */
  thresholds: Record<string, number>;
  /** Per-vendor thresholds for vendors with an override row (already merged over the global ones). */
  vendorThresholds: Map<string, Record<string, number>>;
}

export interface CheckResult {
  /** How many subjects the check looked at (for the run log). */
  examined: number;
  findings: Finding[];
}

/**
 * A periodic threshold check. Each is one set-based query through the owning module's service; the
 * runner turns its findings into alerts (raise, refresh, auto-resolve) and webhook events.
 */
export interface SchedulerCheck {
  readonly name: string;
  readonly description: string;
  /** Alert types this check owns: open alerts of these types whose condition cleared are resolved. */
  readonly alertTypes: readonly string[];
  readonly thresholds: Readonly<Record<string, ThresholdSpec>>;
  run(context: CheckContext): Promise<CheckResult>;
}

export const SCHEDULER_CHECKS = Symbol('SCHEDULER_CHECKS');

/** `jsonb` of per-vendor thresholds, for checks that join them in SQL (`jsonb_each`). */
export function vendorThresholdsJson(context: CheckContext): string {
  return JSON.stringify(Object.fromEntries(context.vendorThresholds));
}
