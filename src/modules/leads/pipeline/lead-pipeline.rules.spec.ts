import {
  DEFAULT_FORECAST_CATEGORY_RULE,
  forecastCategoryOf,
  forecastCategoryRuleErrors,
} from './lead-pipeline.rules';
import { LeadStatus } from '../lead.enums';
import {
  DEFAULT_STATUS_PROBABILITIES,
  effectiveWinProbability,
  statusProbabilityErrors,
  weightedAmountMinor,
} from './lead-pipeline.rules';

describe('pipeline value rules', () => {
  it('a lead without its own probability takes its status default; its own overrides it', () => {
    expect(effectiveWinProbability(LeadStatus.QUALIFIED, null, DEFAULT_STATUS_PROBABILITIES)).toBe(40);
    expect(effectiveWinProbability(LeadStatus.NEGOTIATING, null, DEFAULT_STATUS_PROBABILITIES)).toBe(70);
    expect(effectiveWinProbability(LeadStatus.QUALIFIED, 85, DEFAULT_STATUS_PROBABILITIES)).toBe(85);
    expect(effectiveWinProbability(LeadStatus.WON, null, DEFAULT_STATUS_PROBABILITIES)).toBe(100);
    expect(effectiveWinProbability(LeadStatus.LOST, null, DEFAULT_STATUS_PROBABILITIES)).toBe(0);
  });

  it('the weighted amount rounds half away from zero to a minor unit', () => {
    // 1 000.05 CNY at 40 % = 400.02 exactly; 333 minor at 50 % = 166.5 → 167.
    expect(weightedAmountMinor(100005, 40)).toBe(40002);
    expect(weightedAmountMinor(333, 50)).toBe(167);
    expect(weightedAmountMinor(0, 70)).toBe(0);
  });

  it('default probabilities are whole percentages that never fall from one stage to the next', () => {
    expect(statusProbabilityErrors(DEFAULT_STATUS_PROBABILITIES)).toEqual([]);
    expect(statusProbabilityErrors({ ...DEFAULT_STATUS_PROBABILITIES, qualified: 101 })).toEqual([
      { field: 'probabilities.qualified', message: 'must be a whole number from 0 to 100' },
    ]);
    expect(statusProbabilityErrors({ ...DEFAULT_STATUS_PROBABILITIES, negotiating: 30 })).toEqual([
      { field: 'probabilities.negotiating', message: 'must not be below qualified (40)' },
    ]);
  });
});

describe('forecast categories', () => {
  const rule = { commitFromPct: 70, bestCaseFromPct: 50 };

  it('derives commit from 70 %, best case from 50 %, pipeline below, by default', () => {
    expect(DEFAULT_FORECAST_CATEGORY_RULE).toEqual(rule);
    expect(forecastCategoryOf(70, null, rule)).toBe('commit');
    expect(forecastCategoryOf(69, null, rule)).toBe('best_case');
    expect(forecastCategoryOf(50, null, rule)).toBe('best_case');
    expect(forecastCategoryOf(49, null, rule)).toBe('pipeline');
  });

  it('keeps a lead’s own category whatever its probability', () => {
    expect(forecastCategoryOf(10, 'commit', rule)).toBe('commit');
    expect(forecastCategoryOf(95, 'pipeline', rule)).toBe('pipeline');
  });

  it('refuses thresholds outside 0–100 or best case above commit, naming the field', () => {
    expect(forecastCategoryRuleErrors({ commitFromPct: 101, bestCaseFromPct: 50 })).toEqual([
      { field: 'forecastCategories.commitFromPct', message: 'must be a whole number from 0 to 100' },
    ]);
    expect(forecastCategoryRuleErrors({ commitFromPct: 60, bestCaseFromPct: 61 })).toEqual([
      { field: 'forecastCategories.bestCaseFromPct', message: 'must not be above commitFromPct (60)' },
    ]);
    expect(forecastCategoryRuleErrors(rule)).toEqual([]);
  });
});
