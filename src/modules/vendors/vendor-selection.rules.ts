/**
 * Choosing a vendor: candidates are rated 0–10 on each selection criterion, the criteria carry weights in
 * percent (summing to 100), and a candidate's score is the weighted sum on a 0–100 scale.
 */

/** What a candidate is judged on (the seeds' advice on picking an outsourcing provider). */
export enum SelectionCriterion {
  INDUSTRY_EXPERIENCE = 'industryExperience',
  SKILLS = 'skills',
  CUSTOMER_REFERENCES = 'customerReferences',
  SERVICE_QUALITY = 'serviceQuality',
  TECHNICAL_CAPABILITY = 'technicalCapability',
  PRICE = 'price',
}

export const ALL_SELECTION_CRITERIA = Object.values(SelectionCriterion);

export type SelectionWeights = Record<SelectionCriterion, number>;
export type CandidateRatings = Partial<Record<SelectionCriterion, number>>;

/** A rating is a whole number from 0 (worst) to 10 (best); for price, 10 is the most favourable. */
export const MAX_RATING = 10;
export const WEIGHTS_TOTAL_PERCENT = 100;

export const DEFAULT_SELECTION_WEIGHTS: SelectionWeights = {
  [SelectionCriterion.INDUSTRY_EXPERIENCE]: 20,
  [SelectionCriterion.SKILLS]: 20,
  [SelectionCriterion.CUSTOMER_REFERENCES]: 15,
  [SelectionCriterion.SERVICE_QUALITY]: 20,
  [SelectionCriterion.TECHNICAL_CAPABILITY]: 15,
  [SelectionCriterion.PRICE]: 10,
};

/** Field errors of a weight set: each weight a whole percent 0–100, all of them summing to exactly 100. */
export function selectionWeightErrors(weights: SelectionWeights): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  for (const criterion of ALL_SELECTION_CRITERIA) {
    const weight = weights[criterion];
    if (!Number.isInteger(weight) || weight < 0 || weight > WEIGHTS_TOTAL_PERCENT)
      errors.push({ field: `weights.${criterion}`, message: 'must be a whole percent from 0 to 100' });
  }
  const total = ALL_SELECTION_CRITERIA.reduce((sum, criterion) => sum + (weights[criterion] ?? 0), 0);
  if (errors.length === 0 && total !== WEIGHTS_TOTAL_PERCENT)
    errors.push({ field: 'weights', message: `must sum to 100 %, they sum to ${total} %` });
  return errors;
}

export interface CriterionScore {
  criterion: SelectionCriterion;
  /** 0–10, or null when not rated yet (it then contributes nothing). */
  rating: number | null;
  weightPercent: number;
  /** rating × weight / 10: points of the 0–100 total. */
  contribution: number;
}

export interface CandidateScore {
  criteria: CriterionScore[];
  /** Σ contributions, 0–100. */
  total: number;
  /** Every criterion rated. */
  complete: boolean;
}

/**
 * The weighted score: Σ rating × weight / 10, so a candidate rated 10 everywhere scores 100. Sums are
 * taken in tenths of a point (whole numbers), so 13.5 + 16 is 29.5 exactly and not a float near it.
 */
export function scoreCandidate(ratings: CandidateRatings, weights: SelectionWeights): CandidateScore {
  let totalTenths = 0;
  const criteria = ALL_SELECTION_CRITERIA.map((criterion) => {
    const rating = ratings[criterion] ?? null;
    const tenths = (rating ?? 0) * weights[criterion];
    totalTenths += tenths;
    return { criterion, rating, weightPercent: weights[criterion], contribution: tenths / 10 };
  });
  return {
    criteria,
    total: totalTenths / 10,
    complete: criteria.every((entry) => entry.rating !== null),
  };
}

/**
 * Ranks scored candidates, highest total first; equal totals share a rank (competition ranking:
 * 1, 2, 2, 4) and are listed by name.
 */
export function rankCandidates<T extends { name: string; score: CandidateScore }>(
  candidates: readonly T[],
): (T & { rank: number })[] {
  const sorted = [...candidates].sort(
    (a, b) => b.score.total - a.score.total || a.name.localeCompare(b.name),
  );
  let rank = 0;
  return sorted.map((candidate, index) => {
    if (index === 0 || candidate.score.total !== sorted[index - 1].score.total) rank = index + 1;
    return { ...candidate, rank };
  });
}

export enum CandidateStatus {
  CANDIDATE = 'candidate',
  SHORTLISTED = 'shortlisted',
  SELECTED = 'selected',
  REJECTED = 'rejected',
}

/** candidate → shortlisted → selected | rejected; a candidate may be rejected before the shortlist. */
const NEXT_CANDIDATE_STATUSES: Record<CandidateStatus, readonly CandidateStatus[]> = {
  [CandidateStatus.CANDIDATE]: [CandidateStatus.SHORTLISTED, CandidateStatus.REJECTED],
  [CandidateStatus.SHORTLISTED]: [CandidateStatus.SELECTED, CandidateStatus.REJECTED],
  [CandidateStatus.SELECTED]: [],
  [CandidateStatus.REJECTED]: [],
};

export const allowedNextCandidateStatuses = (from: CandidateStatus): readonly CandidateStatus[] =>
  NEXT_CANDIDATE_STATUSES[from];

export const isDecided = (status: CandidateStatus): boolean =>
  status === CandidateStatus.SELECTED || status === CandidateStatus.REJECTED;
