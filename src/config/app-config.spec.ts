import { ConfigError, INSECURE_DEV_JWT_SECRET, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('starts with defaults on an empty environment: embedded database with demo data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, demoData: true, runMigrations: true });
  });

  it('turns demo data off by default when an external database is configured', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/osm' }).demoData).toBe(false);
  });

  it('lists every bad variable in one error', () => {
    let caught: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        RUN_MIGRATIONS: 'maybe',
        LOG_LEVEL: 'loud',
        JWT_SECRET: 'short',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.map((p) => p.split(':')[0]).sort();
    expect(problems).toEqual(['DATABASE_URL', 'JWT_SECRET', 'LOG_LEVEL', 'PORT', 'RUN_MIGRATIONS']);
  });

  it('refuses the public development JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: must be set in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).not.toThrow();
    expect(INSECURE_DEV_JWT_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses a scheduler cron with a seconds field instead of silently running it once a minute', () => {
    expect(() => loadConfig({ SCHEDULER_CRON: '*/30 * * * * *' })).toThrow(
      /SCHEDULER_CRON: .*seconds are not supported/,
    );
    expect(loadConfig({ SCHEDULER_CRON: '*/5 * * * *' }).schedulerCron).toBe('*/5 * * * *');
  });
});
