import autocannon from 'autocannon';
import { ChildProcess, fork, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { findFreePort, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { dropDatabase, quoteIdent, withAdminClient, withDatabase } from '../support/test-database';
import { LEADS_PAGE_SQL } from './bare-server';
import { CHECK_SQL } from './check-sql';
import { workloadW4 } from './w4';
import { BENCH_PASSWORD, GeneratedIds, Scale, SCALES } from './generate';
import { GeneratedData, generateInto, reuseGeneratedData } from './reuse';
import type { Row } from './row';
import { runW5 } from './w5-routing';
import { runW3 } from './w3-attainment';
import { prepareW7Revenue } from './w7-analysis';
import { runW8 } from './w8-settlement';

/**
 * The benchmark harness: `npm run bench -- --scale S|M|L [--seed N]`.
 * Fresh database → migrations → generated data → the built API as a child process → workloads, each next to
 * its baseline measured in the same run → one table on stdout and `bench-results.json`.
 * See test/bench/README.md.
 */
const ROOT = resolve(__dirname, '..', '..');
const RESULTS_FILE = join(ROOT, 'bench-results.json');
const API_PREFIX = '/api/v1';
/** The API runs with the node flags of `npm run start:prod` (its heap settings), as in production. */
const START_FLAGS = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts['start:prod']
  .split(/\s+/)
  .filter((arg) => arg.startsWith('--'));

interface Options {
  scale: Scale;
  seed: number;
  /** Print EXPLAIN ANALYZE of the W2 page query and of each check's SQL after generating. */
  explain: boolean;
  /** Keep the generated data set between runs and work on a fresh copy of it (see reuse.ts). */
  reuse: boolean;
  /** Run only these workloads (default: all). */
  only: string[] | null;
}

interface Sizes {
  w1Batches: number;
  w2Seconds: number;
  w5Leads: number;
  w6Requests: number;
  /** One month's share of the scale's contracts (5 000 / 200 000 over two years). */
  w8Contracts: number;
  /** The running year's contracts under W3's target tree. */
  w3Contracts: number;
  /** W7's contracts over the cube's three years (the data set's 5 000 / 200 000). */
  w7Contracts: number;
}

const SIZES: Record<Scale['name'], Sizes> = {
  S: {
    w1Batches: 20,
    w2Seconds: 5,
    w5Leads: 10_000,
    w6Requests: 2,
    w8Contracts: 210,
    w3Contracts: 5_000,
    w7Contracts: 5_000,
  },
  M: {
    w1Batches: 100,
    w2Seconds: 20,
    w5Leads: 100_000,
    w6Requests: 5,
    w8Contracts: 8_300,
    w3Contracts: 100_000,
    w7Contracts: 200_000,
  },
  L: {
    w1Batches: 100,
    w2Seconds: 20,
    w5Leads: 100_000,
    w6Requests: 5,
    w8Contracts: 8_300,
    w3Contracts: 100_000,
    w7Contracts: 200_000,
  },
};

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const seconds = (ms: number) => ms / 1000;

function parseArgs(argv: string[]): Options {
  let scaleName = 'S';
  let seed = 42;
  let explain = false;
  let reuse = false;
  let only: string[] | null = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--scale') scaleName = (argv[++i] ?? '').toUpperCase();
    else if (argv[i] === '--seed') seed = Number(argv[++i]);
    else if (argv[i] === '--explain') explain = true;
    else if (argv[i] === '--reuse') reuse = true;
    else if (argv[i] === '--only') only = (argv[++i] ?? '').toUpperCase().split(',').filter(Boolean);
    else
      throw new Error(
        `unknown argument ${argv[i]} (use --scale S|M|L [--seed N] [--explain] [--reuse] [--only W1,W4,…])`,
      );
  }
  const scale = SCALES[scaleName as Scale['name']];
  if (!scale) throw new Error(`--scale must be S, M or L, not ${scaleName}`);
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  return { scale, seed, explain, reuse, only };
}

/** Runs a command to completion, its output kept for the error message. */
function runCommand(command: string, args: string[]): { child: ChildProcess; done: Promise<void> } {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const done = new Promise<void>((resolvePromise, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`${command} ${args.join(' ')}: ${output}`)),
    );
  });
  return { child, done };
}

function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolvePromise();
    });
    child.kill('SIGTERM');
  });
}

async function waitFor(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}: ${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within 30 s: ${output()}`);
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : 0;
}

/**
 * The highest RSS of a process since its peak was last reset (`VmHWM`), and the reset: writing 5 to
 * `clear_refs` sets the high-water mark to the current RSS (Linux), so each workload's own peak is read.
 */
function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}
function resetPeakRss(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not permitted here: the peak then runs from the process's start, which only overstates it.
  }
}

/** CPU seconds (user + system) a process has used so far; Linux clock ticks are 1/100 s. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function signIn(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}${API_PREFIX}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username: email, password: BENCH_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in of ${email}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function postJson(url: string, token: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

// ---------------------------------------------------------------- W1: call-report batches vs COPY

interface CallReportRow {
  repId: string;
  vendorId: string;
  occurredAt: string;
  type: string;
  durationSeconds: number;
  outcome: string;
  notes: string;
}

function callReportRows(
  reps: { id: string; vendorId: string }[],
  count: number,
  now: number,
): CallReportRow[] {
  const types = ['call', 'call', 'call', 'visit', 'meeting', 'email'];
  const outcomes = ['no_answer', 'connected', 'interested', 'follow_up_set', 'proposal_sent'];
  return Array.from({ length: count }, (_, g) => {
    const rep = reps[g % reps.length];
    const slot = Math.floor(g / reps.length);
    return {
      repId: rep.id,
      vendorId: rep.vendorId,
      // One report per rep every 20 minutes, backwards from an hour ago: no overlaps, no late reports.
      occurredAt: new Date(now - 3_600_000 - slot * 1_200_000).toISOString(),
      type: types[g % types.length],
      durationSeconds: 60 + (g % 600),
      outcome: outcomes[g % outcomes.length],
      notes: 'Discussed the quote and next delivery window',
    };
  });
}

async function workloadW1(
  baseUrl: string,
  token: string,
  client: Client,
  ids: GeneratedIds,
  batches: number,
): Promise<Row> {
  const { rows: reps } = await client.query<{ id: string; vendorId: string }>(
    `SELECT id::text, vendor_id::text AS "vendorId" FROM reps WHERE id = ANY($1::uuid[]) ORDER BY id`,
    [ids.activeRepIds],
  );
  const now = Date.now();
  const rows = callReportRows(reps, batches * 1000, now);
  const bodies = Array.from({ length: batches }, (_, b) => ({
    reports: rows.slice(b * 1000, (b + 1) * 1000).map(({ vendorId: _vendor, ...report }) => report),
  }));
  let next = 0;
  let flagsRaised = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const filed = await postJson(`${baseUrl}${API_PREFIX}/call-reports/batch`, token, body);
        flagsRaised += (filed as { flagsRaised: number }).flagsRaised;
      }
    }),
  );
  const httpMs = performance.now() - started;

  // Baseline: the same rows through one COPY into the same table (text format, all NOT NULL columns).
  const lines = rows.map(
    (r) =>
      `${r.repId}\t${r.vendorId}\t${r.occurredAt}\t${r.occurredAt.slice(0, 10)}\t${r.type}\t${r.durationSeconds}\t${r.outcome}\t${r.notes}\t${ids.reportedBy}\n`,
  );
  const copyStarted = performance.now();
  await pipeline(
    Readable.from(lines),
    client.query(
      copyFrom(
        'COPY call_reports (rep_id, vendor_id, occurred_at, occurred_on, type, duration_seconds, outcome, notes, reported_by) FROM STDIN',
      ),
    ),
  );
  const copyMs = performance.now() - copyStarted;
  const httpRate = rows.length / seconds(httpMs);
  const copyRate = rows.length / seconds(copyMs);
  const ratio = httpRate / copyRate;
  return {
    workload: 'W1',
    what: `call-report batches of 1 000 over HTTP, 4 clients, ${fmt(rows.length)} rows, ${fmt(flagsRaised)} plausibility flags raised`,
    figure: `${fmt(httpRate)} rows/s`,
    baseline: `COPY ${fmt(copyRate)} rows/s`,
    ratio: `${fmt(ratio, 2)}×`,
    target: '≥ 0.5× COPY',
    met: ratio >= 0.5 ? 'yes' : 'no',
    values: { rows: rows.length, rowsPerSecond: httpRate, copyRowsPerSecond: copyRate, ratio, flagsRaised },
  };
}

// ---------------------------------------------------------------- W2 + M: scoped lead listing vs bare server

interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(url: string, token: string, durationSeconds: number): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: 32,
    duration: durationSeconds,
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

async function workloadW2(
  api: { baseUrl: string; pid: number },
  vmToken: string,
  databaseUrl: string,
  vendorId: string,
  durationSeconds: number,
): Promise<Row[]> {
  const query = '/api/v1/leads?status=contacted&limit=50';
  // Warm both paths (connections, JIT) before measuring.
  const check = await fetch(`${api.baseUrl}${query}`, { headers: { authorization: `Bearer ${vmToken}` } });
  if (!check.ok) throw new Error(`W2 list: ${check.status} ${await check.text()}`);
  const listed = ((await check.json()) as { data: unknown[] }).data.length;
  await load(`${api.baseUrl}${query}`, vmToken, 1);

  let peakRss = rssMb(api.pid);
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMb(api.pid));
  }, 100);
  const service = await load(`${api.baseUrl}${query}`, vmToken, durationSeconds);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, rssMb(api.pid));

  const barePort = await findFreePort();
  const bare = fork(join(__dirname, 'bare-server.ts'), [], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(barePort),
      VENDOR_ID: vendorId,
      POOL_SIZE: '10',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    await new Promise<void>((resolvePromise, reject) => {
      bare.once('message', () => resolvePromise());
      bare.once('exit', (code) => reject(new Error(`the bare server exited with ${code}`)));
    });
    const bareUrl = `http://127.0.0.1:${barePort}${query}`;
    await load(bareUrl, vmToken, 1);
    const baseline = await load(bareUrl, vmToken, durationSeconds);
    const ratio = service.rps / baseline.rps;
    const errors = service.errors + baseline.errors;
    return [
      {
        workload: 'W2',
        what: `leads of the busiest vendor as its manager, status filter, ${listed}/page, 32 connections, ${durationSeconds} s`,
        figure: `${fmt(service.rps)} req/s, p50 ${service.p50} ms, p99 ${service.p99} ms`,
        baseline: `bare node:http+pg ${fmt(baseline.rps)} req/s, p50 ${baseline.p50} ms, p99 ${baseline.p99} ms`,
        ratio: `${fmt(ratio, 2)}×${errors ? ` (${errors} errors)` : ''}`,
        target: '≥ 0.8× and p99 ≤ 1.2× bare',
        met: ratio >= 0.8 && service.p99 <= 1.2 * baseline.p99 && errors === 0 ? 'yes' : 'no',
        values: {
          rps: service.rps,
          p50: service.p50,
          p99: service.p99,
          baselineRps: baseline.rps,
          baselineP50: baseline.p50,
          baselineP99: baseline.p99,
          ratio,
          errors,
        },
      },
      {
        workload: 'M',
        what: 'peak RSS of the API during W2 (VmRSS sampled every 100 ms)',
        figure: `${fmt(peakRss)} MB`,
        baseline: '—',
        ratio: '—',
        target: '≤ 256 MB',
        met: peakRss <= 256 ? 'yes' : 'no',
        values: { peakRssMb: peakRss },
      },
    ];
  } finally {
    await stopChild(bare);
  }
}

// ---------------------------------------------------------------- W4: the scheduler's checks vs hand-written SQL

// workloadW4 lives in w4.ts (first run and repeat run, each against check-sql.ts).

// ---------------------------------------------------------------- W8: settlement drafts for one month

async function workloadW8(
  baseUrl: string,
  token: string,
  client: Client,
  contractsPerMonth: number,
): Promise<Row> {
  const r = await runW8(
    client,
    (path, body) => postJson(`${baseUrl}${API_PREFIX}${path}`, token, body),
    contractsPerMonth,
  );
  const ratio = r.apiMs / r.baselineMs;
  return {
    workload: 'W8',
    what:
      `draft statements of every vendor for ${r.periodKey} (POST /settlement-statements/drafts, recompute): ` +
      `${fmt(r.contracts)} contracts, ${fmt(r.payees)} payees, ${fmt(r.statements)} statements, ${fmt(r.lines)} lines`,
    figure: `${fmt(seconds(r.apiMs), 2)} s`,
    baseline: `plain aggregate ${fmt(r.baselineMs, 1)} ms (${r.baselineRows} rows)`,
    ratio: `${fmt(ratio, 1)}×`,
    target: '≤ 5 s',
    met: r.apiMs <= 5000 ? 'yes' : 'no',
    values: {
      seconds: seconds(r.apiMs),
      baselineSeconds: seconds(r.baselineMs),
      lines: r.lines,
      contracts: r.contracts,
    },
  };
}

// ---------------------------------------------------------------- W3: target attainment tree

async function workloadW3(baseUrl: string, token: string, client: Client, contracts: number): Promise<Row> {
  const today = new Date().toISOString().slice(0, 10);
  const r = await runW3(
    client,
    async (path) => {
      const response = await fetch(`${baseUrl}${API_PREFIX}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${text.slice(0, 500)}`);
      return text;
    },
    contracts,
    today,
  );
  const ratio = r.p50Ms / r.baselineP50Ms;
  return {
    workload: 'W3',
    what:
      `attainment of the company's ${r.year} bookings target with its whole tree (GET /targets/{id}/attainment): ` +
      `${fmt(r.nodes)} nodes, ${fmt(r.repLeaves)} rep leaves, over ${fmt(r.contracts)} contracts of the year; ` +
      `p90 ${fmt(r.p90Ms, 1)} ms, ${r.requests} requests timed to the last byte of a ${fmt(r.answerBytes / 1e6, 2)} MB ` +
      `answer (the client's JSON.parse of it p50 ${fmt(r.parseP50Ms, 1)} ms more), answered as held while nothing ` +
      `changed; after a write to the facts before each request (computed again): p50 ${fmt(r.afterWriteP50Ms, 1)} ms, ` +
      `p90 ${fmt(r.afterWriteP90Ms, 1)} ms; baseline ${r.baselineRows} rows`,
    figure: `p50 ${fmt(r.p50Ms, 1)} ms`,
    baseline: `naive GROUP BY ROLLUP over raw facts p50 ${fmt(r.baselineP50Ms, 1)} ms`,
    ratio: `${fmt(ratio, 1)}×`,
    target: '≤ 50 ms p50',
    met: r.p50Ms <= 50 ? 'yes' : 'no',
    values: {
      p50Ms: r.p50Ms,
      p90Ms: r.p90Ms,
      parseP50Ms: r.parseP50Ms,
      afterWriteP50Ms: r.afterWriteP50Ms,
      afterWriteP90Ms: r.afterWriteP90Ms,
      answerBytes: r.answerBytes,
      baselineP50Ms: r.baselineP50Ms,
      ratio,
      nodes: r.nodes,
      contracts: r.contracts,
    },
  };
}

// ---------------------------------------------------------------- W7: analysis cube

const W7_REQUESTS = 20;

interface W7Cell {
  keys: { period: string; region: string | null; vendor: string | null };
  newLeads: number;
  wonLeads: number;
}

/**
 * Not timed: the cube's lead counts equal a GROUP BY over the leads in every cell (new by the UTC intake
 * day, won by the UTC day won, merged-away leads left out), whichever way the service counted them.
 */
async function checkW7LeadCounts(client: Client, rows: W7Cell[], from: string, to: string): Promise<string> {
  const { rows: expected } = await client.query<{
    y: string;
    r: string | null;
    v: string | null;
    n: number;
    w: number;
  }>(
    `SELECT to_char(day, 'YYYY') AS y, region_code AS r, vendor_id::text AS v, sum(n)::int AS n, sum(w)::int AS w
       FROM (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, region_code, vendor_id, 1 AS n, 0 AS w FROM leads
              WHERE merged_into_id IS NULL
             UNION ALL
             SELECT (won_at AT TIME ZONE 'UTC')::date, region_code, vendor_id, 0, 1 FROM leads
              WHERE merged_into_id IS NULL AND status = 'won') f
      WHERE day >= $1::date AND day < $2::date
      GROUP BY 1, 2, 3`,
    [from, to],
  );
  const id = (y: string, r: string | null, v: string | null) => JSON.stringify([y, r, v]);
  const got = new Map(rows.map((row) => [id(row.keys.period, row.keys.region, row.keys.vendor), row]));
  let differing = 0;
  for (const row of expected) {
    const cell = got.get(id(row.y, row.r, row.v));
    if (!cell || cell.newLeads !== row.n || cell.wonLeads !== row.w) differing += 1;
    got.delete(id(row.y, row.r, row.v));
  }
  differing += [...got.values()].filter((cell) => cell.newLeads !== 0 || cell.wonLeads !== 0).length;
  if (differing) throw new Error(`W7: ${differing} cells' lead counts differ from a GROUP BY over leads`);
  return `lead counts equal a GROUP BY over leads in all ${expected.length} cells with leads`;
}

/**
 * Not timed: the cube's bookings and revenue equal a GROUP BY over the contracts module's revenue facts in
 * every cell, per currency, whichever rollup the service read them from.
 */
async function checkW7Money(client: Client, rows: W7MoneyCell[], from: string, to: string): Promise<string> {
  const { rows: expected } = await client.query<{
    y: string;
    r: string | null;
    v: string | null;
    m: 'bookings' | 'revenue';
    c: string;
    a: string;
  }>(
    `SELECT to_char(day, 'YYYY') AS y, region_code AS r, vendor_id::text AS v, measure AS m, currency AS c,
            sum(amount_minor)::text AS a
       FROM contract_revenue_facts
      WHERE measure IN ('bookings', 'revenue') AND day >= $1::date AND day < $2::date
      GROUP BY 1, 2, 3, 4, 5 HAVING sum(amount_minor) <> 0`,
    [from, to],
  );
  const id = (y: string, r: string | null, v: string | null, m: string, c: string) =>
    JSON.stringify([y, r, v, m, c]);
  const got = new Map<string, number>();
  for (const row of rows)
    for (const m of ['bookings', 'revenue'] as const)
      for (const money of row[m] ?? [])
        got.set(id(row.keys.period, row.keys.region, row.keys.vendor, m, money.currency), money.amountMinor);
  let differing = 0;
  for (const row of expected) {
    const key = id(row.y, row.r, row.v, row.m, row.c);
    if (got.get(key) !== Number(row.a)) differing += 1;
    got.delete(key);
  }
  differing += [...got.values()].filter((amount) => amount !== 0).length;
  if (differing) throw new Error(`W7: ${differing} cells' money differs from a GROUP BY over revenue facts`);
  return `money equals a GROUP BY over revenue facts in all ${expected.length} cell sums`;
}

interface W7MoneyCell {
  keys: W7Cell['keys'];
  bookings?: { currency: string; amountMinor: number }[];
  revenue?: { currency: string; amountMinor: number }[];
}

/**
 * W7: the analysis cube year × region × vendor of new and won leads, bookings and revenue over the data's
 * two years and the running one (`GET /reports/analysis`, as the admin), against the naive GROUP BYs over
 * the raw facts: the leads table and the contracts module's revenue facts, both run each time.
 * Not timed: `prepareW7Revenue` writes the scale's contracts over those years first.
 */
async function workloadW7(baseUrl: string, token: string, client: Client, contracts: number): Promise<Row> {
  const year = new Date().getUTCFullYear();
  const from = `${year - 2}-01-01`;
  const to = `${year + 1}-01-01`;
  await prepareW7Revenue(client, contracts, from, new Date().toISOString().slice(0, 10));
  const query =
    `from=${from}&to=${to}&measures=newLeads&measures=wonLeads&measures=bookings&measures=revenue` +
    `&dimensions=period&dimensions=region&dimensions=vendor&grain=year`;
  const url = `${baseUrl}${API_PREFIX}/reports/analysis?${query}`;
  const get = async () => {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const text = await response.text();
    if (!response.ok) throw new Error(`W7: ${response.status} ${text.slice(0, 500)}`);
    return JSON.parse(text) as { rows: unknown[] };
  };
  const first = await get();
  const cells = first.rows.length;
  const leadCheck = await checkW7LeadCounts(client, first.rows as W7Cell[], from, to);
  const moneyCheck = await checkW7Money(client, first.rows as W7MoneyCell[], from, to);
  const times: number[] = [];
  for (let i = 0; i < W7_REQUESTS; i++) {
    const started = performance.now();
    await get();
    times.push(performance.now() - started);
  }
  const leadsSql = `
    SELECT y, region_code, vendor_id, sum(n) AS new_leads, sum(w) AS won_leads
    FROM (SELECT date_trunc('year', created_at) AS y, region_code, vendor_id, 1 AS n, 0 AS w FROM leads
           WHERE created_at >= $1::date AND created_at < $2::date AND merged_into_id IS NULL
          UNION ALL
          SELECT date_trunc('year', won_at), region_code, vendor_id, 0, 1 FROM leads
           WHERE won_at >= $1::date AND won_at < $2::date AND merged_into_id IS NULL) x
    GROUP BY 1, 2, 3`;
  const moneySql = `
    SELECT date_trunc('year', day) AS y, region_code, vendor_id, measure, currency, sum(amount_minor) AS amount
      FROM contract_revenue_facts
     WHERE measure IN ('bookings', 'revenue') AND day >= $1::date AND day < $2::date
     GROUP BY 1, 2, 3, 4, 5`;
  const naive = async () =>
    ((await client.query(leadsSql, [from, to])).rowCount ?? 0) +
    ((await client.query(moneySql, [from, to])).rowCount ?? 0);
  let baselineRows = await naive();
  const baseline: number[] = [];
  for (let i = 0; i < W7_REQUESTS; i++) {
    const started = performance.now();
    baselineRows = await naive();
    baseline.push(performance.now() - started);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const p50 = median(times);
  const baselineP50 = median(baseline);
  const ratio = p50 / baselineP50;
  return {
    workload: 'W7',
    what:
      `analysis cube year × region × vendor of new and won leads, bookings and revenue, ${from} to ${to} ` +
      `(GET /reports/analysis): ${fmt(cells)} cells (baseline ${baselineRows} rows), ${fmt(contracts)} contracts ` +
      `of its own, ${W7_REQUESTS} requests; ${leadCheck}; ${moneyCheck}`,
    figure: `p50 ${fmt(p50, 1)} ms`,
    baseline: `naive GROUP BYs over leads and revenue facts p50 ${fmt(baselineP50, 1)} ms`,
    ratio: `${fmt(ratio, 1)}×`,
    target: '≤ 200 ms p50',
    met: p50 <= 200 ? 'yes' : 'no',
    values: { p50Ms: p50, baselineP50Ms: baselineP50, ratio, cells },
  };
}

// ---------------------------------------------------------------- W5: bulk auto-assignment

async function workloadW5(baseUrl: string, token: string, client: Client, leads: number): Promise<Row> {
  const r = await runW5(
    client,
    (path, body) => postJson(`${baseUrl}${API_PREFIX}${path}`, token, body),
    leads,
  );
  const rate = r.considered / seconds(r.httpMs);
  const floorRate = r.considered / seconds(r.floorMs);
  const ratio = rate / floorRate;
  return {
    workload: 'W5',
    what:
      `auto-assign ${fmt(r.leads)} new leads (backlog ${fmt(r.backlog)} unassigned) in ${r.calls} call(s) of ` +
      `POST /lead-routing/auto-assignments: ${fmt(r.assigned)} assigned, ${fmt(r.unassigned)} unassigned, ` +
      `${fmt(r.pooled)} pooled; 6 rules over ${r.targetVendors} vendors, ${fmt(r.teamReps)} reps added with room; ` +
      `decision rows ${fmt(r.decisionBytes)} bytes each; floor: the service's choice written again by set-based SQL ` +
      `in ${fmt(r.floorMs)} ms (${fmt(r.floorRows.leads)} leads, ${fmt(r.floorRows.decisions)} decisions, ` +
      `${fmt(r.floorRows.history)} history entries, ${fmt(r.floorRows.events)} events; ms per table: ` +
      `${Object.entries(r.floorSteps)
        .map(([name, ms]) => `${name} ${ms}`)
        .join(', ')})`,
    figure: `${fmt(rate)} leads/s`,
    baseline: `hand SQL ${fmt(floorRate)} leads/s`,
    ratio: `${fmt(ratio, 2)}×`,
    target: '≥ 0.5× hand SQL',
    met: ratio >= 0.5 ? 'yes' : 'no',
    values: {
      leads: r.leads,
      considered: r.considered,
      assigned: r.assigned,
      unassigned: r.unassigned,
      pooled: r.pooled,
      leadsPerSecond: rate,
      serviceSeconds: seconds(r.serviceMs),
      floorLeadsPerSecond: floorRate,
      floorSeconds: seconds(r.floorMs),
      ratio,
      decisionBytes: r.decisionBytes,
    },
  };
}

// ---------------------------------------------------------------- W6: bulk lead import

interface ImportRow {
  companyName: string;
  source: string;
  industryCode?: string;
  regionCode?: string;
  contacts?: { name: string; phone: string }[];
}

/**
 * W6's floor: the same rows (duplicates too: COPY does not dedupe) through one `COPY` into `leads` and one
 * into `lead_contacts`, measured before the API's run and removed again, so both see the same table.
 */
async function copyImportRows(client: Client, bodies: ImportRow[][]): Promise<number> {
  const leadLines: string[] = [];
  const contactLines: string[] = [];
  for (const row of bodies.flat()) {
    const id = randomUUID();
    const key = row.companyName.toLowerCase().replace(/[^a-z0-9]/g, '');
    leadLines.push(
      `${id}\t${row.companyName}\t${key}\t${row.industryCode ?? '\\N'}\t${row.regionCode ?? '\\N'}\t${row.source}\tnew\tlow\t0\t1\n`,
    );
    for (const [position, contact] of (row.contacts ?? []).entries())
      contactLines.push(`${id}\t${position}\t${contact.name}\t${contact.phone}\n`);
  }
  const started = performance.now();
  await client.query('BEGIN');
  await pipeline(
    Readable.from(leadLines),
    client.query(
      copyFrom(
        'COPY leads (id, company_name, company_name_key, industry_code, region_code, source, status, grade, score, touch_count) FROM STDIN',
      ),
    ),
  );
  await pipeline(
    Readable.from(contactLines),
    client.query(copyFrom('COPY lead_contacts (lead_id, position, name, phone) FROM STDIN')),
  );
  await client.query('COMMIT');
  const ms = performance.now() - started;
  const ids = leadLines.map((line) => line.slice(0, 36));
  await client.query('DELETE FROM lead_contacts WHERE lead_id = ANY($1::uuid[])', [ids]);
  await client.query('DELETE FROM leads WHERE id = ANY($1::uuid[])', [ids]);
  await client.query('VACUUM (ANALYZE) leads, lead_contacts');
  return ms;
}

async function workloadW6(
  baseUrl: string,
  token: string,
  client: Client,
  requests: number,
  leads: number,
): Promise<Row> {
  let created = 0;
  let duplicates = 0;
  let rejected = 0;
  let total = 0;
  let rejectedSample = '';
  const runTag = Date.now().toString(36);
  const bodies = Array.from({ length: requests }, (_, r) =>
    Array.from({ length: 10_000 }, (_, i): ImportRow => {
      const n = r * 10_000 + i;
      // Every 10th row names a company that already exists (a generated lead): a duplicate.
      if (i % 10 === 0) return { companyName: `Bench Company ${(n * 7919) % leads}`, source: 'import' };
      return {
        companyName: `Imported Company ${runTag} ${n}`,
        industryCode: 'manufacturing',
        regionCode: 'CN-GD',
        source: 'import',
        contacts: [{ name: `Buyer ${n}`, phone: `+8615${String(n).padStart(9, '0')}` }],
      };
    }),
  );
  const copyMs = await copyImportRows(client, bodies);
  const started = performance.now();
  for (const rows of bodies) {
    const result = (await postJson(`${baseUrl}${API_PREFIX}/leads/imports`, token, { rows })) as {
      created: number;
      duplicates: number;
      rejected: number;
      results: { outcome: string; code: string | null; reason: string | null; field: string | null }[];
    };
    const firstRejected = result.results.find((r) => r.outcome === 'rejected');
    if (firstRejected)
      rejectedSample = `${firstRejected.code} ${firstRejected.field}: ${firstRejected.reason}`;
    created += result.created;
    duplicates += result.duplicates;
    rejected += result.rejected;
    total += rows.length;
  }
  const ms = performance.now() - started;
  const rate = total / seconds(ms);
  const copyRate = total / seconds(copyMs);
  const ratio = rate / copyRate;
  return {
    workload: 'W6',
    what: `lead import, ${requests} requests of 10 000 rows, 10 % duplicates (${created} created, ${duplicates} duplicates, ${rejected} rejected${rejectedSample ? `, e.g. ${rejectedSample}` : ''}); floor: COPY of the same rows into leads and lead_contacts, no dedupe, in ${fmt(copyMs)} ms`,
    figure: `${fmt(rate)} rows/s`,
    baseline: `COPY ${fmt(copyRate)} rows/s`,
    ratio: `${fmt(ratio, 2)}×`,
    target: '≥ 0.3× COPY',
    met: ratio >= 0.3 ? 'yes' : 'no',
    values: {
      rows: total,
      rowsPerSecond: rate,
      copyRowsPerSecond: copyRate,
      ratio,
      created,
      duplicates,
      rejected,
    },
  };
}

// ---------------------------------------------------------------- plans

async function printPlans(client: Client, vendorId: string): Promise<void> {
  const plans: [string, string, unknown[]][] = [
    ['W2 page', LEADS_PAGE_SQL, [vendorId, 'contacted', 51]],
    ...Object.entries(CHECK_SQL).map(([name, sql]): [string, string, unknown[]] => [
      `W4 ${name}`,
      sql,
      [new Date().toISOString()],
    ]),
  ];
  await client.query('BEGIN');
  try {
    for (const [name, sql, params] of plans) {
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
        params,
      );
      process.stderr.write(`\n--- ${name}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}\n`);
    }
  } finally {
    await client.query('ROLLBACK');
  }
}

// ---------------------------------------------------------------- report

function printTable(rows: Row[]): void {
  const header = ['workload', 'figure', 'baseline (same run)', 'ratio', 'target (scale-L)', 'met?'];
  const cells = rows.map((r) => [r.workload, r.figure, r.baseline, r.ratio, r.target, r.met]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  const out = [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)];
  process.stdout.write(`${out.join('\n')}\n\n`);
  for (const r of rows) process.stdout.write(`${r.workload}: ${r.what}\n`);
}

/** Per workload and scale: the latest run's figure, baseline and ratio, and when it ran. */
type Growth = Record<
  string,
  Partial<Record<string, { at: string; figure: string; baseline: string; ratio: string }>>
>;

/** How each figure grows with the data: the latest run of every workload at S, M and L on one page. */
function printGrowth(growth: Growth): void {
  const header = ['workload', 'scale-S', 'scale-M', 'scale-L'];
  const cells = Object.keys(growth)
    .sort()
    .map((workload) => [
      workload,
      ...['S', 'M', 'L'].map((name) => {
        const cell = growth[workload][name];
        return cell ? `${cell.figure} (${cell.ratio}; ${cell.at})` : '—';
      }),
    ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  const out = [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)];
  process.stdout.write(
    `\nhow the figures grow with the data (each workload's latest run per scale, ratio to its baseline):\n${out.join('\n')}\n`,
  );
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const { scale, seed, explain, reuse } = args;
  // --only W1,W4 (or BENCH_ONLY=W1,W4) runs only those workloads; W2 includes M.
  const only = args.only ?? process.env.BENCH_ONLY?.toUpperCase().split(',').filter(Boolean) ?? null;
  const sizes = SIZES[scale.name];
  const runStarted = performance.now();
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await step().catch((e: unknown) => log(`cleanup: ${String(e)}`));
    cleanups.length = 0;
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  process.once('SIGTERM', () => void cleanup().then(() => process.exit(143)));

  try {
    // The API is measured as it runs in production: built JavaScript. Build while the data is generated.
    log('building the API (nest build) in the background');
    const build = runCommand(process.execPath, [
      join(ROOT, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'),
      'build',
    ]);
    build.done.catch(() => undefined);
    cleanups.push(() => stopChild(build.child));

    let databaseUrl: string;
    const external = process.env.DATABASE_URL;
    if (external) {
      const name = `osm_bench_${Date.now()}_${process.pid}`;
      await withAdminClient(external, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
      cleanups.push(() => dropDatabase(external, name));
      databaseUrl = withDatabase(external, name);
      log(`fresh database ${name} on the server of DATABASE_URL`);
    } else {
      // --reuse keeps the cluster (and the generated data set in it) in .data/bench-pg.
      const dir = reuse ? join(ROOT, '.data', 'bench-pg') : mkdtempSync(join(tmpdir(), 'osm-bench-'));
      if (!reuse) {
        chmodSync(dir, 0o755);
        cleanups.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
      }
      const pg = await startEmbeddedPostgres({
        dataDir: join(dir, 'pg'),
        ephemeral: true,
        database: 'osm_bench',
        log,
      });
      cleanups.push(() => pg.stop());
      databaseUrl = pg.url;
    }

    let generated: GeneratedData;
    if (reuse) {
      const kept = await reuseGeneratedData(databaseUrl, scale, seed, log);
      cleanups.push(kept.drop);
      generated = kept;
      databaseUrl = kept.databaseUrl;
    } else {
      generated = { ...(await generateInto(databaseUrl, scale, seed, log)), reused: false };
    }
    const { ids, timings, generationSeconds } = generated;

    const client = new Client({ connectionString: databaseUrl, application_name: 'osm-bench' });
    // A dropped connection fails the workload that uses it (and the run stops everything it started)
    // instead of crashing the harness with an unhandled 'error' event.
    client.on('error', (error) => log(`database connection lost: ${error.message}`));
    await client.connect();
    cleanups.push(() => client.end());
    const facts = {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(totalmem() / 2 ** 30),
      postgres: (
        await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")
      ).rows[0].v.split(' ')[0],
      node: process.version,
      database: external
        ? 'DATABASE_URL server (fresh database)'
        : 'embedded PostgreSQL (ephemeral, fsync off)',
    };

    if (explain) await printPlans(client, ids.topVendorId);
    await build.done;
    log('API built');
    const port = await findFreePort();
    let apiOutput = '';
    // BENCH_CPU_PROF=<dir>: the API writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
    const profileDir = process.env.BENCH_CPU_PROF;
    const profileArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`] : [];
    const apiArgs = [...START_FLAGS, ...profileArgs, join(ROOT, 'dist', 'src', 'main.js')];
    const api = spawn(process.execPath, apiArgs, {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        JWT_SECRET: 'bench-only-secret-0123456789-abcdefghijklmnop',
        DATABASE_URL: databaseUrl,
        RUN_MIGRATIONS: 'false',
        DEMO_DATA: 'false',
        SCHEDULER_ENABLED: 'false',
        WEBHOOK_WORKER_ENABLED: 'false',
        SWAGGER_ENABLED: 'false',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    api.stdout.on('data', (chunk: Buffer) => (apiOutput = (apiOutput + chunk.toString()).slice(-4000)));
    api.stderr.on('data', (chunk: Buffer) => (apiOutput = (apiOutput + chunk.toString()).slice(-4000)));
    cleanups.push(() => stopChild(api));
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitFor(`${baseUrl}/health/live`, api, () => apiOutput);
    const idleRss = rssMb(api.pid!);
    const adminToken = await signIn(baseUrl, ids.adminEmail);
    const vmToken = await signIn(baseUrl, ids.vendorManagerEmail);

    const rows: Row[] = [];
    // Each workload also tells how much CPU the API process used, to split service time from database time.
    const peaks: { name: string; peak: number }[] = [];
    const step = async <T extends Row | Row[]>(name: string, work: () => Promise<T>): Promise<T> => {
      if (only && !only.includes(name)) {
        const skipped: Row = {
          workload: name,
          what: 'not run (--only)',
          ...{ figure: '—', baseline: '—', ratio: '—', target: '—', met: 'n/a' },
        };
        return (['W2', 'W4'].includes(name) ? [skipped] : skipped) as T;
      }
      log(`${name}…`);
      const started = performance.now();
      const cpuBefore = cpuSeconds(api.pid!);
      resetPeakRss(api.pid!);
      const result = await work();
      const wall = seconds(performance.now() - started);
      const cpu = cpuSeconds(api.pid!) - cpuBefore;
      const peak = peakRssMb(api.pid!);
      peaks.push({ name, peak });
      const [first] = ([] as Row[]).concat(result);
      first.what += `; API process CPU ${fmt(cpu, 1)} s in ${fmt(wall, 1)} s, peak RSS ${fmt(peak)} MB`;
      first.values = { ...first.values, apiCpuSeconds: cpu, wallSeconds: wall, peakRssMb: peak };
      log(`${name} done in ${fmt(wall, 1)} s`);
      return result;
    };
    rows.push(await step('W1', () => workloadW1(baseUrl, adminToken, client, ids, sizes.w1Batches)));
    rows.push(
      ...(await step('W2', () =>
        workloadW2({ baseUrl, pid: api.pid! }, vmToken, databaseUrl, ids.topVendorId, sizes.w2Seconds),
      )),
    );
    // W3 writes a year of contracts: it runs after W8 (which measures one month's own), listed here.
    const w3Index = rows.length;
    rows.push(
      ...(await step('W4', () =>
        workloadW4({ apiUrl: `${baseUrl}${API_PREFIX}`, token: adminToken, client, postJson }),
      )),
    );
    rows.push(await step('W5', () => workloadW5(baseUrl, adminToken, client, sizes.w5Leads)));
    rows.push(await step('W6', () => workloadW6(baseUrl, adminToken, client, sizes.w6Requests, scale.leads)));
    rows.push(await step('W8', () => workloadW8(baseUrl, adminToken, client, sizes.w8Contracts)));
    rows.splice(
      w3Index,
      0,
      await step('W3', () => workloadW3(baseUrl, adminToken, client, sizes.w3Contracts)),
    );
    rows.splice(
      rows.findIndex((row) => row.workload === 'W8'),
      0,
      await step('W7', () => workloadW7(baseUrl, adminToken, client, sizes.w7Contracts)),
    );

    // Issue #20 item 4: the API's memory at every moment of the run, not only during W2.
    if (peaks.length) {
      const top = peaks.reduce((a, b) => (b.peak > a.peak ? b : a));
      rows.push({
        workload: 'Mx',
        what:
          `peak RSS of the API over the whole run (VmHWM, reset before each workload): ` +
          peaks.map((p) => `${p.name} ${fmt(p.peak)} MB`).join(', '),
        figure: `${fmt(top.peak)} MB (${top.name})`,
        baseline: '—',
        ratio: '—',
        target: '≤ 400 MB',
        met: top.peak <= 400 ? 'yes' : 'no',
        values: {
          peakRssMb: top.peak,
          ...Object.fromEntries(peaks.map((p) => [`peakRssMb${p.name}`, p.peak])),
        },
      });
    }

    const previous = existsSync(RESULTS_FILE)
      ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as {
          runs?: Record<string, unknown>;
          growth?: Growth;
        })
      : {};
    const runs = { ...(previous.runs ?? {}) } as Record<string, { rows: Row[] }>;
    const w4 = rows.find((r) => r.workload === 'W4');
    const otherScale = scale.name === 'S' ? (runs.L ?? runs.M) : runs.S;
    const otherW4 = otherScale?.rows.find((r) => r.workload === 'W4')?.values?.seconds;
    if (w4 && otherW4 && w4.values?.seconds) {
      const [small, large] = scale.name === 'S' ? [w4.values.seconds, otherW4] : [otherW4, w4.values.seconds];
      w4.what += `; growth scale-S → larger: ${fmt(small, 2)} s → ${fmt(large, 2)} s (${fmt(large / small, 1)}×)`;
    }

    process.stdout.write(
      `\nOSM benchmark, scale-${scale.name} (seed ${seed}): ${facts.cores} cores (${facts.cpu}), ${facts.memoryGb} GB, ` +
        `PostgreSQL ${facts.postgres}, Node ${facts.node}, ${facts.database}\n` +
        `data: ${fmt(scale.vendors)} vendors, ${fmt(scale.reps)} reps, ${fmt(scale.leads)} leads, ` +
        `${fmt(scale.callReports)} call reports, generated in ${fmt(generationSeconds, 1)} s${generated.reused ? ' (kept from an earlier run, --reuse)' : ''}; API idle RSS ${fmt(idleRss)} MB\n\n`,
    );
    printTable(rows);
    const totalSeconds = seconds(performance.now() - runStarted);
    process.stdout.write(`\ntotal ${fmt(totalSeconds, 1)} s\n`);
    runs[scale.name] = {
      at: new Date().toISOString(),
      seed,
      scale,
      facts,
      generation: { seconds: generationSeconds, millisecondsByStep: timings },
      apiIdleRssMb: idleRss,
      totalSeconds,
      rows,
    } as unknown as { rows: Row[] };
    // Each workload's latest figure per scale, kept across runs (also `--only` ones), side by side.
    const growth: Growth = previous.growth ?? {};
    const at = new Date().toISOString().slice(0, 16).replace('T', ' ');
    for (const row of rows) {
      if (row.met === 'n/a') continue;
      growth[row.workload] = {
        ...growth[row.workload],
        [scale.name]: { at, figure: row.figure, baseline: row.baseline, ratio: row.ratio },
      };
    }
    printGrowth(growth);
    writeFileSync(RESULTS_FILE, `${JSON.stringify({ runs, growth }, null, 2)}\n`);
    log(`results written to ${RESULTS_FILE}`);
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
