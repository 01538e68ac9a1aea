import {
  createToken,
  getMyRep,
  getVendorEffectiveScope,
  listBundles,
  listConflicts,
  listProductLines,
  listReps,
  listVendors,
} from '../../openapi/sdk';
import { DEMO_REP_ID, DEMO_USERS, DEMO_VENDOR_ID } from '../../src/modules/demo/demo.module';
import { startTestApp, TestApp } from '../support/test-app';

describe('Demo company: vendors, reps and catalog seeded at start-up', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true });
  });
  afterAll(() => t.close());

  const demoClient = async (email: string) => {
    const user = DEMO_USERS.find((u) => u.email === email)!;
    const { data } = await createToken({
      client: t.anonymous,
      body: { grant_type: 'password', username: user.email, password: user.password },
    });
    return t.clientWithToken(data!.access_token);
  };

  it('seeds three or more vendors of each kind, thirty reps, product lines and a bundle', async () => {
    const manager = await demoClient('manager@osm.demo');
    const vendors = (await listVendors({ client: manager, query: { limit: 200 } })).data!.data;
    const kinds = vendors.reduce<Record<string, number>>(
      (acc, v) => ({ ...acc, [v.kind]: (acc[v.kind] ?? 0) + 1 }),
      {},
    );
    expect(kinds.agency).toBeGreaterThanOrEqual(3);
    expect(kinds.independent_rep).toBeGreaterThanOrEqual(3);
    expect(kinds.internal_team).toBeGreaterThanOrEqual(3);
    const reps = (await listReps({ client: manager, query: { limit: 200 } })).data!.data;
    expect(reps).toHaveLength(30);
    expect((await listProductLines({ client: manager })).data!.data.length).toBeGreaterThanOrEqual(3);
    const bundles = (await listBundles({ client: manager })).data!.data;
    expect(bundles[0].priceMinor).toBeGreaterThanOrEqual(bundles[0].floorSumMinor);
  });

  it('declares one conflict, which keeps the competing line out of that vendor’s scope', async () => {
    const manager = await demoClient('manager@osm.demo');
    const open = (await listConflicts({ client: manager, query: { status: 'open' } })).data!.data;
    expect(open).toHaveLength(1);
    const scope = await getVendorEffectiveScope({ client: manager, path: { id: open[0].vendorId } });
    expect(scope.data!.routable).toBe(true);
    expect(scope.data!.productLineIds).not.toContain(open[0].productLineId);
  });

  it('lets the demo vendor manager see their agency’s reps and the demo rep see themselves', async () => {
    const vendorManager = await demoClient('vendor@osm.demo');
    const reps = (await listReps({ client: vendorManager })).data!.data;
    expect(reps.length).toBeGreaterThan(1);
    expect(reps.every((r) => r.vendorId === DEMO_VENDOR_ID)).toBe(true);
    const scope = await getVendorEffectiveScope({ client: vendorManager, path: { id: DEMO_VENDOR_ID } });
    expect(scope.data).toMatchObject({ routable: true, defaultDailyCallQuota: 8 });

    const rep = await demoClient('rep@osm.demo');
    const me = await getMyRep({ client: rep });
    expect(me.data).toMatchObject({ id: DEMO_REP_ID, vendorId: DEMO_VENDOR_ID, effectiveDailyCallQuota: 8 });
  });
});
