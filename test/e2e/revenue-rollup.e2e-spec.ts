import {
  changeContractStatus,
  createContract,
  createProduct,
  createRep,
  createTarget,
  getAnalysisReport,
  getTargetAttainment,
  postContractPayment,
  signContract,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { coarseRollupOutOfStep } from '../support/revenue-rollup-checks';
import { vendorFixtures } from '../support/vendor-fixtures';

/**
 * The month and year rollup of revenue facts (`revenue_rollup`) moves with every write that moves the
 * daily one, and attainment and the analysis cube read whole months and years from it.
 */
describe('Revenue rollup by month and year', () => {
  let t: TestApp;
  let manager: TestUser;
  let vendorId: string;
  let rep1: string;
  let contractId: string;
  let widget: string;
  let customerId: string;

  const must = <T>(result: { data?: T; error?: unknown }): T => {
    if (!result.data) throw new Error(JSON.stringify(result.error));
    return result.data;
  };
  const pay = async (externalId: string, amountMinor: number, paidOn: string, kind?: 'refund') =>
    must(
      await postContractPayment({
        client: manager.client,
        path: { id: contractId },
        body: { amountMinor, currency: 'CNY', paidOn, externalSource: 'sap', externalId, kind },
      }),
    );
  const rollup = (grain: string, periodStart: string, measure: string): Promise<{ amount: number }[]> =>
    t.dataSource.query(
      `SELECT sum(amount_minor)::float8 AS amount FROM revenue_rollup
        WHERE grain = $1 AND period_start = $2::date AND measure = $3`,
      [grain, periodStart, measure],
    );
  /** Rollup rows that differ from the daily rows they sum (none when the two are in step). */
  const outOfStep = async (): Promise<unknown[]> =>
    t.dataSource.query(
      `WITH expected AS (
         SELECT g.grain, date_trunc(g.grain, d.day::timestamp)::date AS period_start, d.measure, d.vendor_id,
                d.rep_id, d.sales_unit_id, d.region_code, d.industry, d.product_line_id, d.currency,
                sum(d.amount_minor) AS amount, sum(d.contract_count) AS n, sum(d.cycle_days) AS days
           FROM revenue_daily d CROSS JOIN (VALUES ('month'), ('year')) AS g(grain)
          GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
       actual AS (
         SELECT grain, period_start, measure, vendor_id, rep_id, sales_unit_id, region_code, industry,
                product_line_id, currency, amount_minor AS amount, contract_count AS n, cycle_days AS days
           FROM revenue_rollup)
       (SELECT * FROM expected EXCEPT SELECT * FROM actual)
       UNION ALL
       (SELECT * FROM actual EXCEPT SELECT * FROM expected)`,
    );
  const coarseOutOfStep = () => coarseRollupOutOfStep(t.dataSource);
  const attainment = async (id: string) =>
    must(await getTargetAttainment({ client: manager.client, path: { id }, query: { asOf: '2026-12-31' } }))
      .root;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    const fx = vendorFixtures(manager.client);
    const line = (await fx.productLine()).id;
    const unit = await fx.salesUnit();
    vendorId = (await fx.vendor(unit.id)).id;
    await fx.agreement(vendorId, { startsOn: '2026-01-01', endsOn: '2027-12-31', productLineIds: [line] });
    rep1 = must(
      await createRep({
        client: manager.client,
        body: { vendorId, fullName: 'Zhao Lei', grade: 'B', capacity: 40, timezone: 'Asia/Shanghai' },
      }),
    ).id;
    widget = must(
      await createProduct({
        client: manager.client,
        body: {
          productLineId: line,
          sku: 'R-1',
          name: 'Rollup widget',
          currency: 'CNY',
          listPriceMinor: 100000,
          floorPriceMinor: 80000,
        },
      }),
    ).id;
    const [customer]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO customers (name, name_key, erp_customer_id) VALUES ('Rollup Co', 'rollup co', 'C-R1') RETURNING id`,
    );
    customerId = customer.id;
    contractId = must(
      await createContract({
        client: manager.client,
        body: {
          customerId: customer.id,
          repId: rep1,
          currency: 'CNY',
          startsOn: '2026-11-01',
          endsOn: '2027-10-31',
          lines: [{ productId: widget, quantity: 2 }],
        },
      }),
    ).id;
    must(
      await signContract({
        client: manager.client,
        path: { id: contractId },
        body: { signedOn: '2026-11-20' },
      }),
    );
  });
  afterAll(() => t.close());

  it('keeps the month and year rows in step with the daily rows through payments and a refund', async () => {
    await pay('R-P1', 150_000, '2026-11-25');
    await pay('R-P2', 50_000, '2026-12-03');
    await pay('R-P3', 20_000, '2027-01-15', 'refund');
    // Bookings: 2 × 1 000.00 signed on 2026-11-20. Revenue: 1 500.00 in November, 500.00 in December,
    // 200.00 refunded in January 2027.
    expect(await rollup('month', '2026-11-01', 'bookings')).toEqual([{ amount: 200_000 }]);
    expect(await rollup('year', '2026-01-01', 'bookings')).toEqual([{ amount: 200_000 }]);
    expect(await rollup('month', '2026-11-01', 'revenue')).toEqual([{ amount: 150_000 }]);
    expect(await rollup('month', '2026-12-01', 'revenue')).toEqual([{ amount: 50_000 }]);
    expect(await rollup('year', '2026-01-01', 'revenue')).toEqual([{ amount: 200_000 }]);
    expect(await rollup('year', '2027-01-01', 'revenue')).toEqual([{ amount: -20_000 }]);
    expect(await outOfStep()).toEqual([]);
  });

  it('reads a year target from the yearly row and a quarter from its months: 2 000.00 paid in 2026, 2 000.00 in Q4', async () => {
    const target = async (periodKey: string, baseValue: number) =>
      must(
        await createTarget({
          client: manager.client,
          body: { metric: 'revenue', periodKey, ownerKind: 'rep', ownerId: rep1, currency: 'CNY', baseValue },
        }),
      );
    expect(await attainment((await target('2026', 400_000)).id)).toMatchObject({
      actual: 200_000,
      attainmentPercent: 50,
    });
    expect(await attainment((await target('2026-Q4', 250_000)).id)).toMatchObject({
      actual: 200_000,
      attainmentPercent: 80,
    });
    expect(await attainment((await target('2026-12', 100_000)).id)).toMatchObject({
      actual: 50_000,
      attainmentPercent: 50,
    });
  });

  it('gives the analysis cube the same revenue and bookings from the rollup as the daily rows, at every grain', async () => {
    const cube = async (grain: 'week' | 'month' | 'quarter' | 'year', from: string, to: string) => {
      const report = must(
        await getAnalysisReport({
          client: manager.client,
          query: { from, to, measures: ['revenue', 'bookings'], dimensions: ['period'], grain, vendorId },
        }),
      );
      const cny = (money?: { currency: string; amountMinor: number }[]) =>
        (money ?? []).map((m) => `${m.currency} ${m.amountMinor}`).join(', ');
      return [...report.rows, report.total].map(
        (row) => `${row.keys.period ?? 'total'}: revenue ${cny(row.revenue)}; bookings ${cny(row.bookings)}`,
      );
    };
    // 1 000.00 × 2 booked on 2026-11-20; 1 500.00 paid on 2026-11-25, 500.00 on 2026-12-03, 200.00 refunded
    // on 2027-01-15. Whole years from the yearly rows:
    expect(await cube('year', '2026-01-01', '2028-01-01')).toEqual([
      '2026: revenue CNY 200000; bookings CNY 200000',
      '2027: revenue CNY -20000; bookings ',
      'total: revenue CNY 180000; bookings CNY 200000',
    ]);
    // A month grain over whole years reads months, never the year rows.
    expect(await cube('month', '2026-01-01', '2028-01-01')).toEqual([
      '2026-11: revenue CNY 150000; bookings CNY 200000',
      '2026-12: revenue CNY 50000; bookings ',
      '2027-01: revenue CNY -20000; bookings ',
      'total: revenue CNY 180000; bookings CNY 200000',
    ]);
    expect(await cube('quarter', '2026-10-01', '2027-04-01')).toEqual([
      '2026-Q4: revenue CNY 200000; bookings CNY 200000',
      '2027-Q1: revenue CNY -20000; bookings ',
      'total: revenue CNY 180000; bookings CNY 200000',
    ]);
    // Odd days at either end come from the daily rows: the booking on 2026-11-20 is outside, the refund too.
    expect(await cube('year', '2026-11-22', '2027-01-10')).toEqual([
      '2026: revenue CNY 200000; bookings ',
      'total: revenue CNY 200000; bookings ',
    ]);
    // ISO weeks are folded from days: the payment of Wednesday 2026-11-25 in W48, of Thursday 2026-12-03 in W49.
    expect(await cube('week', '2026-11-16', '2026-12-07')).toEqual([
      '2026-W47: revenue ; bookings CNY 200000',
      '2026-W48: revenue CNY 150000; bookings ',
      '2026-W49: revenue CNY 50000; bookings ',
      'total: revenue CNY 200000; bookings CNY 200000',
    ]);
  });
  it('the coarse revenue rollup stays equal to the sums of the fine rollup through signature, payment, refund and cancellation', async () => {
    expect(await coarseOutOfStep()).toEqual([]);
    const rep2 = must(
      await createRep({
        client: manager.client,
        body: { vendorId, fullName: 'Qian Mei', grade: 'B', capacity: 40, timezone: 'Asia/Shanghai' },
      }),
    ).id;
    const second = must(
      await createContract({
        client: manager.client,
        body: {
          customerId,
          repId: rep2,
          currency: 'CNY',
          startsOn: '2027-01-01',
          endsOn: '2027-12-31',
          lines: [{ productId: widget, quantity: 1 }],
        },
      }),
    ).id;
    must(
      await signContract({ client: manager.client, path: { id: second }, body: { signedOn: '2027-01-05' } }),
    );
    expect(await coarseOutOfStep()).toEqual([]);
    must(
      await postContractPayment({
        client: manager.client,
        path: { id: second },
        body: {
          amountMinor: 20_000,
          currency: 'CNY',
          paidOn: '2027-02-10',
          externalSource: 'sap',
          externalId: 'R-Q1',
        },
      }),
    );
    must(
      await postContractPayment({
        client: manager.client,
        path: { id: second },
        body: {
          amountMinor: 5_000,
          currency: 'CNY',
          paidOn: '2027-02-12',
          externalSource: 'sap',
          externalId: 'R-Q2',
          kind: 'refund',
        },
      }),
    );
    must(
      await postContractPayment({
        client: manager.client,
        path: { id: second },
        body: {
          amountMinor: 5_000,
          currency: 'CNY',
          paidOn: '2027-03-01',
          externalSource: 'sap',
          externalId: 'R-Q3',
        },
      }),
    );
    expect(await coarseOutOfStep()).toEqual([]);
    must(
      await changeContractStatus({
        client: manager.client,
        path: { id: second },
        body: { status: 'terminated', effectiveOn: '2027-03-31', reason: 'Customer walked away' },
      }),
    );
    expect(await coarseOutOfStep()).toEqual([]);
    expect(await outOfStep()).toEqual([]);
  });

  it('keeps a cube cell whose rows net to zero, from the coarse rollup as from the fine one', async () => {
    // 2027 for the vendor: Zhao Lei's contract refunded 200.00 (2027-01-15), Qian Mei's contract paid 200.00
    // (2027-02-10) and refunded 50.00 (2027-02-12); the 50.00 paid again on 2027-03-01 nets the year to 0.00.
    const cube = async (dimensions: ('period' | 'vendor' | 'rep')[]) => {
      const report = must(
        await getAnalysisReport({
          client: manager.client,
          query: {
            from: '2027-01-01',
            to: '2028-01-01',
            measures: ['revenue'],
            dimensions,
            grain: 'year',
            vendorId,
          },
        }),
      );
      return [...report.rows, report.total].map(
        (row) =>
          `${row.keys.period ?? 'total'}${row.keys.rep ? ` ${row.keys.rep === rep1 ? 'Zhao' : 'Qian'}` : ''}: ` +
          (row.revenue ?? []).map((m) => `${m.currency} ${m.amountMinor}`).join(', '),
      );
    };
    // Per vendor (the coarse rollup: one row summing both reps, 0.00, but two rows under it not zero).
    expect(await cube(['period', 'vendor'])).toEqual(['2027: CNY 0', 'total: CNY 0']);
    // Per rep (the fine rollup): -200.00 and +200.00.
    expect(await cube(['period', 'rep'])).toEqual(
      expect.arrayContaining(['2027 Zhao: CNY -20000', '2027 Qian: CNY 20000', 'total: CNY 0']),
    );
  });
});
