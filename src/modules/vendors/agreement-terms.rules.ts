import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import type { CommissionTier, PerLeadFeeKind } from './agreement.entity';

export interface AgreementTerms {
  startsOn: string;
  endsOn: string;
  commissionTiers: CommissionTier[];
  perLeadFeeMinor: number | null;
  perLeadFeeKind?: PerLeadFeeKind | null;
  commissionCapMinor?: number | null;
  retainerFeeMinor: number | null;
  feeCurrency: string | null;
}

/** Rules that span fields of an agreement: dates in order, tiers ascending, money fees with a currency. */
export function checkAgreementTerms(terms: AgreementTerms): void {
  // YYYY-MM-DD strings compare like the dates they name.
  if (terms.endsOn < terms.startsOn) {
    throw new DomainException(
      ErrorCode.AGREEMENT_ENDS_BEFORE_START,
      `The agreement ends (${terms.endsOn}) before it starts (${terms.startsOn})`,
      [{ field: 'endsOn', message: 'must not be before startsOn' }],
    );
  }
  const errors = [];
  const tiers = terms.commissionTiers;
  for (let i = 1; i < tiers.length; i++) {
    if (tiers[i].minAttainmentPercent <= tiers[i - 1].minAttainmentPercent) {
      errors.push({
        field: `commissionTiers.${i}.minAttainmentPercent`,
        message: 'thresholds must be strictly ascending',
      });
    }
  }
  const capped = terms.commissionCapMinor !== undefined && terms.commissionCapMinor !== null;
  if ((terms.perLeadFeeMinor !== null || terms.retainerFeeMinor !== null || capped) && !terms.feeCurrency) {
    errors.push({ field: 'feeCurrency', message: 'is required with a per-lead fee, a retainer or a cap' });
  }
  // A kind without a fee pays nothing: a mistake. A fee without a kind pays per accepted lead (the service sets it).
  if (terms.perLeadFeeKind && terms.perLeadFeeMinor === null) {
    errors.push({ field: 'perLeadFeeKind', message: 'needs a per-lead fee' });
  }
  if (errors.length) {
    throw new DomainException(ErrorCode.AGREEMENT_FEE_INVALID, 'The fee structure is inconsistent', errors);
  }
}
