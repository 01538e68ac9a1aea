import { rmSync } from 'node:fs';
import { quoteIdent, withAdminClient } from './test-database';

/** Drops what this run created on the server, and stops the embedded one. */
export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env.OSM_TEST_SERVER_URL;
  const runId = process.env.OSM_TEST_RUN_ID;
  if (serverUrl && runId) {
    await withAdminClient(serverUrl, async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname LIKE $2`,
        [`osm_t_${runId}_%`, `osm_tpl_${runId}`],
      );
      for (const { datname } of rows)
        await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
    });
  }
  await globalThis.__OSM_EMBEDDED_PG__?.stop();
  const scratch = process.env.OSM_TEST_SCRATCH_DIR;
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}
