import {
  changeLeadStatus,
  createLead,
  getCustomer,
  getLead,
  listDueFollowUps,
  listLeadActivities,
  mergeLeads,
  recordLeadActivity,
  refreshLeadGrades,
  setKeyLead,
  setLeadFollowUpPlan,
  updateLead,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

const DAY_MS = 24 * 3600 * 1000;

describe('Working leads: status, history, follow-ups, key leads, merge', () => {
  let t: TestApp;
  let manager: TestUser;
  let counter = 0;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
  });
  afterAll(() => t.close());

  const newLead = async (extra: Record<string, unknown> = {}) => {
    const { data, error } = await createLead({
      client: manager.client,
      body: { companyName: `Workflow Company ${++counter} Kft.`, ...extra },
    });
    if (!data) throw new Error(JSON.stringify(error));
    return data;
  };
  const move = (id: string, status: string, extra: Record<string, unknown> = {}) =>
    changeLeadStatus({ client: manager.client, path: { id }, body: { status, ...extra } as never });

  describe('status machine', () => {
    it('refuses new → won and contacted → negotiating with 409 LEAD_STATUS_TRANSITION_INVALID', async () => {
      const lead = await newLead();
      const skip = await move(lead.id, 'won');
      expect(skip.response.status).toBe(409);
      expect(skip.error).toMatchObject({ code: 'LEAD_STATUS_TRANSITION_INVALID', from: 'new', to: 'won' });
      expect((await move(lead.id, 'contacted')).response.status).toBe(200);
      const jump = await move(lead.id, 'negotiating');
      expect(jump.error).toMatchObject({ code: 'LEAD_STATUS_TRANSITION_INVALID', from: 'contacted' });
      expect((await getLead({ client: manager.client, path: { id: lead.id } })).data!.status).toBe(
        'contacted',
      );
    });

    it('refuses assigned while the lead has no owner rep', async () => {
      const lead = await newLead();
      const assigned = await move(lead.id, 'assigned');
      expect(assigned.response.status).toBe(409);
      expect(assigned.error).toMatchObject({ code: 'LEAD_STATUS_TRANSITION_INVALID' });
    });

    it('turns a won lead into a customer with the same keys', async () => {
      const lead = await newLead({ taxId: '10537914-2-44', contacts: [{ phone: '+36 1 234 5678' }] });
      for (const status of ['contacted', 'qualified', 'negotiating', 'won'])
        expect((await move(lead.id, status)).response.status).toBe(200);
      const won = (await getLead({ client: manager.client, path: { id: lead.id } })).data!;
      expect(won.status).toBe('won');
      expect(won.wonAt).not.toBeNull();
      const customer = await getCustomer({ client: manager.client, path: { id: won.customerId! } });
      expect(customer.data).toMatchObject({
        taxIdKey: 'HU10537914',
        nameKey: won.companyNameKey,
        phone: '+3612345678',
        sourceLeadId: lead.id,
      });
      const again = await createLead({
        client: manager.client,
        body: { companyName: 'Other name', taxId: 'HU10537914' },
      });
      expect(again.error).toMatchObject({ code: 'EXISTING_CUSTOMER', matchedOn: 'taxId' });
    });

    it('needs a structured lost reason, with text for other', async () => {
      const lead = await newLead();
      await move(lead.id, 'contacted');
      const bare = await move(lead.id, 'lost');
      expect(bare.response.status).toBe(400);
      expect(bare.error).toMatchObject({ errors: [{ field: 'lostReason' }] });
      const other = await move(lead.id, 'lost', { lostReason: { reason: 'other' } });
      expect(other.error).toMatchObject({ errors: [{ field: 'lostReason.text' }] });
      const unknown = await move(lead.id, 'lost', { lostReason: { reason: 'bad_luck' } });
      expect(unknown.response.status).toBe(400);
      const lost = await move(lead.id, 'lost', { lostReason: { reason: 'competitor', text: 'Local rival' } });
      expect(lost.data).toMatchObject({
        status: 'lost',
        lostReason: 'competitor',
        lostReasonText: 'Local rival',
      });
      expect(lost.data!.grade).not.toBe('dead');
    });

    it('grades a lead lost with no chance as dead and records the grade change', async () => {
      const lead = await newLead();
      await move(lead.id, 'contacted');
      const lost = await move(lead.id, 'lost', { lostReason: { reason: 'no_budget', noChance: true } });
      expect(lost.data!.grade).toBe('dead');
      const history = await listLeadActivities({ client: manager.client, path: { id: lead.id } });
      expect(history.data!.data.find((entry) => entry.kind === 'grade_change')).toMatchObject({
        gradeTo: 'dead',
      });
    });
  });

  describe('follow-ups and history', () => {
    it('records a follow-up that moves the status, last activity and next due date together', async () => {
      const lead = await newLead();
      await setLeadFollowUpPlan({
        client: manager.client,
        path: { id: lead.id },
        body: { kind: 'every_n_days', intervalDays: 3 },
      });
      const { response, data } = await recordLeadActivity({
        client: manager.client,
        path: { id: lead.id },
        body: {
          channel: 'call',
          content: '电话沟通采购计划',
          outcome: 'quote requested',
          statusTo: 'contacted',
        },
      });
      expect(response.status).toBe(201);
      expect(data).toMatchObject({
        kind: 'follow_up',
        channel: 'call',
        statusFrom: 'new',
        statusTo: 'contacted',
      });
      const after = (await getLead({ client: manager.client, path: { id: lead.id } })).data!;
      expect(after.status).toBe('contacted');
      expect(after.lastActivityAt).toBe(data!.occurredAt);
      expect(after.touchCount).toBe(2);
      expect(new Date(after.nextFollowUpDue!).getTime()).toBe(
        new Date(data!.occurredAt).getTime() + 3 * DAY_MS,
      );
    });

    it('refuses a follow-up dated in the future', async () => {
      const lead = await newLead();
      const { response, error } = await recordLeadActivity({
        client: manager.client,
        path: { id: lead.id },
        body: { channel: 'call', content: 'x', occurredAt: new Date(Date.now() + DAY_MS).toISOString() },
      });
      expect(response.status).toBe(400);
      expect(error).toMatchObject({ errors: [{ field: 'occurredAt' }] });
    });

    it('refuses an illegal status move in a follow-up and writes no history for it', async () => {
      const lead = await newLead();
      const { response, error } = await recordLeadActivity({
        client: manager.client,
        path: { id: lead.id },
        body: { channel: 'visit', content: 'Signed?', statusTo: 'won' },
      });
      expect(response.status).toBe(409);
      expect(error).toMatchObject({ code: 'LEAD_STATUS_TRANSITION_INVALID' });
      const history = await listLeadActivities({ client: manager.client, path: { id: lead.id } });
      expect(history.data!.data.map((entry) => entry.kind)).toEqual(['intake']);
    });

    it('closes follow-ups on a lost lead', async () => {
      const lead = await newLead();
      await move(lead.id, 'contacted');
      await move(lead.id, 'lost', { lostReason: { reason: 'price' } });
      const { response, error } = await recordLeadActivity({
        client: manager.client,
        path: { id: lead.id },
        body: { channel: 'email', content: 'One more try' },
      });
      expect(response.status).toBe(409);
      expect(error).toMatchObject({ code: 'LEAD_CLOSED' });
    });

    it('keeps the history newest first with cursor pages', async () => {
      const lead = await newLead();
      for (const channel of ['call', 'email', 'meeting'] as const)
        await recordLeadActivity({
          client: manager.client,
          path: { id: lead.id },
          body: { channel, content: channel },
        });
      const entries: { kind: string; channel?: string | null; occurredAt: string }[] = [];
      let cursor: string | undefined;
      do {
        const page = await listLeadActivities({
          client: manager.client,
          path: { id: lead.id },
          query: { limit: 2, cursor },
        });
        expect(page.data!.data.length).toBeLessThanOrEqual(2);
        entries.push(...page.data!.data);
        cursor = page.data!.nextCursor ?? undefined;
      } while (cursor);
      expect(entries.filter((entry) => entry.kind === 'follow_up').map((entry) => entry.channel)).toEqual([
        'meeting',
        'email',
        'call',
      ]);
      expect(entries[entries.length - 1].kind).toBe('intake');
      const times = entries.map((entry) => entry.occurredAt);
      expect([...times].sort().reverse()).toEqual(times);
    });

    it('sets the next due date from explicit plan dates and refuses a plan without its parameter', async () => {
      const lead = await newLead();
      const soon = new Date(Date.now() + 2 * DAY_MS).toISOString();
      const later = new Date(Date.now() + 9 * DAY_MS).toISOString();
      const { data } = await setLeadFollowUpPlan({
        client: manager.client,
        path: { id: lead.id },
        body: { kind: 'dates', dates: [later, soon] },
      });
      expect(data!.nextFollowUpDue).toBe(soon);
      const bad = await setLeadFollowUpPlan({
        client: manager.client,
        path: { id: lead.id },
        body: { kind: 'every_n_days' },
      });
      expect(bad.response.status).toBe(400);
      expect(bad.error).toMatchObject({ errors: [{ field: 'intervalDays' }] });
    });

    it('lists due and overdue follow-ups for my day, earliest first, and not those due after today', async () => {
      const fresh = await startTestApp();
      try {
        const boss = await fresh.signIn(Role.SALES_MANAGER);
        const make = async (name: string, due: Date) => {
          const { data } = await createLead({ client: boss.client, body: { companyName: name } });
          await recordLeadActivity({
            client: boss.client,
            path: { id: data!.id },
            body: { channel: 'call', content: 'x', nextFollowUpDue: due.toISOString() },
          });
          return data!.id;
        };
        const overdue = await make('Overdue Kft.', new Date(Date.now() - DAY_MS));
        await make('Next Week Kft.', new Date(Date.now() + 7 * DAY_MS));
        const { data } = await listDueFollowUps({
          client: boss.client,
          query: { timeZone: 'Europe/Budapest' },
        });
        expect(data!.data).toEqual([expect.objectContaining({ leadId: overdue, overdue: true })]);
        const badZone = await listDueFollowUps({ client: boss.client, query: { timeZone: 'Mars/Olympus' } });
        expect(badZone.response.status).toBe(400);
      } finally {
        await fresh.close();
      }
    });
  });

  describe('key leads, edits and merge', () => {
    it('flags a key lead by hand with a reason and keeps the flag when grades are refreshed', async () => {
      const lead = await newLead();
      const { data } = await setKeyLead({
        client: manager.client,
        path: { id: lead.id },
        body: { keyLead: true, reason: 'Strategic account' },
      });
      expect(data).toMatchObject({
        keyLead: true,
        keyLeadSetBy: 'manual',
        keyLeadReason: 'Strategic account',
      });
      const refreshed = await refreshLeadGrades({ client: manager.client });
      expect(refreshed.data!.regraded).toBeGreaterThan(0);
      expect((await getLead({ client: manager.client, path: { id: lead.id } })).data).toMatchObject({
        keyLead: true,
        keyLeadSetBy: 'manual',
      });
    });

    it('flags a named account as a key lead by rule', async () => {
      const lead = await newLead({ tags: ['named-account'] });
      expect(lead).toMatchObject({ keyLead: true, keyLeadSetBy: 'rule', keyLeadReason: 'named account' });
    });

    it('marks leads untouched past the configured days dead when grades are refreshed', async () => {
      const lead = await newLead();
      await t.dataSource.query(
        `UPDATE leads SET created_at = now() - interval '120 days', last_activity_at = now() - interval '120 days' WHERE id = $1`,
        [lead.id],
      );
      const { data } = await refreshLeadGrades({ client: manager.client });
      expect(data!.dead).toBeGreaterThan(0);
      expect((await getLead({ client: manager.client, path: { id: lead.id } })).data!.grade).toBe('dead');
    });

    it('updates the profile with If-Match, re-keys the name and refuses a stale version with 412', async () => {
      const lead = await newLead();
      const first = await updateLead({
        client: manager.client,
        path: { id: lead.id },
        body: { companyName: '杭州新源软件有限公司', sizeBand: 'medium' },
        headers: { 'If-Match': `"${lead.version}"` },
      });
      expect(first.response.status).toBe(200);
      expect(first.data).toMatchObject({ companyNameKey: '杭州新源软件', sizeBand: 'medium' });
      const stale = await updateLead({
        client: manager.client,
        path: { id: lead.id },
        body: { needs: 'x' },
        headers: { 'If-Match': `"${lead.version}"` },
      });
      expect(stale.response.status).toBe(412);
    });

    it('merges a duplicate keeping all history, contacts and touches', async () => {
      const survivor = await newLead({ contacts: [{ email: 'a@merge.example' }] });
      const duplicate = await newLead({ contacts: [{ email: 'b@merge.example' }] });
      await recordLeadActivity({
        client: manager.client,
        path: { id: duplicate.id },
        body: { channel: 'visit', content: 'Visited the duplicate' },
      });
      const { response, data } = await mergeLeads({
        client: manager.client,
        path: { id: survivor.id },
        body: { duplicateLeadId: duplicate.id },
      });
      expect(response.status).toBe(200);
      expect(data!.contacts.map((contact) => contact.email).sort()).toEqual([
        'a@merge.example',
        'b@merge.example',
      ]);
      expect(data!.touchCount).toBe(3);
      const history = await listLeadActivities({ client: manager.client, path: { id: survivor.id } });
      expect(history.data!.data.map((entry) => entry.content)).toContain('Visited the duplicate');
      expect((await getLead({ client: manager.client, path: { id: duplicate.id } })).data!.mergedIntoId).toBe(
        survivor.id,
      );
      const intoItself = await mergeLeads({
        client: manager.client,
        path: { id: survivor.id },
        body: { duplicateLeadId: survivor.id },
      });
      expect(intoItself.error).toMatchObject({ code: 'LEAD_MERGE_INVALID' });
    });
  });
});
