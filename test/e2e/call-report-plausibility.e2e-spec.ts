import {
  createCallReport,
  createCallReportBatch,
  createWebhookSubscription,
  dismissPlausibilityFlag,
  listPlausibilityFlags,
} from '../../openapi/sdk';
import type { CreateCallReportDto, PlausibilityFlagDto } from '../../openapi/sdk';
import { aCall, callReportWorld, CallReportWorld } from '../support/call-report-fixtures';
import { loadConfig } from '../../src/config/app-config';
import { WebhooksService } from '../../src/modules/webhooks/webhooks.service';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

const budapest = { latitude: 47.4979, longitude: 19.0402, name: 'Budapest' };
const debrecen = { latitude: 47.5316, longitude: 21.6273, name: 'Debrecen' };
const minutes = (n: number) => n * 60_000;

describe('Call reports: plausibility flags', () => {
  let t: TestApp;
  let w: CallReportWorld;
  /** Ten hours ago: recent enough not to be late. */
  const base = Date.now() - minutes(600);
  const at = (offsetMinutes: number) => new Date(base + minutes(offsetMinutes)).toISOString();

  beforeAll(async () => {
    t = await startTestApp();
    w = await callReportWorld(t);
  });
  afterAll(() => t.close());

  const file = async (reports: CreateCallReportDto[]) => {
    const { response, data, error } = await createCallReportBatch({
      client: w.manager.client,
      body: { reports },
    });
    if (response.status !== 201) throw new Error(`filing failed: ${JSON.stringify(error)}`);
    return data!;
  };
  const flagsOf = async (repId: string): Promise<PlausibilityFlagDto[]> => {
    const { data } = await listPlausibilityFlags({ client: w.manager.client, query: { repId, limit: 200 } });
    return data!.data;
  };

  it('flags each of many very short calls in a row, but not a shorter run', async () => {
    const rep = await w.newRep(w.vendorA);
    const { ids, flagsRaised } = await file([
      ...[0, 2, 4, 6, 8].map((m) =>
        aCall({ repId: rep, occurredAt: at(m), durationSeconds: 8, outcome: 'no_answer' }),
      ),
      aCall({ repId: rep, occurredAt: at(30), durationSeconds: 600 }),
      ...[60, 62, 64, 66].map((m) =>
        aCall({ repId: rep, occurredAt: at(m), durationSeconds: 5, outcome: 'no_answer' }),
      ),
    ]);
    expect(flagsRaised).toBe(5);
    const flags = await flagsOf(rep);
    expect(flags.map((flag) => flag.kind)).toEqual(Array(5).fill('short_call_streak'));
    expect(new Set(flags.map((flag) => flag.callReportId))).toEqual(new Set(ids.slice(0, 5)));
    expect(flags[0].detail).toContain('5 calls in a row');
  });

  it('completes a streak across two requests and flags the earlier calls too', async () => {
    const rep = await w.newRep(w.vendorA);
    const first = await file(
      [0, 1, 2].map((m) => aCall({ repId: rep, occurredAt: at(m), durationSeconds: 3 })),
    );
    expect(first.flagsRaised).toBe(0);
    const second = await file(
      [3, 4].map((m) => aCall({ repId: rep, occurredAt: at(m), durationSeconds: 3 })),
    );
    expect(second.flagsRaised).toBe(5);
  });

  it("stores a batch's flags with its reports when the request returns, also under an Idempotency-Key", async () => {
    const rep = await w.newRep(w.vendorA);
    // An older meeting the batch overlaps, and a streak the batch completes with calls of its own.
    await file([
      aCall({ repId: rep, occurredAt: at(0), type: 'meeting', durationSeconds: 3600 }),
      ...[100, 101].map((m) => aCall({ repId: rep, occurredAt: at(m), durationSeconds: 4 })),
    ]);
    const headers = { 'Idempotency-Key': `flags-with-reports-${rep}` };
    const body = {
      reports: [
        aCall({ repId: rep, occurredAt: at(30), durationSeconds: 300 }),
        ...[102, 103, 104].map((m) => aCall({ repId: rep, occurredAt: at(m), durationSeconds: 4 })),
      ],
    };
    const first = await createCallReportBatch({ client: w.manager.client, body, headers });
    expect(first.response.status).toBe(201);
    expect(first.data).toMatchObject({ created: 4, flagsRaised: 6 });
    const flags = await flagsOf(rep);
    expect(flags.map((flag) => flag.kind).sort()).toEqual([
      'overlapping',
      ...Array(5).fill('short_call_streak'),
    ]);
    expect(flags.find((flag) => flag.kind === 'overlapping')!.callReportId).toBe(first.data!.ids[0]);

    const replay = await createCallReportBatch({ client: w.manager.client, body, headers });
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.data).toEqual(first.data);
    expect(await flagsOf(rep)).toHaveLength(6);
  });

  it('flags a report that starts before the same rep’s previous activity ended, also one filed earlier', async () => {
    const rep = await w.newRep(w.vendorA);
    await file([aCall({ repId: rep, occurredAt: at(0), type: 'meeting', durationSeconds: 3600 })]);
    const { data } = await createCallReport({
      client: w.manager.client,
      body: aCall({ repId: rep, occurredAt: at(20), durationSeconds: 300 }),
    });
    const flags = await flagsOf(rep);
    expect(flags).toEqual([
      expect.objectContaining({
        kind: 'overlapping',
        callReportId: data!.id,
        repId: rep,
        vendorId: w.vendorA,
      }),
    ]);
    expect(flags[0].detail).toContain('40 min');
  });

  it('does not flag back-to-back activities or an email during a meeting', async () => {
    const rep = await w.newRep(w.vendorA);
    const { flagsRaised } = await file([
      aCall({ repId: rep, occurredAt: at(0), durationSeconds: 600 }),
      aCall({ repId: rep, occurredAt: at(10), durationSeconds: 600 }),
      aCall({ repId: rep, occurredAt: at(15), type: 'email', durationSeconds: 0, outcome: 'proposal_sent' }),
    ]);
    expect(flagsRaised).toBe(0);
  });

  it('flags a visit 194 km from the previous one half an hour later, not one three hours later', async () => {
    const rep = await w.newRep(w.vendorB);
    const visit = (offset: number, location: typeof budapest) =>
      aCall({ repId: rep, occurredAt: at(offset), type: 'visit', durationSeconds: 1800, location });
    const { ids } = await file([visit(0, budapest), visit(60, debrecen), visit(270, budapest)]);
    const flags = await flagsOf(rep);
    expect(flags).toEqual([expect.objectContaining({ kind: 'impossible_travel', callReportId: ids[1] })]);
    expect(flags[0].detail).toMatch(/19\d km from the previous visit 30 min after it/);
  });

  it('flags a report filed long after the fact', async () => {
    const rep = await w.newRep(w.vendorA);
    const { ids } = await file([
      aCall({ repId: rep, occurredAt: new Date(Date.now() - 4 * 24 * 3_600_000).toISOString() }),
      aCall({ repId: rep, occurredAt: new Date(Date.now() - 3_600_000).toISOString() }),
    ]);
    const flags = await flagsOf(rep);
    expect(flags).toEqual([expect.objectContaining({ kind: 'late_report', callReportId: ids[0] })]);
    expect(flags[0].detail).toMatch(/Reported 9[5-6] h after/);
  });

  it('tells subscribed ERPs about each flag through a signed call_report.flagged webhook', async () => {
    const receiver = new WebhookReceiver();
    await receiver.start();
    try {
      const { data: subscription } = await createWebhookSubscription({
        client: w.admin.client,
        body: { url: receiver.url, eventTypes: ['call_report.flagged'], vendorId: w.vendorA },
      });
      const rep = await w.newRep(w.vendorA);
      const { ids } = await file([
        aCall({ repId: rep, occurredAt: new Date(Date.now() - 5 * 24 * 3_600_000).toISOString() }),
      ]);
      await t.app.get(WebhooksService).drainOnce();
      const events = receiver.received.map(
        (r) => JSON.parse(r.body) as { type: string; vendorId: string; data: Record<string, unknown> },
      );
      expect(events).toEqual([
        expect.objectContaining({
          type: 'call_report.flagged',
          vendorId: w.vendorA,
          data: expect.objectContaining({ callReportId: ids[0], repId: rep, kind: 'late_report' }),
        }),
      ]);
      expect(subscription!.secret).toMatch(/^whsec_/);
    } finally {
      await receiver.stop();
    }
  });

  describe('listing and dismissing', () => {
    let flag: PlausibilityFlagDto;
    let hungarianFlag: PlausibilityFlagDto;

    beforeAll(async () => {
      const rep = await w.newRep(w.vendorA);
      await file([
        aCall({ repId: rep, occurredAt: new Date(Date.now() - 5 * 24 * 3_600_000).toISOString() }),
      ]);
      [flag] = await flagsOf(rep);
      const repB = await w.newRep(w.vendorB);
      await file([
        aCall({ repId: repB, occurredAt: new Date(Date.now() - 5 * 24 * 3_600_000).toISOString() }),
      ]);
      [hungarianFlag] = await flagsOf(repB);
    });

    it("lists a vendor's flags to its manager and hides other vendors'", async () => {
      const { data } = await listPlausibilityFlags({
        client: w.vendorManagerA.client,
        query: { kind: 'late_report', limit: 200 },
      });
      const ids = data!.data.map((entry) => entry.id);
      expect(ids).toContain(flag.id);
      expect(ids).not.toContain(hungarianFlag.id);
      expect(data!.data.every((entry) => entry.vendorId === w.vendorA)).toBe(true);
    });

    it('refuses dismissal by a rep (403) and by another vendor’s manager (404)', async () => {
      const rep = await dismissPlausibilityFlag({
        client: w.repA1User.client,
        path: { id: flag.id },
        body: { reason: 'I was busy' },
      });
      expect(rep.response.status).toBe(403);
      const otherVendor = await dismissPlausibilityFlag({
        client: w.vendorManagerA.client,
        path: { id: hungarianFlag.id },
        body: { reason: 'Looks fine' },
      });
      expect(otherVendor.response.status).toBe(404);
    });

    it('refuses a dismissal without a reason or against a stale version', async () => {
      const noReason = await dismissPlausibilityFlag({
        client: w.manager.client,
        path: { id: flag.id },
        body: { reason: '' },
      });
      expect(noReason.response.status).toBe(400);
      const stale = await dismissPlausibilityFlag({
        client: w.manager.client,
        path: { id: flag.id },
        body: { reason: 'Checked' },
        headers: { 'If-Match': '"7"' },
      });
      expect(stale.response.status).toBe(412);
    });

    it("lets the vendor's manager dismiss with a reason; the flag leaves the open list and cannot be dismissed twice", async () => {
      const { response, data } = await dismissPlausibilityFlag({
        client: w.vendorManagerA.client,
        path: { id: flag.id },
        body: { reason: 'The rep was on sick leave and filed late; checked with HR.' },
        headers: { 'If-Match': `"${flag.version}"` },
      });
      expect(response.status).toBe(200);
      expect(data).toMatchObject({
        dismissedBy: w.vendorManagerA.id,
        dismissReason: 'The rep was on sick leave and filed late; checked with HR.',
        version: flag.version + 1,
      });
      expect(data?.dismissedAt).not.toBeNull();
      const open = await flagsOf(flag.repId);
      expect(open).toHaveLength(0);
      const all = await listPlausibilityFlags({
        client: w.manager.client,
        query: { repId: flag.repId, includeDismissed: true },
      });
      expect(all.data?.data).toHaveLength(1);

      const again = await dismissPlausibilityFlag({
        client: w.manager.client,
        path: { id: flag.id },
        body: { reason: 'Again' },
      });
      expect(again.response.status).toBe(409);
      expect(again.error).toMatchObject({ code: 'PLAUSIBILITY_FLAG_ALREADY_DISMISSED' });
    });

    it('lets a sales manager dismiss any vendor’s flag', async () => {
      const { response } = await dismissPlausibilityFlag({
        client: w.manager.client,
        path: { id: hungarianFlag.id },
        body: { reason: 'Known outage of the mobile app' },
      });
      expect(response.status).toBe(200);
    });
  });
});

describe('Call reports: configurable plausibility thresholds', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      callReportRules: { ...loadConfig({}).callReportRules, maxReportLagHours: 1, maxTravelSpeedKmh: 1000 },
    });
  });
  afterAll(() => t.close());

  it('flags lateness and travel against the configured lag and speed', async () => {
    const w = await callReportWorld(t);
    const rep = await w.newRep(w.vendorB);
    const start = Date.now() - minutes(180);
    const visit = (offset: number, location: typeof budapest) =>
      aCall({
        repId: rep,
        occurredAt: new Date(start + minutes(offset)).toISOString(),
        type: 'visit',
        durationSeconds: 1800,
        location,
      });
    const { data } = await createCallReportBatch({
      client: w.manager.client,
      body: { reports: [visit(0, budapest), visit(60, debrecen)] },
    });
    const { data: flags } = await listPlausibilityFlags({ client: w.manager.client, query: { repId: rep } });
    // 3 h ago is late against a 1 h lag; 194 km in 30 min (388 km/h) is possible at 1 000 km/h.
    expect(flags!.data.map((flag) => flag.kind).sort()).toEqual(['late_report', 'late_report']);
    expect(data?.flagsRaised).toBe(2);
  });
});
