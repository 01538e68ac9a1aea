import type { Client } from 'pg';
import { hashSecret } from '../../src/common/auth/password';

/**
 * Bench data sets, written straight into PostgreSQL with set-based SQL (`INSERT … SELECT generate_series`),
 * reproducible from a seed (`setseed()` and ids derived with md5 from the seed and a row number).
 *
 * Shape of the data, like real sales data:
 * - vendors: activity (leads, call reports) follows a Zipf-like law (weight 1/rank^1.3), so about 20 % of
 *   the vendors carry about 80 % of the volume; reps are spread with a milder skew;
 * - about 10 % of the active reps are idle: no leads, no call reports;
 * - about 5 % of the leads are key leads; open leads are mostly worked (touched in the last days), some neglected;
 * - dates spread over two years; recent leads are mostly open, old ones mostly closed; a small unassigned
 *   backlog, mostly of the last days' intake.
 */
export interface Scale {
  name: 'S' | 'M' | 'L';
  vendors: number;
  reps: number;
  leads: number;
  callReports: number;
  /** Agreements per vendor, back to back (the no-overlap exclusion constraint holds). */
  agreementsPerVendor: number;
  conflicts: number;
}

export const SCALES: Record<Scale['name'], Scale> = {
  S: {
    name: 'S',
    vendors: 5,
    reps: 100,
    leads: 20_000,
    callReports: 100_000,
    agreementsPerVendor: 3,
    conflicts: 5,
  },
  M: {
    name: 'M',
    vendors: 50,
    reps: 5_000,
    leads: 1_000_000,
    callReports: 2_000_000,
    agreementsPerVendor: 3,
    conflicts: 100,
  },
  L: {
    name: 'L',
    vendors: 50,
    reps: 5_000,
    leads: 1_000_000,
    callReports: 10_000_000,
    agreementsPerVendor: 3,
    conflicts: 100,
  },
};

/** Zipf exponent: with 50 vendors the top 10 carry ~79 % of the volume. */
const VENDOR_SKEW = 1.3;
const SLOTS = 1000;

export const BENCH_PASSWORD = 'bench-password-123';

export interface GeneratedIds {
  adminEmail: string;
  /** Manager of the busiest vendor (the worst case for scoped lists). */
  vendorManagerEmail: string;
  topVendorId: string;
  /** Active, non-idle reps (for call-report batches). */
  activeRepIds: string[];
  reportedBy: string;
}

export interface GenerationTimings {
  [table: string]: number;
}

/** Deterministic uuid (v4-shaped, as validators expect) from the seed, a kind and a row number (SQL). */
const idSql = (kind: string, n: string) =>
  `overlay(overlay(md5($seed || '-${kind}-' || ${n}) placing '4' from 13) placing '8' from 17)::uuid`;

export async function generate(
  client: Client,
  scale: Scale,
  seed: number,
  log: (message: string) => void,
): Promise<{ ids: GeneratedIds; timings: GenerationTimings }> {
  const timings: GenerationTimings = {};
  const seedText = String(seed);
  const step = async (name: string, sql: string, params: unknown[] = []) => {
    const started = performance.now();
    await client.query(sql.replace(/\$seed/g, `'${seedText}'`), params);
    timings[name] = Math.round(performance.now() - started);
    log(`  ${name}: ${timings[name]} ms`);
  };
  // Reproducible random(): one seed, no parallel workers.
  await client.query('SET max_parallel_workers_per_gather = 0');
  await client.query('SELECT setseed($1)', [((seed % 1000) / 1000) * 2 - 1]);

  await step(
    'reference data',
    `INSERT INTO sales_units (id, code, name, kind) VALUES (${idSql('unit', '0')}, 'BENCH', 'Bench company', 'company');
     INSERT INTO regions (id, code, name, country_code)
       VALUES (${idSql('region', "'CN'")}, 'CN', 'China', 'CN'), (${idSql('region', "'HU'")}, 'HU', 'Hungary', 'HU');
     INSERT INTO regions (code, name, country_code, parent_id)
       SELECT code, code, left(code, 2), ${idSql('region', 'left(code, 2)')}
       FROM unnest(ARRAY['CN-GD', 'CN-SH', 'CN-BJ', 'CN-ZJ', 'HU-BU']) code;
     INSERT INTO product_lines (id, code, name)
       SELECT ${idSql('pl', 'g')}, 'BENCH-PL-' || g, 'Bench product line ' || g FROM generate_series(1, 10) g;`,
  );

  // Vendors with their volume weight, and a 1 000-slot table that picks a vendor by weight.
  await step(
    'vendors',
    `INSERT INTO vendors (id, name, kind, tier, status, sales_unit_id, country_code, timezone, status_changed_at, created_at)
     SELECT ${idSql('vendor', 'g')}, 'Bench Vendor ' || lpad(g::text, 3, '0'),
            (ARRAY['agency', 'independent_rep', 'internal_team'])[1 + g % 3],
            (ARRAY['platinum', 'gold', 'silver', 'bronze'])[1 + least(3, g / greatest(1, $1 / 4))],
            CASE WHEN g % 10 = 9 THEN 'onboarding' ELSE 'active' END,
            ${idSql('unit', '0')}, 'CN', 'Asia/Shanghai', now() - interval '2 years', now() - interval '2 years'
     FROM generate_series(0, $1 - 1) g`,
    [scale.vendors],
  );
  await client.query(`DROP TABLE IF EXISTS bench_vendor_slots, bench_rep_slots, bench_reps, bench_rep_pick`);
  await client.query(
    `CREATE TEMP TABLE bench_vendor_slots AS
     WITH w AS (SELECT g AS idx, 1 / power(g + 1, $2::float8) AS w FROM generate_series(0, $1 - 1) g),
          c AS (SELECT idx, sum(w) OVER (ORDER BY idx) / sum(w) OVER () AS hi FROM w)
     SELECT s AS slot, (SELECT min(idx) FROM c WHERE c.hi * $3 > s) AS vendor_idx
     FROM generate_series(0, $3 - 1) s`,
    [scale.vendors, VENDOR_SKEW, SLOTS],
  );
  // Reps: a milder skew (square root of the vendor weight); the first rep of every vendor goes to that vendor.
  await client.query(
    `CREATE TEMP TABLE bench_rep_slots AS
     WITH w AS (SELECT g AS idx, 1 / power(g + 1, $2::float8 / 2) AS w FROM generate_series(0, $1 - 1) g),
          c AS (SELECT idx, sum(w) OVER (ORDER BY idx) / sum(w) OVER () AS hi FROM w)
     SELECT s AS slot, (SELECT min(idx) FROM c WHERE c.hi * $3 > s) AS vendor_idx
     FROM generate_series(0, $3 - 1) s`,
    [scale.vendors, VENDOR_SKEW, SLOTS],
  );

  await step(
    'agreements',
    `INSERT INTO agreements (id, vendor_id, reference, starts_on, ends_on, stages_owned, commission_rate_bps,
                             default_daily_call_quota, default_weekly_call_quota, created_at)
     SELECT ${idSql('agreement', "v || '-' || k")}, ${idSql('vendor', 'v')}, 'BENCH-' || v || '-' || k,
            e.last_end - (($2 - k) * 365 + 364), e.last_end - ($2 - k) * 365,
            ARRAY['prospecting', 'first_contact', 'negotiation'], 500 + (v * 37) % 1000, 10, 50,
            now() - interval '2 years'
     FROM generate_series(0, $1 - 1) v
     CROSS JOIN LATERAL (SELECT current_date + (v * 37 + 383) % 400 AS last_end) e
     CROSS JOIN generate_series(0, $2) k`,
    [scale.vendors, scale.agreementsPerVendor - 1],
  );

  await client.query(
    `CREATE TEMP TABLE bench_reps AS
     SELECT g, CASE WHEN g < $2 THEN g ELSE (SELECT vendor_idx FROM bench_rep_slots s WHERE s.slot = x.slot) END AS vendor_idx
     FROM (SELECT g, floor(random() * ${SLOTS})::int AS slot FROM generate_series(0, $1 - 1) g OFFSET 0) x`,
    [scale.reps, scale.vendors],
  );
  await step(
    'reps',
    `INSERT INTO reps (id, vendor_id, full_name, email, grade, tags, years_of_experience, capacity, active,
                       inactive_reason, timezone, created_at, started_on)
     SELECT ${idSql('rep', 'r.g')}, ${idSql('vendor', 'r.vendor_idx')}, 'Bench Rep ' || lpad(r.g::text, 5, '0'),
            'rep' || r.g || '@bench.example', (ARRAY['A', 'B', 'C', 'D'])[1 + (r.g * 7) % 4],
            ARRAY['bench'], (r.g * 13) % 20, 20 + (r.g * 11) % 60, NOT r.inactive,
            CASE WHEN r.inactive THEN 'left the vendor' END, 'Asia/Shanghai', now() - interval '2 years',
            (now() - interval '2 years')::date
     FROM (SELECT *, g % 20 = 19 AND g >= $1 AS inactive FROM bench_reps) r`,
    [scale.vendors],
  );
  // Reps that work: active and not idle (every 10th rep is idle). Each vendor keeps at least its first rep.
  await client.query(
    `CREATE TEMP TABLE bench_rep_pick AS
     SELECT r.vendor_idx, row_number() OVER (PARTITION BY r.vendor_idx ORDER BY r.g)::int AS rn,
            ${idSql('rep', 'r.g').replace(/\$seed/g, `'${seedText}'`)} AS rep_id
     FROM bench_reps r
     WHERE (r.g % 20 <> 19 AND r.g % 10 <> 3) OR r.g < $1`,
    [scale.vendors],
  );
  await client.query(
    `CREATE INDEX ON bench_rep_pick (vendor_idx, rn);
     ALTER TABLE bench_vendor_slots ADD COLUMN n int;
     UPDATE bench_vendor_slots s SET n = (SELECT count(*) FROM bench_rep_pick p WHERE p.vendor_idx = s.vendor_idx);
     ANALYZE bench_rep_pick; ANALYZE bench_vendor_slots`,
  );

  // Leads: vendor by weight, an owner among the vendor's working reps. A sales pipeline, not a backlog:
  // - unassigned (new, no owner): half of today's intake, a tenth of the last week's, 0.05 % of older ones;
  // - open (assigned … negotiating): 90 % of the last month's leads, half of the last four months', 8 % of
  //   older ones (long deals); the rest closed (won, lost — with a chance only for half of the last two
  //   months' losses: older ones were offered again long ago — rejected);
  // - open leads are worked: 85 % touched in the last 5 days, the rest neglected (last touch anywhere in
  //   their life, one or two touches, so grading puts them lower); key leads (set by managers) and high
  //   grades are mostly on worked leads, so some, not most, go stale;
  // - half of the open leads have a follow-up due from 3 days ago to 27 days ahead.
  await step(
    'leads',
    `INSERT INTO leads (id, company_name, company_name_key, industry_code, size_band, region_code, source, status,
                        vendor_id, owner_rep_id, key_lead, key_lead_reason, key_lead_set_by, grade, score,
                        next_follow_up_due, last_activity_at, touch_count, lost_reason, lost_no_chance,
                        reject_reason, won_at, created_at, updated_at)
     SELECT ${idSql('lead', 'x.g')}, 'Bench Company ' || x.g, 'benchcompany' || x.g,
            (ARRAY['manufacturing', 'retail', 'logistics', 'energy', 'healthcare'])[1 + x.g % 5],
            (ARRAY['micro', 'small', 'medium', 'large', 'enterprise'])[1 + (x.g / 7) % 5],
            (ARRAY['CN-GD', 'CN-SH', 'CN-BJ', 'CN-ZJ', 'HU-BU'])[1 + (x.g / 3) % 5],
            (ARRAY['import', 'web_form', 'referral', 'event', 'api'])[1 + (x.g / 11) % 5],
            x.status,
            CASE WHEN x.status <> 'new' THEN ${idSql('vendor', 's.vendor_idx')} END,
            CASE WHEN x.status <> 'new' THEN p.rep_id END,
            x.key_lead AND NOT (x.neglected AND x.r5 < 0.5), CASE WHEN x.key_lead AND NOT (x.neglected AND x.r5 < 0.5) THEN 'strategic account' END,
            CASE WHEN x.key_lead AND NOT (x.neglected AND x.r5 < 0.5) THEN 'manual' END,
            CASE WHEN x.grade = 'high' AND x.neglected AND x.r5 >= 0.1 THEN 'medium' ELSE x.grade END, x.score,
            CASE WHEN x.open AND x.r3 < 0.5 THEN now() + (x.r6 * 30 - 3) * interval '1 day' END,
            CASE WHEN x.status = 'new' THEN NULL
                 WHEN x.open AND NOT x.neglected THEN now() - x.r4 * least(now() - x.created_at, interval '5 days')
                 ELSE x.created_at + (now() - x.created_at) * x.r4 END,
            CASE WHEN x.open AND x.neglected THEN 1 + floor(x.r4 * 2)::int ELSE 1 + floor(x.r4 * 12)::int END,
            CASE WHEN x.status = 'lost' THEN 'price' END, x.status = 'lost' AND (x.age > interval '60 days' OR x.r5 < 0.5),
            CASE WHEN x.status = 'rejected' THEN 'spam' END,
            CASE WHEN x.status = 'won' THEN x.created_at + (now() - x.created_at) * x.r4 END,
            x.created_at, x.created_at
     FROM (SELECT y.*, y.status IN ('assigned', 'contacted', 'qualified', 'negotiating') AS open
           FROM (SELECT z.*, now() - z.age AS created_at,
                        CASE WHEN z.r1 < CASE WHEN z.age < interval '1 day' THEN 0.5
                                              WHEN z.age < interval '7 days' THEN 0.1 ELSE 0.0005 END THEN 'new'
                             WHEN z.r2o < CASE WHEN z.age < interval '30 days' THEN 0.9
                                               WHEN z.age < interval '120 days' THEN 0.5 ELSE 0.08 END
                               THEN (ARRAY['assigned', 'contacted', 'contacted', 'qualified', 'negotiating'])[1 + floor(z.r7 * 5)::int]
                             ELSE (ARRAY['won', 'lost', 'lost', 'rejected'])[1 + floor(z.r7 * 4)::int] END AS status
                 FROM (SELECT g, floor(random() * ${SLOTS})::int AS slot, random() AS r1, random() AS r2,
                              random() AS r2o, random() AS r3, random() AS r4, random() AS r5, random() AS r6,
                              random() AS r7, random() >= 0.85 AS neglected, random() * interval '730 days' AS age,
                              random() < 0.05 AS key_lead,
                              (ARRAY['high', 'medium', 'medium', 'low', 'low', 'dead'])[1 + floor(random() * 6)::int] AS grade,
                              floor(random() * 100)::int AS score
                       FROM generate_series(0, $1 - 1) g OFFSET 0) z) y) x
     JOIN bench_vendor_slots s ON s.slot = x.slot
     JOIN bench_rep_pick p ON p.vendor_idx = s.vendor_idx AND p.rn = 1 + floor(x.r2 * s.n)::int`,
    [scale.leads],
  );
  // Each owned lead's last touch is in its history too, by its owner rep (the checks read touches there,
  // `src/modules/leads/lead-touch.ts`); no random() here, so the leads above stay as they were.
  await step(
    'lead touches',
    `INSERT INTO lead_activities (lead_id, occurred_at, kind, channel, actor_name, actor_vendor_id, actor_rep_id,
                                  created_at)
     SELECT id, last_activity_at, 'follow_up', 'call', 'bench', vendor_id, owner_rep_id, last_activity_at
     FROM leads WHERE owner_rep_id IS NOT NULL AND last_activity_at IS NOT NULL`,
  );
  // Half of the leads have a contact (dedupe of imports looks phones and emails up here).
  await step(
    'lead contacts',
    `INSERT INTO lead_contacts (lead_id, position, name, phone, email, created_at)
     SELECT ${idSql('lead', 'g')}, 0, 'Contact ' || g, '+8613' || lpad(g::text, 9, '0'),
            'contact' || g || '@bench.example', now() - interval '1 year'
     FROM generate_series(0, $1 - 1, 2) g`,
    [scale.leads],
  );

  // Call reports: vendor by weight, a working rep of it; two years, rising linearly towards now (twice the
  // average rate in the last days: a few reports per rep and day, as a rep's day looks).
  await step(
    'call reports',
    `INSERT INTO call_reports (id, rep_id, vendor_id, occurred_at, occurred_on, type, duration_seconds, outcome,
                               notes, reported_by, created_at, updated_at)
     SELECT ${idSql('cr', 'x.g')}, p.rep_id, ${idSql('vendor', 's.vendor_idx')}, x.at, (x.at AT TIME ZONE 'Asia/Shanghai')::date,
            (ARRAY['call', 'call', 'call', 'visit', 'meeting', 'email', 'demo', 'negotiation'])[1 + x.g % 8],
            30 + floor(x.r3 * 3000)::int,
            (ARRAY['no_answer', 'connected', 'interested', 'follow_up_set', 'proposal_sent', 'won', 'lost'])[1 + (x.g / 8) % 7],
            CASE WHEN x.g % 4 = 0 THEN 'Discussed the quote and next delivery window' END,
            ${idSql('user', "'admin'")}, x.at, x.at
     FROM (SELECT g, floor(random() * ${SLOTS})::int AS slot, random() AS r2, random() AS r3,
                  now() - (1 - sqrt(random())) * interval '730 days' AS at
           FROM generate_series(0, $1 - 1) g OFFSET 0) x
     JOIN bench_vendor_slots s ON s.slot = x.slot
     JOIN bench_rep_pick p ON p.vendor_idx = s.vendor_idx AND p.rn = 1 + floor(x.r2 * s.n)::int`,
    [scale.callReports],
  );

  await step(
    'conflicts',
    `INSERT INTO conflict_declarations (id, vendor_id, rep_id, principal_name, competing_line_name, category,
                                        competing_product_line_ids)
     SELECT ${idSql('decl', 'g')}, r.vendor_id, r.id, 'Rival Principal ' || g, 'Rival line ' || g, 'robots',
            ARRAY[${idSql('pl', '1 + g % 10')}]
     FROM generate_series(0, ${scale.conflicts - 1}) g JOIN reps r ON r.id = ${idSql('rep', `(g * 37) % ${scale.reps}`)};
     INSERT INTO conflicts (declaration_id, vendor_id, rep_id, product_line_id, status)
     SELECT d.id, d.vendor_id, d.rep_id, d.competing_product_line_ids[1], 'open'
     FROM conflict_declarations d`,
  );

  const passwordHash = await hashSecret(BENCH_PASSWORD);
  const { rows: top } = await client.query<{ vendor_idx: number }>(
    `SELECT vendor_idx FROM bench_vendor_slots GROUP BY vendor_idx ORDER BY count(*) DESC, vendor_idx LIMIT 1`,
  );
  const topVendorIdx = top[0].vendor_idx;
  await client.query(
    `INSERT INTO users (id, email, display_name, password_hash, role, vendor_id)
     VALUES (${idSql('user', "'admin'")}, 'admin@bench.example', 'Bench admin', $1, 'admin', NULL),
            (${idSql('user', "'vm'")}, 'vm@bench.example', 'Bench vendor manager', $1, 'vendor_manager', ${idSql('vendor', '$2::int')})`.replace(
      /\$seed/g,
      `'${seedText}'`,
    ),
    [passwordHash, topVendorIdx],
  );

  const started = performance.now();
  await client.query('ANALYZE');
  timings.analyze = Math.round(performance.now() - started);

  const { rows: ids } = await client.query<{ top: string; admin: string; reps: string[] }>(
    `SELECT ${idSql('vendor', '$1::int')}::text AS top, ${idSql('user', "'admin'")}::text AS admin,
            (SELECT array_agg(rep_id::text ORDER BY rep_id) FROM bench_rep_pick) AS reps`.replace(
      /\$seed/g,
      `'${seedText}'`,
    ),
    [topVendorIdx],
  );
  await client.query(`DROP TABLE bench_vendor_slots, bench_rep_slots, bench_reps, bench_rep_pick`);
  return {
    ids: {
      adminEmail: 'admin@bench.example',
      vendorManagerEmail: 'vm@bench.example',
      topVendorId: ids[0].top,
      activeRepIds: ids[0].reps,
      reportedBy: ids[0].admin,
    },
    timings,
  };
}
