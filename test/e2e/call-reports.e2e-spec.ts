import { randomUUID } from 'node:crypto';
import {
  createLead,
  getLead,
  listLeadActivities,
  createCallReport,
  createCallReportBatch,
  getCallReport,
  listCallReports,
  updateRep,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { ErrorCode } from '../../src/common/errors/error-codes';
import { DomainException } from '../../src/common/errors/domain.exception';
import { LeadsService } from '../../src/modules/leads/leads.service';
import { LeadTouchRecorder } from '../../src/modules/call-reports/lead-touch-recorder';
import { aCall, callReportWorld, CallReportWorld, countCallReports } from '../support/call-report-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('Call reports: filing, batches, scope', () => {
  let t: TestApp;
  let w: CallReportWorld;

  beforeAll(async () => {
    t = await startTestApp();
    w = await callReportWorld(t);
  });
  afterAll(() => t.close());

  /** A customer of a vendor (or a company-wide one with no vendor), inserted as the ERP would. */
  const customerOf = async (vendorId: string | null) => {
    const name = `Call Report Customer ${randomUUID()}`;
    const [row]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO customers (name, name_key, vendor_id) VALUES ($1, $1, $2) RETURNING id`,
      [name, vendorId],
    );
    return row.id;
  };

  describe('one report', () => {
    it('lets a rep file their own visit and derives the vendor and the local day', async () => {
      const { response, data } = await createCallReport({
        client: w.repA1User.client,
        body: {
          occurredAt: '2026-11-20T17:30:00Z', // 01:30 on the 21st in Shanghai
          type: 'visit',
          durationSeconds: 1800,
          outcome: 'follow_up_set',
          customerId: await customerOf(w.vendorA),
          notes: '采购经理对新报价感兴趣',
          nextStep: 'Send samples',
          nextStepOn: '2026-11-27',
          location: { latitude: 31.2304, longitude: 121.4737, name: '上海' },
        },
      });
      expect(response.status).toBe(201);
      expect(data).toMatchObject({
        repId: w.repA1,
        vendorId: w.vendorA,
        occurredOn: '2026-11-21',
        type: 'visit',
        location: { latitude: 31.2304, longitude: 121.4737, name: '上海' },
        reportedBy: w.repA1User.id,
      });
      const read = await getCallReport({ client: w.manager.client, path: { id: data!.id } });
      expect(read.data).toEqual(data);
    });

    it('a call report’s customer must exist and be in the caller’s scope: unknown or another vendor’s is 404 naming customerId, nothing written', async () => {
      const before = Number((await t.dataSource.query(`SELECT count(*) FROM call_reports`))[0].count);
      for (const customerId of [randomUUID(), await customerOf(w.vendorB), await customerOf(null)]) {
        const { response, error } = await createCallReport({
          client: w.repA1User.client,
          body: aCall({ customerId }),
        });
        expect(response.status).toBe(404);
        expect(error).toMatchObject({
          code: 'NOT_FOUND',
          errors: [{ field: 'customerId', message: `customer ${customerId} was not found` }],
        });
      }
      expect(Number((await t.dataSource.query(`SELECT count(*) FROM call_reports`))[0].count)).toBe(before);
      // A company-wide caller may name any customer, a vendor's or one without a vendor.
      const byManager = await createCallReport({
        client: w.manager.client,
        body: aCall({ repId: w.repA1, customerId: await customerOf(null) }),
      });
      expect(byManager.response.status).toBe(201);
    });

    it('lets a manager and a vendor-bound integration client file for a rep they can see', async () => {
      const byManager = await createCallReport({ client: w.manager.client, body: aCall({ repId: w.repB1 }) });
      expect(byManager.response.status).toBe(201);
      expect(byManager.data?.vendorId).toBe(w.vendorB);
      const byClient = await createCallReport({
        client: w.integrationA.client,
        body: aCall({ repId: w.repA2 }),
      });
      expect(byClient.response.status).toBe(201);
    });

    it.each([
      [
        'a report in the future',
        { occurredAt: new Date(Date.now() + 3_600_000).toISOString() },
        'occurredAt',
      ],
      ['a negative duration', { durationSeconds: -5 }, 'durationSeconds'],
      ['an unknown type', { type: 'fax' as never }, 'type'],
      ['a next step before the report', { nextStepOn: '2020-01-01' }, 'nextStepOn'],
      ['half a location', { location: { latitude: 95, longitude: 10 } }, 'location.latitude'],
    ])('refuses %s with 400 naming the field, writing nothing', async (_, change, field) => {
      const before = await countCallReports(t);
      const { response, error } = await createCallReport({
        client: w.manager.client,
        body: aCall({ repId: w.repA1, ...change }),
      });
      expect(response.status).toBe(400);
      expect((error as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(field);
      expect(await countCallReports(t)).toBe(before);
    });

    it('requires a manager to name the rep', async () => {
      const { response, error } = await createCallReport({ client: w.manager.client, body: aCall() });
      expect(response.status).toBe(400);
      expect(error).toMatchObject({ errors: [{ field: 'repId' }] });
    });

    it('answers 404 for an unknown rep', async () => {
      const { response, error } = await createCallReport({
        client: w.manager.client,
        body: aCall({ repId: randomUUID() }),
      });
      expect(response.status).toBe(404);
      expect(error).toMatchObject({ code: 'NOT_FOUND', errors: [{ field: 'repId' }] });
    });

    it('answers 404 when a rep files for another rep, exactly as for a missing one', async () => {
      const before = await countCallReports(t);
      const { response } = await createCallReport({
        client: w.repA1User.client,
        body: aCall({ repId: w.repA2 }),
      });
      expect(response.status).toBe(404);
      expect(await countCallReports(t)).toBe(before);
    });

    it('answers 404 when a vendor manager or vendor-bound client names a rep of another vendor', async () => {
      const byManager = await createCallReport({
        client: w.vendorManagerA.client,
        body: aCall({ repId: w.repB1 }),
      });
      expect(byManager.response.status).toBe(404);
      const byClient = await createCallReport({
        client: w.integrationA.client,
        body: aCall({ repId: w.repB1 }),
      });
      expect(byClient.response.status).toBe(404);
    });

    it('refuses a report for an inactive rep with 422', async () => {
      const rep = await w.newRep(w.vendorA);
      await updateRep({
        client: w.manager.client,
        path: { id: rep },
        body: { active: false, inactiveReason: 'Left' },
      });
      const { response, error } = await createCallReport({
        client: w.manager.client,
        body: aCall({ repId: rep }),
      });
      expect(response.status).toBe(422);
      expect(error).toMatchObject({ code: 'CALL_REPORT_REP_INACTIVE' });
    });
  });

  describe('leads', () => {
    const ownedLead = async (vendorId: string, repId: string) => {
      const { data } = await createLead({
        client: w.manager.client,
        body: { companyName: `Touch Test ${randomUUID().slice(0, 8)} Kft.` },
      });
      const principal = {
        subjectId: randomUUID(),
        kind: 'user',
        role: Role.SALES_MANAGER,
        vendorId: null,
        repId: null,
        name: 't',
      } as const;
      await t.app.get(LeadsService).assignLeadOwner(data!.id, vendorId, repId, principal);
      return data!.id;
    };

    it('records a report on a lead as a touch in the lead’s history, with its next step as the follow-up date', async () => {
      const leadId = await ownedLead(w.vendorA, w.repA1);
      const before = (await getLead({ client: w.manager.client, path: { id: leadId } })).data!;
      const { response } = await createCallReport({
        client: w.repA1User.client,
        body: aCall({
          repId: w.repA1,
          leadId,
          outcome: 'follow_up_set',
          nextStepOn: '2030-01-15',
          nextStep: 'Send quote',
        }),
      });
      expect(response.status).toBe(201);
      const after = (await getLead({ client: w.manager.client, path: { id: leadId } })).data!;
      expect(after.touchCount).toBe(before.touchCount + 1);
      expect(after.nextFollowUpDue?.slice(0, 10)).toBe('2030-01-15');
      const history = await listLeadActivities({ client: w.manager.client, path: { id: leadId } });
      expect(history.data!.data.find((entry) => entry.kind === 'call_report')).toMatchObject({
        kind: 'call_report',
        channel: 'call',
        outcome: 'follow_up_set',
      });
    });

    it('refuses a report citing a lead of another vendor with 404, even for a company-wide caller’s rep', async () => {
      const foreignLead = await ownedLead(w.vendorB, w.repB1);
      const before = await countCallReports(t);
      const { response, error } = await createCallReport({
        client: w.vendorManagerA.client,
        body: aCall({ repId: w.repA1, leadId: foreignLead }),
      });
      expect(response.status).toBe(404);
      expect(error).toMatchObject({ errors: [{ field: 'leadId' }] });
      expect(await countCallReports(t)).toBe(before);
    });

    it('refuses a report on a lead the caller cannot see with 404 and writes nothing', async () => {
      const recorder = t.app.get(LeadTouchRecorder);
      const unknownLead = randomUUID();
      const spy = jest.spyOn(recorder, 'findInvisibleLeads').mockResolvedValue([unknownLead]);
      try {
        const before = await countCallReports(t);
        const { response, error } = await createCallReport({
          client: w.manager.client,
          body: aCall({ repId: w.repA1, leadId: unknownLead }),
        });
        expect(response.status).toBe(404);
        expect(error).toMatchObject({ errors: [{ field: 'leadId' }] });
        expect(await countCallReports(t)).toBe(before);
      } finally {
        spy.mockRestore();
      }
    });

    it('records a report on a lead as a touch in the same transaction: a failing touch keeps the report out', async () => {
      const recorder = t.app.get(LeadTouchRecorder);
      const leadId = await ownedLead(w.vendorA, w.repA1);
      const seen: string[] = [];
      const spy = jest.spyOn(recorder, 'recordTouches').mockImplementation(async (em, touches) => {
        seen.push(...touches.map((touch) => touch.leadId));
        // The report is visible inside the transaction the touch is written in …
        const [row] = await em.query<{ n: number }[]>(
          'SELECT count(*)::int AS n FROM call_reports WHERE lead_id = $1',
          [leadId],
        );
        expect(row.n).toBe(1);
        throw DomainException.of(ErrorCode.LEAD_CLOSED, 'The lead was closed meanwhile');
      });
      try {
        const { response } = await createCallReport({
          client: w.manager.client,
          body: aCall({ repId: w.repA1, leadId }),
        });
        expect(response.status).toBe(409);
        expect(seen).toEqual([leadId]);
        // … and gone with it when the touch fails.
        const rows = await t.dataSource.query<unknown[]>('SELECT id FROM call_reports WHERE lead_id = $1', [
          leadId,
        ]);
        expect(rows).toHaveLength(0);
      } finally {
        spy.mockRestore();
      }
    });
  });

  describe('batches', () => {
    it('files a batch of 5 000 reports in one request and returns their ids in order', async () => {
      const start = Date.UTC(2026, 5, 1);
      const reports = Array.from({ length: 5000 }, (_, index) =>
        aCall({
          repId: index % 2 ? w.repA1 : w.repA2,
          occurredAt: new Date(start + index * 600_000).toISOString(),
          durationSeconds: 60 + (index % 300),
        }),
      );
      const before = await countCallReports(t);
      const { response, data } = await createCallReportBatch({
        client: w.integrationA.client,
        body: { reports },
      });
      expect(response.status).toBe(201);
      expect(data?.created).toBe(5000);
      expect(data?.ids).toHaveLength(5000);
      expect(await countCallReports(t)).toBe(before + 5000);
      const [second] = await t.dataSource.query<{ rep_id: string; occurred_at: Date }[]>(
        'SELECT rep_id, occurred_at FROM call_reports WHERE id = $1',
        [data!.ids[1]],
      );
      expect(second.rep_id).toBe(w.repA1);
      expect(second.occurred_at.toISOString()).toBe(reports[1].occurredAt);
    });

    it('stores every field of a batch row as sent, tabs, line breaks and backslashes in its texts too', async () => {
      const customerId = await customerOf(w.vendorA);
      const rows = [
        aCall({
          repId: w.repA1,
          occurredAt: '2026-06-02T09:15:30.250Z',
          type: 'visit',
          durationSeconds: 900,
          outcome: 'follow_up_set',
          customerId,
          notes: 'Line one\nline two\r\n\tindented \\N not null, C:\\temp\\new',
          nextStep: 'Send\tsamples \\ prices',
          nextStepOn: '2026-06-05',
          location: { latitude: -33.8688, longitude: 151.2093, name: 'Sydney\\Office\n2' },
        }),
        aCall({ repId: w.repA2, occurredAt: '2026-06-02T10:00:00Z', notes: '\\N' }),
      ];
      const { response, data } = await createCallReportBatch({
        client: w.integrationA.client,
        body: { reports: rows },
      });
      expect(response.status).toBe(201);
      const [full, bare] = await Promise.all(
        data!.ids.map((id) => getCallReport({ client: w.manager.client, path: { id } })),
      );
      expect(full.data).toMatchObject({
        repId: w.repA1,
        vendorId: w.vendorA,
        occurredAt: '2026-06-02T09:15:30.250Z',
        type: 'visit',
        durationSeconds: 900,
        outcome: 'follow_up_set',
        customerId,
        notes: rows[0].notes,
        nextStep: rows[0].nextStep,
        nextStepOn: '2026-06-05',
        location: rows[0].location,
      });
      expect(bare.data).toMatchObject({ repId: w.repA2, notes: '\\N', leadId: null, customerId: null });
      expect(bare.data?.location ?? null).toBeNull();
    });

    it('refuses a batch of 5 001', async () => {
      const reports = Array.from({ length: 5001 }, () => aCall({ repId: w.repA1 }));
      const { response, error } = await createCallReportBatch({
        client: w.manager.client,
        body: { reports },
      });
      expect(response.status).toBe(400);
      expect(error).toMatchObject({ errors: [{ field: 'reports' }] });
    });

    it('refuses the whole batch when one row is bad, naming its row and field', async () => {
      const before = await countCallReports(t);
      const reports = [
        aCall({ repId: w.repA1 }),
        aCall({ repId: w.repA1 }),
        aCall({ repId: w.repA1, durationSeconds: -1 }),
      ];
      const { response, error } = await createCallReportBatch({
        client: w.manager.client,
        body: { reports },
      });
      expect(response.status).toBe(400);
      expect(error).toMatchObject({ errors: [{ field: 'reports.2.durationSeconds' }] });
      expect(await countCallReports(t)).toBe(before);
    });

    it('refuses the whole batch when one row names a rep outside the scope, naming the row', async () => {
      const before = await countCallReports(t);
      const reports = [aCall({ repId: w.repA1 }), aCall({ repId: w.repB1 })];
      const { response, error } = await createCallReportBatch({
        client: w.vendorManagerA.client,
        body: { reports },
      });
      expect(response.status).toBe(404);
      expect(error).toMatchObject({ errors: [{ field: 'reports.1.repId' }] });
      expect(await countCallReports(t)).toBe(before);
    });

    it('replays a batch sent again with the same Idempotency-Key and refuses the key with another body', async () => {
      const key = randomUUID();
      const body = { reports: [aCall({ repId: w.repA1 }), aCall({ repId: w.repA2 })] };
      const first = await createCallReportBatch({
        client: w.manager.client,
        body,
        headers: { 'Idempotency-Key': key },
      });
      expect(first.response.status).toBe(201);
      const before = await countCallReports(t);
      const replay = await createCallReportBatch({
        client: w.manager.client,
        body,
        headers: { 'Idempotency-Key': key },
      });
      expect(replay.response.status).toBe(201);
      expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.data).toEqual(first.data);
      const changed = await createCallReportBatch({
        client: w.manager.client,
        body: { reports: [aCall({ repId: w.repA1, durationSeconds: 1 })] },
        headers: { 'Idempotency-Key': key },
      });
      expect(changed.response.status).toBe(422);
      expect(changed.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await countCallReports(t)).toBe(before);
    });
  });

  describe('reading', () => {
    it("shows a rep only their own reports and a vendor manager only their vendor's", async () => {
      const other = await createCallReport({ client: w.manager.client, body: aCall({ repId: w.repA2 }) });
      const own = await createCallReport({ client: w.repA1User.client, body: aCall() });
      expect(
        (await getCallReport({ client: w.repA1User.client, path: { id: other.data!.id } })).response.status,
      ).toBe(404);
      expect(
        (await getCallReport({ client: w.repA1User.client, path: { id: own.data!.id } })).response.status,
      ).toBe(200);

      const mine = await listCallReports({ client: w.repA1User.client, query: { limit: 200 } });
      expect(mine.data?.data.every((report) => report.repId === w.repA1)).toBe(true);
      const vendors = await listCallReports({ client: w.vendorManagerA.client, query: { limit: 200 } });
      expect(vendors.data?.data.every((report) => report.vendorId === w.vendorA)).toBe(true);
      const hungarian = await createCallReport({ client: w.manager.client, body: aCall({ repId: w.repB1 }) });
      expect(
        (await getCallReport({ client: w.vendorManagerA.client, path: { id: hungarian.data!.id } })).response
          .status,
      ).toBe(404);
    });

    it('pages newest first without repeats or gaps', async () => {
      const rep = await w.newRep(w.vendorB);
      const base = Date.UTC(2026, 10, 2, 8);
      const times = Array.from({ length: 7 }, (_, i) => new Date(base + i * 3_600_000).toISOString());
      await createCallReportBatch({
        client: w.manager.client,
        body: { reports: times.map((occurredAt) => aCall({ repId: rep, occurredAt })) },
      });
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const { data } = await listCallReports({
          client: w.manager.client,
          query: { repId: rep, limit: 3, cursor },
        });
        seen.push(...data!.data.map((report) => report.occurredAt));
        cursor = data!.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual([...times].reverse().map((time) => new Date(time).toISOString()));
    });
  });

  it('lets no anonymous caller file', async () => {
    const { response } = await createCallReport({ client: t.anonymous, body: aCall() });
    expect(response.status).toBe(401);
  });
});
