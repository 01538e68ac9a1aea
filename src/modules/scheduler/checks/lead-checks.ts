import { Injectable } from '@nestjs/common';
import { Role } from '../../../common/auth/role';
import { LeadQueriesService } from '../../leads/leads.published';
import type { CheckContext, CheckResult, SchedulerCheck } from './check.types';

/** Key leads (and high-grade leads, on their own window) nobody has touched for too long. */
@Injectable()
export class StaleKeyLeadsCheck implements SchedulerCheck {
  readonly name = 'stale_key_leads';
  readonly description = 'Key leads and high-grade leads with no touch for N days (tiered by grade)';
  readonly alertTypes = ['stale_key_lead', 'stale_high_grade_lead'] as const;
  readonly thresholds = {
    keyLeadDays: {
      default: 7,
      min: 1,
      max: 365,
      description: 'Days without a touch before a key lead is stale',
    },
    highGradeDays: {
      default: 14,
      min: 1,
      max: 365,
      description: 'Days without a touch before a high-grade lead is stale',
    },
  };

  constructor(private readonly leads: LeadQueriesService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const windowsByVendor = Object.fromEntries(
      [...context.vendorThresholds].map(([vendorId, t]) => [
        vendorId,
        { keyLeadDays: t.keyLeadDays, highGradeDays: t.highGradeDays },
      ]),
    );
    const { examined, leads: stale } = await this.leads.findStaleLeads(
      context.manager,
      context.asOf,
      { keyLeadDays: context.thresholds.keyLeadDays, highGradeDays: context.thresholds.highGradeDays },
      windowsByVendor,
    );
    return {
      examined,
      findings: stale.map((lead) => ({
        type: lead.keyLead ? 'stale_key_lead' : 'stale_high_grade_lead',
        severity: lead.keyLead ? 'critical' : 'warning',
        level: lead.ownerRepId ? 'rep' : lead.vendorId ? 'vendor_manager' : 'sales_manager',
        subjectType: 'lead',
        subjectId: lead.id,
        vendorId: lead.vendorId,
        repId: lead.ownerRepId,
        message: `${lead.keyLead ? 'Key' : 'High-grade'} lead ${lead.companyName} has had no touch for ${lead.daysWithoutTouch} days`,
        data: { daysWithoutTouch: lead.daysWithoutTouch, grade: lead.grade, keyLead: lead.keyLead },
      })),
    };
  }
}

/** Follow-ups that were due and did not happen. */
@Injectable()
export class OverdueFollowUpsCheck implements SchedulerCheck {
  readonly name = 'overdue_follow_ups';
  readonly description = 'Open leads whose next follow-up is past due by more than N hours';
  readonly alertTypes = ['follow_up_overdue'] as const;
  readonly thresholds = {
    graceHours: { default: 24, min: 0, max: 24 * 30, description: 'Hours past the due time before alerting' },
  };

  constructor(private readonly leads: LeadQueriesService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const { examined, leads: overdue } = await this.leads.findOverdueFollowUps(
      context.manager,
      context.asOf,
      context.thresholds.graceHours,
    );
    return {
      examined,
      findings: overdue.map((lead) => ({
        type: 'follow_up_overdue',
        severity: 'warning',
        level: lead.ownerRepId ? 'rep' : lead.vendorId ? 'vendor_manager' : 'sales_manager',
        subjectType: 'lead',
        subjectId: lead.id,
        vendorId: lead.vendorId,
        repId: lead.ownerRepId,
        message: `The follow-up of ${lead.companyName} is ${lead.hoursOverdue} hours overdue`,
        data: { dueAt: new Date(lead.dueAt).toISOString(), hoursOverdue: lead.hoursOverdue },
      })),
    };
  }
}

/** New leads left without an owner: work nobody does. */
@Injectable()
export class UnassignedLeadsCheck implements SchedulerCheck {
  readonly name = 'unassigned_work';
  readonly description = 'New leads left unassigned for longer than N hours';
  readonly alertTypes = ['lead_unassigned'] as const;
  readonly thresholds = {
    hours: { default: 24, min: 1, max: 24 * 90, description: 'Hours a new lead may wait for an owner' },
  };

  constructor(private readonly leads: LeadQueriesService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const { examined, leads: waiting } = await this.leads.findUnassignedLeads(
      context.manager,
      context.asOf,
      context.thresholds.hours,
    );
    return {
      examined,
      findings: waiting.map((lead) => ({
        type: 'lead_unassigned',
        severity: 'warning',
        level: lead.vendorId ? 'vendor_manager' : 'sales_manager',
        subjectType: 'lead',
        subjectId: lead.id,
        vendorId: lead.vendorId,
        repId: null,
        message: `Lead ${lead.companyName} has waited ${lead.hoursUnassigned} hours for an owner`,
        data: { hoursUnassigned: lead.hoursUnassigned },
      })),
    };
  }
}

/** The scheduler's principal in lead history entries it causes. */
const SCHEDULER_PRINCIPAL = {
  subjectId: '00000000-0000-4000-8000-000000000000',
  kind: 'user',
  role: Role.ADMIN,
  vendorId: null,
  repId: null,
  name: 'Scheduler',
} as const;

/**
 * Keeps grades current as time passes: recency decays and leads untouched past the dead window become
 * dead. Raises no alerts; the stale-lead checks read the grades it leaves.
 */
@Injectable()
export class LeadGradingCheck implements SchedulerCheck {
  readonly name = 'lead_grading';
  readonly description = 'Re-grade open leads (recency decays; long-untouched leads become dead)';
  readonly alertTypes = [] as const;
  readonly thresholds = {};

  constructor(private readonly leads: LeadQueriesService) {}

  async run(context: CheckContext): Promise<CheckResult> {
    // Grades move with the clock, so they are judged now (not as of a back-filled time).
    const { examined } = await this.leads.regradeOpenLeadsDueToTime(
      context.manager,
      SCHEDULER_PRINCIPAL,
      new Date(),
    );
    return { examined, findings: [] };
  }
}
