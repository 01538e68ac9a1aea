import {
  assignLead,
  autoAssignLeads,
  createLeadPool,
  getLead,
  listLeadPoolLeads,
  replaceAssignmentRule,
  updateRoutingSettings,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { routingFixtures } from '../support/routing-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

describe('Lead routing defaults: the default rule and pool targets', () => {
  let t: TestApp;
  let admin: TestUser;
  let fx: ReturnType<typeof routingFixtures>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    fx = routingFixtures(admin.client);
  });
  afterAll(() => t.close());

  it('uses the default rule when no rule matches or the matching rule finds nobody eligible', async () => {
    const unitId = (await fx.salesUnit()).id;
    const guangdong = (await fx.leadRegion('CN-GD')).id;
    const team = await fx.vendorInScope(unitId, { regionIds: [guangdong] }, 'internal_team');
    const agency = await fx.vendorInScope(unitId, { regionIds: [guangdong] });
    const teamRep = (await fx.rep(team.id)).id;
    const fullRep = (await fx.rep(agency.id, { capacity: 0 })).id;
    const unassigned = await fx.lead();
    const none = await assignLead({ client: admin.client, path: { id: unassigned.id } });
    expect(none.data).toMatchObject({
      outcome: 'unassigned',
      explanation: expect.stringContaining('no default rule'),
    });

    await fx.rule({
      name: 'retail to the agency',
      filter: { industryCodes: ['retail'] },
      targetKind: 'vendor',
      targetVendorIds: [agency.id],
      strategy: 'best_fit',
    });
    const fallback = await fx.rule({
      name: 'in-house team',
      isDefault: true,
      targetKind: 'internal_team',
      targetVendorIds: [team.id],
      strategy: 'round_robin',
    });
    const unmatched = await assignLead({ client: admin.client, path: { id: unassigned.id } });
    expect(unmatched.data).toMatchObject({
      ruleId: fallback.id,
      chosenRepId: teamRep,
      chosenVendorId: team.id,
    });

    // The retail rule matches, but its only rep is full: the default catches it, and both rules' exclusions are kept.
    const retail = await fx.lead({ industryCode: 'retail' });
    const { data } = await assignLead({ client: admin.client, path: { id: retail.id } });
    expect(data).toMatchObject({ ruleId: fallback.id, chosenRepId: teamRep });
    expect(data!.explanation).toContain('retail to the agency');
    expect(data!.excluded).toEqual([{ repId: fullRep, vendorId: agency.id, reasons: ['at_capacity'] }]);

    // A rule can send leads to a pool instead of a rep.
    const { data: pool } = await createLeadPool({
      client: admin.client,
      body: {
        name: 'Parking',
        noFollowUpDays: { key: 3, high: 5, medium: 10, low: 20 },
        holdingCap: 10,
        dailyClaimLimit: 5,
      },
    });
    const { response } = await replaceAssignmentRule({
      client: admin.client,
      path: { id: fallback.id },
      headers: { 'If-Match': `"${fallback.version}"` },
      body: {
        name: 'park the rest',
        isDefault: true,
        targetKind: 'pool',
        targetPoolId: pool!.id,
        strategy: 'best_fit',
      },
    });
    expect(response.status).toBe(200);
    const parked = await fx.lead();
    const { data: summary } = await autoAssignLeads({ client: admin.client, body: {} });
    expect(summary).toMatchObject({ pooled: 1, assigned: 0 });
    const { data: waiting } = await listLeadPoolLeads({ client: admin.client, path: { id: pool!.id } });
    expect(waiting!.data.map((row) => row.leadId)).toEqual([parked.id]);
    expect((await getLead({ client: admin.client, path: { id: parked.id } })).data!.ownerRepId).toBeNull();
    const stale = await replaceAssignmentRule({
      client: admin.client,
      path: { id: fallback.id },
      headers: { 'If-Match': `"${fallback.version}"` },
      body: { name: 'stale', targetKind: 'pool', targetPoolId: pool!.id, strategy: 'best_fit' },
    });
    expect(stale.response.status).toBe(412);
  });

  it('routes leads on intake once automatic assignment is switched on', async () => {
    const unitId = (await fx.salesUnit()).id;
    const region = (await fx.leadRegion('CN-ZJ')).id;
    const vendor = await fx.vendorInScope(unitId, { regionIds: [region] });
    const rep = (await fx.rep(vendor.id)).id;
    await fx.rule({
      name: 'intake',
      filter: { regionCodes: ['CN-ZJ'] },
      position: 0,
      targetKind: 'vendor',
      targetVendorIds: [vendor.id],
      strategy: 'least_loaded',
    });
    const before = await fx.lead({ regionCode: 'CN-ZJ' });
    expect(before.ownerRepId).toBeNull();
    const { data: settings } = await updateRoutingSettings({
      client: admin.client,
      body: { autoAssignOnIntake: true },
    });
    expect(settings).toMatchObject({ autoAssignOnIntake: true });
    const after = await fx.lead({ regionCode: 'CN-ZJ' });
    expect(after).toMatchObject({ ownerRepId: rep, vendorId: vendor.id, status: 'assigned' });
    const [ids] = [await fx.leads(3, { regionCode: 'CN-ZJ' })];
    for (const id of ids)
      expect((await getLead({ client: admin.client, path: { id } })).data!.ownerRepId).toBe(rep);
  });
});
