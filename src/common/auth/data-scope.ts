import { Principal, Role } from './role';

export interface ScopeColumns {
  /** SQL expression of the owning vendor id, e.g. `lead.vendor_id`. */
  vendor: string;
  /** SQL expression of the owning rep id, for data that belongs to one rep (leads, call reports). */
  rep?: string;
}

export interface ScopedSql {
  /** A boolean SQL condition; `TRUE` for company-wide callers. */
  condition: string;
  params: unknown[];
}

interface WhereCapable {
  andWhere(condition: string, parameters?: Record<string, unknown>): this;
}

/**
 * The one place that turns a principal into the rows it may see. Every scoped query goes through
 * `apply` (query builders) or `toSql` (hand-written SQL), so no endpoint can forget the filter.
 *
 * - admin, sales manager, unbound integration client: the whole company;
 * - vendor manager, vendor-bound integration client: their vendor;
 * - rep: their own rows where the data belongs to a rep, otherwise their vendor's.
 */
export class DataScope {
  private constructor(
    readonly vendorId: string | null,
    readonly repId: string | null,
  ) {}

  static of(principal: Principal): DataScope {
    switch (principal.role) {
      case Role.ADMIN:
      case Role.SALES_MANAGER:
        return new DataScope(null, null);
      case Role.INTEGRATION:
        return new DataScope(principal.vendorId, null);
      case Role.VENDOR_MANAGER:
        return new DataScope(requireId(principal.vendorId, 'vendor manager'), null);
      case Role.REP:
        return new DataScope(requireId(principal.vendorId, 'rep'), requireId(principal.repId, 'rep'));
    }
  }

  static companyWide(): DataScope {
    return new DataScope(null, null);
  }

  /**
   * This scope narrowed to one vendor it may see (a company user looking at one vendor's page); a caller
   * already bound to that vendor keeps their own scope (a rep stays their own rows).
   */
  narrowedToVendor(vendorId: string): DataScope {
    if (!this.canSeeVendor(vendorId))
      throw new Error(`scope of vendor ${this.vendorId} cannot see ${vendorId}`);
    return this.vendorId === null ? new DataScope(vendorId, null) : this;
  }

  get isCompanyWide(): boolean {
    return this.vendorId === null;
  }

  canSeeVendor(vendorId: string | null | undefined): boolean {
    return this.vendorId === null || this.vendorId === vendorId;
  }

  canSeeRow(vendorId: string | null | undefined, repId?: string | null, repOwned = true): boolean {
    if (!this.canSeeVendor(vendorId)) return false;
    return this.repId === null || !repOwned || this.repId === repId;
  }

  apply<Q extends WhereCapable>(query: Q, columns: ScopeColumns): Q {
    if (this.vendorId !== null)
      query.andWhere(`${columns.vendor} = :scopeVendorId`, { scopeVendorId: this.vendorId });
    if (this.repId !== null && columns.rep)
      query.andWhere(`${columns.rep} = :scopeRepId`, { scopeRepId: this.repId });
    return query;
  }

  /** For raw SQL: parameters are numbered from `firstParam` ($n). */
  toSql(columns: ScopeColumns, firstParam: number): ScopedSql {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (this.vendorId !== null) {
      params.push(this.vendorId);
      conditions.push(`${columns.vendor} = $${firstParam + params.length - 1}`);
    }
    if (this.repId !== null && columns.rep) {
      params.push(this.repId);
      conditions.push(`${columns.rep} = $${firstParam + params.length - 1}`);
    }
    return { condition: conditions.length ? conditions.join(' AND ') : 'TRUE', params };
  }
}

function requireId(id: string | null, who: string): string {
  // A token without the link would otherwise silently widen the scope to the whole company.
  if (!id) throw new Error(`a ${who} principal must carry its vendor/rep link`);
  return id;
}
