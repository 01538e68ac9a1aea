import { Module } from '@nestjs/common';
import { AuditModule } from '../../common/audit/audit.module';
import { CallReportsModule } from '../call-reports/call-reports.module';
import { CatalogModule } from '../catalog/catalog.module';
import { LeadsModule } from '../leads/leads.module';
import { OutboxModule } from '../scheduler/webhooks/outbox.module';
import { VendorsModule } from '../vendors/vendors.module';
import { ContractsController } from './contracts.controller';
import { ContractsService } from './contracts.service';
import { RevenueFactsService } from './revenue-facts.service';

/**
 * Contracts and the one source of revenue facts. Targets, settlement, scoring and reports read money
 * through `RevenueFactsService` (types in revenue-facts.ts), never through these tables.
 */
@Module({
  imports: [AuditModule, OutboxModule, CatalogModule, VendorsModule, LeadsModule, CallReportsModule],
  controllers: [ContractsController],
  providers: [ContractsService, RevenueFactsService],
  exports: [ContractsService, RevenueFactsService],
})
export class ContractsModule {}
