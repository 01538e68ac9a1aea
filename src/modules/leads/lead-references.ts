import type { EntityManager } from 'typeorm';
/**
 * What the leads module needs to know about records the vendors module owns (regions, industries,
 * product lines, vendors' contracted territories). Leads store those references as plain ids/codes;
 * their existence is checked here, set-based, so a 10 000-row import asks once per kind.
 *
 * LeadsModule provides `VendorLeadReferences`, backed by the vendors and catalog services.
 */
export abstract class LeadReferenceChecker {
  /** Of the given region codes, those that do not exist. */
  abstract findUnknownRegions(manager: EntityManager, codes: string[]): Promise<string[]>;
  /** Of the given industry codes, those that do not exist. */
  abstract findUnknownIndustries(codes: string[]): Promise<string[]>;
  /** Of the given product line ids, those that do not exist. */
  abstract findUnknownProductLines(manager: EntityManager, ids: string[]): Promise<string[]>;
  /**
   * The region codes each vendor is contracted for; `null` for a vendor without a territory limit.
   * A region is in scope when it equals a listed code or lies under a listed country (`CN` covers `CN-GD`).
   */
  abstract getVendorScopeRegions(
    manager: EntityManager,
    vendorIds: string[],
  ): Promise<Map<string, string[] | null>>;
}

export function regionInScope(regionCode: string | null, scopeRegions: string[] | null | undefined): boolean {
  if (!regionCode) return false;
  if (!scopeRegions) return true;
  return scopeRegions.some((code) => code === regionCode || regionCode.startsWith(`${code}-`));
}
