import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../../common/audit/audit.service';
import { openLeadSql } from '../lead-status.rules';
import type { Principal } from '../../../common/auth/role';
import { DomainException } from '../../../common/errors/domain.exception';
import { ErrorCode } from '../../../common/errors/error-codes';
import { LeadGradingSettingsRow } from './lead-grading-settings.entity';
import { updateSingletonSettings } from '../../../common/http/singleton-settings';
import {
  DEFAULT_GRADING_SETTINGS,
  type GradingSettings,
  type GradingSettingsChange,
  gradingSettingsErrors,
  mergeGradingSettings,
  nullGroupErrors,
} from './lead-grading.rules';

export interface StoredGradingSettings {
  settings: GradingSettings;
  version: number;
  /** null when no settings row exists (the defaults apply). */
  updatedAt: Date | null;
}

function fromRow(row: LeadGradingSettingsRow): GradingSettings {
  // Stored points are laid over the defaults, so a factor added later (a new source) scores its default.
  return mergeGradingSettings(DEFAULT_GRADING_SETTINGS, {
    cutOffs: { high: row.highCutOff, medium: row.mediumCutOff },
    deadAfterUntouchedDays: row.deadAfterUntouchedDays,
    points: row.points,
  });
}

function toColumns(settings: GradingSettings): Partial<LeadGradingSettingsRow> {
  return {
    highCutOff: settings.cutOffs.high,
    mediumCutOff: settings.cutOffs.medium,
    deadAfterUntouchedDays: settings.deadAfterUntouchedDays,
    points: settings.points,
  };
}

/**
 * The company's grading settings, read by every grading (intake, imports, edits, the scheduler's
 * re-grading) in the grading's own transaction, so a change applies to the next grading on every replica.
 */
@Injectable()
export class LeadGradingSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async current(em: EntityManager = this.dataSource.manager): Promise<GradingSettings> {
    return (await this.getLeadGradingSettings(em)).settings;
  }

  async getLeadGradingSettings(em: EntityManager = this.dataSource.manager): Promise<StoredGradingSettings> {
    const row = await em.getRepository(LeadGradingSettingsRow).findOneBy({ singleton: true });
    if (!row) return { settings: DEFAULT_GRADING_SETTINGS, version: 1, updatedAt: null };
    return { settings: fromRow(row), version: row.version, updatedAt: row.updatedAt };
  }

  /**
   * Applies a change (only the fields given) if the row still has `expectedVersion`; refuses with 422
   * naming every failing field when the result breaks a rule, writing nothing. Audited.
   */
  updateLeadGradingSettings(
    change: GradingSettingsChange,
    expectedVersion: number | undefined,
    actor: Principal,
  ): Promise<StoredGradingSettings> {
    return this.dataSource.transaction(async (em) => {
      const stored = await updateSingletonSettings(em, LeadGradingSettingsRow, {
        defaults: toColumns(DEFAULT_GRADING_SETTINGS),
        expectedVersion,
        change: (row) => {
          const after = mergeGradingSettings(fromRow(row), change);
          const errors = [...nullGroupErrors(change), ...gradingSettingsErrors(after)];
          if (errors.length)
            throw new DomainException(
              ErrorCode.LEAD_GRADING_SETTINGS_INVALID,
              `The grading settings break a rule: ${errors.map((error) => `${error.field} ${error.message}`).join('; ')}`,
              errors,
            );
          return toColumns(after);
        },
        snapshot: fromRow,
        audit: this.audit,
        actor,
        entityType: 'lead_grading_settings',
      });
      // Every open lead is due for re-grading under the new settings: the scheduler's next pass grades
      // them all (it otherwise grades only the leads whose days since the last touch have moved on).
      await em.query(`UPDATE leads SET regrade_at = NULL WHERE ${openLeadSql()} AND regrade_at IS NOT NULL`);
      return { settings: fromRow(stored), version: stored.version, updatedAt: stored.updatedAt };
    });
  }
}
