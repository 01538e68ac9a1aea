import {
  createContractMilestone,
  getContractPaymentStatus,
  listAlerts,
  listContractMilestones,
  postContractPayment,
  runCheck,
  updateContractMilestone,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { ContractWorld, contractWorld, must } from '../support/contract-world';

describe('Fulfilment milestones and milestone_overdue', () => {
  let t: TestApp;
  let signedContract: ContractWorld['signedContract'];
  let admin: TestUser;
  let manager: TestUser;
  let otherVendorId: string;
  let repId: string;

  const run = (asOf: string) =>
    runCheck({ client: admin.client, path: { name: 'milestone_overdue' }, body: { asOf } });

  beforeAll(async () => {
    t = await startTestApp();
    ({ admin, manager, otherVendorId, repId, signedContract } = await contractWorld(t, {
      sku: 'MS-1',
      name: 'Milestoned',
    }));
  });
  afterAll(() => t.close());

  it('a contract carries milestones (kind, amount in its currency, due and done days), soonest due first', async () => {
    const contract = await signedContract();
    const path = { id: contract.id };
    must(
      await createContractMilestone({
        client: manager.client,
        path,
        body: { kind: 'payment', amountMinor: 99000, currency: 'CNY', dueOn: '2026-07-01' },
      }),
    );
    const delivery = must(
      await createContractMilestone({
        client: manager.client,
        path,
        body: {
          kind: 'delivery',
          amountMinor: 0,
          currency: 'cny',
          dueOn: '2026-02-01',
          doneOn: '2026-01-30',
        },
      }),
    );
    expect(delivery).toMatchObject({
      kind: 'delivery',
      currency: 'CNY',
      doneOn: '2026-01-30',
      overdue: false,
    });
    const list = must(await listContractMilestones({ client: manager.client, path }));
    expect(list.map((m) => [m.kind, m.amountMinor, m.dueOn, m.doneOn])).toEqual([
      ['delivery', 0, '2026-02-01', '2026-01-30'],
      ['payment', 99000, '2026-07-01', null],
    ]);
  });

  it('a milestone in another currency than the contract’s is 422 CONTRACT_CURRENCY_MISMATCH naming currency, nothing written', async () => {
    const contract = await signedContract();
    const result = await createContractMilestone({
      client: manager.client,
      path: { id: contract.id },
      body: { kind: 'invoice', amountMinor: 198000, currency: 'EUR', dueOn: '2026-02-15' },
    });
    expect(result.response.status).toBe(422);
    expect(result.error).toMatchObject({
      code: 'CONTRACT_CURRENCY_MISMATCH',
      errors: [expect.objectContaining({ field: 'currency' })],
    });
    expect(must(await listContractMilestones({ client: manager.client, path: { id: contract.id } }))).toEqual(
      [],
    );
  });

  it('a vendor manager of another vendor gets 404 for the contract’s milestones', async () => {
    const contract = await signedContract();
    const other = await t.signIn(Role.VENDOR_MANAGER, { vendorId: otherVendorId });
    const list = await listContractMilestones({ client: other.client, path: { id: contract.id } });
    expect(list.response.status).toBe(404);
    const create = await createContractMilestone({
      client: other.client,
      path: { id: contract.id },
      body: { kind: 'delivery', amountMinor: 0, currency: 'CNY', dueOn: '2026-02-01' },
    });
    expect(create.response.status).toBe(404);
  });

  it('milestone_overdue raises one alert per contract with milestones open past due, critical from 30 days, resolved once done', async () => {
    const contract = await signedContract();
    const path = { id: contract.id };
    const add = async (kind: 'invoice' | 'payment', amountMinor: number, dueOn: string) =>
      must(
        await createContractMilestone({
          client: manager.client,
          path,
          body: { kind, amountMinor, currency: 'CNY', dueOn },
        }),
      );
    const invoice = await add('invoice', 198000, '2026-02-01');
    const payment = await add('payment', 99000, '2026-03-01');
    await add('payment', 99000, '2026-12-01');

    // 2026-02-10: only the invoice is late (9 days): a warning
    expect(must(await run('2026-02-10T09:00:00Z')).raised).toBeGreaterThanOrEqual(1);
    const find = async () =>
      must(await listAlerts({ client: manager.client, query: { type: 'milestone_overdue' } })).data.find(
        (a) => a.subjectId === contract.id,
      );
    expect(await find()).toMatchObject({
      subjectType: 'contract',
      severity: 'warning',
      repId,
      data: expect.objectContaining({ overdueCount: 1, firstDueOn: '2026-02-01', daysOverdue: 9 }),
    });
    // 2026-03-15: invoice (42 days) and first payment (14 days) late, 297 000 fen still due: critical
    await run('2026-03-15T09:00:00Z');
    expect(await find()).toMatchObject({
      severity: 'critical',
      data: expect.objectContaining({
        overdueCount: 2,
        firstDueOn: '2026-02-01',
        daysOverdue: 42,
        amountMinor: 297000,
        currency: 'CNY',
      }),
    });
    // Both done: the next run resolves the alert; the December payment is not due yet.
    for (const m of [invoice, payment])
      must(
        await updateContractMilestone({
          client: manager.client,
          path: { id: contract.id, milestoneId: m.id },
          body: { doneOn: '2026-03-16' },
        }),
      );
    expect(must(await run('2026-03-17T09:00:00Z')).resolved).toBeGreaterThanOrEqual(1);
    const [alert] = await t.dataSource.query<{ status: string }[]>(
      `SELECT status FROM alerts WHERE type = 'milestone_overdue' AND subject_id = $1`,
      [contract.id],
    );
    expect(alert.status).toBe('resolved');
    // Reopened, it is overdue again.
    const reopened = must(
      await updateContractMilestone({
        client: manager.client,
        path: { id: contract.id, milestoneId: payment.id },
        body: { doneOn: null },
      }),
    );
    expect(reopened.doneOn).toBeNull();
    expect(reopened.overdue).toBe(true);
  });

  it('payment status follows from invoice and payment milestones and posted payments: unbilled → invoiced → partly_paid → overdue → paid', async () => {
    const contract = await signedContract(); // 198 000 fen
    const path = { id: contract.id };
    const status = async () => must(await getContractPaymentStatus({ client: manager.client, path }));
    const milestone = async (
      kind: 'invoice' | 'payment',
      amountMinor: number,
      dueOn: string,
      doneOn?: string,
    ) =>
      must(
        await createContractMilestone({
          client: manager.client,
          path,
          body: { kind, amountMinor, currency: 'CNY', dueOn, doneOn },
        }),
      );
    const pay = async (externalId: string, amountMinor: number) =>
      must(
        await postContractPayment({
          client: manager.client,
          path,
          body: { amountMinor, currency: 'CNY', paidOn: '2026-02-20', externalSource: 'erp', externalId },
        }),
      );

    expect(await status()).toMatchObject({
      status: 'unbilled',
      totalMinor: 198000,
      invoicedMinor: 0,
      paidMinor: 0,
    });
    await milestone('invoice', 198000, '2026-02-01', '2026-01-31');
    expect(await status()).toMatchObject({ status: 'invoiced', invoicedMinor: 198000 });
    await milestone('payment', 99000, '2099-12-31');
    await pay(`PAY-${contract.id}-1`, 99000);
    expect(await status()).toMatchObject({ status: 'partly_paid', paidMinor: 99000, overdueMilestones: 0 });
    // a payment milestone open past its due day, the money not all in: overdue
    await milestone('payment', 99000, '2026-03-01');
    expect(await status()).toMatchObject({ status: 'overdue', paidMinor: 99000, overdueMilestones: 1 });
    // 99 000 + 99 000 = 198 000 covers the total: paid, whatever the milestones still say
    await pay(`PAY-${contract.id}-2`, 99000);
    expect(await status()).toMatchObject({ status: 'paid', paidMinor: 198000, currency: 'CNY' });
  });
});
