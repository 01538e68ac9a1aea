import { createApiClient, createRep, createToken } from '../../openapi/sdk';
import type { CreateCallReportDto, CreateRepDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { TestApp, TestUser } from './test-app';
import { vendorFixtures } from './vendor-fixtures';

export interface CallReportWorld {
  manager: TestUser;
  admin: TestUser;
  /** Vendor A: China, agreement defaults 8 calls a day, 40 a week. */
  vendorA: string;
  /** Vendor B: Hungary, no agreement quotas. */
  vendorB: string;
  /** Rep of A with its own quota of 10 calls a day. */
  repA1: string;
  /** Rep of A on the agreement defaults. */
  repA2: string;
  repB1: string;
  repA1User: TestUser;
  vendorManagerA: TestUser;
  /** An integration client bound to vendor A. */
  integrationA: TestUser;
  newRep(vendorId: string, overrides?: Partial<CreateRepDto>): Promise<string>;
}

/** Two vendors in two markets with reps, and one caller of every role, all made through the API. */
export async function callReportWorld(t: TestApp): Promise<CallReportWorld> {
  const admin = await t.signIn(Role.ADMIN);
  const manager = await t.signIn(Role.SALES_MANAGER);
  const fx = vendorFixtures(manager.client);
  const unit = await fx.salesUnit();
  const vendorA = (await fx.vendor(unit.id, { countryCode: 'CN', timezone: 'Asia/Shanghai' })).id;
  await fx.agreement(vendorA, {
    defaultDailyCallQuota: 8,
    defaultWeeklyCallQuota: 40,
    defaultDailyVisitQuota: 1,
    defaultWeeklyVisitQuota: 4,
  });
  const vendorB = (await fx.vendor(unit.id, { countryCode: 'HU', timezone: 'Europe/Budapest' })).id;

  const newRep = async (vendorId: string, overrides: Partial<CreateRepDto> = {}) => {
    const { data, error } = await createRep({
      client: manager.client,
      body: {
        vendorId,
        fullName: `Rep ${Math.random().toString(36).slice(2, 7)}`,
        grade: 'B',
        capacity: 20,
        timezone: vendorId === vendorB ? 'Europe/Budapest' : 'Asia/Shanghai',
        ...overrides,
      },
    });
    if (!data) throw new Error(`rep fixture failed: ${JSON.stringify(error)}`);
    return data.id;
  };
  const repA1 = await newRep(vendorA, { dailyCallQuota: 10 });
  const repA2 = await newRep(vendorA);
  const repB1 = await newRep(vendorB);

  const { data: client } = await createApiClient({
    client: admin.client,
    body: { name: 'Vendor A telephony', vendorId: vendorA },
  });
  const { data: token } = await createToken({
    client: t.anonymous,
    body: {
      grant_type: 'client_credentials',
      client_id: client!.clientId,
      client_secret: client!.clientSecret,
    },
  });
  const integrationA: TestUser = {
    id: client!.id,
    email: '',
    password: '',
    token: token!.access_token,
    client: t.clientWithToken(token!.access_token),
  };

  return {
    admin,
    manager,
    vendorA,
    vendorB,
    repA1,
    repA2,
    repB1,
    repA1User: await t.signIn(Role.REP, { vendorId: vendorA, repId: repA1 }),
    vendorManagerA: await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendorA }),
    integrationA,
    newRep,
  };
}

/** A plain call an hour ago unless told otherwise. */
export function aCall(overrides: Partial<CreateCallReportDto> = {}): CreateCallReportDto {
  return {
    occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    type: 'call',
    durationSeconds: 240,
    outcome: 'connected',
    ...overrides,
  };
}

export async function countCallReports(t: TestApp): Promise<number> {
  const [row] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM call_reports');
  return row.n;
}
