import type { Client } from 'pg';

/**
 * W5: bulk auto-assignment. Prepares what routing needs on top of the generated data (vendors whose
 * agreement in force covers the leads' regions and industries, a team of reps with room under their
 * capacity, one rule per region and a default rule, created over HTTP like an admin would), inserts the
 * new unassigned leads set-based, then calls `POST /lead-routing/auto-assignments` until they are routed.
 */
const REGION_CODES = ['CN-GD', 'CN-SH', 'CN-BJ', 'CN-ZJ', 'HU-BU'];
const INDUSTRIES = ['manufacturing', 'retail', 'logistics', 'energy', 'healthcare'];
const STRATEGIES = ['least_loaded', 'round_robin', 'best_fit', 'weighted_random', 'least_loaded'];
/** Vendors the rules route to (the busiest routable ones) and fresh reps each of them adds. */
const TARGET_VENDORS = 10;
const TEAM_REPS_PER_VENDOR = 100;
/** The most leads one call of the endpoint routes (the API's maximum). */
const CALL_LIMIT = 100_000;

export interface W5Result {
  leads: number;
  backlog: number;
  calls: number;
  considered: number;
  assigned: number;
  pooled: number;
  unassigned: number;
  serviceMs: number;
  httpMs: number;
  targetVendors: number;
  teamReps: number;
}

type Post = (path: string, body: unknown) => Promise<unknown>;

export async function prepareW5(
  client: Client,
  post: Post,
  leads: number,
): Promise<{ backlog: number; vendors: number }> {
  const { rows: vendors } = await client.query<{ id: string }>(
    `SELECT v.id::text FROM vendors v
      WHERE v.status = 'active'
        AND EXISTS (SELECT 1 FROM agreements a WHERE a.vendor_id = v.id AND a.starts_on <= current_date AND a.ends_on >= current_date)
      ORDER BY (SELECT count(*) FROM reps r WHERE r.vendor_id = v.id) DESC, v.id
      LIMIT ${TARGET_VENDORS}`,
  );
  const vendorIds = vendors.map((v) => v.id);
  if (vendorIds.length === 0) throw new Error('W5: no routable vendor in the generated data');
  // The agreements in force cover both countries (and so every region under them) and the industries.
  await client.query(
    `UPDATE agreements SET region_ids = (SELECT array_agg(id) FROM regions WHERE parent_id IS NULL),
            industry_codes = $2::text[]
      WHERE vendor_id = ANY($1::uuid[]) AND starts_on <= current_date AND ends_on >= current_date`,
    [vendorIds, INDUSTRIES],
  );
  // A team per vendor with room for the new leads (the generated reps are mostly at capacity).
  const capacity = Math.ceil((leads * 1.2) / (vendorIds.length * TEAM_REPS_PER_VENDOR));
  await client.query(
    `INSERT INTO reps (vendor_id, full_name, email, grade, tags, years_of_experience, capacity, active, timezone)
     SELECT v.id, 'Intake Rep ' || v.n || '-' || g, 'intake' || v.n || '-' || g || '@bench.example',
            (ARRAY['A', 'B', 'C', 'D'])[1 + g % 4], ARRAY['bench', 'industry:' || ($4::text[])[1 + g % 5]],
            g % 15, $3, true, 'Asia/Shanghai'
     FROM unnest($1::uuid[]) WITH ORDINALITY v(id, n) CROSS JOIN generate_series(1, $2) g`,
    [vendorIds, TEAM_REPS_PER_VENDOR, capacity, INDUSTRIES],
  );
  for (const [i, region] of REGION_CODES.entries())
    await post('/assignment-rules', {
      name: `Bench ${region}`,
      position: 10 * (i + 1),
      filter: { regionCodes: [region] },
      targetKind: 'vendors',
      targetVendorIds: [vendorIds[(2 * i) % vendorIds.length], vendorIds[(2 * i + 1) % vendorIds.length]],
      strategy: STRATEGIES[i],
    });
  await post('/assignment-rules', {
    name: 'Bench default',
    position: 1000,
    isDefault: true,
    targetKind: 'vendors',
    targetVendorIds: vendorIds,
    strategy: 'least_loaded',
  });

  // The new leads, created now (so none is overdue unassigned work), unowned and out of any pool.
  await client.query(
    `INSERT INTO leads (company_name, company_name_key, industry_code, size_band, region_code, source, status,
                        key_lead, grade, score, created_at, updated_at)
     SELECT 'Routed Company ' || g, 'routedcompany' || g, ($2::text[])[1 + g % 5],
            (ARRAY['micro', 'small', 'medium', 'large', 'enterprise'])[1 + (g / 7) % 5],
            ($3::text[])[1 + (g / 3) % 5], (ARRAY['import', 'web_form', 'referral', 'event', 'api'])[1 + (g / 11) % 5],
            'new', g % 20 = 0, (ARRAY['high', 'medium', 'medium', 'low', 'low'])[1 + g % 5], (g * 37) % 100,
            now(), now()
     FROM generate_series(1, $1) g`,
    [leads, INDUSTRIES, REGION_CODES],
  );
  await client.query('ANALYZE leads, reps, agreements');
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM leads l
      WHERE l.vendor_id IS NULL AND l.owner_rep_id IS NULL AND l.merged_into_id IS NULL
        AND l.status IN ('new', 'assigned', 'contacted', 'qualified', 'negotiating')`,
  );
  return { backlog: rows[0].n, vendors: vendorIds.length };
}

export async function runW5(client: Client, post: Post, leads: number): Promise<W5Result> {
  const { backlog, vendors } = await prepareW5(client, post, leads);
  const result: W5Result = {
    leads,
    backlog,
    calls: 0,
    considered: 0,
    assigned: 0,
    pooled: 0,
    unassigned: 0,
    serviceMs: 0,
    httpMs: 0,
    targetVendors: vendors,
    teamReps: TEAM_REPS_PER_VENDOR * vendors,
  };
  const started = performance.now();
  // Leads left unassigned stay in the backlog, so calls stop once as many leads as were added are decided.
  while (result.considered < leads) {
    const answer = (await post('/lead-routing/auto-assignments', {
      limit: Math.min(CALL_LIMIT, leads - result.considered),
    })) as { considered: number; assigned: number; pooled: number; unassigned: number; durationMs: number };
    result.calls += 1;
    result.considered += answer.considered;
    result.assigned += answer.assigned;
    result.pooled += answer.pooled;
    result.unassigned += answer.unassigned;
    result.serviceMs += answer.durationMs;
    if (answer.considered === 0) break;
  }
  result.httpMs = performance.now() - started;
  return result;
}
