import { Module } from '@nestjs/common';
import { AuditModule } from '../../common/audit/audit.module';
import { CallReportsModule } from '../call-reports/call-reports.module';
import { CatalogModule } from '../catalog/catalog.module';
import { LeadsModule } from '../leads/leads.published';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { VendorsModule } from '../vendors/vendors.module';
import {
  ContractMilestonesController,
  ContractPaymentStatusController,
} from './contract-milestones.controller';
import { ContractMilestonesService } from './contract-milestones.service';
import { ContractFulfilmentReviewsController } from './contract-fulfilment-reviews.controller';
import { ContractFulfilmentReviewsService } from './contract-fulfilment-reviews.service';
import { ContractsController } from './contracts.controller';
import { ContractsDemoSeeder } from './contracts.demo';
import { ContractsService } from './contracts.service';
import { CustomerAccountsController } from './customer-accounts.controller';
import { CustomerAccountsService } from './customer-accounts.service';
import { ExchangeRatesController } from './exchange-rates.controller';
import { ExchangeRatesService } from './exchange-rates.service';
import { KeyAccountsService } from './key-accounts.service';
import { RevenueFactsService } from './revenue-facts.service';

/**
 * Contracts and the one source of revenue facts. Targets, settlement, scoring and reports read money
 * through `RevenueFactsService` (types in revenue-facts.ts), never through these tables.
 */
@Module({
  imports: [AuditModule, WebhooksModule, CatalogModule, VendorsModule, LeadsModule, CallReportsModule],
  controllers: [
    ContractsController,
    ContractMilestonesController,
    ContractPaymentStatusController,
    ContractFulfilmentReviewsController,
    CustomerAccountsController,
    ExchangeRatesController,
  ],
  providers: [
    ContractsService,
    RevenueFactsService,
    CustomerAccountsService,
    ExchangeRatesService,
    KeyAccountsService,
    ContractsDemoSeeder,
    ContractMilestonesService,
    ContractFulfilmentReviewsService,
  ],
  exports: [
    ContractsService,
    RevenueFactsService,
    ExchangeRatesService,
    KeyAccountsService,
    ContractsDemoSeeder,
    ContractMilestonesService,
    ContractFulfilmentReviewsService,
  ],
})
export class ContractsModule {}
