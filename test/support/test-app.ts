import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createClient, createConfig } from '../../openapi/sdk/client';
import type { Client } from '../../openapi/sdk/client';
import { createToken } from '../../openapi/sdk';
import { createApp } from '../../src/app.factory';
import { Role } from '../../src/common/auth/role';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { UsersService } from '../../src/modules/auth/users.service';
import { createDatabaseFromTemplate, dropDatabase, withDatabase } from './test-database';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
  /** An SDK client that sends this user's bearer token. */
  client: Client;
}

export interface TestApp {
  app: NestFastifyApplication;
  database: string;
  baseUrl: string;
  dataSource: DataSource;
  /** An SDK client without credentials. */
  anonymous: Client;
  clientWithToken(token: string): Client;
  /** Creates a user through the users service and signs it in through the API. */
  signIn(role: Role, links?: { vendorId?: string; repId?: string }): Promise<TestUser>;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'test-password-123';

/**
 * Boots the whole service on its own fresh database (copied from the migrated template), listening on a
 * random loopback port, and hands out SDK clients: tests talk to it as a partner would.
 */
export interface TestAppOptions {
  /** Run a second instance on the database of this one (replica tests); it does not drop it on close. */
  shareDatabaseWith?: TestApp;
}

export async function startTestApp(
  overrides: Partial<AppConfig> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const serverUrl = process.env.OSM_TEST_SERVER_URL;
  const template = process.env.OSM_TEST_TEMPLATE_DB;
  const runId = process.env.OSM_TEST_RUN_ID;
  if (!serverUrl || !template || !runId) throw new Error('e2e tests need the jest globalSetup (npm test)');

  const shared = options.shareDatabaseWith;
  const database = shared ? shared.database : `osm_t_${runId}_${randomBytes(4).toString('hex')}`;
  if (!shared) await createDatabaseFromTemplate(serverUrl, database, template);

  const config: AppConfig = {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error' }),
    databaseUrl: withDatabase(serverUrl, database),
    databasePoolSize: 5,
    runMigrations: false,
    demoData: false,
    swaggerEnabled: false,
    ...overrides,
  };
  const app = await createApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;

  const clientWithToken = (token: string) => createClient(createConfig({ baseUrl, auth: () => token }));
  const anonymous = createClient(createConfig({ baseUrl }));
  let userCounter = 0;

  return {
    app,
    database,
    baseUrl,
    dataSource: app.get(DataSource),
    anonymous,
    clientWithToken,
    async signIn(role, links = {}) {
      const email = `${role}.${++userCounter}.${randomBytes(3).toString('hex')}@test.osm`;
      const user = await app.get(UsersService).createUser({
        email,
        displayName: `Test ${role} ${userCounter}`,
        password: TEST_PASSWORD,
        role,
        vendorId: links.vendorId,
        repId: links.repId,
      });
      const { data, error } = await createToken({
        client: anonymous,
        body: { grant_type: 'password', username: email, password: TEST_PASSWORD },
      });
      if (!data) throw new Error(`sign-in failed: ${JSON.stringify(error)}`);
      return {
        id: user.id,
        email,
        password: TEST_PASSWORD,
        token: data.access_token,
        client: clientWithToken(data.access_token),
      };
    },
    async close() {
      await app.close();
      if (!shared) await dropDatabase(serverUrl, database);
    },
  };
}
