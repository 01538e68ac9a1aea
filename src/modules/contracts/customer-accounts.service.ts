import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DataScope } from '../../common/auth/data-scope';
import { todayUtc } from '../../common/validation/validation-helpers';
import { CallReportsService } from '../call-reports/call-reports.service';
import { mapCallReport } from '../call-reports/call-reports.dto';
import { mapCustomer, CustomersService, LeadQueriesService } from '../leads/leads.published';
import { Contract } from './contract.entity';
import { CONTRACT_SCOPE } from './contracts.service';
import type { CustomerAccountDto } from './customer-account.dto';
import { ExchangeRatesService } from './exchange-rates.service';

/**
 * The first day of the trailing 12 months ending on `today`: the same day a year back (the month's last
 * day when it has no such day: 29 February → 28 February), plus one.
 */
export function trailingYearStart(today: string): string {
  const [year, month, dayOfMonth] = today.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year - 1, month, 0)).getUTCDate();
  const yearBack = new Date(Date.UTC(year - 1, month - 1, Math.min(dayOfMonth, lastDay) + 1));
  return yearBack.toISOString().slice(0, 10);
}

/**
 * The customer account: the customer (404 outside the caller's scope) with the contracts, revenue, open
 * leads and call reports the caller may see. Lives with contracts because it composes contract facts with
 * the leads and call-reports modules below.
 */
@Injectable()
export class CustomerAccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly customers: CustomersService,
    private readonly leads: LeadQueriesService,
    private readonly callReports: CallReportsService,
    private readonly rates: ExchangeRatesService,
  ) {}

  async getCustomerAccount(id: string, scope: DataScope, today = todayUtc()): Promise<CustomerAccountDto> {
    const em = this.dataSource.manager;
    const customer = await this.customers.getCustomer(id, scope);
    const contracts = await scope
      .apply(em.getRepository(Contract).createQueryBuilder('contract'), CONTRACT_SCOPE)
      .andWhere('contract.customer_id = :id', { id })
      .orderBy('contract.starts_on', 'DESC')
      .addOrderBy('contract.id', 'DESC')
      .limit(100)
      .getMany();
    const from = trailingYearStart(today);
    const visible = scope.toSql(CONTRACT_SCOPE, 4);
    const revenue: { currency: string; amount: string }[] = await em.query(
      `SELECT p.currency, sum(CASE WHEN p.kind = 'refund' THEN -p.amount_minor ELSE p.amount_minor END) AS amount
         FROM contract_payments p JOIN contracts contract ON contract.id = p.contract_id
        WHERE contract.customer_id = $1 AND p.paid_on BETWEEN $2 AND $3 AND ${visible.condition}
        GROUP BY p.currency ORDER BY p.currency`,
      [id, from, today, ...visible.params],
    );
    const totals = revenue.map((row) => ({ currency: row.currency, amountMinor: Number(row.amount) }));
    const inReportingCurrency = await this.rates.convertTotals(em, totals, today);
    const [latestReview]: { health: 'green' | 'amber' | 'red' }[] = await em.query(
      `SELECT r.health FROM contract_fulfilment_reviews r JOIN contracts contract ON contract.id = r.contract_id
        WHERE contract.customer_id = $1 AND ${scope.toSql(CONTRACT_SCOPE, 2).condition}
        ORDER BY r.period_to DESC, r.created_at DESC, r.id DESC LIMIT 1`,
      [id, ...scope.toSql(CONTRACT_SCOPE, 2).params],
    );
    const openLeads = await this.leads.listOpenLeadsOfCustomer(em, customer, scope);
    const reports = await this.callReports.listRecentCallReportsOfCustomer(em, id, scope);
    return {
      ...mapCustomer(customer),
      contracts: contracts.map((contract) => ({
        id: contract.id,
        status: contract.status,
        currency: contract.currency,
        totalMinor: contract.totalMinor,
        signedOn: contract.signedOn,
        startsOn: contract.startsOn,
        endsOn: contract.endsOn,
        vendorId: contract.vendorId,
        repId: contract.repId,
        renewalOfId: contract.renewalOfId,
      })),
      trailing12MonthRevenue: {
        from,
        to: today,
        totals,
        inReportingCurrency,
      },
      openLeads: openLeads.map((lead) => ({
        id: lead.id,
        companyName: lead.companyName,
        status: lead.status,
        grade: lead.grade,
        keyLead: lead.keyLead,
        vendorId: lead.vendorId,
        ownerRepId: lead.ownerRepId,
        expectedAmountMinor: lead.expectedAmountMinor === null ? null : Number(lead.expectedAmountMinor),
        expectedCurrency: lead.expectedCurrency,
        createdAt: lead.createdAt.toISOString(),
      })),
      recentCallReports: reports.map(mapCallReport),
      health: latestReview?.health ?? null,
      keyAccountClass: customer.keyAccountClass,
    };
  }
}
