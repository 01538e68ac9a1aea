import {
  createAssignmentRule,
  createLeadPool,
  listAssignmentRules,
  listLeadAssignmentDecisions,
  listLeadPoolLeads,
  overrideLeadAssignment,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { routingFixtures } from '../support/routing-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

type PageCall = (query: { limit?: number; cursor?: string }) => Promise<{
  data?: { data: unknown[]; nextCursor: string | null };
  response: Response;
}>;

/** Every row, one small page at a time. */
async function walk(list: PageCall, limit: number): Promise<unknown[]> {
  const rows: unknown[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ limit, cursor });
    expect(page.response.status).toBe(200);
    expect(page.data!.data.length).toBeLessThanOrEqual(limit);
    rows.push(...page.data!.data);
    cursor = page.data!.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

describe('Lists that were capped are cursor-paged: every row reachable, in the same order', () => {
  let t: TestApp;
  let admin: TestUser;
  let fx: ReturnType<typeof routingFixtures>;
  let vendorId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    fx = routingFixtures(admin.client);
    const unitId = (await fx.salesUnit()).id;
    const region = (await fx.leadRegion('CN-GD')).id;
    vendorId = (await fx.vendorInScope(unitId, { regionIds: [region] })).id;
  });
  afterAll(() => t.close());

  it('assignment rules page in the order they are tried', async () => {
    for (const position of [3, 1, 2])
      await createAssignmentRule({
        client: admin.client,
        body: {
          name: `Rule ${position}`,
          position,
          strategy: 'best_fit',
          targetKind: 'vendor',
          targetVendorIds: [vendorId],
        },
      });
    const list: PageCall = (query) => listAssignmentRules({ client: admin.client, query });
    const whole = (await list({ limit: 200 })).data!.data as { id: string; position: number }[];
    expect(whole.map((rule) => rule.position)).toEqual([1, 2, 3]);
    expect(await walk(list, 1)).toEqual(whole);
  });

  it('a lead’s assignment decisions page latest first', async () => {
    const lead = await fx.lead();
    const reps = [(await fx.rep(vendorId)).id, (await fx.rep(vendorId)).id, (await fx.rep(vendorId)).id];
    for (const repId of reps)
      await overrideLeadAssignment({
        client: admin.client,
        path: { id: lead.id },
        body: { repId, reason: 'Paging test' },
      });
    const list: PageCall = (query) =>
      listLeadAssignmentDecisions({ client: admin.client, path: { id: lead.id }, query });
    const whole = (await list({ limit: 200 })).data!.data as { chosenRepId: string }[];
    expect(whole.length).toBeGreaterThanOrEqual(3);
    expect(whole[0].chosenRepId).toBe(reps[2]);
    expect(await walk(list, 2)).toEqual(whole);
  });

  it('a pool’s leads page key leads first, then by score, and a cursor of another list is refused', async () => {
    const pool = await createLeadPool({
      client: admin.client,
      body: {
        name: 'Paging pool',
        noFollowUpDays: { key: 2, high: 5, medium: 5, low: 5 },
        warnDaysBefore: 1,
        holdingCap: 3,
        dailyClaimLimit: 2,
        cooldownHours: 48,
      },
    });
    const poolId = pool.data!.id;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await fx.lead()).id);
    // Put them in the pool as a reclaim would, with scores and one key lead to order by.
    for (const [index, id] of ids.entries()) {
      await t.dataSource.query('UPDATE leads SET score = $2, key_lead = $3 WHERE id = $1', [
        id,
        10 * index,
        index === 1,
      ]);
      await t.dataSource.query(
        'INSERT INTO lead_pool_states (lead_id, pool_id, entered_pool_at) VALUES ($1, $2, now())',
        [id, poolId],
      );
    }
    const list: PageCall = (query) =>
      listLeadPoolLeads({ client: admin.client, path: { id: poolId }, query });
    const whole = (await list({ limit: 200 })).data!.data as { leadId: string }[];
    expect(whole.map((row) => row.leadId)).toEqual([ids[1], ids[4], ids[3], ids[2], ids[0]]);
    expect(await walk(list, 2)).toEqual(whole);

    const ruleCursor = (await listAssignmentRules({ client: admin.client, query: { limit: 1 } })).data!
      .nextCursor!;
    const foreign = await listLeadPoolLeads({
      client: admin.client,
      path: { id: poolId },
      query: { cursor: ruleCursor },
    });
    expect(foreign.response.status).toBe(400);
  });
});
