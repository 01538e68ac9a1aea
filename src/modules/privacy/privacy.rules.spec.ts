import { contactPersonMatchOf, retentionCutoff } from './privacy.rules';

describe('contact retention cutoff', () => {
  it('goes N calendar months back from the start of the day: 2026-12-02 15:00 with 6 months is 2026-06-02', () => {
    expect(retentionCutoff(new Date('2026-12-02T15:00:00Z'), 6).toISOString()).toBe(
      '2026-06-02T00:00:00.000Z',
    );
  });

  it('crosses the year: 2026-02-10 with 3 months is 2025-11-10', () => {
    expect(retentionCutoff(new Date('2026-02-10T00:00:01Z'), 3).toISOString()).toBe(
      '2025-11-10T00:00:00.000Z',
    );
  });

  it('falls to the last day of a shorter month: 2026-03-31 with 1 month is 2026-02-28, 2028-03-31 is 2028-02-29', () => {
    expect(retentionCutoff(new Date('2026-03-31T08:00:00Z'), 1).toISOString()).toBe(
      '2026-02-28T00:00:00.000Z',
    );
    expect(retentionCutoff(new Date('2028-03-31T08:00:00Z'), 1).toISOString()).toBe(
      '2028-02-29T00:00:00.000Z',
    );
  });

  it('is the same cutoff for every tick of one day, so a day clears once', () => {
    expect(retentionCutoff(new Date('2026-12-02T00:00:00Z'), 12)).toEqual(
      retentionCutoff(new Date('2026-12-02T23:59:59Z'), 12),
    );
  });
});

describe('naming a data subject', () => {
  it('normalises email and phone as intake stores them', () => {
    expect(contactPersonMatchOf({ email: ' Nagy.Anna@Example.HU ', phone: '+36 30 555 1234' })).toEqual({
      ok: true,
      match: { email: 'nagy.anna@example.hu', phone: '+36305551234' },
    });
    expect(contactPersonMatchOf({ phone: '138 1234 5678' })).toEqual({
      ok: true,
      match: { email: null, phone: '+8613812345678' },
    });
  });

  it('needs an email or a phone', () => {
    expect(contactPersonMatchOf({})).toEqual({
      ok: false,
      errors: [{ field: 'email', message: 'or phone is required to find the person' }],
    });
    expect(contactPersonMatchOf({ email: '  ', phone: '' }).ok).toBe(false);
  });

  it('names each field it cannot read', () => {
    const result = contactPersonMatchOf({ email: 'not-an-email', phone: '12' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((error) => error.field)).toEqual(['email', 'phone']);
  });
});
