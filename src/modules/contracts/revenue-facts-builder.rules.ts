import { allocateProportionally } from '../../common/money/money';
import type { LocalDate } from '../../common/calendar/working-days';
import type { RevenueMeasure } from './revenue-facts';

/** Everything about one contract that its revenue facts depend on. */
export interface ContractFactInput {
  id: string;
  booked: boolean;
  currency: string;
  signedOn: LocalDate | null;
  endsOn: LocalDate;
  terminatedOn: LocalDate | null;
  fromLead: boolean;
  cycleDays: number | null;
  regionCode: string | null;
  industry: string | null;
  lines: { lineTotalMinor: number; productLineShares: { productLineId: string; weight: number }[] }[];
  credits: { vendorId: string | null; repId: string | null; salesUnitId: string | null; shareBps: number }[];
  payments: { id: string; kind: 'payment' | 'refund'; amountMinor: number; paidOn: LocalDate }[];
  /** The customer's earliest signed contract. */
  firstOfCustomer: boolean;
  /** A renewal of this contract has been signed. */
  renewalSigned: boolean;
}

export interface FactRow {
  contractId: string;
  sourceId: string | null;
  measure: RevenueMeasure;
  day: LocalDate;
  vendorId: string | null;
  repId: string | null;
  salesUnitId: string | null;
  regionCode: string | null;
  industry: string | null;
  productLineId: string | null;
  currency: string;
  shareBps: number;
  amountMinor: number;
  contractCount: number;
  cycleDays: number;
}

interface Part {
  creditIndex: number;
  productLineId: string | null;
  amountMinor: number;
}

/** Weights that allocateProportionally accepts: all-zero weights become equal ones. */
function usable(weights: number[]): number[] {
  return weights.some((weight) => weight > 0) ? weights : weights.map(() => 1);
}

/** Splits a negative amount (a refund) as the mirror image of the positive one, cent for cent. */
function allocate(total: number, weights: number[]): number[] {
  if (total >= 0) return allocateProportionally(total, usable(weights));
  return allocateProportionally(-total, usable(weights)).map((part) => -part);
}

/**
 * Splits an amount over the contract's lines (by line total), each line over its product lines (a
 * bundle's members), then each part over the credits by share: exact at every step, so the parts add up
 * to the amount. The first part is the lead seller's (largest credit) on the largest product line.
 */
export function splitOverLinesAndCredits(amountMinor: number, input: ContractFactInput): Part[] {
  const creditOrder = input.credits
    .map((credit, index) => ({ index, share: credit.shareBps }))
    .sort((a, b) => b.share - a.share || a.index - b.index)
    .map((entry) => entry.index);
  const byLine = new Map<string | null, number>();
  if (input.lines.length === 0) byLine.set(null, amountMinor);
  else {
    const lineAmounts = allocate(
      amountMinor,
      input.lines.map((l) => l.lineTotalMinor),
    );
    input.lines.forEach((line, index) => {
      const shares = line.productLineShares.length
        ? line.productLineShares
        : [{ productLineId: '', weight: 1 }];
      const parts = allocate(
        lineAmounts[index],
        shares.map((s) => s.weight),
      );
      shares.forEach((share, i) => {
        const key = share.productLineId || null;
        byLine.set(key, (byLine.get(key) ?? 0) + parts[i]);
      });
    });
  }
  const productLines = [...byLine].sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
  const result: Part[] = [];
  for (const creditIndex of creditOrder) {
    for (const [productLineId] of productLines) result.push({ creditIndex, productLineId, amountMinor: 0 });
  }
  const weights = input.credits.map((credit) => credit.shareBps);
  for (const [lineIndex, [, lineAmount]] of productLines.entries()) {
    const perCredit = allocate(lineAmount, weights);
    creditOrder.forEach((creditIndex, orderIndex) => {
      result[orderIndex * productLines.length + lineIndex].amountMinor = perCredit[creditIndex];
    });
  }
  return result;
}

/**
 * The fact rows of one contract (functional core: no I/O). A contract counts once per measure, on its
 * first part, so counts never double across sellers or product lines.
 */
export function buildRevenueFacts(input: ContractFactInput): FactRow[] {
  const rows: FactRow[] = [];
  const emit = (
    measure: RevenueMeasure,
    day: LocalDate,
    amountMinor: number,
    counted: boolean,
    sourceId: string | null = null,
  ) => {
    splitOverLinesAndCredits(amountMinor, input).forEach((part, index) => {
      const credit = input.credits[part.creditIndex];
      const first = index === 0 && counted;
      rows.push({
        contractId: input.id,
        sourceId,
        measure,
        day,
        vendorId: credit.vendorId,
        repId: credit.repId,
        salesUnitId: credit.salesUnitId,
        regionCode: input.regionCode,
        industry: input.industry,
        productLineId: part.productLineId,
        currency: input.currency,
        shareBps: credit.shareBps,
        amountMinor: part.amountMinor,
        contractCount: first ? 1 : 0,
        cycleDays: first && measure === 'won_deals' ? (input.cycleDays ?? 0) : 0,
      });
    });
  };
  if (input.credits.length === 0) return rows;
  const total = input.lines.reduce((sum, line) => sum + line.lineTotalMinor, 0);
  if (input.booked && input.signedOn) {
    emit('bookings', input.signedOn, total, true);
    if (input.firstOfCustomer) emit('new_customers', input.signedOn, total, true);
    if (input.fromLead) emit('won_deals', input.signedOn, total, true);
    const endedEarly = input.terminatedOn !== null && input.terminatedOn < input.endsOn;
    if (!endedEarly) {
      emit('up_for_renewal', input.endsOn, total, true);
      if (input.renewalSigned) emit('renewed', input.endsOn, total, true);
    }
  }
  for (const payment of input.payments) {
    const signed = payment.kind === 'refund' ? -payment.amountMinor : payment.amountMinor;
    emit('revenue', payment.paidOn, signed, false, payment.id);
  }
  return rows.filter((row) => row.amountMinor !== 0 || row.contractCount !== 0);
}
