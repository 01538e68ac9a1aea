import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Alert } from './alerts/alert.entity';
import { AlertsController } from './alerts/alerts.controller';
import { AlertsService } from './alerts/alerts.service';
import { AgreementsEndingCheck } from './checks/agreements-ending.check';
import { ContractsExpiringCheck } from './checks/contracts-expiring.check';
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
import { CheckRun } from './checks/check-run.entity';
import { CheckRunnerService } from './checks/check-runner.service';
import { CheckSetting } from './checks/check-setting.entity';
import { CheckSettingsService } from './checks/check-settings.service';
import { SCHEDULER_CHECKS, type SchedulerCheck } from './checks/check.types';
import { ChecksController } from './checks/checks.controller';
import { FailingWebhooksCheck } from './checks/failing-webhooks.check';
import { WebhookDelivery, WebhookEvent, WebhookSubscription } from './webhooks/webhook.entity';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksService } from './webhooks/webhooks.service';
import { VendorsModule } from '../vendors/vendors.module';
import { LeadsModule } from '../leads/leads.module';
import { CallReportsModule } from '../call-reports/call-reports.module';
import { ContractsModule } from '../contracts/contracts.module';
import { CalendarModule } from '../../common/calendar/calendar.module';
import { SchedulerDemoSeeder } from './scheduler.demo';

/** The checks a tick runs, in order. Each queries through the service of the module owning the data. */
const CHECKS = [
  PoolReclaimCheck,
  LeadRevivalCheck,
  LeadGradingCheck,
  IdleRepsCheck,
  StaleKeyLeadsCheck,
  OverdueFollowUpsCheck,
  UnassignedLeadsCheck,
  AgreementsEndingCheck,
  ContractsExpiringCheck,
  OpenConflictsCheck,
  FailingWebhooksCheck,
  AlertEscalationCheck,
];

@Module({
  imports: [
    VendorsModule,
    LeadsModule,
    CallReportsModule,
    ContractsModule,
    CalendarModule,
    TypeOrmModule.forFeature([
      Alert,
      CheckRun,
      CheckSetting,
      WebhookSubscription,
      WebhookEvent,
      WebhookDelivery,
    ]),
  ],
  controllers: [AlertsController, ChecksController, WebhooksController],
  providers: [
    AlertsService,
    CheckSettingsService,
    CheckRunnerService,
    WebhooksService,
    SchedulerDemoSeeder,
    ...CHECKS,
    { provide: SCHEDULER_CHECKS, inject: CHECKS, useFactory: (...checks: SchedulerCheck[]) => checks },
  ],
  exports: [CheckRunnerService, WebhooksService, SchedulerDemoSeeder],
})
export class SchedulerModule {}
