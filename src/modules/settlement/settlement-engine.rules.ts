/**
 * The settlement rules as a functional core: a statement run loads a `SettlementContext` once (the
 * agreement terms in force, revenue facts with their credit splits, attainment, lead events, lines of
 * earlier statements, pending adjustments), `computeStatementLines` turns it into lines with no I/O, and
 * the service writes them in one place. Every amount is computed per line and rounded to what can be
 * paid (`roundToCashUnit`), so a vendor can redo each line with a calculator; totals are per currency.
 */

import type { LocalDate } from '../../common/calendar/working-days';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { allocateProportionally, Money, roundToCashUnit, totalsByCurrency } from '../../common/money/money';
import { Period, periodOf, periodsBetween, periodDays } from '../../common/period/period';
import type { CommissionBasis, CommissionTier, PerLeadFeeKind } from '../vendors/agreement.entity';

export enum SettlementLineKind {
  /** Commission on one revenue fact (a booking or a payment) credited to the payee. */
  COMMISSION = 'commission',
  /** The part of an agreement's commission above its cap for the period (negative). */
  CAP = 'cap',
  /** A fee for one lead event the agreement pays for. */
  PER_LEAD_FEE = 'per_lead_fee',
  /** The monthly retainer, pro rata by days in force. */
  RETAINER = 'retainer',
  /** Commission of an earlier statement taken back: the contract ended inside the clawback window. */
  CLAWBACK = 'clawback',
  /** A correction of an earlier, closed statement: a late fact, or an accepted dispute. */
  ADJUSTMENT = 'adjustment',
}

/** Who a statement pays: an agency as a whole (repId null), or one independent rep. */
export interface Payee {
  vendorId: string;
  repId: string | null;
}

/** An agreement's money terms, with the days (inclusive) it is in force. */
export interface SettlementTerms {
  agreementId: string;
  vendorId: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
  commissionRateBps: number;
  commissionTiers: readonly CommissionTier[];
  commissionBasis: CommissionBasis;
  commissionCapMinor: number | null;
  perLeadFeeMinor: number | null;
  perLeadFeeKind: PerLeadFeeKind | null;
  retainerFeeMinor: number | null;
  feeCurrency: string | null;
  clawbackDays: number;
}

/** One seller's share of a contract, in basis points of the whole (6000 = 60 %). */
export interface CreditShare {
  /** Null for an internal team's credit: it takes its share but is nobody's statement. */
  vendorId: string | null;
  repId: string | null;
  shareBps: number;
}

/** A booking (the contract's value on the day it was signed) or a payment (a refund is negative). */
export interface RevenueFact {
  factId: string;
  contractId: string;
  basis: CommissionBasis;
  date: LocalDate;
  amountMinor: number;
  currency: string;
  credits: readonly CreditShare[];
}

export interface LeadEvent {
  leadId: string;
  kind: PerLeadFeeKind;
  date: LocalDate;
  vendorId: string;
  repId: string | null;
}

/** A commission line of an earlier statement of this payee, as clawbacks and late facts refer to it. */
export interface EarlierCommissionLine {
  lineId: string;
  contractId: string;
  factDate: LocalDate;
  amountMinor: number;
  currency: string;
  rateBps: number;
  tier: string | null;
  clawbackDays: number;
  /** A clawback line already names this line. */
  clawedBack: boolean;
}

export interface ContractEnding {
  contractId: string;
  /** The day the contract was terminated or refunded. */
  endedOn: LocalDate;
}

/** A correction decided by a person (an accepted dispute) waiting for the next open statement. */
export interface PendingAdjustment {
  adjustmentId: string;
  originalLineId: string | null;
  amountMinor: number;
  currency: string;
  note: string;
}

export interface SettlementContext {
  period: Period;
  terms: readonly SettlementTerms[];
  /** Facts dated in the period, plus facts of closed periods that no statement line has settled yet. */
  facts: readonly RevenueFact[];
  /** Attainment in percent of target by period key (the statement's and earlier ones); absent: no target. */
  attainmentPercent: ReadonlyMap<string, number>;
  leadEvents: readonly LeadEvent[];
  earlierLines: readonly EarlierCommissionLine[];
  endings: readonly ContractEnding[];
  pendingAdjustments: readonly PendingAdjustment[];
  /** How many payees share one vendor's retainer (the reps of an independent-rep vendor; 1 for an agency). */
  retainerShares: { index: number; count: number };
}

export interface ComputedLine {
  kind: SettlementLineKind;
  agreementId: string | null;
  repId: string | null;
  sourceFactId: string | null;
  sourceContractId: string | null;
  sourceLeadId: string | null;
  /** The month a retainer line pays, `YYYY-MM`. */
  sourceMonth: string | null;
  factDate: LocalDate | null;
  basisMinor: number | null;
  shareBps: number | null;
  rateBps: number | null;
  tier: string | null;
  amountMinor: number;
  currency: string;
  originalLineId: string | null;
  /** A clawback of a commission line of the same statement: that line (its id is given when written). */
  originalInStatement?: ComputedLine;
  adjustmentId: string | null;
  note: string | null;
}

export interface StatementComputation {
  lines: ComputedLine[];
  totals: Money[];
}

const MS_PER_DAY = 86_400_000;
const daysBetween = (from: LocalDate, to: LocalDate): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);
const addDays = (date: LocalDate, days: number): LocalDate =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);

/**
 * The rate for an attainment: the base rate below the first tier; a tier's threshold is inclusive (at
 * exactly 80 % the "from 80 %" tier applies), and the tier reached sets the rate of the whole period's
 * basis (a step plan, as in Odoo's achievement levels), not only of the part above the threshold.
 */
export function rateForAttainment(
  terms: Pick<SettlementTerms, 'commissionRateBps' | 'commissionTiers'>,
  attainmentPercent: number | undefined,
): { rateBps: number; tier: string | null } {
  let rateBps = terms.commissionRateBps;
  let tier: string | null = null;
  if (attainmentPercent === undefined) return { rateBps, tier };
  for (const step of terms.commissionTiers) {
    if (attainmentPercent >= step.minAttainmentPercent) {
      rateBps = step.commissionRateBps;
      tier = `from ${step.minAttainmentPercent} %`;
    }
  }
  return { rateBps, tier };
}

/** The amount a rate earns on a basis, rounded to the payable unit (whole forints, fen, cents). */
export function commissionAmount(basisMinor: number, rateBps: number, currency: string): number {
  return roundToCashUnit((basisMinor * rateBps) / 10_000, currency);
}

/** The agreement in force on a day (agreements of a vendor never overlap). */
export function termsOn(terms: readonly SettlementTerms[], vendorId: string, date: LocalDate) {
  return terms.find((t) => t.vendorId === vendorId && t.startsOn <= date && date <= t.endsOn);
}

/** Splits a fact among its sellers exactly; refuses a split that does not add up to 100 %. */
export function splitCredit(fact: RevenueFact): number[] {
  const total = fact.credits.reduce((sum, credit) => sum + credit.shareBps, 0);
  if (total !== 10_000 || fact.credits.some((credit) => credit.shareBps <= 0)) {
    throw new DomainException(
      ErrorCode.SETTLEMENT_CREDIT_SPLIT_INVALID,
      `The credit split of contract ${fact.contractId} adds up to ${total / 100} %, not 100 %`,
      [{ field: 'credits', message: 'shares must be positive and add up to 100 %' }],
      { contractId: fact.contractId },
    );
  }
  return allocateProportionally(
    fact.amountMinor,
    fact.credits.map((credit) => credit.shareBps),
  );
}

const creditsPayee = (credit: CreditShare, payee: Payee): boolean =>
  credit.vendorId === payee.vendorId && (payee.repId === null || credit.repId === payee.repId);

const blankLine = (kind: SettlementLineKind, amountMinor: number, currency: string): ComputedLine => ({
  kind,
  agreementId: null,
  repId: null,
  sourceFactId: null,
  sourceContractId: null,
  sourceLeadId: null,
  sourceMonth: null,
  factDate: null,
  basisMinor: null,
  shareBps: null,
  rateBps: null,
  tier: null,
  amountMinor,
  currency,
  originalLineId: null,
  adjustmentId: null,
  note: null,
});

function commissionLines(payee: Payee, ctx: SettlementContext): ComputedLine[] {
  const lines: ComputedLine[] = [];
  for (const fact of ctx.facts) {
    const shares = splitCredit(fact);
    fact.credits.forEach((credit, index) => {
      if (!creditsPayee(credit, payee)) return;
      const terms = termsOn(ctx.terms, payee.vendorId, fact.date);
      if (!terms || terms.commissionBasis !== fact.basis) return;
      const factPeriod = periodOf(fact.date, ctx.period.kind);
      const { rateBps, tier } = rateForAttainment(terms, ctx.attainmentPercent.get(factPeriod.key));
      const basisMinor = shares[index];
      const late = fact.date < ctx.period.start;
      const line = blankLine(
        late ? SettlementLineKind.ADJUSTMENT : SettlementLineKind.COMMISSION,
        commissionAmount(basisMinor, rateBps, fact.currency),
        fact.currency,
      );
      line.agreementId = terms.agreementId;
      line.repId = credit.repId;
      line.sourceFactId = fact.factId;
      line.sourceContractId = fact.contractId;
      line.factDate = fact.date;
      line.basisMinor = basisMinor;
      line.shareBps = credit.shareBps;
      line.rateBps = rateBps;
      line.tier = tier;
      if (late) {
        // A fact of a closed period is settled here at that period's rate, naming the closed line of the contract.
        const original = [...ctx.earlierLines]
          .filter((earlier) => earlier.contractId === fact.contractId)
          .sort((a, b) => b.factDate.localeCompare(a.factDate))[0];
        line.originalLineId = original?.lineId ?? null;
        line.note = `${fact.basis} ${fact.date} of period ${factPeriod.key}, recorded after it closed`;
      }
      lines.push(line);
    });
  }
  return lines;
}

/** Commission above an agreement's cap for the period comes off in one line per agreement. */
function capLines(commission: readonly ComputedLine[], ctx: SettlementContext): ComputedLine[] {
  const lines: ComputedLine[] = [];
  for (const terms of ctx.terms) {
    if (terms.commissionCapMinor === null) continue;
    const capped = commission.filter(
      (line) => line.agreementId === terms.agreementId && line.kind === SettlementLineKind.COMMISSION,
    );
    const currency = terms.feeCurrency as string;
    const foreign = capped.find((line) => line.currency !== currency);
    if (foreign) {
      throw new DomainException(
        ErrorCode.SETTLEMENT_CURRENCY_MIXED,
        `Agreement ${terms.agreementId} caps commission in ${currency}, but contract ${foreign.sourceContractId} earns it in ${foreign.currency}; a cap cannot add two currencies`,
        undefined,
        { agreementId: terms.agreementId, contractId: foreign.sourceContractId },
      );
    }
    const earned = capped.reduce((sum, line) => sum + line.amountMinor, 0);
    if (earned <= terms.commissionCapMinor) continue;
    const line = blankLine(SettlementLineKind.CAP, terms.commissionCapMinor - earned, currency);
    line.agreementId = terms.agreementId;
    line.basisMinor = earned;
    line.note = `commission ${earned} above the cap of ${terms.commissionCapMinor}`;
    lines.push(line);
  }
  return lines;
}

function perLeadFeeLines(payee: Payee, ctx: SettlementContext): ComputedLine[] {
  const lines: ComputedLine[] = [];
  for (const event of ctx.leadEvents) {
    if (event.vendorId !== payee.vendorId || (payee.repId !== null && event.repId !== payee.repId)) continue;
    if (event.date < ctx.period.start || event.date >= ctx.period.end) continue;
    const terms = termsOn(ctx.terms, payee.vendorId, event.date);
    if (!terms || terms.perLeadFeeMinor === null || terms.perLeadFeeKind !== event.kind) continue;
    const line = blankLine(
      SettlementLineKind.PER_LEAD_FEE,
      terms.perLeadFeeMinor,
      terms.feeCurrency as string,
    );
    line.agreementId = terms.agreementId;
    line.repId = event.repId;
    line.sourceLeadId = event.leadId;
    line.factDate = event.date;
    line.basisMinor = terms.perLeadFeeMinor;
    line.note = `lead ${event.kind.replace('_', ' ')}`;
    lines.push(line);
  }
  return lines;
}

/** The monthly retainer, pro rata by the days of each month the agreement is in force. */
function retainerLines(payee: Payee, ctx: SettlementContext): ComputedLine[] {
  const lines: ComputedLine[] = [];
  for (const month of periodsBetween(ctx.period.start, ctx.period.end, 'month')) {
    for (const terms of ctx.terms) {
      if (terms.vendorId !== payee.vendorId || terms.retainerFeeMinor === null) continue;
      const from = terms.startsOn > month.start ? terms.startsOn : month.start;
      const dayAfterEnd = addDays(terms.endsOn, 1);
      const to = dayAfterEnd < month.end ? dayAfterEnd : month.end;
      const daysInForce = daysBetween(from, to);
      if (daysInForce <= 0) continue;
      const currency = terms.feeCurrency as string;
      const monthDays = periodDays(month);
      const vendorAmount = roundToCashUnit((terms.retainerFeeMinor * daysInForce) / monthDays, currency);
      // The reps of an independent-rep vendor share its retainer in equal, exact parts.
      const { index, count } = ctx.retainerShares;
      const share =
        count > 1
          ? roundToCashUnit(
              allocateProportionally(vendorAmount, new Array<number>(count).fill(1))[index],
              currency,
            )
          : vendorAmount;
      const line = blankLine(SettlementLineKind.RETAINER, share, currency);
      line.agreementId = terms.agreementId;
      line.repId = payee.repId;
      line.sourceMonth = month.key;
      line.basisMinor = terms.retainerFeeMinor;
      line.note = `${daysInForce} of ${monthDays} days in force` + (count > 1 ? `, 1 of ${count} reps` : '');
      lines.push(line);
    }
  }
  return lines;
}

/**
 * A contract that ends inside the window of a commission line takes that commission back: a line of an
 * earlier statement, or one of this very statement when the contract is signed (or paid) and terminated
 * in the same period — the statement then pays the commission and takes it back, both lines visible.
 */
function clawbackLines(commission: readonly ComputedLine[], ctx: SettlementContext): ComputedLine[] {
  const lines: ComputedLine[] = [];
  for (const ending of ctx.endings) {
    if (ending.endedOn < ctx.period.start || ending.endedOn >= ctx.period.end) continue;
    for (const own of commission) {
      if (own.kind !== SettlementLineKind.COMMISSION || own.sourceContractId !== ending.contractId) continue;
      const window = ctx.terms.find((t) => t.agreementId === own.agreementId)?.clawbackDays ?? 0;
      const daysAfter = daysBetween(own.factDate as LocalDate, ending.endedOn);
      if (window === 0 || daysAfter < 0 || daysAfter > window) continue;
      const line = blankLine(SettlementLineKind.CLAWBACK, -own.amountMinor, own.currency);
      line.agreementId = own.agreementId;
      line.repId = own.repId;
      line.sourceContractId = ending.contractId;
      line.factDate = ending.endedOn;
      line.basisMinor = own.amountMinor;
      line.rateBps = own.rateBps;
      line.tier = own.tier;
      line.originalInStatement = own;
      line.note = `contract ended ${daysAfter} days after ${own.factDate}, within ${window}`;
      lines.push(line);
    }
    for (const earlier of ctx.earlierLines) {
      if (earlier.contractId !== ending.contractId || earlier.clawedBack) continue;
      const daysAfter = daysBetween(earlier.factDate, ending.endedOn);
      if (daysAfter < 0 || daysAfter > earlier.clawbackDays) continue;
      const line = blankLine(SettlementLineKind.CLAWBACK, -earlier.amountMinor, earlier.currency);
      line.sourceContractId = ending.contractId;
      line.factDate = ending.endedOn;
      line.basisMinor = earlier.amountMinor;
      line.rateBps = earlier.rateBps;
      line.tier = earlier.tier;
      line.originalLineId = earlier.lineId;
      line.note = `contract ended ${daysAfter} days after ${earlier.factDate}, within ${earlier.clawbackDays}`;
      lines.push(line);
    }
  }
  return lines;
}

function adjustmentLines(ctx: SettlementContext): ComputedLine[] {
  return ctx.pendingAdjustments.map((adjustment) => {
    const line = blankLine(SettlementLineKind.ADJUSTMENT, adjustment.amountMinor, adjustment.currency);
    line.originalLineId = adjustment.originalLineId;
    line.adjustmentId = adjustment.adjustmentId;
    line.note = adjustment.note;
    return line;
  });
}

const KIND_ORDER = Object.values(SettlementLineKind);

/** Every line of one payee's statement for the context's period, and its totals per currency. */
export function computeStatementLines(payee: Payee, ctx: SettlementContext): StatementComputation {
  const commission = commissionLines(payee, ctx);
  const lines = [
    ...commission,
    ...capLines(commission, ctx),
    ...perLeadFeeLines(payee, ctx),
    ...retainerLines(payee, ctx),
    ...clawbackLines(commission, ctx),
    ...adjustmentLines(ctx),
  ].sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      (a.factDate ?? a.sourceMonth ?? '').localeCompare(b.factDate ?? b.sourceMonth ?? '') ||
      (a.sourceFactId ?? a.sourceLeadId ?? a.adjustmentId ?? '').localeCompare(
        b.sourceFactId ?? b.sourceLeadId ?? b.adjustmentId ?? '',
      ) ||
      (a.repId ?? '').localeCompare(b.repId ?? ''),
  );
  return { lines, totals: totalsByCurrency(lines) };
}
