import {
  createWebhookSubscription,
  getWebhookSubscription,
  pingWebhookSubscription,
  updateWebhookSubscription,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { MAX_HELD_DELIVERIES } from '../../src/modules/webhooks/outbox.service';
import { WebhooksService } from '../../src/modules/webhooks/webhooks.service';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

/** Nothing listens here: every attempt fails with a refused connection. */
const DEAD_URL = 'http://127.0.0.1:9/osm/events';

describe('Webhook switch-off: on time failing, not on attempts, and nothing raised meanwhile is lost', () => {
  let t: TestApp;
  let admin: TestUser;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    t = await startTestApp();
    await receiver.start();
    admin = await t.signIn(Role.ADMIN);
  });
  afterAll(async () => {
    await receiver.stop();
    await t.close();
  });

  const subscribe = async (url: string) =>
    (await createWebhookSubscription({ client: admin.client, body: { url, eventTypes: ['webhook.test'] } }))
      .data!;
  const read = async (id: string) =>
    (await getWebhookSubscription({ client: admin.client, path: { id } })).data!;
  const ping = (id: string) => pingWebhookSubscription({ client: admin.client, path: { id } });
  /** Makes every waiting delivery due now, so a drain attempts it whatever its retry backoff. */
  const dueNow = (id: string) =>
    t.dataSource.query(
      `UPDATE webhook_deliveries SET next_attempt_at = now() WHERE subscription_id = $1 AND status = 'pending'`,
      [id],
    );
  const drain = () => t.app.get(WebhooksService).drainOnce();
  const heldCount = async (id: string): Promise<number> => {
    const rows: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM webhook_deliveries WHERE subscription_id = $1 AND status = 'held'`,
      [id],
    );
    return rows[0].n;
  };

  let failing: string;

  it('a subscription failing for less than the disable window stays active however many attempts failed', async () => {
    failing = (await subscribe(DEAD_URL)).id;
    await ping(failing);
    await drain();
    const first = await read(failing);
    expect(first).toMatchObject({ active: true, consecutiveFailures: 1 });
    expect(first.failingSince).not.toBeNull();
    // 500 failed attempts within 23 hours (the window is 24): still on, streak still counted from its start.
    await t.dataSource.query(
      `UPDATE webhook_subscriptions SET consecutive_failures = 500, failing_since = now() - interval '23 hours'
        WHERE id = $1`,
      [failing],
    );
    await dueNow(failing);
    await drain();
    const after = await read(failing);
    expect(after).toMatchObject({ active: true, consecutiveFailures: 501, disabledReason: null });
    expect(Date.now() - Date.parse(after.failingSince!)).toBeGreaterThan(23 * 3600_000 - 60_000);
  });

  it('a success ends the failing streak', async () => {
    const healthy = (await subscribe(DEAD_URL)).id;
    await ping(healthy);
    await drain();
    expect((await read(healthy)).failingSince).not.toBeNull();
    await updateWebhookSubscription({
      client: admin.client,
      path: { id: healthy },
      body: { url: receiver.url },
    });
    await dueNow(healthy);
    await drain();
    expect(await read(healthy)).toMatchObject({ active: true, consecutiveFailures: 0, failingSince: null });
  });

  it('a subscription failing longer than the window is switched off', async () => {
    await t.dataSource.query(
      `UPDATE webhook_subscriptions SET failing_since = now() - interval '25 hours' WHERE id = $1`,
      [failing],
    );
    await dueNow(failing);
    await drain();
    const after = await read(failing);
    expect(after.active).toBe(false);
    expect(after.disabledReason).toContain('24 hours');
  });

  it('events raised while a subscription is off are delivered after it is re-enabled, each once', async () => {
    await ping(failing);
    await ping(failing);
    await ping(failing);
    expect(await heldCount(failing)).toBe(3);
    await drain();
    expect(await heldCount(failing)).toBe(3);

    const queued: { event_id: string }[] = await t.dataSource.query(
      `SELECT event_id::text FROM webhook_deliveries WHERE subscription_id = $1 ORDER BY created_at, id`,
      [failing],
    );
    const { data: enabled } = await updateWebhookSubscription({
      client: admin.client,
      path: { id: failing },
      body: { url: receiver.url, active: true },
    });
    expect(enabled).toMatchObject({
      active: true,
      consecutiveFailures: 0,
      failingSince: null,
      disabledReason: null,
    });
    await drain();
    const got = receiver.received
      .map((r) => JSON.parse(r.body) as { id: string; data: { subscriptionId: string } })
      .filter((body) => body.data.subscriptionId === failing)
      .map((body) => body.id);
    // The first ping (retried, waiting) and the three held ones: four events, each once.
    expect(queued).toHaveLength(4);
    expect(new Set(got)).toEqual(new Set(queued.map((q) => q.event_id)));
    expect(got).toHaveLength(4);
    expect(await heldCount(failing)).toBe(0);
  });

  it('the backlog of a disabled subscription is capped, the oldest dropped and counted', async () => {
    const off = (await subscribe(receiver.url)).id;
    await updateWebhookSubscription({ client: admin.client, path: { id: off }, body: { active: false } });
    // 9 999 events held a day ago, then 3 new ones: 10 002 in all, so the 2 oldest go.
    await t.dataSource.query(
      `WITH ev AS (
         INSERT INTO webhook_events (event_type, vendor_id, payload, occurred_at, created_at)
         SELECT 'webhook.test', NULL, jsonb_build_object('subscriptionId', $1::text, 'n', g),
                now() - interval '1 day', now() - interval '1 day' + g * interval '1 ms'
         FROM generate_series(1, $2::int) g
         RETURNING id, created_at
       )
       INSERT INTO webhook_deliveries (event_id, subscription_id, status, next_attempt_at, created_at)
       SELECT id, $1::uuid, 'held', created_at, created_at FROM ev`,
      [off, MAX_HELD_DELIVERIES - 1],
    );
    const oldest: { id: string }[] = await t.dataSource.query(
      `SELECT id::text FROM webhook_deliveries WHERE subscription_id = $1 ORDER BY created_at LIMIT 2`,
      [off],
    );
    await ping(off);
    await ping(off);
    await ping(off);
    expect(await heldCount(off)).toBe(10_000);
    expect((await read(off)).droppedWhileDisabled).toBe(2);
    const left: unknown[] = await t.dataSource.query(
      `SELECT 1 FROM webhook_deliveries WHERE id = ANY ($1::uuid[])`,
      [oldest.map((o) => o.id)],
    );
    expect(left).toHaveLength(0);
  });
});
