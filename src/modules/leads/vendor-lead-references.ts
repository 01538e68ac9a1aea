import type { EntityManager } from 'typeorm';
import { Injectable } from '@nestjs/common';
import { CatalogService } from '../catalog/catalog.service';
import { INDUSTRY_CODES } from '../vendors/industries';
import { ReferenceDataService } from '../vendors/reference-data.service';
import { VendorsService } from '../vendors/vendors.service';
import { LeadReferenceChecker } from './lead-references';

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

  /** Today's contracted regions (with the regions inside them) per vendor; no listed region: no limit. */
  async getVendorScopeRegions(
    manager: EntityManager,
    vendorIds: string[],
  ): Promise<Map<string, string[] | null>> {
    const scopes = await this.vendors.getEffectiveScopes(manager, vendorIds, new Date());
    const codes = await this.referenceData.regionCodesByIds(
      manager,
      scopes.flatMap((scope) => scope.regionIds),
    );
    const result = new Map<string, string[] | null>(vendorIds.map((id) => [id, null]));
    for (const scope of scopes) {
      if (scope.regionIds.length > 0) {
        result.set(
          scope.vendorId,
          scope.regionIds.map((id) => codes.get(id)).filter((code): code is string => !!code),
        );
      }
    }
    return result;
  }
}
