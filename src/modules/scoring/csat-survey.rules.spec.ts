import { surveyStatus } from './csat-survey.rules';

describe('surveyStatus', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  const expiresAt = new Date('2026-03-24T12:00:00Z');

  it('is pending before the expiry while unanswered', () => {
    expect(surveyStatus({ usedAt: null, expiresAt }, now)).toBe('pending');
  });

  it('is expired at the expiry instant and after it', () => {
    expect(surveyStatus({ usedAt: null, expiresAt }, expiresAt)).toBe('expired');
    expect(surveyStatus({ usedAt: null, expiresAt }, new Date('2026-04-01T00:00:00Z'))).toBe('expired');
  });

  it('stays answered once used, even after the expiry', () => {
    const usedAt = new Date('2026-03-11T08:00:00Z');
    expect(surveyStatus({ usedAt, expiresAt }, now)).toBe('answered');
    expect(surveyStatus({ usedAt, expiresAt }, new Date('2026-05-01T00:00:00Z'))).toBe('answered');
  });
});
