import { Module } from '@nestjs/common';
import { AuditModule } from '../../common/audit/audit.module';
import { CatalogController } from './catalog.controller';
import { CatalogService } from './catalog.service';

/** Product lines, products with list and floor prices, and bundles. */
@Module({
  imports: [AuditModule],
  controllers: [CatalogController],
  providers: [CatalogService],
  exports: [CatalogService],
})
export class CatalogModule {}
