import type { DataSource } from 'typeorm';

/**
 * Coarse rollup rows (`revenue_rollup_coarse`) that differ from the sums of the month and year rows of
 * `revenue_rollup` under them, `live_rows` compared with how many of those rows are not zero: none when
 * the two are in step.
 */
export function coarseRollupOutOfStep(dataSource: DataSource): Promise<unknown[]> {
  return dataSource.query(
    `WITH expected AS (
       SELECT grain, period_start, measure, vendor_id, region_code, currency, sum(amount_minor) AS amount,
              sum(contract_count) AS n, sum(cycle_days) AS days,
              count(*) FILTER (WHERE amount_minor <> 0 OR contract_count <> 0) AS live
         FROM revenue_rollup GROUP BY 1, 2, 3, 4, 5, 6),
     actual AS (
       SELECT grain, period_start, measure, vendor_id, region_code, currency, amount_minor AS amount,
              contract_count AS n, cycle_days AS days, live_rows AS live
         FROM revenue_rollup_coarse)
     (SELECT * FROM expected EXCEPT SELECT * FROM actual)
     UNION ALL
     (SELECT * FROM actual EXCEPT SELECT * FROM expected)`,
  );
}
