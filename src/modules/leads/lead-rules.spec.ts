import { DataScope } from '../../common/auth/data-scope';
import { Role } from '../../common/auth/role';
import { nextFollowUpDue } from './follow-up-plan';
import { CompanySizeBand, FollowUpPlanKind, LeadGrade, LeadSource, LeadStatus } from './lead.enums';
import { parseCsv } from './intake/lead-csv';
import {
  DEFAULT_GRADING_SETTINGS,
  gradeLead,
  GradingInput,
  type GradingSettings,
  gradingSettingsErrors,
  mergeGradingSettings,
} from './grading/lead-grading';
import { decideKeyLead, NAMED_ACCOUNT_TAG } from './grading/lead-grading.service';
import { contactsVisible, maskEmail, maskName, maskPhone } from './personal-data/lead-masking';
import { industryInScope, regionInScope } from './lead-references';
import { isLegalTransition, LEAD_STATUS_TRANSITIONS } from './lead-status';

const DAY_MS = 24 * 3600 * 1000;

describe('lead status machine', () => {
  it.each([
    ['new', 'assigned'],
    ['new', 'contacted'],
    ['contacted', 'qualified'],
    ['qualified', 'won'],
    ['negotiating', 'won'],
    ['negotiating', 'qualified'],
    ['assigned', 'lost'],
  ])('allows %s → %s', (from, to) => {
    expect(isLegalTransition(from as LeadStatus, to as LeadStatus)).toBe(true);
  });

  it.each([
    ['new', 'won'],
    ['new', 'lost'],
    ['contacted', 'negotiating'],
    ['qualified', 'rejected'],
    ['won', 'lost'],
    ['lost', 'contacted'],
    ['rejected', 'new'],
  ])('refuses %s → %s', (from, to) => {
    expect(isLegalTransition(from as LeadStatus, to as LeadStatus)).toBe(false);
  });

  it('ends in won, lost and rejected', () => {
    for (const status of [LeadStatus.WON, LeadStatus.LOST, LeadStatus.REJECTED])
      expect(LEAD_STATUS_TRANSITIONS[status]).toEqual([]);
  });
});

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

  it('keeps a hand-set key-lead flag and flags named accounts by rule', () => {
    expect(decideKeyLead({ keyLead: false, setBy: 'manual', reason: 'no' }, true, [])).toEqual({
      keyLead: false,
      setBy: 'manual',
      reason: 'no',
    });
    expect(
      decideKeyLead({ keyLead: false, setBy: null, reason: null }, false, [NAMED_ACCOUNT_TAG]).keyLead,
    ).toBe(true);
    expect(decideKeyLead({ keyLead: true, setBy: 'rule', reason: 'x' }, false, [])).toEqual({
      keyLead: false,
      setBy: null,
      reason: null,
    });
  });

  it('flags a lead matching a named account by rule, with the account in the reason, before the tag rule', () => {
    expect(
      decideKeyLead({ keyLead: false, setBy: null, reason: null }, true, [NAMED_ACCOUNT_TAG], 'Haier Group'),
    ).toEqual({ keyLead: true, setBy: 'rule', reason: 'named account: Haier Group' });
    expect(
      decideKeyLead({ keyLead: false, setBy: 'manual', reason: 'not now' }, false, [], 'Haier Group'),
    ).toEqual({ keyLead: false, setBy: 'manual', reason: 'not now' });
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

  it('counts a region under a listed country as in scope', () => {
    expect(regionInScope('CN-GD', ['CN'])).toBe(true);
    expect(regionInScope('HU-BU', ['CN', 'HU-PE'])).toBe(false);
    expect(regionInScope('HU-BU', null)).toBe(true);
    expect(regionInScope(null, null)).toBe(false);
    expect(regionInScope('CN-GD', [])).toBe(false);
    expect(industryInScope('retail', null)).toBe(true);
    expect(industryInScope('retail', ['energy'])).toBe(false);
    expect(industryInScope(null, null)).toBe(false);
  });
});

describe('follow-up plans', () => {
  const from = new Date('2026-01-31T09:00:00Z');

  it.each([
    [{ kind: FollowUpPlanKind.EVERY_N_DAYS, intervalDays: 3 }, '2026-02-03T09:00:00.000Z'],
    [{ kind: FollowUpPlanKind.WEEKLY }, '2026-02-07T09:00:00.000Z'],
    [{ kind: FollowUpPlanKind.MONTHLY }, '2026-02-28T09:00:00.000Z'],
    [
      {
        kind: FollowUpPlanKind.DATES,
        dates: ['2026-03-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-02-10T00:00:00Z'],
      },
      '2026-02-10T00:00:00.000Z',
    ],
  ])('%o → %s', (plan, expected) => {
    expect(nextFollowUpDue(plan, from)?.toISOString()).toBe(expected);
  });

  it('has nothing due when the explicit dates have passed or there is no plan', () => {
    expect(
      nextFollowUpDue({ kind: FollowUpPlanKind.DATES, dates: ['2025-01-01T00:00:00Z'] }, from),
    ).toBeNull();
    expect(nextFollowUpDue(null, from)).toBeNull();
  });
});

describe('contact masking', () => {
  const vendorA = '00000000-0000-4000-8000-00000000000a';
  const vendorB = '00000000-0000-4000-8000-00000000000b';
  const principal = { subjectId: 'x', kind: 'user' as const, name: 'x', repId: null };

  it('shows contacts to company-wide callers and to the owning vendor only', () => {
    const manager = DataScope.of({ ...principal, role: Role.SALES_MANAGER, vendorId: null });
    const vendor = DataScope.of({ ...principal, role: Role.VENDOR_MANAGER, vendorId: vendorA });
    expect(contactsVisible(manager, null)).toBe(true);
    expect(contactsVisible(manager, vendorB)).toBe(true);
    expect(contactsVisible(vendor, vendorA)).toBe(true);
    expect(contactsVisible(vendor, vendorB)).toBe(false);
    expect(contactsVisible(vendor, null)).toBe(false);
  });

  it('masks names, phones and emails', () => {
    expect(maskName('张伟')).toBe('张*');
    expect(maskName('Kovács Péter')).toBe('K***********');
    expect(maskPhone('+8613812345678')).toBe('+86138****5678');
    expect(maskPhone('+3612345678')).toBe('+36******78');
    expect(maskEmail('zhang.wei@example.cn')).toBe('z***@example.cn');
    expect(maskEmail(null)).toBeNull();
  });
});

describe('CSV parsing', () => {
  it('reads quoted cells with commas, quotes and line breaks, CRLF and a BOM', () => {
    const result = parseCsv(
      '\uFEFFcompanyName,needs\r\n"Acme, Inc.","He said ""hi""\ntwice"\r\n\r\n华为,x\n',
      10,
    );
    expect(result).toEqual({
      ok: true,
      header: ['companyName', 'needs'],
      rows: [
        ['Acme, Inc.', 'He said "hi"\ntwice'],
        ['华为', 'x'],
      ],
    });
  });

  it('names the row whose cell count does not match the header', () => {
    const result = parseCsv('a,b\n1,2\n3\n', 10);
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'rows.1' }] });
  });

  it('refuses more rows than allowed and an unclosed quote', () => {
    expect(parseCsv('a\n1\n2\n3\n', 2)).toMatchObject({ ok: false, errors: [{ field: 'rows' }] });
    expect(parseCsv('a\n"open\n', 2)).toMatchObject({ ok: false });
  });
});
