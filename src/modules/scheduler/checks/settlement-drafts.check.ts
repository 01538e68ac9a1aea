import { Injectable } from '@nestjs/common';
import { periodOf, previousPeriod } from '../../../common/period/period';
import { SettlementService } from '../../settlement/settlement.service';
import type { CheckContext, CheckResult, SchedulerCheck } from './check.types';

/**
 * At each month end, a draft statement for every vendor (or independent rep) with an agreement in force
 * that month. Every tick asks once for the month that just ended; only payees still without a statement
 * get one, so the first tick after the end drafts them and later ticks write nothing.
 */
@Injectable()
export class SettlementDraftsCheck implements SchedulerCheck {
  readonly name = 'settlement_drafts';
  readonly description =
    'Drafts the statements of the month that just ended for every vendor with an agreement';
  readonly alertTypes = [] as const;
  readonly thresholds = {};

  constructor(private readonly settlement: SettlementService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const ended = previousPeriod(periodOf(context.asOf.toISOString().slice(0, 10), 'month'));
    const run = await this.settlement.draftStatementsForPeriod(context.manager, ended.key, {
      recomputeExisting: false,
    });
    return { examined: run.payees, findings: [] };
  }
}
