import { Module } from '@nestjs/common';
import { AuditModule } from '../../common/audit/audit.module';
import { LeadsModule } from '../leads/leads.module';
import { VendorsModule } from '../vendors/vendors.module';
import { SettlementController } from './settlement.controller';
import { SettlementService } from './settlement.service';
import {
  SETTLEMENT_ATTAINMENT_READER,
  SETTLEMENT_REVENUE_READER,
  type SettlementAttainmentReader,
  type SettlementRevenueReader,
} from './settlement-sources';

/** Until the contracts module's revenue facts are wired in, there is no revenue to settle. */
const noRevenue: SettlementRevenueReader = {
  listRevenueFacts: () => Promise.resolve([]),
  listContractEndings: () => Promise.resolve([]),
};

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
  imports: [AuditModule, VendorsModule, LeadsModule],
  controllers: [SettlementController],
  providers: [
    SettlementService,
    { provide: SETTLEMENT_REVENUE_READER, useValue: noRevenue },
    { provide: SETTLEMENT_ATTAINMENT_READER, useValue: noAttainment },
  ],
  exports: [SettlementService],
})
export class SettlementModule {}
