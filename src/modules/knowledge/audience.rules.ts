import { DataScope } from '../../common/auth/data-scope';
import { DomainException, FieldError } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { AnnouncementAudience, Audience } from './knowledge.enums';

/**
 * Who reads what. Company-wide callers (admin, sales manager, an unbound API client) read everything;
 * a vendor's people (vendor manager, rep, vendor-bound client) read what is addressed to all vendors or
 * to their vendor by name, never `internal`. Anything else answers 404, as if it did not exist.
 */
export function audienceIncludes(
  audience: Audience | `${Audience}`,
  vendorIds: readonly string[],
  scope: DataScope,
): boolean {
  if (scope.isCompanyWide) return true;
  if (audience === Audience.ALL_VENDORS) return true;
  return audience === Audience.CHOSEN_VENDORS && vendorIds.includes(scope.vendorId!);
}

/**
 * The SQL twin of `audienceIncludes` for a row with `audience` and `vendors` (a uuid[] column);
 * `param` names the query-builder parameter holding the caller's vendor id.
 */
export function audienceCondition(
  columns: { audience: string; vendors: string },
  scope: DataScope,
): { condition: string; params: Record<string, unknown> } {
  if (scope.isCompanyWide) return { condition: 'TRUE', params: {} };
  return {
    condition: `(${columns.audience} = 'all_vendors' OR (${columns.audience} = 'chosen_vendors' AND CAST(:audienceVendorId AS uuid) = ANY(${columns.vendors})))`,
    params: { audienceVendorId: scope.vendorId },
  };
}

/**
 * `chosen_vendors` names at least one vendor; any other audience names none
 * (422 AUDIENCE_INVALID naming `vendorIds`).
 */
export function checkAudience(audience: Audience | AnnouncementAudience, vendorIds: readonly string[]): void {
  const chosen = (audience as string) === (Audience.CHOSEN_VENDORS as string);
  const errors: FieldError[] = [];
  if (chosen && vendorIds.length === 0)
    errors.push({ field: 'vendorIds', message: 'must name at least one vendor for chosen_vendors' });
  if (!chosen && vendorIds.length > 0)
    errors.push({ field: 'vendorIds', message: `must be empty for ${audience}` });
  if (errors.length)
    throw new DomainException(
      ErrorCode.AUDIENCE_INVALID,
      'The audience and its vendor list do not fit together',
      errors,
    );
}
