import { createCallReportBatch, createDashboardLink, getVendor } from '../../openapi/sdk';
import type { CreateCallReportDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { must } from '../support/must';
import { targetWorld, TargetWorld } from '../support/target-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

const calls = (repId: string, at: string, n: number): CreateCallReportDto[] =>
  Array.from({ length: n }, (_, i) => ({
    repId,
    occurredAt: new Date(Date.parse(at) + i * 600_000).toISOString(),
    type: 'call',
    durationSeconds: 300,
    outcome: 'connected',
  }));

/** The text of a page with the tags taken out, cells joined by " | ", so assertions read like the page. */
const textOf = (html: string): string =>
  html
    .replace(/<svg[\s\S]*?<\/svg>/g, '')
    .replace(/<\/t[dh]>\s*<t[dh][^>]*>/g, ' | ')
    .replace(/<[^>]+>/g, '\n')
    .replace(/\n\s*\n+/g, '\n');

/**
 * November 2026 (a closed month, so pace is 1 and projected = actual): a calls target of 500 for the
 * company, split 300 to vendor A (all to rep A2) and 200 to vendor B (all to rep B1). Rep A2 made 53
 * calls, rep B1 100. Three open alerts: two on vendor A's reps, one on vendor B's.
 */
describe('Dashboards: the attainment tree, the forecast and the open-alert digest on the pages', () => {
  let t: TestApp;
  let w: TargetWorld;
  let vendorAName: string;
  let vendorBName: string;
  let vendorManagerB: TestUser;

  const open = async (client: TestUser, body: Parameters<typeof createDashboardLink>[0]['body']) => {
    const link = must(await createDashboardLink({ client: client.client, body }));
    const page = await fetch(`${t.baseUrl}${link.url}`);
    expect(page.status).toBe(200);
    return page.text();
  };

  const alert = (type: string, severity: string, vendorId: string, repId: string) =>
    t.dataSource.query(
      `INSERT INTO alerts (type, check_name, severity, subject_type, subject_id, vendor_id, rep_id, message,
                           status, level, raised_at, last_seen_at)
       VALUES ($1, $1, $2, 'rep', $4, $3, $4, $5, 'open', 'rep', now(), now())`,
      [type, severity, vendorId, repId, `constructed ${type} on ${repId.slice(0, 8)}`],
    );

  beforeAll(async () => {
    t = await startTestApp();
    w = await targetWorld(t);
    vendorManagerB = await t.signIn(Role.VENDOR_MANAGER, { vendorId: w.vendorB });
    const filed = await createCallReportBatch({
      client: w.manager.client,
      body: {
        reports: [
          ...calls(w.repA2, '2026-11-03T02:00:00Z', 50),
          ...calls(w.repA2, '2026-11-10T02:00:00Z', 3),
          ...calls(w.repB1, '2026-11-02T08:00:00Z', 100),
        ],
      },
    });
    expect(filed.response.status).toBe(201);
    const company = await w.target(w.admin.client, {
      metric: 'calls',
      periodKey: '2026-11',
      ownerKind: 'company',
      baseValue: 500,
    });
    const child = (parentId: string, ownerKind: 'vendor' | 'rep', ownerId: string, baseValue: number) =>
      w.target(w.manager.client, {
        metric: 'calls',
        periodKey: '2026-11',
        ownerKind,
        ownerId,
        baseValue,
        parentId,
        splitAxis: 'org',
      });
    const a = await child(company.id, 'vendor', w.vendorA, 300);
    const b = await child(company.id, 'vendor', w.vendorB, 200);
    await child(a.id, 'rep', w.repA2, 300);
    await child(b.id, 'rep', w.repB1, 200);
    await alert('idle_rep', 'warning', w.vendorA, w.repA1);
    await alert('idle_rep', 'warning', w.vendorA, w.repA3);
    await alert('stale_key_lead', 'critical', w.vendorB, w.repB1);
    vendorAName = must(await getVendor({ client: w.manager.client, path: { id: w.vendorA } })).name;
    vendorBName = must(await getVendor({ client: w.manager.client, path: { id: w.vendorB } })).name;
  });
  afterAll(() => t.close());

  it('draws the company’s target tree with each node’s target, actual, attainment, projection and status', async () => {
    const text = textOf(await open(w.manager, { page: 'company', period: '2026-11' }));
    expect(text).toContain('Attainment: calls 2026-11');
    // 153 of 500 = 30.6 %; the month is over, so the run-rate projection is the actual.
    expect(text).toContain('Company | 500 | 153 | 30.6 % | 153 | behind');
    // 53 of 300 = 17.7 %; 100 of 200 = 50.0 %; each vendor's rep carries its whole target.
    expect(text).toContain(`${vendorAName} | 300 | 53 | 17.7 % | 53 | behind`);
    expect(text).toContain(`${vendorBName} | 200 | 100 | 50.0 % | 100 | behind`);
    expect(text.match(/\| 300 \| 53 \| 17\.7 %/g)).toHaveLength(2); // vendor A and rep A2
  });

  it('shows the open-alert digest: counts per kind and severity, the total, and the top items', async () => {
    const text = textOf(await open(w.manager, { page: 'company', period: '2026-11' }));
    expect(text).toContain('idle_rep | warning | 2');
    expect(text).toContain('stale_key_lead | critical | 1');
    expect(text).toContain('3 open alert(s)');
    expect(text).toContain(`constructed stale_key_lead on ${w.repB1.slice(0, 8)}`);
  });

  it('shows the forecast section of the period, per currency (none here: no pipeline, no bookings target)', async () => {
    const text = textOf(await open(w.manager, { page: 'company', period: '2026-11' }));
    expect(text).toMatch(/Forecast 2026-11 \(as of \d{4}-\d{2}-\d{2}\)/);
    expect(text).toContain('No bookings, pipeline or target in this period');
  });

  it('a vendor’s scorecard shows that vendor’s subtree and alerts only, to its manager and to a company manager alike', async () => {
    for (const viewer of [w.vendorManagerA, w.manager]) {
      const text = textOf(await open(viewer, { page: 'vendor', vendorId: w.vendorA, period: '2026-11' }));
      expect(text).toContain(`vendor ${vendorAName}`);
      expect(text).toContain(`${vendorAName} | 300 | 53 | 17.7 % | 53 | behind`);
      expect(text).not.toContain(vendorBName);
      expect(text).toContain('idle_rep | warning | 2');
      expect(text).toContain('2 open alert(s)');
      expect(text).not.toContain('stale_key_lead');
      expect(text).toContain('No score for 2026-11 yet');
    }
  });

  it('vendor B’s manager sees vendor B’s numbers on their scorecard', async () => {
    const text = textOf(
      await open(vendorManagerB, { page: 'vendor', vendorId: w.vendorB, period: '2026-11' }),
    );
    expect(text).toContain(`${vendorBName} | 200 | 100 | 50.0 % | 100 | behind`);
    expect(text).toContain('stale_key_lead | critical | 1');
    expect(text).toContain('1 open alert(s)');
    expect(text).not.toContain(vendorAName);
  });

  it('says so when the period has no target', async () => {
    const text = textOf(await open(w.manager, { page: 'company', period: '2025-11' }));
    expect(text).toContain('No target for 2025-11');
  });
});
