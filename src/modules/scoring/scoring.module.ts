import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../../common/audit/audit.module';
import { CallReportsModule } from '../call-reports/call-reports.module';
import { LeadsModule } from '../leads/leads.module';
import { VendorsModule } from '../vendors/vendors.module';
import { CsatController } from './csat.controller';
import { CsatResponse } from './csat-response.entity';
import { CsatService } from './csat.service';
import { ScorePeriodRow } from './score-period.entity';
import { ScoreRow } from './score.entity';
import { ScorecardDefinitionRow } from './scorecard-definition.entity';
import { ScorecardDefinitionsService } from './scorecard-definitions.service';
import { ScoringController } from './scoring.controller';
import { ScoringService } from './scoring.service';

/** Scorecards, scores per period and leaderboards; reads facts through the owning modules' services. */
@Module({
  imports: [
    AuditModule,
    VendorsModule,
    LeadsModule,
    CallReportsModule,
    TypeOrmModule.forFeature([ScorecardDefinitionRow, ScoreRow, ScorePeriodRow, CsatResponse]),
  ],
  controllers: [ScoringController, CsatController],
  providers: [ScorecardDefinitionsService, ScoringService, CsatService],
  exports: [ScoringService, ScorecardDefinitionsService, CsatService],
})
export class ScoringModule {}
