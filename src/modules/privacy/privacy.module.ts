import { ScoringModule } from '../scoring/scoring.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../../common/audit/audit.module';
import { CallReportsModule } from '../call-reports/call-reports.module';
import { LeadsModule } from '../leads/leads.published';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { PrivacySettingsRow } from './privacy-settings.entity';
import { PrivacyController } from './privacy.controller';
import { PrivacyService } from './privacy.service';

/** Contact persons' personal data: data-subject export and erasure, contact retention (GDPR, PIPL). */
@Module({
  imports: [
    AuditModule,
    WebhooksModule,
    LeadsModule,
    CallReportsModule,
    ScoringModule,
    TypeOrmModule.forFeature([PrivacySettingsRow]),
  ],
  controllers: [PrivacyController],
  providers: [PrivacyService],
  exports: [PrivacyService],
})
export class PrivacyModule {}
