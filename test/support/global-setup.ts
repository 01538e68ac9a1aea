import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { EmbeddedPostgres, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runMigrationsLocked } from '../../src/database/migrations';
import { quoteIdent, withAdminClient, withDatabase } from './test-database';

declare global {
  var __OSM_EMBEDDED_PG__: EmbeddedPostgres | undefined;
}

/**
 * Once per test run: a PostgreSQL server (DATABASE_URL, else a throw-away embedded one) and a template
 * database with every migration applied. Each test file then copies the template (see test-app.ts).
 * The workers learn where through environment variables, which they inherit.
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    // mkdtemp makes a 0700 folder; open it so the postgres user (when running as root) can use it in place.
    const scratch = mkdtempSync(join(tmpdir(), 'osm-test-'));
    chmodSync(scratch, 0o755);
    process.env.OSM_TEST_SCRATCH_DIR = scratch;
    const dataDir = join(scratch, 'pg');
    globalThis.__OSM_EMBEDDED_PG__ = await startEmbeddedPostgres({
      dataDir,
      ephemeral: true,
      database: 'postgres',
    });
    serverUrl = globalThis.__OSM_EMBEDDED_PG__.url;
  }
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const template = `osm_tpl_${runId}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(template)}`));

  const dataSource = new DataSource(buildDataSourceOptions(withDatabase(serverUrl, template), 2));
  await dataSource.initialize();
  try {
    await runMigrationsLocked(dataSource, { log: () => undefined });
  } finally {
    await dataSource.destroy();
  }

  process.env.OSM_TEST_SERVER_URL = serverUrl;
  process.env.OSM_TEST_TEMPLATE_DB = template;
  process.env.OSM_TEST_RUN_ID = runId;
}
