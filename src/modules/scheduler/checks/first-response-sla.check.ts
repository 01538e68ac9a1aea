import { Injectable } from '@nestjs/common';
import { CalendarService, MAX_CALENDAR_RANGE_DAYS } from '../../../common/calendar/calendar.service';
import { addDays, localDateIn, type WorkingCalendar } from '../../../common/calendar/working-days';
import { firstResponseState, workingHoursBetween, RoutingService } from '../../leads/leads.published';
import { AgreementKpi } from '../../vendors/agreement-kpis.rules';
import { AgreementWithKpis, NewKpiBreach, VendorsService } from '../../vendors/vendors.service';
import type { CheckContext, CheckResult, Finding, SchedulerCheck } from './check.types';

/**
 * The first-response SLA of the agreements: an assigned lead nobody touched within the agreement's
 * `firstResponseHours` working hours (the rep's zone, the vendor's country calendar) is flagged to the
 * vendor manager, escalated to the sales manager after twice the SLA, and — when the agreement says
 * `rerouteOnBreach` — routed to another eligible rep with the reason in its decision log. It runs first
 * in a tick, so a lead is re-routed long before the pool's N-day reclaim could take it.
 */
@Injectable()
export class FirstResponseSlaCheck implements SchedulerCheck {
  readonly name = 'first_response_sla';
  readonly description =
    'Assigned leads not touched within the agreement’s first-response working hours: flag, escalate, re-route';
  readonly alertTypes = ['first_response_overdue'] as const;
  readonly thresholds = {};

  constructor(
    private readonly vendors: VendorsService,
    private readonly routing: RoutingService,
    private readonly calendars: CalendarService,
  ) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const { manager, asOf } = context;
    const agreements = new Map<string, AgreementWithKpis>();
    for (const agreement of await this.vendors.findAgreementsWithKpis(manager, asOf))
      if (agreement.kpis.firstResponseHours) agreements.set(agreement.vendorId, agreement);
    if (agreements.size === 0) return { examined: 0, findings: [] };
    const candidates = await this.routing.findLeadsAwaitingFirstResponse(
      manager,
      asOf,
      Object.fromEntries([...agreements].map(([vendorId, a]) => [vendorId, a.kpis.firstResponseHours!])),
    );
    if (candidates.length === 0) return { examined: 0, findings: [] };

    const reps = new Map((await this.vendors.getOrgChart(manager)).reps.map((rep) => [rep.id, rep]));
    const calendars = new Map<string, WorkingCalendar>();
    const today = asOf.toISOString().slice(0, 10);
    const oldest = localDateIn('UTC', new Date(Math.min(...candidates.map((c) => +new Date(c.assignedAt)))));
    const from = [addDays(oldest, -1), addDays(today, 2 - MAX_CALENDAR_RANGE_DAYS)].sort()[1];
    for (const country of new Set([...agreements.values()].map((a) => a.countryCode)))
      calendars.set(country, await this.calendars.calendarFor(manager, country, from, addDays(today, 1)));

    const overdue = candidates.flatMap((candidate) => {
      const agreement = agreements.get(candidate.vendorId)!;
      const hours = agreement.kpis.firstResponseHours!;
      const timeZone = reps.get(candidate.ownerRepId)?.timezone ?? agreement.timezone;
      const calendar = calendars.get(agreement.countryCode)!;
      const assignedAt = new Date(candidate.assignedAt);
      const { state, dueAt } = firstResponseState(assignedAt, asOf, hours, timeZone, calendar);
      if (state === 'on_time') return [];
      const workingHours = workingHoursBetween(assignedAt, asOf, timeZone, calendar);
      return [{ ...candidate, agreement, hours, assignedAt, dueAt, state, workingHours }];
    });

    const reasons = new Map(
      overdue.map((lead) => [
        lead.leadId,
        `First response overdue: assigned ${lead.assignedAt.toISOString()} to rep ${lead.ownerRepId}, ` +
          `untouched after ${lead.workingHours} working hours (the agreement allows ${lead.hours}, due ${lead.dueAt.toISOString()})`,
      ]),
    );
    const moves = await this.routing.rerouteOverdueFirstResponses(
      manager,
      overdue.filter((lead) => lead.agreement.kpis.rerouteOnBreach).map((lead) => lead.leadId),
      asOf,
      (leadId) => reasons.get(leadId)!,
    );
    const movedTo = new Map(
      moves.map((move) => [move.lead.id, { repId: move.repId, vendorId: move.vendorId }]),
    );

    const breaches: NewKpiBreach[] = overdue.map((lead) => ({
      agreementId: lead.agreement.agreementId,
      vendorId: lead.vendorId,
      kpi: AgreementKpi.FIRST_RESPONSE_HOURS,
      // The vendor's own month, as the monthly KPIs count it.
      period: localDateIn(lead.agreement.timezone, lead.assignedAt).slice(0, 7),
      subjectKey: `${lead.leadId}@${lead.assignedAt.toISOString()}`,
      leadId: lead.leadId,
      threshold: lead.hours,
      actual: lead.workingHours,
      details: {
        ownerRepId: lead.ownerRepId,
        assignedAt: lead.assignedAt.toISOString(),
        dueAt: lead.dueAt.toISOString(),
        reroutedTo: movedTo.get(lead.leadId) ?? null,
      },
    }));
    await this.vendors.recordKpiBreaches(manager, breaches, asOf);

    const findings: Finding[] = overdue.map((lead) => {
      const escalated = lead.state === 'escalated';
      const rerouted = movedTo.get(lead.leadId) ?? null;
      return {
        type: 'first_response_overdue',
        severity: escalated ? 'critical' : 'warning',
        level: escalated ? 'sales_manager' : 'vendor_manager',
        subjectType: 'lead',
        subjectId: lead.leadId,
        vendorId: lead.vendorId,
        repId: lead.ownerRepId,
        message:
          `Nobody answered the lead ${lead.companyName} within ${lead.hours} working hours (due ${lead.dueAt.toISOString()})` +
          (rerouted ? `; re-routed to rep ${rerouted.repId}` : ''),
        data: {
          agreementId: lead.agreement.agreementId,
          assignedAt: lead.assignedAt.toISOString(),
          dueAt: lead.dueAt.toISOString(),
          slaHours: lead.hours,
          workingHours: lead.workingHours,
          escalated,
          reroutedTo: rerouted,
        },
      };
    });
    return { examined: candidates.length, findings };
  }
}
