import { Injectable } from '@nestjs/common';

/**
 * What the leads module needs to know about records the vendors module owns (regions, industries,
 * product lines, vendors' contracted territories). Leads store those references as plain ids/codes;
 * their existence is checked here, set-based, so a 10 000-row import asks once per kind.
 *
 * Provide a real implementation backed by VendorsService with
 * `{ provide: LeadReferenceChecker, useExisting: VendorLeadReferences }` in LeadsModule.
 */
export abstract class LeadReferenceChecker {
  /** Of the given region codes, those that do not exist. */
  abstract findUnknownRegions(codes: string[]): Promise<string[]>;
  /** Of the given industry codes, those that do not exist. */
  abstract findUnknownIndustries(codes: string[]): Promise<string[]>;
  /** Of the given product line ids, those that do not exist. */
  abstract findUnknownProductLines(ids: string[]): Promise<string[]>;
  /**
   * The region codes each vendor is contracted for; `null` for a vendor without a territory limit.
   * A region is in scope when it equals a listed code or lies under a listed country (`CN` covers `CN-GD`).
   */
  abstract getVendorScopeRegions(vendorIds: string[]): Promise<Map<string, string[] | null>>;
}

/**
 * Default until the vendors module is wired in: every reference exists and no vendor has a territory
 * limit. Format checks (code patterns, uuids) still apply at the API boundary.
 */
@Injectable()
export class AcceptAllLeadReferences extends LeadReferenceChecker {
  findUnknownRegions(): Promise<string[]> {
    return Promise.resolve([]);
  }
  findUnknownIndustries(): Promise<string[]> {
    return Promise.resolve([]);
  }
  findUnknownProductLines(): Promise<string[]> {
    return Promise.resolve([]);
  }
  getVendorScopeRegions(vendorIds: string[]): Promise<Map<string, string[] | null>> {
    return Promise.resolve(new Map(vendorIds.map((id) => [id, null])));
  }
}

export function regionInScope(regionCode: string | null, scopeRegions: string[] | null | undefined): boolean {
  if (!regionCode) return false;
  if (!scopeRegions) return true;
  return scopeRegions.some((code) => code === regionCode || regionCode.startsWith(`${code}-`));
}
