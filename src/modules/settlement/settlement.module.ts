import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { AuditModule } from '../../common/audit/audit.module';
import { ContractsModule } from '../contracts/contracts.module';
import { LeadsModule } from '../leads/leads.published';
import { VendorsModule } from '../vendors/vendors.module';
import { TargetsModule } from '../targets/targets.module';
import { ContractsRevenueReader } from './contracts-revenue.reader';
import { SettlementController } from './settlement.controller';
import { SettlementService } from './settlement.service';
import { SETTLEMENT_ATTAINMENT_READER, SETTLEMENT_REVENUE_READER } from './settlement-sources';
import { TargetsAttainmentReader } from './targets-attainment.reader';

/**
 * Vendor settlement: statements per vendor (or independent rep) per period, computed from the agreement
 * terms (vendors), revenue facts (contracts), attainment (targets) and lead events (leads), read through
 * those modules' services; it owns only statements, lines, adjustments and disputes.
 */
@Module({
  imports: [AuditModule, WebhooksModule, VendorsModule, LeadsModule, ContractsModule, TargetsModule],
  controllers: [SettlementController],
  providers: [
    SettlementService,
    { provide: SETTLEMENT_REVENUE_READER, useClass: ContractsRevenueReader },
    { provide: SETTLEMENT_ATTAINMENT_READER, useClass: TargetsAttainmentReader },
  ],
  exports: [SettlementService],
})
export class SettlementModule {}
