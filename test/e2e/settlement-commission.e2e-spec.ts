import {
  approveStatement,
  approveTarget,
  changeContractStatus,
  changeLeadStatus,
  createContract,
  createLead,
  createProduct,
  createRep,
  createStatement,
  createTarget,
  listStatementLines,
  lockStatement,
  postContractPayment,
  recordLeadActivity,
  signContract,
} from '../../openapi/sdk';
import type { CreateAgreementDto, CreateContractDto, StatementDto } from '../../openapi/sdk';
import { Principal, Role } from '../../src/common/auth/role';
import { LeadsService } from '../../src/modules/leads/leads.service';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';
import { must } from '../support/must';

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

  const statement = async (vendorId: string, periodKey: string, repId?: string): Promise<StatementDto> =>
    must(await createStatement({ client: manager.client, body: { vendorId, periodKey, repId } }));
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
    // Lines of one fact are ordered by rep id; compare them by share.
    expect(
      (await lines(july.id))
        .sort((a, b) => b.shareBps! - a.shareBps!)
        .map((l) => [l.sourceContractId, l.repId, l.shareBps, l.basisMinor, l.amountMinor]),
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
  describe('commission tiers from the targets’ attainment', () => {
    /** 3 % below 80 % of target, 5 % from 80 %, 7 % from 100 %; paid basis. */
    const tiered: Partial<CreateAgreementDto> = {
      commissionBasis: 'paid',
      commissionRateBps: 300,
      commissionTiers: [
        { minAttainmentPercent: 80, commissionRateBps: 500 },
        { minAttainmentPercent: 100, commissionRateBps: 700 },
      ],
    };
    const paidContract = async (repId: string, amountMinor: number, paidOn: string) => {
      const contractId = await signed(repId, '2026-07-01', { quantity: 20 });
      must(
        await postContractPayment({
          client: manager.client,
          path: { id: contractId },
          body: {
            amountMinor,
            currency: 'CNY',
            paidOn,
            externalSource: 'sap',
            externalId: `T-${contractId}`,
          },
        }),
      );
      return contractId;
    };
    const revenueTarget = async (ownerKind: 'rep' | 'vendor', ownerId: string, baseValue: number) => {
      const target = must(
        await createTarget({
          client: manager.client,
          body: { metric: 'revenue', periodKey: '2026-07', ownerKind, ownerId, currency: 'CNY', baseValue },
        }),
      );
      must(await approveTarget({ client: manager.client, path: { id: target.id } }));
    };

    it('pays the tier an independent rep reached: 12 000.00 paid against a 10 000.00 CNY revenue target is 120 %, so 7 %, i.e. 840.00 CNY', async () => {
      const solo = await fx.vendor(unitId, { kind: 'independent_rep' });
      await fx.agreement(solo.id, {
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        productLineIds: [lineId],
        ...tiered,
      });
      const rep = must(
        await createRep({
          client: manager.client,
          body: {
            vendorId: solo.id,
            fullName: 'Zhao Lei',
            grade: 'A',
            capacity: 30,
            timezone: 'Asia/Shanghai',
          },
        }),
      ).id;
      await revenueTarget('rep', rep, 1_000_000);
      const contractId = await paidContract(rep, 1_200_000, '2026-07-10');
      const july = await statement(solo.id, '2026-07', rep);
      // 1 200 000 / 1 000 000 = 120 % ≥ 100 % → 7 % of 1 200 000 fen = 84 000 fen.
      expect(
        (await lines(july.id)).map((l) => [
          l.kind,
          l.sourceContractId,
          l.basisMinor,
          l.rateBps,
          l.tier,
          l.amountMinor,
        ]),
      ).toEqual([['commission', contractId, 1_200_000, 700, 'from 100 %', 84_000]]);
      expect(july.totals).toEqual([{ currency: 'CNY', amountMinor: 84_000 }]);
    });

    it('pays an agency at exactly 80 % of its vendor revenue target the 80 % tier (5 %), and the base rate (3 %) where no agreed target exists', async () => {
      const { vendorId, rep1 } = await agency([tiered]);
      await revenueTarget('vendor', vendorId, 1_000_000);
      await paidContract(rep1, 800_000, '2026-07-15');
      const july = await statement(vendorId, '2026-07');
      // 800 000 / 1 000 000 = exactly 80 % → 5 % of 800 000 fen = 40 000 fen.
      expect((await lines(july.id)).map((l) => [l.basisMinor, l.rateBps, l.tier, l.amountMinor])).toEqual([
        [800_000, 500, 'from 80 %', 40_000],
      ]);

      // A draft target sets nobody's pay: August has one, not approved → 3 % of 500 000 fen = 15 000 fen.
      must(
        await createTarget({
          client: manager.client,
          body: {
            metric: 'revenue',
            periodKey: '2026-08',
            ownerKind: 'vendor',
            ownerId: vendorId,
            currency: 'CNY',
            baseValue: 100_000,
          },
        }),
      );
      await paidContract(rep1, 500_000, '2026-08-03');
      const august = await statement(vendorId, '2026-08');
      expect((await lines(august.id)).map((l) => [l.basisMinor, l.rateBps, l.tier, l.amountMinor])).toEqual([
        [500_000, 300, null, 15_000],
      ]);
    });
  });

  it('pays a per-lead fee of 200.00 CNY for each lead first qualified in the period, not for leads only accepted', async () => {
    const { vendorId, rep1 } = await agency([
      { perLeadFeeMinor: 20_000, perLeadFeeKind: 'qualified', feeCurrency: 'CNY' },
    ]);
    const routing: Principal = {
      subjectId: manager.id,
      kind: 'user',
      role: Role.SALES_MANAGER,
      vendorId: null,
      repId: null,
      name: 'routing',
    };
    const lead = async (name: string, statuses: ('contacted' | 'qualified')[]) => {
      const id = must(
        await createLead({ client: manager.client, body: { companyName: name, source: 'web_form' } }),
      ).id;
      await t.app.get(LeadsService).assignLeadOwner(id, vendorId, rep1, routing);
      must(
        await recordLeadActivity({
          client: manager.client,
          path: { id },
          body: { channel: 'call', content: 'First call', occurredAt: '2026-07-01T02:00:00Z' },
        }),
      );
      for (const status of statuses)
        must(await changeLeadStatus({ client: manager.client, path: { id }, body: { status } }));
      return id;
    };
    const qualifiedInJuly = await lead(`Fee lead A ${Math.random()}`, ['contacted', 'qualified']);
    const acceptedOnly = await lead(`Fee lead B ${Math.random()}`, ['contacted']);
    const qualifiedInAugust = await lead(`Fee lead C ${Math.random()}`, ['contacted', 'qualified']);
    const move = (ids: string[], status: string, at: string) =>
      t.dataSource.query(
        `UPDATE lead_activities SET occurred_at = $3 WHERE lead_id = ANY($1) AND kind = 'status_change' AND status_to = $2`,
        [ids, status, at],
      );
    await move([qualifiedInJuly, acceptedOnly, qualifiedInAugust], 'contacted', '2026-07-02T03:00:00Z');
    await move([qualifiedInJuly], 'qualified', '2026-07-20T03:00:00Z');
    await move([qualifiedInAugust], 'qualified', '2026-08-04T03:00:00Z');

    const july = await statement(vendorId, '2026-07');
    expect((await lines(july.id)).map((l) => [l.kind, l.sourceLeadId, l.factDate, l.amountMinor])).toEqual([
      ['per_lead_fee', qualifiedInJuly, '2026-07-20', 20_000],
    ]);
    expect(july.totals).toEqual([{ currency: 'CNY', amountMinor: 20_000 }]);
    const august = await statement(vendorId, '2026-08');
    expect((await lines(august.id)).map((l) => [l.sourceLeadId, l.amountMinor])).toEqual([
      [qualifiedInAugust, 20_000],
    ]);
  });

  it('claws back a commission in the same statement when the contract is signed and terminated in one period', async () => {
    const { vendorId, rep1 } = await agency([{ clawbackDays: 90 }]);
    const contractId = await signed(rep1, '2026-07-02');
    must(
      await changeContractStatus({
        client: manager.client,
        path: { id: contractId },
        body: { status: 'terminated', effectiveOn: '2026-07-20', reason: 'Customer walked away' },
      }),
    );
    const july = await statement(vendorId, '2026-07');
    const [commission, clawback] = await lines(july.id);
    // 5 % of 10 000.00 CNY = 500.00 paid on 2 July, taken back on 20 July (day 18 of 90).
    expect(commission).toMatchObject({
      kind: 'commission',
      sourceContractId: contractId,
      amountMinor: 50_000,
    });
    expect(clawback).toMatchObject({
      kind: 'clawback',
      sourceContractId: contractId,
      amountMinor: -50_000,
      originalLineId: commission.id,
      factDate: '2026-07-20',
      note: 'contract ended 18 days after 2026-07-02, within 90',
    });
    expect(july.totals).toEqual([{ currency: 'CNY', amountMinor: 0 }]);
  });
});
