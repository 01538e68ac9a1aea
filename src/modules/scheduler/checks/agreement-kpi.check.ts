import { Injectable } from '@nestjs/common';
import { ComplianceService } from '../../call-reports/compliance.service';
import { LeadMetricsService } from '../../leads/leads.published';
import { CsatService } from '../../scoring/csat.service';
import {
  hasMonthlyKpi,
  lastFullMonth,
  monthActuals,
  monthlyKpiBreaches,
  sumFactsByVendor,
  EMPTY_FACTS,
  type KpiMonth,
  type VendorMonthFacts,
} from '../../vendors/agreement-kpis.rules';
import { AgreementWithKpis, NewKpiBreach, VendorsService } from '../../vendors/vendors.service';
import type { CheckContext, CheckResult, SchedulerCheck } from './check.types';

/**
 * Holds each active agreement to its KPI clauses over the last full month of the vendor's own calendar
 * (its time zone: at 16:30 UTC on 30 November it is December in Shanghai): call compliance from the
 * call-reports module, conversion from the leads module, CSAT from scoring — each one set-based read for
 * all reps, summed per vendor. Every miss is stored on the agreement once per month and KPI, and one
 * `agreement_kpi_breach` alert per agreement goes to its vendor manager (sales managers see it too).
 */
@Injectable()
export class AgreementKpiCheck implements SchedulerCheck {
  readonly name = 'agreement_kpi';
  readonly description =
    'Agreements whose vendor missed a KPI clause (call compliance, conversion, CSAT) last month';
  readonly alertTypes = ['agreement_kpi_breach'] as const;
  readonly thresholds = {};

  constructor(
    private readonly vendors: VendorsService,
    private readonly compliance: ComplianceService,
    private readonly leadMetrics: LeadMetricsService,
    private readonly csat: CsatService,
  ) {}

  async run(context: CheckContext): Promise<CheckResult> {
    const agreements = (await this.vendors.findAgreementsWithKpis(context.manager, context.asOf)).filter(
      (agreement) => hasMonthlyKpi(agreement.kpis),
    );
    // Nothing agreed, nothing to measure: the common case costs one query.
    if (agreements.length === 0) return { examined: 0, findings: [] };
    // Each vendor's month is its own calendar's: one set of reads per time zone (usually one or two).
    const zones = [...new Set(agreements.map((agreement) => agreement.timezone))];
    const monthOf = new Map(zones.map((zone) => [zone, lastFullMonth(context.asOf, zone)]));
    const factsOf = new Map<string, Map<string, VendorMonthFacts>>();
    for (const zone of zones) {
      const inZone = agreements.filter((agreement) => agreement.timezone === zone);
      factsOf.set(zone, await this.monthFacts(context, inZone, monthOf.get(zone)!));
    }

    const breaches: NewKpiBreach[] = [];
    const findings: CheckResult['findings'] = [];
    for (const agreement of agreements) {
      const month = monthOf.get(agreement.timezone)!;
      const vendorFacts = factsOf.get(agreement.timezone)!.get(agreement.vendorId) ?? EMPTY_FACTS;
      const missed = monthlyKpiBreaches(agreement.kpis, monthActuals(vendorFacts));
      if (missed.length === 0) continue;
      for (const breach of missed)
        breaches.push({
          agreementId: agreement.agreementId,
          vendorId: agreement.vendorId,
          kpi: breach.kpi,
          period: month.key,
          subjectKey: month.key,
          threshold: breach.threshold,
          actual: breach.actual,
          details: { ...vendorFacts },
        });
      findings.push({
        type: 'agreement_kpi_breach',
        severity: 'warning',
        level: 'vendor_manager',
        subjectType: 'agreement',
        subjectId: agreement.agreementId,
        vendorId: agreement.vendorId,
        repId: null,
        message:
          `${agreement.vendorName} missed ${missed.length} KPI clause(s) of the agreement` +
          `${agreement.reference ? ` ${agreement.reference}` : ''} in ${month.key}: ` +
          missed.map((b) => `${b.kpi} ${b.actual} < ${b.threshold}`).join(', '),
        data: { period: month.key, breaches: missed },
      });
    }
    await this.vendors.recordKpiBreaches(context.manager, breaches, context.asOf);
    return { examined: agreements.length, findings };
  }

  /**
   * The month's facts of the given agreements' vendors, each a set-based read for all reps: call reports
   * by their local day (a rep's report day is in the rep's zone), leads taken in and CSAT answers by the
   * instants of the vendor's local month.
   */
  private async monthFacts(
    context: CheckContext,
    agreements: readonly AgreementWithKpis[],
    month: KpiMonth,
  ): Promise<Map<string, VendorMonthFacts>> {
    const needs = (key: 'minCallCompliancePercent' | 'minConversionPercent' | 'minCsat') =>
      agreements.some((agreement) => agreement.kpis[key] != null);
    const [from, to] = [month.startsAt.toISOString(), month.endsAt.toISOString()];
    // One after the other: they share the runner's connection.
    const callFacts = needs('minCallCompliancePercent')
      ? await this.compliance.getRepCallFacts(context.manager, { from: month.start, to: month.last })
      : [];
    const leadFacts = needs('minConversionPercent')
      ? await this.leadMetrics.getRepLeadFacts(context.manager, from, to)
      : [];
    const csatFacts = needs('minCsat') ? await this.csat.getRepCsatFacts(context.manager, from, to) : [];
    const repVendor = csatFacts.length
      ? new Map((await this.vendors.getOrgChart(context.manager)).reps.map((rep) => [rep.id, rep.vendorId]))
      : new Map<string, string>();
    return sumFactsByVendor([
      ...callFacts.map((row) => ({
        vendorId: row.vendorId,
        reportsDone: row.expected === null ? 0 : row.done,
        reportsExpected: row.expected ?? 0,
      })),
      ...leadFacts.map((row) => ({ vendorId: row.vendorId, leadsTakenIn: row.intake, leadsWon: row.won })),
      ...csatFacts.map((row) => ({
        vendorId: repVendor.get(row.repId) ?? null,
        csatAnswers: row.answers,
        csatRatingTotal: row.ratingTotal,
      })),
    ]);
  }
}
