import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { parsePeriod, type Period, type PeriodKind } from '../../common/period/period';

export const SCORED_PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'year'];

/** A month, quarter or year key, else 400 PERIOD_INVALID naming `field`. */
export function parseScoredPeriod(key: string, field = 'period'): Period {
  const parsed = parsePeriod(key);
  if (!parsed || !SCORED_PERIOD_KINDS.includes(parsed.kind))
    throw new DomainException(
      ErrorCode.PERIOD_INVALID,
      `"${key}" is not a scored period: use a month (2026-07), a quarter (2026-Q3) or a year (2026)`,
      [{ field, message: 'must be a month, quarter or year key' }],
    );
  return parsed;
}
