import { DEFAULT_GRADE_BANDS, type ScorecardRules } from './scorecard-engine.rules';
import { ScorecardAudience } from './scoring.enums';

/**
 * Revision 1 of every audience's scorecard, stored the first time it is needed. Rates are fractions
 * (0.25 = 25 %), times are hours (first response) and days (deal cycle), CSAT and reviews are 1–5.
 */
const REP_RULES: ScorecardRules = {
  kpis: [
    { kpi: 'target_attainment', weightPercent: 30, zeroPoint: 0.5, hundredPoint: 1.1 },
    { kpi: 'conversion', weightPercent: 20, zeroPoint: 0, hundredPoint: 0.3 },
    { kpi: 'call_compliance', weightPercent: 20, zeroPoint: 0.5, hundredPoint: 1 },
    { kpi: 'first_response_time', weightPercent: 10, zeroPoint: 72, hundredPoint: 4 },
    { kpi: 'csat', weightPercent: 10, zeroPoint: 1, hundredPoint: 5 },
    { kpi: 'plausibility_flag_rate', weightPercent: 10, zeroPoint: 0.2, hundredPoint: 0 },
  ],
  gradeBands: DEFAULT_GRADE_BANDS,
};

const VENDOR_RULES: ScorecardRules = {
  kpis: [
    { kpi: 'target_attainment', weightPercent: 30, zeroPoint: 0.5, hundredPoint: 1.1 },
    { kpi: 'conversion', weightPercent: 15, zeroPoint: 0, hundredPoint: 0.3 },
    { kpi: 'call_compliance', weightPercent: 10, zeroPoint: 0.5, hundredPoint: 1 },
    { kpi: 'renewal_rate', weightPercent: 15, zeroPoint: 0.5, hundredPoint: 0.95 },
    { kpi: 'average_deal_cycle', weightPercent: 10, zeroPoint: 180, hundredPoint: 30 },
    { kpi: 'csat', weightPercent: 10, zeroPoint: 1, hundredPoint: 5 },
    { kpi: 'complaint_rate', weightPercent: 5, zeroPoint: 0.2, hundredPoint: 0 },
    { kpi: 'review_score', weightPercent: 5, zeroPoint: 1, hundredPoint: 5 },
  ],
  gradeBands: DEFAULT_GRADE_BANDS,
};

export function defaultRules(audience: ScorecardAudience): ScorecardRules {
  return audience === ScorecardAudience.REP ? REP_RULES : VENDOR_RULES;
}
