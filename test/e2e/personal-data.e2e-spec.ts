import {
  changeLeadStatus,
  createCallReport,
  createComplaint,
  createCsatResponse,
  createLead,
  declineLead,
  eraseDataSubject,
  exportDataSubject,
  getCustomer,
  getLead,
  getPrivacySettings,
  importCustomers,
  listAuditLog,
  listCustomers,
  listLeadActivities,
  listLeads,
  recordLeadActivity,
  runCheck,
  updatePrivacySettings,
} from '../../openapi/sdk';
import type { CreateLeadDto, LeadDto } from '../../openapi/sdk';
import { Principal, Role } from '../../src/common/auth/role';
import { LeadsService } from '../../src/modules/leads/leads.service';
import { LeadPersonalDataService } from '../../src/modules/leads/personal-data/lead-personal-data.service';
import { aCall, callReportWorld, CallReportWorld } from '../support/call-report-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Personal data of contact persons (GDPR for Hungary, PIPL for China): reads of contact details are
 * audited; an admin exports and erases one person's data keeping the statistical record; a retention
 * setting clears the contact data of leads closed longer than N months.
 */
describe('Personal data: audited contact reads, data-subject export and erasure, contact retention', () => {
  let t: TestApp;
  let w: CallReportWorld;
  let routing: Principal;

  const anna = { email: 'Nagy.Anna@Example.HU', phone: '+36 30 555 1234' };

  const newLead = async (body: CreateLeadDto, owned = true): Promise<LeadDto> => {
    const { data, error } = await createLead({ client: w.manager.client, body });
    if (!data) throw new Error(`lead fixture failed: ${JSON.stringify(error)}`);
    if (owned) await t.app.get(LeadsService).assignLeadOwner(data.id, w.vendorA, w.repA1, routing);
    return data;
  };

  const auditOf = async (query: { entityId?: string; action?: string }) =>
    (await listAuditLog({ client: w.admin.client, query: { entityType: 'lead', limit: 200, ...query } }))
      .data!.data;

  beforeAll(async () => {
    t = await startTestApp();
    w = await callReportWorld(t);
    routing = {
      subjectId: w.manager.id,
      kind: 'user',
      role: Role.SALES_MANAGER,
      vendorId: null,
      repId: null,
      name: 'routing',
    };
  });
  afterAll(() => t.close());

  describe('reading contact details is recorded', () => {
    let withContacts: LeadDto;
    let second: LeadDto;
    let noContacts: LeadDto;

    beforeAll(async () => {
      withContacts = await newLead({
        companyName: 'Olvasó Kft.',
        contacts: [{ name: 'Tóth Éva', email: 'eva@olvaso.hu' }],
      });
      second = await newLead({
        companyName: 'Második Zrt.',
        contacts: [{ name: 'Fekete Ádám', phone: '+36 1 234 5678' }],
      });
      noContacts = await newLead({ companyName: 'Névtelen Bt.' });
    });

    it('writes an audit entry with the actor, the lead and the purpose when a vendor manager reads a lead', async () => {
      const { response } = await getLead({
        client: w.vendorManagerA.client,
        path: { id: withContacts.id },
        query: { purpose: 'customer_service' },
      });
      expect(response.status).toBe(200);
      const entries = await auditOf({ entityId: withContacts.id, action: 'contacts_read' });
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        entityType: 'lead',
        entityId: withContacts.id,
        entityIds: [withContacts.id],
        vendorId: w.vendorA,
        action: 'contacts_read',
        actorSubjectId: w.vendorManagerA.id,
        actorRole: 'vendor_manager',
        reason: 'customer_service',
      });
    });

    it('records sales_follow_up when the caller names no purpose', async () => {
      await getLead({ client: w.repA1User.client, path: { id: second.id } });
      const entries = await auditOf({ entityId: second.id, action: 'contacts_read' });
      expect(entries.map((entry) => [entry.actorRole, entry.reason])).toEqual([['rep', 'sales_follow_up']]);
    });

    it('does not record reading a lead that has no contact persons', async () => {
      await getLead({ client: w.vendorManagerA.client, path: { id: noContacts.id } });
      expect(await auditOf({ entityId: noContacts.id, action: 'contacts_read' })).toEqual([]);
    });

    it('records a page of leads as one entry naming every lead whose contacts it showed', async () => {
      const before = (await auditOf({ action: 'contacts_read' })).length;
      const page = await listLeads({ client: w.vendorManagerA.client, query: { limit: 100 } });
      const shown = page.data!.data.filter((lead) => lead.contacts.length > 0).map((lead) => lead.id);
      expect(shown).toEqual(expect.arrayContaining([withContacts.id, second.id]));
      const after = await auditOf({ action: 'contacts_read' });
      expect(after).toHaveLength(before + 1);
      const entry = after[after.length - 1];
      expect(entry.entityIds.sort()).toEqual([...shown].sort());
      expect(entry.entityIds).not.toContain(noContacts.id);
      expect(entry.actorSubjectId).toBe(w.vendorManagerA.id);
    });

    it('records reading a customer’s phone or email, in the account view and in the list, with the purpose', async () => {
      const { data: imported } = await importCustomers({
        client: w.manager.client,
        body: {
          rows: [
            { erpCustomerId: 'READ-1', name: 'Egyéni Vállalkozó Kiss Péter', phone: '+36 30 555 8800' },
            { erpCustomerId: 'READ-2', name: 'Csendes Kft.' },
          ],
        },
      });
      const [withPhone, withoutContact] = imported!.results.map((row) => row.id!);
      const customerAudit = async (entityId: string) =>
        (
          await listAuditLog({
            client: w.admin.client,
            query: { entityType: 'customer', entityId, action: 'contacts_read', limit: 200 },
          })
        ).data!.data;

      const read = await getCustomer({
        client: w.manager.client,
        path: { id: withPhone },
        query: { purpose: 'customer_service' },
      });
      expect(read.response.status).toBe(200);
      expect(await customerAudit(withPhone)).toMatchObject([
        {
          entityType: 'customer',
          entityIds: [withPhone],
          action: 'contacts_read',
          actorSubjectId: w.manager.id,
          reason: 'customer_service',
        },
      ]);
      await getCustomer({ client: w.manager.client, path: { id: withoutContact } });
      expect(await customerAudit(withoutContact)).toEqual([]);

      await listCustomers({ client: w.manager.client, query: { limit: 200 } });
      const entries = await customerAudit(withPhone);
      expect(entries).toHaveLength(2);
      expect(entries[1].entityIds).toContain(withPhone);
      expect(entries[1].entityIds).not.toContain(withoutContact);
      expect(entries[1].reason).toBe('sales_follow_up');
    });

    it('lets an admin find every read of one lead, single or in a list', async () => {
      const entries = await auditOf({ entityId: withContacts.id, action: 'contacts_read' });
      // the vendor manager's single read and its list page
      expect(entries.map((entry) => entry.entityIds.length > 1)).toEqual([false, true]);
    });
  });

  describe('data-subject requests', () => {
    let annaLead: LeadDto;
    let otherLead: LeadDto;
    let customerId: string;
    let callReportId: string;
    let complaintId: string;

    beforeAll(async () => {
      annaLead = await newLead({
        companyName: 'Anna Bútor Kft.',
        contacts: [
          { name: 'Nagy Anna', email: anna.email, phone: anna.phone, title: 'Ügyvezető' },
          { name: 'Kiss Béla', email: 'bela@annabutor.hu' },
        ],
        needs: 'Nagy Anna wants 20 desks before March',
        sourceReferrer: 'Szabó Péter',
      });
      otherLead = await newLead({
        companyName: '深圳市示例科技有限公司',
        contacts: [{ name: '张伟', phone: '+86 138 1234 5678' }],
        needs: '张伟 needs a quote',
      });
      await recordLeadActivity({
        client: w.manager.client,
        path: { id: annaLead.id },
        body: { channel: 'call', content: 'Called Anna on her mobile', outcome: 'Anna asked for a quote' },
      });
      const report = await createCallReport({
        client: w.manager.client,
        body: aCall({
          repId: w.repA1,
          leadId: annaLead.id,
          notes: 'Anna prefers calls after 4 pm',
          nextStep: 'Send Anna the quote',
          durationSeconds: 600,
        }),
      });
      callReportId = report.data!.id;
      const imported = await importCustomers({
        client: w.manager.client,
        body: { rows: [{ erpCustomerId: 'ERP-K-1001', name: 'Nagy Anna e.v.', email: anna.email }] },
      });
      customerId = imported.data!.results[0].id!;
      const complaint = await createComplaint({
        client: w.manager.client,
        body: {
          customerId,
          category: 'delivery',
          description: 'Nagy Anna says the desks came two weeks late',
          ownerUserId: w.manager.id,
        },
      });
      if (complaint.error) throw new Error(JSON.stringify(complaint.error));
      complaintId = complaint.data.id;
      const csat = await createCsatResponse({
        client: w.manager.client,
        body: { repId: w.repA1, visitId: callReportId, rating: 4, comment: 'Anna: the rep knew her order' },
      });
      if (csat.error) throw new Error(JSON.stringify(csat.error));
      await getLead({ client: w.vendorManagerA.client, path: { id: annaLead.id } });
      const declined = await declineLead({
        client: w.manager.client,
        path: { id: annaLead.id },
        body: { reason: 'not_interested', note: 'Anna only buys in spring' },
      });
      if (declined.error) throw new Error(JSON.stringify(declined.error));
    });

    it('refuses data-subject requests to everyone but an admin (403)', async () => {
      for (const user of [w.manager, w.vendorManagerA]) {
        const { response } = await exportDataSubject({ client: user.client, body: { email: anna.email } });
        expect(response.status).toBe(403);
        const erase = await eraseDataSubject({ client: user.client, body: { email: anna.email } });
        expect(erase.response.status).toBe(403);
      }
    });

    it('needs an email or a phone it can read: 400 naming the field', async () => {
      const none = await exportDataSubject({ client: w.admin.client, body: {} });
      expect(none.response.status).toBe(400);
      expect(none.error).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'email' }] });
      const badPhone = await eraseDataSubject({ client: w.admin.client, body: { phone: '12' } });
      expect(badPhone.response.status).toBe(400);
      expect(badPhone.error).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'phone' }] });
    });

    it('answers 404 DATA_SUBJECT_NOT_FOUND for a person nobody holds', async () => {
      const { response, error } = await exportDataSubject({
        client: w.admin.client,
        body: { email: 'nobody@example.hu' },
      });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(error).toMatchObject({ code: 'DATA_SUBJECT_NOT_FOUND' });
    });

    it('exports everything about the person found by email: contacts, leads, customers, history, call reports, complaints, CSAT answers, reads', async () => {
      const { data, response } = await exportDataSubject({
        client: w.admin.client,
        body: { email: 'NAGY.anna@example.hu' },
      });
      expect(response.status).toBe(200);
      expect(data!.email).toBe('nagy.anna@example.hu');
      // Anna only, not her colleague on the same lead
      expect(data!.contacts.map((contact) => [contact.leadId, contact.name, contact.phone])).toEqual([
        [annaLead.id, 'Nagy Anna', '+36305551234'],
      ]);
      expect(data!.leads.map((lead) => [lead.id, lead.needs, lead.sourceReferrer])).toEqual([
        [annaLead.id, 'Nagy Anna wants 20 desks before March', 'Szabó Péter'],
      ]);
      expect(data!.customers.map((customer) => [customer.id, customer.email])).toEqual([
        [customerId, 'nagy.anna@example.hu'],
      ]);
      expect(data!.history.map((entry) => entry.content)).toContain('Called Anna on her mobile');
      expect(data!.declines.map((decline) => [decline.leadId, decline.note])).toEqual([
        [annaLead.id, 'Anna only buys in spring'],
      ]);
      expect(data!.callReports.map((report) => [report.id, report.notes, report.nextStep])).toEqual([
        [callReportId, 'Anna prefers calls after 4 pm', 'Send Anna the quote'],
      ]);
      // what scoring holds: the complaint about her customer record, the CSAT answer on her visit
      expect(data!.complaints).toEqual([
        expect.objectContaining({
          id: complaintId,
          customerId,
          category: 'delivery',
          description: 'Nagy Anna says the desks came two weeks late',
          status: 'open',
        }),
      ]);
      expect(data!.csatAnswers).toEqual([
        expect.objectContaining({
          visitId: callReportId,
          rating: 4,
          comment: 'Anna: the rep knew her order',
        }),
      ]);
      expect(data!.accesses).toContainEqual(
        expect.objectContaining({
          action: 'contacts_read',
          actorSubjectId: w.vendorManagerA.id,
          purpose: 'sales_follow_up',
          leadIds: [annaLead.id],
        }),
      );
    });

    it('finds the same person by phone in any notation (06 30 … is +36 30 …)', async () => {
      const { data } = await exportDataSubject({ client: w.admin.client, body: { phone: '06 30 555 1234' } });
      expect(data!.contacts.map((contact) => contact.name)).toEqual(['Nagy Anna']);
    });

    it('records the export in the audit log as a read for a data-subject request', async () => {
      const entries = await auditOf({ entityId: annaLead.id, action: 'contacts_exported' });
      expect(entries.length).toBeGreaterThanOrEqual(1);
      expect(entries[0]).toMatchObject({ actorSubjectId: w.admin.id, reason: 'data_subject_request' });
    });

    describe('erasing the person', () => {
      let before: LeadDto;
      let historyWithText: number;
      let erasure: Awaited<ReturnType<typeof eraseDataSubject>>;

      beforeAll(async () => {
        before = (await getLead({ client: w.admin.client, path: { id: annaLead.id } })).data!;
        const history = await listLeadActivities({
          client: w.admin.client,
          path: { id: annaLead.id },
          query: { limit: 100 },
        });
        historyWithText = history.data!.data.filter((entry) => entry.content || entry.outcome).length;
        erasure = await eraseDataSubject({ client: w.admin.client, body: { email: anna.email } });
      });

      it('answers what it erased: her contact row, her lead, the history texts, the call report, the customer', () => {
        expect(erasure.response.status).toBe(200);
        expect(erasure.data).toMatchObject({
          leadIds: [annaLead.id],
          customerIds: [customerId],
          contacts: 1,
          historyEntries: historyWithText,
          callReports: 1,
          complaints: 1,
          csatComments: 1,
        });
        expect(historyWithText).toBeGreaterThanOrEqual(1);
      });

      it('erases the texts of her customer’s complaints and the CSAT comments on her visits, keeping the ratings', async () => {
        const [complaint] = await t.dataSource.query<{ description: string; category: string }[]>(
          'SELECT description, category FROM complaints WHERE id = $1',
          [complaintId],
        );
        expect(complaint).toEqual({ description: '[erased]', category: 'delivery' });
        const answers = await t.dataSource.query<{ comment: string; rating: number }[]>(
          'SELECT comment, rating FROM csat_responses WHERE visit_id = $1',
          [callReportId],
        );
        expect(answers).toEqual([{ comment: '[erased]', rating: 4 }]);
      });

      it('replaces her name and the free texts with the marker and clears her phone and email', async () => {
        const after = (await getLead({ client: w.admin.client, path: { id: annaLead.id } })).data!;
        expect(after.contacts).toEqual([
          { name: '[erased]', phone: null, email: null, title: null },
          { name: 'Kiss Béla', phone: null, email: 'bela@annabutor.hu', title: null },
        ]);
        expect([after.needs, after.sourceReferrer]).toEqual(['[erased]', '[erased]']);
        expect(after.personalDataErasedAt).not.toBeNull();
        const history = await listLeadActivities({
          client: w.admin.client,
          path: { id: annaLead.id },
          query: { limit: 100 },
        });
        const texts = history.data!.data.flatMap((entry) => [entry.content, entry.outcome]).filter(Boolean);
        expect(new Set(texts)).toEqual(new Set(['[erased]']));
        const [decline] = await t.dataSource.query<{ note: string; reason: string }[]>(
          'SELECT note, reason FROM lead_declines WHERE lead_id = $1',
          [annaLead.id],
        );
        expect(decline).toEqual({ note: '[erased]', reason: 'not_interested' });
      });

      it('keeps the statistical record: status, grade, score, touches, dates and the call report’s duration', async () => {
        const after = (await getLead({ client: w.admin.client, path: { id: annaLead.id } })).data!;
        for (const field of [
          'status',
          'grade',
          'score',
          'touchCount',
          'createdAt',
          'vendorId',
          'ownerRepId',
        ] as const)
          expect(after[field]).toEqual(before[field]);
        const [report] = await t.dataSource.query<
          { notes: string; next_step: string; duration_seconds: number }[]
        >('SELECT notes, next_step, duration_seconds FROM call_reports WHERE id = $1', [callReportId]);
        expect(report).toEqual({ notes: '[erased]', next_step: '[erased]', duration_seconds: 600 });
        const [customer] = await t.dataSource.query<{ name: string; email: string | null }[]>(
          'SELECT name, email FROM customers WHERE id = $1',
          [customerId],
        );
        expect(customer).toEqual({ name: 'Nagy Anna e.v.', email: null });
      });

      it('leaves other people alone', async () => {
        const other = (await getLead({ client: w.admin.client, path: { id: otherLead.id } })).data!;
        expect(other.contacts[0]).toMatchObject({ name: '张伟', phone: '+8613812345678' });
        expect(other.needs).toBe('张伟 needs a quote');
      });

      it('makes her unfindable: the export is 404 and her phone no longer matches a lead at intake', async () => {
        const { response } = await exportDataSubject({ client: w.admin.client, body: { email: anna.email } });
        expect(response.status).toBe(404);
        const again = await createLead({
          client: w.manager.client,
          body: { companyName: 'Anna Új Cége Kft.', contacts: [{ phone: anna.phone }] },
        });
        expect(again.response.status).toBe(201);
      });

      it('is idempotent: a repeat erases nothing and answers zero counts', async () => {
        // the lead created just above carries her phone again: erase by email only
        const { data, response } = await eraseDataSubject({
          client: w.admin.client,
          body: { email: anna.email },
        });
        expect(response.status).toBe(200);
        expect(data).toMatchObject({
          leadIds: [],
          customerIds: [],
          contacts: 0,
          historyEntries: 0,
          callReports: 0,
          complaints: 0,
          csatComments: 0,
        });
      });

      it('records the erasure in the audit log with its trigger', async () => {
        const entries = await auditOf({ entityId: annaLead.id, action: 'personal_data_erased' });
        expect(entries.map((entry) => [entry.actorSubjectId, entry.reason, entry.entityIds])).toEqual([
          [w.admin.id, 'data_subject_request', [annaLead.id]],
        ]);
        const customers = await listAuditLog({
          client: w.admin.client,
          query: { entityType: 'customer', entityId: customerId },
        });
        // the export by email read her customer record (the one by phone did not: it has her email only)
        expect(customers.data!.data.map((entry) => entry.action)).toEqual([
          'contacts_exported',
          'personal_data_erased',
        ]);
      });

      it('tells webhooks the lead ids only, and no event carries her personal data', async () => {
        const events = await t.dataSource.query<{ payload: Record<string, unknown>; vendor_id: string }[]>(
          `SELECT payload, vendor_id FROM webhook_events WHERE event_type = 'lead.personal_data_erased'`,
        );
        expect(events).toHaveLength(1);
        expect(Object.keys(events[0].payload).sort()).toEqual(['erasedAt', 'leadId', 'trigger']);
        expect(events[0]).toMatchObject({
          vendor_id: before.vendorId,
          payload: { leadId: annaLead.id, trigger: 'data_subject_request' },
        });
        const leaks = await t.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM webhook_events
            WHERE payload::text ILIKE '%anna%' OR payload::text LIKE '%5551234%'`,
        );
        expect(leaks[0].n).toBe(0);
      });
    });
  });

  describe('an erasure is one transaction', () => {
    it('erases all or nothing: when its last write (the webhook event) fails, every row stays as it was', async () => {
      const lead = await newLead({
        companyName: 'Egész Vagy Semmi Kft.',
        contacts: [{ name: 'Balogh Gábor', email: 'gabor@egesz.hu' }],
        needs: 'Gábor wants a demo',
      });
      await createCallReport({
        client: w.manager.client,
        body: aCall({ repId: w.repA1, leadId: lead.id, notes: 'Gábor was busy' }),
      });
      await t.dataSource.query(`
        CREATE FUNCTION refuse_erasure_event() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.event_type = 'lead.personal_data_erased' THEN RAISE EXCEPTION 'outbox down'; END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER refuse_erasure_event BEFORE INSERT ON webhook_events
          FOR EACH ROW EXECUTE FUNCTION refuse_erasure_event();`);
      try {
        const { response } = await eraseDataSubject({
          client: w.admin.client,
          body: { email: 'gabor@egesz.hu' },
        });
        expect(response.status).toBe(500);
      } finally {
        await t.dataSource.query(
          'DROP TRIGGER refuse_erasure_event ON webhook_events; DROP FUNCTION refuse_erasure_event();',
        );
      }
      const after = (await getLead({ client: w.admin.client, path: { id: lead.id } })).data!;
      expect(after.contacts[0]).toMatchObject({ name: 'Balogh Gábor', email: 'gabor@egesz.hu' });
      expect([after.needs, after.personalDataErasedAt]).toEqual(['Gábor wants a demo', null]);
      const [report] = await t.dataSource.query<{ notes: string }[]>(
        'SELECT notes FROM call_reports WHERE lead_id = $1',
        [lead.id],
      );
      expect(report.notes).toBe('Gábor was busy');
      expect(await auditOf({ entityId: lead.id, action: 'personal_data_erased' })).toEqual([]);
    });
  });

  describe('contact retention', () => {
    const DAY = 86_400_000;
    let lost: LeadDto;
    let rejected: LeadDto;
    let open: LeadDto;

    const runRetention = async (asOf: Date) => {
      const { data, error } = await runCheck({
        client: w.admin.client,
        path: { name: 'contact_retention' },
        body: { asOf: asOf.toISOString() },
      });
      if (!data) throw new Error(JSON.stringify(error));
      return data;
    };
    const contactOf = async (id: string) =>
      (await getLead({ client: w.admin.client, path: { id } })).data!.contacts[0];

    beforeAll(async () => {
      lost = await newLead({
        companyName: 'Elveszett Kft.',
        contacts: [{ name: 'Varga Zoltán', email: 'zoltan@elveszett.hu' }],
      });
      await changeLeadStatus({
        client: w.manager.client,
        path: { id: lost.id },
        body: { status: 'lost', lostReason: { reason: 'price', text: 'Zoltán found it too dear' } },
      });
      rejected = await newLead(
        { companyName: '拒绝有限公司', contacts: [{ name: '李娜', phone: '+86 139 0000 1111' }] },
        false,
      );
      await changeLeadStatus({
        client: w.manager.client,
        path: { id: rejected.id },
        body: { status: 'rejected', rejectReason: { reason: 'spam' } },
      });
      open = await newLead({
        companyName: 'Nyitott Kft.',
        contacts: [{ name: 'Molnár Kata', email: 'kata@nyitott.hu' }],
      });
    });

    it('keeps contact data by default (no retention set)', async () => {
      expect((await getPrivacySettings({ client: w.admin.client })).data).toMatchObject({
        contactRetentionMonths: null,
      });
      const run = await runRetention(new Date(Date.now() + 3650 * DAY));
      expect(run.status).toBe('succeeded');
      expect((await contactOf(lost.id)).name).toBe('Varga Zoltán');
    });

    it('takes 1 to 600 months or null from an admin only; 0 and 601 are 400', async () => {
      for (const months of [0, 601, 1.5]) {
        const { response } = await updatePrivacySettings({
          client: w.admin.client,
          body: { contactRetentionMonths: months },
        });
        expect(response.status).toBe(400);
      }
      const forbidden = await updatePrivacySettings({
        client: w.manager.client,
        body: { contactRetentionMonths: 12 },
      });
      expect(forbidden.response.status).toBe(403);
      const { data } = await updatePrivacySettings({
        client: w.admin.client,
        body: { contactRetentionMonths: 12 },
      });
      expect(data).toMatchObject({ contactRetentionMonths: 12 });
      const stale = await updatePrivacySettings({
        client: w.admin.client,
        headers: { 'If-Match': `"${data!.version - 1}"` },
        body: { contactRetentionMonths: 24 },
      });
      expect(stale.response.status).toBe(412);
      expect((await getPrivacySettings({ client: w.admin.client })).data!.contactRetentionMonths).toBe(12);
    });

    it('keeps the contacts of a lead closed 11 months ago with a 12-month retention', async () => {
      // as of 11 months from now the leads closed today are 11 months closed
      await runRetention(new Date(Date.now() + 335 * DAY));
      expect((await contactOf(lost.id)).name).toBe('Varga Zoltán');
      expect((await contactOf(rejected.id)).name).toBe('李娜');
    });

    it('clears the contact data of leads lost or rejected more than 12 months ago, not of open ones', async () => {
      const run = await runRetention(new Date(Date.now() + 400 * DAY));
      expect(run.examined).toBeGreaterThanOrEqual(2);
      expect(await contactOf(lost.id)).toEqual({ name: '[erased]', phone: null, email: null, title: null });
      expect(await contactOf(rejected.id)).toEqual({
        name: '[erased]',
        phone: null,
        email: null,
        title: null,
      });
      const lostLead = (await getLead({ client: w.admin.client, path: { id: lost.id } })).data!;
      expect([lostLead.status, lostLead.lostReason, lostLead.lostReasonText]).toEqual([
        'lost',
        'price',
        '[erased]',
      ]);
      expect((await contactOf(open.id)).name).toBe('Molnár Kata');
      const entries = await auditOf({ entityId: lost.id, action: 'personal_data_erased' });
      expect(entries.map((entry) => [entry.actorSubjectId, entry.reason])).toEqual([
        ['system:contact-retention', 'retention'],
      ]);
    });

    it('clears each lead once: a second run the same day finds nothing left', async () => {
      const run = await runRetention(new Date(Date.now() + 400 * DAY));
      expect(run.examined).toBe(0);
    });

    it('clears at most the pass limit at a time; the next pass goes on where it stopped', async () => {
      for (const name of ['Első Spam Kft.', 'Második Spam Kft.']) {
        const lead = await newLead({ companyName: name, contacts: [{ name: 'Spam Elek' }] }, false);
        await changeLeadStatus({
          client: w.manager.client,
          path: { id: lead.id },
          body: { status: 'rejected', rejectReason: { reason: 'spam' } },
        });
      }
      const personalData = t.app.get(LeadPersonalDataService);
      const pass = () =>
        t.dataSource.transaction((em) =>
          personalData.clearPersonalDataOfLeadsClosedBefore(em, new Date(Date.now() + 400 * DAY), 1),
        );
      expect((await pass()).leads).toHaveLength(1);
      expect((await pass()).leads).toHaveLength(1);
      expect((await pass()).leads).toHaveLength(0);
    });
  });
});
