import {
  AgreementKpi,
  kpiClauseErrors,
  lastFullMonth,
  monthActuals,
  monthlyKpiBreaches,
  sumFactsByVendor,
} from './agreement-kpis.rules';

describe('agreement KPIs', () => {
  // Worked example, by hand: a vendor with two reps in October.
  //   calls/visits: rep 1 did 30 of 40 expected, rep 2 did 25 of 40 → 55 / 80 = 68.75 %
  //   leads: 12 + 8 = 20 taken in, 2 + 1 = 3 won → 15 %
  //   CSAT: answers 3 + 1 = 4, ratings 11 + 3 = 14 → 3.5
  const facts = sumFactsByVendor([
    { vendorId: 'v', reportsDone: 30, reportsExpected: 40, leadsTakenIn: 12, leadsWon: 2 },
    { vendorId: 'v', reportsDone: 25, reportsExpected: 40, leadsTakenIn: 8, leadsWon: 1 },
    { vendorId: 'v', csatAnswers: 3, csatRatingTotal: 11 },
    { vendorId: 'v', csatAnswers: 1, csatRatingTotal: 3 },
    { vendorId: null, reportsDone: 99, reportsExpected: 1 },
  ]);

  it('sums the reps’ facts per vendor and derives compliance, conversion and CSAT', () => {
    expect([...facts.keys()]).toEqual(['v']);
    expect(monthActuals(facts.get('v')!)).toEqual({
      callCompliancePercent: 68.75,
      conversionPercent: 15,
      csatAverage: 3.5,
    });
  });

  it('breaches the clauses the actuals fall strictly below', () => {
    const breaches = monthlyKpiBreaches(
      { minCallCompliancePercent: 80, minConversionPercent: 15, minCsat: 4 },
      monthActuals(facts.get('v')!),
    );
    // Conversion is exactly on its minimum (15 %): kept.
    expect(breaches).toEqual([
      { kpi: AgreementKpi.MIN_CALL_COMPLIANCE, threshold: 80, actual: 68.75 },
      { kpi: AgreementKpi.MIN_CSAT, threshold: 4, actual: 3.5 },
    ]);
  });

  it('does not judge a clause with nothing to measure (no quota, no leads, no answers)', () => {
    const actuals = monthActuals({
      reportsDone: 0,
      reportsExpected: 0,
      leadsTakenIn: 0,
      leadsWon: 0,
      csatAnswers: 0,
      csatRatingTotal: 0,
    });
    expect(
      monthlyKpiBreaches({ minCallCompliancePercent: 90, minConversionPercent: 5, minCsat: 4 }, actuals),
    ).toEqual([]);
  });

  it('needs a first-response clause before rerouting on its breach', () => {
    expect(kpiClauseErrors({ rerouteOnBreach: true })).toEqual([
      { field: 'kpis.rerouteOnBreach', message: 'needs kpis.firstResponseHours' },
    ]);
    expect(kpiClauseErrors({ rerouteOnBreach: true, firstResponseHours: 8 })).toEqual([]);
  });

  it('measures the last full month before today, across a year end', () => {
    expect(lastFullMonth(new Date('2026-11-03T09:00:00Z'), 'Europe/Budapest')).toEqual({
      key: '2026-10',
      start: '2026-10-01',
      end: '2026-11-01',
      last: '2026-10-31',
      // Budapest is UTC+2 in summer time until 25 October, UTC+1 after it.
      startsAt: new Date('2026-09-30T22:00:00Z'),
      endsAt: new Date('2026-10-31T23:00:00Z'),
    });
    expect(lastFullMonth(new Date('2027-01-15T09:00:00Z'), 'Europe/Budapest')).toMatchObject({
      key: '2026-12',
      start: '2026-12-01',
      end: '2027-01-01',
    });
  });

  it('KPI months are the vendor’s own months', () => {
    // 2026-11-30T16:30Z is 1 December 00:30 in Shanghai (UTC+8): November is over there, not yet in UTC.
    expect(lastFullMonth(new Date('2026-11-30T16:30:00Z'), 'Asia/Shanghai')).toEqual({
      key: '2026-11',
      start: '2026-11-01',
      end: '2026-12-01',
      last: '2026-11-30',
      startsAt: new Date('2026-10-31T16:00:00Z'),
      endsAt: new Date('2026-11-30T16:00:00Z'),
    });
    expect(lastFullMonth(new Date('2026-11-30T16:30:00Z'), 'Europe/Budapest').key).toBe('2026-10');
  });
});
