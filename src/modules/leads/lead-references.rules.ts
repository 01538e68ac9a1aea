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
   * What the vendors cover today: per given vendor its contracted region codes and industries, and for
   * leads nobody owns yet what the company covers at all — the union over every vendor that can take
   * leads today (active, with an agreement in force). A region is covered when it equals a listed code or
   * lies under one (`CN` covers `CN-GD`). `withCompany: false` skips the union (every lead is owned), so
   * a vendor's own intake reads only its own scope.
   */
  abstract getCoverage(
    manager: EntityManager,
    vendorIds: string[],
    withCompany: boolean,
  ): Promise<LeadCoverage>;
}

/** Regions and industries covered; `null` = no limit (an agreement that lists none). */
export interface Coverage {
  regions: string[] | null;
  industries: string[] | null;
}

export interface LeadCoverage {
  vendors: Map<string, Coverage>;
  /** The union over every vendor that can take leads today; nothing when none can (or when not asked for). */
  company: Coverage;
}

/** The coverage a lead is graded against: its owning vendor's, or, unowned, the company's. */
export function coverageOf(coverage: LeadCoverage, vendorId: string | null): Coverage {
  return (vendorId ? coverage.vendors.get(vendorId) : undefined) ?? coverage.company;
}

export function regionInScope(regionCode: string | null, scopeRegions: string[] | null | undefined): boolean {
  if (!regionCode) return false;
  if (!scopeRegions) return true;
  return scopeRegions.some((code) => code === regionCode || regionCode.startsWith(`${code}-`));
}

export function industryInScope(industryCode: string | null, industries: string[] | null): boolean {
  if (!industryCode) return false;
  return !industries || industries.includes(industryCode);
}
