import type { Client } from 'pg';
import { period } from '../../src/common/period/period';
import { keepRevenueRollups } from './revenue-rollups';

export interface W3Result {
  year: string;
  contracts: number;
  nodes: number;
  repLeaves: number;
  p50Ms: number;
  p90Ms: number;
  /** The client's JSON.parse of the answer, p50. */
  parseP50Ms: number;
  /** Each request after a write to the contracts' facts (the answer computed again), p50 and p90. */
  afterWriteP50Ms: number;
  afterWriteP90Ms: number;
  answerBytes: number;
  baselineP50Ms: number;
  baselineRows: number;
  requests: number;
}

const REQUESTS = 20;

const p = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];

/**
 * W3: attainment of the company's bookings target for the running year with its whole tree (company →
 * every vendor → every rep of it, `GET /targets/{id}/attainment`), against the naive query over the raw
 * facts (the year's bookings per vendor and rep with their roll-up, one GROUP BY ROLLUP). Not timed:
 * the year's contracts (the scale's count, spread over the days so far, one rep credited, a fifth shared
 * 60/40 with another rep of the vendor) and the approved targets, written straight into the contracts and
 * targets modules' tables, as the generator does for the other tables. Run after W8, so that workload
 * sees only its own month of contracts.
 */
export async function runW3(
  client: Client,
  /** The answer's text, read to its last byte. */
  get: (path: string) => Promise<string>,
  contracts: number,
  today: string,
): Promise<W3Result> {
  const year = period(today.slice(0, 4));
  await client.query(
    `CREATE TEMP TABLE w3_reps AS
     SELECT (row_number() OVER (ORDER BY r.id) - 1)::int AS n, r.id, r.vendor_id
     FROM reps r JOIN vendors v ON v.id = r.vendor_id WHERE r.active`,
  );
  // Skewed like sales are: reps low in the order sell more often (g² picks them), amounts vary 50×.
  await client.query(
    `CREATE TEMP TABLE w3_contracts AS
     SELECT gen_random_uuid() AS id, r.id AS rep_id, r.vendor_id, o.id AS other_rep_id,
            $2::date + (g % ($3::date - $2::date + 1)) AS signed_on,
            (100000 + (g * 7919) % 5000000)::bigint AS total, g % 5 = 0 AS shared
     FROM generate_series(1, $1) g
     JOIN w3_reps r ON r.n = ((g::bigint * g) % 1000003) % (SELECT count(*) FROM w3_reps)
     LEFT JOIN LATERAL (SELECT o.id FROM reps o WHERE o.vendor_id = r.vendor_id AND o.id <> r.id LIMIT 1) o ON TRUE`,
    [contracts, year.start, today],
  );
  await client.query(
    `INSERT INTO contracts (id, vendor_id, rep_id, status, currency, total_minor, list_total_minor, starts_on, ends_on, signed_on)
       SELECT id, vendor_id, rep_id, 'signed', 'CNY', total, total, signed_on, signed_on + 364, signed_on FROM w3_contracts;
     INSERT INTO contract_credits (contract_id, vendor_id, rep_id, share_bps)
       SELECT id, vendor_id, rep_id, CASE WHEN shared AND other_rep_id IS NOT NULL THEN 6000 ELSE 10000 END FROM w3_contracts
       UNION ALL
       SELECT id, vendor_id, other_rep_id, 4000 FROM w3_contracts WHERE shared AND other_rep_id IS NOT NULL;
     INSERT INTO contract_revenue_facts (contract_id, source_id, measure, day, vendor_id, rep_id, currency, share_bps,
                                         amount_minor, contract_count, cycle_days)
       SELECT c.id, c.id, 'bookings', c.signed_on, cr.vendor_id, cr.rep_id, 'CNY', cr.share_bps,
              c.total * cr.share_bps / 10000, CASE WHEN cr.share_bps >= 5000 THEN 1 ELSE 0 END, 0
       FROM w3_contracts c JOIN contract_credits cr ON cr.contract_id = c.id;`,
  );
  await keepRevenueRollups(client, 'w3_contracts');
  // The approved tree: the company's year, split by organisation into every vendor, each into its reps.
  const { rows: tree } = await client.query<{ id: string; leaves: number; nodes: number }>(
    `WITH company AS (
       INSERT INTO targets (metric, period_key, period_start, period_end, owner_kind, currency, base_value,
                            stretch_value, status, split_axis, created_by, approved_at)
       VALUES ('bookings', $1, $2::date, $3::date, 'company', 'CNY', 0, NULL, 'approved', 'org', $4::uuid, now())
       RETURNING id),
     vendor_targets AS (
       INSERT INTO targets (metric, period_key, period_start, period_end, owner_kind, owner_id, currency, base_value,
                            status, split_axis, parent_id, created_by, approved_at)
       SELECT 'bookings', $1, $2::date, $3::date, 'vendor', v.id, 'CNY', 0, 'approved', 'org', company.id, $4::uuid, now()
         FROM vendors v CROSS JOIN company WHERE EXISTS (SELECT 1 FROM w3_reps r WHERE r.vendor_id = v.id)
       RETURNING id, owner_id),
     rep_targets AS (
       INSERT INTO targets (metric, period_key, period_start, period_end, owner_kind, owner_id, currency, base_value,
                            stretch_value, status, parent_id, created_by, approved_at)
       SELECT 'bookings', $1, $2::date, $3::date, 'rep', r.id, 'CNY', 20000000 + (r.n % 7) * 5000000,
              30000000 + (r.n % 7) * 5000000, 'approved', vt.id, $4::uuid, now()
         FROM w3_reps r JOIN vendor_targets vt ON vt.owner_id = r.vendor_id
       RETURNING id, parent_id, base_value)
     SELECT (SELECT id FROM company)::text AS id, (SELECT count(*) FROM rep_targets)::int AS leaves,
            (SELECT 1 + count(*) FROM vendor_targets)::int + (SELECT count(*) FROM rep_targets)::int AS nodes`,
    [year.key, year.start, year.end, '00000000-0000-4000-8000-000000000000'],
  );
  // Parents' values are the sums of their children's, as a decomposition leaves them.
  await client.query(
    `UPDATE targets v SET base_value = s.base, stretch_value = s.stretch
       FROM (SELECT parent_id, sum(base_value) AS base, sum(stretch_value) AS stretch FROM targets
              WHERE owner_kind = 'rep' AND period_key = $1 AND metric = 'bookings' GROUP BY parent_id) s
      WHERE v.id = s.parent_id;
     UPDATE targets c SET base_value = s.base, stretch_value = s.stretch
       FROM (SELECT parent_id, sum(base_value) AS base, sum(stretch_value) AS stretch FROM targets
              WHERE owner_kind = 'vendor' AND period_key = $1 AND metric = 'bookings' GROUP BY parent_id) s
      WHERE c.id = s.parent_id;
     ANALYZE contracts; ANALYZE contract_credits; ANALYZE contract_revenue_facts; ANALYZE revenue_daily; ANALYZE revenue_rollup; ANALYZE revenue_rollup_coarse; ANALYZE targets;`.replace(
      /\$1/g,
      `'${year.key}'`,
    ),
  );
  const [{ id, leaves, nodes }] = tree;

  const path = `/targets/${id}/attainment?asOf=${today}`;
  const first = await get(path);
  const answered = JSON.parse(first) as { nodeCount: number };
  if (answered.nodeCount !== nodes)
    throw new Error(`W3: ${answered.nodeCount} nodes answered, ${nodes} written`);
  // A request is timed to its last byte, as the load generator times W2; the client's own parse of the
  // answer is measured beside it (not the server's work, but what a caller waits for before using it).
  const times: number[] = [];
  const parses: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    const text = await get(path);
    const received = performance.now();
    JSON.parse(text);
    parses.push(performance.now() - received);
    times.push(received - started);
    if (text !== first) throw new Error('W3: a repeated answer differs from the first');
  }
  // The same request after a write to the facts each time: an UPDATE of one daily row that changes no
  // amount but, like any payment or signature, moves its vendor's facts version, so the held answer
  // cannot be used and the tree is computed again. The answer must still be the same, byte for byte.
  const afterWrite: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    await client.query(
      `UPDATE revenue_daily SET amount_minor = amount_minor
        WHERE id = (SELECT id FROM revenue_daily WHERE measure = 'bookings' ORDER BY id LIMIT 1)`,
    );
    const started = performance.now();
    const text = await get(path);
    afterWrite.push(performance.now() - started);
    if (text !== first) throw new Error('W3: the answer after a fact write differs from the first');
  }

  const baselineSql = `
    SELECT vendor_id, rep_id, sum(amount_minor) AS bookings
    FROM contract_revenue_facts
    WHERE measure = 'bookings' AND currency = 'CNY' AND day >= $1::date AND day <= $2::date
    GROUP BY ROLLUP (vendor_id, rep_id)`;
  let baselineRows = (await client.query(baselineSql, [year.start, today])).rowCount ?? 0;
  const baseline: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    baselineRows = (await client.query(baselineSql, [year.start, today])).rowCount ?? 0;
    baseline.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  parses.sort((a, b) => a - b);
  baseline.sort((a, b) => a - b);
  afterWrite.sort((a, b) => a - b);
  return {
    year: year.key,
    contracts,
    nodes,
    repLeaves: leaves,
    p50Ms: p(times, 0.5),
    p90Ms: p(times, 0.9),
    parseP50Ms: p(parses, 0.5),
    afterWriteP50Ms: p(afterWrite, 0.5),
    afterWriteP90Ms: p(afterWrite, 0.9),
    answerBytes: Buffer.byteLength(first),
    baselineP50Ms: p(baseline, 0.5),
    baselineRows,
    requests: REQUESTS,
  };
}
