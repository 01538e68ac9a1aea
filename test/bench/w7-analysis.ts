import type { Client } from 'pg';
import {
  REBUILD_REVENUE_ROLLUP_COARSE,
  REVENUE_DAILY_KEY,
  REVENUE_ROLLUP_KEY,
} from '../../src/modules/contracts/revenue-facts.service';

/**
 * W7's money: contracts signed over the cube's days (`from` to `today`, the scale's count), each in a
 * region the leads have, credited to one active rep (a fifth shared 60/40 with another rep of the vendor),
 * with their booking facts on the signature day and one payment 30 days later (if that day has come),
 * written straight into the contracts module's tables with the daily roll-up and its month and year sums
 * as the module keeps them (and the coarse rollup above them, the sums per vendor and region). Not timed. Runs after W3, whose running year's contracts add to these.
 */
export async function prepareW7Revenue(
  client: Client,
  contracts: number,
  from: string,
  today: string,
): Promise<void> {
  await client.query(
    `CREATE TEMP TABLE w7_reps AS
     SELECT (row_number() OVER (ORDER BY r.id) - 1)::int AS n, r.id, r.vendor_id
       FROM reps r JOIN vendors v ON v.id = r.vendor_id WHERE r.active;
     CREATE TEMP TABLE w7_regions AS
     SELECT (row_number() OVER (ORDER BY region_code) - 1)::int AS n, region_code
       FROM (SELECT DISTINCT region_code FROM leads WHERE region_code IS NOT NULL) r`,
  );
  await client.query(
    `CREATE TEMP TABLE w7_contracts AS
     SELECT gen_random_uuid() AS id, gen_random_uuid() AS payment_id, r.id AS rep_id, r.vendor_id, o.id AS other_rep_id,
            g.region_code, $2::date + (g.i % ($3::date - $2::date + 1)) AS signed_on,
            (100000 + (g.i * 7919) % 5000000)::bigint AS total, g.i % 5 = 0 AS shared
       FROM (SELECT i, rg.region_code FROM generate_series(1, $1) i
               JOIN w7_regions rg ON rg.n = (i * 31) % (SELECT count(*) FROM w7_regions)) g
       JOIN w7_reps r ON r.n = ((g.i::bigint * g.i) % 1000003) % (SELECT count(*) FROM w7_reps)
       LEFT JOIN LATERAL (SELECT o.id FROM reps o WHERE o.vendor_id = r.vendor_id AND o.id <> r.id LIMIT 1) o ON TRUE`,
    [contracts, from, today],
  );
  await client.query(
    `INSERT INTO contracts (id, vendor_id, rep_id, status, currency, total_minor, list_total_minor, starts_on, ends_on,
                            signed_on, region_code)
       SELECT id, vendor_id, rep_id, 'signed', 'CNY', total, total, signed_on, signed_on + 364, signed_on, region_code
         FROM w7_contracts;
     INSERT INTO contract_credits (contract_id, vendor_id, rep_id, share_bps)
       SELECT id, vendor_id, rep_id, CASE WHEN shared AND other_rep_id IS NOT NULL THEN 6000 ELSE 10000 END FROM w7_contracts
       UNION ALL
       SELECT id, vendor_id, other_rep_id, 4000 FROM w7_contracts WHERE shared AND other_rep_id IS NOT NULL;
     INSERT INTO contract_payments (contract_id, kind, amount_minor, currency, paid_on, external_source, external_id)
       SELECT id, 'payment', total / 2, 'CNY', signed_on + 30, 'w7', payment_id::text
         FROM w7_contracts WHERE signed_on + 30 <= '${today}'::date;
     INSERT INTO contract_revenue_facts (contract_id, source_id, measure, day, vendor_id, rep_id, region_code, currency,
                                         share_bps, amount_minor, contract_count, cycle_days)
       SELECT c.id, c.id, 'bookings', c.signed_on, cr.vendor_id, cr.rep_id, c.region_code, 'CNY', cr.share_bps,
              c.total * cr.share_bps / 10000, CASE WHEN cr.share_bps >= 5000 THEN 1 ELSE 0 END, 0
         FROM w7_contracts c JOIN contract_credits cr ON cr.contract_id = c.id
       UNION ALL
       SELECT c.id, p.id, 'revenue', p.paid_on, cr.vendor_id, cr.rep_id, c.region_code, 'CNY', cr.share_bps,
              p.amount_minor * cr.share_bps / 10000, 0, 0
         FROM w7_contracts c JOIN contract_credits cr ON cr.contract_id = c.id
         JOIN contract_payments p ON p.contract_id = c.id;`,
  );
  // The daily rollup every revenue read uses, its month and year rows and their coarse sums, as the module keeps them.
  await client.query(
    `INSERT INTO revenue_daily (day, measure, vendor_id, rep_id, region_code, currency, amount_minor, contract_count,
                                cycle_days)
     SELECT f.day, f.measure, f.vendor_id, f.rep_id, f.region_code, f.currency, sum(f.amount_minor),
            sum(f.contract_count), sum(f.cycle_days)
       FROM contract_revenue_facts f JOIN w7_contracts c ON c.id = f.contract_id
      GROUP BY f.day, f.measure, f.vendor_id, f.rep_id, f.region_code, f.currency
     ON CONFLICT (${REVENUE_DAILY_KEY}) DO UPDATE SET
       amount_minor = revenue_daily.amount_minor + EXCLUDED.amount_minor,
       contract_count = revenue_daily.contract_count + EXCLUDED.contract_count,
       cycle_days = revenue_daily.cycle_days + EXCLUDED.cycle_days`,
  );
  await client.query(
    `INSERT INTO revenue_rollup (grain, period_start, measure, vendor_id, rep_id, region_code, currency, amount_minor,
                                 contract_count, cycle_days)
     SELECT g.grain, date_trunc(g.grain, f.day::timestamp)::date, f.measure, f.vendor_id, f.rep_id, f.region_code,
            f.currency, sum(f.amount_minor), sum(f.contract_count), sum(f.cycle_days)
       FROM contract_revenue_facts f JOIN w7_contracts c ON c.id = f.contract_id
            CROSS JOIN (VALUES ('month'), ('year')) AS g(grain)
      GROUP BY 1, 2, f.measure, f.vendor_id, f.rep_id, f.region_code, f.currency
     ON CONFLICT (${REVENUE_ROLLUP_KEY}) DO UPDATE SET
       amount_minor = revenue_rollup.amount_minor + EXCLUDED.amount_minor,
       contract_count = revenue_rollup.contract_count + EXCLUDED.contract_count,
       cycle_days = revenue_rollup.cycle_days + EXCLUDED.cycle_days;
     ${REBUILD_REVENUE_ROLLUP_COARSE};
     ANALYZE contracts; ANALYZE contract_credits; ANALYZE contract_payments; ANALYZE contract_revenue_facts;
     ANALYZE revenue_daily; ANALYZE revenue_rollup; ANALYZE revenue_rollup_coarse;`,
  );
}
