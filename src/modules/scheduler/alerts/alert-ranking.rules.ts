import type { AlertSeverity } from './alert.entity';

/** How severe an alert is, for "most severe first": critical 3, warning 2, info 1. */
export const SEVERITY_RANK: Readonly<Record<AlertSeverity, number>> = { critical: 3, warning: 2, info: 1 };

/** The SQL twin of SEVERITY_RANK for the alert alias given. */
export function severityRankSql(alias: string): string {
  return `CASE ${alias}.severity WHEN 'critical' THEN 3 WHEN 'warning' THEN 2 ELSE 1 END`;
}

/**
 * The order of "top items" in the summary and the digests: most severe first, then newest, then id (so
 * that equal alerts come out in a stable order). The SQL twin is `topItemOrderSql`.
 */
export function compareTopItems(
  a: { severity: AlertSeverity; raisedAt: string; id: string },
  b: { severity: AlertSeverity; raisedAt: string; id: string },
): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    (a.raisedAt < b.raisedAt ? 1 : a.raisedAt > b.raisedAt ? -1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export function topItemOrderSql(alias: string): string {
  return `${severityRankSql(alias)} DESC, ${alias}.raised_at DESC, ${alias}.id`;
}
