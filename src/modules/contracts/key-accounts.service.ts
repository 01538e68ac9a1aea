import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CustomersService } from '../leads/leads.published';
import { convertMinor } from './currency-conversion.rules';
import { trailingYearStart } from './customer-accounts.service';
import { ExchangeRatesService } from './exchange-rates.service';
import { classifyKeyAccounts } from './key-accounts.rules';

/**
 * Classifies every customer A/B/C by its revenue paid in the trailing 12 months (payments less refunds of
 * all its contracts), converted into the reporting currency at the latest rates on or before today. A
 * customer whose revenue has a currency without a rate is left unclassified (null) rather than guessed.
 */
@Injectable()
export class KeyAccountsService {
  constructor(
    private readonly customers: CustomersService,
    private readonly rates: ExchangeRatesService,
  ) {}

  async classifyKeyAccounts(manager: EntityManager, today: string): Promise<number> {
    const ids = await this.customers.listAllCustomerIds(manager);
    const revenue: { customer_id: string; currency: string; amount: string }[] = await manager.query(
      `SELECT contract.customer_id, p.currency,
              sum(CASE WHEN p.kind = 'refund' THEN -p.amount_minor ELSE p.amount_minor END) AS amount
         FROM contract_payments p JOIN contracts contract ON contract.id = p.contract_id
        WHERE contract.customer_id IS NOT NULL AND p.paid_on BETWEEN $1 AND $2
        GROUP BY contract.customer_id, p.currency`,
      [trailingYearStart(today), today],
    );
    const { reportingCurrency } = await this.rates.getMoneySettings(manager);
    const rates = await this.rates.latestRates(
      manager,
      [...new Set(revenue.map((row) => row.currency))],
      reportingCurrency,
      today,
    );
    const converted = new Map<string, number | null>(ids.map((id) => [id, 0]));
    for (const row of revenue) {
      const sofar = converted.get(row.customer_id);
      if (sofar === null || sofar === undefined) continue;
      const amount = Number(row.amount);
      if (row.currency === reportingCurrency) converted.set(row.customer_id, sofar + amount);
      else {
        const rate = rates.get(row.currency);
        converted.set(
          row.customer_id,
          rate ? sofar + convertMinor(amount, row.currency, reportingCurrency, rate.rate) : null,
        );
      }
    }
    const known = [...converted].flatMap(([customerId, revenueMinor]) =>
      revenueMinor === null ? [] : [{ customerId, revenueMinor }],
    );
    const classes = classifyKeyAccounts(known);
    await this.customers.setKeyAccountClasses(
      manager,
      [...converted].map(([customerId, revenueMinor]) => ({
        customerId,
        keyAccountClass: classes.get(customerId) ?? null,
        revenueMinor,
      })),
      reportingCurrency,
      today,
    );
    return ids.length;
  }
}
