import {
  changeVendorStatus,
  createApiClient,
  createLeadPool,
  createToken,
  createWebhookSubscription,
  getLead,
  getVendorOffboardingReport,
  getWebhookSubscription,
  listLeadActivities,
  listLeadAssignmentDecisions,
  listLeadPoolLeads,
  listLeads,
  overrideLeadAssignment,
  recordLeadActivity,
  runCheck,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { routingFixtures } from '../support/routing-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

describe('Vendor offboarding and suspension', () => {
  let t: TestApp;
  let admin: TestUser;
  let fx: ReturnType<typeof routingFixtures>;
  let unitId: string;
  let guangdong: string;
  let companyPoolId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    fx = routingFixtures(admin.client);
    unitId = (await fx.salesUnit()).id;
    guangdong = (await fx.leadRegion('CN-GD')).id;
    companyPoolId = (
      await createLeadPool({
        client: admin.client,
        body: {
          name: 'Company pool',
          isDefault: true,
          noFollowUpDays: { key: 30, high: 30, medium: 30, low: 30 },
          holdingCap: 50,
          dailyClaimLimit: 10,
        },
      })
    ).data!.id;
  });
  afterAll(() => t.close());

  const ownedLead = async (repId: string, tags: string[] = []) => {
    const lead = await fx.lead({ regionCode: 'CN-GD', tags });
    const { error } = await overrideLeadAssignment({
      client: admin.client,
      path: { id: lead.id },
      body: { repId, reason: 'Set up' },
    });
    if (error) throw new Error(JSON.stringify(error));
    return lead.id;
  };

  const apiClientOf = async (vendorId: string) => {
    const created = (await createApiClient({ client: admin.client, body: { name: 'Vendor ERP', vendorId } }))
      .data!;
    const token = (
      await createToken({
        client: t.anonymous,
        body: {
          grant_type: 'client_credentials',
          client_id: created.clientId,
          client_secret: created.clientSecret,
        },
      })
    ).data!.access_token;
    return t.clientWithToken(token);
  };

  it('ends the access of the vendor’s manager, reps and API clients at once and returns its leads to the pool with nothing lost', async () => {
    const vendor = await fx.vendorInScope(unitId, { regionIds: [guangdong] });
    const rep = await fx.rep(vendor.id);
    const manager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendor.id });
    const repUser = await t.signIn(Role.REP, { vendorId: vendor.id, repId: rep.id });
    const erp = await apiClientOf(vendor.id);
    const hook = (
      await createWebhookSubscription({
        client: admin.client,
        body: {
          url: 'https://erp.example.com/osm/events',
          eventTypes: ['lead.assigned'],
          vendorId: vendor.id,
        },
      })
    ).data!;
    const first = await ownedLead(rep.id);
    const second = await ownedLead(rep.id);
    const followUpDue = '2027-01-15T09:00:00.000Z';
    const touched = await recordLeadActivity({
      client: repUser.client,
      path: { id: first },
      body: { channel: 'call', content: 'Interested, call back in January', nextFollowUpDue: followUpDue },
    });
    expect(touched.response.status).toBe(201);
    const historyBefore = (await listLeadActivities({ client: admin.client, path: { id: first } })).data!;

    // Signed in and working until the termination...
    expect((await listLeads({ client: manager.client })).data!.data).toHaveLength(2);
    expect((await listLeads({ client: erp })).response.status).toBe(200);

    const terminated = await changeVendorStatus({
      client: admin.client,
      path: { id: vendor.id },
      body: { status: 'terminated', reason: 'Contract breach' },
    });
    expect(terminated.error).toBeUndefined();
    expect(terminated.data!.status).toBe('terminated');

    // ...and not one request after it.
    for (const client of [manager.client, repUser.client, erp]) {
      const next = await listLeads({ client });
      expect(next.response.status).toBe(401);
      expect(next.error).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    // Nor can they sign in again.
    const again = await createToken({
      client: t.anonymous,
      body: { grant_type: 'password', username: manager.email, password: manager.password },
    });
    expect(again.response.status).toBe(401);

    // Both leads are back in the company pool, unowned, with the follow-up and the history kept.
    for (const id of [first, second]) {
      expect((await getLead({ client: admin.client, path: { id } })).data).toMatchObject({
        vendorId: null,
        ownerRepId: null,
        status: 'new',
      });
    }
    expect((await getLead({ client: admin.client, path: { id: first } })).data!.nextFollowUpDue).toBe(
      followUpDue,
    );
    const pooled = (await listLeadPoolLeads({ client: admin.client, path: { id: companyPoolId } })).data!
      .data;
    expect(pooled.filter((row) => [first, second].includes(row.leadId))).toHaveLength(2);
    expect(pooled.find((row) => row.leadId === first)!.lastOwnerRepId).toBe(rep.id);
    const historyAfter = (await listLeadActivities({ client: admin.client, path: { id: first } })).data!;
    expect(historyAfter.data.length).toBe(historyBefore.data.length + 1);
    expect(historyAfter.data.map((entry) => entry.id)).toEqual(
      expect.arrayContaining(historyBefore.data.map((entry) => entry.id)),
    );
    const decisions = (await listLeadAssignmentDecisions({ client: admin.client, path: { id: first } })).data!
      .data;
    expect(decisions.some((d) => d.trigger === 'offboarding' && d.outcome === 'pooled')).toBe(true);

    // Its webhook subscription no longer fires.
    const stopped = (await getWebhookSubscription({ client: admin.client, path: { id: hook.id } })).data!;
    expect(stopped.active).toBe(false);

    // The report lists everything that moved.
    const report = (await getVendorOffboardingReport({ client: admin.client, path: { id: vendor.id } }))
      .data!;
    expect(report).toMatchObject({
      trigger: 'terminated',
      reason: 'Contract breach',
      leadClawbackPolicy: 'return_to_pool',
    });
    const section = (name: string) => report.sections.find((s) => s.name === name)!;
    expect(section('access').counts).toEqual({ users: 2, apiClients: 1 });
    expect(section('reps').counts).toEqual({ deactivated: 1 });
    expect(section('leads').counts).toEqual({
      openLeads: 2,
      rerouted: 0,
      returnedToPool: 2,
      unassigned: 0,
      followUpsMoved: 1,
    });
    expect(
      section('leads')
        .items.map((item) => item.id)
        .sort(),
    ).toEqual([first, second].sort());
    expect(section('webhooks').counts).toEqual({ subscriptionsStopped: 1 });
  });

  it('re-routes the offboarded vendor’s open leads when its agreement’s claw-back policy says so', async () => {
    const leaving = await fx.vendor(unitId);
    await fx.agreement(leaving.id, { regionIds: [guangdong], leadClawbackPolicy: 'reroute' });
    const leavingRep = await fx.rep(leaving.id);
    const staying = await fx.vendorInScope(unitId, { regionIds: [guangdong] });
    const stayingRep = await fx.rep(staying.id);
    await fx.rule({
      name: 'Guangdong re-route',
      filter: { tags: ['t-reroute'] },
      targetKind: 'vendors',
      targetVendorIds: [leaving.id, staying.id],
      strategy: 'best_fit',
    });
    const lead = await ownedLead(leavingRep.id, ['t-reroute']);

    await changeVendorStatus({
      client: admin.client,
      path: { id: leaving.id },
      body: { status: 'terminated', reason: 'Agency closed' },
    });

    const after = (await getLead({ client: admin.client, path: { id: lead } })).data!;
    expect(after).toMatchObject({ vendorId: staying.id, ownerRepId: stayingRep.id });
    const report = (await getVendorOffboardingReport({ client: admin.client, path: { id: leaving.id } }))
      .data!;
    expect(report.leadClawbackPolicy).toBe('reroute');
    expect(report.sections.find((s) => s.name === 'leads')!.counts).toMatchObject({
      openLeads: 1,
      rerouted: 1,
      returnedToPool: 0,
    });
  });

  it('offboards a vendor whose last agreement ended with no successor, from the scheduler', async () => {
    const vendor = await fx.vendor(unitId);
    await fx.agreement(vendor.id, { startsOn: '2025-01-01', endsOn: '2025-12-31', regionIds: [guangdong] });
    const manager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendor.id });
    expect((await listLeads({ client: manager.client })).response.status).toBe(200);

    const run = await runCheck({ client: admin.client, path: { name: 'lapsed_agreements' }, body: {} });
    expect(run.data).toMatchObject({ status: 'succeeded', raised: 1 });

    expect((await listLeads({ client: manager.client })).response.status).toBe(401);
    const report = (await getVendorOffboardingReport({ client: admin.client, path: { id: vendor.id } }))
      .data!;
    expect(report).toMatchObject({
      trigger: 'last_agreement_ended',
      reason: 'Last agreement ended on 2025-12-31 with no successor',
      actorName: 'Scheduler',
    });
  });

  it('makes a suspended vendor read-only and gives it no new leads, until it is reactivated', async () => {
    const vendor = await fx.vendorInScope(unitId, { regionIds: [guangdong] });
    const rep = await fx.rep(vendor.id);
    const repUser = await t.signIn(Role.REP, { vendorId: vendor.id, repId: rep.id });
    const lead = await ownedLead(rep.id);

    await changeVendorStatus({
      client: admin.client,
      path: { id: vendor.id },
      body: { status: 'suspended', reason: 'Audit' },
    });
    // Reading still works; writing does not, and nothing is written.
    expect((await getLead({ client: repUser.client, path: { id: lead } })).response.status).toBe(200);
    const refused = await recordLeadActivity({
      client: repUser.client,
      path: { id: lead },
      body: { channel: 'call', content: 'Tried anyway' },
    });
    expect(refused.response.status).toBe(403);
    expect(refused.error).toMatchObject({ code: 'VENDOR_SUSPENDED' });
    const history = (await listLeadActivities({ client: admin.client, path: { id: lead } })).data!.data;
    expect(history.some((entry) => entry.content === 'Tried anyway')).toBe(false);
    // No new lead goes to it.
    const newLead = await fx.lead({ regionCode: 'CN-GD' });
    const overridden = await overrideLeadAssignment({
      client: admin.client,
      path: { id: newLead.id },
      body: { repId: rep.id, reason: 'Try the suspended vendor' },
    });
    expect(overridden.response.status).toBe(422);
    expect(overridden.error).toMatchObject({ code: 'ROUTING_TARGET_NOT_ROUTABLE' });

    await changeVendorStatus({
      client: admin.client,
      path: { id: vendor.id },
      body: { status: 'active', reason: 'Audit passed' },
    });
    const allowed = await recordLeadActivity({
      client: repUser.client,
      path: { id: lead },
      body: { channel: 'call', content: 'Back at work' },
    });
    expect(allowed.response.status).toBe(201);
  });
});
