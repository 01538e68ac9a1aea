import { CompanySizeBand, LeadGrade, LeadSource, LeadStatus } from '../lead.enums';
import {
  DEFAULT_GRADING_SETTINGS,
  gradeLead,
  GradingInput,
  type GradingSettings,
  gradingSettingsErrors,
  mergeGradingSettings,
} from './lead-grading.rules';

const DAY_MS = 24 * 3600 * 1000;

describe('lead grading', () => {
  const defaults = DEFAULT_GRADING_SETTINGS;
  const now = new Date('2026-11-23T12:00:00Z');
  const base: GradingInput = {
    industryCode: 'manufacturing',
    industryInScope: true,
    sizeBand: CompanySizeBand.LARGE,
    regionCode: 'CN-GD',
    regionInScope: true,
    source: LeadSource.REFERRAL,
    touchCount: 1,
    lastActivityAt: now,
    createdAt: now,
    status: LeadStatus.NEW,
    lostNoChance: false,
  };

  it('gives industry and region points only where a vendor covers them, so a fresh lead nobody can serve grades low', () => {
    // Referral (20), large (20), one touch (4), today (15): 59 with coverage lost on both counts — medium;
    // with industry (10) and region (15) covered: 84 — high.
    const uncovered = gradeLead({ ...base, industryInScope: false, regionInScope: false }, now, defaults);
    expect(uncovered.factors.slice(0, 3)).toEqual([
      { factor: 'industry', detail: 'industry manufacturing known but no vendor covers it', points: 0 },
      { factor: 'size', detail: 'size band large', points: 20 },
      { factor: 'region', detail: 'region CN-GD outside scope', points: 0 },
    ]);
    expect(uncovered.score).toBe(59);
    expect(gradeLead(base, now, defaults).score).toBe(84);
    // An imported micro lead in an uncovered industry and region: 0 + 0 + 0 + 4 + 15 + 4 = 23 — low.
    const fresh = gradeLead(
      {
        ...base,
        sizeBand: CompanySizeBand.MICRO,
        source: LeadSource.IMPORT,
        industryInScope: false,
        regionInScope: false,
      },
      now,
      defaults,
    );
    expect([fresh.score, fresh.grade]).toEqual([23, 'low']);
  });

  it('explains the score as the sum of its factors', () => {
    const result = gradeLead(base, now, defaults);
    expect(result.factors.map((factor) => [factor.factor, factor.points])).toEqual([
      ['industry', 10],
      ['size', 20],
      ['region', 15],
      ['touches', 4],
      ['recency', 15],
      ['source', 20],
    ]);
    expect(result.score).toBe(84);
    expect(result.grade).toBe(LeadGrade.HIGH);
    expect(result.keyLeadByRule).toBe(true);
  });

  it('maps the score to grades at the configured cut-offs', () => {
    const low = gradeLead(
      { ...base, industryCode: null, sizeBand: null, regionCode: null, source: LeadSource.IMPORT },
      now,
      defaults,
    );
    expect(low.score).toBe(4 + 15 + 4);
    expect(low.grade).toBe(LeadGrade.LOW);
    const medium = gradeLead(
      { ...base, sizeBand: CompanySizeBand.SMALL, regionInScope: false, source: LeadSource.API },
      now,
      defaults,
    );
    expect(medium.score).toBeGreaterThanOrEqual(DEFAULT_GRADING_SETTINGS.cutOffs.medium);
    expect(medium.score).toBeLessThan(DEFAULT_GRADING_SETTINGS.cutOffs.high);
    expect(medium.grade).toBe(LeadGrade.MEDIUM);
    expect(medium.keyLeadByRule).toBe(false);
  });

  it('gives no region points outside the vendor scope', () => {
    const factors = gradeLead({ ...base, regionInScope: false }, now, defaults).factors;
    expect(factors.find((factor) => factor.factor === 'region')).toMatchObject({
      points: 0,
      detail: 'region CN-GD outside scope',
    });
  });

  it('grades dead when lost with no chance, or untouched past the configured days', () => {
    expect(gradeLead({ ...base, status: LeadStatus.LOST, lostNoChance: true }, now, defaults).grade).toBe(
      LeadGrade.DEAD,
    );
    const idle = new Date(now.getTime() - (DEFAULT_GRADING_SETTINGS.deadAfterUntouchedDays + 1) * DAY_MS);
    expect(gradeLead({ ...base, lastActivityAt: idle, createdAt: idle }, now, defaults).grade).toBe(
      LeadGrade.DEAD,
    );
    expect(
      gradeLead({ ...base, lastActivityAt: idle, createdAt: idle, status: LeadStatus.WON }, now, defaults)
        .grade,
    ).not.toBe(LeadGrade.DEAD);
  });

  it('grades with the cut-offs and dead window it is given', () => {
    const strict: GradingSettings = mergeGradingSettings(defaults, {
      cutOffs: { high: 90, medium: 80 },
      deadAfterUntouchedDays: 10,
    });
    expect(gradeLead(base, now, strict)).toMatchObject({
      score: 84,
      grade: LeadGrade.MEDIUM,
      keyLeadByRule: false,
    });
    const idle = new Date(now.getTime() - 11 * DAY_MS);
    expect(gradeLead({ ...base, lastActivityAt: idle }, now, strict).grade).toBe(LeadGrade.DEAD);
    expect(gradeLead({ ...base, lastActivityAt: idle }, now, defaults).grade).not.toBe(LeadGrade.DEAD);
  });

  it('scores with the factor points it is given', () => {
    const settings = mergeGradingSettings(defaults, {
      points: { source: { referral: 0 }, perTouch: 10, touchesCounted: 2 },
    });
    const result = gradeLead({ ...base, touchCount: 5 }, now, settings);
    expect(result.factors.find((factor) => factor.factor === 'source')!.points).toBe(0);
    expect(result.factors.find((factor) => factor.factor === 'touches')!.points).toBe(20);
    expect(settings.points.source.partner).toBe(defaults.points.source.partner);
  });

  it('accepts the default grading settings', () => {
    expect(gradingSettingsErrors(defaults)).toEqual([]);
  });

  it('refuses grading settings with medium not below high, high above 100, dead days outside 1–3650, or fractional or negative points', () => {
    const fields = (change: Parameters<typeof mergeGradingSettings>[1]) =>
      gradingSettingsErrors(mergeGradingSettings(defaults, change)).map((error) => error.field);
    expect(fields({ cutOffs: { high: 50, medium: 50 } })).toEqual(['cutOffs.medium']);
    expect(fields({ cutOffs: { high: 101 } })).toEqual(['cutOffs.high']);
    expect(fields({ cutOffs: { medium: 0 } })).toEqual(['cutOffs.medium']);
    expect(fields({ deadAfterUntouchedDays: 0 })).toEqual(['deadAfterUntouchedDays']);
    expect(fields({ deadAfterUntouchedDays: 3651 })).toEqual(['deadAfterUntouchedDays']);
    expect(fields({ deadAfterUntouchedDays: 3650 })).toEqual([]);
    expect(fields({ points: { perTouch: -1, sizeBand: { large: 2.5 }, source: { h5: 'x' } } })).toEqual([
      'points.sizeBand.large',
      'points.perTouch',
      'points.source.h5',
    ]);
  });
});
