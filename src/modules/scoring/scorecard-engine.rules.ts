/**
 * The scoring core: a scorecard definition and a set of raw KPI values in, a total score, a grade and a
 * per-KPI explanation out. No I/O, so every number can be checked by hand in the spec beside it.
 *
 * Normalisation: each KPI has a value at which it scores 0 and one at which it scores 100; values in
 * between score linearly, values beyond either end are clamped. When the 100-point lies below the
 * 0-point the KPI is "lower is better" (first-response time, deal cycle, complaint rate) with no flag.
 *
 * A KPI with no measurement in the period (a rep with no contracts has no deal cycle) contributes
 * nothing and its weight is shared out over the measured KPIs in proportion to theirs, so a missing
 * fact neither punishes nor rewards; the explanation marks it `measured: false`.
 */

export const SCORECARD_KPIS = [
  'target_attainment',
  'conversion',
  'call_compliance',
  'first_response_time',
  'average_deal_cycle',
  'csat',
  'renewal_rate',
  'complaint_rate',
  'plausibility_flag_rate',
  'review_score',
] as const;
export type ScorecardKpi = (typeof SCORECARD_KPIS)[number];

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

export interface KpiDefinition {
  kpi: ScorecardKpi;
  /** Share of the total, in percent; a definition's weights sum to exactly 100. */
  weightPercent: number;
  /** Raw value at which the KPI scores 0. */
  zeroPoint: number;
  /** Raw value at which the KPI scores 100 (below zeroPoint: lower is better). */
  hundredPoint: number;
}

/** Minimum score for grades A, B and C; anything below C's is D. */
export interface GradeBands {
  A: number;
  B: number;
  C: number;
}

export const DEFAULT_GRADE_BANDS: GradeBands = { A: 85, B: 70, C: 50 };

export interface ScorecardRules {
  kpis: KpiDefinition[];
  gradeBands: GradeBands;
}

export interface KpiExplanation {
  kpi: ScorecardKpi;
  /** The measured value, or null when the period has none. */
  raw: number | null;
  measured: boolean;
  /** 0–100 after normalisation and clamping (0 when not measured). */
  normalised: number;
  /** The definition's weight, in percent. */
  weightPercent: number;
  /** The weight actually applied after unmeasured KPIs' weight was shared out. */
  effectiveWeightPercent: number;
  /** normalised × effectiveWeight / 100: the points this KPI adds to the total. */
  contribution: number;
}

export interface ScoreResult {
  /** 0–100, two decimals; null when no KPI was measured. */
  total: number | null;
  grade: Grade | null;
  kpis: KpiExplanation[];
}

export interface RuleError {
  field: string;
  message: string;
}

const round2 = (value: number): number => Math.round((value + Number.EPSILON) * 100) / 100;

/** Linear between the 0-point and the 100-point, clamped to 0–100; either direction. */
export function normaliseKpi(raw: number, zeroPoint: number, hundredPoint: number): number {
  const fraction = (raw - zeroPoint) / (hundredPoint - zeroPoint);
  return Math.min(100, Math.max(0, fraction * 100));
}

export function gradeFor(score: number, bands: GradeBands): Grade {
  if (score >= bands.A) return 'A';
  if (score >= bands.B) return 'B';
  if (score >= bands.C) return 'C';
  return 'D';
}

/** Every way a definition can be nonsense; empty when it is sound. */
export function scorecardRuleErrors(rules: ScorecardRules): RuleError[] {
  const errors: RuleError[] = [];
  if (rules.kpis.length === 0) errors.push({ field: 'kpis', message: 'must hold at least one KPI' });
  const seen = new Set<string>();
  rules.kpis.forEach((kpi, index) => {
    if (seen.has(kpi.kpi)) errors.push({ field: `kpis.${index}.kpi`, message: `${kpi.kpi} appears twice` });
    seen.add(kpi.kpi);
    if (!(kpi.weightPercent > 0 && kpi.weightPercent <= 100))
      errors.push({ field: `kpis.${index}.weightPercent`, message: 'must be above 0 and at most 100' });
    if (kpi.zeroPoint === kpi.hundredPoint)
      errors.push({
        field: `kpis.${index}.hundredPoint`,
        message: 'must differ from zeroPoint (a KPI needs a range to score on)',
      });
  });
  const weightSum = rules.kpis.reduce((sum, kpi) => sum + kpi.weightPercent, 0);
  if (rules.kpis.length > 0 && Math.abs(weightSum - 100) > 1e-9)
    errors.push({ field: 'kpis', message: `weights must sum to 100 %, they sum to ${round2(weightSum)} %` });
  const { A, B, C } = rules.gradeBands;
  if (!(C > 0 && C < B && B < A && A <= 100))
    errors.push({ field: 'gradeBands', message: 'must keep 0 < C < B < A ≤ 100' });
  return errors;
}

/** Scores one subject: raw values keyed by KPI (missing or null = not measured). */
export function computeScore(
  rules: ScorecardRules,
  raws: Partial<Record<ScorecardKpi, number | null>>,
): ScoreResult {
  const measuredWeight = rules.kpis
    .filter((kpi) => isMeasured(raws[kpi.kpi]))
    .reduce((sum, kpi) => sum + kpi.weightPercent, 0);
  const kpis = rules.kpis.map((definition): KpiExplanation => {
    const raw = raws[definition.kpi];
    if (!isMeasured(raw))
      return {
        kpi: definition.kpi,
        raw: null,
        measured: false,
        normalised: 0,
        weightPercent: definition.weightPercent,
        effectiveWeightPercent: 0,
        contribution: 0,
      };
    const normalised = normaliseKpi(raw, definition.zeroPoint, definition.hundredPoint);
    const effectiveWeight = (definition.weightPercent * 100) / measuredWeight;
    return {
      kpi: definition.kpi,
      raw,
      measured: true,
      normalised: round2(normalised),
      weightPercent: definition.weightPercent,
      effectiveWeightPercent: round2(effectiveWeight),
      contribution: round2((normalised * effectiveWeight) / 100),
    };
  });
  if (measuredWeight === 0) return { total: null, grade: null, kpis };
  // The total is summed from unrounded parts so rounding each contribution cannot drift it.
  const total = round2(
    rules.kpis.reduce((sum, definition) => {
      const raw = raws[definition.kpi];
      if (!isMeasured(raw)) return sum;
      const normalised = normaliseKpi(raw, definition.zeroPoint, definition.hundredPoint);
      return sum + (normalised * definition.weightPercent) / measuredWeight;
    }, 0),
  );
  return { total, grade: gradeFor(total, rules.gradeBands), kpis };
}

function isMeasured(raw: number | null | undefined): raw is number {
  return typeof raw === 'number' && Number.isFinite(raw);
}

/** A grade move needs a clear margin past the boundary, or the same move indicated two periods in a row. */
export const DEFAULT_GRADE_HYSTERESIS_MARGIN = 3;

/**
 * The grade a subject holds after a period scored `score`, given the grade it held and the band its
 * previous period's score fell in. Without hysteresis a score hovering at a boundary would flip the
 * grade (and the rep's share of leads) every period.
 */
export function earnGrade(input: {
  held: Grade | null;
  score: number;
  previousBand: Grade | null;
  bands: GradeBands;
  margin: number;
}): Grade {
  const band = gradeFor(input.score, input.bands);
  if (input.held === null || band === input.held) return band;
  const rising = GRADES.indexOf(band) < GRADES.indexOf(input.held);
  const clear = rising
    ? input.score >= minimumScore(band, input.bands) + input.margin
    : input.score < minimumScore(input.held, input.bands) - input.margin;
  if (clear || input.previousBand === band) return band;
  return input.held;
}

function minimumScore(grade: Grade, bands: GradeBands): number {
  return grade === 'D' ? 0 : bands[grade];
}
