import { Injectable } from '@nestjs/common';
import { ContestsService } from '../../scoring/leaderboards/contests.service';
import type { CheckContext, CheckResult, SchedulerCheck } from './check.types';

/**
 * Freezes the winners: every running contest whose period's scores are final has its standings stored
 * and turns closed. Runs after `scores_recompute`, which finalises a period once it ended.
 */
@Injectable()
export class ContestsCloseCheck implements SchedulerCheck {
  readonly name = 'contests_close';
  readonly description = 'Stores the final standings of contests whose period closed';
  readonly alertTypes = [] as const;
  readonly thresholds = {};

  constructor(private readonly contests: ContestsService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    return { examined: await this.contests.closeEndedContests(context.manager), findings: [] };
  }
}
