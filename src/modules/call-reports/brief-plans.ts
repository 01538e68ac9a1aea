import { Injectable } from '@nestjs/common';
import type { DataScope } from '../../common/auth/data-scope';
import type { LocalDate } from '../../common/calendar/working-days';

/** What a rep's targets ask of them per working day, as the daily brief shows it. */
export interface BriefPlan {
  targetId: string;
  metric: string;
  periodKey: string;
  /** Won deals still missing for the target. */
  wonNeeded: number;
  workingDaysLeft: number;
  /** Calls, visits and negotiations per remaining working day; null when no day is left. */
  perDay: { calls: number; visits: number; negotiations: number } | null;
}

/** Reads the plans of one rep on one day, for a caller the brief has already let see that rep. */
export type BriefPlanReader = (repId: string, day: LocalDate, scope: DataScope) => Promise<BriefPlan[]>;

/**
 * Targets sit above call reports, so the targets module registers here how a rep's activity plan is read;
 * the daily brief shows it next to the day's activity. With no reader registered the brief carries none.
 */
@Injectable()
export class DailyBriefPlans {
  private reader: BriefPlanReader | null = null;

  register(reader: BriefPlanReader): void {
    this.reader = reader;
  }

  read(repId: string, day: LocalDate, scope: DataScope): Promise<BriefPlan[]> {
    return this.reader ? this.reader(repId, day, scope) : Promise.resolve([]);
  }
}
