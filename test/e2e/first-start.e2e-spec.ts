import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import {
  createPasswordReset,
  createToken,
  getCurrentPrincipal,
  redeemPasswordReset,
} from '../../openapi/sdk';
import { createApp, listenOrClose } from '../../src/app.factory';
import { runAdminCommand } from '../../src/cli/admin-command';
import { Role } from '../../src/common/auth/role';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { withDatabase } from '../support/test-database';

/** Runs `osm admin …` in-process with the given stdin text; answers the exit code and what was written. */
async function osmAdmin(config: AppConfig, args: string[], stdinText: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += String(chunk)));
  stderr.on('data', (chunk) => (err += String(chunk)));
  const code = await runAdminCommand(args, { stdin: Readable.from([stdinText]), stdout, stderr }, config);
  return { code, out, err };
}

describe('A production first start', () => {
  let t: TestApp;
  let config: AppConfig;

  beforeAll(async () => {
    t = await startTestApp();
    config = {
      ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error' }),
      databaseUrl: withDatabase(process.env.OSM_TEST_SERVER_URL!, t.database),
      databasePoolSize: 2,
      runMigrations: false,
    };
  });
  afterAll(() => t.close());

  const signIn = (username: string, password: string) =>
    createToken({ client: t.anonymous, body: { grant_type: 'password', username, password } });

  describe('osm admin create', () => {
    it('creates the first admin on an empty database from a password piped on stdin, who can sign in', async () => {
      expect(Number((await t.dataSource.query('SELECT count(*) FROM users'))[0].count)).toBe(0);
      const run = await osmAdmin(
        config,
        ['create', '--email', 'First.Admin@Example.hu', '--name', 'Első Admin'],
        'first-admin-password\n',
      );
      expect(run).toMatchObject({ code: 0, err: '' });
      expect(run.out).toContain('admin first.admin@example.hu created');
      const { data } = await signIn('first.admin@example.hu', 'first-admin-password');
      const me = await getCurrentPrincipal({ client: t.clientWithToken(data!.access_token) });
      expect(me.data).toMatchObject({ role: 'admin', name: 'Első Admin' });
    });

    it('never takes the password from the command line', async () => {
      const run = await osmAdmin(
        config,
        ['create', '--email', 'argv@example.hu', '--password', 'visible-in-ps-output'],
        '',
      );
      expect(run.code).toBe(2);
      expect(run.err).toContain('never taken from the command line');
      expect(await t.dataSource.query("SELECT 1 FROM users WHERE email = 'argv@example.hu'")).toEqual([]);
    });

    it('refuses a short password and a malformed email, creating nobody', async () => {
      const short = await osmAdmin(config, ['create', '--email', 'short@example.hu'], 'short\n');
      expect(short.code).toBe(1);
      expect(short.err).toContain('password');
      const malformed = await osmAdmin(
        config,
        ['create', '--email', 'not-an-email'],
        'long-enough-password\n',
      );
      expect(malformed.code).toBe(1);
      expect(malformed.err).toContain('email');
      expect(
        await t.dataSource.query("SELECT 1 FROM users WHERE email IN ('short@example.hu', 'not-an-email')"),
      ).toEqual([]);
    });
  });

  describe('an admin-triggered password reset: one-time, expiring, single use', () => {
    let admin: TestUser;
    beforeAll(async () => {
      admin = await t.signIn(Role.ADMIN);
    });

    it('lets the user set a new password once, ending the old password and the tokens already out', async () => {
      const user = await t.signIn(Role.SALES_MANAGER);
      const issued = await createPasswordReset({ client: admin.client, path: { id: user.id } });
      expect(issued.response.status).toBe(201);
      const resetToken = issued.data!.resetToken;
      const hoursValid = (Date.parse(issued.data!.expiresAt) - Date.now()) / 3_600_000;
      expect(hoursValid).toBeGreaterThan(23.9);
      expect(hoursValid).toBeLessThanOrEqual(24);
      // Only the hash is kept.
      expect(
        await t.dataSource.query('SELECT 1 FROM password_resets WHERE token_hash = $1', [resetToken]),
      ).toEqual([]);

      const redeemed = await redeemPasswordReset({
        client: t.anonymous,
        body: { resetToken, newPassword: 'a-brand-new-password' },
      });
      expect(redeemed.response.status).toBe(204);
      expect((await signIn(user.email, user.password)).response.status).toBe(401);
      expect((await signIn(user.email, 'a-brand-new-password')).response.status).toBe(200);
      expect((await getCurrentPrincipal({ client: user.client })).response.status).toBe(401);

      const again = await redeemPasswordReset({
        client: t.anonymous,
        body: { resetToken, newPassword: 'yet-another-password' },
      });
      expect(again.response.status).toBe(422);
      expect(again.error).toMatchObject({ code: 'PASSWORD_RESET_TOKEN_INVALID' });
    });

    it('refuses an expired token and one a newer reset replaced, exactly like an unknown one', async () => {
      const user = await t.signIn(Role.SALES_MANAGER);
      const first = (await createPasswordReset({ client: admin.client, path: { id: user.id } })).data!;
      const second = (await createPasswordReset({ client: admin.client, path: { id: user.id } })).data!;
      await t.dataSource.query(
        "UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE used_at IS NULL",
      );
      for (const resetToken of [first.resetToken, second.resetToken, 'not-a-token-at-all']) {
        const { response, error } = await redeemPasswordReset({
          client: t.anonymous,
          body: { resetToken, newPassword: 'never-gets-set-123' },
        });
        expect(response.status).toBe(422);
        expect(error).toMatchObject({ code: 'PASSWORD_RESET_TOKEN_INVALID' });
      }
      expect((await signIn(user.email, user.password)).response.status).toBe(200);
    });

    it('lets only admins issue a reset', async () => {
      const manager = await t.signIn(Role.SALES_MANAGER);
      const { response } = await createPasswordReset({ client: manager.client, path: { id: manager.id } });
      expect(response.status).toBe(403);
    });

    it('issues a reset from the command line too (osm admin reset-password)', async () => {
      const user = await t.signIn(Role.SALES_MANAGER);
      const run = await osmAdmin(config, ['reset-password', '--email', user.email], '');
      expect(run.code).toBe(0);
      const resetToken = run.out.trim().split('\n').pop()!;
      const { response } = await redeemPasswordReset({
        client: t.anonymous,
        body: { resetToken, newPassword: 'set-from-the-cli-token' },
      });
      expect(response.status).toBe(204);
    });
  });

  describe('the embedded PostgreSQL', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'osm-first-start-'));
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    it('is stopped when the service cannot listen (port in use)', async () => {
      const blocker: Server = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const address = blocker.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const dataDir = join(scratch, 'port-in-use', 'pg');
      const serviceConfig: AppConfig = {
        ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
        host: '127.0.0.1',
        port,
        databaseUrl: undefined,
        embeddedPgDataDir: dataDir,
        runMigrations: true,
        demoData: false,
        swaggerEnabled: false,
      };
      try {
        const app = await createApp(serviceConfig);
        expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(true);
        await expect(listenOrClose(app, serviceConfig)).rejects.toThrow(/EADDRINUSE/);
        expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
      } finally {
        blocker.close();
      }
    }, 180_000);

    it('logs the DATABASE_URL another process attaches with', async () => {
      const lines: string[] = [];
      const pg = await startEmbeddedPostgres({
        dataDir: join(scratch, 'attach', 'pg'),
        ephemeral: true,
        log: (line) => lines.push(line),
      });
      try {
        expect(lines).toContainEqual(expect.stringContaining(`DATABASE_URL=${pg.url}`));
      } finally {
        await pg.stop();
      }
    }, 120_000);
  });
});
