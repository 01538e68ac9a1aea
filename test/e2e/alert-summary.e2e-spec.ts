import { randomUUID } from 'node:crypto';
import { summarizeAlerts } from '../../openapi/sdk';
import { callReportWorld, CallReportWorld } from '../support/call-report-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('Alert summary', () => {
  let t: TestApp;
  let w: CallReportWorld;
  let repA3: string;
  const leadL1 = randomUUID();
  const leadL2 = randomUUID();
  const ids: Record<number, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    w = await callReportWorld(t);
    repA3 = await w.newRep(w.vendorA);
    const alert = async (
      n: number,
      type: string,
      severity: string,
      subject: { type: string; id: string },
      vendorId: string,
      repId: string,
      status: string,
      raisedAt: string,
    ) => {
      const [row] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO alerts (type, check_name, severity, subject_type, subject_id, vendor_id, rep_id, message,
                             status, level, raised_at, last_seen_at)
         VALUES ($1, $1, $2, $3, $4, $5, $6, 'constructed ' || $9, $7, 'rep', $8, $8) RETURNING id`,
        [type, severity, subject.type, subject.id, vendorId, repId, status, raisedAt, String(n)],
      );
      ids[n] = row.id;
    };
    const rep = (id: string) => ({ type: 'rep', id });
    const lead = (id: string) => ({ type: 'lead', id });
    // Constructed alerts, numbered for the hand counts below.
    await alert(1, 'idle_rep', 'warning', rep(w.repA1), w.vendorA, w.repA1, 'open', '2026-11-20T08:00:00Z');
    await alert(2, 'idle_rep', 'warning', rep(w.repA2), w.vendorA, w.repA2, 'open', '2026-11-21T08:00:00Z');
    await alert(3, 'idle_rep', 'warning', rep(w.repB1), w.vendorB, w.repB1, 'open', '2026-11-22T08:00:00Z');
    await alert(
      4,
      'call_quota_behind',
      'info',
      rep(w.repA1),
      w.vendorA,
      w.repA1,
      'open',
      '2026-11-23T08:00:00Z',
    );
    await alert(
      5,
      'stale_key_lead',
      'critical',
      lead(leadL1),
      w.vendorA,
      w.repA2,
      'resolved',
      '2026-11-18T08:00:00Z',
    );
    await alert(
      6,
      'idle_rep',
      'critical',
      rep(repA3),
      w.vendorA,
      repA3,
      'acknowledged',
      '2026-11-19T08:00:00Z',
    );
    await alert(
      7,
      'stale_key_lead',
      'warning',
      lead(leadL1),
      w.vendorA,
      w.repA2,
      'open',
      '2026-11-22T12:00:00Z',
    );
    await alert(
      8,
      'stale_key_lead',
      'critical',
      lead(leadL2),
      w.vendorA,
      w.repA1,
      'open',
      '2026-11-21T12:00:00Z',
    );
  });
  afterAll(() => t.close());

  const item = (n: number): unknown => expect.objectContaining({ id: ids[n], message: `constructed ${n}` });

  it('counts open alerts per kind and severity and lists the subjects with the most, most first', async () => {
    const { response, data } = await summarizeAlerts({ client: w.manager.client });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ status: 'open', total: 6 });
    expect(data!.byKind).toEqual([
      { type: 'idle_rep', severity: 'warning', count: 3 },
      { type: 'call_quota_behind', severity: 'info', count: 1 },
      { type: 'stale_key_lead', severity: 'critical', count: 1 },
      { type: 'stale_key_lead', severity: 'warning', count: 1 },
    ]);
    expect(data!.topSubjects[0]).toEqual({
      subjectType: 'rep',
      subjectId: w.repA1,
      count: 2,
      types: ['call_quota_behind', 'idle_rep'],
    });
  });

  it('the alert summary groups the unresolved alerts by kind and subject: open and acknowledged, oldest, newest, most severe first', async () => {
    const { data } = await summarizeAlerts({ client: w.manager.client });
    expect(data!.groups).toEqual([
      {
        type: 'idle_rep',
        subjectType: 'rep',
        open: 3,
        acknowledged: 1,
        subjects: 4,
        oldestRaisedAt: '2026-11-19T08:00:00.000Z',
        newestRaisedAt: '2026-11-22T08:00:00.000Z',
        topItems: [item(6), item(3), item(2)],
      },
      {
        type: 'stale_key_lead',
        subjectType: 'lead',
        open: 2,
        acknowledged: 0,
        subjects: 2,
        oldestRaisedAt: '2026-11-21T12:00:00.000Z',
        newestRaisedAt: '2026-11-22T12:00:00.000Z',
        topItems: [item(8), item(7)],
      },
      {
        type: 'call_quota_behind',
        subjectType: 'rep',
        open: 1,
        acknowledged: 0,
        subjects: 1,
        oldestRaisedAt: '2026-11-23T08:00:00.000Z',
        newestRaisedAt: '2026-11-23T08:00:00.000Z',
        topItems: [item(4)],
      },
    ]);
    expect(data!.groups[0].topItems[0]).toEqual({
      id: ids[6],
      type: 'idle_rep',
      severity: 'critical',
      status: 'acknowledged',
      subjectType: 'rep',
      subjectId: repA3,
      vendorId: w.vendorA,
      repId: repA3,
      message: 'constructed 6',
      raisedAt: '2026-11-19T08:00:00.000Z',
    });
  });

  it('the alert summary groups by kind and subject within the vendor manager’s scope', async () => {
    const { data } = await summarizeAlerts({ client: w.vendorManagerA.client });
    expect(data!.total).toBe(5);
    expect(
      data!.groups.map((g) => [g.type, g.open, g.acknowledged, g.oldestRaisedAt, g.newestRaisedAt]),
    ).toEqual([
      ['idle_rep', 2, 1, '2026-11-19T08:00:00.000Z', '2026-11-21T08:00:00.000Z'],
      ['stale_key_lead', 2, 0, '2026-11-21T12:00:00.000Z', '2026-11-22T12:00:00.000Z'],
      ['call_quota_behind', 1, 0, '2026-11-23T08:00:00.000Z', '2026-11-23T08:00:00.000Z'],
    ]);
    expect(data!.groups[0].topItems).toEqual([item(6), item(2), item(1)]);
  });

  it('counts only the rep’s own alerts', async () => {
    const { data } = await summarizeAlerts({ client: w.repA1User.client });
    expect(data!.byKind).toEqual([
      { type: 'call_quota_behind', severity: 'info', count: 1 },
      { type: 'idle_rep', severity: 'warning', count: 1 },
      { type: 'stale_key_lead', severity: 'critical', count: 1 },
    ]);
    expect(data!.groups.map((g) => [g.type, g.open, g.topItems.map((i) => i.id)])).toEqual([
      ['call_quota_behind', 1, [ids[4]]],
      ['idle_rep', 1, [ids[1]]],
      ['stale_key_lead', 1, [ids[8]]],
    ]);
  });

  it('sums up the resolved alerts when asked for that status', async () => {
    const { data } = await summarizeAlerts({ client: w.manager.client, query: { status: 'resolved' } });
    expect(data!.byKind).toEqual([{ type: 'stale_key_lead', severity: 'critical', count: 1 }]);
  });
});
