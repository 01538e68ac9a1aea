import { ScoringPersonalDataService } from './scoring-personal-data.service';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../../common/audit/audit.module';
import { CalendarModule } from '../../common/calendar/calendar.module';
import { AuthModule } from '../auth/auth.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { CatalogModule } from '../catalog/catalog.module';
import { ContractsModule } from '../contracts/contracts.module';
import { TargetsModule } from '../targets/targets.module';
import { CallReportsModule } from '../call-reports/call-reports.module';
import { LeadsModule } from '../leads/leads.published';
import { VendorsModule } from '../vendors/vendors.module';
import { Complaint, ComplaintSettingsRow } from './complaint.entity';
import { ComplaintsController } from './complaints.controller';
import { ComplaintsService } from './complaints.service';
import { EarnedGradeRow, GradeChangeRow } from './earned-grade.entity';
import { GradesController } from './grades.controller';
import { GradesService } from './grades.service';
import { CsatController } from './csat.controller';
import { CsatResponse } from './csat-response.entity';
import { CsatService } from './csat.service';
import { CsatSurvey, PublicRequestCount } from './csat-survey.entity';
import { CsatSurveysController, PublicSurveysController } from './csat-surveys.controller';
import { CsatSurveysService } from './csat-surveys.service';
import { PublicRateLimitService } from './public-rate-limit.service';
import { ScorePeriodRow } from './score-period.entity';
import { ScoreRow } from './score.entity';
import { ScorecardDefinitionRow } from './scorecard-definition.entity';
import { ScorecardDefinitionsService } from './scorecard-definitions.service';
import { ScoringController } from './scoring.controller';
import { EarnedTagsService } from './earned-tags.service';
import { ScoringDemoSeeder } from './scoring.demo';
import { ScoringService } from './scoring.service';
import { ReviewActionItem, VendorReview } from './vendor-review.entity';
import { VendorReviewsController } from './vendor-reviews.controller';
import { VendorReviewsService } from './vendor-reviews.service';
import { ContestsService } from './leaderboards/contests.service';
import { Contest, ContestStanding, LeaderboardSettingsRow } from './leaderboards/leaderboard.entity';
import { LeaderboardsController } from './leaderboards/leaderboards.controller';
import { LeaderboardsService } from './leaderboards/leaderboards.service';

/** Scorecards, scores per period and leaderboards; reads facts through the owning modules' services. */
@Module({
  imports: [
    AuditModule,
    AuthModule,
    WebhooksModule,
    CalendarModule,
    VendorsModule,
    CatalogModule,
    ContractsModule,
    TargetsModule,
    LeadsModule,
    CallReportsModule,
    TypeOrmModule.forFeature([
      ScorecardDefinitionRow,
      ScoreRow,
      ScorePeriodRow,
      CsatResponse,
      CsatSurvey,
      PublicRequestCount,
      Complaint,
      ComplaintSettingsRow,
      VendorReview,
      ReviewActionItem,
      EarnedGradeRow,
      GradeChangeRow,
      LeaderboardSettingsRow,
      Contest,
      ContestStanding,
    ]),
  ],
  controllers: [
    ScoringController,
    CsatController,
    CsatSurveysController,
    PublicSurveysController,
    ComplaintsController,
    VendorReviewsController,
    GradesController,
    LeaderboardsController,
  ],
  providers: [
    ScoringPersonalDataService,
    ScoringDemoSeeder,
    EarnedTagsService,
    ScorecardDefinitionsService,
    ScoringService,
    CsatService,
    CsatSurveysService,
    PublicRateLimitService,
    ComplaintsService,
    VendorReviewsService,
    GradesService,
    LeaderboardsService,
    ContestsService,
  ],
  exports: [
    ScoringDemoSeeder,
    ScoringPersonalDataService,
    EarnedTagsService,
    ScoringService,
    ScorecardDefinitionsService,
    CsatService,
    ComplaintsService,
    VendorReviewsService,
    GradesService,
    LeaderboardsService,
    ContestsService,
  ],
})
export class ScoringModule {}
