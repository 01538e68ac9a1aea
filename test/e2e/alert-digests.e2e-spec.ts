import { randomUUID } from 'node:crypto';
import { listDigests, listMyDigests, runCheck } from '../../openapi/sdk';
import type { DigestDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { callReportWorld, CallReportWorld } from '../support/call-report-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

/**
 * Four recipients: the sales manager (company time zone Asia/Shanghai), vendor A's manager and rep A1
 * (Asia/Shanghai), rep B1 (Europe/Budapest). At 2026-11-22T20:00Z it is Monday 23 November 04:00 in
 * Shanghai and still Sunday 22 November 21:00 in Budapest.
 */
describe('Alert digests', () => {
  let t: TestApp;
  let w: CallReportWorld;
  let repB1User: TestUser;
  const ids: Record<number, string> = {};
  const asOf = '2026-11-22T20:00:00.000Z';

  const run = (at: string) =>
    runCheck({ client: w.admin.client, path: { name: 'digests' }, body: { asOf: at } });
  const digestEvents = () =>
    t.dataSource.query<{ event_type: string; vendor_id: string | null; payload: DigestDto }[]>(
      `SELECT event_type, vendor_id, payload FROM webhook_events WHERE event_type LIKE 'digest.%'
        ORDER BY occurred_at, payload->>'id'`,
    );
  const mine = async (user: TestUser, period: 'daily' | 'weekly' = 'daily') =>
    (await listMyDigests({ client: user.client, query: { period } })).data!.data;

  beforeAll(async () => {
    t = await startTestApp();
    w = await callReportWorld(t);
    repB1User = await t.signIn(Role.REP, { vendorId: w.vendorB, repId: w.repB1 });
    const alert = async (
      n: number,
      type: string,
      severity: string,
      subject: [string, string],
      vendorId: string,
      repId: string | null,
      status: string,
      raisedAt: string,
    ) => {
      const [row] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO alerts (type, check_name, severity, subject_type, subject_id, vendor_id, rep_id, message,
                             status, level, raised_at, last_seen_at)
         VALUES ($1, $1, $2, $3, $4, $5, $6, 'constructed ' || $9, $7, 'rep', $8, $8) RETURNING id`,
        [type, severity, subject[0], subject[1], vendorId, repId, status, raisedAt, String(n)],
      );
      ids[n] = row.id;
    };
    const lead = (): [string, string] => ['lead', randomUUID()];
    // The daily window is 2026-11-21T20:00Z … 2026-11-22T20:00Z.
    await alert(
      1,
      'idle_rep',
      'warning',
      ['rep', w.repA1],
      w.vendorA,
      w.repA1,
      'open',
      '2026-11-20T08:00:00Z',
    );
    await alert(2, 'stale_key_lead', 'critical', lead(), w.vendorA, w.repA1, 'open', '2026-11-22T12:00:00Z');
    await alert(
      3,
      'stale_key_lead',
      'warning',
      lead(),
      w.vendorA,
      w.repA2,
      'acknowledged',
      '2026-11-22T10:00:00Z',
    );
    await alert(
      4,
      'idle_rep',
      'warning',
      ['rep', w.repB1],
      w.vendorB,
      w.repB1,
      'open',
      '2026-11-21T08:00:00Z',
    );
    await alert(5, 'lead_unassigned', 'info', lead(), w.vendorA, null, 'open', '2026-11-22T09:00:00Z');
    await alert(
      6,
      'stale_key_lead',
      'critical',
      lead(),
      w.vendorA,
      w.repA1,
      'resolved',
      '2026-11-22T06:00:00Z',
    );
    // Raised after the run's instant: no digest of that run knows it.
    await alert(
      7,
      'idle_rep',
      'critical',
      ['rep', w.repA2],
      w.vendorA,
      w.repA2,
      'open',
      '2026-11-22T21:00:00Z',
    );
  });
  afterAll(() => t.close());

  const itemIds = (digest: DigestDto) => digest.topItems.map((item) => item.id);

  it('a daily digest is produced once per recipient per day and published as digest.daily', async () => {
    const first = await run(asOf);
    expect(first.data).toMatchObject({ status: 'succeeded', examined: 4 });
    let events = await digestEvents();
    expect(events.filter((e) => e.event_type === 'digest.daily')).toHaveLength(4);
    expect(events.filter((e) => e.event_type === 'digest.weekly')).toHaveLength(4);

    // An hour later it is the same day for everyone: nothing new is stored or sent.
    await run('2026-11-22T21:00:00.000Z');
    expect(await digestEvents()).toHaveLength(8);
    expect(await mine(w.manager)).toHaveLength(1);

    // A day later: a new daily for each; a new weekly only in Budapest, where Monday began a new ISO week.
    await run('2026-11-23T20:00:00.000Z');
    events = await digestEvents();
    expect(events.filter((e) => e.event_type === 'digest.daily')).toHaveLength(8);
    const weekly = events.filter((e) => e.event_type === 'digest.weekly').map((e) => e.payload);
    expect(weekly.map((d) => [d.recipient.userId, d.periodKey]).sort()).toEqual(
      [
        [w.manager.id, '2026-W48'],
        [w.vendorManagerA.id, '2026-W48'],
        [w.repA1User.id, '2026-W48'],
        [repB1User.id, '2026-W47'],
        [repB1User.id, '2026-W48'],
      ].sort(),
    );
    expect((await mine(w.manager)).map((d) => d.periodKey)).toEqual(['2026-11-24', '2026-11-23']);
  });

  it('a manager’s daily digest counts every alert per kind and lists the most severe, then the newest', async () => {
    const [digest] = (await mine(w.manager)).filter((d) => d.periodKey === '2026-11-23');
    expect(digest).toMatchObject({
      period: 'daily',
      localDay: '2026-11-23',
      timeZone: 'Asia/Shanghai',
      recipient: { userId: w.manager.id, role: 'sales_manager', vendorId: null, repId: null },
      windowStart: '2026-11-21T20:00:00.000Z',
      producedAt: asOf,
      open: 4,
      acknowledged: 1,
      raised: 4,
    });
    expect(digest.byKind).toEqual([
      { type: 'idle_rep', open: 2, acknowledged: 0, raised: 0, critical: 0, warning: 2, info: 0 },
      { type: 'stale_key_lead', open: 1, acknowledged: 1, raised: 3, critical: 1, warning: 1, info: 0 },
      { type: 'lead_unassigned', open: 1, acknowledged: 0, raised: 1, critical: 0, warning: 0, info: 1 },
    ]);
    expect(itemIds(digest)).toEqual([ids[2], ids[3], ids[4], ids[1], ids[5]]);
    expect(digest.topItems[0]).toMatchObject({
      type: 'stale_key_lead',
      severity: 'critical',
      status: 'open',
    });
  });

  it('a vendor manager’s and a rep’s digests count only the alerts in their scope', async () => {
    const [vendor] = (await mine(w.vendorManagerA)).filter((d) => d.periodKey === '2026-11-23');
    expect(vendor).toMatchObject({ open: 3, acknowledged: 1, raised: 4, timeZone: 'Asia/Shanghai' });
    expect(vendor.byKind.map((k) => [k.type, k.open, k.acknowledged])).toEqual([
      ['stale_key_lead', 1, 1],
      ['idle_rep', 1, 0],
      ['lead_unassigned', 1, 0],
    ]);
    expect(itemIds(vendor)).toEqual([ids[2], ids[3], ids[1], ids[5]]);

    const [rep] = (await mine(w.repA1User)).filter((d) => d.periodKey === '2026-11-23');
    expect(rep).toMatchObject({ open: 2, acknowledged: 0, raised: 2 });
    expect(rep.byKind).toEqual([
      { type: 'idle_rep', open: 1, acknowledged: 0, raised: 0, critical: 0, warning: 1, info: 0 },
      { type: 'stale_key_lead', open: 1, acknowledged: 0, raised: 2, critical: 1, warning: 0, info: 0 },
    ]);
    expect(itemIds(rep)).toEqual([ids[2], ids[1]]);
  });

  it('counts a recipient’s day in their own time zone: in Budapest the first run was still Sunday', async () => {
    const daily = await mine(repB1User);
    expect(daily.map((d) => [d.periodKey, d.timeZone])).toEqual([
      ['2026-11-23', 'Europe/Budapest'],
      ['2026-11-22', 'Europe/Budapest'],
    ]);
    expect(daily[1]).toMatchObject({
      open: 1,
      raised: 0,
      recipient: { vendorId: w.vendorB, repId: w.repB1 },
    });
    expect(itemIds(daily[1])).toEqual([ids[4]]);
  });

  it('a weekly digest counts what was raised in the last seven days', async () => {
    const [weekly] = (await mine(w.manager, 'weekly')).filter((d) => d.periodKey === '2026-W48');
    expect(weekly).toMatchObject({
      period: 'weekly',
      windowStart: '2026-11-15T20:00:00.000Z',
      open: 4,
      acknowledged: 1,
      raised: 6,
    });
  });

  it('publishes each digest with its own schema as the event data, to its vendor’s subscriptions', async () => {
    const events = await digestEvents();
    const [digest] = (await mine(w.vendorManagerA)).filter((d) => d.periodKey === '2026-11-23');
    const event = events.find((e) => e.payload.id === digest.id)!;
    expect(event).toEqual({ event_type: 'digest.daily', vendor_id: w.vendorA, payload: digest });
  });

  it('lets company roles read anyone’s digests and nobody else', async () => {
    const { data } = await listDigests({
      client: w.manager.client,
      query: { recipientId: w.repA1User.id, period: 'weekly' },
    });
    expect(data!.data.map((d) => [d.recipient.userId, d.periodKey])).toEqual([[w.repA1User.id, '2026-W48']]);
    const refused = await listDigests({ client: w.vendorManagerA.client });
    expect(refused.response.status).toBe(403);
  });
});
