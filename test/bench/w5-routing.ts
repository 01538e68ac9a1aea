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
  /** The floor: the same writes as hand-made set-based SQL from the service's own choice. */
  floorMs: number;
  /** Rows the floor wrote: leads moved, decisions, history entries, events. */
  floorRows: { leads: number; decisions: number; history: number; events: number };
  /** Average stored size of one decision row (`pg_column_size`), bytes. */
  decisionBytes: number;
  /** The floor's milliseconds per table written. */
  floorSteps: Record<string, number>;
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
        AND EXISTS (SELECT 1 FROM agreements a WHERE a.vendor_id = v.id
                     AND a.starts_on <= (now() AT TIME ZONE v.timezone)::date
                     AND a.ends_on >= (now() AT TIME ZONE v.timezone)::date)
      ORDER BY (SELECT count(*) FROM reps r WHERE r.vendor_id = v.id) DESC, v.id
      LIMIT ${TARGET_VENDORS}`,
  );
  const vendorIds = vendors.map((v) => v.id);
  if (vendorIds.length === 0) throw new Error('W5: no routable vendor in the generated data');
  // The agreements in force cover both countries (and so every region under them) and the industries.
  await client.query(
    `UPDATE agreements a SET region_ids = (SELECT array_agg(id) FROM regions WHERE parent_id IS NULL),
            industry_codes = $2::text[]
       FROM vendors v
      WHERE a.vendor_id = v.id AND v.id = ANY($1::uuid[])
        AND a.starts_on <= (now() AT TIME ZONE v.timezone)::date AND a.ends_on >= (now() AT TIME ZONE v.timezone)::date`,
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
    floorMs: 0,
    floorRows: { leads: 0, decisions: 0, history: 0, events: 0 },
    decisionBytes: 0,
    floorSteps: {},
  };
  // The floor's starting state is the API's: what the routed leads and their routing state were before.
  await client.query(`VACUUM (ANALYZE) leads, lead_pool_states, assignment_decisions, lead_activities`);
  await client.query(
    `CREATE TEMP TABLE w5_before_leads AS
     SELECT l.id, l.vendor_id, l.owner_rep_id, l.status, l.updated_at, l.version FROM leads l
      WHERE l.vendor_id IS NULL AND l.owner_rep_id IS NULL AND l.merged_into_id IS NULL
        AND l.status IN ('new', 'assigned', 'contacted', 'qualified', 'negotiating')`,
  );
  await client.query(
    `CREATE TEMP TABLE w5_before_states AS
     SELECT s.* FROM lead_pool_states s JOIN w5_before_leads b ON b.id = s.lead_id`,
  );
  const since = new Date(Date.now() - 1000);
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
  Object.assign(result, await floorW5(client, since));
  return result;
}

/** The columns of a table its writers fill: all but the id, the timestamps and the version. */
async function writtenColumns(client: Client, table: string): Promise<string> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT quote_ident(column_name) AS name FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = $1
        AND column_name NOT IN ('id', 'created_at', 'updated_at', 'version')
      ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((row) => row.name).join(', ');
}

/**
 * W5's floor, measured in the same run on the same data: the service's own choice (every lead's rep,
 * candidates, exclusions and explanation, as it wrote them) is kept aside, everything the run wrote is
 * undone (leads, routing state, decision log, lead history, events), and the same rows are then written
 * by hand-made set-based SQL in one transaction — one statement per table, as the service's writes would be
 * at best. Afterwards the data is as the service left it (with new row ids), so later workloads see the same.
 */
async function floorW5(
  client: Client,
  since: Date,
): Promise<Pick<W5Result, 'floorMs' | 'floorRows' | 'decisionBytes' | 'floorSteps'>> {
  await client.query(
    `CREATE TEMP TABLE w5_decisions AS
     SELECT * FROM assignment_decisions WHERE trigger = 'bulk' AND decided_at >= $1`,
    [since],
  );
  await client.query(
    `CREATE TEMP TABLE w5_after_leads AS
     SELECT l.id, l.vendor_id, l.owner_rep_id, l.status FROM leads l JOIN w5_before_leads b ON b.id = l.id
      WHERE l.version <> b.version`,
  );
  await client.query(
    `CREATE TEMP TABLE w5_after_states AS
     SELECT s.* FROM lead_pool_states s JOIN w5_after_leads a ON a.id = s.lead_id`,
  );
  await client.query(
    `CREATE TEMP TABLE w5_history AS
     SELECT h.* FROM lead_activities h
      WHERE h.kind = 'assignment' AND h.occurred_at >= $1
        AND h.lead_id IN (SELECT lead_id FROM w5_decisions)`,
    [since],
  );
  await client.query(
    `CREATE TEMP TABLE w5_events AS
     SELECT e.* FROM webhook_events e WHERE e.event_type = 'lead.assigned' AND e.occurred_at >= $1`,
    [since],
  );
  const { rows: sizes } = await client.query<{ bytes: number }>(
    `SELECT coalesce(avg(pg_column_size(d.*)), 0)::float8 AS bytes FROM assignment_decisions d
      WHERE d.id IN (SELECT id FROM w5_decisions)`,
  );
  // Undo the run: the floor starts where the service started.
  await client.query('BEGIN');
  await client.query(`DELETE FROM webhook_deliveries WHERE event_id IN (SELECT id FROM w5_events)`);
  await client.query(`DELETE FROM webhook_events WHERE id IN (SELECT id FROM w5_events)`);
  await client.query(`DELETE FROM lead_activities WHERE id IN (SELECT id FROM w5_history)`);
  await client.query(`DELETE FROM assignment_decisions WHERE id IN (SELECT id FROM w5_decisions)`);
  await client.query(`DELETE FROM lead_pool_states WHERE lead_id IN (SELECT id FROM w5_after_leads)`);
  await client.query(
    `INSERT INTO lead_pool_states SELECT s.* FROM w5_before_states s
      WHERE s.lead_id IN (SELECT id FROM w5_after_leads)`,
  );
  await client.query(
    `UPDATE leads l SET vendor_id = b.vendor_id, owner_rep_id = b.owner_rep_id, status = b.status,
            updated_at = b.updated_at, version = b.version
       FROM w5_before_leads b WHERE l.id = b.id AND l.id IN (SELECT id FROM w5_after_leads)`,
  );
  await client.query('COMMIT');
  await client.query(
    `VACUUM (ANALYZE) leads, lead_pool_states, assignment_decisions, lead_activities, webhook_events`,
  );
  const decisionColumns = await writtenColumns(client, 'assignment_decisions');
  const historyColumns = await writtenColumns(client, 'lead_activities');

  const floorSteps: Record<string, number> = {};
  let mark = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    floorSteps[name] = Math.round(now - mark);
    mark = now;
  };
  const started = performance.now();
  await client.query('BEGIN');
  const leads = await client.query(
    `UPDATE leads l SET vendor_id = a.vendor_id, owner_rep_id = a.owner_rep_id, status = a.status,
            updated_at = now(), version = l.version + 1
       FROM w5_after_leads a WHERE l.id = a.id`,
  );
  step('leads');
  await client.query(
    `INSERT INTO lead_pool_states (lead_id, owned_since, pool_id, entered_pool_at)
     SELECT lead_id, owned_since, pool_id, entered_pool_at FROM w5_after_states
     ON CONFLICT (lead_id) DO UPDATE SET owned_since = excluded.owned_since, pool_id = excluded.pool_id,
       entered_pool_at = excluded.entered_pool_at, reclaim_warned_at = NULL, updated_at = now(),
       version = lead_pool_states.version + 1`,
  );
  step('states');
  const decisions = await client.query(
    `INSERT INTO assignment_decisions (${decisionColumns}) SELECT ${decisionColumns} FROM w5_decisions`,
  );
  step('decisions');
  const history = await client.query(
    `INSERT INTO lead_activities (${historyColumns}) SELECT ${historyColumns} FROM w5_history`,
  );
  step('history');
  const { rows: events } = await client.query<{ n: number }>(
    `WITH ev AS (
       INSERT INTO webhook_events (event_type, vendor_id, payload, payload_version, occurred_at)
       SELECT event_type, vendor_id, payload, payload_version, now() FROM w5_events
       RETURNING id, event_type, vendor_id
     ), deliveries AS (
       INSERT INTO webhook_deliveries (event_id, subscription_id, next_attempt_at, status)
       SELECT ev.id, s.id, now(), CASE WHEN s.active THEN 'pending' ELSE 'held' END
         FROM ev JOIN webhook_subscriptions s
           ON ev.event_type = ANY (s.event_types) AND (s.vendor_id IS NULL OR s.vendor_id = ev.vendor_id)
       RETURNING 1
     )
     SELECT count(*)::int AS n FROM ev`,
  );
  step('events');
  await client.query('COMMIT');
  step('commit');
  const floorMs = performance.now() - started;
  await client.query(
    'DROP TABLE w5_before_leads, w5_before_states, w5_decisions, w5_after_leads, w5_after_states, w5_history, w5_events',
  );
  return {
    floorMs,
    floorRows: {
      leads: leads.rowCount ?? 0,
      decisions: decisions.rowCount ?? 0,
      history: history.rowCount ?? 0,
      events: events[0].n,
    },
    decisionBytes: sizes[0].bytes,
    floorSteps,
  };
}
