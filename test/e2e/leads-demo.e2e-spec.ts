import { randomUUID } from 'node:crypto';
import {
  createNamedAccount,
  createToken,
  getLeadConversionMetrics,
  listDueFollowUps,
  listLeadActivities,
  listLeads,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { DEMO_USERS } from '../../src/modules/demo/demo.module';
import { LeadDemoSeeder } from '../../src/modules/leads/leads.demo';
import { startTestApp, TestApp } from '../support/test-app';

describe('Demo leads', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true });
  });
  afterAll(() => t.close());

  const signInDemo = async (email: string) => {
    const user = DEMO_USERS.find((candidate) => candidate.email === email)!;
    const { data } = await createToken({
      client: t.anonymous,
      body: { grant_type: 'password', username: user.email, password: user.password },
    });
    return t.clientWithToken(data!.access_token);
  };

  it('seeds a few thousand leads across channels, grades and statuses, with history', async () => {
    const [counts]: Record<string, number>[] = await t.dataSource.query(
      `SELECT count(*)::int AS leads, count(DISTINCT source)::int AS sources, count(DISTINCT grade)::int AS grades,
              count(DISTINCT status)::int AS statuses,
              (SELECT count(*)::int FROM lead_activities) AS activities
         FROM leads`,
    );
    expect(counts.leads).toBeGreaterThanOrEqual(2000);
    expect(counts.sources).toBe(10);
    expect(counts.grades).toBeGreaterThanOrEqual(3);
    expect(counts.statuses).toBe(8);
    expect(counts.activities).toBeGreaterThan(counts.leads);
  });

  it('seeds a few named accounts whose leads are key leads by rule', async () => {
    const [counts]: Record<string, number>[] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM named_accounts) AS accounts,
              count(*)::int AS "namedLeads",
              count(*) FILTER (WHERE l.key_lead AND l.key_lead_reason = 'named account: ' || l.company_name)::int AS flagged
         FROM leads l JOIN named_accounts n ON n.tax_id_key = l.tax_id_key`,
    );
    expect(counts.accounts).toBeGreaterThanOrEqual(5);
    expect(counts.namedLeads).toBeGreaterThan(0);
    expect(counts.flagged).toBe(counts.namedLeads);
  });

  it('shows the demo rep their own leads, history and day, and the demo vendor its metrics', async () => {
    const rep = await signInDemo('rep@osm.demo');
    const { data } = await listLeads({ client: rep, query: { limit: 5 } });
    expect(data!.data.length).toBe(5);
    const history = await listLeadActivities({ client: rep, path: { id: data!.data[0].id } });
    expect(history.data!.data.length).toBeGreaterThan(0);
    expect((await listDueFollowUps({ client: rep })).response.status).toBe(200);
    const vendor = await signInDemo('vendor@osm.demo');
    const from = new Date(Date.now() - 400 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
    const metrics = await getLeadConversionMetrics({
      client: vendor,
      query: { from, to, groupBy: 'source' },
    });
    expect(metrics.data!.total.intake).toBeGreaterThan(100);
    expect(metrics.data!.total.won).toBeGreaterThan(0);
  });
});

describe('Demo leads next to a named-account list someone already keeps', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('flags demo leads as named accounts only for accounts on the list', async () => {
    const manager = await t.signIn(Role.SALES_MANAGER);
    const kept = await createNamedAccount({
      client: manager.client,
      body: { companyName: 'Kept List Holding Zrt.' },
    });
    expect(kept.response.status).toBe(201);
    const seeded = await t.app
      .get(LeadDemoSeeder)
      .seedDemoLeads(
        100,
        { vendorId: randomUUID(), repId: randomUUID(), idleRepId: randomUUID(), idleDays: 30 },
        [],
      );
    expect(seeded).toBe(100);
    const [counts]: Record<string, number>[] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM named_accounts) AS accounts,
              count(*) FILTER (WHERE key_lead_reason LIKE 'named account%')::int AS "flaggedAsNamed"
         FROM leads`,
    );
    expect(counts).toEqual({ accounts: 1, flaggedAsNamed: 0 });
  });
});
