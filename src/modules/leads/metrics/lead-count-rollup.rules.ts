import type { DataScope } from '../../../common/auth/data-scope';
import type { LeadCountGrain } from './lead-count-rollup.entity';
import type { LeadDimension, LeadSliceFilter, PeriodGrain } from './lead-analytics.service';

/** The dimensions `lead_count_rollup` keeps (its key; rep and product line are not in it). */
const ROLLUP_DIMENSIONS: readonly LeadDimension[] = ['period', 'region', 'industry', 'vendor', 'source'];

/**
 * The coarsest rollup grain a lead count may read, or undefined when the rollup does not cover it: a
 * dimension or filter it does not keep (rep, product line), a rep's own scope, or a period grain its
 * months do not add up to (day, ISO week). Years serve a year grain and a count without periods.
 */
export function rollupGrain(
  filter: LeadSliceFilter,
  dimensions: readonly LeadDimension[],
  grain: PeriodGrain,
  scope: DataScope,
): Extract<LeadCountGrain, 'month' | 'year'> | undefined {
  if (dimensions.some((d) => !ROLLUP_DIMENSIONS.includes(d))) return undefined;
  if (filter.repId || filter.productLineId || scope.repId !== null) return undefined;
  if (!dimensions.includes('period') || grain === 'year') return 'year';
  return grain === 'month' || grain === 'quarter' ? 'month' : undefined;
}
