import {
  getContractPaymentStatus,
  listContractInvoices,
  postContractInvoice,
  postContractPayment,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { ContractWorld, contractWorld, must } from '../support/contract-world';

describe('Invoices posted by the ERP and the payment status they drive', () => {
  let t: TestApp;
  let signedContract: ContractWorld['signedContract'];
  let manager: TestUser;
  let otherVendorId: string;

  beforeAll(async () => {
    t = await startTestApp();
    ({ manager, otherVendorId, signedContract } = await contractWorld(t, {
      sku: 'INV-1',
      name: 'Invoiced',
    }));
  });
  afterAll(() => t.close());

  const invoice = (
    contractId: string,
    externalId: string,
    amountMinor: number,
    invoicedOn: string,
    dueOn: string,
  ) =>
    postContractInvoice({
      client: manager.client,
      path: { id: contractId },
      body: { amountMinor, currency: 'CNY', invoicedOn, dueOn, externalSource: 'sap-erp', externalId },
    });

  it('an invoice posted twice with the same external id is stored once', async () => {
    const contract = await signedContract(); // 198 000 fen
    const first = must(await invoice(contract.id, `INV-${contract.id}`, 198000, '2026-02-01', '2099-03-03'));
    const again = must(await invoice(contract.id, `INV-${contract.id}`, 198000, '2026-02-01', '2099-03-03'));
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({
      amountMinor: 198000,
      currency: 'CNY',
      invoicedOn: '2026-02-01',
      dueOn: '2099-03-03',
      externalSource: 'sap-erp',
    });
    const list = must(await listContractInvoices({ client: manager.client, path: { id: contract.id } }));
    expect(list.map((i) => i.id)).toEqual([first.id]);
    expect(
      must(await getContractPaymentStatus({ client: manager.client, path: { id: contract.id } })),
    ).toMatchObject({
      status: 'invoiced',
      invoicedMinor: 198000,
      invoicedDueMinor: 0,
    });
  });

  it('the same invoice id with another amount is 409 INVOICE_EXTERNAL_ID_CONFLICT, nothing written', async () => {
    const contract = await signedContract();
    must(await invoice(contract.id, `INV-${contract.id}`, 198000, '2026-02-01', '2099-03-03'));
    const other = await invoice(contract.id, `INV-${contract.id}`, 99000, '2026-02-01', '2099-03-03');
    expect(other.response.status).toBe(409);
    expect(other.error).toMatchObject({ code: 'INVOICE_EXTERNAL_ID_CONFLICT' });
    const list = must(await listContractInvoices({ client: manager.client, path: { id: contract.id } }));
    expect(list.map((i) => i.amountMinor)).toEqual([198000]);
  });

  it('an invoice in another currency is 422 naming currency; one due before its date is 422 naming dueOn', async () => {
    const contract = await signedContract();
    const eur = await postContractInvoice({
      client: manager.client,
      path: { id: contract.id },
      body: {
        amountMinor: 100,
        currency: 'EUR',
        invoicedOn: '2026-02-01',
        dueOn: '2026-03-01',
        externalSource: 'sap-erp',
        externalId: `EUR-${contract.id}`,
      },
    });
    expect(eur.response.status).toBe(422);
    expect(eur.error).toMatchObject({
      code: 'CONTRACT_CURRENCY_MISMATCH',
      errors: [expect.objectContaining({ field: 'currency' })],
    });
    const early = await invoice(contract.id, `EARLY-${contract.id}`, 100, '2026-02-01', '2026-01-01');
    expect(early.response.status).toBe(422);
    expect(early.error).toMatchObject({
      code: 'INVOICE_DATES_INVALID',
      errors: [expect.objectContaining({ field: 'dueOn' })],
    });
    expect(must(await listContractInvoices({ client: manager.client, path: { id: contract.id } }))).toEqual(
      [],
    );
  });

  it('an invoice past due and unpaid makes the contract overdue; paid, the contract is partly paid', async () => {
    const contract = await signedContract(); // 198 000 fen
    const path = { id: contract.id };
    const status = async () => must(await getContractPaymentStatus({ client: manager.client, path }));
    // 99 000 due 2026-03-03 (past), 99 000 due 2099-06-01 (future)
    must(await invoice(contract.id, `INV-${contract.id}-1`, 99000, '2026-02-01', '2026-03-03'));
    must(await invoice(contract.id, `INV-${contract.id}-2`, 99000, '2026-05-01', '2099-06-01'));
    expect(await status()).toMatchObject({
      status: 'overdue',
      invoicedMinor: 198000,
      invoicedDueMinor: 99000,
      paidMinor: 0,
      overdueMilestones: 0,
    });
    // 60 000 paid does not cover the 99 000 due: still overdue
    must(
      await postContractPayment({
        client: manager.client,
        path,
        body: {
          amountMinor: 60000,
          currency: 'CNY',
          paidOn: '2026-03-10',
          externalSource: 'sap-erp',
          externalId: `PAY-${contract.id}-1`,
        },
      }),
    );
    expect(await status()).toMatchObject({ status: 'overdue', paidMinor: 60000 });
    // 60 000 + 39 000 = 99 000 covers it; 99 000 < 198 000: partly paid
    must(
      await postContractPayment({
        client: manager.client,
        path,
        body: {
          amountMinor: 39000,
          currency: 'CNY',
          paidOn: '2026-03-20',
          externalSource: 'sap-erp',
          externalId: `PAY-${contract.id}-2`,
        },
      }),
    );
    expect(await status()).toMatchObject({ status: 'partly_paid', paidMinor: 99000 });
  });

  it('a vendor manager of another vendor gets 404 for the contract’s invoices', async () => {
    const contract = await signedContract();
    const other = await t.signIn(Role.VENDOR_MANAGER, { vendorId: otherVendorId });
    expect(
      (await listContractInvoices({ client: other.client, path: { id: contract.id } })).response.status,
    ).toBe(404);
    const post = await postContractInvoice({
      client: other.client,
      path: { id: contract.id },
      body: {
        amountMinor: 100,
        currency: 'CNY',
        invoicedOn: '2026-02-01',
        dueOn: '2026-03-01',
        externalSource: 'sap-erp',
        externalId: `X-${contract.id}`,
      },
    });
    expect([403, 404]).toContain(post.response.status);
  });
});
