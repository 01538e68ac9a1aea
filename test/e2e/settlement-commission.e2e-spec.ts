import {
  approveStatement,
  changeContractStatus,
  createContract,
  createProduct,
  createRep,
  createStatement,
  listStatementLines,
  lockStatement,
  postContractPayment,
  signContract,
} from '../../openapi/sdk';
import type { CreateAgreementDto, CreateContractDto, StatementDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';

/**
 * Commission lines from contracts booked and paid through the contracts module. Every amount is worked
 * out by hand: 5 % of 10 000.00 CNY (1 000 000 fen) is 50 000 fen.
 */
describe('Settlement commission: renewals, split credit, rounding, caps, clawbacks, late payments', () => {
  let t: TestApp;
  let manager: TestUser;
  let fx: ReturnType<typeof vendorFixtures>;
  let unitId: string;
  let lineId: string;
  let widget: string; // CNY, list 1 000.00, floor 800.00
  let forint: string; // HUF, list 100 000.00 Ft, floor 80 000.00 Ft

  const must = <T>(result: { data?: T; error?: unknown }): T => {
    if (!result.data) throw new Error(JSON.stringify(result.error));
    return result.data;
  };
  const count = async (table: string) =>
    Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
  let customerCounter = 0;
  const customer = async () => {
    const [row]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO customers (name, name_key, erp_customer_id) VALUES ($1, $1, $1) RETURNING id`,
      [`Settlement customer ${++customerCounter} ${Math.random()}`],
    );
    return row.id;
  };

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    fx = vendorFixtures(manager.client);
    unitId = (await fx.salesUnit()).id;
    lineId = (await fx.productLine()).id;
    const product = async (sku: string, currency: string, list: number, floor: number) =>
      must(
        await createProduct({
          client: manager.client,
          body: {
            productLineId: lineId,
            sku,
            name: sku,
            currency,
            listPriceMinor: list,
            floorPriceMinor: floor,
          },
        }),
      ).id;
    widget = await product('SET-W', 'CNY', 100_000, 80_000);
    forint = await product('SET-F', 'HUF', 10_000_000, 8_000_000);
  });
  afterAll(() => t.close());

  /** An agency with one or more agreements (defaults: all of 2026, 5 %, booked basis) and two reps. */
  const agency = async (agreements: Partial<CreateAgreementDto>[] = [{}]) => {
    const vendor = await fx.vendor(unitId);
    for (const terms of agreements) {
      await fx.agreement(vendor.id, {
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        productLineIds: [lineId],
        commissionRateBps: 500,
        ...terms,
      });
    }
    const rep = async (fullName: string) =>
      must(
        await createRep({
          client: manager.client,
          body: { vendorId: vendor.id, fullName, grade: 'B', capacity: 40, timezone: 'Asia/Shanghai' },
        }),
      ).id;
    return { vendorId: vendor.id, rep1: await rep('Wang Fang'), rep2: await rep('Li Na') };
  };

  /** A signed contract of one line. */
  const signed = async (
    repId: string,
    signedOn: string,
    line: { productId?: string; quantity?: number; unitPriceMinor?: number } = {},
    extra: Partial<CreateContractDto> = {},
  ) => {
    const productId = line.productId ?? widget;
    const contract = must(
      await createContract({
        client: manager.client,
        body: {
          customerId: await customer(),
          repId,
          currency: productId === forint ? 'HUF' : 'CNY',
          startsOn: signedOn,
          endsOn: '2027-06-30',
          lines: [{ productId, quantity: line.quantity ?? 10, unitPriceMinor: line.unitPriceMinor }],
          ...extra,
        },
      }),
    );
    must(await signContract({ client: manager.client, path: { id: contract.id }, body: { signedOn } }));
    return contract.id;
  };

  const statement = async (vendorId: string, periodKey: string): Promise<StatementDto> =>
    must(await createStatement({ client: manager.client, body: { vendorId, periodKey } }));
  const lines = async (id: string) =>
    must(await listStatementLines({ client: manager.client, path: { id }, query: { limit: 200 } })).data;
  const close = async (id: string) => {
    must(await approveStatement({ client: manager.client, path: { id } }));
    must(await lockStatement({ client: manager.client, path: { id } }));
  };

  it('changes the rate on the day a renewed agreement starts mid-period: 5 % until 15 July, 8 % from 16 July', async () => {
    const { vendorId, rep1 } = await agency([
      { startsOn: '2026-01-01', endsOn: '2026-07-15', commissionRateBps: 500 },
      { startsOn: '2026-07-16', endsOn: '2026-12-31', commissionRateBps: 800 },
    ]);
    const before = await signed(rep1, '2026-07-15');
    const after = await signed(rep1, '2026-07-16');
    const july = await statement(vendorId, '2026-07');
    // 10 × 1 000.00 = 10 000.00 CNY each: 5 % = 500.00, 8 % = 800.00.
    expect(
      (await lines(july.id)).map((l) => [l.kind, l.sourceContractId, l.basisMinor, l.rateBps, l.amountMinor]),
    ).toEqual([
      ['commission', before, 1_000_000, 500, 50_000],
      ['commission', after, 1_000_000, 800, 80_000],
    ]);
    expect(july.totals).toEqual([{ currency: 'CNY', amountMinor: 130_000 }]);
  });

  it('credits a shared contract 60/40: 1 000.01 CNY → 600.01 and 400.00, 5 % of each', async () => {
    const { vendorId, rep1, rep2 } = await agency();
    const contractId = await signed(
      rep1,
      '2026-07-03',
      { quantity: 1, unitPriceMinor: 100_001 },
      {
        credits: [
          { repId: rep1, shareBps: 6000 },
          { repId: rep2, shareBps: 4000 },
        ],
      },
    );
    const july = await statement(vendorId, '2026-07');
    // 5 % of 60 001 fen = 3 000.05 → 3 000 fen; 5 % of 40 000 fen = 2 000 fen.
    // One line per credited rep; which rep's line comes first is not part of the rule.
    const byShare = (await lines(july.id)).sort((a, b) => (b.shareBps ?? 0) - (a.shareBps ?? 0));
    expect(
      byShare.map((l) => [l.sourceContractId, l.repId, l.shareBps, l.basisMinor, l.amountMinor]),
    ).toEqual([
      [contractId, rep1, 6000, 60_001, 3_000],
      [contractId, rep2, 4000, 40_000, 2_000],
    ]);
  });

  it('refuses a credit split that does not add up to 100 % where it is entered, and nothing is booked', async () => {
    const { rep1, rep2 } = await agency();
    const before = await count('contracts');
    const refused = await createContract({
      client: manager.client,
      body: {
        customerId: await customer(),
        repId: rep1,
        currency: 'CNY',
        startsOn: '2026-07-01',
        endsOn: '2027-06-30',
        lines: [{ productId: widget, quantity: 1 }],
        credits: [
          { repId: rep1, shareBps: 7000 },
          { repId: rep2, shareBps: 4000 },
        ],
      },
    });
    expect(refused.response.status).toBeGreaterThanOrEqual(400);
    expect(refused.response.status).toBeLessThan(500);
    expect(await count('contracts')).toBe(before);
  });

  it('rounds HUF commission to whole forints and CNY to the fen', async () => {
    const { vendorId, rep1 } = await agency();
    await signed(rep1, '2026-07-06', { productId: forint, quantity: 1, unitPriceMinor: 9_123_457 });
    await signed(rep1, '2026-07-07', { quantity: 1, unitPriceMinor: 123_457 });
    const july = await statement(vendorId, '2026-07');
    // 5 % of 91 234.57 Ft = 4 561.7285 Ft → 4 562 Ft; 5 % of 1 234.57 CNY = 61.7285 → 61.73 CNY.
    expect((await lines(july.id)).map((l) => [l.currency, l.amountMinor])).toEqual([
      ['HUF', 456_200],
      ['CNY', 6_173],
    ]);
    expect(july.totals).toEqual([
      { currency: 'HUF', amountMinor: 456_200 },
      { currency: 'CNY', amountMinor: 6_173 },
    ]);
  });

  it('caps commission: 2 × 500.00 CNY against a 800.00 cap takes 200.00 off in one cap line', async () => {
    const { vendorId, rep1 } = await agency([{ commissionCapMinor: 80_000, feeCurrency: 'CNY' }]);
    await signed(rep1, '2026-07-01');
    await signed(rep1, '2026-07-02');
    const july = await statement(vendorId, '2026-07');
    expect((await lines(july.id)).map((l) => [l.kind, l.amountMinor])).toEqual([
      ['commission', 50_000],
      ['commission', 50_000],
      ['cap', -20_000],
    ]);
    expect(july.totals).toEqual([{ currency: 'CNY', amountMinor: 80_000 }]);
  });

  it('refuses a statement that would cap CNY against HUF commission (422 SETTLEMENT_CURRENCY_MIXED), writing nothing', async () => {
    const { vendorId, rep1 } = await agency([{ commissionCapMinor: 80_000, feeCurrency: 'CNY' }]);
    await signed(rep1, '2026-07-01', { productId: forint, quantity: 1 });
    const before = await count('settlement_statements');
    const refused = await createStatement({
      client: manager.client,
      body: { vendorId, periodKey: '2026-07' },
    });
    expect(refused.response.status).toBe(422);
    expect(refused.response.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.error).toMatchObject({ code: 'SETTLEMENT_CURRENCY_MIXED' });
    expect(await count('settlement_statements')).toBe(before);
  });

  describe('clawback within 90 days', () => {
    it('claws back May’s commission when the contract is terminated on day 90, and not on day 91', async () => {
      const { vendorId, rep1 } = await agency([{ clawbackDays: 90 }]);
      const inside = await signed(rep1, '2026-05-02');
      const outside = await signed(rep1, '2026-05-02', { quantity: 20 });
      const may = await statement(vendorId, '2026-05');
      await close(may.id);
      const [insideLine, outsideLine] = (await lines(may.id)).sort((a, b) => a.basisMinor! - b.basisMinor!);
      expect([insideLine.amountMinor, outsideLine.amountMinor]).toEqual([50_000, 100_000]);

      // 2 May + 90 days = 31 July (inside); 1 August is day 91 (outside).
      const terminate = (id: string, effectiveOn: string) =>
        changeContractStatus({
          client: manager.client,
          path: { id },
          body: { status: 'terminated', effectiveOn, reason: 'Customer walked away' },
        });
      must(await terminate(inside, '2026-07-31'));
      must(await terminate(outside, '2026-08-01'));

      const july = await statement(vendorId, '2026-07');
      expect(await lines(july.id)).toEqual([
        expect.objectContaining({
          kind: 'clawback',
          sourceContractId: inside,
          amountMinor: -50_000,
          originalLineId: insideLine.id,
          factDate: '2026-07-31',
        }),
      ]);
      const august = await statement(vendorId, '2026-08');
      expect(await lines(august.id)).toEqual([]);
    });
  });

  it('settles a payment recorded after its month was locked in the next statement, naming the locked line', async () => {
    const { vendorId, rep1 } = await agency([{ commissionBasis: 'paid' }]);
    const contractId = await signed(rep1, '2026-06-01');
    const pay = (amountMinor: number, paidOn: string) =>
      postContractPayment({
        client: manager.client,
        path: { id: contractId },
        body: {
          amountMinor,
          currency: 'CNY',
          paidOn,
          externalSource: 'sap',
          externalId: `P-${paidOn}-${contractId}`,
        },
      });
    must(await pay(500_000, '2026-06-05'));
    const june = await statement(vendorId, '2026-06');
    await close(june.id);
    const [juneLine] = await lines(june.id);
    expect(juneLine).toMatchObject({ kind: 'commission', basisMinor: 500_000, amountMinor: 25_000 });

    // Paid on 25 June, reported in July after June was locked: 5 % of 3 000.00 = 150.00 CNY.
    must(await pay(300_000, '2026-06-25'));
    must(await pay(200_000, '2026-07-10'));
    const july = await statement(vendorId, '2026-07');
    expect((await lines(july.id)).map((l) => [l.kind, l.factDate, l.amountMinor, l.originalLineId])).toEqual([
      ['commission', '2026-07-10', 10_000, null],
      ['adjustment', '2026-06-25', 15_000, juneLine.id],
    ]);
    // The locked June statement did not move.
    expect((await lines(june.id)).map((l) => l.amountMinor)).toEqual([25_000]);
  });
});
