import { createToken, getContractPaymentStatus, getCustomer, listContracts } from '../../openapi/sdk';
import { addDays, todayIn } from '../../src/common/calendar/working-days';
import { DEMO_CUSTOMER_COUNT, DEMO_KEY_CUSTOMERS } from '../../src/modules/contracts/contracts.demo';
import { DEMO_USERS } from '../../src/modules/demo/demo.module';
import { startTestApp, TestApp } from '../support/test-app';
import { coarseRollupOutOfStep } from '../support/revenue-rollup-checks';

describe('Demo contracts seeded at start-up', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true });
  });
  afterAll(() => t.close());

  const manager = async () => {
    const user = DEMO_USERS.find((u) => u.email === 'manager@osm.demo')!;
    const { data } = await createToken({
      client: t.anonymous,
      body: { grant_type: 'password', username: user.email, password: user.password },
    });
    return t.clientWithToken(data!.access_token);
  };

  /** Revenue (payments less refunds) per demo customer over the trailing 12 months, largest first. */
  const trailingRevenue = () =>
    t.dataSource.query<{ customer_id: string; revenue: number }[]>(
      `SELECT c.customer_id, sum(CASE p.kind WHEN 'refund' THEN -p.amount_minor ELSE p.amount_minor END)::float8 AS revenue
         FROM contract_payments p JOIN contracts c ON c.id = p.contract_id
        WHERE p.paid_on > $1::date AND p.paid_on <= $2::date
        GROUP BY c.customer_id ORDER BY revenue DESC`,
      [addDays(todayIn('UTC'), -365), todayIn('UTC')],
    );

  it('keeps the coarse revenue rollup equal to the sums of the month and year rows through the seeding of two years of contracts', async () => {
    const differing = await coarseRollupOutOfStep(t.dataSource);
    const [{ rows }] = await t.dataSource.query<{ rows: number }[]>(
      `SELECT count(*)::int AS rows FROM revenue_rollup_coarse WHERE live_rows > 0`,
    );
    expect(rows).toBeGreaterThan(0);
    expect(differing).toEqual([]);
  });

  it('gives every demo customer contracts over the last two years, with payments', async () => {
    const [row] = await t.dataSource.query<
      { customers: number; contracts: number; first: string; paid: number; facts: number }[]
    >(
      `SELECT count(DISTINCT customer_id)::int AS customers, count(*)::int AS contracts,
              to_char(min(starts_on), 'YYYY-MM-DD') AS first,
              (SELECT count(*)::int FROM contract_payments) AS paid,
              (SELECT count(*)::int FROM revenue_daily WHERE measure = 'revenue') AS facts
         FROM contracts`,
    );
    expect(row.customers).toBe(DEMO_CUSTOMER_COUNT);
    expect(row.contracts).toBeGreaterThanOrEqual(2 * DEMO_CUSTOMER_COUNT);
    const today = todayIn('UTC');
    expect(row.first >= addDays(today, -730)).toBe(true);
    expect(row.first < addDays(today, -600)).toBe(true);
    expect(row.paid).toBeGreaterThan(DEMO_CUSTOMER_COUNT);
    // Payments became revenue facts, so reports, targets and key accounts see the money.
    expect(row.facts).toBeGreaterThan(0);
  });

  it('skews revenue 80/20: the top fifth of customers carry at least 80 % of the trailing-12-month revenue', async () => {
    const rows = await trailingRevenue();
    const total = rows.reduce((sum, row) => sum + row.revenue, 0);
    const top = rows.slice(0, DEMO_CUSTOMER_COUNT / 5).reduce((sum, row) => sum + row.revenue, 0);
    expect(total).toBeGreaterThan(0);
    expect(top / total).toBeGreaterThanOrEqual(0.8);
    // …and not everything: the other four fifths still buy something.
    expect(top / total).toBeLessThan(0.98);
    expect(rows.length).toBeGreaterThan(DEMO_KEY_CUSTOMERS * 2);
  });

  it('classifies the few big buyers as A key accounts at start-up (at most a fifth of the customers)', async () => {
    const rows = await t.dataSource.query<{ id: string; key_account_class: string | null }[]>(
      `SELECT id, key_account_class FROM customers WHERE erp_customer_id LIKE 'DEMO-CUST-%'`,
    );
    const a = rows.filter((row) => row.key_account_class === 'A');
    expect(a.length).toBeGreaterThanOrEqual(1);
    expect(a.length).toBeLessThanOrEqual(DEMO_CUSTOMER_COUNT / 5);
    const biggest = (await trailingRevenue())[0];
    expect(a.map((row) => row.id)).toContain(biggest.customer_id);

    const { data } = await getCustomer({ client: await manager(), path: { id: biggest.customer_id } });
    expect(data!.keyAccountClass).toBe('A');
    expect(data!.contracts.length).toBeGreaterThanOrEqual(2);
  });

  it('has a few running contracts ending within 30 days and a few more within 90', async () => {
    const client = await manager();
    const today = todayIn('UTC');
    const ending = async (days: number) => {
      const { data } = await listContracts({
        client,
        query: { status: 'active', endsOnOrBefore: addDays(today, days), limit: 100 },
      });
      return data!.data.filter((c) => c.endsOn >= today);
    };
    const within30 = await ending(30);
    const within90 = await ending(90);
    // One customer in five ends within 30 days, another fifth within 45–84 days.
    expect(within30.length).toBe(DEMO_CUSTOMER_COUNT / 5);
    expect(within90.length).toBe((2 * DEMO_CUSTOMER_COUNT) / 5);
    // The scheduler's start-up run already raised their renewal alerts.
    const [alerts] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM alerts WHERE type = 'contract_expiring' AND status = 'open'`,
    );
    expect(alerts.n).toBe(within90.length);
  });

  it('has one draft sold below the floor waiting for a sales manager', async () => {
    const { data } = await listContracts({
      client: await manager(),
      query: { status: 'pending_approval', limit: 10 },
    });
    expect(data!.data).toHaveLength(1);
    expect(data!.data[0].approval).toBe('pending');
    expect(data!.data[0].lines[0].belowFloor).toBe(true);
  });

  it('shows overdue milestones: the last payment of each contract ending within 30 days is late', async () => {
    const [row] = await t.dataSource.query<{ alerts: number; overdue: number }[]>(
      `SELECT (SELECT count(*)::int FROM alerts WHERE type = 'milestone_overdue' AND status = 'open') AS alerts,
              (SELECT count(DISTINCT contract_id)::int FROM contract_milestones
                WHERE done_on IS NULL AND due_on < CURRENT_DATE) AS overdue`,
    );
    expect(row.overdue).toBe(DEMO_CUSTOMER_COUNT / 5);
    expect(row.alerts).toBe(row.overdue);
    const client = await manager();
    const today = todayIn('UTC');
    const { data } = await listContracts({
      client,
      query: { status: 'active', endsOnOrBefore: addDays(today, 30), limit: 1 },
    });
    const late = data!.data.find((c) => c.endsOn >= today)!;
    const status = await getContractPaymentStatus({ client, path: { id: late.id } });
    // invoiced in full, half paid, the second half due a month before the end: overdue
    expect(status.data).toMatchObject({
      status: 'overdue',
      invoicedMinor: late.totalMinor,
      paidMinor: Math.round(late.totalMinor / 2),
    });
  });

  it('reviews key accounts quarterly: three had last quarter’s review (green, amber, red), the rest are due one', async () => {
    const reviews = await t.dataSource.query<{ health: string; contract_health: string }[]>(
      `SELECT r.health, c.health AS contract_health FROM contract_fulfilment_reviews r
         JOIN contracts c ON c.id = r.contract_id ORDER BY r.health`,
    );
    expect(reviews.map((r) => r.health)).toEqual(['amber', 'green', 'red']);
    expect(reviews.every((r) => r.health === r.contract_health)).toBe(true);
    const [row] = await t.dataSource.query<{ cycled: number; due: number }[]>(
      `SELECT (SELECT count(*)::int FROM contracts WHERE review_cycle = 'quarterly') AS cycled,
              (SELECT count(*)::int FROM alerts WHERE type = 'fulfilment_review_due' AND status = 'open') AS due`,
    );
    expect(row.cycled).toBeGreaterThan(3);
    expect(row.due).toBeGreaterThan(0);
    expect(row.due).toBeLessThanOrEqual(row.cycled - 3);
  });

  it('posts the ERP’s invoices of running contracts: half at delivery, the rest before the last payment', async () => {
    const rows = await t.dataSource.query<{ invoices: number; invoiced: number; total: number }[]>(
      `SELECT count(i.id)::int AS invoices, sum(i.amount_minor)::float8 AS invoiced, c.total_minor::float8 AS total
         FROM contracts c JOIN contract_invoices i ON i.contract_id = c.id
        WHERE c.status = 'active' GROUP BY c.id, c.total_minor`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.invoices <= 2 && r.invoiced <= r.total)).toBe(true);
    expect(rows.some((r) => r.invoices === 2 && r.invoiced === r.total)).toBe(true);
  });
});
