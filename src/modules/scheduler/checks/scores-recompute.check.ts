import { Injectable } from '@nestjs/common';
import { ScoringService } from '../../scoring/scoring.service';
import type { CheckContext, CheckResult, SchedulerCheck } from './check.types';

/**
 * Keeps the running periods' scores current and closes the ended ones: provisional scores are
 * recomputed every tick; a period that has ended is computed once more and stored final. Raises no
 * alerts of its own (grades and leaderboards read the scores it writes).
 */
@Injectable()
export class ScoresRecomputeCheck implements SchedulerCheck {
  readonly name = 'scores_recompute';
  readonly description = 'Recomputes provisional rep and vendor scores; finalises the periods that ended';
  readonly alertTypes = [] as const;
  readonly thresholds = {};

  constructor(private readonly scoring: ScoringService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const today = context.asOf.toISOString().slice(0, 10);
    return { examined: await this.scoring.recomputeOpenScores(context.manager, today), findings: [] };
  }
}
