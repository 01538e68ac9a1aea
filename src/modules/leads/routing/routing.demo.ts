import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VendorStatus } from '../../vendors/vendor-enums';
import { VendorsService } from '../../vendors/vendors.service';
import { LeadPool } from '../pool/lead-pool.entity';
import { AssignmentRule } from './assignment-rule.entity';
import { RoutingStrategy, RoutingTargetKind } from './routing.enums';
import { isoDate } from './routing.service';

/** Demo routing: a company pool with tiered windows and a default best-fit rule over the active vendors. */
@Injectable()
export class RoutingDemoSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vendors: VendorsService,
  ) {}

  /** Seeds once, when there are no rules yet; returns whether it did. */
  async seedDemoRouting(): Promise<boolean> {
    if ((await this.dataSource.getRepository(AssignmentRule).count()) > 0) return false;
    const vendorIds = await this.vendors.findVendorIds(this.dataSource.manager, VendorStatus.ACTIVE);
    const scopes = await this.vendors.getEffectiveScopes(
      this.dataSource.manager,
      vendorIds,
      isoDate(new Date()),
    );
    const routable = scopes.filter((scope) => scope.routable).map((scope) => scope.vendorId);
    if (routable.length === 0) return false;
    await this.dataSource.transaction(async (em) => {
      await em.save(
        em.create(LeadPool, {
          name: 'Company pool',
          vendorId: null,
          isDefault: true,
          noFollowUpDays: { key: 3, high: 7, medium: 14, low: 30 },
          noProgressDays: { key: 14, high: 30, medium: 45, low: 60 },
          warnDaysBefore: 2,
          holdingCap: 80,
          dailyClaimLimit: 10,
          cooldownHours: 12,
        }),
      );
      await em.save(
        em.create(AssignmentRule, {
          name: 'Key leads to the best fit',
          position: 10,
          filter: { keyLead: true },
          targetKind: RoutingTargetKind.VENDORS,
          targetVendorIds: routable,
          strategy: RoutingStrategy.BEST_FIT,
        }),
      );
      await em.save(
        em.create(AssignmentRule, {
          name: 'Everything else, weighted by grade',
          position: 20,
          isDefault: true,
          targetKind: RoutingTargetKind.VENDORS,
          targetVendorIds: routable,
          strategy: RoutingStrategy.WEIGHTED_RANDOM,
        }),
      );
    });
    return true;
  }
}
