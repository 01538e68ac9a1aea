import { Injectable } from '@nestjs/common';
import { DigestsService } from '../digests/digests.service';
import type { CheckContext, CheckResult, SchedulerCheck } from './check.types';

/**
 * Instead of a flood of single alerts: each manager, vendor manager and rep gets one digest a day (and
 * one a week) of the alerts in their scope, stored once per their local day and published as
 * `digest.daily` / `digest.weekly`. Raises no alerts of its own; runs after the checks that raise them.
 */
@Injectable()
export class DigestsCheck implements SchedulerCheck {
  readonly name = 'digests';
  readonly description =
    'Daily and weekly alert digests per manager, vendor manager and rep (digest.daily, digest.weekly)';
  readonly alertTypes = [] as const;
  readonly thresholds = {
    topItems: {
      default: 5,
      min: 1,
      max: 50,
      description: 'Alerts a digest lists as its top items (most severe, then newest)',
    },
  };

  constructor(private readonly digests: DigestsService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const { recipients } = await this.digests.produceDigests(
      context.manager,
      context.asOf,
      context.thresholds.topItems,
    );
    return { examined: recipients, findings: [] };
  }
}
