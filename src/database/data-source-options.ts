import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The one data-source definition, shared by the running service, the migration commands and the tests.
 * Entities and migrations are found by file pattern so a new module needs no registration here.
 */
export function buildDataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  const root = join(__dirname, '..', '..');
  return {
    type: 'postgres',
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    url,
    entities: [join(root, 'src', '**', '*.entity.{ts,js}')],
    migrations: [join(root, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    extra: { max: poolSize, application_name: 'osm' },
  };
}
