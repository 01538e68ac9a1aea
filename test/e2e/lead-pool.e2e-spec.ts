import {
  changeLeadStatus,
  claimPoolLead,
  createLead,
  createLeadPool,
  distributePoolLeads,
  getLead,
  listAlerts,
  runCheck,
  listLeadActivities,
  listLeadAssignmentDecisions,
  listAuditLog,
  listLeadPoolLeads,
  listLeadPools,
  overrideLeadAssignment,
  recordLeadActivity,
  reclaimIdleLeads,
  reviveLeads,
  setKeyLead,
  warnBeforeReclaim,
} from '../../openapi/sdk';
import type { CreateLeadPoolDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { routingFixtures } from '../support/routing-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

const DAY = 86_400_000;

describe('Lead pool: tiered reclaim, warnings, claims, cool-down, limits, distribution and revival', () => {
  let t: TestApp;
  let admin: TestUser;
  let fx: ReturnType<typeof routingFixtures>;
  let unitId: string;
  let guangdong: string;
  let vendorId: string;
  let owner: string;
  let companyPoolId: string;
  const now = Date.now();
  const at = (days: number) => new Date(now + days * DAY).toISOString();

  const poolBody = (overrides: Partial<CreateLeadPoolDto> = {}): CreateLeadPoolDto => ({
    name: 'Company pool',
    isDefault: true,
    noFollowUpDays: { key: 2, high: 5, medium: 5, low: 5 },
    warnDaysBefore: 1,
    holdingCap: 3,
    dailyClaimLimit: 2,
    cooldownHours: 48,
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    fx = routingFixtures(admin.client);
    unitId = (await fx.salesUnit()).id;
    guangdong = (await fx.leadRegion('CN-GD')).id;
    vendorId = (await fx.vendorInScope(unitId, { regionIds: [guangdong] })).id;
    owner = (await fx.rep(vendorId)).id;
    companyPoolId = (await createLeadPool({ client: admin.client, body: poolBody() })).data!.id;
  });
  afterAll(() => t.close());

  const ownedLead = async (repId = owner, overrides = {}) => {
    const lead = await fx.lead(overrides);
    const { error } = await overrideLeadAssignment({
      client: admin.client,
      path: { id: lead.id },
      body: { repId, reason: 'Set up' },
    });
    if (error) throw new Error(JSON.stringify(error));
    return lead.id;
  };
  const reclaim = async (asOf: string) =>
    (await reclaimIdleLeads({ client: admin.client, body: { asOf } })).data!.leadIds;
  const repUser = (repId: string, vendor = vendorId) => t.signIn(Role.REP, { vendorId: vendor, repId });

  it('runs reclaim from the scheduler: a warning alert to the owner first, then the lead back in the pool', async () => {
    const lead = await ownedLead();
    await setKeyLead({
      client: admin.client,
      path: { id: lead },
      body: { keyLead: true, reason: 'Scheduler run' },
    });
    const warn = await runCheck({
      client: admin.client,
      path: { name: 'pool_reclaim' },
      body: { asOf: at(1.5) },
    });
    expect(warn.data).toMatchObject({ status: 'succeeded', raised: 1 });
    const [alert] = (
      await listAlerts({ client: admin.client, query: { type: 'lead_reclaim_warning', subjectId: lead } })
    ).data!.data;
    expect(alert).toMatchObject({ status: 'open', repId: owner, level: 'rep' });

    const reclaimRun = await runCheck({
      client: admin.client,
      path: { name: 'pool_reclaim' },
      body: { asOf: at(2.5) },
    });
    expect(reclaimRun.data!.status).toBe('succeeded');
    expect((await getLead({ client: admin.client, path: { id: lead } })).data).toMatchObject({
      ownerRepId: null,
    });
  });

  it('reclaims key leads on their shorter window, warns the owner first, and counts recoveries', async () => {
    const key = await ownedLead();
    const plain = await ownedLead();
    await setKeyLead({
      client: admin.client,
      path: { id: key },
      body: { keyLead: true, reason: 'Big account' },
    });

    const { data: warned } = await warnBeforeReclaim({ client: admin.client, body: { asOf: at(1.5) } });
    expect(warned!.warnings.map((w) => w.leadId)).toEqual([key]);
    expect(warned!.warnings[0].ownerRepId).toBe(owner);
    // A warning is given once per ownership.
    const again = await warnBeforeReclaim({ client: admin.client, body: { asOf: at(1.6) } });
    expect(again.data!.warnings).toEqual([]);

    const first = await reclaim(at(2.5));
    expect(first).toContain(key);
    expect(first).not.toContain(plain);
    expect((await getLead({ client: admin.client, path: { id: key } })).data).toMatchObject({
      ownerRepId: null,
      vendorId: null,
      status: 'new',
    });
    const { data: pooled } = await listLeadPoolLeads({ client: admin.client, path: { id: companyPoolId } });
    expect(pooled!.data.find((row) => row.leadId === key)).toMatchObject({
      recoveryCount: 1,
      lastOwnerRepId: owner,
    });
    const { data: history } = await listLeadActivities({ client: admin.client, path: { id: key } });
    expect(history!.data.map((a) => a.kind)).toEqual(expect.arrayContaining(['reclaim', 'reclaim_warning']));
    const events: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM webhook_events WHERE event_type = 'lead.reclaimed' AND payload->>'leadId' = $1`,
      [key],
    );
    expect(events[0].n).toBe(1);

    expect(await reclaim(at(5.5))).toContain(plain);

    // Claimed by another rep and left idle again, the recovery counter goes up.
    const other = await repUser((await fx.rep(vendorId)).id);
    const claimed = await claimPoolLead({ client: other.client, path: { id: companyPoolId, leadId: key } });
    expect(claimed.error).toBeUndefined();
    expect(await reclaim(at(3))).toContain(key);
    const { data: later } = await listLeadPoolLeads({ client: admin.client, path: { id: companyPoolId } });
    expect(later!.data.find((row) => row.leadId === key)?.recoveryCount).toBe(2);
  });

  it('reclaims into the vendor’s own pool when a lead makes no status progress in time', async () => {
    const vendor = await fx.vendorInScope(unitId, { regionIds: [guangdong] });
    const rep = (await fx.rep(vendor.id)).id;
    const manager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendor.id });
    const { data: pool } = await createLeadPool({
      client: manager.client,
      body: poolBody({
        name: 'Vendor pool',
        isDefault: false,
        vendorId: vendor.id,
        noFollowUpDays: { key: 30, high: 30, medium: 30, low: 30 },
        noProgressDays: { key: 3, high: 3, medium: 3, low: 3 },
        cooldownHours: 0,
      }),
    });
    const lead = await ownedLead(rep);
    expect(await reclaim(at(2))).not.toContain(lead);
    expect(await reclaim(at(4))).toContain(lead);
    expect((await getLead({ client: admin.client, path: { id: lead } })).data).toMatchObject({
      vendorId: vendor.id,
      ownerRepId: null,
    });
    const { data: history } = await listLeadActivities({ client: admin.client, path: { id: lead } });
    expect(history!.data.find((a) => a.kind === 'reclaim')?.details).toMatchObject({
      cause: 'no_progress',
      poolId: pool!.id,
    });
    // No cool-down in this pool: the previous owner may take it straight back.
    const previous = await repUser(rep, vendor.id);
    const back = await claimPoolLead({ client: previous.client, path: { id: pool!.id, leadId: lead } });
    expect(back.error).toBeUndefined();
    const { data: log } = await listLeadAssignmentDecisions({ client: admin.client, path: { id: lead } });
    expect(log!.data.map((d) => d.trigger).slice(0, 2)).toEqual(['claim', 'reclaim']);
  });

  it('keeps the previous owner from claiming a reclaimed lead during the cool-down', async () => {
    const lead = await ownedLead();
    expect(await reclaim(at(6))).toContain(lead);
    const previous = await repUser(owner);
    const { response, error } = await claimPoolLead({
      client: previous.client,
      path: { id: companyPoolId, leadId: lead },
    });
    expect(response.status).toBe(409);
    expect(error).toMatchObject({ code: 'POOL_CLAIM_COOLDOWN' });
    const other = await repUser((await fx.rep(vendorId)).id);
    const taken = await claimPoolLead({ client: other.client, path: { id: companyPoolId, leadId: lead } });
    expect(taken.data).toMatchObject({ leadIds: [lead] });
    expect((await getLead({ client: admin.client, path: { id: lead } })).data).toMatchObject({
      status: 'assigned',
      vendorId,
    });
  });

  it('limits claims per day and the leads a rep may hold', async () => {
    const leads = [await ownedLead(), await ownedLead(), await ownedLead()];
    const reclaimed = await reclaim(at(6));
    for (const lead of leads) expect(reclaimed).toContain(lead);
    const claimer = await repUser((await fx.rep(vendorId)).id);
    for (const lead of leads.slice(0, 2))
      expect(
        (await claimPoolLead({ client: claimer.client, path: { id: companyPoolId, leadId: lead } })).error,
      ).toBeUndefined();
    const third = await claimPoolLead({
      client: claimer.client,
      path: { id: companyPoolId, leadId: leads[2] },
    });
    expect(third.error).toMatchObject({ code: 'POOL_CLAIM_LIMIT_REACHED' });

    const holder = (await fx.rep(vendorId)).id;
    for (let i = 0; i < 3; i++) await ownedLead(holder);
    const holderUser = await repUser(holder);
    const capped = await claimPoolLead({
      client: holderUser.client,
      path: { id: companyPoolId, leadId: leads[2] },
    });
    expect(capped.error).toMatchObject({ code: 'POOL_HOLDING_CAP_REACHED' });
    expect((await getLead({ client: admin.client, path: { id: leads[2] } })).data!.ownerRepId).toBeNull();
  });

  it('scopes pools: reps see company pools and their vendor’s, vendor managers distribute only their own', async () => {
    const vendorA = await fx.vendorInScope(unitId, { regionIds: [guangdong] });
    const vendorB = await fx.vendorInScope(unitId, { regionIds: [guangdong] });
    const repA = (await fx.rep(vendorA.id)).id;
    const repB = (await fx.rep(vendorB.id)).id;
    const managerA = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendorA.id });
    const { data: poolA } = await createLeadPool({
      client: managerA.client,
      body: poolBody({ name: 'A pool', isDefault: false, vendorId: vendorA.id }),
    });
    const foreignPool = await createLeadPool({
      client: managerA.client,
      body: poolBody({ name: 'B pool', isDefault: false, vendorId: vendorB.id }),
    });
    expect(foreignPool.response.status).toBe(403);
    const repBUser = await repUser(repB, vendorB.id);
    const visible = (await listLeadPools({ client: repBUser.client })).data!.data.map((pool) => pool.id);
    expect(visible).toContain(companyPoolId);
    expect(visible).not.toContain(poolA!.id);
    expect(
      (await listLeadPoolLeads({ client: repBUser.client, path: { id: poolA!.id } })).response.status,
    ).toBe(404);

    const lead = await ownedLead(repA);
    expect(await reclaim(at(6))).toContain(lead);
    const toForeignRep = await distributePoolLeads({
      client: managerA.client,
      path: { id: poolA!.id },
      body: { leadIds: [lead], repId: repB },
    });
    expect(toForeignRep.response.status).toBe(404);
    const fromCompanyPool = await distributePoolLeads({
      client: managerA.client,
      path: { id: companyPoolId },
      body: { leadIds: [lead], repId: repA },
    });
    expect(fromCompanyPool.response.status).toBe(403);
    const { data, error } = await distributePoolLeads({
      client: managerA.client,
      path: { id: poolA!.id },
      body: { leadIds: [lead], repId: repA },
    });
    expect(error).toBeUndefined();
    expect(data).toEqual({ leadIds: [lead], repId: repA });
    const notInPool = await distributePoolLeads({
      client: managerA.client,
      path: { id: poolA!.id },
      body: { leadIds: [lead], repId: repA },
    });
    expect(notInPool.error).toMatchObject({ code: 'LEAD_NOT_IN_POOL' });
    const byManager = await claimPoolLead({ client: managerA.client, path: { id: poolA!.id, leadId: lead } });
    expect(byManager.response.status).toBe(403);
    const badPool = await createLeadPool({
      client: admin.client,
      body: { ...poolBody(), noFollowUpDays: { key: 2 } } as CreateLeadPoolDto,
    });
    expect(badPool.response.status).toBe(400);
  });

  it('revives a share of lost and silent leads through best-fit routing, and records the revival', async () => {
    const vendor = await fx.vendorInScope(unitId, { regionIds: [guangdong] });
    const fit = (await fx.rep(vendor.id, { grade: 'C', tags: ['t-revive'] })).id;
    await fx.rep(vendor.id, { grade: 'A', capacity: 0 });
    await fx.rule({
      name: 'revival',
      filter: { tags: ['t-revive'] },
      targetKind: 'vendor',
      targetVendorIds: [vendor.id],
      strategy: 'round_robin',
    });
    const lost: string[] = [];
    for (let i = 0; i < 4; i++) {
      const id = await ownedLead(owner, { tags: ['t-revive'] });
      const { error } = await changeLeadStatus({
        client: admin.client,
        path: { id },
        body: { status: 'lost', lostReason: { reason: 'no_budget', noChance: i === 3 } },
      });
      expect(error).toBeUndefined();
      lost.push(id);
    }
    // Three lost leads with a chance; half of them (rounded up) come back.
    const { data } = await reviveLeads({ client: admin.client, body: { asOf: at(1), sharePercent: 50 } });
    expect(data).toMatchObject({ candidates: 3, revived: 2, assigned: 2 });
    expect(data!.leadIds.every((id) => lost.slice(0, 3).includes(id))).toBe(true);
    for (const id of data!.leadIds) {
      expect((await getLead({ client: admin.client, path: { id } })).data).toMatchObject({
        status: 'assigned',
        ownerRepId: fit,
      });
      const { data: history } = await listLeadActivities({ client: admin.client, path: { id } });
      expect(history!.data.map((a) => a.kind)).toContain('revival');
      const { data: log } = await listLeadAssignmentDecisions({ client: admin.client, path: { id } });
      expect(log!.data[0]).toMatchObject({ trigger: 'revival', strategy: 'best_fit' });
    }
    // Revived leads wait a silence window before the next revival; the no-chance lead never comes back.
    const next = await reviveLeads({ client: admin.client, body: { asOf: at(2), sharePercent: 100 } });
    expect(next.data).toMatchObject({ candidates: 1, revived: 1 });
    expect((await getLead({ client: admin.client, path: { id: lost[3] } })).data!.status).toBe('lost');

    // Silent open leads count too once nobody touched them for the window.
    const silent = await ownedLead(owner, { tags: ['t-revive'] });
    const later = await reviveLeads({
      client: admin.client,
      body: { asOf: at(45), silentDays: 30, sharePercent: 100 },
    });
    expect(later.data!.leadIds).toContain(silent);
  });

  it('masks a pooled lead’s contact for a rep of another vendor and shows it to company-wide callers, recording only the unmasked read', async () => {
    const lead = await ownedLead(owner, {
      contacts: [{ name: '王小明', phone: '+86 138 1234 5678', email: 'wang.xm@example.cn' }],
    });
    await reclaim(at(30));
    const outsiderVendor = await fx.vendorInScope(unitId, { regionIds: [guangdong] });
    const outsider = await repUser((await fx.rep(outsiderVendor.id)).id, outsiderVendor.id);
    const seenByRep = (await listLeadPoolLeads({ client: outsider.client, path: { id: companyPoolId } }))
      .data!.data;
    expect(seenByRep.find((row) => row.leadId === lead)!.contact).toEqual({
      name: '王**',
      phone: '+86138****5678',
      email: 'w***@example.cn',
    });
    const seenByAdmin = (await listLeadPoolLeads({ client: admin.client, path: { id: companyPoolId } })).data!
      .data;
    expect(seenByAdmin.find((row) => row.leadId === lead)!.contact).toMatchObject({
      phone: '+8613812345678',
    });

    // Reading the pool's unmasked contacts is recorded; seeing them masked is not a read.
    const reads = async (actorId: string) =>
      (
        await listAuditLog({
          client: admin.client,
          query: { entityType: 'lead', entityId: lead, action: 'contacts_read', limit: 200 },
        })
      ).data!.data.filter((entry) => entry.actorSubjectId === actorId);
    expect(await reads(outsider.id)).toEqual([]);
    const before = (await reads(admin.id)).length;
    await listLeadPoolLeads({
      client: admin.client,
      path: { id: companyPoolId },
      query: { purpose: 'data_quality' },
    });
    const after = await reads(admin.id);
    expect(after).toHaveLength(before + 1);
    expect(after[after.length - 1]).toMatchObject({ reason: 'data_quality' });
    expect(after[after.length - 1].entityIds).toEqual(
      seenByAdmin.filter((row) => row.contact !== null).map((row) => row.leadId),
    );
  });

  it('never lets a vendor manager’s pool displace the company’s default pool', async () => {
    const manager = await t.signIn(Role.VENDOR_MANAGER, { vendorId });
    const own = await createLeadPool({
      client: manager.client,
      body: poolBody({ name: 'Vendor pool', isDefault: true, vendorId }),
    });
    expect(own.response.status).toBe(201);
    expect(own.data!.isDefault).toBe(false);
    const pools = (await listLeadPools({ client: admin.client })).data!.data;
    expect(pools.find((pool) => pool.id === companyPoolId)!.isDefault).toBe(true);
  });

  it('only the owner team’s touch holds a lead back from the pool: a company note or a duplicate intake does not', async () => {
    const noted = await ownedLead(owner, { companyName: '广州备注测试有限公司' });
    const worked = await ownedLead();
    for (const lead of [noted, worked]) {
      await setKeyLead({
        client: admin.client,
        path: { id: lead },
        body: { keyLead: true, reason: 'Touch rule' },
      });
      // Taken in and owned three days ago: past the key window of two days.
      await t.dataSource.query(
        `UPDATE lead_pool_states SET owned_since = now() - interval '3 days' WHERE lead_id = $1`,
        [lead],
      );
      await t.dataSource.query(`UPDATE leads SET created_at = now() - interval '3 days' WHERE id = $1`, [
        lead,
      ]);
    }
    // Today the sales team's admin notes one lead and the same company is taken in again …
    expect(
      (
        await recordLeadActivity({
          client: admin.client,
          path: { id: noted },
          body: { channel: 'message', content: 'Asked for a callback' },
        })
      ).response.status,
    ).toBe(201);
    const duplicate = await createLead({
      client: admin.client,
      body: { companyName: '广州备注测试有限公司', source: 'web_form' },
    });
    expect(duplicate.error).toMatchObject({ code: 'LEAD_DUPLICATE' });
    // … while the owner rep calls the other one.
    const rep = await repUser(owner);
    await recordLeadActivity({
      client: rep.client,
      path: { id: worked },
      body: { channel: 'call', content: 'Talked to the buyer' },
    });

    const reclaimed = await reclaim(at(0.5));
    expect(reclaimed).toContain(noted);
    expect(reclaimed).not.toContain(worked);
  });
});
