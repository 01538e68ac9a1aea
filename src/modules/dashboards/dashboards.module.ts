import { createHash } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuthModule } from '../auth/auth.module';
import { ReportsModule } from '../reports/reports.module';
import { SchedulerModule } from '../scheduler/scheduler.module';
import { ScoringModule } from '../scoring/scoring.module';
import { TargetsModule } from '../targets/targets.module';
import { VendorsModule } from '../vendors/vendors.module';
import { DashboardLinksService } from './dashboard-links.service';
import { DashboardsController } from './dashboards.controller';
import { DashboardsService } from './dashboards.service';

/**
 * Dashboards a manager opens in a browser: pages composed from the reports, targets, scores and the
 * scheduler's open alerts, so it sits above all of them. Owns no table.
 */
@Module({
  imports: [
    AuthModule,
    VendorsModule,
    TargetsModule,
    ScoringModule,
    ReportsModule,
    SchedulerModule,
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
  controllers: [DashboardsController],
  providers: [DashboardLinksService, DashboardsService],
})
export class DashboardsModule {}
