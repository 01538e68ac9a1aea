/**
 * Migration commands on the same data source as the service:
 *   migration:run                 apply pending migrations
 *   migration:generate <Name>     write migrations/<timestamp>-<Name>.ts from the entity/schema difference
 *   migration:check               exit 1 if the entities differ from the migrated schema
 * Without DATABASE_URL they run against the embedded PostgreSQL (started for the command).
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { buildDataSourceOptions } from '../database/data-source-options';
import { startEmbeddedPostgres } from '../database/embedded-postgres';
import { runMigrationsLocked } from '../database/migrations';

const quote = (sql: string) =>
  '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';

function migrationSource(className: string, up: string[], down: string[]): string {
  const lines = (queries: string[]) =>
    queries.map((q) => `    await queryRunner.query(${quote(q)});`).join('\n');
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  const config = loadConfig();
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.embeddedPgDataDir, log: (m) => console.error(m) });
  const dataSource = new DataSource(buildDataSourceOptions(config.databaseUrl ?? embedded!.url, 2));
  await dataSource.initialize();
  try {
    if (command === 'run') {
      await runMigrationsLocked(dataSource, console);
      return 0;
    }
    if (command === 'generate' || command === 'check') {
      await runMigrationsLocked(dataSource, console);
      const sql = await dataSource.driver.createSchemaBuilder().log();
      const up = sql.upQueries.map((q) => q.query);
      const down = sql.downQueries.reverse().map((q) => q.query);
      if (up.length === 0) {
        console.log('The schema matches the entities: no migration needed.');
        return 0;
      }
      if (command === 'check') {
        console.error(`A migration is missing; the entities need:\n${up.join(';\n')};`);
        return 1;
      }
      if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
        console.error('usage: npm run migration:generate -- <PascalCaseName>');
        return 2;
      }
      const timestamp = Date.now();
      const file = join(__dirname, '..', '..', 'migrations', `${timestamp}-${name}.ts`);
      writeFileSync(file, migrationSource(`${name}${timestamp}`, up, down));
      console.log(`wrote ${file}`);
      return 0;
    }
    console.error('usage: migrations run | generate <Name> | check');
    return 2;
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
