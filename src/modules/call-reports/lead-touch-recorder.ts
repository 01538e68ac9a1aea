import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DataScope } from '../../common/auth/data-scope';
import { CustomersService, LeadQueriesService } from '../leads/leads.published';
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
 * lead as a touch in that lead's history inside the report's own transaction. Delegates to LeadQueriesService;
 * tests replace it to prove a failing touch rolls the report back.
 */
@Injectable()
export class LeadTouchRecorder {
  constructor(
    private readonly leads: LeadQueriesService,
    private readonly customers: CustomersService,
  ) {}

  /** The ids among `customerIds` that do not exist or lie outside the caller's scope. */
  findInvisibleCustomers(
    manager: EntityManager,
    customerIds: readonly string[],
    scope: DataScope,
  ): Promise<string[]> {
    return this.customers.findInvisibleCustomerIds(manager, customerIds, scope);
  }

  /** The ids among `leadIds` that do not exist or lie outside the caller's scope. */
  findInvisibleLeads(
    manager: EntityManager,
    leadIds: readonly string[],
    scope: DataScope,
  ): Promise<string[]> {
    return this.leads.findInvisibleLeadIds(manager, leadIds, scope);
  }

  /** Records the touches with the caller's transaction, so a failed batch leaves no touch behind. */
  recordTouches(em: EntityManager, touches: readonly LeadTouch[]): Promise<void> {
    return this.leads.recordCallReportTouches(em, touches);
  }
}
