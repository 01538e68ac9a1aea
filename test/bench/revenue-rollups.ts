import type { Client } from 'pg';
import {
  REBUILD_REVENUE_ROLLUP_COARSE,
  REVENUE_DAILY_KEY,
  REVENUE_ROLLUP_KEY,
} from '../../src/modules/contracts/revenue-facts.service';

/**
 * The rollups every revenue read uses, kept for the facts of the contracts in the temp table `contracts`
 * (an `id` column) as the contracts module keeps them with each write: the daily rows, the month and year
 * rows above them and their coarse sums. The workloads that write contracts straight into the tables call
 * it, so that every reader sees the same money.
 */
export async function keepRevenueRollups(client: Client, contracts: string): Promise<void> {
  // The daily rollup every revenue read uses, as the contracts module keeps it with each write.
  await client.query(
    `INSERT INTO revenue_daily (day, measure, vendor_id, rep_id, currency, amount_minor, contract_count, cycle_days)
     SELECT f.day, f.measure, f.vendor_id, f.rep_id, f.currency, sum(f.amount_minor), sum(f.contract_count), sum(f.cycle_days)
       FROM contract_revenue_facts f JOIN ${contracts} c ON c.id = f.contract_id
      GROUP BY f.day, f.measure, f.vendor_id, f.rep_id, f.currency
     ON CONFLICT (${REVENUE_DAILY_KEY}) DO UPDATE SET
       amount_minor = revenue_daily.amount_minor + EXCLUDED.amount_minor,
       contract_count = revenue_daily.contract_count + EXCLUDED.contract_count,
       cycle_days = revenue_daily.cycle_days + EXCLUDED.cycle_days`,
  );
  // …and its month and year rows above it and their coarse sums, kept by the same writes.
  await client.query(
    `INSERT INTO revenue_rollup (grain, period_start, measure, vendor_id, rep_id, currency, amount_minor,
                                 contract_count, cycle_days)
     SELECT g.grain, date_trunc(g.grain, f.day::timestamp)::date, f.measure, f.vendor_id, f.rep_id, f.currency,
            sum(f.amount_minor), sum(f.contract_count), sum(f.cycle_days)
       FROM contract_revenue_facts f JOIN ${contracts} c ON c.id = f.contract_id
            CROSS JOIN (VALUES ('month'), ('year')) AS g(grain)
      GROUP BY 1, 2, f.measure, f.vendor_id, f.rep_id, f.currency
     ON CONFLICT (${REVENUE_ROLLUP_KEY}) DO UPDATE SET
       amount_minor = revenue_rollup.amount_minor + EXCLUDED.amount_minor,
       contract_count = revenue_rollup.contract_count + EXCLUDED.contract_count,
       cycle_days = revenue_rollup.cycle_days + EXCLUDED.cycle_days;
     ${REBUILD_REVENUE_ROLLUP_COARSE}`,
  );
}
