import {
  claimPoolLead,
  closeLeadPool,
  createLeadPool,
  getLead,
  listLeadActivities,
  listLeadPoolLeads,
  overrideLeadAssignment,
  reclaimIdleLeads,
  updateLeadPool,
} from '../../openapi/sdk';
import type { CreateLeadPoolDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { must } from '../support/must';
import { routingFixtures } from '../support/routing-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

const DAY = 86_400_000;

describe('Closing a lead pool: its leads move to the default pool, and it takes and gives no more', () => {
  let t: TestApp;
  let admin: TestUser;
  let fx: ReturnType<typeof routingFixtures>;
  let unitId: string;
  let guangdong: string;
  let companyPoolId: string;
  const now = Date.now();
  const at = (days: number) => new Date(now + days * DAY).toISOString();

  const poolBody = (overrides: Partial<CreateLeadPoolDto> = {}): CreateLeadPoolDto => ({
    name: 'Company pool',
    isDefault: true,
    noFollowUpDays: { key: 5, high: 5, medium: 5, low: 5 },
    warnDaysBefore: 0,
    holdingCap: 10,
    dailyClaimLimit: 10,
    cooldownHours: 0,
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    fx = routingFixtures(admin.client);
    unitId = (await fx.salesUnit()).id;
    guangdong = (await fx.leadRegion('CN-GD')).id;
    companyPoolId = must(await createLeadPool({ client: admin.client, body: poolBody() })).id;
  });
  afterAll(() => t.close());

  const ownedLead = async (repId: string) => {
    const lead = await fx.lead({});
    must(
      await overrideLeadAssignment({
        client: admin.client,
        path: { id: lead.id },
        body: { repId, reason: 'Set up' },
      }),
    );
    return lead.id;
  };
  const reclaim = async (asOf: string) =>
    must(await reclaimIdleLeads({ client: admin.client, body: { asOf } })).leadIds;

  /** A vendor with one rep and its own pool (no progress in 3 days: back to the pool), two leads in it. */
  const vendorPoolWithTwoLeads = async () => {
    const vendor = await fx.vendorInScope(unitId, { regionIds: [guangdong] });
    const rep = (await fx.rep(vendor.id)).id;
    const manager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendor.id });
    const pool = must(
      await createLeadPool({
        client: manager.client,
        body: poolBody({
          name: 'Vendor pool',
          isDefault: false,
          vendorId: vendor.id,
          noFollowUpDays: { key: 30, high: 30, medium: 30, low: 30 },
          noProgressDays: { key: 3, high: 3, medium: 3, low: 3 },
        }),
      }),
    );
    const leads = [await ownedLead(rep), await ownedLead(rep)];
    expect(await reclaim(at(4))).toEqual(expect.arrayContaining(leads));
    return { vendor, rep, manager, pool, leads };
  };

  it('moves the waiting leads of a closed pool to the default company pool, each with a history entry', async () => {
    const { manager, pool, leads } = await vendorPoolWithTwoLeads();
    const { data: closed, response } = await closeLeadPool({
      client: manager.client,
      path: { id: pool.id },
      headers: { 'If-Match': `"${pool.version}"` },
    });
    expect(response.status).toBe(200);
    expect(closed!.closedAt).not.toBeNull();
    expect(closed!.version).toBe(pool.version + 1);

    const inCompanyPool = must(
      await listLeadPoolLeads({ client: admin.client, path: { id: companyPoolId }, query: { limit: 200 } }),
    ).data.map((lead) => lead.leadId);
    expect(inCompanyPool).toEqual(expect.arrayContaining(leads));
    for (const id of leads) {
      expect(must(await getLead({ client: admin.client, path: { id } }))).toMatchObject({
        vendorId: null,
        ownerRepId: null,
      });
      const history = must(await listLeadActivities({ client: admin.client, path: { id } })).data;
      expect(history.find((a) => a.details?.closedPoolId === pool.id)?.details).toMatchObject({
        poolId: companyPoolId,
      });
    }
  });

  it('a closed pool takes no claims and no edits, and cannot be closed twice (409 POOL_CLOSED)', async () => {
    const { rep, vendor, manager, pool, leads } = await vendorPoolWithTwoLeads();
    must(await closeLeadPool({ client: manager.client, path: { id: pool.id } }));
    const repUser = await t.signIn(Role.REP, { vendorId: vendor.id, repId: rep });
    const claim = await claimPoolLead({ client: repUser.client, path: { id: pool.id, leadId: leads[0] } });
    expect(claim.response.status).toBe(409);
    expect(claim.error).toMatchObject({ code: 'POOL_CLOSED' });
    const edit = await updateLeadPool({
      client: manager.client,
      path: { id: pool.id },
      body: { holdingCap: 5 },
    });
    expect(edit.error).toMatchObject({ code: 'POOL_CLOSED' });
    const again = await closeLeadPool({ client: manager.client, path: { id: pool.id } });
    expect(again.response.status).toBe(409);
    expect(again.error).toMatchObject({ code: 'POOL_CLOSED' });
  });

  it('after its pool is closed, a vendor’s idle leads are reclaimed into the default company pool', async () => {
    const { rep, manager, pool } = await vendorPoolWithTwoLeads();
    must(await closeLeadPool({ client: manager.client, path: { id: pool.id } }));
    const lead = await ownedLead(rep);
    // The company pool's window: no follow-up in 5 days.
    expect(await reclaim(at(4))).not.toContain(lead);
    expect(await reclaim(at(6))).toContain(lead);
    const history = must(await listLeadActivities({ client: admin.client, path: { id: lead } })).data;
    expect(history.find((a) => a.kind === 'reclaim')?.details).toMatchObject({ poolId: companyPoolId });
  });

  it('refuses to close the default pool (409 POOL_IS_DEFAULT) and a stale If-Match (412), changing nothing', async () => {
    const isDefault = await closeLeadPool({ client: admin.client, path: { id: companyPoolId } });
    expect(isDefault.response.status).toBe(409);
    expect(isDefault.error).toMatchObject({ code: 'POOL_IS_DEFAULT' });
    const { pool, manager } = await vendorPoolWithTwoLeads();
    const stale = await closeLeadPool({
      client: manager.client,
      path: { id: pool.id },
      headers: { 'If-Match': `"${pool.version + 7}"` },
    });
    expect(stale.response.status).toBe(412);
    const other = await t.signIn(Role.VENDOR_MANAGER, {
      vendorId: (await fx.vendorInScope(unitId, { regionIds: [guangdong] })).id,
    });
    const foreign = await closeLeadPool({ client: other.client, path: { id: pool.id } });
    expect(foreign.response.status).toBe(404);
  });
});
