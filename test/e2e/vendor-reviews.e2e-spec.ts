import {
  computeScores,
  createVendorReview,
  getVendorReview,
  listScores,
  listVendorReviews,
  runCheck,
  updateReviewActionItem,
  updateVendorReview,
} from '../../openapi/sdk';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { agencyWorld, latestAlert } from '../support/agency-world';
import { must } from '../support/must';

/**
 * One Hungarian agency reviewed for 2026-Q1 (4, 3, 5, 4 → 4.00) and 2026-Q2 (3, 3, 4, 4 → 3.50); it has no
 * reps, so its scorecard measures the review score alone (agency scorecard: 0 at 1, 100 at 5).
 */
describe('Periodic vendor reviews and review_actions_overdue', () => {
  let t: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let vendorManager: TestUser;
  let otherVendorManager: TestUser;
  let vendorId: string;

  const run = (asOf: string) =>
    runCheck({ client: admin.client, path: { name: 'review_actions_overdue' }, body: { asOf } });
  const alertOf = (itemId: string) =>
    latestAlert<{ daysOverdue: number }>(t, 'review_action_overdue', itemId);

  beforeAll(async () => {
    t = await startTestApp();
    ({ admin, manager, vendorId, vendorManager, otherVendorManager } = await agencyWorld(t));
  });
  afterAll(() => t.close());

  let q1Id: string;
  let actionId: string;

  it('a review scores the mean of its four ratings and carries action items; one per vendor and period', async () => {
    const review = must(
      await createVendorReview({
        client: manager.client,
        body: {
          vendorId,
          period: '2026-Q1',
          cooperation: 4,
          communication: 3,
          professionalism: 5,
          marketFeedback: 4,
          comments: 'Good visits, thin market reports',
          actionItems: [
            { title: 'Send a monthly market report', ownerUserId: vendorManager.id, dueOn: '2026-03-31' },
          ],
        },
      }),
    );
    expect(review).toMatchObject({ period: '2026-Q1', periodKind: 'quarter', score: 4 });
    expect(review.actionItems).toEqual([
      expect.objectContaining({ title: 'Send a monthly market report', dueOn: '2026-03-31', status: 'open' }),
    ]);
    q1Id = review.id;
    actionId = review.actionItems[0].id;

    const again = await createVendorReview({
      client: manager.client,
      body: {
        vendorId,
        period: '2026-Q1',
        cooperation: 1,
        communication: 1,
        professionalism: 1,
        marketFeedback: 1,
      },
    });
    expect(again.response.status).toBe(409);
    expect(again.error).toMatchObject({ code: 'VENDOR_REVIEW_EXISTS' });

    const outOfRange = await createVendorReview({
      client: manager.client,
      body: {
        vendorId,
        period: '2026-Q3',
        cooperation: 6,
        communication: 3,
        professionalism: 3,
        marketFeedback: 3,
      },
    });
    expect(outOfRange.response.status).toBe(400);
  });

  it('a vendor manager reads their own vendor’s reviews only, and writes none', async () => {
    expect(must(await getVendorReview({ client: vendorManager.client, path: { id: q1Id } })).score).toBe(4);
    expect(
      must(await listVendorReviews({ client: vendorManager.client, query: {} })).data.map((r) => r.id),
    ).toEqual([q1Id]);
    expect(
      (await getVendorReview({ client: otherVendorManager.client, path: { id: q1Id } })).response.status,
    ).toBe(404);
    expect(must(await listVendorReviews({ client: otherVendorManager.client, query: {} })).data).toEqual([]);
    const write = await updateVendorReview({
      client: vendorManager.client,
      path: { id: q1Id },
      body: { cooperation: 5 },
    });
    expect(write.response.status).toBe(403);
    const create = await createVendorReview({
      client: vendorManager.client,
      body: {
        vendorId,
        period: '2026-Q4',
        cooperation: 5,
        communication: 5,
        professionalism: 5,
        marketFeedback: 5,
      },
    });
    expect(create.response.status).toBe(403);
  });

  it('an action item open past its due day raises review_actions_overdue, critical after 14 days, resolved when done', async () => {
    must(await run('2026-03-31T20:00:00Z'));
    expect(await alertOf(actionId)).toBeUndefined();
    must(await run('2026-04-01T08:00:00Z'));
    expect(await alertOf(actionId)).toMatchObject({
      status: 'open',
      severity: 'warning',
      data: { daysOverdue: 1 },
    });
    must(await run('2026-04-14T08:00:00Z'));
    expect(await alertOf(actionId)).toMatchObject({ severity: 'critical', data: { daysOverdue: 14 } });
    const done = must(
      await updateReviewActionItem({
        client: manager.client,
        path: { id: q1Id, itemId: actionId },
        body: { status: 'done' },
      }),
    );
    expect(done.closedAt).not.toBeNull();
    must(await run('2026-04-15T08:00:00Z'));
    expect((await alertOf(actionId))?.status).toBe('resolved');
  });

  it('the review score is the review_score KPI of every scored period its period overlaps', async () => {
    must(
      await createVendorReview({
        client: manager.client,
        body: {
          vendorId,
          period: '2026-Q2',
          cooperation: 3,
          communication: 3,
          professionalism: 4,
          marketFeedback: 4,
        },
      }),
    );
    const vendorScore = async (period: string) => {
      must(await computeScores({ client: manager.client, query: { period } }));
      const rows = must(
        await listScores({ client: manager.client, query: { period, subject: 'vendor', vendorId } }),
      );
      return rows.data[0];
    };
    // February lies in Q1: review score 4 → (4 − 1) / (5 − 1) = 75 points, the only measured KPI: B (≥ 70).
    const february = await vendorScore('2026-02');
    expect(february.kpis.find((k) => k.kpi === 'review_score')).toMatchObject({
      raw: 4,
      measured: true,
      normalised: 75,
      effectiveWeightPercent: 100,
      contribution: 75,
    });
    expect(february).toMatchObject({ total: 75, grade: 'B' });
    // The year holds both reviews: (4 + 3.5) / 2 = 3.75 → 68.75 points, below B's 70: C.
    const year = await vendorScore('2026');
    expect(year.kpis.find((k) => k.kpi === 'review_score')).toMatchObject({ raw: 3.75, normalised: 68.75 });
    expect(year).toMatchObject({ total: 68.75, grade: 'C' });
  });
});
