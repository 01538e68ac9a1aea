import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DataScope } from '../../common/auth/data-scope';
import { CallReportOutcome, CallReportType } from './call-report.enums';

/** A call report as a touch on a lead's history. */
export interface LeadTouch {
  leadId: string;
  callReportId: string;
  repId: string;
  vendorId: string;
  occurredAt: Date;
  type: CallReportType;
  outcome: CallReportOutcome;
  nextStepOn: string | null;
}

/**
 * The seam to the leads module: which leads a caller may report on, and recording each report on a
 * lead as a touch in that lead's history inside the report's own transaction.
 *
 * This default accepts every lead and records nothing: it is wired to LeadsService at integration
 * (replace the provider in CallReportsModule with one delegating to the leads module's service).
 */
@Injectable()
export class LeadTouchRecorder {
  /** The ids among `leadIds` that do not exist or lie outside the caller's scope. */
  findInvisibleLeads(leadIds: readonly string[], scope: DataScope): Promise<string[]> {
    void leadIds;
    void scope;
    return Promise.resolve([]);
  }

  /** Records the touches with the caller's transaction, so a failed batch leaves no touch behind. */
  recordTouches(em: EntityManager, touches: readonly LeadTouch[]): Promise<void> {
    void em;
    void touches;
    return Promise.resolve();
  }
}
