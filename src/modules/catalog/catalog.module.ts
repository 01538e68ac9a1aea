import { Module } from '@nestjs/common';
import { AuditModule } from '../../common/audit/audit.module';
import { CatalogController } from './catalog.controller';
import { CatalogDemoSeeder } from './catalog.demo';
import { CatalogService } from './catalog.service';

/** Product lines, products with list and floor prices, and bundles. */
@Module({
  imports: [AuditModule],
  controllers: [CatalogController],
  providers: [CatalogService, CatalogDemoSeeder],
  exports: [CatalogService, CatalogDemoSeeder],
})
export class CatalogModule {}
