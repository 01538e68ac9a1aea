import { LeadsModule } from '../leads/leads.published';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { VendorsModule } from '../vendors/vendors.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { CallReportAnalyticsService } from './call-report-analytics.service';
import { CallReportPersonalDataService } from './call-report-personal-data.service';
import { CallReportFlag } from './call-report-flag.entity';
import { CallReport } from './call-report.entity';
import { CallReportsController } from './call-reports.controller';
import { CallReportsDemoSeeder } from './call-reports.demo';
import { DailyBriefPlans } from './brief-plans';
import { CallReportsService } from './call-reports.service';
import { ComplianceService } from './compliance.service';
import { LeadTouchRecorder } from './lead-touch-recorder';
import { PlausibilityService } from './plausibility.service';
import { ReportingRepsService } from './reporting-reps.service';

/** Call reports from reps and partner systems, quota compliance, plausibility flags, daily briefs. */
@Module({
  imports: [
    TypeOrmModule.forFeature([CallReport, CallReportFlag]),
    WebhooksModule,
    VendorsModule,
    LeadsModule,
  ],
  controllers: [CallReportsController],
  providers: [
    DailyBriefPlans,
    CallReportsService,
    CallReportAnalyticsService,
    CallReportsDemoSeeder,
    ComplianceService,
    PlausibilityService,
    ReportingRepsService,
    CallReportPersonalDataService,
    // Wired to LeadQueriesService at integration.
    LeadTouchRecorder,
  ],
  exports: [
    DailyBriefPlans,
    CallReportsService,
    CallReportAnalyticsService,
    CallReportPersonalDataService,
    ComplianceService,
    CallReportsDemoSeeder,
  ],
})
export class CallReportsModule {}
