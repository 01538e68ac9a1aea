import {
  allowedNextCandidateStatuses,
  CandidateStatus,
  DEFAULT_SELECTION_WEIGHTS,
  rankCandidates,
  scoreCandidate,
  SelectionCriterion,
  selectionWeightErrors,
} from './vendor-selection.rules';

describe('vendor selection', () => {
  it('accepts the default weights: 20 + 20 + 15 + 20 + 15 + 10 = 100 %', () => {
    expect(selectionWeightErrors(DEFAULT_SELECTION_WEIGHTS)).toEqual([]);
  });

  it('refuses weights that do not sum to 100 %, naming the sum', () => {
    const errors = selectionWeightErrors({ ...DEFAULT_SELECTION_WEIGHTS, price: 20 });
    expect(errors).toEqual([{ field: 'weights', message: 'must sum to 100 %, they sum to 110 %' }]);
  });

  it('refuses a weight that is not a whole percent from 0 to 100', () => {
    const errors = selectionWeightErrors({ ...DEFAULT_SELECTION_WEIGHTS, skills: 12.5, price: 7.5 });
    expect(errors.map((error) => error.field)).toEqual(['weights.skills', 'weights.price']);
  });

  // Worked example, by hand, with the default weights (20/20/15/20/15/10):
  //   A rated 8, 7, 9, 6, 8, 5 → 8×20/10 + 7×20/10 + 9×15/10 + 6×20/10 + 8×15/10 + 5×10/10
  //                             = 16 + 14 + 13.5 + 12 + 12 + 5 = 72.5
  //   B rated 6, 9, 7, 8, 7, 9 → 12 + 18 + 10.5 + 16 + 10.5 + 9 = 76
  const ratingsA = {
    industryExperience: 8,
    skills: 7,
    customerReferences: 9,
    serviceQuality: 6,
    technicalCapability: 8,
    price: 5,
  };
  const ratingsB = {
    industryExperience: 6,
    skills: 9,
    customerReferences: 7,
    serviceQuality: 8,
    technicalCapability: 7,
    price: 9,
  };

  it('scores a candidate as Σ rating × weight / 10 on a 0–100 scale', () => {
    const score = scoreCandidate(ratingsA, DEFAULT_SELECTION_WEIGHTS);
    expect(score.criteria.map((entry) => entry.contribution)).toEqual([16, 14, 13.5, 12, 12, 5]);
    expect(score.total).toBe(72.5);
    expect(score.complete).toBe(true);
    expect(scoreCandidate(ratingsB, DEFAULT_SELECTION_WEIGHTS).total).toBe(76);
  });

  it('counts a criterion not rated yet as zero and marks the score incomplete', () => {
    const score = scoreCandidate({ [SelectionCriterion.PRICE]: 10 }, DEFAULT_SELECTION_WEIGHTS);
    expect(score.total).toBe(10);
    expect(score.complete).toBe(false);
    expect(score.criteria[0]).toEqual({
      criterion: 'industryExperience',
      rating: null,
      weightPercent: 20,
      contribution: 0,
    });
  });

  it('ranks the highest total first; equal totals share a rank', () => {
    const score = (total: number) => ({ criteria: [], total, complete: true });
    const ranked = rankCandidates([
      { name: 'A', score: score(72.5) },
      { name: 'B', score: score(76) },
      { name: 'C', score: score(72.5) },
      { name: 'D', score: score(40) },
    ]);
    expect(ranked.map((c) => [c.name, c.rank])).toEqual([
      ['B', 1],
      ['A', 2],
      ['C', 2],
      ['D', 4],
    ]);
  });

  it('selects only from the shortlist, and a decision is final', () => {
    expect(allowedNextCandidateStatuses(CandidateStatus.CANDIDATE)).toEqual(['shortlisted', 'rejected']);
    expect(allowedNextCandidateStatuses(CandidateStatus.SHORTLISTED)).toEqual(['selected', 'rejected']);
    expect(allowedNextCandidateStatuses(CandidateStatus.SELECTED)).toEqual([]);
    expect(allowedNextCandidateStatuses(CandidateStatus.REJECTED)).toEqual([]);
  });
});
