import { Injectable } from '@nestjs/common';
import {
  DEFAULT_EARNED_TAG_MIN_WINS,
  DEFAULT_EARNED_TAG_WINDOW_MONTHS,
} from '../../scoring/earned-tags.rules';
import { EarnedTagsService } from '../../scoring/earned-tags.service';
import type { CheckContext, CheckResult, SchedulerCheck } from './check.types';

/**
 * Recomputes every rep's tags earned from won deals (an industry or product line with `minWins` wins in
 * the trailing `windowMonths`); routing matches them like the tags given by hand. Raises no alerts.
 */
@Injectable()
export class EarnedTagsCheck implements SchedulerCheck {
  readonly name = 'earned_tags';
  readonly description = 'Gives reps the industry and product line tags their won deals earned';
  readonly alertTypes = [] as const;
  readonly thresholds = {
    minWins: {
      default: DEFAULT_EARNED_TAG_MIN_WINS,
      min: 1,
      max: 100,
      description: 'Won deals in an industry or product line that earn its tag',
    },
    windowMonths: {
      default: DEFAULT_EARNED_TAG_WINDOW_MONTHS,
      min: 1,
      max: 36,
      description: 'Trailing months the wins are counted over',
    },
  };

  constructor(private readonly earnedTags: EarnedTagsService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const pass = await this.earnedTags.earnTags(context.manager, context.asOf.toISOString().slice(0, 10), {
      minWins: context.thresholds.minWins,
      windowMonths: context.thresholds.windowMonths,
    });
    return { examined: pass.reps, findings: [] };
  }
}
