/**
 * Browser check of Swagger UI and the dashboards: builds and starts the service on a free port with a
 * throw-away embedded PostgreSQL and the demo data; authorizes in Swagger UI with a demo token and runs
 * GET /api/v1/auth/me from the page; then opens the company dashboard and a vendor's scorecard by their
 * signed links, with no console error allowed, checks their figures against the API's own reports, and
 * keeps a screenshot of each page in test-results/.
 * Needs Debian Chromium at /usr/bin/chromium (`apt-get install -y chromium`). Run: `npm run test:browser`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = resolve(__dirname, '..', '..');
const RESULTS = join(ROOT, 'test-results');
const SCREENSHOT = join(RESULTS, 'swagger-ui.png');
const DASHBOARD_SCREENSHOTS = {
  company: join(RESULTS, 'dashboard-company.png'),
  vendor: join(RESULTS, 'dashboard-vendor.png'),
};
const TOTAL_TIMEOUT_MS = 300_000;
const READY_TIMEOUT_MS = 90_000;
const UI_TIMEOUT_MS = 15_000;
const DASHBOARD_TIMEOUT_MS = 90_000;

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

let service: ChildProcess | undefined;
let browser: Browser | undefined;
// 0755 so the `postgres` user (used when running as root) can reach the data folder inside it.
const workDir = mkdtempSync(join(tmpdir(), 'osm-browser-'));
chmodSync(workDir, 0o755);
const dataDir = join(workDir, 'pg');

async function startService(port: number): Promise<string> {
  console.log('building (nest build)…');
  const build = spawnSync('npx', ['nest', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`nest build failed (exit ${build.status ?? build.signal})`);

  // Always the embedded database in a throw-away folder: never the developer's data or DATABASE_URL.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    EMBEDDED_PG_DATA_DIR: dataDir,
    DEMO_DATA: 'true',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  service = child;

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the service exited during start (${child.exitCode ?? child.signalCode})`);
    }
    const ready = await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return base;
    await sleep(500);
  }
  throw new Error(`the service was not ready within ${READY_TIMEOUT_MS / 1000} s`);
}

async function getToken(base: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'password',
      username: 'admin@osm.demo',
      password: 'demo-admin-password',
    }),
  });
  if (!response.ok)
    throw new Error(`POST /api/v1/auth/token answered ${response.status}: ${await response.text()}`);
  const { access_token: token } = (await response.json()) as { access_token?: unknown };
  if (typeof token !== 'string') throw new Error('the token response has no access_token');
  return token;
}

async function exerciseSwaggerUi(base: string, token: string): Promise<void> {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  await page.goto(`${base}/docs`);

  await page.locator('.auth-wrapper button.authorize').click();
  const dialog = page.locator('.dialog-ux .modal-ux');
  await dialog.locator('input[aria-label="auth-bearer-value"]').fill(token);
  await dialog.getByRole('button', { name: 'Apply credentials' }).click();
  await dialog.getByRole('button', { name: 'Remove authorization' }).waitFor(); // "Logout" replaces "Authorize"
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });

  const operation = page.locator('#operations-auth-getCurrentPrincipal');
  await operation.locator('.opblock-summary').first().click();
  await operation.locator('button.try-out__btn').click();
  await operation.locator('button.execute').click();

  const live = operation.locator('.live-responses-table .response');
  await live
    .locator('.response-col_status')
    .filter({ hasText: /^\s*200\s*$/ })
    .waitFor();
  await live.locator('.response-col_description').filter({ hasText: 'admin' }).first().waitFor();

  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true, timeout: 60_000 });
}

async function api<T>(base: string, token: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** The value of a figure row ("<th>New leads</th><td>…</td>") on a dashboard page. */
async function figure(page: Page, label: string): Promise<string> {
  return (
    await page
      .locator('table.figures tr', { has: page.locator('th', { hasText: label }) })
      .locator('td')
      .innerText()
  ).trim();
}

/**
 * Opens a dashboard page in the browser by its signed link: it must render with no console error, its
 * figures must be the API's own (the analysis report of the same period and scope), and it must show
 * the attainment, forecast and open-alert sections.
 */
async function checkDashboard(
  base: string,
  token: string,
  which: 'company' | 'vendor',
  period: string,
  vendorId?: string,
): Promise<void> {
  const { url } = await api<{ url: string }>(base, token, '/reports/dashboard-links', {
    page: which,
    period,
    ...(vendorId ? { vendorId } : {}),
  });
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  // A page is composed of a dozen reports; on a loaded CI machine that takes seconds, so it gets its own
  // allowance, and the time is printed.
  const started = Date.now();
  const answer = await page.goto(`${base}${url}`, { timeout: DASHBOARD_TIMEOUT_MS });
  console.log(`the ${which} dashboard loaded in ${Date.now() - started} ms`);
  if (answer?.status() !== 200) throw new Error(`the ${which} dashboard answered ${answer?.status()}`);
  await page
    .locator('h1', { hasText: which === 'company' ? 'Company dashboard' : 'Vendor scorecard' })
    .waitFor();
  for (const heading of [/^Attainment/, /^Forecast/, /^Open alerts$/, /^Funnel$/])
    await page.locator('h2', { hasText: heading }).first().waitFor();
  if (which === 'vendor') await page.locator('h2', { hasText: 'Scorecard' }).waitFor();

  const range = periodRange(period);
  const params = new URLSearchParams({ from: range.start, to: range.end });
  for (const measure of ['newLeads', 'calls', 'visits']) params.append('measures', measure);
  if (vendorId) params.set('vendorId', vendorId);
  const { total } = await api<{ total: { newLeads?: number; calls?: number; visits?: number } }>(
    base,
    token,
    `/reports/analysis?${params.toString()}`,
  );
  for (const [label, expected] of [
    ['New leads', total.newLeads ?? 0],
    ['Calls', total.calls ?? 0],
    ['Visits', total.visits ?? 0],
  ] as const) {
    const shown = await figure(page, label);
    if (shown !== String(expected))
      throw new Error(`the ${which} dashboard shows ${label} ${shown}; the analysis report says ${expected}`);
  }
  if (errors.length) throw new Error(`the ${which} dashboard logged console errors: ${errors.join('; ')}`);
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: DASHBOARD_SCREENSHOTS[which], fullPage: true, timeout: 60_000 });
  await page.close();
}

/** A year or month key's half-open date range. */
function periodRange(key: string): { start: string; end: string } {
  const [year, month] = key.split('-').map(Number);
  if (!month) return { start: `${year}-01-01`, end: `${year + 1}-01-01` };
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  return { start: `${key}-01`, end: `${next}-01` };
}

async function exerciseDashboards(base: string, token: string): Promise<void> {
  const now = new Date();
  const year = String(now.getUTCFullYear());
  const month = `${year}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  await checkDashboard(base, token, 'company', year);
  const vendors = await api<{ data: { id: string }[] }>(base, token, '/vendors?limit=1');
  if (!vendors.data.length) throw new Error('the demo data has no vendor');
  await checkDashboard(base, token, 'vendor', month, vendors.data[0].id);
}

/** SIGTERM lets the service stop its embedded PostgreSQL; SIGKILL (and a direct stop of Postgres) is the fallback. */
async function stopService(): Promise<void> {
  const child = service;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const clean = await Promise.race([exited.then(() => true), sleep(30_000).then(() => false)]);
  if (clean) return;
  console.error('the service did not stop within 30 s; killing it');
  child.kill('SIGKILL');
  const pidFile = join(dataDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid > 0) process.kill(pid, 'SIGTERM');
  }
  await Promise.race([exited, sleep(5_000)]);
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}; install it with: apt-get install -y chromium`);
  }
  const base = await startService(await freePort());
  const token = await getToken(base);
  await exerciseSwaggerUi(base, token);
  await exerciseDashboards(base, token);
}

async function run(): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(
      () => fail(new Error(`timed out after ${TOTAL_TIMEOUT_MS / 1000} s`)),
      TOTAL_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([main(), timeout]);
    console.log(
      `Browser check passed (Swagger UI, company dashboard, vendor scorecard); screenshots: ${[SCREENSHOT, ...Object.values(DASHBOARD_SCREENSHOTS)].join(', ')}`,
    );
    return 0;
  } catch (error) {
    console.error(`Browser check FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    clearTimeout(timer);
    await browser?.close().catch(() => undefined);
    await stopService().catch((error: unknown) => console.error('stopping the service failed:', error));
    rmSync(workDir, { recursive: true, force: true });
  }
}

void run().then((code) => process.exit(code));
