import type { EntityManager } from 'typeorm';
import type { LocalDate } from '../../common/calendar/working-days';
import type { ContractEnding, Payee, RevenueFact } from './settlement-engine.rules';

/**
 * What settlement reads from the contracts module, the owner of revenue facts: bookings and payments
 * with their whole credit split, and the contracts that ended (terminated or refunded). Bound in
 * settlement.module.ts to the contracts module's set-based read API.
 */
export interface SettlementRevenueReader {
  /** Bookings signed and payments (refunds negative) paid in [from, to), credited in part to one of the vendors. */
  listRevenueFacts(
    manager: EntityManager,
    vendorIds: readonly string[],
    from: LocalDate,
    to: LocalDate,
  ): Promise<RevenueFact[]>;
  /** Of the given contracts, those terminated in [from, to). */
  listContractEndings(
    manager: EntityManager,
    contractIds: readonly string[],
    from: LocalDate,
    to: LocalDate,
  ): Promise<ContractEnding[]>;
}

/** Attainment (percent of target) per payee and period key, from the targets module. */
export interface SettlementAttainmentReader {
  attainmentPercent(
    manager: EntityManager,
    payees: readonly Payee[],
    periodKeys: readonly string[],
  ): Promise<Map<string, Map<string, number>>>;
}

export const SETTLEMENT_REVENUE_READER = Symbol('SETTLEMENT_REVENUE_READER');
export const SETTLEMENT_ATTAINMENT_READER = Symbol('SETTLEMENT_ATTAINMENT_READER');

export const payeeKey = (payee: Payee): string => `${payee.vendorId}/${payee.repId ?? '-'}`;
