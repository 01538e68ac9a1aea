import type { DataSource } from 'typeorm';

export interface HeldAdvisoryLock {
  /** Resolves once `count` other sessions wait for the lock; fails after `timeoutMs`. */
  waitForWaiters(count: number, timeoutMs?: number): Promise<void>;
  /** How many sessions wait for the lock right now. */
  waiters(): Promise<number>;
  /** Releases the lock and hands the connection back (again: nothing). */
  release(): Promise<void>;
}

/**
 * Holds the session advisory lock `hashtext(key)` on a connection of its own, so a test can start
 * concurrent requests, see them all queue on the lock (pg_locks), and only then let them run: their
 * race is then certain instead of left to timing.
 */
export async function holdAdvisoryLock(dataSource: DataSource, key: string): Promise<HeldAdvisoryLock> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
  let released = false;
  const waiters = async () => {
    // A bigint advisory key shows in pg_locks as classid (high 32 bits) and objid (low 32 bits).
    const [{ n }]: { n: number }[] = await dataSource.query(
      `SELECT count(*)::int AS n FROM pg_locks
        WHERE locktype = 'advisory' AND NOT granted AND objsubid = 1
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND objid::text::bigint = hashtext($1)::bigint & 4294967295`,
      [key],
    );
    return n;
  };
  return {
    waiters,
    async waitForWaiters(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const n = await waiters();
        if (n >= count) return;
        if (Date.now() > deadline) throw new Error(`${n} of ${count} sessions wait for the lock ${key}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async release() {
      if (released) return;
      released = true;
      try {
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
      } finally {
        await runner.release();
      }
    },
  };
}
