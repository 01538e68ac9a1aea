import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallReportsModule } from '../call-reports/call-reports.module';
import { ContractsModule } from '../contracts/contracts.module';
import { LeadsModule } from '../leads/leads.published';
import { VendorsModule } from '../vendors/vendors.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { ActualImportsService } from './actual-imports.service';
import { ActualsService } from './actuals.service';
import { AttainmentService } from './attainment.service';
import { BriefPlanReader } from './brief-plan-reader';
import { CalendarModule } from '../../common/calendar/calendar.module';
import { DecompositionService } from './decomposition.service';
import { TargetPlanningController } from './target-planning.controller';
import { DistributionProfile } from './distribution-profile.entity';
import { ImportedActual } from './imported-actual.entity';
import { TargetRevision } from './target-revision.entity';
import { TargetSettings } from './target-settings.entity';
import { Target } from './target.entity';
import { TargetsController } from './targets.controller';
import { TargetsService } from './targets.service';
import { TargetsDemoSeeder } from './targets.demo';

/**
 * Targets: the tree from the company's yearly goal down to every rep's month, its decomposition,
 * actuals (computed through the owning modules' services, or imported) and attainment.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Target, TargetRevision, DistributionProfile, ImportedActual, TargetSettings]),
    VendorsModule,
    LeadsModule,
    CallReportsModule,
    CalendarModule,
    ContractsModule,
    WebhooksModule,
  ],
  controllers: [TargetsController, TargetPlanningController],
  providers: [
    BriefPlanReader,
    TargetsService,
    ActualsService,
    AttainmentService,
    DecompositionService,
    ActualImportsService,
    TargetsDemoSeeder,
  ],
  exports: [TargetsService, ActualsService, AttainmentService, TargetsDemoSeeder],
})
export class TargetsModule {}
