import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataScope } from '../../common/auth/data-scope';
import { todayIn } from '../../common/calendar/working-days';
import { DomainException } from '../../common/errors/domain.exception';
import { RepForReporting, RepsService } from '../vendors/reps.service';
import { effectiveQuotas } from './quota-compliance.rules';
import { ReportingRep } from './reporting-reps';

/** Reps as call reports see them, read through the vendors module in one query for many reps. */
@Injectable()
export class ReportingRepsService {
  constructor(private readonly reps: RepsService) {}

  /** `on`: the day whose agreement supplies the default quotas (default: today, UTC). */
  async findReps(
    manager: EntityManager,
    filter: { repIds?: readonly string[]; vendorIds?: readonly string[]; allVendors?: boolean },
    on: string = todayIn('UTC'),
  ): Promise<ReportingRep[]> {
    return (await this.reps.getRepsForReporting(manager, filter, on)).map(toReportingRep);
  }

  /** A rep the caller may see, else 404 exactly like a missing one. */
  async getVisibleRep(
    manager: EntityManager,
    repId: string,
    scope: DataScope,
    on?: string,
  ): Promise<ReportingRep> {
    const [rep] = await this.findReps(manager, { repIds: [repId] }, on);
    if (!rep || !scope.canSeeRow(rep.vendorId, rep.repId)) throw DomainException.notFound('Rep', repId);
    return rep;
  }
}

function toReportingRep(rep: RepForReporting): ReportingRep {
  return {
    repId: rep.id,
    vendorId: rep.vendorId,
    fullName: rep.fullName,
    active: rep.active,
    timezone: rep.timezone,
    countryCode: rep.countryCode,
    quotas: effectiveQuotas({
      rep: {
        dailyCalls: rep.dailyCallQuota,
        weeklyCalls: rep.weeklyCallQuota,
        dailyVisits: rep.dailyVisitQuota,
        weeklyVisits: rep.weeklyVisitQuota,
      },
      agreement: {
        dailyCalls: rep.agreementDailyCallQuota,
        weeklyCalls: rep.agreementWeeklyCallQuota,
        dailyVisits: rep.agreementDailyVisitQuota,
        weeklyVisits: rep.agreementWeeklyVisitQuota,
      },
    }),
  };
}
