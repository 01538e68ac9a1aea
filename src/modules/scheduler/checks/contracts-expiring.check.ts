import { Injectable } from '@nestjs/common';
import { ContractsService } from '../../contracts/contracts.service';
import type { CheckContext, CheckResult, SchedulerCheck } from './check.types';

/**
 * Contracts nearing their end with no renewal signed: renew before the customer drifts away. Tiers (90/60/30
 * days by default, per vendor overridable) each send the `contract.expiring` webhook once; the alert stays
 * open and turns critical in the last tier.
 */
@Injectable()
export class ContractsExpiringCheck implements SchedulerCheck {
  readonly name = 'contracts_expiring';
  readonly description =
    'Signed contracts ending within the renewal tiers (90/60/30 days) with no renewal signed';
  readonly alertTypes = ['contract_expiring'] as const;
  readonly thresholds = {
    firstTierDays: {
      default: 90,
      min: 1,
      max: 730,
      description: 'First renewal notice, days before the end',
    },
    secondTierDays: {
      default: 60,
      min: 1,
      max: 730,
      description: 'Second renewal notice, days before the end',
    },
    lastTierDays: {
      default: 30,
      min: 1,
      max: 730,
      description: 'Last (critical) notice, days before the end',
    },
  };

  constructor(private readonly contracts: ContractsService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const today = context.asOf.toISOString().slice(0, 10);
    const tiersOf = (t: Record<string, number>) => [t.firstTierDays, t.secondTierDays, t.lastTierDays];
    const tiersByVendor = Object.fromEntries(
      [...context.vendorThresholds].map(([vendorId, thresholds]) => [vendorId, tiersOf(thresholds)]),
    );
    const expiring = await this.contracts.findExpiringContracts(
      context.manager,
      today,
      tiersOf(context.thresholds),
      tiersByVendor,
    );
    return {
      examined: await this.contracts.countOpenContracts(context.manager),
      findings: expiring.map((contract) => {
        const last = Math.min(...(tiersByVendor[contract.vendorId ?? ''] ?? tiersOf(context.thresholds)));
        return {
          type: 'contract_expiring',
          severity: contract.daysLeft <= last ? 'critical' : 'warning',
          level: contract.repId ? 'rep' : contract.vendorId ? 'vendor_manager' : 'sales_manager',
          subjectType: 'contract',
          subjectId: contract.id,
          vendorId: contract.vendorId,
          repId: contract.repId,
          message: `The contract ${contract.id} ends on ${contract.endsOn} (${contract.daysLeft} days) with no renewal signed`,
          data: { endsOn: contract.endsOn, daysLeft: contract.daysLeft, tierDays: contract.tierDays },
        };
      }),
    };
  }
}
