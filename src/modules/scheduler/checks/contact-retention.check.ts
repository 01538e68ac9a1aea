import { Injectable } from '@nestjs/common';
import { PrivacyService } from '../../privacy/privacy.service';
import type { CheckContext, CheckResult, SchedulerCheck } from './check.types';

/**
 * Contact retention (GDPR storage limitation, PIPL art. 19): clears the contact data of leads closed
 * longer than the privacy settings' months, set-based. Its cutoff moves once a day, so it acts daily
 * whatever the tick; with no retention set (the default) it keeps everything. Raises no alerts.
 */
@Injectable()
export class ContactRetentionCheck implements SchedulerCheck {
  readonly name = 'contact_retention';
  readonly description =
    'Clears the contact data of leads closed (won, lost, rejected) longer than the retention months';
  readonly alertTypes = [] as const;
  readonly thresholds = {};

  constructor(private readonly privacy: PrivacyService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    return {
      examined: await this.privacy.applyContactRetention(context.manager, context.asOf),
      findings: [],
    };
  }
}
