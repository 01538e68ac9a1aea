import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  changeLeadStatus,
  changeVendorStatus,
  createLead,
  createRep,
  createRepLogin,
  createWebhookSubscription,
  importCustomers,
  importLeads,
  listWebhookEventTypes,
  updateRep,
  upsertLeadByExternalId,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { WebhooksService } from '../../src/modules/webhooks/webhooks.service';
import { adoszam } from '../support/lead-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';
import { WebhookReceiver } from '../support/webhook-receiver';

interface StoredEvent {
  event_type: string;
  vendor_id: string | null;
  payload: Record<string, unknown>;
  payload_version: number;
}

describe('Webhook events an ERP builds on: each state change is published once, with its payload', () => {
  let t: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let unitId: string;
  let vendorId: string;
  const receiver = new WebhookReceiver();

  /** The events whose payload names this id under `field`, oldest first. */
  const eventsAbout = (field: string, id: string): Promise<StoredEvent[]> =>
    t.dataSource.query(
      `SELECT event_type, vendor_id, payload, payload_version FROM webhook_events
        WHERE payload->>$1 = $2 ORDER BY occurred_at, created_at, id`,
      [field, id],
    );
  const ofType = (events: StoredEvent[], type: string) => events.filter((e) => e.event_type === type);

  beforeAll(async () => {
    t = await startTestApp();
    await receiver.start();
    admin = await t.signIn(Role.ADMIN);
    manager = await t.signIn(Role.SALES_MANAGER);
    const fx = vendorFixtures(manager.client);
    unitId = (await fx.salesUnit()).id;
    vendorId = (await fx.vendor(unitId)).id;
  });
  afterAll(async () => {
    await receiver.stop();
    await t.close();
  });

  it('lead.created: once per lead taken in, with its source, status, grade and owner', async () => {
    const { data: lead } = await createLead({
      client: manager.client,
      body: { companyName: 'Event Lead One Kft.', taxId: adoszam(601) },
    });
    const events = await eventsAbout('leadId', lead!.id);
    expect(events).toEqual([
      {
        event_type: 'lead.created',
        vendor_id: null,
        payload_version: 1,
        payload: {
          leadId: lead!.id,
          source: 'api',
          status: 'new',
          grade: lead!.grade,
          vendorId: null,
          ownerRepId: null,
        },
      },
    ]);
  });

  it('lead.created: an import publishes one per new lead and none for a duplicate row', async () => {
    const { data } = await importLeads({
      client: manager.client,
      body: {
        rows: [
          { companyName: 'Event Import A Zrt.', taxId: adoszam(602) },
          { companyName: 'Event Import B Zrt.', taxId: adoszam(603) },
          { companyName: 'Event Import A Zrt.', taxId: adoszam(602) },
        ],
      },
    });
    const ids = data!.results.filter((row) => row.outcome === 'created').map((row) => row.id!);
    expect(ids).toHaveLength(2);
    for (const id of ids) {
      const created = ofType(await eventsAbout('leadId', id), 'lead.created');
      expect(created).toHaveLength(1);
      expect(created[0].payload).toMatchObject({ leadId: id, source: 'import' });
    }
  });

  it('lead.created: an upsert by external id publishes it on the first call only', async () => {
    const body = { companyName: 'Event Upsert Bt.', taxId: adoszam(604) };
    const first = await upsertLeadByExternalId({
      client: manager.client,
      path: { source: 'sap-erp', externalId: 'EV-1' },
      body,
    });
    await upsertLeadByExternalId({
      client: manager.client,
      path: { source: 'sap-erp', externalId: 'EV-1' },
      body,
    });
    expect(ofType(await eventsAbout('leadId', first.data!.id), 'lead.created')).toHaveLength(1);
  });

  it('lead.status_changed and lead.lost: a loss publishes both once, with the reason', async () => {
    const { data: lead } = await createLead({
      client: manager.client,
      body: { companyName: 'Event Lost Kft.', taxId: adoszam(605) },
    });
    await changeLeadStatus({ client: manager.client, path: { id: lead!.id }, body: { status: 'contacted' } });
    await changeLeadStatus({
      client: manager.client,
      path: { id: lead!.id },
      body: { status: 'lost', lostReason: { reason: 'competitor', competitor: 'Acme Robotics' } },
    });
    const events = await eventsAbout('leadId', lead!.id);
    // Events of one transaction share its time: compare them as a set.
    expect(events.map((e) => e.event_type).sort()).toEqual([
      'lead.created',
      'lead.lost',
      'lead.status_changed',
      'lead.status_changed',
    ]);
    expect(ofType(events, 'lead.status_changed').map((e) => e.payload)).toEqual<unknown[]>([
      { leadId: lead!.id, from: 'new', to: 'contacted', vendorId: null, ownerRepId: null },
      { leadId: lead!.id, from: 'contacted', to: 'lost', vendorId: null, ownerRepId: null },
    ]);
    expect(ofType(events, 'lead.lost')[0].payload).toEqual({
      leadId: lead!.id,
      reason: 'competitor',
      reasonText: null,
      competitor: 'Acme Robotics',
      vendorId: null,
    });
  });

  it('lead.won and customer.created: a win by status change publishes each once, no contract', async () => {
    const { data: lead } = await createLead({
      client: manager.client,
      body: { companyName: 'Event Won Kft.', taxId: adoszam(606) },
    });
    for (const status of ['contacted', 'qualified', 'won'] as const)
      await changeLeadStatus({ client: manager.client, path: { id: lead!.id }, body: { status } });
    const events = await eventsAbout('leadId', lead!.id);
    const won = ofType(events, 'lead.won');
    expect(won).toHaveLength(1);
    const customerId = won[0].payload.customerId as string;
    expect(won[0].payload).toEqual({ leadId: lead!.id, contractId: null, customerId: expect.any(String) });
    expect(ofType(events, 'customer.created')).toEqual([
      {
        event_type: 'customer.created',
        vendor_id: null,
        payload_version: 1,
        payload: { customerId, leadId: lead!.id, erpCustomerId: null },
      },
    ]);
  });

  it('customer.created: an ERP import publishes one per new customer, none for a known one', async () => {
    const rows = [{ erpCustomerId: 'EV-C-1', name: 'Event Customer Zrt.' }];
    const { data } = await importCustomers({ client: manager.client, body: { rows } });
    await importCustomers({ client: manager.client, body: { rows } });
    const events = await eventsAbout('customerId', data!.results[0].id!);
    expect(events.map((e) => e.payload)).toEqual([
      { customerId: data!.results[0].id, leadId: null, erpCustomerId: 'EV-C-1' },
    ]);
  });

  it('rep.changed: created with its fields, updated with the fields that changed, nothing for no change', async () => {
    const { data: rep } = await createRep({
      client: manager.client,
      body: { vendorId, fullName: 'Event Rep', grade: 'B', capacity: 20, timezone: 'Asia/Shanghai' },
    });
    await updateRep({ client: manager.client, path: { id: rep!.id }, body: { capacity: 25 } });
    await updateRep({ client: manager.client, path: { id: rep!.id }, body: { capacity: 25 } });
    await updateRep({
      client: manager.client,
      path: { id: rep!.id },
      body: { active: false, inactiveReason: 'Parental leave' },
    });
    const events = await eventsAbout('repId', rep!.id);
    expect(events.map((e) => [e.event_type, e.vendor_id])).toEqual([
      ['rep.changed', vendorId],
      ['rep.changed', vendorId],
      ['rep.changed', vendorId],
    ]);
    expect(events.map((e) => e.payload)).toEqual([
      {
        repId: rep!.id,
        vendorId,
        change: 'created',
        fields: ['capacity', 'fullName', 'grade', 'timezone', 'vendorId'],
        active: true,
        version: 1,
      },
      { repId: rep!.id, vendorId, change: 'updated', fields: ['capacity'], active: true, version: 2 },
      {
        repId: rep!.id,
        vendorId,
        change: 'deactivated',
        fields: ['active', 'inactiveReason'],
        active: false,
        version: 4,
      },
    ]);
  });

  it('rep.changed: binding a login to a rep publishes the userId change once', async () => {
    const { data: rep } = await createRep({
      client: manager.client,
      body: { vendorId, fullName: 'Event Login Rep', grade: 'B', capacity: 20, timezone: 'Asia/Shanghai' },
    });
    const login = await createRepLogin({
      client: manager.client,
      path: { id: rep!.id },
      body: { email: `event.login.${randomUUID().slice(0, 6)}@vendor.cn`, password: 'a-long-rep-password' },
    });
    expect(login.response.status).toBe(201);
    const events = ofType(await eventsAbout('repId', rep!.id), 'rep.changed');
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({ change: 'created' }),
      { repId: rep!.id, vendorId, change: 'updated', fields: ['userId'], active: true, version: 2 },
    ]);
  });

  it('vendor.status_changed: each move once, from and to with the reason', async () => {
    const fx = vendorFixtures(manager.client);
    const vendor = await fx.vendor(unitId, {}, false);
    await changeVendorStatus({
      client: manager.client,
      path: { id: vendor.id },
      body: { status: 'active', reason: 'Signed', waiveOnboardingChecklist: true },
    });
    const events = await eventsAbout('vendorId', vendor.id);
    expect(ofType(events, 'vendor.status_changed')).toEqual([
      {
        event_type: 'vendor.status_changed',
        vendor_id: vendor.id,
        payload_version: 1,
        payload: { vendorId: vendor.id, from: 'onboarding', to: 'active', reason: 'Signed' },
      },
    ]);
  });

  it('a delivery carries the payload version in the body and the OSM-Event-Version header', async () => {
    const { data: subscription } = await createWebhookSubscription({
      client: admin.client,
      body: { url: receiver.url, eventTypes: ['lead.created'] },
    });
    expect(subscription).toBeTruthy();
    const { data: lead } = await createLead({
      client: manager.client,
      body: { companyName: `Event Delivery ${randomUUID().slice(0, 6)} Kft.` },
    });
    await t.app.get(WebhooksService).drainOnce();
    const got = receiver.received.find((r) => r.body.includes(lead!.id))!;
    expect(got.headers['osm-event-version']).toBe('1');
    expect(JSON.parse(got.body)).toMatchObject({
      type: 'lead.created',
      version: 1,
      data: { leadId: lead!.id, source: 'api' },
    });
  });

  it('the event catalogue lists every type with its version and a payload schema the contract has', async () => {
    const { data } = await listWebhookEventTypes({ client: admin.client });
    const contract = JSON.parse(readFileSync(join(__dirname, '../../openapi/openapi.json'), 'utf8')) as {
      components: { schemas: Record<string, unknown> };
    };
    const documented = [
      'lead.created',
      'lead.status_changed',
      'lead.won',
      'lead.lost',
      'customer.created',
      'rep.changed',
      'vendor.status_changed',
      'statement.approved',
      'target.milestone',
      'digest.daily',
      'digest.weekly',
    ];
    for (const type of documented) {
      const entry = data!.data.find((e) => e.type === type)!;
      expect(entry.version).toBe(1);
      const name = entry.payloadSchema!.replace('#/components/schemas/', '');
      expect(contract.components.schemas[name]).toBeDefined();
    }
    // Every type of the catalogue has its payload documented.
    expect(data!.data.filter((entry) => entry.payloadSchema === null).map((entry) => entry.type)).toEqual([]);
  });
});
