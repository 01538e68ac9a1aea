import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Alert } from './alerts/alert.entity';
import { AlertExportsController } from './alerts/alert-exports.controller';
import { AlertsController } from './alerts/alerts.controller';
import { AlertsService } from './alerts/alerts.service';
import { AgreementsEndingCheck } from './checks/agreements-ending.check';
import { AgreementKpiCheck } from './checks/agreement-kpi.check';
import { FirstResponseSlaCheck } from './checks/first-response-sla.check';
import { LapsedAgreementsCheck } from './checks/lapsed-agreements.check';
import { ContractsExpiringCheck } from './checks/contracts-expiring.check';
import { MilestoneOverdueCheck } from './checks/milestone-overdue.check';
import { FulfilmentReviewDueCheck } from './checks/fulfilment-review-due.check';
import { CertificationExpiringCheck } from './checks/certification-expiring.check';
import { ComplaintsOverdueCheck } from './checks/complaints-overdue.check';
import { ContestsCloseCheck } from './checks/contests-close.check';
import { ReviewActionsOverdueCheck } from './checks/review-actions-overdue.check';
import { AlertEscalationCheck } from './checks/alert-escalation.check';
import { IdleRepsCheck } from './checks/idle-reps.check';
import { LeadRevivalCheck, PoolReclaimCheck } from './checks/pool-checks';
import {
  LeadGradingCheck,
  OverdueFollowUpsCheck,
  StaleKeyLeadsCheck,
  UnassignedLeadsCheck,
} from './checks/lead-checks';
import { OpenConflictsCheck } from './checks/open-conflicts.check';
import { SettlementDraftsCheck } from './checks/settlement-drafts.check';
import { TargetsPaceCheck } from './checks/targets-pace.check';
import { TargetsModule } from '../targets/targets.module';
import { CheckRun } from './checks/check-run.entity';
import { CheckRunnerService } from './checks/check-runner.service';
import { CheckSetting } from './checks/check-setting.entity';
import { CheckSettingsService } from './checks/check-settings.service';
import { SCHEDULER_CHECKS, type SchedulerCheck } from './checks/check.types';
import { ChecksController } from './checks/checks.controller';
import { FailingWebhooksCheck } from './checks/failing-webhooks.check';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { VendorsModule } from '../vendors/vendors.module';
import { LeadsModule } from '../leads/leads.published';
import { CallReportsModule } from '../call-reports/call-reports.module';
import { ContractsModule } from '../contracts/contracts.module';
import { KnowledgeModule } from '../knowledge/knowledge.module';
import { CalendarModule } from '../../common/calendar/calendar.module';
import { SchedulerDemoSeeder } from './scheduler.demo';
import { SettlementModule } from '../settlement/settlement.module';
import { ScoringModule } from '../scoring/scoring.module';
import { ScoresRecomputeCheck } from './checks/scores-recompute.check';
import { KeyAccountsCheck } from './checks/key-accounts.check';
import { ContactRetentionCheck } from './checks/contact-retention.check';
import { PrivacyModule } from '../privacy/privacy.module';
import { EarnedTagsCheck } from './checks/earned-tags.check';
import { DigestsCheck } from './checks/digests.check';
import { AlertDigest } from './digests/alert-digest.entity';
import { DigestsController } from './digests/digests.controller';
import { DigestsService } from './digests/digests.service';
import { AuthModule } from '../auth/auth.module';

/** The checks a tick runs, in order. Each queries through the service of the module owning the data. */
const CHECKS = [
  // Before the pool's reclaim: an unanswered lead is re-routed long before it could be reclaimed.
  FirstResponseSlaCheck,
  PoolReclaimCheck,
  LeadRevivalCheck,
  LeadGradingCheck,
  IdleRepsCheck,
  StaleKeyLeadsCheck,
  OverdueFollowUpsCheck,
  UnassignedLeadsCheck,
  AgreementsEndingCheck,
  LapsedAgreementsCheck,
  AgreementKpiCheck,
  ContractsExpiringCheck,
  MilestoneOverdueCheck,
  FulfilmentReviewDueCheck,
  CertificationExpiringCheck,
  ComplaintsOverdueCheck,
  ReviewActionsOverdueCheck,
  OpenConflictsCheck,
  FailingWebhooksCheck,
  SettlementDraftsCheck,
  TargetsPaceCheck,
  ScoresRecomputeCheck,
  // After the scores: a period finalised this tick closes its contests in the same tick.
  ContestsCloseCheck,
  KeyAccountsCheck,
  EarnedTagsCheck,
  ContactRetentionCheck,
  AlertEscalationCheck,
  DigestsCheck,
];

@Module({
  imports: [
    AuthModule,
    VendorsModule,
    LeadsModule,
    CallReportsModule,
    SettlementModule,
    ContractsModule,
    KnowledgeModule,
    ScoringModule,
    TargetsModule,
    PrivacyModule,
    CalendarModule,
    WebhooksModule,
    TypeOrmModule.forFeature([Alert, CheckRun, CheckSetting, AlertDigest]),
  ],
  controllers: [AlertsController, AlertExportsController, ChecksController, DigestsController],
  providers: [
    AlertsService,
    DigestsService,
    CheckSettingsService,
    CheckRunnerService,
    SchedulerDemoSeeder,
    ...CHECKS,
    { provide: SCHEDULER_CHECKS, inject: CHECKS, useFactory: (...checks: SchedulerCheck[]) => checks },
  ],
  exports: [CheckRunnerService, SchedulerDemoSeeder, AlertsService],
})
export class SchedulerModule {}
