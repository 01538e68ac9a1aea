import {
  changeContractStatus,
  changeLeadStatus,
  createLead,
  getLead,
  createApiClient,
  createToken,
  createContract,
  createProduct,
  createRep,
  decideContractApproval,
  getContract,
  listAuditLog,
  postContractPayment,
  recordScopeException,
  signContract,
  upsertContractByExternalId,
} from '../../openapi/sdk';
import type { CreateContractDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { RevenueFactsService } from '../../src/modules/contracts/revenue-facts.service';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';
import { must } from '../support/must';

describe('Contracts: lines, credits, signing and the revenue facts they book', () => {
  let t: TestApp;
  let manager: TestUser;
  let facts: RevenueFactsService;
  let lineA: string;
  let lineB: string;
  let vendorId: string;
  let otherVendorId: string;
  let rep1: string;
  let rep2: string;
  let widget: string; // CNY, list 1 000.00, floor 800.00, line A
  let gadget: string; // CNY, list 500.00, floor 400.00, line B (outside the vendor's scope)
  let forint: string; // HUF, list 100 000.00, floor 90 000.00, line A

  const count = async (table: string) =>
    Number((await t.dataSource.query(`SELECT count(*) FROM ${table}`))[0].count);
  let customerCounter = 0;
  const customer = async () => {
    const [row]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO customers (name, name_key, erp_customer_id) VALUES ($1, $1, $1) RETURNING id`,
      [`Customer ${++customerCounter} ${Math.random()}`],
    );
    return row.id;
  };
  const body = async (extra: Partial<CreateContractDto> = {}): Promise<CreateContractDto> => ({
    customerId: await customer(),
    repId: rep1,
    currency: 'CNY',
    startsOn: '2026-03-01',
    endsOn: '2027-02-28',
    lines: [{ productId: widget, quantity: 10 }],
    ...extra,
  });
  const sum = (
    measure: 'bookings' | 'revenue',
    groupBy: Parameters<RevenueFactsService['sumRevenueFacts']>[2],
    extra = {},
  ) =>
    facts.sumRevenueFacts(
      t.dataSource.manager,
      { measure, from: '2026-01-01', to: '2027-01-01', vendorIds: [vendorId], ...extra },
      groupBy,
    );

  /** A company-wide integration client (the ERP), signed in by client credentials. */
  const apiClient = async (): Promise<TestUser> => {
    const admin = await t.signIn(Role.ADMIN);
    const created = must(await createApiClient({ client: admin.client, body: { name: 'ERP' } }));
    const token = must(
      await createToken({
        client: t.anonymous,
        body: {
          grant_type: 'client_credentials',
          client_id: created.clientId,
          client_secret: created.clientSecret,
        },
      }),
    );
    return {
      id: created.id,
      email: '',
      password: '',
      token: token.access_token,
      client: t.clientWithToken(token.access_token),
    };
  };

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    facts = t.app.get(RevenueFactsService);
    const fx = vendorFixtures(manager.client);
    lineA = (await fx.productLine()).id;
    lineB = (await fx.productLine()).id;
    const unit = await fx.salesUnit();
    vendorId = (await fx.vendor(unit.id)).id;
    otherVendorId = (await fx.vendor(unit.id)).id;
    await fx.agreement(vendorId, { startsOn: '2026-01-01', endsOn: '2027-12-31', productLineIds: [lineA] });
    await fx.agreement(otherVendorId, {
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
      productLineIds: [lineA],
    });
    const rep = (fullName: string) =>
      createRep({
        client: manager.client,
        body: { vendorId, fullName, grade: 'B', capacity: 40, timezone: 'Asia/Shanghai' },
      });
    rep1 = must(await rep('Wang Fang')).id;
    rep2 = must(await rep('Li Na')).id;
    const product = async (
      sku: string,
      productLineId: string,
      currency: string,
      list: number,
      floor: number,
    ) =>
      must(
        await createProduct({
          client: manager.client,
          body: { productLineId, sku, name: sku, currency, listPriceMinor: list, floorPriceMinor: floor },
        }),
      ).id;
    widget = await product('W-1', lineA, 'CNY', 100000, 80000);
    gadget = await product('G-1', lineB, 'CNY', 50000, 40000);
    forint = await product('F-1', lineA, 'HUF', 10000000, 9000000);
  });
  afterAll(() => t.close());

  it('prices each line as quantity × unit price less the discount and totals the contract', async () => {
    const created = await createContract({
      client: manager.client,
      body: await body({
        lines: [
          { productId: widget, quantity: 10, unitPriceMinor: 95000, discountBps: 500 },
          { productId: widget, quantity: 2 },
        ],
      }),
    });
    expect(created.response.status).toBe(201);
    // 10 × 950.00 × 0.95 = 9 025.00; 2 × 1 000.00 (list) = 2 000.00
    expect(created.data).toMatchObject({
      status: 'draft',
      approval: 'not_required',
      vendorId,
      repId: rep1,
      totalMinor: 1102500,
      listTotalMinor: 1200000,
      lines: [
        { lineTotalMinor: 902500, belowFloor: false, unitFloorMinor: 80000 },
        { lineTotalMinor: 200000, unitPriceMinor: 100000 },
      ],
      credits: [{ vendorId, repId: rep1, shareBps: 10000 }],
    });
  });

  it('books a signed contract on its signature day, split between reps by credit share', async () => {
    const contract = must(
      await createContract({
        client: manager.client,
        body: await body({
          lines: [{ productId: widget, quantity: 11 }],
          credits: [
            { repId: rep1, shareBps: 6000 },
            { repId: rep2, shareBps: 4000 },
          ],
        }),
      }),
    );
    const signed = await signContract({
      client: manager.client,
      path: { id: contract.id },
      body: { signedOn: '2026-03-10' },
    });
    expect(signed.response.status).toBe(200);
    expect(signed.data).toMatchObject({ status: 'signed', signedOn: '2026-03-10' });
    // 11 000.00 CNY: 60 % = 6 600.00 to rep1 (counted once, as lead seller), 40 % = 4 400.00 to rep2
    const byRep = await sum('bookings', ['rep', 'month']);
    expect(byRep).toEqual(
      expect.arrayContaining([
        { repId: rep1, month: '2026-03', currency: 'CNY', amountMinor: 660000, contractCount: 1 },
        { repId: rep2, month: '2026-03', currency: 'CNY', amountMinor: 440000, contractCount: 0 },
      ]),
    );
    const byQuarter = await sum('bookings', ['quarter', 'productLine']);
    expect(byQuarter).toEqual([
      { quarter: '2026-Q1', productLineId: lineA, currency: 'CNY', amountMinor: 1100000, contractCount: 1 },
    ]);
    const credits = await facts.listContractCredits(t.dataSource.manager, { contractIds: [contract.id] });
    expect(credits.map((c) => [c.repId, c.shareBps, c.creditedBookingMinor])).toEqual([
      [rep1, 6000, 660000],
      [rep2, 4000, 440000],
    ]);
  });

  it('counts posted payments as revenue on the paid day, idempotently by their external id', async () => {
    const contract = must(
      await createContract({
        client: manager.client,
        body: await body({
          lines: [{ productId: widget, quantity: 3 }],
          credits: [
            { repId: rep1, shareBps: 5000 },
            { repId: rep2, shareBps: 5000 },
          ],
        }),
      }),
    );
    await signContract({
      client: manager.client,
      path: { id: contract.id },
      body: { signedOn: '2026-05-05' },
    });
    const payment = {
      amountMinor: 100001,
      currency: 'CNY',
      paidOn: '2026-06-02',
      externalSource: 'sap',
      externalId: `P-${contract.id}`,
    };
    const first = await postContractPayment({
      client: manager.client,
      path: { id: contract.id },
      body: payment,
    });
    expect(first.response.status).toBe(200);
    const replay = await postContractPayment({
      client: manager.client,
      path: { id: contract.id },
      body: payment,
    });
    expect(replay.data?.id).toBe(first.data?.id);
    const changed = await postContractPayment({
      client: manager.client,
      path: { id: contract.id },
      body: { ...payment, amountMinor: 5 },
    });
    expect(changed.response.status).toBe(409);
    expect(changed.error).toMatchObject({ code: 'PAYMENT_EXTERNAL_ID_CONFLICT' });
    await postContractPayment({
      client: manager.client,
      path: { id: contract.id },
      body: {
        ...payment,
        kind: 'refund',
        amountMinor: 1,
        paidOn: '2026-07-01',
        externalId: `R-${contract.id}`,
      },
    });
    // 1 000.01 split 50/50 exactly: 500.01 + 500.00; then a 0.01 refund in July
    const revenue = await sum('revenue', ['month', 'rep'], { from: '2026-06-01', to: '2026-08-01' });
    expect(revenue).toHaveLength(3);
    expect(revenue).toEqual(
      expect.arrayContaining([
        { month: '2026-06', repId: rep1, currency: 'CNY', amountMinor: 50001, contractCount: 0 },
        { month: '2026-06', repId: rep2, currency: 'CNY', amountMinor: 50000, contractCount: 0 },
        { month: '2026-07', repId: rep1, currency: 'CNY', amountMinor: -1, contractCount: 0 },
      ]),
    );
    const paid = await facts.listPaymentCredits(t.dataSource.manager, {
      from: '2026-06-01',
      to: '2026-08-01',
      contractIds: [contract.id],
    });
    expect(paid.map((p) => [p.kind, p.repId, p.amountMinor])).toEqual(
      expect.arrayContaining([
        ['payment', rep1, 50001],
        ['payment', rep2, 50000],
        ['refund', rep1, -1],
      ]),
    );
  });

  it('never adds amounts of different currencies', async () => {
    const huf = must(
      await createContract({
        client: manager.client,
        body: await body({ currency: 'HUF', lines: [{ productId: forint, quantity: 2 }] }),
      }),
    );
    await signContract({ client: manager.client, path: { id: huf.id }, body: { signedOn: '2026-09-01' } });
    const rows = await sum('bookings', ['year']);
    expect(rows.map((r) => r.currency).sort()).toEqual(['CNY', 'HUF']);
    expect(rows.find((r) => r.currency === 'HUF')).toMatchObject({ year: '2026', amountMinor: 20000000 });
  });

  it('puts a line below its floor into pending_approval; signing needs a sales manager’s recorded approval', async () => {
    const below = must(
      await createContract({
        client: manager.client,
        body: await body({
          lines: [{ productId: widget, quantity: 4, unitPriceMinor: 85000, discountBps: 1000 }],
        }),
      }),
    );
    // 850.00 less 10 % = 765.00 a unit, under the 800.00 floor
    expect(below).toMatchObject({
      status: 'pending_approval',
      approval: 'pending',
      lines: [{ belowFloor: true }],
    });
    const early = await signContract({ client: manager.client, path: { id: below.id }, body: {} });
    expect(early.response.status).toBe(409);
    expect(early.error).toMatchObject({ code: 'CONTRACT_APPROVAL_REQUIRED' });
    const rep = await t.signIn(Role.REP, { vendorId, repId: rep1 });
    const byRep = await decideContractApproval({
      client: rep.client,
      path: { id: below.id },
      body: { decision: 'approve', reason: 'I like it' },
    });
    expect(byRep.response.status).toBe(403);
    const approved = await decideContractApproval({
      client: manager.client,
      path: { id: below.id },
      body: { decision: 'approve', reason: 'Strategic account' },
    });
    expect(approved.data).toMatchObject({
      status: 'draft',
      approval: 'approved',
      approvalReason: 'Strategic account',
    });
    const signed = await signContract({
      client: manager.client,
      path: { id: below.id },
      body: { signedOn: '2026-04-01' },
    });
    expect(signed.data?.status).toBe('signed');
    const audit = must(
      await listAuditLog({ client: manager.client, query: { entityType: 'contract', entityId: below.id } }),
    );
    expect(audit.data.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['approve_below_floor', 'sign']),
    );
  });

  it('a rejected below-floor contract cannot be signed', async () => {
    const below = must(
      await createContract({
        client: manager.client,
        body: await body({ lines: [{ productId: widget, quantity: 1, unitPriceMinor: 1000 }] }),
      }),
    );
    await decideContractApproval({
      client: manager.client,
      path: { id: below.id },
      body: { decision: 'reject', reason: 'Far too cheap' },
    });
    const sign = await signContract({ client: manager.client, path: { id: below.id }, body: {} });
    expect(sign.response.status).toBe(409);
    expect(sign.error).toMatchObject({ code: 'CONTRACT_APPROVAL_REQUIRED' });
  });

  it('refuses to sign product lines outside the vendor’s scope unless a sales manager records an exception', async () => {
    const outside = must(
      await createContract({
        client: manager.client,
        body: await body({ lines: [{ productId: gadget, quantity: 1 }] }),
      }),
    );
    const refused = await signContract({
      client: manager.client,
      path: { id: outside.id },
      body: { signedOn: '2026-05-01' },
    });
    expect(refused.response.status).toBe(422);
    expect(refused.error).toMatchObject({ code: 'CONTRACT_OUT_OF_SCOPE' });
    const exception = await recordScopeException({
      client: manager.client,
      path: { id: outside.id },
      body: { reason: 'One supplier for both lines' },
    });
    expect(exception.data?.scopeExceptionReason).toBe('One supplier for both lines');
    const signed = await signContract({
      client: manager.client,
      path: { id: outside.id },
      body: { signedOn: '2026-05-01' },
    });
    expect(signed.data?.status).toBe('signed');
  });

  it('refuses illegal status moves with 409', async () => {
    const contract = must(await createContract({ client: manager.client, body: await body() }));
    const skip = await changeContractStatus({
      client: manager.client,
      path: { id: contract.id },
      body: { status: 'fulfilled' },
    });
    expect(skip.response.status).toBe(409);
    expect(skip.error).toMatchObject({
      code: 'CONTRACT_STATUS_TRANSITION_INVALID',
      from: 'draft',
      to: 'fulfilled',
    });
    await signContract({
      client: manager.client,
      path: { id: contract.id },
      body: { signedOn: '2026-03-02' },
    });
    const active = await changeContractStatus({
      client: manager.client,
      path: { id: contract.id },
      body: { status: 'active' },
    });
    expect(active.data?.status).toBe('active');
    const done = await changeContractStatus({
      client: manager.client,
      path: { id: contract.id },
      body: { status: 'fulfilled' },
    });
    expect(done.data?.status).toBe('fulfilled');
    const back = await changeContractStatus({
      client: manager.client,
      path: { id: contract.id },
      body: { status: 'active' },
    });
    expect(back.response.status).toBe(409);
    const resign = await signContract({ client: manager.client, path: { id: contract.id }, body: {} });
    expect(resign.response.status).toBe(409);
  });

  it('lets an ERP push its contract idempotently by external id', async () => {
    const erp = await apiClient();
    const push = await body();
    const path = { source: 'sap-erp', externalId: 'SO-2026-00042' };
    const first = await upsertContractByExternalId({ client: erp.client, path, body: push });
    expect(first.response.status).toBe(200);
    const again = await upsertContractByExternalId({ client: erp.client, path, body: push });
    expect(again.data?.id).toBe(first.data?.id);
    const signed = await upsertContractByExternalId({
      client: erp.client,
      path,
      body: { ...push, status: 'signed', signedOn: '2026-03-20' },
    });
    expect(signed.data).toMatchObject({ id: first.data?.id, status: 'signed', externalId: 'SO-2026-00042' });
    const replay = await upsertContractByExternalId({
      client: erp.client,
      path,
      body: { ...push, status: 'signed', signedOn: '2026-03-20' },
    });
    expect(replay.data?.status).toBe('signed');
    const changed = await upsertContractByExternalId({
      client: erp.client,
      path,
      body: {
        ...push,
        lines: [{ productId: widget, quantity: 99 }],
        status: 'signed',
        signedOn: '2026-03-20',
      },
    });
    expect(changed.response.status).toBe(409);
    expect(changed.error).toMatchObject({ code: 'CONTRACT_NOT_EDITABLE' });
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM contracts WHERE external_source = 'sap-erp' AND external_id = 'SO-2026-00042'`,
    );
    expect(n).toBe(1);
  });

  it('shows a contract to its rep and its vendor’s manager; another vendor’s manager gets 404', async () => {
    const contract = must(
      await createContract({ client: manager.client, body: await body({ repId: rep2 }) }),
    );
    const ownRep = await t.signIn(Role.REP, { vendorId, repId: rep2 });
    const otherRep = await t.signIn(Role.REP, { vendorId, repId: rep1 });
    const ownManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId });
    const foreign = await t.signIn(Role.VENDOR_MANAGER, { vendorId: otherVendorId });
    expect((await getContract({ client: ownRep.client, path: { id: contract.id } })).response.status).toBe(
      200,
    );
    expect(
      (await getContract({ client: ownManager.client, path: { id: contract.id } })).response.status,
    ).toBe(200);
    expect((await getContract({ client: otherRep.client, path: { id: contract.id } })).response.status).toBe(
      404,
    );
    expect((await getContract({ client: foreign.client, path: { id: contract.id } })).response.status).toBe(
      404,
    );
    const sign = await signContract({ client: foreign.client, path: { id: contract.id }, body: {} });
    expect(sign.response.status).toBe(404);
  });

  it('refuses bad input with a field-naming problem and writes nothing', async () => {
    const before = await count('contracts');
    const cases: [Partial<CreateContractDto>, number, string, string][] = [
      [
        { lines: [{ productId: '0d6f2b1e-8a4c-4f3b-9e2d-7c1a5b4e3f20', quantity: 1 }] },
        422,
        'PRODUCT_UNKNOWN',
        'lines.0.productId',
      ],
      [{ lines: [{ productId: widget, quantity: -1 }] }, 400, 'VALIDATION_FAILED', 'lines.0.quantity'],
      [
        { lines: [{ productId: widget, quantity: 1, discountBps: 10001 }] },
        400,
        'VALIDATION_FAILED',
        'lines.0.discountBps',
      ],
      [{ currency: 'HUF' }, 422, 'CONTRACT_CURRENCY_MISMATCH', 'lines.0'],
      [{ endsOn: '2026-02-01' }, 422, 'CONTRACT_ENDS_BEFORE_START', 'endsOn'],
      [{ credits: [{ repId: rep1, shareBps: 9000 }] }, 422, 'CONTRACT_CREDITS_INVALID', 'credits'],
    ];
    for (const [extra, status, code, field] of cases) {
      const { response, error } = await createContract({ client: manager.client, body: await body(extra) });
      expect([response.status, error]).toMatchObject([status, { code, errors: [{ field }] }]);
    }
    expect(await count('contracts')).toBe(before);
  });
});

describe('Winning: signing a contract from a lead', () => {
  let t: TestApp;
  let manager: TestUser;
  let facts: RevenueFactsService;
  let vendorId: string;
  let repId: string;
  let productId: string;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    facts = t.app.get(RevenueFactsService);
    const fx = vendorFixtures(manager.client);
    const line = await fx.productLine();
    const unit = await fx.salesUnit();
    vendorId = (await fx.vendor(unit.id)).id;
    await fx.agreement(vendorId, { startsOn: '2026-01-01', endsOn: '2028-12-31', productLineIds: [line.id] });
    repId = (
      await createRep({
        client: manager.client,
        body: { vendorId, fullName: 'Zhao Lei', grade: 'A', capacity: 40, timezone: 'Asia/Shanghai' },
      })
    ).data!.id;
    productId = (
      await createProduct({
        client: manager.client,
        body: {
          productLineId: line.id,
          sku: 'WIN-1',
          name: 'Win',
          currency: 'CNY',
          listPriceMinor: 200000,
          floorPriceMinor: 150000,
        },
      })
    ).data!.id;
  });
  afterAll(() => t.close());

  it('moves the lead to won, creates its customer and records the deal facts and win factors', async () => {
    const lead = (
      await createLead({ client: manager.client, body: { companyName: '深圳市赢单科技有限公司' } })
    ).data!;
    for (const status of ['contacted', 'qualified'] as const)
      expect(
        (await changeLeadStatus({ client: manager.client, path: { id: lead.id }, body: { status } })).response
          .status,
      ).toBe(200);
    const touches = (await getLead({ client: manager.client, path: { id: lead.id } })).data!.touchCount;
    const contract = (
      await createContract({
        client: manager.client,
        body: {
          leadId: lead.id,
          repId,
          currency: 'CNY',
          startsOn: '2026-03-01',
          endsOn: '2027-02-28',
          lines: [{ productId, quantity: 5 }],
        },
      })
    ).data!;
    expect(contract.customerId).toBeNull();
    // Signed twelve days after intake (intake day in UTC).
    const intake = Date.parse(`${lead.createdAt.slice(0, 10)}T00:00:00Z`);
    const signedOn = new Date(intake + 12 * 86_400_000).toISOString().slice(0, 10);
    const signed = await signContract({
      client: manager.client,
      path: { id: contract.id },
      body: {
        signedOn,
        winFactors: [{ factor: 'product_fit' }, { factor: 'other', text: 'Local service team' }],
        dealSummary: 'Won on a two-week pilot',
      },
    });
    expect(signed.response.status).toBe(200);
    expect(signed.data).toMatchObject({
      status: 'signed',
      cycleDays: 12,
      touchesBeforeWin: touches,
      callReportsBeforeWin: 0,
      winFactors: [{ factor: 'product_fit' }, { factor: 'other', text: 'Local service team' }],
      dealSummary: 'Won on a two-week pilot',
    });
    const won = (await getLead({ client: manager.client, path: { id: lead.id } })).data!;
    expect(won.status).toBe('won');
    expect(signed.data!.customerId).toBeTruthy();
    expect(won.customerId).toBe(signed.data!.customerId);
    const events: { event_type: string }[] = await t.dataSource.query(
      `SELECT event_type FROM webhook_events WHERE payload->>'contractId' = $1 OR payload->>'leadId' = $2`,
      [contract.id, lead.id],
    );
    expect(events.map((e) => e.event_type).sort()).toEqual([
      'contract.signed',
      'customer.created',
      // The lead's own life before the contract: taken in, then two status moves; the win is the third.
      'lead.created',
      'lead.status_changed',
      'lead.status_changed',
      'lead.status_changed',
      'lead.won',
    ]);

    const range = { from: signedOn.slice(0, 4) + '-01-01', to: `${Number(signedOn.slice(0, 4)) + 1}-01-01` };
    const cycle = await facts.dealCycleStats(t.dataSource.manager, { ...range, vendorIds: [vendorId] }, [
      'rep',
    ]);
    expect(cycle).toEqual([{ repId, wonCount: 1, totalCycleDays: 12, averageCycleDays: 12 }]);
    const newCustomers = await facts.countNewCustomers(
      t.dataSource.manager,
      { ...range, vendorIds: [vendorId] },
      [],
    );
    expect(newCustomers).toEqual([{ newCustomers: 1 }]);
  });

  it('a second contract of the same customer is not a new customer', async () => {
    const [{ customer_id: customerId }] = await t.dataSource.query(
      `SELECT customer_id FROM contracts WHERE customer_id IS NOT NULL LIMIT 1`,
    );
    const upsell = (
      await createContract({
        client: manager.client,
        body: {
          customerId,
          repId,
          currency: 'CNY',
          startsOn: '2027-03-01',
          endsOn: '2028-02-29',
          lines: [{ productId, quantity: 1 }],
        },
      })
    ).data!;
    await signContract({ client: manager.client, path: { id: upsell.id }, body: { signedOn: '2027-03-01' } });
    const rows = await facts.countNewCustomers(
      t.dataSource.manager,
      { from: '2027-01-01', to: '2028-01-01', vendorIds: [vendorId] },
      [],
    );
    expect(rows).toEqual([]);
    const bookings = await facts.sumRevenueFacts(
      t.dataSource.manager,
      { measure: 'bookings', from: '2027-01-01', to: '2028-01-01', vendorIds: [vendorId] },
      ['year'],
    );
    expect(bookings).toEqual([{ year: '2027', currency: 'CNY', amountMinor: 200000, contractCount: 1 }]);
  });
});
