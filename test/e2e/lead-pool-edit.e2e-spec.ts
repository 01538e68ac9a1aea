import { randomUUID } from 'node:crypto';
import { createLeadPool, getLeadPool, listLeadPools, updateLeadPool } from '../../openapi/sdk';
import type { CreateLeadPoolDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

describe('Lead pools are edited in place with If-Match, and listed page by page', () => {
  let t: TestApp;
  let admin: TestUser;
  const vendorId = randomUUID();
  let vendorManager: TestUser;

  const poolBody = (overrides: Partial<CreateLeadPoolDto> = {}): CreateLeadPoolDto => ({
    name: `Pool ${randomUUID().slice(0, 6)}`,
    noFollowUpDays: { key: 2, high: 5, medium: 7, low: 10 },
    noProgressDays: { key: 10, high: 20, medium: 30, low: 40 },
    warnDaysBefore: 1,
    holdingCap: 30,
    dailyClaimLimit: 5,
    cooldownHours: 48,
    ...overrides,
  });
  const newPool = async (client = admin.client, overrides: Partial<CreateLeadPoolDto> = {}) => {
    const { data, error } = await createLeadPool({ client, body: poolBody(overrides) });
    if (!data) throw new Error(JSON.stringify(error));
    return data;
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    vendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId });
  });
  afterAll(() => t.close());

  it('changes the fields given, keeps the rest, and answers the next version', async () => {
    const pool = await newPool();
    const { data, response } = await updateLeadPool({
      client: admin.client,
      path: { id: pool.id },
      headers: { 'If-Match': `"${pool.version}"` },
      body: { holdingCap: 40, noFollowUpDays: { key: 1, high: 3, medium: 5, low: 7 }, noProgressDays: null },
    });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({
      id: pool.id,
      name: pool.name,
      holdingCap: 40,
      dailyClaimLimit: 5,
      cooldownHours: 48,
      noFollowUpDays: { key: 1, high: 3, medium: 5, low: 7 },
      noProgressDays: null,
      version: pool.version + 1,
    });
  });

  it('refuses a stale If-Match with 412 and changes nothing', async () => {
    const pool = await newPool();
    await updateLeadPool({ client: admin.client, path: { id: pool.id }, body: { cooldownHours: 12 } });
    const stale = await updateLeadPool({
      client: admin.client,
      path: { id: pool.id },
      headers: { 'If-Match': `"${pool.version}"` },
      body: { cooldownHours: 0 },
    });
    expect(stale.response.status).toBe(412);
    expect((await getLeadPool({ client: admin.client, path: { id: pool.id } })).data!.cooldownHours).toBe(12);
  });

  it('moves the default to another company pool; the default itself cannot be unset', async () => {
    const first = await newPool(admin.client, { isDefault: true });
    const second = await newPool();
    const unset = await updateLeadPool({
      client: admin.client,
      path: { id: first.id },
      body: { isDefault: false },
    });
    expect(unset.response.status).toBe(400);
    const moved = await updateLeadPool({
      client: admin.client,
      path: { id: second.id },
      body: { isDefault: true },
    });
    expect(moved.data!.isDefault).toBe(true);
    expect((await getLeadPool({ client: admin.client, path: { id: first.id } })).data!.isDefault).toBe(false);
  });

  it('a vendor manager edits its vendor’s pool, not a company pool (403) nor another vendor’s (404)', async () => {
    const own = await newPool(vendorManager.client, { vendorId });
    const company = await newPool();
    const foreign = await newPool(admin.client, { vendorId: randomUUID() });
    const ok = await updateLeadPool({
      client: vendorManager.client,
      path: { id: own.id },
      body: { holdingCap: 9 },
    });
    expect(ok.data!.holdingCap).toBe(9);
    const onCompany = await updateLeadPool({
      client: vendorManager.client,
      path: { id: company.id },
      body: { holdingCap: 9 },
    });
    expect(onCompany.response.status).toBe(403);
    const onForeign = await updateLeadPool({
      client: vendorManager.client,
      path: { id: foreign.id },
      body: { holdingCap: 9 },
    });
    expect(onForeign.response.status).toBe(404);
  });

  it('refuses null for a window that cannot be empty', async () => {
    const pool = await newPool();
    const { response } = await updateLeadPool({
      client: admin.client,
      path: { id: pool.id },
      body: { noFollowUpDays: null as never },
    });
    expect(response.status).toBe(400);
  });

  it('lists pools by name, page by page', async () => {
    const whole = (await listLeadPools({ client: admin.client, query: { limit: 200 } })).data!.data;
    expect(whole.length).toBeGreaterThan(3);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await listLeadPools({ client: admin.client, query: { limit: 2, cursor } })).data!;
      paged.push(...page.data.map((pool) => pool.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(whole.map((pool) => pool.id));
  });
});
