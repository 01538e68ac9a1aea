import type { EntityManager } from 'typeorm';
import { Injectable } from '@nestjs/common';
import { CatalogService } from '../catalog/catalog.service';
import { INDUSTRY_CODES } from '../vendors/industries';
import { ReferenceDataService } from '../vendors/reference-data.service';
import { VendorsService } from '../vendors/vendors.service';
import { VendorStatus } from '../vendors/vendor-enums';
import type { EffectiveScope } from '../vendors/vendors.service';
import { Coverage, LeadCoverage, LeadReferenceChecker } from './lead-references.rules';

/** Lead references checked against the vendors and catalog modules, through their services. */
@Injectable()
export class VendorLeadReferences extends LeadReferenceChecker {
  constructor(
    private readonly referenceData: ReferenceDataService,
    private readonly vendors: VendorsService,
    private readonly catalog: CatalogService,
  ) {
    super();
  }

  findUnknownRegions(manager: EntityManager, codes: string[]): Promise<string[]> {
    return this.referenceData.findUnknownRegionCodes(manager, codes);
  }

  findUnknownIndustries(codes: string[]): Promise<string[]> {
    return Promise.resolve([...new Set(codes)].filter((code) => !INDUSTRY_CODES.includes(code)));
  }

  findUnknownProductLines(manager: EntityManager, ids: string[]): Promise<string[]> {
    return this.catalog.findUnknownProductLines(manager, ids);
  }

  /**
   * Today's contracted regions (with the regions inside them) and industries per vendor, and their union
   * over the vendors that can take leads; a vendor's agreement that lists no region or industry has no limit.
   */
  async getCoverage(
    manager: EntityManager,
    vendorIds: string[],
    withCompany: boolean,
  ): Promise<LeadCoverage> {
    const asked = new Set(vendorIds);
    const active = withCompany ? await this.vendors.findVendorIds(manager, VendorStatus.ACTIVE) : [];
    const scopes = await this.vendors.getEffectiveScopes(
      manager,
      [...new Set([...vendorIds, ...active])],
      new Date(),
    );
    const codes = await this.referenceData.regionCodesByIds(
      manager,
      scopes.flatMap((scope) => scope.regionIds),
    );
    const coverageOf = (scope: EffectiveScope): Coverage => ({
      regions: scope.regionIds.length
        ? scope.regionIds.map((id) => codes.get(id)).filter((code): code is string => !!code)
        : null,
      industries: scope.industryCodes.length ? scope.industryCodes : null,
    });
    const vendors = new Map<string, Coverage>(
      vendorIds.map((id) => [id, { regions: null, industries: null }]),
    );
    for (const scope of scopes) if (asked.has(scope.vendorId)) vendors.set(scope.vendorId, coverageOf(scope));
    const routable = withCompany ? scopes.filter((scope) => scope.routable).map(coverageOf) : [];
    const union = (lists: (string[] | null)[]): string[] | null =>
      lists.some((list) => list === null) ? null : [...new Set(lists.flat() as string[])].sort();
    const company: Coverage = {
      regions: union(routable.map((c) => c.regions)),
      industries: union(routable.map((c) => c.industries)),
    };
    return { vendors, company };
  }
}
