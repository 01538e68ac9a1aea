import {
  acceptDispute,
  approveStatement,
  createApiClient,
  createRep,
  createStatement,
  createToken,
  draftStatements,
  exportStatementCsv,
  getStatement,
  listDisputes,
  listStatementLines,
  listStatements,
  lockStatement,
  raiseDispute,
  recomputeStatement,
  rejectDispute,
  runCheck,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';

/**
 * Settlement statements through the SDK. Amounts are worked out by hand in each test: HUF has ISO's two
 * minor digits, so 250 000 Ft is 25 000 000 minor units, and payouts round to whole forints.
 */
describe('Settlement statements: retainers, lifecycle, scope, disputes, export', () => {
  let t: TestApp;
  let manager: TestUser;
  let fx: ReturnType<typeof vendorFixtures>;
  let unitId: string;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    fx = vendorFixtures(manager.client);
    unitId = (await fx.salesUnit()).id;
  });
  afterAll(() => t.close());

  const count = async (table: string) =>
    Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  /** An agency in Budapest whose agreement starts on 17 June 2026 with a 250 000 Ft monthly retainer. */
  const hungarianAgency = async () => {
    const vendor = await fx.vendor(unitId, { countryCode: 'HU', timezone: 'Europe/Budapest' });
    await fx.agreement(vendor.id, {
      startsOn: '2026-06-17',
      endsOn: '2026-12-31',
      retainerFeeMinor: 25_000_000,
      feeCurrency: 'HUF',
    });
    return vendor;
  };

  const draft = async (vendorId: string, periodKey: string, repId?: string) => {
    const { data, error } = await createStatement({
      client: manager.client,
      body: { vendorId, periodKey, repId },
    });
    if (!data) throw new Error(`statement: ${JSON.stringify(error)}`);
    return data;
  };

  const linesOf = async (client: TestUser['client'], id: string) =>
    (await listStatementLines({ client, path: { id } })).data!.data;

  it('pays a retainer pro rata for an agreement starting on the 17th: 250 000 Ft × 14/30 = 116 666.67 → 116 667 Ft', async () => {
    const vendor = await hungarianAgency();
    const { data: statement, response } = await createStatement({
      client: manager.client,
      body: { vendorId: vendor.id, periodKey: '2026-06' },
    });
    expect(response.status).toBe(201);
    expect(statement).toMatchObject({
      status: 'draft',
      periodStart: '2026-06-01',
      periodEnd: '2026-07-01',
      lineCount: 1,
      totals: [{ currency: 'HUF', amountMinor: 11_666_700 }],
    });
    const lines = await linesOf(manager.client, statement!.id);
    expect(lines).toEqual([
      expect.objectContaining({
        lineNo: 1,
        kind: 'retainer',
        sourceMonth: '2026-06',
        basisMinor: 25_000_000,
        amountMinor: 11_666_700,
        currency: 'HUF',
        note: '14 of 30 days in force',
      }),
    ]);
    const july = await draft(vendor.id, '2026-07');
    expect(july.totals).toEqual([{ currency: 'HUF', amountMinor: 25_000_000 }]);
  });

  it('refuses overlapping periods of one payee with 409 SETTLEMENT_PERIOD_OVERLAP and writes nothing', async () => {
    const vendor = await hungarianAgency();
    await draft(vendor.id, '2026-07');
    const before = await count('settlement_statements');
    const overlapping = await createStatement({
      client: manager.client,
      body: { vendorId: vendor.id, periodKey: '2026-Q3' },
    });
    expect(overlapping.response.status).toBe(409);
    expect(overlapping.response.headers.get('content-type')).toContain('application/problem+json');
    expect(overlapping.error).toMatchObject({ code: 'SETTLEMENT_PERIOD_OVERLAP' });
    expect(await count('settlement_statements')).toBe(before);
    // The next month does not overlap.
    expect(
      (await createStatement({ client: manager.client, body: { vendorId: vendor.id, periodKey: '2026-08' } }))
        .response.status,
    ).toBe(201);
  });

  it('settles an independent rep per rep and an agency as a whole (422 SETTLEMENT_PAYEE_INVALID otherwise)', async () => {
    const solo = await fx.vendor(unitId, {
      kind: 'independent_rep',
      countryCode: 'HU',
      timezone: 'Europe/Budapest',
    });
    await fx.agreement(solo.id, { startsOn: '2026-01-01', retainerFeeMinor: 10_000_000, feeCurrency: 'HUF' });
    const rep = (
      await createRep({
        client: manager.client,
        body: {
          vendorId: solo.id,
          fullName: 'Kovács Anna',
          grade: 'A',
          capacity: 10,
          timezone: 'Europe/Budapest',
        },
      })
    ).data!;
    const noRep = await createStatement({
      client: manager.client,
      body: { vendorId: solo.id, periodKey: '2026-07' },
    });
    expect(noRep.response.status).toBe(422);
    expect(noRep.error).toMatchObject({ code: 'SETTLEMENT_PAYEE_INVALID', errors: [{ field: 'repId' }] });
    const agency = await hungarianAgency();
    const withRep = await createStatement({
      client: manager.client,
      body: { vendorId: agency.id, repId: rep.id, periodKey: '2026-07' },
    });
    expect(withRep.error).toMatchObject({ code: 'SETTLEMENT_PAYEE_INVALID' });
    const own = await draft(solo.id, '2026-07', rep.id);
    expect(own).toMatchObject({ repId: rep.id, totals: [{ currency: 'HUF', amountMinor: 10_000_000 }] });
  });

  it('moves draft → approved → locked; approving or recomputing a locked statement is 409 and writes nothing', async () => {
    const vendor = await hungarianAgency();
    const statement = await draft(vendor.id, '2026-07');
    const recomputed = await recomputeStatement({ client: manager.client, path: { id: statement.id } });
    expect(recomputed.data).toMatchObject({ status: 'draft', totals: statement.totals });

    const approved = await approveStatement({ client: manager.client, path: { id: statement.id } });
    expect(approved.response.status).toBe(201);
    expect(approved.data).toMatchObject({ status: 'approved' });
    const events = await t.dataSource.query(
      `SELECT payload FROM webhook_events WHERE event_type = 'statement.approved' AND payload->>'statementId' = $1`,
      [statement.id],
    );
    expect(events).toEqual([
      {
        payload: expect.objectContaining({
          vendorId: vendor.id,
          periodKey: '2026-07',
          totals: [{ currency: 'HUF', amountMinor: 25_000_000 }],
        }),
      },
    ]);
    const again = await approveStatement({ client: manager.client, path: { id: statement.id } });
    expect(again.response.status).toBe(409);
    expect(again.error).toMatchObject({ code: 'SETTLEMENT_STATEMENT_STATE_INVALID' });

    const locked = await lockStatement({ client: manager.client, path: { id: statement.id } });
    expect(locked.data).toMatchObject({ status: 'locked' });
    const lines = await linesOf(manager.client, statement.id);
    const eventsBefore = await count('webhook_events');

    const approveLocked = await approveStatement({ client: manager.client, path: { id: statement.id } });
    expect(approveLocked.response.status).toBe(409);
    expect(approveLocked.error).toMatchObject({ code: 'SETTLEMENT_STATEMENT_LOCKED' });
    const recomputeLocked = await recomputeStatement({ client: manager.client, path: { id: statement.id } });
    expect(recomputeLocked.response.status).toBe(409);
    expect(recomputeLocked.error).toMatchObject({ code: 'SETTLEMENT_STATEMENT_LOCKED' });

    const after = await getStatement({ client: manager.client, path: { id: statement.id } });
    expect(after.data).toMatchObject({ status: 'locked', version: locked.data!.version });
    expect(await linesOf(manager.client, statement.id)).toEqual(lines);
    expect(await count('webhook_events')).toBe(eventsBefore);
  });

  it('only a sales manager approves: a vendor manager gets 403 on their own statement', async () => {
    const vendor = await hungarianAgency();
    const statement = await draft(vendor.id, '2026-07');
    const vendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendor.id });
    const refused = await approveStatement({ client: vendorManager.client, path: { id: statement.id } });
    expect(refused.response.status).toBe(403);
  });

  it('shows vendor managers and vendor-bound clients only their own statements; others are 404', async () => {
    const mine = await hungarianAgency();
    const theirs = await hungarianAgency();
    const own = await draft(mine.id, '2026-07');
    const foreign = await draft(theirs.id, '2026-07');
    const vendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: mine.id });

    const list = await listStatements({ client: vendorManager.client, query: { periodKey: '2026-07' } });
    expect(list.data!.data.map((s) => s.id)).toEqual([own.id]);
    expect(
      (await getStatement({ client: vendorManager.client, path: { id: foreign.id } })).response.status,
    ).toBe(404);
    expect(
      (await listStatementLines({ client: vendorManager.client, path: { id: foreign.id } })).response.status,
    ).toBe(404);
    expect(
      (await exportStatementCsv({ client: vendorManager.client, path: { id: foreign.id } })).response.status,
    ).toBe(404);

    const admin = await t.signIn(Role.ADMIN);
    const created = await createApiClient({
      client: admin.client,
      body: { name: 'Vendor ERP', vendorId: mine.id },
    });
    const token = await createToken({
      client: t.anonymous,
      body: {
        grant_type: 'client_credentials',
        client_id: created.data!.clientId,
        client_secret: created.data!.clientSecret,
      },
    });
    const erp = t.clientWithToken(token.data!.access_token);
    expect((await getStatement({ client: erp, path: { id: own.id } })).response.status).toBe(200);
    expect((await getStatement({ client: erp, path: { id: foreign.id } })).response.status).toBe(404);
  });

  it('exports a statement as CSV, one row per line with amounts in minor units', async () => {
    const vendor = await hungarianAgency();
    const statement = await draft(vendor.id, '2026-06');
    const response = await fetch(`${t.baseUrl}/api/v1/settlement-statements/${statement.id}/csv`, {
      headers: { authorization: `Bearer ${manager.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const rows = (await response.text()).trimEnd().split('\r\n');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toBe(
      'statement_id,vendor_id,payee_rep_id,period,status,line_no,kind,fact_date,source_contract_id,source_fact_id,' +
        'source_lead_id,source_month,rep_id,agreement_id,basis_minor,share_bps,rate_bps,tier,amount_minor,currency,' +
        'original_line_id,note',
    );
    const cells = rows[1].split(',');
    expect(cells.slice(0, 7)).toEqual([statement.id, vendor.id, '', '2026-06', 'draft', '1', 'retainer']);
    expect(cells.slice(-4)).toEqual(['11666700', 'HUF', '', '14 of 30 days in force']);
  });

  describe('disputes', () => {
    it('accepts a dispute as an adjustment line naming the disputed line in the next open statement', async () => {
      const vendor = await hungarianAgency();
      const june = await draft(vendor.id, '2026-06');
      await approveStatement({ client: manager.client, path: { id: june.id } });
      await lockStatement({ client: manager.client, path: { id: june.id } });
      const july = await draft(vendor.id, '2026-07');
      const [juneLine] = await linesOf(manager.client, june.id);

      const vendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendor.id });
      const raised = await raiseDispute({
        client: vendorManager.client,
        path: { id: june.id, lineId: juneLine.id },
        body: { reason: 'We started on 16 June: 15 days, not 14' },
      });
      expect(raised.response.status).toBe(201);
      expect(raised.data).toMatchObject({ status: 'open', lineId: juneLine.id });
      const twice = await raiseDispute({
        client: vendorManager.client,
        path: { id: june.id, lineId: juneLine.id },
        body: { reason: 'again' },
      });
      expect(twice.error).toMatchObject({ code: 'SETTLEMENT_DISPUTE_STATE_INVALID' });

      // 250 000 Ft × 15/30 = 125 000 Ft; paid 116 667 Ft; the difference is 8 333 Ft.
      const mixed = await acceptDispute({
        client: manager.client,
        path: { id: raised.data!.id },
        body: { reason: 'Agreed', amountMinor: 833_300, currency: 'EUR' },
      });
      expect(mixed.response.status).toBe(422);
      expect(mixed.error).toMatchObject({ code: 'SETTLEMENT_CURRENCY_MIXED' });
      expect(await count('settlement_adjustments')).toBe(0);

      const accepted = await acceptDispute({
        client: manager.client,
        path: { id: raised.data!.id },
        body: { reason: 'The kick-off was on 16 June', amountMinor: 833_300 },
      });
      expect(accepted.data).toMatchObject({
        status: 'accepted',
        decisionReason: 'The kick-off was on 16 June',
      });
      const julyLines = await linesOf(manager.client, july.id);
      expect(julyLines.map((line) => [line.kind, line.amountMinor, line.originalLineId])).toEqual([
        ['retainer', 25_000_000, null],
        ['adjustment', 833_300, juneLine.id],
      ]);
      expect((await getStatement({ client: manager.client, path: { id: july.id } })).data!.totals).toEqual([
        { currency: 'HUF', amountMinor: 25_833_300 },
      ]);
      // Recomputing keeps the adjustment; the next statement after July does not repeat it once July is closed.
      await recomputeStatement({ client: manager.client, path: { id: july.id } });
      expect((await linesOf(manager.client, july.id)).length).toBe(2);
      await approveStatement({ client: manager.client, path: { id: july.id } });
      const august = await draft(vendor.id, '2026-08');
      expect(august.totals).toEqual([{ currency: 'HUF', amountMinor: 25_000_000 }]);

      const history = await listDisputes({ client: vendorManager.client, query: { statementId: june.id } });
      expect(history.data!.data.map((d) => d.status)).toEqual(['accepted']);
    });

    it('rejects a dispute with a reason and keeps the history; a decided dispute cannot be decided again', async () => {
      const vendor = await hungarianAgency();
      const june = await draft(vendor.id, '2026-06');
      await approveStatement({ client: manager.client, path: { id: june.id } });
      const [line] = await linesOf(manager.client, june.id);
      const vendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendor.id });
      const raised = await raiseDispute({
        client: vendorManager.client,
        path: { id: june.id, lineId: line.id },
        body: { reason: 'The retainer should be whole' },
      });
      const rejected = await rejectDispute({
        client: manager.client,
        path: { id: raised.data!.id },
        body: { reason: 'The agreement starts on 17 June' },
      });
      expect(rejected.data).toMatchObject({
        status: 'rejected',
        decisionReason: 'The agreement starts on 17 June',
      });
      const again = await acceptDispute({
        client: manager.client,
        path: { id: raised.data!.id },
        body: { reason: 'changed my mind', amountMinor: 1 },
      });
      expect(again.response.status).toBe(409);
      expect(again.error).toMatchObject({ code: 'SETTLEMENT_DISPUTE_STATE_INVALID' });
      // A second dispute on the same line after the rejection is history too.
      await raiseDispute({
        client: vendorManager.client,
        path: { id: june.id, lineId: line.id },
        body: { reason: 'New facts' },
      });
      const history = await listDisputes({ client: vendorManager.client, query: { statementId: june.id } });
      expect(history.data!.data.map((d) => d.status)).toEqual(['rejected', 'open']);
    });

    it('answers 404 for a dispute on another vendor’s line and writes nothing', async () => {
      const mine = await hungarianAgency();
      const theirs = await hungarianAgency();
      const foreign = await draft(theirs.id, '2026-06');
      await approveStatement({ client: manager.client, path: { id: foreign.id } });
      const [foreignLine] = await linesOf(manager.client, foreign.id);
      const own = await draft(mine.id, '2026-06');
      await approveStatement({ client: manager.client, path: { id: own.id } });
      const vendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: mine.id });
      const before = await count('settlement_disputes');

      const onForeign = await raiseDispute({
        client: vendorManager.client,
        path: { id: foreign.id, lineId: foreignLine.id },
        body: { reason: 'not ours' },
      });
      expect(onForeign.response.status).toBe(404);
      // Their line under my statement's id is not a line of my statement either.
      const smuggled = await raiseDispute({
        client: vendorManager.client,
        path: { id: own.id, lineId: foreignLine.id },
        body: { reason: 'not ours' },
      });
      expect(smuggled.response.status).toBe(404);
      expect(await count('settlement_disputes')).toBe(before);
    });

    it('refuses a dispute on a draft (drafts are recomputed) with 409', async () => {
      const vendor = await hungarianAgency();
      const statement = await draft(vendor.id, '2026-06');
      const [line] = await linesOf(manager.client, statement.id);
      const vendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendor.id });
      const refused = await raiseDispute({
        client: vendorManager.client,
        path: { id: statement.id, lineId: line.id },
        body: { reason: 'too early' },
      });
      expect(refused.error).toMatchObject({ code: 'SETTLEMENT_STATEMENT_STATE_INVALID' });
    });
  });

  it('drafts a statement for every vendor with an agreement in force, and leaves closed ones alone', async () => {
    const first = await hungarianAgency();
    const second = await hungarianAgency();
    const closed = await draft(second.id, '2026-09');
    await approveStatement({ client: manager.client, path: { id: closed.id } });
    const run = await draftStatements({ client: manager.client, body: { periodKey: '2026-09' } });
    expect(run.response.status).toBe(201);
    const list = await listStatements({
      client: manager.client,
      query: { periodKey: '2026-09', limit: 200 },
    });
    const byVendor = new Map(list.data!.data.map((s) => [s.vendorId, s]));
    expect(byVendor.get(first.id)).toMatchObject({
      status: 'draft',
      totals: [{ currency: 'HUF', amountMinor: 25_000_000 }],
    });
    expect(byVendor.get(second.id)).toMatchObject({ id: closed.id, status: 'approved' });
    const rerun = await draftStatements({ client: manager.client, body: { periodKey: '2026-09' } });
    expect(rerun.data!.created).toBe(0);
  });

  it('the scheduler drafts last month’s statement for every vendor with an agreement in force, once', async () => {
    const vendor = await hungarianAgency();
    const admin = await t.signIn(Role.ADMIN);
    const run = (asOf: string) =>
      runCheck({ client: admin.client, path: { name: 'settlement_drafts' }, body: { asOf } });
    expect((await run('2026-11-01T00:10:00Z')).response.status).toBe(201);
    const october = await listStatements({
      client: manager.client,
      query: { vendorId: vendor.id, periodKey: '2026-10' },
    });
    expect(october.data!.data).toEqual([
      expect.objectContaining({ status: 'draft', totals: [{ currency: 'HUF', amountMinor: 25_000_000 }] }),
    ]);
    const before = await count('settlement_statements');
    await run('2026-11-01T00:15:00Z');
    expect(await count('settlement_statements')).toBe(before);
  });
});
