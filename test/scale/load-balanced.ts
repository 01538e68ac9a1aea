/**
 * Replicas behind a load balancer: `npm run scale:lb [-- --seconds 30] [--build]`.
 *
 * Three API processes, each with the scheduler and the webhook worker on, behind one nginx port
 * (Debian's `nginx-light`). A mixed load of reads and keyed writes runs through nginx across a scheduler
 * tick (every minute here), one API process is killed with SIGKILL during it, and then the script shows:
 *
 *   - every check ran exactly once in the tick (the run log: one succeeded row per check and tick);
 *   - no webhook event reached the receiver twice from two live workers (each delivery is attributed to
 *     the process whose socket sent it);
 *   - no request failed (every answer 2xx; socket errors and 5xx count as failures);
 *
 * with the figures (requests, req/s, p50/p99, requests per replica, deliveries). It exits non-zero when
 * an assertion fails, and stops everything it started (API processes, nginx, the receiver, the database).
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { findFreePort } from '../../src/database/embedded-postgres';
import { WEBHOOK_EVENT_TYPES } from '../../src/modules/webhooks/webhook.entity';
import { dropDatabase, quoteIdent, withAdminClient, withDatabase } from '../support/test-database';

const ROOT = resolve(__dirname, '..', '..');
const API = '/api/v1';
const REPLICAS = 3;
/** Concurrent clients of the mixed load. */
const CLIENTS = 16;
/** The scheduler fires every minute here, so a tick falls inside a short load. */
const SCHEDULER_CRON = '* * * * *';
/**
 * Where in the load the tick falls; a replica caught running a check is killed within 4× KILL_AFTER_TICK_MS
 * of the tick, or api-2 at the end of that window.
 */
const TICK_INTO_LOAD_MS = 8_000;
const KILL_AFTER_TICK_MS = 1_500;
const CHECK_LOCK_NAMESPACE = 7_020_002;
/** A keyed write whose first attempt still holds its key (409 IDEMPOTENCY_REQUEST_IN_PROGRESS) is retried. */
const IN_PROGRESS_RETRIES = 20;
const START_FLAGS = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts['start:prod']
  .split(/\s+/)
  .filter((arg) => arg.startsWith('--'));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (message: string) => process.stderr.write(`[scale:lb] ${message}\n`);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function parseArgs(argv: string[]): { seconds: number; build: boolean } {
  let seconds = 30;
  let build = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--seconds') seconds = Number(argv[++i]);
    else if (argv[i] === '--build') build = true;
    else throw new Error(`unknown argument ${argv[i]} (use --seconds N, --build)`);
  }
  if (!Number.isInteger(seconds) || seconds < 15 || seconds > 300) {
    throw new Error('--seconds must be a whole number from 15 to 300 (the tick falls 8 s into the load)');
  }
  return { seconds, build };
}

// ---------------------------------------------------------------- processes

class ApiProcess {
  child?: ChildProcess;
  output = '';
  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get pid(): number {
    return this.child?.pid ?? -1;
  }

  get alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    this.child = spawn(process.execPath, [...START_FLAGS, join(ROOT, 'dist', 'src', 'main.js')], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, HOST: '127.0.0.1', PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-4000));
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      if (!this.alive) throw new Error(`${this.name} exited: ${this.output}`);
      try {
        if ((await fetch(`http://127.0.0.1:${this.port}/health/live`)).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error(`${this.name} did not start: ${this.output}`);
  }

  async stop(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    const gone = new Promise<void>((done) => child.once('exit', () => done()));
    const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.kill(signal);
    await gone;
    clearTimeout(force);
  }
}

/**
 * nginx in front of the replicas. A request that could not be passed to a replica, or whose replica went
 * away before answering (connection refused or reset, a 502), is passed to the next one — for reads always,
 * and for POSTs only when they carry an Idempotency-Key: such a POST on an `@Idempotent()` operation
 * commits its stored answer in the same transaction as its work, so a retry after the first attempt
 * committed replays that answer, and a retry after a crash (rolled back) does the work once. An unkeyed
 * POST or PATCH is never retried by the balancer: it might have been done.
 */
function nginxConfig(dir: string, port: number, upstreams: number[]): string {
  return `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  log_format replicas '$status $upstream_addr $upstream_status $request_method';
  access_log ${dir}/access.log replicas;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  client_max_body_size 10m;
  client_body_buffer_size 1m;
  upstream osm {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join('\n')}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_connect_timeout 2s;
    proxy_read_timeout 120s;
    proxy_next_upstream_tries ${upstreams.length};
    location / {
      error_page 418 = @keyed;
      if ($http_idempotency_key) { return 418; }
      proxy_pass http://osm;
      proxy_next_upstream error timeout http_502;
    }
    location @keyed {
      proxy_pass http://osm;
      proxy_next_upstream error timeout http_502 non_idempotent;
    }
  }
}
`;
}

function findNginx(): string {
  for (const candidate of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx']) {
    if (existsSync(candidate)) return candidate;
  }
  const which = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  throw new Error('nginx is not installed: apt-get install -y nginx-light (Debian) and run again');
}

async function startNginx(dir: string, port: number, upstreams: number[]): Promise<ChildProcess> {
  writeFileSync(join(dir, 'nginx.conf'), nginxConfig(dir, port, upstreams));
  const binary = findNginx();
  const test = spawnSync(binary, ['-t', '-q', '-p', dir, '-c', join(dir, 'nginx.conf')], {
    encoding: 'utf8',
  });
  if (test.status !== 0) throw new Error(`nginx -t: ${test.stderr}`);
  const child = spawn(binary, ['-p', dir, '-c', join(dir, 'nginx.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/live`)).ok) return child;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`nginx did not start: ${output}`);
}

// ---------------------------------------------------------------- the webhook receiver

interface Received {
  eventId: string;
  deliveryId: string;
  type: string;
  at: number;
  /** The API process whose socket sent it (-1 when it could not be told). */
  pid: number;
}

/** The inode of the 127.0.0.1 TCP socket bound to `localPort` and connected to `remotePort`. */
function socketInode(localPort: number, remotePort: number): string | undefined {
  const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');
  const local = `0100007F:${hex(localPort)}`;
  const remote = `0100007F:${hex(remotePort)}`;
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields[1] === local && fields[2] === remote) return fields[9];
  }
  return undefined;
}

/** Which of the API processes holds the socket inode (Linux /proc). */
function ownerOf(inode: string | undefined, pids: number[]): number {
  if (!inode) return -1;
  for (const pid of pids) {
    try {
      const fds = readdirSync(`/proc/${pid}/fd`);
      if (fds.some((fd) => safeReadlink(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`)) return pid;
    } catch {
      // the process is gone
    }
  }
  return -1;
}

const safeReadlink = (path: string): string | undefined => {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
};

async function startReceiver(port: number, pids: () => number[], received: Received[]): Promise<Server> {
  const owners = new WeakMap<object, number>();
  const server = createServer((request, response) => {
    const pid = owners.get(request.socket) ?? -1;
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({
        eventId: String(request.headers['osm-event-id']),
        deliveryId: String(request.headers['osm-delivery-id']),
        type: String(request.headers['osm-event-type']),
        at: Date.now(),
        pid: pid,
      });
      response.writeHead(204).end();
    });
  });
  // The socket's owner is looked up when it connects, while the sending process surely holds it.
  server.on('connection', (socket) => {
    owners.set(socket, ownerOf(socketInode(socket.remotePort ?? 0, port), pids()));
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return server;
}

// ---------------------------------------------------------------- the load

interface Sample {
  op: string;
  status: number;
  ms: number;
  error?: string;
  inProgressRetries: number;
}

interface LoadContext {
  baseUrl: string;
  token: string;
  repIds: string[];
  leadIds: string[];
}

type Op = {
  name: string;
  weight: number;
  run: (ctx: LoadContext) => { method: string; path: string; body?: unknown };
};

const OPS: Op[] = [
  { name: 'GET /leads', weight: 30, run: () => ({ method: 'GET', path: '/leads?limit=20' }) },
  {
    name: 'GET /leads/{id}',
    weight: 15,
    run: (ctx) => ({
      method: 'GET',
      path: `/leads/${ctx.leadIds[Math.floor(Math.random() * ctx.leadIds.length)]}`,
    }),
  },
  { name: 'GET /call-reports', weight: 15, run: () => ({ method: 'GET', path: '/call-reports?limit=20' }) },
  { name: 'GET /alerts', weight: 10, run: () => ({ method: 'GET', path: '/alerts?limit=20' }) },
  {
    name: 'POST /leads',
    weight: 15,
    run: () => ({
      method: 'POST',
      path: '/leads',
      body: {
        companyName: `Balancer Test ${randomUUID()}`,
        regionCode: 'HU-BU',
        industryCode: 'manufacturing',
      },
    }),
  },
  {
    name: 'POST /call-reports',
    weight: 15,
    run: (ctx) => ({
      method: 'POST',
      path: '/call-reports',
      body: {
        repId: ctx.repIds[Math.floor(Math.random() * ctx.repIds.length)],
        occurredAt: new Date(Date.now() - 3_600_000 - Math.floor(Math.random() * 86_400_000)).toISOString(),
        type: 'call',
        durationSeconds: 60 + Math.floor(Math.random() * 600),
        outcome: 'connected',
        notes: 'load-balanced run',
      },
    }),
  },
];
const TOTAL_WEIGHT = OPS.reduce((sum, op) => sum + op.weight, 0);

function pickOp(): Op {
  let roll = Math.random() * TOTAL_WEIGHT;
  for (const op of OPS) {
    roll -= op.weight;
    if (roll < 0) return op;
  }
  return OPS[0];
}

/** One request; a keyed write answered 409 IDEMPOTENCY_REQUEST_IN_PROGRESS is retried with the same key. */
async function oneRequest(ctx: LoadContext, op: Op): Promise<Sample> {
  const { method, path, body } = op.run(ctx);
  const headers: Record<string, string> = { authorization: `Bearer ${ctx.token}` };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['idempotency-key'] = randomUUID();
  }
  const started = performance.now();
  let inProgressRetries = 0;
  for (;;) {
    try {
      const response = await fetch(`${ctx.baseUrl}${API}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      if (
        response.status === 409 &&
        inProgressRetries < IN_PROGRESS_RETRIES &&
        text.includes('IDEMPOTENCY_REQUEST_IN_PROGRESS')
      ) {
        inProgressRetries++;
        await sleep(100);
        continue;
      }
      return {
        op: op.name,
        status: response.status,
        ms: performance.now() - started,
        error: response.status >= 300 ? text.slice(0, 300) : undefined,
        inProgressRetries,
      };
    } catch (error) {
      const cause =
        error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      return { op: op.name, status: 0, ms: performance.now() - started, error: cause, inProgressRetries };
    }
  }
}

async function runLoad(ctx: LoadContext, milliseconds: number, samples: Sample[]): Promise<void> {
  const until = Date.now() + milliseconds;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < until) samples.push(await oneRequest(ctx, pickOp()));
    }),
  );
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

// ---------------------------------------------------------------- main

async function api(
  baseUrl: string,
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}${API}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

interface Assertion {
  what: string;
  seen: string;
  holds: boolean;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await step().catch((e: unknown) => log(`cleanup: ${String(e)}`));
    cleanups.length = 0;
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  process.once('SIGTERM', () => void cleanup().then(() => process.exit(143)));

  try {
    findNginx();
    if (!existsSync(join(ROOT, 'dist', 'src', 'main.js')) || options.build) {
      log('building the API (nest build)');
      const built = spawnSync(
        process.execPath,
        [join(ROOT, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build'],
        {
          cwd: ROOT,
          stdio: 'inherit',
        },
      );
      if (built.status !== 0) throw new Error('nest build failed');
    }

    const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const dbName = `osm_lb_${Date.now()}_${process.pid}`;
    await withAdminClient(server, (c) => c.query(`CREATE DATABASE ${quoteIdent(dbName)}`));
    cleanups.push(() => dropDatabase(server, dbName));
    const databaseUrl = withDatabase(server, dbName);
    log(`fresh database ${dbName} on the server of DATABASE_URL`);

    const dir = mkdtempSync(join(tmpdir(), 'osm-lb-'));
    cleanups.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));

    const received: Received[] = [];
    const replicas: ApiProcess[] = [];
    const hookPort = await findFreePort();
    const receiver = await startReceiver(hookPort, () => replicas.map((r) => r.pid), received);
    cleanups.push(() => new Promise((done) => receiver.close(done)));

    const env = {
      NODE_ENV: 'production',
      JWT_SECRET: 'load-balancer-only-secret-0123456789-abcdefghijklmnop',
      DATABASE_URL: databaseUrl,
      SCHEDULER_ENABLED: 'true',
      SCHEDULER_CRON,
      WEBHOOK_WORKER_ENABLED: 'true',
      WEBHOOK_POLL_MILLISECONDS: '200',
      WEBHOOK_RETRY_BASE_SECONDS: '1',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      SWAGGER_ENABLED: 'false',
      LOG_LEVEL: 'warn',
    };
    for (let i = 0; i < REPLICAS; i++) {
      // The first replica migrates and seeds the demo data; the others start on the migrated database.
      replicas.push(
        new ApiProcess(`api-${i + 1}`, await findFreePort(), {
          ...env,
          RUN_MIGRATIONS: 'true',
          DEMO_DATA: i === 0 ? 'true' : 'false',
        }),
      );
    }
    cleanups.push(() => Promise.all(replicas.map((r) => r.stop('SIGTERM'))));
    log('starting api-1 (migrations, demo data)');
    await replicas[0].start();
    log('starting api-2 and api-3');
    await Promise.all(replicas.slice(1).map((r) => r.start()));

    const lbPort = await findFreePort();
    const nginx = await startNginx(
      dir,
      lbPort,
      replicas.map((r) => r.port),
    );
    cleanups.push(
      () =>
        new Promise<void>((done) => {
          if (nginx.exitCode !== null) return done();
          nginx.once('exit', () => done());
          nginx.kill('SIGTERM');
        }),
    );
    const baseUrl = `http://127.0.0.1:${lbPort}`;
    log(`nginx on ${baseUrl} → ${replicas.map((r) => `${r.name} :${r.port}`).join(', ')}`);

    const db = new Client({ connectionString: databaseUrl, application_name: 'osm-scale-lb' });
    db.on('error', (error) => log(`database connection lost: ${error.message}`));
    await db.connect();
    cleanups.push(() => db.end());

    const signIn = await api(baseUrl, 'POST', '/auth/token', undefined, {
      grant_type: 'password',
      username: 'admin@osm.demo',
      password: 'demo-admin-password',
    });
    if (signIn.status !== 200) throw new Error(`sign-in: ${signIn.status} ${JSON.stringify(signIn.body)}`);
    const token = (signIn.body as { access_token: string }).access_token;
    const subscription = await api(baseUrl, 'POST', '/webhooks/subscriptions', token, {
      url: `http://127.0.0.1:${hookPort}/hooks`,
      eventTypes: WEBHOOK_EVENT_TYPES.filter((type) => type !== 'webhook.test'),
      description: 'load-balanced run',
    });
    if (subscription.status !== 201)
      throw new Error(`subscribe: ${subscription.status} ${JSON.stringify(subscription.body)}`);
    const subscriptionId = (subscription.body as { id: string }).id;
    const repIds = (
      await db.query<{ id: string }>(`SELECT id::text FROM reps WHERE active ORDER BY id`)
    ).rows.map((r) => r.id);
    const leadIds = (
      await db.query<{ id: string }>(`SELECT id::text FROM leads ORDER BY id LIMIT 200`)
    ).rows.map((r) => r.id);
    const checks = (
      await db.query<{ n: string }>(`SELECT count(*) AS n FROM check_runs WHERE trigger = 'schedule'`)
    ).rows[0].n;
    log(`${repIds.length} active reps, ${leadIds.length} leads, ${checks} scheduled runs so far`);

    // The checks, and the namespace of the advisory lock a running check holds (CheckRunnerService).
    const listed = (await api(baseUrl, 'GET', '/scheduler/checks', token)).body as {
      name: string;
      enabled: boolean;
    }[];
    // Start the load so that the next minute's tick falls TICK_INTO_LOAD_MS into it.
    const loadMs = options.seconds * 1000;
    const untilBoundary = 60_000 - (Date.now() % 60_000);
    const wait = (untilBoundary - TICK_INTO_LOAD_MS + 60_000) % 60_000;
    const tickAt = new Date(Math.round((Date.now() + wait + TICK_INTO_LOAD_MS) / 60_000) * 60_000);
    log(`waiting ${fmt(wait / 1000, 1)} s so that the tick of ${tickAt.toISOString()} falls into the load`);
    await sleep(wait);

    // The victim: a replica caught in the middle of one of the tick's checks (holding the check's advisory
    // lock), found through its database connection's socket; api-2 if none is caught in time.
    const checkNames = listed.map((c) => c.name);
    const pgPort = Number(new URL(databaseUrl).port || 5432);
    let victim = replicas[1];
    let victimCheck: string | undefined;
    let killedAt = 0;
    const samples: Sample[] = [];
    log(`mixed load: ${CLIENTS} clients for ${options.seconds} s; a replica running a check gets SIGKILL`);
    const loadStarted = Date.now();
    const killer = (async () => {
      await sleep(Math.max(0, tickAt.getTime() + 300 - Date.now()));
      for (const until = tickAt.getTime() + KILL_AFTER_TICK_MS * 4; Date.now() < until && !victimCheck;) {
        const holders = await db.query<{ client_port: number; check_name: string }>(
          `SELECT a.client_port, n.name AS check_name
             FROM pg_locks l
             JOIN pg_stat_activity a ON a.pid = l.pid
             JOIN unnest($1::text[]) AS n(name) ON (hashtext(n.name)::bigint & 4294967295) = l.objid::bigint
            WHERE l.locktype = 'advisory' AND l.classid = ${CHECK_LOCK_NAMESPACE} AND l.objsubid = 2
              AND l.granted
              AND a.datname = current_database()`,
          [checkNames],
        );
        for (const holder of holders.rows) {
          const pid = ownerOf(
            socketInode(holder.client_port, pgPort),
            replicas.map((r) => r.pid),
          );
          const replica = replicas.find((r) => r.pid === pid);
          if (replica) {
            victim = replica;
            victimCheck = holder.check_name;
            break;
          }
        }
        if (!victimCheck) await sleep(25);
      }
      killedAt = Date.now();
      await victim.stop('SIGKILL');
      log(
        `SIGKILL ${victim.name} (pid ${victim.pid}) ${fmt((killedAt - loadStarted) / 1000, 1)} s into the load, ` +
          (victimCheck ? `in the middle of the check ${victimCheck}` : 'not caught running a check'),
      );
    })();
    await runLoad({ baseUrl, token, repIds, leadIds }, loadMs, samples);
    await killer;
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    log('load done; waiting for the tick to finish and the outbox to drain');

    // The tick: every enabled check's run in it, finished.
    const expected = listed.filter((c) => c.enabled).map((c) => c.name);
    const runsOf = () =>
      db.query<{ check_name: string; status: string; n: string }>(
        `SELECT check_name, status, count(*) AS n FROM check_runs
          WHERE trigger = 'schedule' AND tick_at = $1 GROUP BY check_name, status`,
        [tickAt],
      );
    let runs = await runsOf();
    for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
      if (runs.rows.filter((r) => r.status !== 'running').length >= expected.length) break;
      await sleep(500);
      runs = await runsOf();
    }
    // The outbox: every delivery of the subscription delivered (or given up on).
    const outbox = () =>
      db.query<{ status: string; n: string }>(
        `SELECT status, count(*) AS n FROM webhook_deliveries WHERE subscription_id = $1 GROUP BY status`,
        [subscriptionId],
      );
    let deliveries = await outbox();
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      if (!deliveries.rows.some((r) => r.status === 'pending')) break;
      await sleep(500);
      deliveries = await outbox();
    }
    await sleep(500);
    const byStatus = Object.fromEntries(deliveries.rows.map((r) => [r.status, Number(r.n)]));
    const events = Number(
      (
        await db.query<{ n: string }>(
          `SELECT count(DISTINCT event_id) AS n FROM webhook_deliveries WHERE subscription_id = $1`,
          [subscriptionId],
        )
      ).rows[0].n,
    );

    // ---- figures
    const assertions: Assertion[] = [];
    const perCheck = new Map<string, { succeeded: number; other: string[] }>();
    for (const row of runs.rows) {
      const entry = perCheck.get(row.check_name) ?? { succeeded: 0, other: [] };
      if (row.status === 'succeeded') entry.succeeded += Number(row.n);
      else entry.other.push(`${row.n}× ${row.status}`);
      perCheck.set(row.check_name, entry);
    }
    const notOnce = expected.filter((name) => {
      const entry = perCheck.get(name);
      return !entry || entry.succeeded !== 1 || entry.other.length > 0;
    });
    assertions.push({
      what: `every check ran exactly once in the tick of ${tickAt.toISOString().slice(11, 16)} UTC (${REPLICAS} replicas firing it)`,
      seen:
        `${expected.length - notOnce.length} of ${expected.length} checks: one succeeded run` +
        (notOnce.length
          ? `; not once: ${notOnce.map((n) => `${n} (${perCheck.get(n)?.succeeded ?? 0} succeeded${perCheck.get(n)?.other.length ? `, ${perCheck.get(n)!.other.join(', ')}` : ''})`).join('; ')}`
          : ''),
      holds: expected.length > 0 && notOnce.length === 0,
    });

    const firstCopy = new Map<string, Received>();
    const twiceByLive: Received[] = [];
    const redeliveredAfterCrash: Received[] = [];
    for (const delivery of received) {
      const first = firstCopy.get(delivery.eventId);
      if (!first) firstCopy.set(delivery.eventId, delivery);
      else if (first.pid === victim.pid && first.at <= killedAt) redeliveredAfterCrash.push(delivery);
      else twiceByLive.push(delivery);
    }
    const senders = new Map<string, number>();
    for (const delivery of received) {
      const name = replicas.find((r) => r.pid === delivery.pid)?.name ?? 'unknown';
      senders.set(name, (senders.get(name) ?? 0) + 1);
    }
    assertions.push({
      what: 'no webhook event delivered twice by two workers',
      seen:
        `${fmt(received.length)} deliveries of ${fmt(firstCopy.size)} events received (outbox: ${fmt(events)} events, ` +
        `${Object.entries(byStatus)
          .map(([s, n]) => `${fmt(n)} ${s}`)
          .join(', ')}); twice by live workers: ${twiceByLive.length}; ` +
        `sent again after the killed worker had sent them without recording it: ${redeliveredAfterCrash.length}`,
      holds: twiceByLive.length === 0 && firstCopy.size === events && (byStatus.pending ?? 0) === 0,
    });

    const failed = samples.filter((s) => s.status < 200 || s.status >= 300);
    const latencies = samples.map((s) => s.ms).sort((a, b) => a - b);
    const retried = samples.filter((s) => s.inProgressRetries > 0);
    assertions.push({
      what: `no request failed while ${victim.name} was killed (SIGKILL) during the load`,
      seen:
        `${fmt(failed.length)} of ${fmt(samples.length)} failed` +
        (failed.length
          ? ` (${[...new Set(failed.map((f) => `${f.op} → ${f.status || f.error}`))].slice(0, 5).join('; ')})`
          : '') +
        `; keyed writes that met their own first attempt still holding the key (409, retried with the same key): ${retried.length}`,
      holds: failed.length === 0,
    });

    // nginx's view: requests per replica, and those passed on to the next replica.
    const access = readFileSync(join(dir, 'access.log'), 'utf8').trim().split('\n').filter(Boolean);
    const perReplica = new Map<string, number>();
    let passedOn = 0;
    for (const line of access) {
      // "<status> <addr>[, <addr>…] <status>[, <status>…] <method>": the last address answered.
      const tried = /^\d+ (.+?) [\d\-, ]+ [A-Z]+$/.exec(line)?.[1].split(', ') ?? ['?'];
      if (tried.length > 1) passedOn++;
      const last = tried[tried.length - 1];
      const port = Number(last.split(':').pop());
      const name = replicas.find((r) => r.port === port)?.name ?? last;
      perReplica.set(name, (perReplica.get(name) ?? 0) + 1);
    }

    const sortedMs = (kind: string) =>
      samples
        .filter((sample) => sample.op.startsWith(kind))
        .map((sample) => sample.ms)
        .sort((a, b) => a - b);
    const reads = sortedMs('GET');
    const writes = sortedMs('POST');
    const byOp = new Map<string, number>();
    for (const s of samples) byOp.set(s.op, (byOp.get(s.op) ?? 0) + 1);
    const opLatency = [...byOp.keys()]
      .sort()
      .map((op) => {
        const ms = sortedMs(op);
        return `${op} ${fmt(percentile(ms, 50))} / ${fmt(percentile(ms, 99))}`;
      })
      .join(', ');
    process.stdout.write(
      `\nOSM behind a load balancer: ${REPLICAS} API processes (scheduler and webhook worker on in each) behind nginx, ` +
        `${CLIENTS} clients, ${fmt(loadSeconds, 1)} s, ${victim.name} killed ${fmt((killedAt - loadStarted) / 1000, 1)} s in` +
        `${victimCheck ? ` while running the check ${victimCheck}` : ''}\n\n` +
        `requests: ${fmt(samples.length)} (${[...byOp].map(([op, n]) => `${op} ${fmt(n)}`).join(', ')})\n` +
        `throughput: ${fmt(samples.length / loadSeconds)} req/s; latency p50 ${fmt(percentile(latencies, 50), 1)} ms, ` +
        `p99 ${fmt(percentile(latencies, 99), 1)} ms, max ${fmt(latencies[latencies.length - 1] ?? 0)} ms` +
        ` (reads p50 ${fmt(percentile(reads, 50), 1)} / p99 ${fmt(percentile(reads, 99), 1)} ms, ` +
        `keyed writes p50 ${fmt(percentile(writes, 50), 1)} / p99 ${fmt(percentile(writes, 99), 1)} ms)\n` +
        `p50 / p99 ms by operation: ${opLatency}\n` +
        `answered by (nginx): ${[...perReplica]
          .sort()
          .map(([name, n]) => `${name} ${fmt(n)}`)
          .join(', ')}; ` +
        `passed on to another replica after a failed attempt: ${fmt(passedOn)}\n` +
        `webhook deliveries sent by: ${[...senders]
          .sort()
          .map(([name, n]) => `${name} ${fmt(n)}`)
          .join(', ')}\n` +
        `tick: ${expected.length} checks, ${runs.rows.reduce((sum, r) => sum + Number(r.n), 0)} scheduled runs recorded\n\n`,
    );
    process.stdout.write('| assertion | seen | holds |\n|---|---|---|\n');
    for (const a of assertions)
      process.stdout.write(`| ${a.what} | ${a.seen} | ${a.holds ? 'yes' : '**no**'} |\n`);
    if (assertions.some((a) => !a.holds)) process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[scale:lb] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
