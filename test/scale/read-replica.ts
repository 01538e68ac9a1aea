/**
 * `npm run scale:replica` — the API in front of a real streaming replica, on this machine.
 *
 * Starts its own primary (Debian's PostgreSQL: initdb, wal_level=replica) and a hot standby made from it
 * with `pg_basebackup -R`, both as the `postgres` system user in a temp folder; generates the benchmark's
 * scale-S data on the primary; starts the API with `DATABASE_URL` (primary) and `DATABASE_READ_URL`
 * (replica), then shows:
 *  1. a caller who has just written reads their own write, every time (create a lead, then the analysis
 *     report's new-lead count at once) — also while the replica's replay is paused;
 *  2. another caller's reports and list exports are served by the replica (its transaction count grows;
 *     while replay is paused they see the replica's older state, and catch up once it resumes; a rep the
 *     writer adds meanwhile is in the writer's own export at once);
 *  3. the lead list and its export the same way: another caller's walk through a long list (`GET /leads`,
 *     ten a page) reads its pages after the first on the replica, and their `leads.csv` too; a lead the
 *     writer adds while replay is paused is at once on the writer's last page and in their export, not in
 *     the other caller's until replay resumes;
 * and prints the figures. Exits non-zero when a caller misses their own write. Cleans up on exit.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { BENCH_PASSWORD, SCALES } from '../bench/generate';
import { generateInto } from '../bench/reuse';

const ROOT = resolve(__dirname, '..', '..');
const API = '/api/v1';
const ROUNDS = 40;

const bin = (() => {
  const versions = readdirSync('/usr/lib/postgresql').sort();
  return join('/usr/lib/postgresql', versions[versions.length - 1], 'bin');
})();
const asRoot = process.getuid?.() === 0;
const cleanups: (() => unknown)[] = [];

function run(command: string, args: string[]): void {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  const result = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr || result.stdout}`);
}

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function waitFor(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'osm-replica-'));
  chmodSync(dir, 0o777);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const [primaryPort, replicaPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  const primaryDir = join(dir, 'primary');
  const replicaDir = join(dir, 'replica');
  const settings = (port: number) => [
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c wal_level=replica -c max_wal_senders=4 -c hot_standby=on`,
  ];

  console.log(`primary on :${primaryPort}, replica on :${replicaPort} (${bin})`);
  run(join(bin, 'initdb'), ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C']);
  run(join(bin, 'pg_ctl'), [
    '-D',
    primaryDir,
    '-w',
    '-l',
    join(dir, 'primary.log'),
    ...settings(primaryPort),
    'start',
  ]);
  cleanups.unshift(() => run(join(bin, 'pg_ctl'), ['-D', primaryDir, '-m', 'immediate', 'stop']));
  const primaryAdmin = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
  await query(primaryAdmin, 'CREATE DATABASE osm');
  const primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/osm`;
  const generated = await generateInto(primaryUrl, SCALES.S, 42, (line) => console.log(`  ${line}`));

  run(join(bin, 'pg_basebackup'), [
    '-h',
    '127.0.0.1',
    '-p',
    String(primaryPort),
    '-U',
    'postgres',
    '-D',
    replicaDir,
    '-R',
    '-X',
    'stream',
  ]);
  run(join(bin, 'pg_ctl'), [
    '-D',
    replicaDir,
    '-w',
    '-l',
    join(dir, 'replica.log'),
    ...settings(replicaPort),
    'start',
  ]);
  cleanups.unshift(() => run(join(bin, 'pg_ctl'), ['-D', replicaDir, '-m', 'immediate', 'stop']));
  const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/osm`;
  const [{ standby }] = await query<{ standby: boolean }>(
    replicaUrl,
    'SELECT pg_is_in_recovery() AS standby',
  );
  if (!standby) throw new Error('the replica is not in recovery');
  console.log('streaming replica up (pg_is_in_recovery = true)');

  if (spawnSync('npx', ['nest', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0)
    throw new Error('build failed');
  const api: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: 'replica-script-secret-0123456789-abcdefghij',
      DATABASE_URL: primaryUrl,
      DATABASE_READ_URL: replicaUrl,
      RUN_MIGRATIONS: 'false',
      DEMO_DATA: 'false',
      SCHEDULER_ENABLED: 'false',
      WEBHOOK_WORKER_ENABLED: 'false',
      SWAGGER_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(apiPort),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  cleanups.unshift(() => api.kill('SIGTERM'));
  const base = `http://127.0.0.1:${apiPort}${API}`;
  await waitFor('the API', async () => (await fetch(`http://127.0.0.1:${apiPort}/health/live`)).ok);

  const token = async (email: string) => {
    const response = await fetch(`${base}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', username: email, password: BENCH_PASSWORD }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  };
  const writer = await token(generated.ids.adminEmail);
  // Another company-wide caller who writes nothing: the bench's admin is the only one, so a second token
  // of a fresh sales manager, created on the primary as an operator would.
  const reader = await (async () => {
    const response = await fetch(`${base}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${writer}` },
      body: JSON.stringify({
        email: 'reader@replica.example',
        displayName: 'Report Reader',
        role: 'sales_manager',
        password: BENCH_PASSWORD,
      }),
    });
    if (!response.ok) throw new Error(`creating the reader: ${response.status} ${await response.text()}`);
    return token('reader@replica.example');
  })();

  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const newLeadsToday = async (bearer: string): Promise<number> => {
    const response = await fetch(`${base}/reports/analysis?measures=newLeads&from=${today}&to=${tomorrow}`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    if (!response.ok) throw new Error(`analysis: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { total: { newLeads?: number } }).total.newLeads ?? 0;
  };
  let n = 0;
  const leadPrefix = `Replica Check ${process.pid}`;
  const createLead = async (): Promise<string> => {
    n += 1;
    const companyName = `${leadPrefix} ${n}`;
    const response = await fetch(`${base}/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${writer}` },
      body: JSON.stringify({ companyName, source: 'web_form' }),
    });
    if (!response.ok) throw new Error(`lead: ${response.status} ${await response.text()}`);
    return companyName;
  };
  const replicaCommits = async () =>
    Number(
      (
        await query<{ n: string }>(
          replicaUrl,
          `SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = 'osm'`,
        )
      )[0].n,
    );
  // A backend reports its transactions to pg_stat_database at most once a second, and an idle one its
  // pending counts only 10 s later (PostgreSQL 15+): settle that long before and after a measured phase,
  // so that each phase counts its own transactions (and the one of the count before it).
  const STATS_SETTLE_MS = 10_500;
  const replicaTransactionsDuring = async (work: () => Promise<unknown>): Promise<number> => {
    await new Promise((done) => setTimeout(done, STATS_SETTLE_MS));
    const before = await replicaCommits();
    await work();
    await new Promise((done) => setTimeout(done, STATS_SETTLE_MS));
    return (await replicaCommits()) - before;
  };

  // 1. Write, then read at once, ROUNDS times: the writer must see each of their leads.
  let missed = 0;
  const writerStarted = performance.now();
  for (let i = 0; i < ROUNDS; i++) {
    const before = await newLeadsToday(writer);
    await createLead();
    if ((await newLeadsToday(writer)) !== before + 1) missed += 1;
  }
  const writerMs = (performance.now() - writerStarted) / ROUNDS;

  // 2. Another caller's reports: on the replica.
  let readerMs = 0;
  const replicaReads = await replicaTransactionsDuring(async () => {
    const readerStarted = performance.now();
    for (let i = 0; i < ROUNDS; i++) await newLeadsToday(reader);
    readerMs = (performance.now() - readerStarted) / ROUNDS;
  });

  // 2b. List exports (here the reps list as CSV): another caller's on the replica too.
  const [{ id: vendorId }] = await query<{ id: string }>(
    primaryUrl,
    'SELECT id FROM vendors ORDER BY id LIMIT 1',
  );
  const repsCsv = async (bearer: string): Promise<string> => {
    const response = await fetch(`${base}/reports/lists/reps.csv`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    if (!response.ok) throw new Error(`reps.csv: ${response.status} ${await response.text()}`);
    return response.text();
  };
  const createRep = async (fullName: string) => {
    const response = await fetch(`${base}/reps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${writer}` },
      body: JSON.stringify({ vendorId, fullName, grade: 'B', capacity: 10, timezone: 'Asia/Shanghai' }),
    });
    if (!response.ok) throw new Error(`rep: ${response.status} ${await response.text()}`);
  };
  const EXPORTS = 10;
  const exportReads = await replicaTransactionsDuring(async () => {
    for (let i = 0; i < EXPORTS; i++) await repsCsv(reader);
  });

  // 2c. The lead list, walked ten a page through the script's own leads (oldest first), and its export:
  // another caller's pages after the first and their leads.csv on the replica.
  const leadFilter = `companyName=${encodeURIComponent(leadPrefix)}`;
  const walkLeads = async (bearer: string): Promise<{ names: string[]; pages: number }> => {
    const names: string[] = [];
    let pages = 0;
    let cursor: string | null = null;
    do {
      const after: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const response = await fetch(`${base}/leads?${leadFilter}&limit=10${after}`, {
        headers: { authorization: `Bearer ${bearer}` },
      });
      if (!response.ok) throw new Error(`leads: ${response.status} ${await response.text()}`);
      const page = (await response.json()) as { data: { companyName: string }[]; nextCursor: string | null };
      names.push(...page.data.map((lead) => lead.companyName));
      pages += 1;
      cursor = page.nextCursor;
    } while (cursor !== null);
    return { names, pages };
  };
  const leadsCsv = async (bearer: string): Promise<string> => {
    const response = await fetch(`${base}/reports/lists/leads.csv?${leadFilter}`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    if (!response.ok) throw new Error(`leads.csv: ${response.status} ${await response.text()}`);
    return response.text();
  };
  let walked = { names: [] as string[], pages: 0 };
  const listReads = await replicaTransactionsDuring(async () => {
    walked = await walkLeads(reader);
  });
  const leadExportReads = await replicaTransactionsDuring(async () => {
    for (let i = 0; i < EXPORTS; i++) await leadsCsv(reader);
  });

  // 3. Replay paused (a lagging replica): the writer still sees their write; the reader sees the replica.
  await query(replicaUrl, 'SELECT pg_wal_replay_pause()');
  const readerBefore = await newLeadsToday(reader);
  const writerBefore = await newLeadsToday(writer);
  const pausedLead = await createLead();
  const writerAfter = await newLeadsToday(writer);
  const readerWhilePaused = await newLeadsToday(reader);
  // The same for an export: a rep added while replay is paused is in the writer's file, not yet the reader's.
  const pausedRep = `Replica Rep ${process.pid}`;
  await createRep(pausedRep);
  const writerExportSees = (await repsCsv(writer)).includes(pausedRep);
  const readerExportSees = (await repsCsv(reader)).includes(pausedRep);
  // The lead just added: the newest, so on the list's last page (a page after the first) and in the export.
  const writerWalk = await walkLeads(writer);
  const writerListSees = writerWalk.names.includes(pausedLead);
  const readerListSees = (await walkLeads(reader)).names.includes(pausedLead);
  const writerLeadExportSees = (await leadsCsv(writer)).includes(pausedLead);
  const readerLeadExportSees = (await leadsCsv(reader)).includes(pausedLead);
  await query(replicaUrl, 'SELECT pg_wal_replay_resume()');
  await waitFor(
    "the reader's lead list and export to catch up",
    async () =>
      (await walkLeads(reader)).names.includes(pausedLead) && (await leadsCsv(reader)).includes(pausedLead),
    10_000,
  );
  await waitFor(
    "the reader's export to catch up",
    async () => (await repsCsv(reader)).includes(pausedRep),
    10_000,
  );
  await waitFor('the replica to catch up', async () => (await newLeadsToday(reader)) === writerAfter, 10_000);
  if (writerAfter !== writerBefore + 1) missed += 1;

  console.log('');
  console.log('| what | figure |');
  console.log('|---|---|');
  console.log(
    `| writer: write then read at once, ${ROUNDS} rounds | ${ROUNDS - missed + (writerAfter === writerBefore + 1 ? 1 : 0)} of ${ROUNDS + 1} reads saw the write (missed: ${missed}); ${writerMs.toFixed(1)} ms a round |`,
  );
  console.log(
    `| reader: ${ROUNDS} analysis reports | ${replicaReads} transactions on the replica; ${readerMs.toFixed(1)} ms a report |`,
  );
  console.log(
    `| replay paused, then a write | writer ${writerBefore} → ${writerAfter} (primary); reader ${readerBefore} → ${readerWhilePaused} (replica, behind); after resume the reader sees ${writerAfter} |`,
  );
  console.log(
    `| reader: ${EXPORTS} reps.csv exports | ${exportReads} transactions on the replica; with replay paused a rep added by the writer is in the writer's export: ${writerExportSees}, in the reader's: ${readerExportSees} (until replay resumes) |`,
  );
  console.log(
    `| reader: GET /leads walked ${walked.pages} pages of 10 (${walked.names.length} leads) | ${listReads} transactions on the replica (the ${walked.pages - 1} pages after the first) |`,
  );
  console.log(`| reader: ${EXPORTS} leads.csv exports | ${leadExportReads} transactions on the replica |`);
  console.log(
    `| replay paused, a lead added by the writer | on the writer's last list page (page ${writerWalk.pages}): ${writerListSees}, in the writer's leads.csv: ${writerLeadExportSees}; in the reader's list: ${readerListSees}, leads.csv: ${readerLeadExportSees} (until replay resumes) |`,
  );
  if (missed > 0) throw new Error(`${missed} reads missed the caller's own write`);
  if (!writerListSees) throw new Error("the writer's lead list missed their own write");
  if (!writerLeadExportSees) throw new Error("the writer's lead export missed their own write");
  if (readerListSees) throw new Error("the reader's deep lead list pages did not read the paused replica");
  if (readerLeadExportSees) throw new Error("the reader's lead export did not read the paused replica");
  if (walked.pages < 3)
    throw new Error(`the lead walk took ${walked.pages} pages; it needs pages after the first`);
  if (listReads < walked.pages - 1)
    throw new Error(`only ${listReads} of the ${walked.pages - 1} deep lead pages ran on the replica`);
  if (leadExportReads < EXPORTS)
    throw new Error(`only ${leadExportReads} of ${EXPORTS} lead exports ran on the replica`);
  if (!writerExportSees) throw new Error("the writer's export missed their own write");
  if (readerExportSees) throw new Error("the reader's export did not read the paused replica");
  if (exportReads < EXPORTS) throw new Error(`only ${exportReads} of ${EXPORTS} exports ran on the replica`);
  if (replicaReads < ROUNDS) throw new Error(`only ${replicaReads} of ${ROUNDS} reports ran on the replica`);
  if (readerWhilePaused !== readerBefore) throw new Error('the reader did not read the paused replica');
  console.log('read replica: ok');
}

main()
  .catch((error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const cleanup of cleanups) {
      try {
        await cleanup();
      } catch {
        // best effort
      }
    }
  });
