import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

const query = async (url: string, sql: string) => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
};

describe('embedded PostgreSQL (zero-setup database)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'osm-embedded-'));
  chmodSync(scratch, 0o755);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('finds the same data on a second start', async () => {
    const dataDir = join(scratch, 'restart', 'pg');
    const first = await startEmbeddedPostgres({ dataDir, ephemeral: true });
    await query(first.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir, ephemeral: true });
    try {
      expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
    } finally {
      await second.stop();
    }
  });

  it('starts again when the previous run died without stopping its server (kill -9)', async () => {
    const dataDir = join(scratch, 'killed', 'pg');
    const orphan = await startEmbeddedPostgres({ dataDir, ephemeral: true });
    await query(orphan.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('survived')");
    // No stop(): the server keeps running and holds the data folder, as after `kill -9` of the service.

    const next = await startEmbeddedPostgres({ dataDir, ephemeral: true });
    try {
      expect(await query(next.url, 'SELECT v FROM kept')).toEqual([{ v: 'survived' }]);
      await expect(query(orphan.url, 'SELECT 1')).rejects.toThrow();
    } finally {
      await next.stop();
    }
  });

  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  (asRoot ? it : it.skip)(
    'runs as root from a folder under a 0700 directory (a clone in /root)',
    async () => {
      const home = join(scratch, 'private-home');
      rmSync(home, { recursive: true, force: true });
      mkdirSync(home, { mode: 0o700 });
      chmodSync(home, 0o700);
      const pg = await startEmbeddedPostgres({
        dataDir: join(home, 'clone', '.data', 'pg'),
        ephemeral: true,
      });
      try {
        expect(await query(pg.url, 'SELECT current_user AS u')).toEqual([{ u: 'postgres' }]);
        // The postgres user cannot enter the 0700 home, so the data lives elsewhere, linked from the clone.
        expect(pg.dataDir.startsWith(home)).toBe(false);
      } finally {
        await pg.stop();
        rmSync(pg.dataDir, { recursive: true, force: true });
      }
    },
  );
});
