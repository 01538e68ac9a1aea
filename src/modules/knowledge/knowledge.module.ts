import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { ContractsModule } from '../contracts/contracts.module';
import { LeadsModule } from '../leads/leads.published';
import { VendorsModule } from '../vendors/vendors.module';
import { AnnouncementsController } from './announcements.controller';
import { AnnouncementsService } from './announcements.service';
import { CertificationReaders } from './certification-readers';
import { KnowledgeController } from './knowledge.controller';
import { KnowledgeDemoSeeder } from './knowledge.demo';
import { KnowledgeService } from './knowledge.service';
import { MarketFeedbackController } from './market-feedback.controller';
import { MarketFeedbackService } from './market-feedback.service';
import { TrainingController } from './training.controller';
import { TrainingService } from './training.service';

/**
 * The knowledge base (articles, playbooks, won-deal write-ups), announcements to vendors with read
 * receipts, market feedback from vendors, and training (curricula, quizzes, certifications). Product lines and prices are read through the catalog,
 * vendors through vendors, contracts through contracts (all on or below this level).
 */
@Module({
  imports: [CatalogModule, VendorsModule, LeadsModule, ContractsModule],
  controllers: [KnowledgeController, AnnouncementsController, MarketFeedbackController, TrainingController],
  providers: [
    KnowledgeService,
    AnnouncementsService,
    MarketFeedbackService,
    TrainingService,
    CertificationReaders,
    KnowledgeDemoSeeder,
  ],
  exports: [
    KnowledgeService,
    AnnouncementsService,
    MarketFeedbackService,
    TrainingService,
    KnowledgeDemoSeeder,
  ],
})
export class KnowledgeModule {}
