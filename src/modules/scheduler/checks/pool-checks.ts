import { Injectable } from '@nestjs/common';
import { PoolService } from '../../leads/leads.published';
import type { CheckContext, CheckResult, SchedulerCheck } from './check.types';

/**
 * Runs the lead pools' reclaim rules (leads nobody works go back to their pool, `lead.reclaimed`
 * webhooks) and warns owners of leads about to be reclaimed. A warning is a notice to its rep: it stays
 * until acknowledged (it does not resolve by itself, since the warning was given once).
 */
@Injectable()
export class PoolReclaimCheck implements SchedulerCheck {
  readonly name = 'pool_reclaim';
  readonly description = 'Reclaim idle leads into their pools and warn owners before reclaiming';
  readonly alertTypes = [] as const;
  readonly thresholds = {};

  constructor(private readonly pools: PoolService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const { reclaimed, warnings } = await this.pools.reclaimAndWarn(context.manager, context.asOf);
    return {
      examined: reclaimed.reclaimed + warnings.length,
      findings: warnings.map((warning) => ({
        type: 'lead_reclaim_warning',
        severity: 'info',
        level: 'rep',
        subjectType: 'lead',
        subjectId: warning.leadId,
        vendorId: warning.vendorId,
        repId: warning.ownerRepId,
        message: `This lead goes back to the pool at ${warning.reclaimAt} unless it is followed up`,
        data: { reclaimAt: warning.reclaimAt },
      })),
    };
  }
}

/** Offers a share of silent and dead leads to routing again, at most once per interval. */
@Injectable()
export class LeadRevivalCheck implements SchedulerCheck {
  readonly name = 'lead_revival';
  readonly description = 'Offer a share of silent and dead leads to routing again, once per interval';
  readonly alertTypes = [] as const;
  readonly thresholds = {
    intervalHours: { default: 24, min: 1, max: 24 * 90, description: 'Hours between two revival runs' },
    silentDays: {
      default: 30,
      min: 1,
      max: 3650,
      description: 'Days without a touch before a lead is silent',
    },
    sharePercent: {
      default: 20,
      min: 1,
      max: 100,
      description: 'Share of silent and dead leads offered again',
    },
  };

  constructor(private readonly pools: PoolService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const [last] = await context.manager.query<{ as_of: Date | null }[]>(
      `SELECT max(as_of) AS as_of FROM check_runs
       WHERE check_name = $1 AND status = 'succeeded' AND examined > 0`,
      [this.name],
    );
    const due =
      !last?.as_of ||
      new Date(last.as_of).getTime() <= context.asOf.getTime() - context.thresholds.intervalHours * 3600_000;
    if (!due) return { examined: 0, findings: [] };
    const result = await this.pools.reviveLeads(
      context.manager,
      context.asOf,
      { silentDays: context.thresholds.silentDays, sharePercent: context.thresholds.sharePercent },
      null,
    );
    // At least 1 so the interval counts from this run even when nothing was silent.
    return { examined: Math.max(result.candidates, 1), findings: [] };
  }
}
