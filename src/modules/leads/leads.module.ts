import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomersController } from './customers.controller';
import { Customer } from './customer.entity';
import { CustomersService } from './customers.service';
import { LeadActivity } from './lead-activity.entity';
import { Lead, LeadContact } from './lead.entity';
import { LeadDemoSeeder } from './lead-demo.seeder';
import { LeadGradingService } from './lead-grading.service';
import { LeadImportsService } from './lead-imports.service';
import { LeadIntakeService } from './lead-intake.service';
import { LeadMetricsService } from './lead-metrics.service';
import { AcceptAllLeadReferences, LeadReferenceChecker } from './lead-references';
import { LeadsController } from './leads.controller';
import { LeadsService } from './leads.service';

@Module({
  imports: [TypeOrmModule.forFeature([Lead, LeadContact, LeadActivity, Customer])],
  controllers: [LeadsController, CustomersController],
  providers: [
    // Until the vendors module is wired in, every region/industry/product line reference is accepted.
    { provide: LeadReferenceChecker, useClass: AcceptAllLeadReferences },
    LeadGradingService,
    LeadIntakeService,
    LeadImportsService,
    LeadsService,
    LeadMetricsService,
    CustomersService,
    LeadDemoSeeder,
  ],
  exports: [LeadsService, LeadIntakeService, CustomersService, LeadMetricsService, LeadDemoSeeder],
})
export class LeadsModule {}
