import { DomainException } from '../../common/errors/domain.exception';
import { AgreementTerms, checkAgreementTerms } from './agreement-terms.rules';

const terms = (overrides: Partial<AgreementTerms> = {}): AgreementTerms => ({
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  commissionTiers: [],
  perLeadFeeMinor: null,
  retainerFeeMinor: null,
  feeCurrency: null,
  ...overrides,
});

const codeOf = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as DomainException).code;
  }
};

describe('agreement terms', () => {
  it('accepts a one-day agreement', () => {
    expect(codeOf(() => checkAgreementTerms(terms({ endsOn: '2026-01-01' })))).toBeUndefined();
  });

  it('refuses an agreement ending before it starts', () => {
    expect(codeOf(() => checkAgreementTerms(terms({ endsOn: '2025-12-31' })))).toBe(
      'AGREEMENT_ENDS_BEFORE_START',
    );
  });

  it('refuses commission tiers whose thresholds do not ascend', () => {
    const tiers = [
      { minAttainmentPercent: 100, commissionRateBps: 1000 },
      { minAttainmentPercent: 100, commissionRateBps: 1200 },
    ];
    expect(codeOf(() => checkAgreementTerms(terms({ commissionTiers: tiers })))).toBe(
      'AGREEMENT_FEE_INVALID',
    );
  });

  it('refuses a retainer without a currency', () => {
    expect(codeOf(() => checkAgreementTerms(terms({ retainerFeeMinor: 100 })))).toBe('AGREEMENT_FEE_INVALID');
    expect(
      codeOf(() => checkAgreementTerms(terms({ retainerFeeMinor: 100, feeCurrency: 'HUF' }))),
    ).toBeUndefined();
  });
});
