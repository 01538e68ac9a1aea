import type { ScorecardKpi } from './scorecard-engine.rules';

/**
 * The counts behind the KPIs, kept as sums (not rates) so a vendor's facts are its reps' facts added
 * up and the vendor's rate is the ratio of the sums, not an average of the reps' rates.
 */
export interface KpiFacts {
  leadIntake: number;
  leadsWon: number;
  responses: number;
  responseHoursTotal: number;
  quotaDone: number;
  /** null when no quota applied to anyone counted. */
  quotaExpected: number | null;
  reports: number;
  flaggedReports: number;
  csatAnswers: number;
  csatRatingTotal: number;
  /** Complaints received in the period (rate: per lead won). */
  complaints: number;
  /** Vendor reviews overlapping the period and the sum of their scores (vendors only). */
  reviews: number;
  reviewScoreTotal: number;
  /** Won deals signed in the period (contracts from a lead) and their days from lead intake to signature. */
  wonDeals: number;
  wonDealCycleDays: number;
  /** Contracts whose end day falls in the period, and how many of them had their renewal signed. */
  upForRenewal: number;
  renewed: number;
}

export const NO_FACTS: KpiFacts = {
  leadIntake: 0,
  leadsWon: 0,
  responses: 0,
  responseHoursTotal: 0,
  quotaDone: 0,
  quotaExpected: null,
  reports: 0,
  flaggedReports: 0,
  csatAnswers: 0,
  csatRatingTotal: 0,
  complaints: 0,
  reviews: 0,
  reviewScoreTotal: 0,
  wonDeals: 0,
  wonDealCycleDays: 0,
  upForRenewal: 0,
  renewed: 0,
};

export function addFacts(a: KpiFacts, b: KpiFacts): KpiFacts {
  return {
    leadIntake: a.leadIntake + b.leadIntake,
    leadsWon: a.leadsWon + b.leadsWon,
    responses: a.responses + b.responses,
    responseHoursTotal: a.responseHoursTotal + b.responseHoursTotal,
    quotaDone: a.quotaDone + b.quotaDone,
    quotaExpected:
      a.quotaExpected === null && b.quotaExpected === null
        ? null
        : (a.quotaExpected ?? 0) + (b.quotaExpected ?? 0),
    reports: a.reports + b.reports,
    flaggedReports: a.flaggedReports + b.flaggedReports,
    csatAnswers: a.csatAnswers + b.csatAnswers,
    csatRatingTotal: a.csatRatingTotal + b.csatRatingTotal,
    complaints: a.complaints + b.complaints,
    reviews: a.reviews + b.reviews,
    reviewScoreTotal: a.reviewScoreTotal + b.reviewScoreTotal,
    wonDeals: a.wonDeals + b.wonDeals,
    wonDealCycleDays: a.wonDealCycleDays + b.wonDealCycleDays,
    upForRenewal: a.upForRenewal + b.upForRenewal,
    renewed: a.renewed + b.renewed,
  };
}

/**
 * Raw KPI values from the counts; a KPI without a denominator is unmeasured (null). Rates are
 * fractions; compliance is capped at 1 so over-reporting in one week cannot buy a missed one elsewhere
 * twice over (the cap is on the period's total). The complaint rate is complaints received per lead won in
 * the same period. Target attainment is not a sum of counts: it is the subject's own agreed revenue target
 * of the period (actual over target, percent), given apart; null when the subject has no such target.
 */
export function rawKpis(
  facts: KpiFacts,
  attainmentPercent: number | null = null,
): Partial<Record<ScorecardKpi, number | null>> {
  const ratio = (numerator: number, denominator: number | null) =>
    denominator ? numerator / denominator : null;
  const compliance = ratio(facts.quotaDone, facts.quotaExpected);
  return {
    conversion: ratio(facts.leadsWon, facts.leadIntake),
    first_response_time: ratio(facts.responseHoursTotal, facts.responses),
    call_compliance: compliance === null ? null : Math.min(1, compliance),
    plausibility_flag_rate: ratio(facts.flaggedReports, facts.reports),
    csat: ratio(facts.csatRatingTotal, facts.csatAnswers),
    // Complaints per deal won: a seller who wins nothing has no rate (not a perfect one).
    complaint_rate: ratio(facts.complaints, facts.leadsWon),
    review_score: ratio(facts.reviewScoreTotal, facts.reviews),
    target_attainment: attainmentPercent === null ? null : attainmentPercent / 100,
    renewal_rate: ratio(facts.renewed, facts.upForRenewal),
    average_deal_cycle: ratio(facts.wonDealCycleDays, facts.wonDeals),
  };
}
