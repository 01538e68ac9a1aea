import type { Client } from 'pg';
import { periodOf, previousPeriod } from '../../src/common/period/period';
import { keepRevenueRollups } from './revenue-rollups';

type Post = (path: string, body: unknown) => Promise<unknown>;

export interface W8Result {
  periodKey: string;
  contracts: number;
  payees: number;
  statements: number;
  lines: number;
  apiMs: number;
  baselineMs: number;
  baselineRows: number;
}

/**
 * W8: draft the statements of every vendor for last month. Not timed: one month's share of the scale's
 * contracts (signed, booked, one rep credited 100 %, a fifth shared 60/40 with another rep of the same
 * vendor) written straight into the contracts module's tables with their revenue facts, as the contracts
 * module would have written them. Timed: `POST /settlement-statements/drafts` (every payee, every line
 * written), against the plain aggregate over the same contracts (commission per vendor and currency at
 * the agreement's base rate), both warm.
 */
export async function runW8(client: Client, post: Post, contractsPerMonth: number): Promise<W8Result> {
  const month = previousPeriod(periodOf(new Date().toISOString().slice(0, 10), 'month'));
  await client.query(
    `DELETE FROM settlement_lines; DELETE FROM settlement_disputes; DELETE FROM settlement_statements`,
  );
  await client.query(
    `CREATE TEMP TABLE w8_reps AS
     SELECT (row_number() OVER (ORDER BY r.id) - 1)::int AS n, r.id, r.vendor_id
     FROM reps r JOIN vendors v ON v.id = r.vendor_id WHERE v.kind <> 'internal_team'`,
  );
  await client.query(
    `CREATE TEMP TABLE w8_contracts AS
     SELECT gen_random_uuid() AS id, r.id AS rep_id, r.vendor_id, o.id AS other_rep_id,
            $2::date + (g % ($3::date - $2::date)) AS signed_on,
            (100000 + (g * 7919) % 5000000)::bigint AS total, g % 5 = 0 AS shared
     FROM generate_series(1, $1) g
     JOIN w8_reps r ON r.n = (g * 31) % (SELECT count(*) FROM w8_reps)
     LEFT JOIN LATERAL (SELECT o.id FROM reps o WHERE o.vendor_id = r.vendor_id AND o.id <> r.id LIMIT 1) o ON TRUE`,
    [contractsPerMonth, month.start, month.end],
  );
  await client.query(
    `INSERT INTO contracts (id, vendor_id, rep_id, status, currency, total_minor, list_total_minor, starts_on, ends_on, signed_on)
       SELECT id, vendor_id, rep_id, 'signed', 'CNY', total, total, signed_on, signed_on + 364, signed_on FROM w8_contracts;
     INSERT INTO contract_credits (contract_id, vendor_id, rep_id, share_bps)
       SELECT id, vendor_id, rep_id, CASE WHEN shared AND other_rep_id IS NOT NULL THEN 6000 ELSE 10000 END FROM w8_contracts
       UNION ALL
       SELECT id, vendor_id, other_rep_id, 4000 FROM w8_contracts WHERE shared AND other_rep_id IS NOT NULL;
     INSERT INTO contract_revenue_facts (contract_id, source_id, measure, day, vendor_id, rep_id, currency, share_bps,
                                         amount_minor, contract_count, cycle_days)
       SELECT c.id, c.id, 'bookings', c.signed_on, cr.vendor_id, cr.rep_id, 'CNY', cr.share_bps,
              c.total * cr.share_bps / 10000, CASE WHEN cr.share_bps >= 5000 THEN 1 ELSE 0 END, 0
       FROM w8_contracts c JOIN contract_credits cr ON cr.contract_id = c.id;
     ANALYZE contracts; ANALYZE contract_credits; ANALYZE contract_revenue_facts;`,
  );
  // The rollups the revenue reads use, as the contracts module keeps them (W7 reads them after this).
  await keepRevenueRollups(client, 'w8_contracts');
  const baselineSql = `SELECT cr.vendor_id, c.currency, sum(c.total_minor * cr.share_bps / 10000 * a.commission_rate_bps / 10000) AS commission
     FROM contracts c JOIN contract_credits cr ON cr.contract_id = c.id
     JOIN agreements a ON a.vendor_id = cr.vendor_id AND c.signed_on BETWEEN a.starts_on AND a.ends_on
     WHERE c.signed_on >= $1::date AND c.signed_on < $2::date AND c.status = 'signed'
     GROUP BY 1, 2`;
  await client.query(baselineSql, [month.start, month.end]);
  let started = performance.now();
  const baseline = await client.query(baselineSql, [month.start, month.end]);
  const baselineMs = performance.now() - started;

  // Warm-up on a copy of the work (drafts are recomputed in place), then the measured run.
  await post('/settlement-statements/drafts', { periodKey: month.key });
  started = performance.now();
  const run = (await post('/settlement-statements/drafts', { periodKey: month.key })) as {
    payees: number;
    created: number;
    recomputed: number;
    lines: number;
  };
  const apiMs = performance.now() - started;
  return {
    periodKey: month.key,
    contracts: contractsPerMonth,
    payees: run.payees,
    statements: run.created + run.recomputed,
    lines: run.lines,
    apiMs,
    baselineMs,
    baselineRows: baseline.rowCount ?? 0,
  };
}
