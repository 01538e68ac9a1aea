import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LocalDate } from '../../common/calendar/working-days';
import { RevenueFactsService } from '../contracts/revenue-facts.service';
import type { ContractCreditFact, PaymentCreditFact } from '../contracts/revenue-facts';
import { CommissionBasis } from '../vendors/agreement.entity';
import type { ContractEnding, CreditShare, RevenueFact } from './settlement-engine.rules';
import type { SettlementRevenueReader } from './settlement-sources';

const byKey = <T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row)) ?? [];
    list.push(row);
    groups.set(key(row), list);
  }
  return groups;
};

const shareOf = (row: ContractCreditFact | PaymentCreditFact): CreditShare => ({
  vendorId: row.vendorId,
  repId: row.repId,
  shareBps: row.shareBps,
});

/**
 * Settlement's view of the contracts module's revenue facts: each booking and each payment once, with
 * its whole credit split (the credits of other vendors and internal teams too), so the engine splits the
 * amount exactly and checks that the shares add up to 100 %. Four set-based reads per run.
 */
@Injectable()
export class ContractsRevenueReader implements SettlementRevenueReader {
  constructor(private readonly revenueFacts: RevenueFactsService) {}

  async listRevenueFacts(
    manager: EntityManager,
    vendorIds: readonly string[],
    from: LocalDate,
    to: LocalDate,
  ): Promise<RevenueFact[]> {
    if (vendorIds.length === 0) return [];
    const signed = await this.revenueFacts.listContractCredits(manager, {
      vendorIds,
      signedFrom: from,
      signedTo: to,
    });
    const paid = await this.revenueFacts.listPaymentCredits(manager, { vendorIds, from, to });
    const signedIds = [...new Set(signed.map((row) => row.contractId))];
    const paidContractIds = [...new Set(paid.map((row) => row.contractId))];
    // The whole split of each fact: the first reads only see these vendors' credits.
    const allSigned = signedIds.length
      ? await this.revenueFacts.listContractCredits(manager, { contractIds: signedIds })
      : [];
    const allPaid = paidContractIds.length
      ? await this.revenueFacts.listPaymentCredits(manager, { from, to, contractIds: paidContractIds })
      : [];
    const facts: RevenueFact[] = [];
    for (const [contractId, credits] of byKey(allSigned, (row) => row.contractId)) {
      const first = credits[0];
      facts.push({
        factId: `booking:${contractId}`,
        contractId,
        basis: CommissionBasis.BOOKED,
        date: first.signedOn,
        amountMinor: first.contractTotalMinor,
        currency: first.currency,
        credits: credits.map(shareOf),
      });
    }
    for (const [paymentId, credits] of byKey(allPaid, (row) => row.paymentId)) {
      const first = credits[0];
      facts.push({
        factId: `payment:${paymentId}`,
        contractId: first.contractId,
        basis: CommissionBasis.PAID,
        date: first.paidOn,
        amountMinor: credits.reduce((sum, row) => sum + row.amountMinor, 0),
        currency: first.currency,
        credits: credits.map(shareOf),
      });
    }
    return facts;
  }

  async listContractEndings(
    manager: EntityManager,
    contractIds: readonly string[],
    from: LocalDate,
    to: LocalDate,
  ): Promise<ContractEnding[]> {
    if (contractIds.length === 0) return [];
    const rows = await this.revenueFacts.listContractCredits(manager, { contractIds });
    const endings = new Map<string, ContractEnding>();
    for (const row of rows) {
      if (row.terminatedOn && row.terminatedOn >= from && row.terminatedOn < to) {
        endings.set(row.contractId, { contractId: row.contractId, endedOn: row.terminatedOn });
      }
    }
    return [...endings.values()];
  }
}
