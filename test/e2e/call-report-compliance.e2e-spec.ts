import { randomUUID } from 'node:crypto';
import {
  createLead,
  createCallReportBatch,
  getRepCompliance,
  getRepDailyBrief,
  getVendorCompliance,
  getVendorDailyBrief,
  listRepsBelowQuota,
  putHoliday,
} from '../../openapi/sdk';
import type { CreateCallReportDto } from '../../openapi/sdk';
import { aCall, callReportWorld, CallReportWorld } from '../support/call-report-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('Call reports: quotas, compliance and the daily brief', () => {
  let t: TestApp;
  let w: CallReportWorld;

  beforeAll(async () => {
    t = await startTestApp();
    w = await callReportWorld(t);
  });
  afterAll(() => t.close());

  const file = async (reports: CreateCallReportDto[]) => {
    const { response, error } = await createCallReportBatch({ client: w.manager.client, body: { reports } });
    if (response.status !== 201) throw new Error(`filing failed: ${JSON.stringify(error)}`);
  };
  /** n calls of a rep at the given UTC instant, a minute apart. */
  const calls = (repId: string, at: string, n: number, extra: Partial<CreateCallReportDto> = {}) =>
    Array.from({ length: n }, (_, i) =>
      aCall({ repId, occurredAt: new Date(Date.parse(at) + i * 600_000).toISOString(), ...extra }),
    );

  describe('a Hungarian rep over an ISO week with a company holiday', () => {
    let rep: string;

    beforeAll(async () => {
      rep = await w.newRep(w.vendorB, { dailyCallQuota: 3, weeklyCallQuota: 12 });
      await putHoliday({
        client: w.admin.client,
        path: { countryCode: 'HU', date: '2026-11-04' },
        body: { name: 'Company day', kind: 'holiday' },
      });
      // Budapest is UTC+1 in November.
      await file([
        ...calls(rep, '2026-11-01T22:30:00Z', 1), // Sunday 23:30 local: the week before
        ...calls(rep, '2026-11-02T08:00:00Z', 3), // Monday
        ...calls(rep, '2026-11-03T08:00:00Z', 2), // Tuesday: short of the daily quota
        ...calls(rep, '2026-11-04T08:00:00Z', 1), // Wednesday: the holiday, still counts as done
        ...calls(rep, '2026-11-05T08:00:00Z', 3), // Thursday
        ...calls(rep, '2026-11-05T23:30:00Z', 1), // Friday 00:30 local
        aCall({ repId: rep, occurredAt: '2026-11-07T09:00:00Z', type: 'visit', durationSeconds: 3600 }),
      ]);
    });

    it('counts four working days, expects the stricter quota, and names the days missed', async () => {
      const { response, data } = await getRepCompliance({
        client: w.manager.client,
        path: { repId: rep },
        query: { week: '2026-W45' },
      });
      expect(response.status).toBe(200);
      expect(data).toMatchObject({
        from: '2026-11-02',
        to: '2026-11-08',
        timezone: 'Europe/Budapest',
        workingDays: 4,
        quotas: { dailyCalls: 3, weeklyCalls: 12, dailyVisits: null, weeklyVisits: null },
        // daily 3 × 4 = 12 beats the weekly 12 prorated to 4/5 = 10
        calls: { done: 10, expected: 12, percent: 83.3, met: false },
        visits: { done: 1, expected: null, met: true },
        daysMissed: 2, // Tuesday and Friday
        belowQuota: true,
      });
      expect(data?.byType).toMatchObject({ call: 10, visit: 1, email: 0 });
    });

    it('measures visits against the rep’s own visit quota, else the agreement’s default', async () => {
      const own = await w.newRep(w.vendorB, { weeklyVisitQuota: 3 });
      await file([
        aCall({ repId: own, occurredAt: '2026-11-03T09:00:00Z', type: 'visit', durationSeconds: 3600 }),
      ]);
      const mine = await getRepCompliance({
        client: w.manager.client,
        path: { repId: own },
        query: { week: '2026-W45' },
      });
      // Weekly 3 visits prorated to the 4 working days of the holiday week: 2.4 → 3 expected.
      expect(mine.data).toMatchObject({ quotas: { weeklyVisits: 3 }, visits: { done: 1, met: false } });

      const fromAgreement = await w.newRep(w.vendorA);
      const byDefault = await getRepCompliance({
        client: w.manager.client,
        path: { repId: fromAgreement },
        query: { week: '2026-W45' },
      });
      expect(byDefault.data!.quotas).toMatchObject({ dailyVisits: 1, weeklyVisits: 4 });
    });

    it('measures a single day in the rep’s time zone', async () => {
      const { data } = await getRepCompliance({
        client: w.manager.client,
        path: { repId: rep },
        query: { date: '2026-11-06' },
      });
      expect(data).toMatchObject({ workingDays: 1, calls: { done: 1, expected: 3 }, daysMissed: 1 });
    });

    it('expects nothing on the holiday itself', async () => {
      const { data } = await getRepCompliance({
        client: w.manager.client,
        path: { repId: rep },
        query: { date: '2026-11-04' },
      });
      expect(data).toMatchObject({
        workingDays: 0,
        calls: { done: 1, expected: 0, met: true },
        belowQuota: false,
      });
    });

    it('lists the rep in the team view of reps below quota', async () => {
      const { data } = await listRepsBelowQuota({
        client: w.manager.client,
        query: { vendorId: w.vendorB, week: '2026-W45' },
      });
      expect(data?.data.map((entry) => entry.repId)).toContain(rep);
    });

    it('adds the rep into the vendor’s compliance', async () => {
      const { data } = await getVendorCompliance({
        client: w.manager.client,
        path: { vendorId: w.vendorB },
        query: { from: '2026-11-02', to: '2026-11-08' },
      });
      expect(data?.reps.find((entry) => entry.repId === rep)).toMatchObject({
        calls: { done: 10, expected: 12 },
      });
      expect(data?.repsBelowQuota).toBeGreaterThanOrEqual(1);
      expect(data?.calls.done).toBeGreaterThanOrEqual(10);
    });
  });

  it('counts a Chinese make-up Saturday (调休) as a working day against the agreement defaults', async () => {
    const rep = await w.newRep(w.vendorA);
    const { data } = await getRepCompliance({
      client: w.manager.client,
      path: { repId: rep },
      query: { week: '2026-W07' },
    });
    expect(data).toMatchObject({
      workingDays: 6,
      quotas: { dailyCalls: 8, weeklyCalls: 40 },
      calls: { done: 0, expected: 48, percent: 0 },
      daysMissed: 6,
    });
  });

  it('leaves a rep who meets the quota out of the team view', async () => {
    // An office-based rep: no visits expected, overriding the agreement's visit default.
    const rep = await w.newRep(w.vendorA, {
      dailyCallQuota: 2,
      weeklyCallQuota: 5,
      dailyVisitQuota: 0,
      weeklyVisitQuota: 0,
    });
    await file([...calls(rep, '2026-10-20T02:00:00Z', 2), ...calls(rep, '2026-10-21T02:00:00Z', 3)]);
    const range = { from: '2026-10-20', to: '2026-10-21' };
    const { data } = await getRepCompliance({ client: w.manager.client, path: { repId: rep }, query: range });
    expect(data).toMatchObject({
      calls: { done: 5, expected: 4, met: true },
      belowQuota: false,
      daysMissed: 0,
    });
    const team = await listRepsBelowQuota({
      client: w.manager.client,
      query: { vendorId: w.vendorA, ...range },
    });
    expect(team.data?.data.map((entry) => entry.repId)).not.toContain(rep);
  });

  it('refuses a period given two ways or longer than a year', async () => {
    const both = await getRepCompliance({
      client: w.manager.client,
      path: { repId: w.repA1 },
      query: { date: '2026-11-02', week: '2026-W45' },
    });
    expect(both.response.status).toBe(400);
    const long = await getRepCompliance({
      client: w.manager.client,
      path: { repId: w.repA1 },
      query: { from: '2025-01-01', to: '2026-06-30' },
    });
    expect(long.response.status).toBe(400);
    const badWeek = await getRepCompliance({
      client: w.manager.client,
      path: { repId: w.repA1 },
      query: { week: '2025-W53' },
    });
    expect(badWeek.response.status).toBe(400);
  });

  describe('scope', () => {
    it('shows a rep their own compliance and answers 404 for another rep', async () => {
      const own = await getRepCompliance({ client: w.repA1User.client, path: { repId: w.repA1 } });
      expect(own.response.status).toBe(200);
      expect(own.data?.quotas.dailyCalls).toBe(10);
      const other = await getRepCompliance({ client: w.repA1User.client, path: { repId: w.repA2 } });
      expect(other.response.status).toBe(404);
    });

    it('keeps vendor figures from reps and other vendors’ managers', async () => {
      const byRep = await getVendorCompliance({ client: w.repA1User.client, path: { vendorId: w.vendorA } });
      expect(byRep.response.status).toBe(403);
      const otherVendor = await getVendorCompliance({
        client: w.vendorManagerA.client,
        path: { vendorId: w.vendorB },
      });
      expect(otherVendor.response.status).toBe(404);
      const unknown = await getVendorCompliance({
        client: w.manager.client,
        path: { vendorId: randomUUID() },
      });
      expect(unknown.response.status).toBe(404);
    });

    it("limits a vendor manager's team view to their own reps", async () => {
      const { data } = await listRepsBelowQuota({
        client: w.vendorManagerA.client,
        query: { week: '2026-W45' },
      });
      expect(data?.data.length).toBeGreaterThan(0);
      expect(data?.data.every((entry) => entry.vendorId === w.vendorA)).toBe(true);
    });
  });

  describe('daily brief', () => {
    let rep: string;
    let leadA: string;
    let leadB: string;

    beforeAll(async () => {
      const lead = async (companyName: string) =>
        (await createLead({ client: w.manager.client, body: { companyName } })).data!.id;
      leadA = await lead('Brief Alpha Kft.');
      leadB = await lead('简报测试有限公司');
      rep = await w.newRep(w.vendorA, { dailyCallQuota: 4, weeklyCallQuota: 20 });
      // 2026-11-18 in Shanghai (UTC+8)
      await file([
        aCall({ repId: rep, occurredAt: '2026-11-18T01:00:00Z', leadId: leadA, outcome: 'no_answer' }),
        aCall({ repId: rep, occurredAt: '2026-11-18T01:10:00Z', leadId: leadA, outcome: 'connected' }),
        aCall({
          repId: rep,
          occurredAt: '2026-11-18T02:00:00Z',
          leadId: leadB,
          outcome: 'follow_up_set',
          nextStep: 'Call back with prices',
          nextStepOn: '2026-11-20',
        }),
        aCall({
          repId: rep,
          occurredAt: '2026-11-18T05:00:00Z',
          type: 'visit',
          durationSeconds: 3600,
          outcome: 'interested',
        }),
        aCall({
          repId: rep,
          occurredAt: '2026-11-18T08:00:00Z',
          type: 'meeting',
          durationSeconds: 1800,
          outcome: 'proposal_sent',
        }),
        aCall({ repId: rep, occurredAt: '2026-11-18T20:00:00Z' }), // 04:00 on the 19th in Shanghai
      ]);
    });

    it("sums a rep's day by type and outcome, with leads touched, follow-ups and quota status", async () => {
      const { response, data } = await getRepDailyBrief({
        client: w.manager.client,
        path: { repId: rep },
        query: { date: '2026-11-18' },
      });
      expect(response.status).toBe(200);
      expect(data).toMatchObject({
        date: '2026-11-18',
        repId: rep,
        vendorId: w.vendorA,
        byType: { call: 3, visit: 1, meeting: 1, negotiation: 0 },
        leadsTouched: 2,
        followUpsSet: 1,
        quota: { workingDays: 1, calls: { done: 3, expected: 4, met: false } },
        repsBelowQuota: 1,
      });
      expect(data?.byOutcome).toEqual(
        expect.arrayContaining([
          { type: 'call', outcome: 'no_answer', count: 1 },
          { type: 'visit', outcome: 'interested', count: 1 },
        ]),
      );
    });

    it("gives the vendor's brief across its reps", async () => {
      const { data } = await getVendorDailyBrief({
        client: w.vendorManagerA.client,
        path: { vendorId: w.vendorA },
        query: { date: '2026-11-18' },
      });
      expect(data).toMatchObject({ date: '2026-11-18', repId: null, vendorId: w.vendorA, leadsTouched: 2 });
      expect(data?.byType.call).toBeGreaterThanOrEqual(3);
      expect(data?.repsBelowQuota).toBeGreaterThanOrEqual(1);
    });

    it("refuses another vendor's brief (404) and the vendor brief to a rep (403)", async () => {
      const other = await getVendorDailyBrief({
        client: w.vendorManagerA.client,
        path: { vendorId: w.vendorB },
      });
      expect(other.response.status).toBe(404);
      const byRep = await getVendorDailyBrief({ client: w.repA1User.client, path: { vendorId: w.vendorA } });
      expect(byRep.response.status).toBe(403);
      const otherRep = await getRepDailyBrief({ client: w.repA1User.client, path: { repId: rep } });
      expect(otherRep.response.status).toBe(404);
    });
  });
});
