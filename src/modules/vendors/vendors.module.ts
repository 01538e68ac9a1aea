import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditModule } from '../../common/audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { CatalogModule } from '../catalog/catalog.module';
import { AgreementsController } from './agreements.controller';
import { AgreementsService } from './agreements.service';
import { ConflictsController } from './conflicts.controller';
import { ConflictsService } from './conflicts.service';
import { ReferenceDataController } from './reference-data.controller';
import { ReferenceDataService } from './reference-data.service';
import { RepLoginsController } from './rep-logins.controller';
import { RepLoginsService } from './rep-logins.service';
import { RepsController } from './reps.controller';
import { RepsService } from './reps.service';
import { VendorAccountLinks } from './vendor-account-links';
import { VendorCertifications } from './vendor-certifications';
import { VendorsController } from './vendors.controller';
import { VendorSelectionController } from './vendor-selection.controller';
import { VendorSelectionService } from './vendor-selection.service';
import { VendorsDemoSeeder } from './vendors.demo';
import { VendorsService } from './vendors.service';
import { VendorOffboardingSteps } from './vendor-offboarding';
import { SuspendedVendorReadOnlyInterceptor, VendorStandingService } from './vendor-standing.service';

/**
 * Who sells: the sales-unit tree, regions and industries, vendors with their lifecycle, agreements
 * (scope of responsibility and terms), reps, and conflicts of interest.
 */
@Module({
  imports: [AuditModule, AuthModule, CatalogModule, WebhooksModule],
  controllers: [
    ReferenceDataController,
    VendorsController,
    AgreementsController,
    RepsController,
    RepLoginsController,
    ConflictsController,
    VendorSelectionController,
  ],
  providers: [
    ReferenceDataService,
    VendorsService,
    AgreementsService,
    RepsService,
    RepLoginsService,
    VendorAccountLinks,
    VendorCertifications,
    ConflictsService,
    VendorSelectionService,
    VendorsDemoSeeder,
    VendorOffboardingSteps,
    VendorStandingService,
    { provide: APP_INTERCEPTOR, useClass: SuspendedVendorReadOnlyInterceptor },
  ],
  exports: [
    ReferenceDataService,
    VendorsService,
    RepsService,
    VendorsDemoSeeder,
    VendorOffboardingSteps,
    VendorCertifications,
  ],
})
export class VendorsModule {}
