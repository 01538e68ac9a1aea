import { resolve } from 'node:path';

/**
 * The whole configuration of the service, parsed once at start from the environment.
 * Nothing else in the code base reads `process.env`.
 */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** External PostgreSQL (14+). Absent: an embedded PostgreSQL is started. */
  databaseUrl: string | undefined;
  /**
   * A streaming replica of that server. Set: reports, dashboards and report exports read from it,
   * except for a caller whose own last write it has not replayed yet (they read from the primary).
   */
  databaseReadUrl: string | undefined;
  databasePoolSize: number;
  embeddedPgDataDir: string;
  embeddedPgPort: number;
  runMigrations: boolean;
  demoData: boolean;
  jwtSecret: string;
  jwtTtlSeconds: number;
  jwtIssuer: string;
  bodyLimitBytes: number;
  /** The most rows one list export (CSV, XLSX) writes; more is 400 REPORT_EXPORT_TOO_LARGE. */
  exportMaxRows: number;
  /** A request must arrive in full (headers and body) within this time, or it is answered 408. */
  requestTimeoutMs: number;
  loginMaxFailures: number;
  /** How long an admin-issued password reset token works. */
  passwordResetTtlSeconds: number;
  loginFailureWindowSeconds: number;
  /** How long a CSAT survey link works unless its issuer says otherwise. */
  surveyLinkTtlDays: number;
  /** Where a customer opens a survey link; the token is appended. */
  surveyLinkBaseUrl: string;
  /** Requests per minute on the public survey routes for one survey token. */
  surveyRateLimitPerMinute: number;
  /** Requests per minute on the public survey routes from one client address (any token). */
  surveyRateLimitPerAddressPerMinute: number;
  swaggerEnabled: boolean;
  /** Run the periodic checks on this replica (every replica may; advisory locks pick one per tick). */
  schedulerEnabled: boolean;
  /** Cron expression of the check tick. */
  schedulerCron: string;
  /** Deliver webhooks from the outbox on this replica. */
  webhookWorkerEnabled: boolean;
  webhookPollMilliseconds: number;
  /** First retry delay; each further attempt doubles it (capped at one hour). */
  webhookRetryBaseSeconds: number;
  webhookMaxAttempts: number;
  webhookTimeoutMilliseconds: number;
  /** A subscription failing continuously for this long is switched off (its events are held meanwhile). */
  webhookDisableAfterHours: number;
  /** Hosts integration clients may point webhooks at ("*.example.com" allowed); admins may use any. */
  webhookAllowedHosts: string[];
  /** Plausibility checks on call reports. */
  callReportRules: {
    shortCallSeconds: number;
    shortCallStreak: number;
    maxTravelSpeedKmh: number;
    minTravelDistanceKm: number;
    maxReportLagHours: number;
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Development default; refused when NODE_ENV=production. */
export const INSECURE_DEV_JWT_SECRET = 'osm-development-only-secret-change-me-0123456789';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Collects every problem instead of stopping at the first, so one start shows them all. */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string, maxLength = 1000): string {
    const value = this.raw(name) ?? fallback;
    if (value.length > maxLength) this.problems.push(`${name}: longer than ${maxLength} characters`);
    return value;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!/^-?\d+$/.test(value) || parsed < min || parsed > max) {
      this.problems.push(`${name}: expected a whole number from ${min} to ${max}, got "${value}"`);
      return fallback;
    }
    return parsed;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['true', '1', 'yes', 'on'].includes(value)) return true;
    if (['false', '0', 'no', 'off'].includes(value)) return false;
    this.problems.push(`${name}: expected true or false, got "${value}"`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name}: expected one of ${allowed.join(', ')}, got "${value}"`);
      return fallback;
    }
    return value as T;
  }
}

export function loadConfig(env: Env = process.env): AppConfig {
  const read = new EnvReader(env);
  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');

  const databaseUrl = read.raw('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    read.problems.push('DATABASE_URL: expected a postgres:// or postgresql:// URL');
  }

  const databaseReadUrl = read.raw('DATABASE_READ_URL');
  if (databaseReadUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseReadUrl)) {
    read.problems.push('DATABASE_READ_URL: expected a postgres:// or postgresql:// URL');
  }
  if (databaseReadUrl !== undefined && databaseUrl === undefined) {
    read.problems.push('DATABASE_READ_URL: needs DATABASE_URL (the primary it replicates)');
  }

  const jwtSecret = read.string('JWT_SECRET', INSECURE_DEV_JWT_SECRET);
  if (jwtSecret.length < 32) read.problems.push('JWT_SECRET: must be at least 32 characters');
  if (nodeEnv === 'production' && jwtSecret === INSECURE_DEV_JWT_SECRET) {
    read.problems.push('JWT_SECRET: must be set in production (the development default is public)');
  }

  const config: AppConfig = {
    nodeEnv,
    host: read.string('HOST', '0.0.0.0', 255),
    port: read.int('PORT', 3000, 0, 65535),
    logLevel: read.oneOf(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      nodeEnv === 'test' ? 'warn' : 'info',
    ),
    databaseUrl,
    databaseReadUrl,
    databasePoolSize: read.int('DATABASE_POOL_SIZE', 10, 1, 200),
    embeddedPgDataDir: resolve(read.string('EMBEDDED_PG_DATA_DIR', '.data/postgres')),
    embeddedPgPort: read.int('EMBEDDED_PG_PORT', 0, 0, 65535),
    runMigrations: read.bool('RUN_MIGRATIONS', true),
    // Demo data is on by default only for the zero-setup embedded database.
    demoData: read.bool('DEMO_DATA', databaseUrl === undefined),
    jwtSecret,
    jwtTtlSeconds: read.int('JWT_TTL_SECONDS', 3600, 60, 7 * 24 * 3600),
    jwtIssuer: read.string('JWT_ISSUER', 'osm', 200),
    bodyLimitBytes: read.int('BODY_LIMIT_BYTES', 10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    exportMaxRows: read.int('EXPORT_MAX_ROWS', 100_000, 1, 100_000),
    requestTimeoutMs: read.int('REQUEST_TIMEOUT_MS', 30_000, 100, 600_000),
    loginMaxFailures: read.int('LOGIN_MAX_FAILURES', 5, 1, 1000),
    passwordResetTtlSeconds: read.int('PASSWORD_RESET_TTL_SECONDS', 24 * 3600, 60, 7 * 24 * 3600),
    loginFailureWindowSeconds: read.int('LOGIN_FAILURE_WINDOW_SECONDS', 900, 1, 86400),
    surveyLinkTtlDays: read.int('SURVEY_LINK_TTL_DAYS', 14, 1, 365),
    surveyLinkBaseUrl: read.string(
      'SURVEY_LINK_BASE_URL',
      'http://localhost:3000/api/v1/public/surveys/',
      500,
    ),
    surveyRateLimitPerMinute: read.int('SURVEY_RATE_LIMIT_PER_MINUTE', 10, 1, 100_000),
    surveyRateLimitPerAddressPerMinute: read.int('SURVEY_RATE_LIMIT_PER_ADDRESS_PER_MINUTE', 60, 1, 100_000),
    swaggerEnabled: read.bool('SWAGGER_ENABLED', true),
    schedulerEnabled: read.bool('SCHEDULER_ENABLED', nodeEnv !== 'test'),
    schedulerCron: read.string('SCHEDULER_CRON', '*/5 * * * *', 100),
    webhookWorkerEnabled: read.bool('WEBHOOK_WORKER_ENABLED', nodeEnv !== 'test'),
    webhookPollMilliseconds: read.int('WEBHOOK_POLL_MILLISECONDS', 2000, 50, 600_000),
    webhookRetryBaseSeconds: read.int('WEBHOOK_RETRY_BASE_SECONDS', 30, 0, 3600),
    webhookMaxAttempts: read.int('WEBHOOK_MAX_ATTEMPTS', 12, 1, 100),
    webhookTimeoutMilliseconds: read.int('WEBHOOK_TIMEOUT_MILLISECONDS', 10_000, 100, 120_000),
    webhookDisableAfterHours: read.int('WEBHOOK_DISABLE_AFTER_HOURS', 24, 1, 24 * 30),
    webhookAllowedHosts: (read.raw('WEBHOOK_ALLOWED_HOSTS') ?? '')
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean),
    callReportRules: {
      shortCallSeconds: read.int('CALL_REPORT_SHORT_CALL_SECONDS', 20, 1, 3600),
      shortCallStreak: read.int('CALL_REPORT_SHORT_CALL_STREAK', 5, 2, 1000),
      maxTravelSpeedKmh: read.int('CALL_REPORT_MAX_TRAVEL_KMH', 150, 1, 2000),
      minTravelDistanceKm: read.int('CALL_REPORT_MIN_TRAVEL_KM', 2, 0, 1000),
      maxReportLagHours: read.int('CALL_REPORT_MAX_LAG_HOURS', 72, 1, 24 * 365),
    },
  };
  // Five fields only: the checks run at most once a minute (one run per tick is recorded per minute), so a
  // seconds field would be silently run once a minute; it is refused instead.
  if (!/^(\S+\s+){4}\S+$/.test(config.schedulerCron)) {
    read.problems.push(
      'SCHEDULER_CRON: expected a cron expression of 5 fields (minute hour day month weekday); seconds are not supported',
    );
  }

  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}
