import { Module } from '@nestjs/common';
import { CallReportsModule } from '../call-reports/call-reports.module';
import { ContractsModule } from '../contracts/contracts.module';
import { ScoringModule } from '../scoring/scoring.module';
import { TargetsModule } from '../targets/targets.module';
import { ReportFilesController } from './report-files.controller';
import { LeadsModule } from '../leads/leads.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Reports read through the owning modules' services, never their tables. */
@Module({
  imports: [LeadsModule, CallReportsModule, ContractsModule, TargetsModule, ScoringModule],
  controllers: [ReportsController, ReportFilesController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
