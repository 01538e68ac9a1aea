import { Module } from '@nestjs/common';
import { CallReportsModule } from '../call-reports/call-reports.module';
import { ContractsModule } from '../contracts/contracts.module';
import { ScoringModule } from '../scoring/scoring.module';
import { SettlementModule } from '../settlement/settlement.module';
import { TargetsModule } from '../targets/targets.module';
import { ReportFilesController } from './report-files.controller';
import { ListExportsController } from './list-exports.controller';
import { ListExportsService } from './list-exports.service';
import { createHash } from 'node:crypto';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuthModule } from '../auth/auth.module';
import { DashboardLinksService } from './dashboard-links.service';
import { DashboardsController } from './dashboards.controller';
import { ForecastController } from './forecast.controller';
import { ForecastService } from './forecast.service';
import { LeadsModule } from '../leads/leads.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { VendorsModule } from '../vendors/vendors.module';
import { ForecastAdjustment, ForecastAdjustmentRevision } from './forecast-adjustment.entity';

/** Reports read through the owning modules' services, never their tables. */
@Module({
  imports: [
    AuthModule,
    VendorsModule,
    LeadsModule,
    CallReportsModule,
    ContractsModule,
    TargetsModule,
    ScoringModule,
    SettlementModule,
    TypeOrmModule.forFeature([ForecastAdjustment, ForecastAdjustmentRevision]),
    // Dashboard links are signed with a key derived from the API's secret, so that a link is never
    // accepted as a bearer token (and a bearer token never as a link: audience osm-dashboard).
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: createHash('sha256').update(`osm-dashboard-link:${config.jwtSecret}`).digest('hex'),
        signOptions: { issuer: config.jwtIssuer, algorithm: 'HS256' },
        verifyOptions: { issuer: config.jwtIssuer, algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [
    ReportsController,
    ForecastController,
    ReportFilesController,
    ListExportsController,
    DashboardsController,
  ],
  providers: [ReportsService, ForecastService, DashboardLinksService, ListExportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
