import {
  createCallReport,
  createLead,
  createRep,
  getLead,
  listAlerts,
  recordLeadActivity,
  runCheck,
  setKeyLead,
  setLeadFollowUpPlan,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { LeadsService } from '../../src/modules/leads/leads.service';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';

const DAY = 86_400_000;

describe('scheduler checks on the work: stale key leads, overdue follow-ups, unassigned leads, idle reps', () => {
  let t: TestApp;
  let admin: TestUser;
  let manager: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    manager = await t.signIn(Role.SALES_MANAGER);
  });
  afterAll(() => t.close());

  const run = async (name: string, asOf: Date) => {
    const { data, error } = await runCheck({
      client: admin.client,
      path: { name },
      body: { asOf: asOf.toISOString() },
    });
    if (!data) throw new Error(JSON.stringify(error));
    expect(data.status).toBe('succeeded');
    return data;
  };
  /** The unresolved alert of this type and subject if there is one, else the latest resolved one. */
  const alertOf = async (type: string, subjectId: string) => {
    const all = (await listAlerts({ client: admin.client, query: { type, subjectId } })).data!.data;
    return all.find((alert) => alert.status !== 'resolved') ?? all.at(-1);
  };
  const lead = async (companyName: string) =>
    (await createLead({ client: manager.client, body: { companyName } })).data!;

  it('flags a key lead untouched past its window and resolves the alert once someone touches it', async () => {
    const key = await lead('Stale Key Zrt.');
    await setKeyLead({
      client: manager.client,
      path: { id: key.id },
      body: { keyLead: true, reason: 'Named account' },
    });

    await run('stale_key_leads', new Date(Date.now() + 6 * DAY));
    expect(await alertOf('stale_key_lead', key.id)).toBeUndefined();

    await run('stale_key_leads', new Date(Date.now() + 8 * DAY));
    expect(await alertOf('stale_key_lead', key.id)).toMatchObject({ status: 'open', severity: 'critical' });

    await recordLeadActivity({
      client: manager.client,
      path: { id: key.id },
      body: { channel: 'call', content: 'Called the buyer' },
    });
    await run('stale_key_leads', new Date(Date.now() + 3 * DAY));
    expect(await alertOf('stale_key_lead', key.id)).toMatchObject({ status: 'resolved' });
  });

  it("keeps a lead's latest touch with its owner team: a new owner starts from its own touches", async () => {
    const key = await lead('Changing Hands Bt.');
    await setKeyLead({
      client: manager.client,
      path: { id: key.id },
      body: { keyLead: true, reason: 'Named account' },
    });
    // Taken in a month ago; the company's own user (nobody owns it yet) followed it up two days ago,
    // written straight into the history: the kept touch follows every entry, however it is written.
    await t.dataSource.query(`UPDATE leads SET created_at = now() - interval '30 days' WHERE id = $1`, [
      key.id,
    ]);
    await t.dataSource.query(
      `INSERT INTO lead_activities (lead_id, occurred_at, kind, channel, actor_id, actor_name)
       VALUES ($1, now() - interval '2 days', 'follow_up', 'call', $2, 'Company user')`,
      [key.id, manager.id],
    );
    await run('stale_key_leads', new Date());
    expect(await alertOf('stale_key_lead', key.id)).toBeUndefined();
    // As of a time before that touch, the history up to then says untouched since intake.
    await run('stale_key_leads', new Date(Date.now() - 5 * DAY));
    expect(await alertOf('stale_key_lead', key.id)).toMatchObject({ status: 'open' });

    const fx = vendorFixtures(manager.client);
    const vendor = await fx.vendor((await fx.salesUnit()).id);
    const rep = await createRep({
      client: manager.client,
      body: { vendorId: vendor.id, fullName: 'New Owner', grade: 'A', capacity: 10, timezone: 'UTC' },
    });
    await run('stale_key_leads', new Date());
    expect(await alertOf('stale_key_lead', key.id)).toMatchObject({ status: 'resolved' });
    const actor = {
      subjectId: admin.id,
      kind: 'user',
      role: Role.ADMIN,
      vendorId: null,
      repId: null,
      name: 'a',
    } as const;
    await t.app.get(LeadsService).assignLeadOwner(key.id, vendor.id, rep.data!.id, actor);
    // The company's touch is not the new owner team's: untouched by them since intake.
    await run('stale_key_leads', new Date());
    expect(await alertOf('stale_key_lead', key.id)).toMatchObject({ status: 'open' });
    const [kept] = await t.dataSource.query(`SELECT owner_touch_at FROM leads WHERE id = $1`, [key.id]);
    expect(kept.owner_touch_at).toBeNull();
  });

  it("computes a reopened lead's kept touch again from its history", async () => {
    const reopened = await lead('Back Again Kft.');
    const [entry] = await t.dataSource.query(
      `INSERT INTO lead_activities (lead_id, occurred_at, kind, channel, actor_id, actor_name)
       VALUES ($1, now() - interval '3 days', 'follow_up', 'call', $2, 'Company user') RETURNING occurred_at`,
      [reopened.id, manager.id],
    );
    const kept = async () =>
      (await t.dataSource.query(`SELECT owner_touch_at FROM leads WHERE id = $1`, [reopened.id]))[0]
        .owner_touch_at as Date | null;
    expect(await kept()).toEqual(entry.occurred_at);
    // A closed lead's kept touch is not looked after (the migration fills open leads only): reopening it
    // reads the history again.
    await t.dataSource.query(`UPDATE leads SET status = 'lost' WHERE id = $1`, [reopened.id]);
    await t.dataSource.query(`UPDATE leads SET owner_touch_at = NULL WHERE id = $1`, [reopened.id]);
    await t.dataSource.query(`UPDATE leads SET status = 'new' WHERE id = $1`, [reopened.id]);
    expect(await kept()).toEqual(entry.occurred_at);
  });

  it('flags an open follow-up past due beyond the grace hours', async () => {
    const followed = await lead('Follow Up Later Kft.');
    await setLeadFollowUpPlan({
      client: manager.client,
      path: { id: followed.id },
      body: { kind: 'dates', dates: [new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10)] },
    });
    const due = new Date(
      (await getLead({ client: manager.client, path: { id: followed.id } })).data!.nextFollowUpDue!,
    );
    await run('overdue_follow_ups', new Date(due.getTime() + 12 * 3600_000));
    expect(await alertOf('follow_up_overdue', followed.id)).toBeUndefined();
    await run('overdue_follow_ups', new Date(due.getTime() + 3 * DAY));
    const alert = await alertOf('follow_up_overdue', followed.id);
    expect(alert).toMatchObject({ status: 'open', subjectType: 'lead' });
    expect((alert!.data as { hoursOverdue: number }).hoursOverdue).toBeGreaterThan(24);
  });

  it('flags a new lead left without an owner and resolves it once assigned', async () => {
    const waiting = await lead('Nobody Owns Me Ltd');
    await run('unassigned_work', new Date(Date.now() + 25 * 3600_000));
    expect(await alertOf('lead_unassigned', waiting.id)).toMatchObject({
      status: 'open',
      level: 'sales_manager',
    });

    const fx = vendorFixtures(manager.client);
    const vendor = await fx.vendor((await fx.salesUnit()).id);
    const rep = await createRep({
      client: manager.client,
      body: {
        vendorId: vendor.id,
        fullName: 'Owner Rep',
        grade: 'A',
        capacity: 10,
        timezone: 'Asia/Shanghai',
      },
    });
    const actor = {
      subjectId: admin.id,
      kind: 'user',
      role: Role.ADMIN,
      vendorId: null,
      repId: null,
      name: 'a',
    } as const;
    await t.app.get(LeadsService).assignLeadOwner(waiting.id, vendor.id, rep.data!.id, actor);
    await run('unassigned_work', new Date(Date.now() + 26 * 3600_000));
    expect(await alertOf('lead_unassigned', waiting.id)).toMatchObject({ status: 'resolved' });
  });

  describe('idle reps', () => {
    let repId: string;
    let vendorId: string;

    beforeAll(async () => {
      const fx = vendorFixtures(manager.client);
      vendorId = (
        await fx.vendor((await fx.salesUnit()).id, { countryCode: 'HU', timezone: 'Europe/Budapest' })
      ).id;
      await fx.agreement(vendorId, {
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
        defaultWeeklyCallQuota: 20,
      });
      repId = (
        await createRep({
          client: manager.client,
          body: {
            vendorId,
            fullName: 'Quiet Rep',
            grade: 'C',
            capacity: 10,
            timezone: 'Europe/Budapest',
            startedOn: '2026-01-05',
          },
        })
      ).data!.id;
    });

    it("idle time starts at the rep's start date: a rep who started yesterday is not idle for weeks", async () => {
      // Started Wednesday 2026-11-11; on Thursday 2026-11-12 no whole working day has passed since.
      const newcomer = (
        await createRep({
          client: manager.client,
          body: {
            vendorId,
            fullName: 'New Rep',
            grade: 'C',
            capacity: 10,
            timezone: 'Europe/Budapest',
            startedOn: '2026-11-11',
          },
        })
      ).data!;
      expect(newcomer.startedOn).toBe('2026-11-11');
      await run('idle_reps', new Date('2026-11-12T15:00:00Z'));
      expect((await alertOf('rep_idle', newcomer.id))?.status ?? 'none').not.toBe('open');
      // Weekly quota pro rata from the start: Wednesday and Thursday of 5 working days, 2/5 of 20 = 8 due,
      // 50 % of that is 4; no call yet, so the share is missed — counted from the start, not from Monday.
      const below = await alertOf('rep_below_weekly_quota', newcomer.id);
      expect(below).toMatchObject({ status: 'open' });
      expect(below!.data).toMatchObject({ callsThisWeek: 0, weeklyQuota: 20, expectedSoFar: 8 });
      // Monday 2026-11-16 → Thursday 2026-11-19 with nothing filed: Wed 11, Thu 12, Fri 13, Mon 16, Tue 17,
      // Wed 18 = 6 working days since the start, idle.
      await run('idle_reps', new Date('2026-11-19T15:00:00Z'));
      expect(await alertOf('rep_idle', newcomer.id)).toMatchObject({
        status: 'open',
        data: expect.objectContaining({ idleWorkingDays: 6 }) as unknown,
      });
    });

    it('a rep who has not started yet is neither idle nor behind their quota', async () => {
      const future = (
        await createRep({
          client: manager.client,
          body: {
            vendorId,
            fullName: 'Future Rep',
            grade: 'C',
            capacity: 10,
            timezone: 'Europe/Budapest',
            startedOn: '2026-12-01',
          },
        })
      ).data!;
      await run('idle_reps', new Date('2026-11-12T15:00:00Z'));
      expect(await alertOf('rep_idle', future.id)).toBeFalsy();
      expect(await alertOf('rep_below_weekly_quota', future.id)).toBeFalsy();
    });

    it('flags an active rep with no activity for N working days, and clears it when the rep reports', async () => {
      // Monday 2026-11-09 → Thursday 2026-11-12: nothing filed at all.
      await run('idle_reps', new Date('2026-11-12T15:00:00Z'));
      expect(await alertOf('rep_idle', repId)).toMatchObject({
        status: 'open',
        vendorId,
        repId,
        level: 'vendor_manager',
      });

      await createCallReport({
        client: manager.client,
        body: {
          repId,
          occurredAt: '2026-11-09T09:00:00Z',
          type: 'call',
          durationSeconds: 300,
          outcome: 'connected',
        },
      });
      // Last activity Monday; Tuesday and Wednesday idle = 2 working days < 3.
      await run('idle_reps', new Date('2026-11-12T15:00:00Z'));
      expect(await alertOf('rep_idle', repId)).toMatchObject({ status: 'resolved' });
    });

    it('counts working days only: a weekend does not make a rep idle', async () => {
      // Last report Friday 2026-11-13; on Tuesday only Monday has passed.
      await createCallReport({
        client: manager.client,
        body: {
          repId,
          occurredAt: '2026-11-13T10:00:00Z',
          type: 'call',
          durationSeconds: 300,
          outcome: 'connected',
        },
      });
      await run('idle_reps', new Date('2026-11-17T15:00:00Z'));
      const alert = await alertOf('rep_idle', repId);
      expect(alert?.status ?? 'resolved').toBe('resolved');
    });

    it('flags a rep below the share of their weekly call quota due by the configured weekday', async () => {
      // Week of 2026-11-09: 1 call by Thursday, 16 of 20 due pro rata, 50 % of that is 8.
      await run('idle_reps', new Date('2026-11-12T15:00:00Z'));
      const alert = await alertOf('rep_below_weekly_quota', repId);
      expect(alert).toMatchObject({ status: 'open', vendorId });
      expect(alert!.data).toMatchObject({ callsThisWeek: 1, weeklyQuota: 20, expectedSoFar: 16 });
      // Before the configured weekday (Wednesday) the weekly share is not judged.
      await run('idle_reps', new Date('2026-11-10T15:00:00Z'));
      expect(await alertOf('rep_below_weekly_quota', repId)).toMatchObject({ status: 'resolved' });
    });

    it('leads arriving and a manager’s notes are not the rep’s activity: only the rep’s own touch is', async () => {
      const busy = (
        await createRep({
          client: manager.client,
          body: {
            vendorId,
            fullName: 'Busy Inbox Rep',
            grade: 'C',
            capacity: 10,
            timezone: 'Europe/Budapest',
            startedOn: '2026-11-02',
          },
        })
      ).data!;
      const inbox = await lead('Inbox Lead Kft.');
      const actor = {
        subjectId: admin.id,
        kind: 'user',
        role: Role.ADMIN,
        vendorId: null,
        repId: null,
        name: 'routing',
      } as const;
      await t.app.get(LeadsService).assignLeadOwner(inbox.id, vendorId, busy.id, actor);
      // The sales team notes the lead on Wednesday 11 November, which is then its last activity.
      const note = await recordLeadActivity({
        client: manager.client,
        path: { id: inbox.id },
        body: {
          channel: 'message',
          content: 'Customer rang the switchboard',
          occurredAt: '2026-11-11T10:00:00Z',
        },
      });
      expect(note.response.status).toBe(201);
      await t.dataSource.query(`UPDATE leads SET last_activity_at = '2026-11-11T10:00:00Z' WHERE id = $1`, [
        inbox.id,
      ]);
      // Started Monday 2 November; by Thursday 12 nothing of the rep's own: Mon 2 – Fri 6 and Mon 9 – Wed 11
      // = 8 working days idle.
      await run('idle_reps', new Date('2026-11-12T15:00:00Z'));
      expect(await alertOf('rep_idle', busy.id)).toMatchObject({
        status: 'open',
        data: expect.objectContaining({ idleWorkingDays: 8 }) as unknown,
      });
      // The rep's own call on Wednesday: no whole working day has passed since.
      const rep = await t.signIn(Role.REP, { vendorId, repId: busy.id });
      await recordLeadActivity({
        client: rep.client,
        path: { id: inbox.id },
        body: { channel: 'call', content: 'Called back', occurredAt: '2026-11-11T12:00:00Z' },
      });
      await run('idle_reps', new Date('2026-11-12T15:00:00Z'));
      expect(await alertOf('rep_idle', busy.id)).toMatchObject({ status: 'resolved' });
    });
  });

  it('re-grades open leads on its own check, so a lead nobody touches does not keep a stale grade', async () => {
    await lead('Regrade Me Bt.');
    const run = await runCheck({ client: admin.client, path: { name: 'lead_grading' }, body: {} });
    expect(run.data).toMatchObject({ status: 'succeeded', raised: 0 });
    expect(run.data!.examined).toBeGreaterThan(0);
  });

  it('re-grades a lead once its days since the last touch have moved on, and leaves leads graded today as they are', async () => {
    const aging = await lead('Aging Lead Kft.');
    const fresh = await lead('Fresh Lead Kft.');
    const before = (await getLead({ client: manager.client, path: { id: aging.id } })).data!;
    // Time passes for one lead only: its last touch is now 40 days back (no activity since intake).
    await t.dataSource.query(
      `UPDATE leads SET created_at = created_at - interval '40 days', last_activity_at = last_activity_at - interval '40 days',
                        regrade_at = regrade_at - interval '40 days'
       WHERE id = $1`,
      [aging.id],
    );
    const freshBefore = (await t.dataSource.query('SELECT version FROM leads WHERE id = $1', [fresh.id]))[0];

    const run = await runCheck({ client: admin.client, path: { name: 'lead_grading' }, body: {} });
    expect(run.data).toMatchObject({ status: 'succeeded' });

    const after = (await getLead({ client: manager.client, path: { id: aging.id } })).data!;
    expect(after.score).toBeLessThan(before.score);
    expect(after.scoreFactors.find((f) => f.factor === 'recency')!.detail).toBe('last touch 40 day(s) ago');
    const freshAfter = (await t.dataSource.query('SELECT version FROM leads WHERE id = $1', [fresh.id]))[0];
    expect(freshAfter.version).toBe(freshBefore.version);
  });
});
