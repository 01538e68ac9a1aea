import { addFacts, NO_FACTS, rawKpis } from './kpi-facts.rules';

describe('KPI facts', () => {
  it('computes a vendor’s rates from its reps’ summed counts, not by averaging their rates', () => {
    // rep 1: 1 of 2 leads won; rep 2: 1 of 8 → vendor 2 / 10 = 0.2 (the average of rates would be 0.3125)
    const rep1 = { ...NO_FACTS, leadIntake: 2, leadsWon: 1, responses: 1, responseHoursTotal: 10 };
    const rep2 = { ...NO_FACTS, leadIntake: 8, leadsWon: 1, responses: 3, responseHoursTotal: 6 };
    const vendor = rawKpis(addFacts(rep1, rep2));
    expect(vendor.conversion).toBe(0.2);
    // (10 + 6) hours over 4 answered assignments = 4 h
    expect(vendor.first_response_time).toBe(4);
  });

  it('leaves a KPI without a denominator unmeasured', () => {
    expect(rawKpis(NO_FACTS)).toEqual({
      conversion: null,
      first_response_time: null,
      call_compliance: null,
      plausibility_flag_rate: null,
      csat: null,
      complaint_rate: null,
      review_score: null,
      target_attainment: null,
      renewal_rate: null,
      average_deal_cycle: null,
    });
  });

  it('renewal rate: 3 of the 4 contracts that ended in the period renewed is 0.75, summed over reps', () => {
    const vendor = addFacts(
      { ...NO_FACTS, upForRenewal: 3, renewed: 2 },
      { ...NO_FACTS, upForRenewal: 1, renewed: 1 },
    );
    expect(rawKpis(vendor).renewal_rate).toBe(0.75);
  });

  it('average deal cycle: deals of 30, 50 and 100 days from lead to signature average 60 days', () => {
    const vendor = addFacts(
      { ...NO_FACTS, wonDeals: 2, wonDealCycleDays: 80 },
      { ...NO_FACTS, wonDeals: 1, wonDealCycleDays: 100 },
    );
    expect(rawKpis(vendor).average_deal_cycle).toBe(60);
  });

  it('target attainment is the subject’s own target, given apart: 87.5 % is 0.875, no target is unmeasured', () => {
    expect(rawKpis(NO_FACTS, 87.5).target_attainment).toBe(0.875);
    expect(rawKpis({ ...NO_FACTS, leadIntake: 4 }).target_attainment).toBeNull();
  });

  it('counts complaints per lead won: 1 complaint on 4 won deals is a rate of 0.25', () => {
    const vendor = addFacts({ ...NO_FACTS, leadsWon: 3, complaints: 1 }, { ...NO_FACTS, leadsWon: 1 });
    expect(rawKpis(vendor).complaint_rate).toBe(0.25);
  });

  it('averages the review scores overlapping the period: a year with reviews of 4 and 3.5 scores 3.75', () => {
    expect(rawKpis({ ...NO_FACTS, reviews: 2, reviewScoreTotal: 7.5 }).review_score).toBe(3.75);
  });

  it('caps call compliance at 100 % and counts flagged reports as a share of all reports', () => {
    const raws = rawKpis({ ...NO_FACTS, quotaDone: 30, quotaExpected: 25, reports: 40, flaggedReports: 2 });
    expect(raws.call_compliance).toBe(1);
    expect(raws.plausibility_flag_rate).toBe(0.05);
  });
});
