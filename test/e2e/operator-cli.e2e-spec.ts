import * as ExcelJS from 'exceljs';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { createApiClient } from '../../openapi/sdk';
import type { CliIo } from '../../src/cli/cli-io';
import { runCli } from '../../src/cli/operator-cli';
import { aCall, callReportWorld, CallReportWorld, countCallReports } from '../support/call-report-fixtures';
import { contractWorld, ContractWorld } from '../support/contract-world';
import { must } from '../support/must';
import { startTestApp, TestApp } from '../support/test-app';

/** The command line run in-process against a test service, its output caught. */
interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('Operator command line: import and export through the API', () => {
  let t: TestApp;
  let w: CallReportWorld;
  let c: ContractWorld;
  const dir = mkdtempSync(join(tmpdir(), 'osm-cli-'));

  beforeAll(async () => {
    t = await startTestApp();
    w = await callReportWorld(t);
    c = await contractWorld(t, { sku: 'CLI-WIDGET', name: 'CLI Widget' });
  });
  afterAll(() => t.close());

  async function osm(
    argv: string[],
    options: { token?: string; env?: NodeJS.ProcessEnv } & Partial<CliIo> = {},
  ): Promise<Run> {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const env = options.env ?? { OSM_URL: t.baseUrl, OSM_TOKEN: options.token ?? w.manager.token };
    const code = await runCli(argv, {
      stdin: new PassThrough(),
      stdout,
      stderr,
      env,
      signal: options.signal,
      onChunk: options.onChunk,
    });
    return { code, stdout: out, stderr: err };
  }

  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text, 'utf8');
    return path;
  };

  const countLeadsNamed = async (prefix: string) => {
    const [row] = await t.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM leads WHERE company_name LIKE $1',
      [`${prefix}%`],
    );
    return row.n;
  };

  it('resumes an interrupted call-report import: the landed chunks are replayed, nothing is doubled', async () => {
    // 25 calls in chunks of 10: requests of rows 2–11, 12–21 and 22–26 (the header is row 1).
    const start = Date.UTC(2026, 0, 5, 1, 0, 0);
    const lines = Array.from({ length: 25 }, (_, index) => {
      const call = aCall({ repId: w.repA1, occurredAt: new Date(start + index * 600_000).toISOString() });
      return [call.repId, call.occurredAt, call.type, 60 + index, call.outcome].join(',');
    });
    const path = file('calls.csv', `repId,occurredAt,type,durationSeconds,outcome\n${lines.join('\n')}\n`);
    const before = await countCallReports(t);

    const interrupt = new AbortController();
    const first = await osm(['import', 'call-reports', path, '--chunk-size', '10'], {
      signal: interrupt.signal,
      onChunk: ({ index }) => index === 1 && interrupt.abort(),
    });
    expect(first.code).toBe(130);
    expect(first.stderr).toContain('interrupted after 2 of 3 requests');
    expect(await countCallReports(t)).toBe(before + 20);

    const second = await osm(['import', 'call-reports', path, '--chunk-size', '10']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(
      '25 rows in 3 requests (2 replayed from an earlier run, 1 sent): created 25',
    );
    expect(await countCallReports(t)).toBe(before + 25);
    const durations = await t.dataSource.query<{ duration_seconds: number }[]>(
      'SELECT duration_seconds FROM call_reports WHERE rep_id = $1 AND occurred_at >= $2 AND occurred_at < $3 ORDER BY occurred_at',
      [w.repA1, new Date(start), new Date(start + 25 * 600_000)],
    );
    expect(durations.map((row) => row.duration_seconds)).toEqual(
      Array.from({ length: 25 }, (_, index) => 60 + index),
    );

    // A third run of the whole file sends nothing at all.
    const third = await osm(['import', 'call-reports', path, '--chunk-size', '10']);
    expect(third.stdout).toContain('(3 replayed from an earlier run, 0 sent)');
    expect(await countCallReports(t)).toBe(before + 25);
  });

  it('stops a real `osm import` on Ctrl-C after the request in flight, and the rerun adds only the rest', async () => {
    // One row a request, so the signal lands with most of the file still to send.
    const ROWS = 120;
    const start = Date.UTC(2026, 0, 7, 1, 0, 0);
    const lines = Array.from({ length: ROWS }, (_, index) =>
      [w.repA2, new Date(start + index * 600_000).toISOString(), 'visit', 600, 'connected'].join(','),
    );
    const path = file('visits.csv', `repId,occurredAt,type,durationSeconds,outcome\n${lines.join('\n')}\n`);
    const landed = async () => {
      const [row] = await t.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM call_reports WHERE rep_id = $1 AND type = $2',
        [w.repA2, 'visit'],
      );
      return row.n;
    };

    const root = resolve(__dirname, '../..');
    const child = spawn(
      process.execPath,
      [
        require.resolve('ts-node/dist/bin.js'),
        '--transpile-only',
        'src/cli/osm.ts',
        'import',
        'call-reports',
        path,
        '--chunk-size',
        '1',
      ],
      { cwd: root, env: { ...process.env, OSM_URL: t.baseUrl, OSM_TOKEN: w.manager.token }, stdio: 'pipe' },
    );
    let stderr = '';
    let interrupted = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      // One Ctrl-C: a second one would stop the process at once.
      if (!interrupted && stderr.includes(`chunk 3/${ROWS}`)) interrupted = child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(stderr).toContain('stopping after the request in flight');
    expect(code).toBe(130);
    const afterInterrupt = await landed();
    expect(afterInterrupt).toBeGreaterThanOrEqual(3);
    expect(afterInterrupt).toBeLessThan(ROWS);

    const rerun = await osm(['import', 'call-reports', path, '--chunk-size', '1']);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain(
      `(${afterInterrupt} replayed from an earlier run, ${ROWS - afterInterrupt} sent)`,
    );
    expect(await landed()).toBe(ROWS);
  }, 120_000);

  it('writes the rows the service rejects and the cells of the wrong form to the error file', async () => {
    // Rows 2, 4 and 6 are good; row 3 has a phone that is no number, row 5 an adószám with a wrong check
    // digit (both rejected by the service), row 7 a capital that is not a whole number (never sent).
    const path = file(
      'leads.csv',
      [
        'companyName,contactName,contactPhone,taxId,registeredCapitalMinor,registeredCapitalCurrency,tags',
        'CLI Errors Alpha Kft.,Kiss Anna,+36 1 234 5678,,100000,HUF,expo;2026',
        'CLI Errors Beta Kft.,,123,,,,',
        'CLI Errors Gamma Kft.,,,,,,',
        'CLI Errors Delta Kft.,,,10625791-4-44,,,',
        'CLI Errors Epsilon Kft.,,,,,,',
        'CLI Errors Zeta Kft.,,,,12.5,HUF,',
      ].join('\n'),
    );
    const errors = join(dir, 'leads-errors.csv');
    const run = await osm(['import', 'leads', path, '--errors', errors, '--chunk-size', '2']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('6 rows in 3 requests (0 replayed from an earlier run, 3 sent): created 3');
    expect(run.stdout).toContain('3 rows not taken in');
    expect(await countLeadsNamed('CLI Errors')).toBe(3);
    const lines = readFileSync(errors, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('row,field,code,message');
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 3).join(','))).toEqual([
      '3,contacts.0.phone,VALIDATION_FAILED',
      '5,taxId,VALIDATION_FAILED',
      '7,registeredCapitalMinor,CELL_INVALID',
    ]);
    const [alpha] = await t.dataSource.query<{ tags: string[]; registered_capital_minor: string }[]>(
      "SELECT tags, registered_capital_minor FROM leads WHERE company_name = 'CLI Errors Alpha Kft.'",
    );
    expect(alpha.tags).toEqual(['expo', '2026']);
    expect(Number(alpha.registered_capital_minor)).toBe(100000);
  });

  it('imports a Salesforce Lead export as it came with --mapping, errors naming its own columns', async () => {
    // Rows 2 and 3 are good; row 4 has an e-mail address that is none, rejected naming the Email column.
    const path = file(
      'salesforce-leads.csv',
      [
        'First Name,Last Name,Company,Email,Lead Source,Rating,Fax',
        'Anna,Kiss,CLI Mapped Alpha Kft.,anna@alpha.example,Web,Hot,',
        'Béla,Nagy,CLI Mapped Beta Kft.,,Trade Show,Cold,+36 1 111 2222',
        'Csaba,Tóth,CLI Mapped Gamma Kft.,not-an-address,Web,,',
      ].join('\n'),
    );
    const errors = join(dir, 'salesforce-errors.csv');
    const run = await osm([
      'import',
      'leads',
      path,
      '--mapping',
      'salesforce-lead',
      '--errors',
      errors,
      '--chunk-size',
      '2',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('3 rows in 2 requests (0 replayed from an earlier run, 2 sent): created 2');
    expect(await countLeadsNamed('CLI Mapped')).toBe(2);
    const lines = readFileSync(errors, 'utf8').trim().split('\n');
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 3).join(','))).toEqual([
      '4,Email,VALIDATION_FAILED',
    ]);
    const [alpha] = await t.dataSource.query<{ tags: string[]; source: string }[]>(
      "SELECT tags, source FROM leads WHERE company_name = 'CLI Mapped Alpha Kft.'",
    );
    expect(alpha).toEqual({ tags: ['rating-hot'], source: 'web_form' });

    const calls = await osm(['import', 'call-reports', path, '--mapping', 'salesforce-lead']);
    expect(calls.code).toBe(2);
    expect(calls.stderr).toContain('--mapping is for leads, customers imports, not call-reports');
  });

  it('imports a Salesforce Accounts report as customers with --mapping salesforce-account', async () => {
    // Row 2 is good (Hungary tells the country of its national number); row 3's number has no country.
    const path = file(
      'salesforce-accounts.csv',
      [
        'Account ID,Account Name,Phone,Billing Country,Website',
        'CLI-ACC-1,Mapped Account Alpha Kft.,06 1 234 5678,Hungary,alpha.example',
        'CLI-ACC-2,Mapped Account Beta GmbH,1234,Austria,',
      ].join('\n'),
    );
    const errors = join(dir, 'salesforce-accounts-errors.csv');
    const run = await osm([
      'import',
      'customers',
      path,
      '--mapping',
      'salesforce-account',
      '--errors',
      errors,
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('created 1');
    const lines = readFileSync(errors, 'utf8').trim().split('\n');
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 3).join(','))).toEqual([
      '3,Phone,VALIDATION_FAILED',
    ]);
    const rows = await t.dataSource.query<{ erp_customer_id: string; phone: string }[]>(
      "SELECT erp_customer_id, phone FROM customers WHERE name LIKE 'Mapped Account%'",
    );
    expect(rows).toEqual([{ erp_customer_id: 'CLI-ACC-1', phone: '+3612345678' }]);
  });

  it('refuses an all-or-nothing chunk whole and names its bad row', async () => {
    const at = new Date(Date.UTC(2026, 0, 6, 2, 0, 0)).toISOString();
    const path = file(
      'bad-calls.csv',
      `repId,occurredAt,type,durationSeconds,outcome\n${w.repA1},${at},call,60,connected\n${w.repA1},${at},call,-5,connected\n`,
    );
    const before = await countCallReports(t);
    const errors = join(dir, 'bad-calls-errors.csv');
    const run = await osm(['import', 'call-reports', path, '--errors', errors]);
    expect(run.code).toBe(1);
    expect(await countCallReports(t)).toBe(before);
    const lines = readFileSync(errors, 'utf8').trim().split('\n').slice(1);
    expect(lines.map((line) => line.split(',').slice(0, 3).join(','))).toEqual([
      '2,,CHUNK_REFUSED',
      '3,durationSeconds,VALIDATION_FAILED',
    ]);
  });

  it('imports customers from the first sheet of an XLSX workbook, an API client signing in again for a dead token', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Customers');
    sheet.addRow(['erpCustomerId', 'name', 'taxId']);
    sheet.addRow(['CLI-1', 'Richter CLI Nyrt.', '10484878-2-44']);
    sheet.addRow([1002, 'Gedeon CLI Kft.', null]);
    const path = join(dir, 'customers.xlsx');
    await workbook.xlsx.writeFile(path);
    const client = must(await createApiClient({ client: w.admin.client, body: { name: 'ERP import' } }));
    const run = await osm(['import', 'customers', path, '--client-id', client.clientId], {
      // A token that no longer works, with the client's credentials to renew it (a long import).
      env: { OSM_URL: t.baseUrl, OSM_TOKEN: 'expired.token.value', OSM_CLIENT_SECRET: client.clientSecret },
    });
    expect(run.stderr).toBe('customers: chunk 1/1, rows 2–3: sent\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('created 2');
    const names = await t.dataSource.query<{ erp_customer_id: string }[]>(
      "SELECT erp_customer_id FROM customers WHERE name LIKE '%CLI%' ORDER BY erp_customer_id",
    );
    expect(names.map((row) => row.erp_customer_id)).toEqual(['1002', 'CLI-1']);
  });

  it('upserts contracts one request a row by external id, lines as indexed columns', async () => {
    const [first, second] = [await c.customer(), await c.customer()];
    const header =
      'source,externalId,customerId,repId,currency,startsOn,endsOn,lines.0.productId,lines.0.quantity,lines.0.unitPriceMinor,lines.1.productId,lines.1.quantity';
    const path = file(
      'contracts.csv',
      [
        header,
        `sap-erp,CLI-SO-1,${first},${c.repId},CNY,2026-01-01,2026-12-31,${c.productId},2,110000,${c.productId},1`,
        `sap-erp,CLI-SO-2,${second},${c.repId},CNY,2026-02-01,2026-12-31,${c.productId},3,,,`,
      ].join('\n'),
    );
    const run = await osm(['import', 'contracts', path], { token: c.manager.token });
    expect(run.stdout).toContain('2 rows in 2 requests (0 replayed from an earlier run, 2 sent): written 2');
    expect(run.code).toBe(0);
    const again = await osm(['import', 'contracts', path], { token: c.manager.token });
    expect(again.stdout).toContain('(2 replayed from an earlier run, 0 sent)');
    const lines = await t.dataSource.query<{ external_id: string; quantity: number }[]>(
      `SELECT c.external_id, l.quantity FROM contracts c JOIN contract_lines l ON l.contract_id = c.id
        WHERE c.external_id LIKE 'CLI-SO-%' ORDER BY c.external_id, l.quantity DESC`,
    );
    expect(lines).toEqual([
      { external_id: 'CLI-SO-1', quantity: 2 },
      { external_id: 'CLI-SO-1', quantity: 1 },
      { external_id: 'CLI-SO-2', quantity: 3 },
    ]);
  });

  it('imports target actuals and reports created rows, then replays them', async () => {
    const path = file(
      'actuals.csv',
      `metric,periodKey,ownerKind,ownerId,value,source\nnew_leads,2025,company,,800,ERP\nnew_leads,2025,vendor,${w.vendorA},300,ERP\n`,
    );
    const run = await osm(['import', 'actuals', path]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '2 rows in 1 request (0 replayed from an earlier run, 1 sent): created 2, unchanged 0, updated 0',
    );
    const again = await osm(['import', 'actuals', path]);
    expect(again.stdout).toContain('(1 replayed from an earlier run, 0 sent): created 2');
  });

  it('exports a list and a report by their path name, filters as flags', async () => {
    const out = join(dir, 'leads.csv');
    const run = await osm([
      'export',
      'lists/leads',
      '--format',
      'csv',
      '--out',
      out,
      '--company-name',
      'CLI Errors',
    ]);
    expect(run.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1 + 3);
    expect(lines.slice(1).every((line) => line.includes('CLI Errors'))).toBe(true);

    const xlsx = join(dir, 'funnel.xlsx');
    const funnel = await osm([
      'export',
      'funnel',
      '--format',
      'xlsx',
      '--out',
      xlsx,
      '--from',
      '2026-01-01',
      '--to',
      '2026-12-31',
    ]);
    expect(funnel.code).toBe(0);
    expect(readFileSync(xlsx).subarray(0, 2).toString('latin1')).toBe('PK');

    const unknown = await osm(['export', 'lists/nothing', '--out', join(dir, 'x.csv')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Known exports:');
  });

  it('answers --help on every command with 0 and a usage mistake with 2', async () => {
    for (const argv of [['--help'], ['import', '--help'], ['export', '--help'], ['admin', '--help']]) {
      const run = await osm(argv);
      expect({ argv, code: run.code }).toEqual({ argv, code: 0 });
      expect(run.stdout).toMatch(/usage/i);
    }
    expect((await osm(['import', 'invoices', 'x.csv'])).code).toBe(2);
    expect((await osm(['import', 'leads', file('typo.csv', 'companyNme\nA\n')])).stderr).toContain(
      'unknown column companyNme',
    );
    expect((await osm(['import', 'leads', 'x.csv'], { env: {} })).code).toBe(2);
    expect((await osm([])).code).toBe(2);
  });
});
