import { listAlerts, listComplaints, listVendorReviews, runCheck } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { ScoringDemoSeeder } from '../../src/modules/scoring/scoring.demo';
import { contractWorld, type ContractWorld } from '../support/contract-world';
import { must } from '../support/must';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

describe('Demo customer feedback: complaints and a vendor review', () => {
  let t: TestApp;
  let w: ContractWorld;
  let vendorManager: TestUser;
  const now = new Date('2026-12-02T10:00:00Z');

  beforeAll(async () => {
    t = await startTestApp();
    w = await contractWorld(t, { sku: 'DEMO-FB', name: 'Demo feedback product' });
    for (let i = 0; i < 3; i++) await w.signedContract({ startsOn: '2026-01-01', endsOn: '2027-12-31' });
    vendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: w.vendorId });
    const seeder = t.app.get(ScoringDemoSeeder);
    const ids = { vendorId: w.vendorId, ownerUserId: vendorManager.id };
    expect(await seeder.seedDemoScoring(ids, now)).toEqual({ complaints: 3, reviews: 1 });
    expect(await seeder.seedDemoScoring(ids, now)).toEqual({ complaints: 0, reviews: 0 });
  });
  afterAll(() => t.close());

  it('seeds three complaints on the vendor’s contracts, one open, one investigating, one resolved, once', async () => {
    const complaints = must(await listComplaints({ client: vendorManager.client, query: {} })).data;
    expect(complaints.map((complaint) => complaint.status).sort()).toEqual([
      'investigating',
      'open',
      'resolved',
    ]);
    expect(complaints.every((complaint) => complaint.vendorId === w.vendorId && complaint.contractId)).toBe(
      true,
    );
  });

  it('reviews the vendor for last quarter at 4.00 with one action item done and one overdue', async () => {
    const [review] = must(await listVendorReviews({ client: vendorManager.client, query: {} })).data;
    // 4, 4, 3, 5 → 4.00; 2 December 2026 is in Q4, so the review is of 2026-Q3
    expect(review).toMatchObject({ period: '2026-Q3', score: 4 });
    expect(review.actionItems.map((item) => item.status).sort()).toEqual(['done', 'open']);
  });

  it('gives the start’s check run an overdue complaint and an overdue review action to alert on', async () => {
    for (const name of ['complaints_overdue', 'review_actions_overdue'])
      must(await runCheck({ client: w.admin.client, path: { name }, body: { asOf: now.toISOString() } }));
    const types = must(await listAlerts({ client: w.manager.client, query: { status: 'open' } })).data.map(
      (alert) => alert.type,
    );
    expect(types).toEqual(expect.arrayContaining(['complaint_overdue', 'review_action_overdue']));
  });
});
