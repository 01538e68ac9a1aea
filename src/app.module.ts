import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JwtAuthGuard, RolesGuard } from './common/auth/auth.guards';
import { CalendarModule } from './common/calendar/calendar.module';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { VersionEtagInterceptor } from './common/http/etag';
import { ReadYourWritesInterceptor } from './common/http/read-your-writes.interceptor';
import { IdempotencyKey } from './common/idempotency/idempotency-key.entity';
import { IdempotencyInterceptor } from './common/idempotency/idempotency.interceptor';
import { IdempotencyService } from './common/idempotency/idempotency.service';
import { MetricsController } from './common/metrics/metrics.controller';
import { MetricsService } from './common/metrics/metrics.service';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { DatabaseModule } from './database/database.module';
import { AuditModule } from './common/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { CallReportsModule } from './modules/call-reports/call-reports.module';
import { CatalogModule } from './modules/catalog/catalog.module';
import { DemoModule } from './modules/demo/demo.module';
import { HealthController } from './modules/health/health.controller';
import { SchedulerModule } from './modules/scheduler/scheduler.module';
import { VendorsModule } from './modules/vendors/vendors.module';
import { WebhooksModule } from './modules/webhooks/webhooks.module';
import { LeadsModule } from './modules/leads/leads.published';
import { SettlementModule } from './modules/settlement/settlement.module';
import { ContractsModule } from './modules/contracts/contracts.module';
import { TargetsModule } from './modules/targets/targets.module';
import { ScoringModule } from './modules/scoring/scoring.module';
import { ReportsModule } from './modules/reports/reports.module';
import { DashboardsModule } from './modules/dashboards/dashboards.module';
import { KnowledgeModule } from './modules/knowledge/knowledge.module';
import { PrivacyModule } from './modules/privacy/privacy.module';

@Global()
@Module({})
class ConfigModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}

/** The shared mechanics every module relies on: idempotency store, metrics. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([IdempotencyKey])],
  controllers: [MetricsController],
  providers: [IdempotencyService, MetricsService],
  exports: [IdempotencyService, MetricsService],
})
class CommonModule {}

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.register(config),
        DatabaseModule,
        ScheduleModule.forRoot(),
        TerminusModule.forRoot({ logger: false }),
        CommonModule,
        CalendarModule,
        AuthModule,
        WebhooksModule,
        SchedulerModule,
        AuditModule,
        CatalogModule,
        VendorsModule,
        LeadsModule,
        CallReportsModule,
        SettlementModule,
        ContractsModule,
        TargetsModule,
        ScoringModule,
        KnowledgeModule,
        PrivacyModule,
        ReportsModule,
        DashboardsModule,
        DemoModule,
      ],
      controllers: [HealthController],
      providers: [
        // Order matters: authenticate, then check the role.
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: VersionEtagInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
