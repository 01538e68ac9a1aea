import { Injectable } from '@nestjs/common';
import { KeyAccountsService } from '../../contracts/key-accounts.service';
import type { CheckContext, CheckResult, SchedulerCheck } from './check.types';

/**
 * Recalculates the key-account classes (A/B/C, 80/20 by trailing-12-month revenue in the reporting
 * currency) of every customer. Raises no alerts; the customer account view shows the class.
 */
@Injectable()
export class KeyAccountsCheck implements SchedulerCheck {
  readonly name = 'key_accounts';
  readonly description =
    'Classifies customers A/B/C by trailing-12-month revenue in the reporting currency (80/20)';
  readonly alertTypes = [] as const;
  readonly thresholds = {};

  constructor(private readonly keyAccounts: KeyAccountsService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const today = context.asOf.toISOString().slice(0, 10);
    return { examined: await this.keyAccounts.classifyKeyAccounts(context.manager, today), findings: [] };
  }
}
