import { randomUUID } from 'node:crypto';
import {
  changeLeadStatus,
  createLead,
  getLead,
  importLeads,
  listDueFollowUps,
  listLeadActivities,
  listLeads,
  recordLeadActivity,
  refreshLeadGrades,
  setKeyLead,
  setLeadFollowUpPlan,
  updateLead,
} from '../../openapi/sdk';
import { Principal, Role } from '../../src/common/auth/role';
import { LeadsService } from '../../src/modules/leads/leads.service';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

describe('Lead scope: reps see their own leads, vendors their vendor’s, foreign leads are 404', () => {
  let t: TestApp;
  let manager: TestUser;
  let repOne: TestUser;
  let vendorX: TestUser;
  let vendorY: TestUser;
  const vendorXId = randomUUID();
  const vendorYId = randomUUID();
  const repOneId = randomUUID();
  const repTwoId = randomUUID();
  const leads: Record<'mine' | 'colleague' | 'otherVendor' | 'unassigned', string> = {
    mine: '',
    colleague: '',
    otherVendor: '',
    unassigned: '',
  };

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    repOne = await t.signIn(Role.REP, { vendorId: vendorXId, repId: repOneId });
    vendorX = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendorXId });
    vendorY = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendorYId });
    const routing: Principal = {
      subjectId: manager.id,
      kind: 'user',
      role: Role.SALES_MANAGER,
      vendorId: null,
      repId: null,
      name: 'routing',
    };
    const owners: Record<keyof typeof leads, [string | null, string | null]> = {
      mine: [vendorXId, repOneId],
      colleague: [vendorXId, repTwoId],
      otherVendor: [vendorYId, null],
      unassigned: [null, null],
    };
    for (const [index, name] of (Object.keys(owners) as (keyof typeof leads)[]).entries()) {
      const { data } = await createLead({
        client: manager.client,
        body: {
          companyName: `Scope ${name} Kft.`,
          contacts: [{ name: 'Nagy Anna', phone: `+36 30 555 ${1000 + index}` }],
        },
      });
      leads[name] = data!.id;
      const [vendorId, repId] = owners[name];
      if (vendorId) await t.app.get(LeadsService).assignLeadOwner(data!.id, vendorId, repId, routing);
    }
  });
  afterAll(() => t.close());

  const listIds = async (user: TestUser) =>
    (await listLeads({ client: user.client })).data!.data.map((lead) => lead.id).sort();

  it('lists for a rep only the leads they own', async () => {
    expect(await listIds(repOne)).toEqual([leads.mine]);
  });

  it('lists for a vendor manager only its vendor’s leads, not unassigned ones', async () => {
    expect(await listIds(vendorX)).toEqual([leads.mine, leads.colleague].sort());
    expect((await listLeads({ client: vendorX.client, query: { unassigned: true } })).data!.data).toEqual([]);
  });

  it('lists every lead for the company, unassigned included', async () => {
    expect(await listIds(manager)).toEqual(Object.values(leads).sort());
  });

  it.each(['colleague', 'otherVendor', 'unassigned'] as const)(
    'answers 404 to a rep for a %s lead on get, update, history, follow-ups, status and plan',
    async (name) => {
      const path = { id: leads[name] };
      const client = repOne.client;
      const answers = await Promise.all([
        getLead({ client, path }),
        updateLead({ client, path, body: { needs: 'x' } }),
        listLeadActivities({ client, path }),
        recordLeadActivity({ client, path, body: { channel: 'call', content: 'x' } }),
        changeLeadStatus({ client, path, body: { status: 'contacted' } }),
        setLeadFollowUpPlan({ client, path, body: { kind: 'weekly' } }),
      ]);
      for (const answer of answers) {
        expect(answer.response.status).toBe(404);
        expect(answer.error).toMatchObject({ code: 'NOT_FOUND' });
      }
    },
  );

  it('lets a rep work their own lead', async () => {
    const recorded = await recordLeadActivity({
      client: repOne.client,
      path: { id: leads.mine },
      body: { channel: 'visit', content: 'Visited the plant', statusTo: 'contacted' },
    });
    expect(recorded.response.status).toBe(201);
    const lead = await getLead({ client: repOne.client, path: { id: leads.mine } });
    expect(lead.data).toMatchObject({ status: 'contacted', contactsMasked: false });
    expect(lead.data!.contacts[0].phone).toMatch(/^\+3630555\d{4}$/);
  });

  it('answers a vendor manager 404 for another vendor’s lead and an unassigned one', async () => {
    expect((await getLead({ client: vendorX.client, path: { id: leads.otherVendor } })).response.status).toBe(
      404,
    );
    expect((await getLead({ client: vendorX.client, path: { id: leads.unassigned } })).response.status).toBe(
      404,
    );
    expect((await getLead({ client: vendorX.client, path: { id: leads.colleague } })).response.status).toBe(
      200,
    );
  });

  it('refuses a rep the manager-only actions with 403', async () => {
    const flag = await setKeyLead({
      client: repOne.client,
      path: { id: leads.mine },
      body: { keyLead: true, reason: 'x' },
    });
    expect(flag.response.status).toBe(403);
    expect((await refreshLeadGrades({ client: repOne.client })).response.status).toBe(403);
  });

  it('takes a vendor manager’s lead in for its vendor and a rep’s for themself', async () => {
    const byVendor = await createLead({
      client: vendorX.client,
      body: { companyName: 'Vendor Intake Kft.' },
    });
    expect(byVendor.data).toMatchObject({ vendorId: vendorXId, ownerRepId: null, status: 'new' });
    const byRep = await createLead({ client: repOne.client, body: { companyName: 'Rep Intake Kft.' } });
    expect(byRep.data).toMatchObject({ vendorId: vendorXId, ownerRepId: repOneId, status: 'assigned' });
  });

  it('reports a duplicate of a foreign lead without its id, and of an own lead with it', async () => {
    const { data } = await importLeads({
      client: vendorY.client,
      body: { rows: [{ companyName: 'SCOPE MINE kft' }, { companyName: 'Scope otherVendor' }] },
    });
    expect(data!.results).toEqual([
      expect.objectContaining({ outcome: 'duplicate', id: null, matchedOn: 'companyName' }),
      expect.objectContaining({ outcome: 'duplicate', id: leads.otherVendor, matchedOn: 'companyName' }),
    ]);
  });

  it('lists my day within the caller’s scope only', async () => {
    for (const id of [leads.colleague, leads.otherVendor]) {
      await recordLeadActivity({
        client: manager.client,
        path: { id },
        body: {
          channel: 'call',
          content: 'x',
          nextFollowUpDue: new Date(Date.now() - 3600_000).toISOString(),
        },
      });
    }
    const forRep = await listDueFollowUps({ client: repOne.client });
    expect(forRep.data!.data).toEqual([]);
    const forVendor = await listDueFollowUps({ client: vendorX.client });
    expect(forVendor.data!.data.map((entry) => entry.leadId)).toEqual([leads.colleague]);
  });
});
