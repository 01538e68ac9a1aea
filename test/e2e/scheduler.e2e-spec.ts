import {
  acknowledgeAlert,
  createApiClient,
  createToken,
  createWebhookSubscription,
  getAlert,
  listAlerts,
  listChecks,
  listCheckRuns,
  listWebhookDeliveries,
  pingWebhookSubscription,
  runCheck,
  setVendorCheckSettings,
  updateCheckSettings,
  updateWebhookSubscription,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { AlertsService } from '../../src/modules/scheduler/alerts/alerts.service';
import { CheckRunnerService } from '../../src/modules/scheduler/checks/check-runner.service';
import type { Finding, SchedulerCheck } from '../../src/modules/scheduler/checks/check.types';
import { verifyWebhookSignature } from '../../src/modules/webhooks/webhook-signature';
import { WebhooksService } from '../../src/modules/webhooks/webhooks.service';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';
import { WebhookReceiver } from '../support/webhook-receiver';

const VENDOR_A = '11111111-1111-4111-8111-111111111111';
const VENDOR_B = '22222222-2222-4222-8222-222222222222';
const REP_A = '33333333-3333-4333-8333-333333333333';

describe('scheduler, alerts and webhooks', () => {
  let t: TestApp;
  let admin: TestUser;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    t = await startTestApp({ webhookRetryBaseSeconds: 0, webhookAllowedHosts: ['hooks.partner.example'] });
    admin = await t.signIn(Role.ADMIN);
    await receiver.start();
  });
  afterAll(async () => {
    await receiver.stop();
    await t.close();
  });

  const drain = () => t.app.get(WebhooksService).drainOnce();
  const subscribe = async (
    url: string,
    eventTypes: ('alert.raised' | 'alert.resolved' | 'webhook.test')[],
  ) => {
    const { data, response, error } = await createWebhookSubscription({
      client: admin.client,
      body: { url, eventTypes },
    });
    if (!data) throw new Error(`${response.status} ${JSON.stringify(error)}`);
    return data;
  };

  /** Opens alerts as a check would, for scope and escalation tests. */
  const raise = async (findings: Partial<Finding>[], asOf = new Date()) => {
    const check: SchedulerCheck = {
      name: 'constructed',
      description: 'test data',
      alertTypes: [],
      thresholds: {},
      run: () => Promise.resolve({ examined: 0, findings: [] }),
    };
    await t.dataSource.transaction((manager) =>
      t.app.get(AlertsService).reconcile(
        manager,
        check,
        findings.map((f, i) => ({
          type: 'constructed',
          severity: 'warning',
          level: 'rep',
          subjectType: 'rep',
          subjectId: `44444444-4444-4444-8444-${String(Date.now() % 1e6).padStart(6, '0')}${String(i).padStart(6, '0')}`,
          vendorId: null,
          repId: null,
          message: 'constructed alert',
          data: {},
          ...f,
        })),
        asOf,
      ),
    );
  };

  describe('webhooks', () => {
    it('delivers a signed event the receiver can verify', async () => {
      const subscription = await subscribe(receiver.url, ['webhook.test']);
      expect(subscription.secret).toMatch(/^whsec_/);
      const ping = await pingWebhookSubscription({ client: admin.client, path: { id: subscription.id } });
      expect(ping.response.status).toBe(202);
      expect(await drain()).toBe(1);

      const got = receiver.received.at(-1)!;
      expect(got.headers['osm-event-type']).toBe('webhook.test');
      const signature = String(got.headers['osm-signature']);
      expect(
        verifyWebhookSignature(subscription.secret, got.body, signature, Math.floor(Date.now() / 1000)),
      ).toBe(true);
      expect(verifyWebhookSignature('whsec_wrong', got.body, signature, Math.floor(Date.now() / 1000))).toBe(
        false,
      );
      expect(JSON.parse(got.body)).toMatchObject({
        type: 'webhook.test',
        data: { subscriptionId: subscription.id },
      });
    });

    it('retries with back-off while the receiver is down and delivers every event when it is back', async () => {
      const subscription = await subscribe(receiver.url, ['webhook.test']);
      await receiver.stop();
      for (let i = 0; i < 3; i++)
        await pingWebhookSubscription({ client: admin.client, path: { id: subscription.id } });
      expect(await drain()).toBe(3);
      const failing = await listWebhookDeliveries({ client: admin.client, path: { id: subscription.id } });
      expect(failing.data!.data.map((d) => [d.status, d.attempts])).toEqual([
        ['pending', 1],
        ['pending', 1],
        ['pending', 1],
      ]);
      expect(failing.data!.data[0].lastError).toBeTruthy();

      const before = receiver.received.length;
      await receiver.start();
      expect(await drain()).toBe(3);
      const arrived = receiver.received.slice(before);
      expect(arrived).toHaveLength(3);
      for (const event of arrived) {
        expect(
          verifyWebhookSignature(
            subscription.secret,
            event.body,
            String(event.headers['osm-signature']),
            Math.floor(Date.now() / 1000),
          ),
        ).toBe(true);
      }
      const log = await listWebhookDeliveries({ client: admin.client, path: { id: subscription.id } });
      expect(log.data!.data.map((d) => [d.status, d.attempts, d.lastStatusCode])).toEqual([
        ['delivered', 2, 204],
        ['delivered', 2, 204],
        ['delivered', 2, 204],
      ]);
      expect(await drain()).toBe(0);
    });

    it('refuses a URL that is not http(s) and an event type that does not exist', async () => {
      const notHttp = await createWebhookSubscription({
        client: admin.client,
        body: { url: 'ftp://files.example.com/in', eventTypes: ['alert.raised'] },
      });
      expect(notHttp.response.status).toBe(400);
      const badType = await createWebhookSubscription({
        client: admin.client,
        body: { url: receiver.url, eventTypes: ['lead.exploded' as 'alert.raised'] },
      });
      expect(badType.response.status).toBe(400);
      expect(badType.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('lets an integration client subscribe only to hosts the administrator allowed', async () => {
      const fx = vendorFixtures(admin.client);
      const vendorId = (await fx.vendor((await fx.salesUnit()).id)).id;
      const created = await createApiClient({
        client: admin.client,
        body: { name: 'ERP', vendorId },
      });
      const token = await createToken({
        client: t.anonymous,
        body: {
          grant_type: 'client_credentials',
          client_id: created.data!.clientId,
          client_secret: created.data!.clientSecret,
        },
      });
      const erp = t.clientWithToken(token.data!.access_token);
      const refused = await createWebhookSubscription({
        client: erp,
        body: { url: 'http://169.254.169.254/latest', eventTypes: ['alert.raised'] },
      });
      expect(refused.response.status).toBe(422);
      expect(refused.error).toMatchObject({ code: 'WEBHOOK_HOST_NOT_ALLOWED' });
      const allowed = await createWebhookSubscription({
        client: erp,
        body: { url: 'https://hooks.partner.example/osm', eventTypes: ['alert.raised'] },
      });
      expect(allowed.response.status).toBe(201);
      // A vendor-bound client always receives its own vendor's events only.
      expect(allowed.data!.vendorId).toBe(vendorId);
    });
  });

  describe('checks', () => {
    it('raises an alert for a failing webhook once, however often it runs, and resolves it when fixed', async () => {
      const alertsInbox = await subscribe(receiver.url, ['alert.raised', 'alert.resolved']);
      const broken = await subscribe('http://127.0.0.1:9/nothing-listens-here', ['webhook.test']);
      await updateCheckSettings({
        client: admin.client,
        path: { name: 'failing_webhooks' },
        body: { thresholds: { failuresBeforeAlert: 2 } },
      });
      for (let i = 0; i < 2; i++) {
        await pingWebhookSubscription({ client: admin.client, path: { id: broken.id } });
        await drain();
      }

      const first = await runCheck({ client: admin.client, path: { name: 'failing_webhooks' }, body: {} });
      expect(first.data).toMatchObject({ status: 'succeeded', raised: 1, resolved: 0 });
      const second = await runCheck({ client: admin.client, path: { name: 'failing_webhooks' }, body: {} });
      expect(second.data).toMatchObject({ status: 'succeeded', raised: 0, resolved: 0 });
      const open = await listAlerts({
        client: admin.client,
        query: { type: 'webhook_failing', subjectId: broken.id },
      });
      expect(open.data!.data).toHaveLength(1);
      expect(open.data!.data[0]).toMatchObject({ status: 'open', subjectType: 'webhook_subscription' });

      await updateWebhookSubscription({
        client: admin.client,
        path: { id: broken.id },
        body: { active: true },
      });
      const third = await runCheck({ client: admin.client, path: { name: 'failing_webhooks' }, body: {} });
      expect(third.data).toMatchObject({ raised: 0, resolved: 1 });
      const after = await getAlert({ client: admin.client, path: { id: open.data!.data[0].id } });
      expect(after.data!.status).toBe('resolved');

      // Both changes reached the ERP through the outbox.
      await drain();
      const events = receiver.received.map(
        (r) => JSON.parse(r.body) as { type: string; data: { subjectId?: string } },
      );
      const types = events.filter((event) => event.data.subjectId === broken.id).map((event) => event.type);
      expect(types).toEqual(['alert.raised', 'alert.resolved']);
      expect(alertsInbox.eventTypes).toEqual(['alert.raised', 'alert.resolved']);
    });

    it('refreshes an alert only when its content changed; it was last seen at the latest run that found it', async () => {
      const broken = await subscribe('http://127.0.0.1:9/refresh-only-changed', ['webhook.test']);
      await updateCheckSettings({
        client: admin.client,
        path: { name: 'failing_webhooks' },
        body: { thresholds: { failuresBeforeAlert: 2 } },
      });
      const fail = async () => {
        await pingWebhookSubscription({ client: admin.client, path: { id: broken.id } });
        await drain();
      };
      await fail();
      await fail();
      const run = async (asOf: string) => {
        const { data } = await runCheck({
          client: admin.client,
          path: { name: 'failing_webhooks' },
          body: { asOf },
        });
        expect(data).toMatchObject({ status: 'succeeded' });
        return data!;
      };
      const alertNow = async () => {
        const { data } = await listAlerts({
          client: admin.client,
          query: { type: 'webhook_failing', subjectId: broken.id },
        });
        expect(data!.data).toHaveLength(1);
        return data!.data[0];
      };
      const rowVersion = async (id: string) => {
        const rows: { xmin: string }[] = await t.dataSource.query(
          `SELECT xmin::text || '/' || xmax::text AS xmin FROM alerts WHERE id = $1`,
          [id],
        );
        return rows[0].xmin;
      };

      await run('2031-03-01T08:00:00.000Z');
      const raised = await alertNow();
      expect(raised).toMatchObject({ status: 'open', lastSeenAt: '2031-03-01T08:00:00.000Z' });
      const stored = await rowVersion(raised.id);

      // The same condition found again: the row is neither written nor locked, yet reads as seen by this run.
      expect(await run('2031-03-01T08:05:00.000Z')).toMatchObject({ raised: 0, resolved: 0 });
      const again = await alertNow();
      expect(again).toMatchObject({
        lastSeenAt: '2031-03-01T08:05:00.000Z',
        updatedAt: raised.updatedAt,
        version: raised.version,
      });
      expect(await rowVersion(raised.id)).toBe(stored);
      expect((await getAlert({ client: admin.client, path: { id: raised.id } })).data!.lastSeenAt).toBe(
        '2031-03-01T08:05:00.000Z',
      );

      // One more failure changes the message: that alert is written.
      await fail();
      await run('2031-03-01T08:10:00.000Z');
      const changed = await alertNow();
      expect(changed.message).not.toBe(raised.message);
      expect(changed.lastSeenAt).toBe('2031-03-01T08:10:00.000Z');
      expect(changed.updatedAt > raised.updatedAt).toBe(true);
      await run('2031-03-01T08:15:00.000Z');

      // Fixed: resolved, last seen by the run before the one that resolved it.
      await updateWebhookSubscription({
        client: admin.client,
        path: { id: broken.id },
        body: { active: true },
      });
      expect(await run('2031-03-01T08:20:00.000Z')).toMatchObject({ resolved: 1 });
      const resolved = (await getAlert({ client: admin.client, path: { id: raised.id } })).data!;
      expect(resolved).toMatchObject({ status: 'resolved', lastSeenAt: '2031-03-01T08:15:00.000Z' });
      await run('2031-03-01T08:25:00.000Z');
      expect((await getAlert({ client: admin.client, path: { id: raised.id } })).data!.lastSeenAt).toBe(
        '2031-03-01T08:15:00.000Z',
      );
    });

    it('refuses thresholds out of range or unknown, and an unknown check', async () => {
      const outOfRange = await updateCheckSettings({
        client: admin.client,
        path: { name: 'failing_webhooks' },
        body: { thresholds: { failuresBeforeAlert: 0 } },
      });
      expect(outOfRange.response.status).toBe(400);
      expect(outOfRange.error).toMatchObject({ errors: [{ field: 'thresholds.failuresBeforeAlert' }] });
      const unknownKey = await setVendorCheckSettings({
        client: admin.client,
        path: { name: 'failing_webhooks', vendorId: VENDOR_A },
        body: { thresholds: { banana: 3 } },
      });
      expect(unknownKey.response.status).toBe(400);
      const unknownCheck = await runCheck({
        client: admin.client,
        path: { name: 'no_such_check' },
        body: {},
      });
      expect(unknownCheck.response.status).toBe(404);
      expect(unknownCheck.error).toMatchObject({ code: 'CHECK_NOT_FOUND' });
      const checks = await listChecks({ client: admin.client });
      expect(checks.data!.find((c) => c.name === 'failing_webhooks')!.thresholds).toEqual({
        failuresBeforeAlert: 2,
      });
    });

    it('runs each check once per tick when two replicas fire together', async () => {
      const replica = await startTestApp({}, { shareDatabaseWith: t });
      try {
        const tick = new Date('2026-11-23T10:05:17Z');
        const [a, b] = await Promise.all([
          t.app.get(CheckRunnerService).tick(tick),
          replica.app.get(CheckRunnerService).tick(new Date('2026-11-23T10:05:44Z')),
        ]);
        expect(a.length + b.length).toBe(28);
        const runs = await listCheckRuns({ client: admin.client, query: { limit: 200 } });
        const scheduled = runs.data!.data.filter((r) => r.trigger === 'schedule');
        expect(scheduled.map((r) => r.checkName).sort()).toEqual([
          'agreement_kpi',
          'agreements_ending',
          'alert_escalation',
          'certification_expiring',
          'complaints_overdue',
          'conflicts',
          'contact_retention',
          'contests_close',
          'contracts_expiring',
          'digests',
          'earned_tags',
          'failing_webhooks',
          'first_response_sla',
          'fulfilment_review_due',
          'idle_reps',
          'key_accounts',
          'lapsed_agreements',
          'lead_grading',
          'lead_revival',
          'milestone_overdue',
          'overdue_follow_ups',
          'pool_reclaim',
          'review_actions_overdue',
          'scores_recompute',
          'settlement_drafts',
          'stale_key_leads',
          'targets_pace',
          'unassigned_work',
        ]);
        expect(new Set(scheduled.map((r) => r.tickAt))).toEqual(new Set(['2026-11-23T10:05:00.000Z']));
        expect(scheduled.every((r) => r.status === 'succeeded')).toBe(true);
      } finally {
        await replica.close();
      }
    });

    it('escalates an alert nobody acknowledged: rep, then vendor manager, then sales manager', async () => {
      const raisedAt = new Date('2026-11-20T08:00:00Z');
      await raise([{ type: 'escalation_probe', vendorId: VENDOR_A }], raisedAt);
      const find = async () =>
        (await listAlerts({ client: admin.client, query: { type: 'escalation_probe' } })).data!.data[0];
      expect((await find()).level).toBe('rep');
      const run = (hoursLater: number) =>
        runCheck({
          client: admin.client,
          path: { name: 'alert_escalation' },
          body: { asOf: new Date(raisedAt.getTime() + hoursLater * 3600_000).toISOString() },
        });
      await run(23);
      expect((await find()).level).toBe('rep');
      await run(25);
      expect((await find()).level).toBe('vendor_manager');
      await run(26);
      expect((await find()).level).toBe('vendor_manager');
      await run(50);
      expect((await find()).level).toBe('sales_manager');
    });
  });

  describe('alerts', () => {
    it('shows a vendor manager only their vendor’s alerts; another vendor’s alert is 404', async () => {
      await raise([
        { type: 'scope_probe', vendorId: VENDOR_A },
        { type: 'scope_probe', vendorId: VENDOR_B },
      ]);
      const manager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: VENDOR_A });
      const mine = await listAlerts({ client: manager.client, query: { type: 'scope_probe' } });
      expect(mine.data!.data.map((a) => a.vendorId)).toEqual([VENDOR_A]);
      const all = await listAlerts({ client: admin.client, query: { type: 'scope_probe' } });
      const foreign = all.data!.data.find((a) => a.vendorId === VENDOR_B)!;
      const peek = await getAlert({ client: manager.client, path: { id: foreign.id } });
      expect(peek.response.status).toBe(404);
      const ack = await acknowledgeAlert({ client: manager.client, path: { id: foreign.id } });
      expect(ack.response.status).toBe(404);
    });

    it('shows a rep only the alerts addressed to them', async () => {
      await raise([
        { type: 'rep_probe', vendorId: VENDOR_A, repId: REP_A },
        { type: 'rep_probe', vendorId: VENDOR_A, repId: null },
      ]);
      const rep = await t.signIn(Role.REP, { vendorId: VENDOR_A, repId: REP_A });
      const mine = await listAlerts({ client: rep.client, query: { type: 'rep_probe' } });
      expect(mine.data!.data.map((a) => a.repId)).toEqual([REP_A]);
    });

    it('acknowledges an open alert once; a second acknowledgement is a conflict', async () => {
      await raise([{ type: 'ack_probe', vendorId: VENDOR_A }]);
      const [alert] = (await listAlerts({ client: admin.client, query: { type: 'ack_probe' } })).data!.data;
      const first = await acknowledgeAlert({ client: admin.client, path: { id: alert.id } });
      expect(first.data).toMatchObject({ status: 'acknowledged' });
      expect(first.data!.acknowledgedAt).toBeTruthy();
      const second = await acknowledgeAlert({ client: admin.client, path: { id: alert.id } });
      expect(second.response.status).toBe(409);
      expect(second.error).toMatchObject({ code: 'ALERT_NOT_OPEN' });
    });
  });
});
