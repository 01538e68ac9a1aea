import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { VendorsModule } from '../vendors/vendors.module';
import { DistributionProfile } from './distribution-profile.entity';
import { ImportedActual } from './imported-actual.entity';
import { TargetRevision } from './target-revision.entity';
import { TargetSettings } from './target-settings.entity';
import { Target } from './target.entity';
import { TargetsController } from './targets.controller';
import { TargetsService } from './targets.service';

/**
 * Targets: the tree from the company's yearly goal down to every rep's month, its decomposition,
 * actuals (computed through the owning modules' services, or imported) and attainment.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Target, TargetRevision, DistributionProfile, ImportedActual, TargetSettings]),
    VendorsModule,
  ],
  controllers: [TargetsController],
  providers: [TargetsService],
  exports: [TargetsService],
})
export class TargetsModule {}
