import { Module } from '@nestjs/common';
import { CallReportsModule } from '../call-reports/call-reports.module';
import { ContractsModule } from '../contracts/contracts.module';
import { ScoringModule } from '../scoring/scoring.module';
import { SettlementModule } from '../settlement/settlement.module';
import { TargetsModule } from '../targets/targets.module';
import { ReportFilesController } from './report-files.controller';
import { ListExportsController } from './list-exports.controller';
import { ListExportsService } from './list-exports.service';
import { ForecastController } from './forecast.controller';
import { ForecastService } from './forecast.service';
import { LeadsModule } from '../leads/leads.published';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { VendorsModule } from '../vendors/vendors.module';
import { ForecastAdjustment, ForecastAdjustmentRevision } from './forecast-adjustment.entity';

/** Reports read through the owning modules' services, never their tables. */
@Module({
  imports: [
    VendorsModule,
    LeadsModule,
    CallReportsModule,
    ContractsModule,
    TargetsModule,
    ScoringModule,
    SettlementModule,
    TypeOrmModule.forFeature([ForecastAdjustment, ForecastAdjustmentRevision]),
  ],
  controllers: [ReportsController, ForecastController, ReportFilesController, ListExportsController],
  providers: [ReportsService, ForecastService, ListExportsService],
  exports: [ReportsService, ForecastService],
})
export class ReportsModule {}
