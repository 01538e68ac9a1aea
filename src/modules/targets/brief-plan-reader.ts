import { Injectable, OnModuleInit } from '@nestjs/common';
import type { DataScope } from '../../common/auth/data-scope';
import { type Principal, Role } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { DailyBriefPlans } from '../call-reports/brief-plans';
import { AttainmentService } from './attainment.service';

/** The reading rights of a scope, as targets' own rights rules take them (a rep, a vendor, the company). */
function readerOf(scope: DataScope): Principal {
  const role = scope.repId ? Role.REP : scope.vendorId ? Role.VENDOR_MANAGER : Role.SALES_MANAGER;
  return {
    subjectId: 'daily-brief',
    kind: 'user',
    role,
    vendorId: scope.vendorId,
    repId: scope.repId,
    name: 'daily brief',
  };
}

/** Puts each rep's activity plan into the call reports' daily brief (call reports sit below targets). */
@Injectable()
export class BriefPlanReader implements OnModuleInit {
  constructor(
    private readonly plans: DailyBriefPlans,
    private readonly attainment: AttainmentService,
  ) {}

  onModuleInit(): void {
    this.plans.register(async (repId, day, scope) => {
      // The brief has already let the caller see the rep; a rep the org chart lacks simply has no plans.
      const dayPlan = await this.attainment
        .getRepDayPlan(repId, day, readerOf(scope))
        .catch((error: unknown) => {
          if (error instanceof DomainException && error.code === ErrorCode.NOT_FOUND) return { plans: [] };
          throw error;
        });
      return dayPlan.plans.map((plan) => ({
        targetId: plan.targetId,
        metric: plan.metric,
        periodKey: plan.periodKey,
        wonNeeded: plan.wonNeeded,
        workingDaysLeft: plan.workingDaysLeft,
        perDay: plan.perDay,
      }));
    });
  }
}
