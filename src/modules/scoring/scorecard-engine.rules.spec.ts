import {
  computeScore,
  DEFAULT_GRADE_BANDS,
  earnGrade,
  gradeFor,
  normaliseKpi,
  type ScorecardRules,
  scorecardRuleErrors,
} from './scorecard-engine.rules';

const rules: ScorecardRules = {
  kpis: [
    { kpi: 'target_attainment', weightPercent: 40, zeroPoint: 0.5, hundredPoint: 1.1 },
    { kpi: 'conversion', weightPercent: 30, zeroPoint: 0, hundredPoint: 0.25 },
    { kpi: 'first_response_time', weightPercent: 20, zeroPoint: 48, hundredPoint: 4 },
    { kpi: 'csat', weightPercent: 10, zeroPoint: 1, hundredPoint: 5 },
  ],
  gradeBands: DEFAULT_GRADE_BANDS,
};

describe('scorecard engine', () => {
  describe('normalisation', () => {
    it('scores linearly between the 0-point and the 100-point', () => {
      // (0.8 − 0.5) / (1.1 − 0.5) = 0.5 → 50
      expect(normaliseKpi(0.8, 0.5, 1.1)).toBeCloseTo(50, 10);
    });

    it('scores a lower-is-better KPI when the 100-point lies below the 0-point', () => {
      // first response 15 h on 48 h → 0, 4 h → 100: (15 − 48) / (4 − 48) = 0.75 → 75
      expect(normaliseKpi(15, 48, 4)).toBeCloseTo(75, 10);
    });

    it('clamps values beyond either end to 0 and 100', () => {
      expect(normaliseKpi(1.5, 0.5, 1.1)).toBe(100);
      expect(normaliseKpi(0.2, 0.5, 1.1)).toBe(0);
      expect(normaliseKpi(2, 48, 4)).toBe(100);
      expect(normaliseKpi(72, 48, 4)).toBe(0);
    });
  });

  describe('a worked scorecard', () => {
    it('explains every KPI with raw value, normalised score, weight and contribution', () => {
      // attainment 0.8 → 50 × 40 % = 20; conversion 0.2 → 80 × 30 % = 24;
      // first response 15 h → 75 × 20 % = 15; CSAT 4 → (4−1)/4 = 75 × 10 % = 7.5; total 66.5 → C
      const result = computeScore(rules, {
        target_attainment: 0.8,
        conversion: 0.2,
        first_response_time: 15,
        csat: 4,
      });
      expect(result.total).toBe(66.5);
      expect(result.grade).toBe('C');
      expect(result.kpis).toEqual([
        {
          kpi: 'target_attainment',
          raw: 0.8,
          measured: true,
          normalised: 50,
          weightPercent: 40,
          effectiveWeightPercent: 40,
          contribution: 20,
        },
        {
          kpi: 'conversion',
          raw: 0.2,
          measured: true,
          normalised: 80,
          weightPercent: 30,
          effectiveWeightPercent: 30,
          contribution: 24,
        },
        {
          kpi: 'first_response_time',
          raw: 15,
          measured: true,
          normalised: 75,
          weightPercent: 20,
          effectiveWeightPercent: 20,
          contribution: 15,
        },
        {
          kpi: 'csat',
          raw: 4,
          measured: true,
          normalised: 75,
          weightPercent: 10,
          effectiveWeightPercent: 10,
          contribution: 7.5,
        },
      ]);
    });

    it('shares an unmeasured KPI’s weight over the measured ones in proportion', () => {
      // No CSAT: the measured weights 40+30+20 = 90 scale to 44.44 / 33.33 / 22.22 %.
      // total = (50×40 + 80×30 + 75×20) / 90 = (2000 + 2400 + 1500) / 90 = 65.555… → 65.56
      const result = computeScore(rules, {
        target_attainment: 0.8,
        conversion: 0.2,
        first_response_time: 15,
      });
      expect(result.total).toBe(65.56);
      const csat = result.kpis.find((kpi) => kpi.kpi === 'csat');
      expect(csat).toMatchObject({ raw: null, measured: false, effectiveWeightPercent: 0, contribution: 0 });
      expect(result.kpis[0]).toMatchObject({ effectiveWeightPercent: 44.44, contribution: 22.22 });
    });

    it('gives no score and no grade when nothing was measured', () => {
      expect(computeScore(rules, {})).toMatchObject({ total: null, grade: null });
    });
  });

  describe('grade bands', () => {
    it('takes the highest band whose minimum the score reaches', () => {
      expect(gradeFor(85, DEFAULT_GRADE_BANDS)).toBe('A');
      expect(gradeFor(84.99, DEFAULT_GRADE_BANDS)).toBe('B');
      expect(gradeFor(70, DEFAULT_GRADE_BANDS)).toBe('B');
      expect(gradeFor(50, DEFAULT_GRADE_BANDS)).toBe('C');
      expect(gradeFor(49.99, DEFAULT_GRADE_BANDS)).toBe('D');
    });
  });

  describe('definition rules', () => {
    it('refuses weights that do not sum to 100 %', () => {
      const errors = scorecardRuleErrors({
        ...rules,
        kpis: rules.kpis.map((kpi, i) => (i === 0 ? { ...kpi, weightPercent: 35 } : kpi)),
      });
      expect(errors).toEqual([{ field: 'kpis', message: 'weights must sum to 100 %, they sum to 95 %' }]);
    });

    it('refuses a normalisation whose 0-point and 100-point are equal', () => {
      const errors = scorecardRuleErrors({
        ...rules,
        kpis: rules.kpis.map((kpi, i) => (i === 1 ? { ...kpi, zeroPoint: 0.2, hundredPoint: 0.2 } : kpi)),
      });
      expect(errors.map((error) => error.field)).toEqual(['kpis.1.hundredPoint']);
    });

    it('refuses a KPI listed twice and bands out of order', () => {
      const errors = scorecardRuleErrors({
        kpis: [
          { kpi: 'csat', weightPercent: 50, zeroPoint: 1, hundredPoint: 5 },
          { kpi: 'csat', weightPercent: 50, zeroPoint: 1, hundredPoint: 5 },
        ],
        gradeBands: { A: 70, B: 80, C: 50 },
      });
      expect(errors.map((error) => error.field)).toEqual(['kpis.1.kpi', 'gradeBands']);
    });

    it('accepts a sound definition', () => {
      expect(scorecardRuleErrors(rules)).toEqual([]);
    });
  });

  describe('earned grades with hysteresis', () => {
    const bands = DEFAULT_GRADE_BANDS;
    const margin = 3;

    it('keeps a grade whose score crosses a boundary once by less than the margin', () => {
      // B held, score 86: band A, but 86 < 85 + 3 and the previous period was B → stays B
      expect(earnGrade({ held: 'B', score: 86, previousBand: 'B', bands, margin })).toBe('B');
      // B held, score 68: band C, but 68 ≥ 70 − 3 → stays B
      expect(earnGrade({ held: 'B', score: 68, previousBand: 'B', bands, margin })).toBe('B');
    });

    it('moves a grade that clears the boundary by the margin', () => {
      expect(earnGrade({ held: 'B', score: 88, previousBand: 'B', bands, margin })).toBe('A');
      expect(earnGrade({ held: 'B', score: 66.99, previousBand: 'B', bands, margin })).toBe('C');
    });

    it('moves a grade indicated two periods in a row', () => {
      expect(earnGrade({ held: 'B', score: 86, previousBand: 'A', bands, margin })).toBe('A');
    });

    it('gives a subject with no grade yet the band of its score', () => {
      expect(earnGrade({ held: null, score: 86, previousBand: null, bands, margin })).toBe('A');
    });
  });
});
