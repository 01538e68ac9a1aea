import { AuditModule } from '../../common/audit/audit.module';
import { CatalogModule } from '../catalog/catalog.module';
import { VendorsModule } from '../vendors/vendors.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomersController } from './customers/customers.controller';
import { Customer } from './customers/customer.entity';
import { CustomersService } from './customers/customers.service';
import { CustomerImportsService } from './customers/customer-imports.service';
import { LeadActivity } from './history/lead-activity.entity';
import { Lead, LeadContact, LeadExternalId } from './lead.entity';
import { LeadDemoSeeder } from './leads.demo';
import { LeadGradingSettingsRow } from './grading/lead-grading-settings.entity';
import { LeadPipelineController } from './pipeline/lead-pipeline.controller';
import { LeadPipelineSettingsRow } from './pipeline/lead-pipeline-settings.entity';
import { LeadPipelineService } from './pipeline/lead-pipeline.service';
import { LeadGradingSettingsService } from './grading/lead-grading-settings.service';
import { LeadGradingService } from './grading/lead-grading.service';
import { LeadSettingsController } from './grading/lead-settings.controller';
import { NamedAccount } from './grading/named-account.entity';
import { NamedAccountsController } from './grading/named-accounts.controller';
import { NamedAccountsService } from './grading/named-accounts.service';
import { LeadImportsService } from './intake/lead-imports.service';
import { ImportMapping } from './intake/import-mapping.entity';
import { ImportMappingsController } from './intake/import-mappings.controller';
import { ImportMappingsService } from './intake/import-mappings.service';
import { LeadIntakeService } from './intake/lead-intake.service';
import { LeadMetricsService } from './metrics/lead-metrics.service';
import { LeadAnalyticsService } from './metrics/lead-analytics.service';
import { LeadReferenceChecker } from './lead-references.rules';
import { VendorLeadReferences } from './vendor-lead-references';
import { LeadsController } from './leads.controller';
import { LeadQueriesService } from './lead-queries.service';
import { LeadsService } from './leads.service';
import { LeadUpsertService } from './intake/lead-upsert.service';
import { LeadPersonalDataService } from './personal-data/lead-personal-data.service';
import { ContactReadsRecorder } from './personal-data/contact-reads';
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
      ImportMapping,
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
    ImportMappingsController,
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
    ImportMappingsService,
    LeadsService,
    LeadQueriesService,
    LeadUpsertService,
    LeadMetricsService,
    LeadAnalyticsService,
    CustomersService,
    CustomerImportsService,
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
    LeadQueriesService,
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
