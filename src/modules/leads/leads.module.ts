import { AuditModule } from '../../common/audit/audit.module';
import { CatalogModule } from '../catalog/catalog.module';
import { VendorsModule } from '../vendors/vendors.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomersController } from './customers.controller';
import { Customer } from './customer.entity';
import { CustomersService } from './customers.service';
import { LeadActivity } from './lead-activity.entity';
import { Lead, LeadContact, LeadExternalId } from './lead.entity';
import { LeadDemoSeeder } from './leads.demo';
import { LeadGradingSettingsRow } from './lead-grading-settings.entity';
import { LeadPipelineController } from './lead-pipeline.controller';
import { LeadPipelineSettingsRow } from './lead-pipeline-settings.entity';
import { LeadPipelineService } from './lead-pipeline.service';
import { LeadGradingSettingsService } from './lead-grading-settings.service';
import { LeadGradingService } from './lead-grading.service';
import { LeadSettingsController } from './lead-settings.controller';
import { NamedAccount } from './named-account.entity';
import { NamedAccountsController } from './named-accounts.controller';
import { NamedAccountsService } from './named-accounts.service';
import { LeadImportsService } from './lead-imports.service';
import { LeadIntakeService } from './lead-intake.service';
import { LeadMetricsService } from './lead-metrics.service';
import { LeadAnalyticsService } from './lead-analytics.service';
import { LeadReferenceChecker } from './lead-references';
import { VendorLeadReferences } from './vendor-lead-references';
import { LeadsController } from './leads.controller';
import { LeadsService } from './leads.service';
import { LeadUpsertService } from './lead-upsert.service';
import { LeadPersonalDataService } from './lead-personal-data.service';
import { ContactReadsRecorder } from './contact-reads';
import { LEAD_POOL_ENTITIES, POOL_CONTROLLERS, POOL_PROVIDERS } from './pool/pool.providers';
import { ROUTING_CONTROLLERS, ROUTING_ENTITIES, ROUTING_PROVIDERS } from './routing/routing.providers';

@Module({
  imports: [
    AuditModule,
    WebhooksModule,
    VendorsModule,
    CatalogModule,
    TypeOrmModule.forFeature([
      Lead,
      LeadContact,
      LeadExternalId,
      LeadActivity,
      Customer,
      LeadGradingSettingsRow,
      LeadPipelineSettingsRow,
      NamedAccount,
      ...ROUTING_ENTITIES,
      ...LEAD_POOL_ENTITIES,
    ]),
  ],
  controllers: [
    LeadsController,
    CustomersController,
    LeadSettingsController,
    LeadPipelineController,
    NamedAccountsController,
    ...ROUTING_CONTROLLERS,
    ...POOL_CONTROLLERS,
  ],
  providers: [
    // Until the vendors module is wired in, every region/industry/product line reference is accepted.
    { provide: LeadReferenceChecker, useClass: VendorLeadReferences },
    LeadGradingSettingsService,
    LeadGradingService,
    NamedAccountsService,
    LeadIntakeService,
    LeadImportsService,
    LeadsService,
    LeadUpsertService,
    LeadMetricsService,
    LeadAnalyticsService,
    CustomersService,
    LeadPipelineService,
    LeadPersonalDataService,
    ContactReadsRecorder,
    LeadDemoSeeder,
    ...ROUTING_PROVIDERS,
    ...POOL_PROVIDERS,
  ],
  exports: [
    ...ROUTING_PROVIDERS,
    ...POOL_PROVIDERS,
    LeadsService,
    LeadIntakeService,
    CustomersService,
    LeadMetricsService,
    LeadAnalyticsService,
    LeadPipelineService,
    LeadPersonalDataService,
    ContactReadsRecorder,
    LeadDemoSeeder,
  ],
})
export class LeadsModule {}
