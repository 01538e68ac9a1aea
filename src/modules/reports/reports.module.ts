import { Module } from '@nestjs/common';
import { CallReportsModule } from '../call-reports/call-reports.module';
import { ContractsModule } from '../contracts/contracts.module';
import { LeadsModule } from '../leads/leads.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Reports read through the owning modules' services, never their tables. */
@Module({
  imports: [LeadsModule, CallReportsModule, ContractsModule],
  controllers: [ReportsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
