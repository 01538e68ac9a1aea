import {
  createContractFulfilmentReview,
  createRenewal,
  getContract,
  getCustomer,
  listAlerts,
  listContractFulfilmentReviews,
  runCheck,
  setContractReviewCycle,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { ContractWorld, contractWorld, must } from '../support/contract-world';

describe('Fulfilment reviews on a fixed cycle and fulfilment_review_due', () => {
  let t: TestApp;
  let signedContract: ContractWorld['signedContract'];
  let admin: TestUser;
  let manager: TestUser;
  let vendorId: string;
  let otherVendorId: string;

  const run = (asOf: string) =>
    runCheck({ client: admin.client, path: { name: 'fulfilment_review_due' }, body: { asOf } });

  beforeAll(async () => {
    t = await startTestApp();
    ({ admin, manager, vendorId, otherVendorId, signedContract } = await contractWorld(t, {
      sku: 'REV-1',
      name: 'Reviewed',
    }));
  });
  afterAll(() => t.close());

  const review = (
    contractId: string,
    periodFrom: string,
    periodTo: string,
    health: 'green' | 'amber' | 'red',
  ) =>
    createContractFulfilmentReview({
      client: manager.client,
      path: { id: contractId },
      body: {
        periodFrom,
        periodTo,
        health,
        usageNotes: 'All seats in use',
        servicesDelivered: 'Two trainings',
        valueMinor: 1500000,
        valueCurrency: 'CNY',
        nextSteps: 'Offer the add-on',
      },
    });
  const alertRow = async (contractId: string) => {
    const [row] = await t.dataSource.query<{ status: string; level: string; vendor_id: string }[]>(
      `SELECT status, level, vendor_id FROM alerts WHERE type = 'fulfilment_review_due' AND subject_id = $1
        ORDER BY raised_at DESC LIMIT 1`,
      [contractId],
    );
    return row;
  };

  it('a quarterly contract without a review for a quarter raises fulfilment_review_due to the seller’s vendor manager', async () => {
    const contract = await signedContract({ reviewCycle: 'quarterly' });
    expect(contract.reviewCycle).toBe('quarterly');
    // started 2026-01-01: the first review is due 2026-04-01 (one quarter later)
    must(await run('2026-03-31T09:00:00Z'));
    expect(await alertRow(contract.id)).toBeUndefined();
    expect(must(await run('2026-04-11T09:00:00Z')).raised).toBeGreaterThanOrEqual(1);
    expect(await alertRow(contract.id)).toEqual({
      status: 'open',
      level: 'vendor_manager',
      vendor_id: vendorId,
    });
    const vendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId });
    const seen = must(
      await listAlerts({ client: vendorManager.client, query: { type: 'fulfilment_review_due' } }),
    ).data.find((a) => a.subjectId === contract.id);
    expect(seen).toMatchObject({
      severity: 'warning',
      data: expect.objectContaining({
        reviewCycle: 'quarterly',
        dueOn: '2026-04-01',
        daysOverdue: 10,
        lastReviewedTo: null,
      }),
    });
    // Q1 reviewed: the next review is due 2026-07-01, so the next run resolves the alert
    must(await review(contract.id, '2026-01-01', '2026-03-31', 'green'));
    expect(must(await run('2026-04-12T09:00:00Z')).resolved).toBeGreaterThanOrEqual(1);
    expect((await alertRow(contract.id)).status).toBe('resolved');
    // Q2 goes by without a review: due again on 2026-07-01
    await run('2026-07-01T09:00:00Z');
    expect(await alertRow(contract.id)).toMatchObject({ status: 'open' });
  });

  it('a contract without a review cycle never raises fulfilment_review_due', async () => {
    const contract = await signedContract();
    expect(contract.reviewCycle).toBeNull();
    await run('2026-12-01T09:00:00Z');
    expect(await alertRow(contract.id)).toBeUndefined();
  });

  it('a signed contract can start being reviewed: the cycle set afterwards raises fulfilment_review_due, cleared it resolves', async () => {
    const contract = await signedContract();
    const set = must(
      await setContractReviewCycle({
        client: manager.client,
        path: { id: contract.id },
        body: { reviewCycle: 'quarterly' },
      }),
    );
    expect(set).toMatchObject({ status: 'signed', reviewCycle: 'quarterly', version: contract.version + 2 });
    must(await run('2026-04-11T09:00:00Z'));
    expect(await alertRow(contract.id)).toMatchObject({ status: 'open' });
    must(
      await setContractReviewCycle({
        client: manager.client,
        path: { id: contract.id },
        body: { reviewCycle: null },
      }),
    );
    must(await run('2026-04-12T09:00:00Z'));
    expect((await alertRow(contract.id)).status).toBe('resolved');
    const missing = await setContractReviewCycle({
      client: manager.client,
      path: { id: contract.id },
      body: {} as never,
    });
    expect(missing.response.status).toBe(400);
    const other = await t.signIn(Role.VENDOR_MANAGER, { vendorId: otherVendorId });
    const hidden = await setContractReviewCycle({
      client: other.client,
      path: { id: contract.id },
      body: { reviewCycle: 'yearly' },
    });
    expect(hidden.response.status).toBe(404);
  });

  it('the latest review’s health shows on the contract, the customer account and the renewal draft', async () => {
    const contract = await signedContract({ reviewCycle: 'quarterly' });
    expect(contract.health).toBeNull();
    must(await review(contract.id, '2026-04-01', '2026-06-30', 'amber'));
    // recorded later but for an earlier period: the latest period still decides
    const q1 = must(await review(contract.id, '2026-01-01', '2026-03-31', 'green'));
    expect(q1).toMatchObject({
      health: 'green',
      valueMinor: 1500000,
      valueCurrency: 'CNY',
      usageNotes: 'All seats in use',
      servicesDelivered: 'Two trainings',
      nextSteps: 'Offer the add-on',
      reviewerName: expect.any(String),
    });
    expect(must(await getContract({ client: manager.client, path: { id: contract.id } })).health).toBe(
      'amber',
    );
    must(await review(contract.id, '2026-07-01', '2026-09-30', 'red'));
    const reviewed = must(await getContract({ client: manager.client, path: { id: contract.id } }));
    expect(reviewed.health).toBe('red');
    const list = must(
      await listContractFulfilmentReviews({ client: manager.client, path: { id: contract.id } }),
    );
    expect(list.map((r) => [r.periodTo, r.health])).toEqual([
      ['2026-09-30', 'red'],
      ['2026-06-30', 'amber'],
      ['2026-03-31', 'green'],
    ]);
    expect(
      must(await getCustomer({ client: manager.client, path: { id: reviewed.customerId! } })).health,
    ).toBe('red');
    const renewal = must(
      await createRenewal({
        client: manager.client,
        path: { id: contract.id },
        body: { pricing: 'previous' },
      }),
    );
    expect(renewal).toMatchObject({ renewalOfId: contract.id, health: 'red', reviewCycle: 'quarterly' });
  });

  it('a review period ending before it starts, or a value without its currency, is 422 FULFILMENT_REVIEW_INVALID naming the field', async () => {
    const contract = await signedContract({ reviewCycle: 'monthly' });
    const backwards = await review(contract.id, '2026-03-31', '2026-03-01', 'green');
    expect(backwards.response.status).toBe(422);
    expect(backwards.error).toMatchObject({
      code: 'FULFILMENT_REVIEW_INVALID',
      errors: [expect.objectContaining({ field: 'periodTo' })],
    });
    const noCurrency = await createContractFulfilmentReview({
      client: manager.client,
      path: { id: contract.id },
      body: { periodFrom: '2026-01-01', periodTo: '2026-01-31', health: 'green', valueMinor: 100 },
    });
    expect(noCurrency.response.status).toBe(422);
    expect(noCurrency.error).toMatchObject({ errors: [expect.objectContaining({ field: 'valueCurrency' })] });
    expect(
      must(await listContractFulfilmentReviews({ client: manager.client, path: { id: contract.id } })),
    ).toEqual([]);
  });

  it('a vendor manager of another vendor gets 404 for the contract’s reviews', async () => {
    const contract = await signedContract({ reviewCycle: 'quarterly' });
    const other = await t.signIn(Role.VENDOR_MANAGER, { vendorId: otherVendorId });
    expect(
      (await listContractFulfilmentReviews({ client: other.client, path: { id: contract.id } })).response
        .status,
    ).toBe(404);
    const post = await createContractFulfilmentReview({
      client: other.client,
      path: { id: contract.id },
      body: { periodFrom: '2026-01-01', periodTo: '2026-03-31', health: 'green' },
    });
    expect(post.response.status).toBe(404);
  });
});
