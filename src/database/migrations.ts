import { DataSource } from 'typeorm';

/** Any fixed number works; it only has to be the same for every replica of this service. */
const MIGRATION_LOCK_KEY = 7_020_001;

interface MigrationLogger {
  log(message: string): void;
}

export async function runMigrationsLocked(dataSource: DataSource, logger: MigrationLogger): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied) logger.log(`applied migration ${migration.name}`);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
