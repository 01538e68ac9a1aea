import {
  DEFAULT_PLAUSIBILITY_RULES,
  haversineKm,
  isImpossibleTravel,
  isLateReport,
} from './plausibility.rules';

const shanghai = { latitude: 31.2304, longitude: 121.4737 };
const beijing = { latitude: 39.9042, longitude: 116.4074 };
const budapest = { latitude: 47.4979, longitude: 19.0402 };
const debrecen = { latitude: 47.5316, longitude: 21.6273 };

describe('plausibility rules', () => {
  it('measures great-circle distances', () => {
    expect(haversineKm(shanghai, beijing)).toBeGreaterThan(1060);
    expect(haversineKm(shanghai, beijing)).toBeLessThan(1075);
    expect(haversineKm(budapest, debrecen)).toBeCloseTo(194, -1);
    expect(haversineKm(budapest, budapest)).toBe(0);
  });

  it('flags two visits 194 km apart within an hour but not within three', () => {
    const km = haversineKm(budapest, debrecen);
    expect(isImpossibleTravel(km, 3600, DEFAULT_PLAUSIBILITY_RULES)).toBe(true);
    expect(isImpossibleTravel(km, 3 * 3600, DEFAULT_PLAUSIBILITY_RULES)).toBe(false);
  });

  it('never flags visits next door, and always flags distant visits with no time between', () => {
    expect(isImpossibleTravel(0.5, 0, DEFAULT_PLAUSIBILITY_RULES)).toBe(false);
    expect(isImpossibleTravel(50, 0, DEFAULT_PLAUSIBILITY_RULES)).toBe(true);
  });

  it('flags a report filed after the configured lag', () => {
    const occurred = new Date('2026-11-02T09:00:00Z');
    expect(isLateReport(occurred, new Date('2026-11-05T09:00:00Z'), DEFAULT_PLAUSIBILITY_RULES)).toBe(false);
    expect(isLateReport(occurred, new Date('2026-11-05T09:00:01Z'), DEFAULT_PLAUSIBILITY_RULES)).toBe(true);
    expect(
      isLateReport(occurred, new Date('2026-11-02T12:00:01Z'), {
        ...DEFAULT_PLAUSIBILITY_RULES,
        maxReportLagHours: 3,
      }),
    ).toBe(true);
  });
});
