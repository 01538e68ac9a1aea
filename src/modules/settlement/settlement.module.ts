import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { AuditModule } from '../../common/audit/audit.module';
import { ContractsModule } from '../contracts/contracts.module';
import { LeadsModule } from '../leads/leads.module';
import { VendorsModule } from '../vendors/vendors.module';
import { ContractsRevenueReader } from './contracts-revenue.reader';
import { SettlementController } from './settlement.controller';
import { SettlementService } from './settlement.service';
import {
  SETTLEMENT_ATTAINMENT_READER,
  SETTLEMENT_REVENUE_READER,
  type SettlementAttainmentReader,
} from './settlement-sources';

/** Until the targets module's attainment is wired in, every payee is paid its agreement's base rate. */
const noAttainment: SettlementAttainmentReader = {
  attainmentPercent: () => Promise.resolve(new Map()),
};

/**
 * Vendor settlement: statements per vendor (or independent rep) per period, computed from the agreement
 * terms (vendors), revenue facts (contracts), attainment (targets) and lead events (leads), read through
 * those modules' services; it owns only statements, lines, adjustments and disputes.
 */
@Module({
  imports: [AuditModule, WebhooksModule, VendorsModule, LeadsModule, ContractsModule],
  controllers: [SettlementController],
  providers: [
    SettlementService,
    { provide: SETTLEMENT_REVENUE_READER, useClass: ContractsRevenueReader },
    { provide: SETTLEMENT_ATTAINMENT_READER, useValue: noAttainment },
  ],
  exports: [SettlementService],
})
export class SettlementModule {}
