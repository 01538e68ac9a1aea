import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addDays, todayIn } from '../../common/calendar/working-days';
import { periodOf } from '../../common/period/period';
import { CatalogService } from '../catalog/catalog.service';
import { CustomersService } from '../leads/leads.published';
import { VendorsService } from '../vendors/vendors.service';
import { lineTotalMinor } from './contract-pricing.rules';
import { MilestoneKind } from './contract-milestone.entity';
import { ContractApproval, ContractStatus, CustomerHealth, PaymentKind, ReviewCycle } from './contract.enums';
import { RevenueFactsService } from './revenue-facts.service';

/** Demo accounts; the first `DEMO_KEY_CUSTOMERS` (20 %) buy in bulk and carry most of the revenue. */
export const DEMO_CUSTOMER_COUNT = 40;
export const DEMO_KEY_CUSTOMERS = 8;
/** Yearly contracts per customer, back to back; those starting more than two years ago are left out. */
const CONTRACTS_PER_CUSTOMER = 3;
const TWO_YEARS_DAYS = 730;
const DEMO_SOURCE = 'demo-erp';
const DEMO_CURRENCY = 'CNY';
const TERMS_DAYS = 30;
/** The reviewer of the demo fulfilment reviews (no user row, like the other seeders' demo planner). */
const DEMO_REVIEWER = '00000000-0000-4000-8000-0000000000de';
/** Last quarter's fulfilment reviews of the first key customers' running contracts, one health each. */
const DEMO_REVIEWS: { health: CustomerHealth; usage: string; next: string; valueMinor: number }[] = [
  {
    health: CustomerHealth.GREEN,
    usage: 'All three lines run the sensors; the plant asked about a fourth line.',
    next: 'Offer the fourth line with the renewal.',
    valueMinor: 4_500_000,
  },
  {
    health: CustomerHealth.AMBER,
    usage: 'Two of five sites use the valves; the others wait for training.',
    next: 'Book the on-site training before the renewal talks.',
    valueMinor: 1_200_000,
  },
  {
    health: CustomerHealth.RED,
    usage: 'Deliveries were late twice; the customer is testing a competitor.',
    next: 'Escalate to the sales manager; agree a delivery plan.',
    valueMinor: 0,
  },
];

const NAMES = [
  'Huadong Precision',
  'Pannon Gépgyár',
  'Jiangsu Fluid Systems',
  'Duna Automatika',
  'Ningbo Sensorworks',
  'Tisza Process',
  'Suzhou Lineworks',
  'Balaton Controls',
];

interface DemoContract {
  id: string;
  customerId: string;
  vendorId: string;
  repId: string;
  salesUnitId: string | null;
  status: ContractStatus;
  approval: ContractApproval;
  startsOn: string;
  endsOn: string;
  signedOn: string | null;
  externalId: string;
  productId: string;
  productLineId: string;
  quantity: number;
  unitPriceMinor: number;
  discountBps: number;
  unitFloorMinor: number;
  unitListMinor: number;
  totalMinor: number;
  listTotalMinor: number;
  belowFloor: boolean;
}

/**
 * Two years of demo contracts for 40 demo customers (imported as ERP customers), skewed 80/20: the first
 * eight buy thirty-odd units per contract, the others one or two. Contracts that ended are expired and
 * paid in full; running ones are half paid. A few end within 30 days, a few within 90, and one draft
 * below the floor waits for a manager's approval. Running contracts carry delivery and payment milestones;
 * the last payment of those ending within 30 days is overdue. Written in a handful of set-based statements, then the
 * revenue facts are refreshed so reports, targets and key accounts see the money.
 */
@Injectable()
export class ContractsDemoSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly customers: CustomersService,
    private readonly catalog: CatalogService,
    private readonly vendors: VendorsService,
    private readonly facts: RevenueFactsService,
  ) {}

  /** Seeds once, into an empty contracts table; returns the number of contracts written. */
  async seedDemoContracts(sellers: readonly { id: string; vendorId: string }[]): Promise<number> {
    const [{ any }] = await this.dataSource.query<{ any: boolean }[]>(
      'SELECT EXISTS (SELECT 1 FROM contracts) AS any',
    );
    if (any || sellers.length === 0) return 0;
    const products = (await this.catalog.listProducts({ currency: DEMO_CURRENCY, active: true, limit: 100 }))
      .data;
    if (products.length === 0) return 0;

    const imported = await this.customers.importCustomers(
      Array.from({ length: DEMO_CUSTOMER_COUNT }, (_, i) => ({
        erpCustomerId: `DEMO-CUST-${String(i + 1).padStart(3, '0')}`,
        name: `${NAMES[i % NAMES.length]} ${Math.floor(i / NAMES.length) + 1}`,
      })),
    );
    const customerIds = imported.map((result) => result.id).filter((id): id is string => !!id);
    if (customerIds.length < DEMO_CUSTOMER_COUNT) return 0;

    const today = todayIn('UTC');
    const units = await this.vendors.getSellers(this.dataSource.manager, {
      vendorIds: sellers.map((s) => s.vendorId),
      repIds: [],
      salesUnitIds: [],
    });
    const unitOf = new Map(units.vendors.map((v) => [v.id, v.salesUnitId]));
    const contracts: DemoContract[] = [];
    const make = (i: number, k: number, startsOn: string, endsOn: string, below = false): DemoContract => {
      const seller = sellers[i % sellers.length];
      const product = products[(i + k) % products.length];
      const key = i < DEMO_KEY_CUSTOMERS;
      const quantity = key ? 30 + ((i + k) % 10) : 1 + ((i + k) % 2);
      const unitPriceMinor = below ? Math.round(product.floorPriceMinor * 0.9) : product.listPriceMinor;
      const discountBps = key && !below ? 500 : 0;
      const totalMinor = lineTotalMinor(quantity, unitPriceMinor, discountBps);
      const started = startsOn <= today;
      const status = below
        ? ContractStatus.PENDING_APPROVAL
        : endsOn < today
          ? ContractStatus.EXPIRED
          : started
            ? ContractStatus.ACTIVE
            : ContractStatus.SIGNED;
      return {
        id: randomUUID(),
        customerId: customerIds[i],
        vendorId: seller.vendorId,
        repId: seller.id,
        salesUnitId: unitOf.get(seller.vendorId) ?? null,
        status,
        approval: below ? ContractApproval.PENDING : ContractApproval.NOT_REQUIRED,
        startsOn,
        endsOn,
        signedOn: below ? null : addDays(startsOn, -7),
        externalId: `DEMO-SO-${String(contracts.length + 1).padStart(4, '0')}`,
        productId: product.id,
        productLineId: product.productLineId,
        quantity,
        unitPriceMinor,
        discountBps,
        unitFloorMinor: product.floorPriceMinor,
        unitListMinor: product.listPriceMinor,
        totalMinor,
        listTotalMinor: quantity * product.listPriceMinor,
        belowFloor: below,
      };
    };
    for (let i = 0; i < DEMO_CUSTOMER_COUNT; i++) {
      // Yearly contracts back to back; the running one ends 4–29 days from now (every fifth customer),
      // 45–84 days (another fifth) or 120–359 days. Only what started within two years is kept.
      const lastEndsOn = addDays(
        today,
        i % 5 === 2 ? 4 + ((i * 3) % 26) : i % 5 === 4 ? 45 + (i % 40) : 120 + ((i * 37) % 240),
      );
      for (let k = 0; k < CONTRACTS_PER_CUSTOMER; k++) {
        const endsOn = addDays(lastEndsOn, -365 * (CONTRACTS_PER_CUSTOMER - 1 - k));
        const startsOn = addDays(endsOn, -364);
        if (startsOn >= addDays(today, -TWO_YEARS_DAYS)) contracts.push(make(i, k, startsOn, endsOn));
      }
    }
    // A draft sold below the floor, waiting for a sales manager's decision.
    contracts.push(make(DEMO_CUSTOMER_COUNT - 1, 0, addDays(today, 14), addDays(today, 14 + 364), true));

    // Ended contracts are paid in full, running ones half, each on its payment terms after the start.
    const payments = contracts.flatMap((c) => {
      const paidOn = addDays(c.startsOn, TERMS_DAYS);
      if (c.status === ContractStatus.EXPIRED) return [{ c, amount: c.totalMinor, paidOn }];
      if (c.status === ContractStatus.ACTIVE && paidOn < today)
        return [{ c, amount: Math.round(c.totalMinor / 2), paidOn }];
      return [];
    });

    // Running contracts carry their fulfilment: delivered and invoiced, half paid, the rest due a month before the end
    // (overdue already for those ending within 30 days).
    const milestones = contracts
      .filter((c) => c.status === ContractStatus.ACTIVE)
      .flatMap((c) => {
        const firstDue = addDays(c.startsOn, TERMS_DAYS);
        const half = Math.round(c.totalMinor / 2);
        const delivered = addDays(c.startsOn, 12);
        return [
          {
            c,
            kind: MilestoneKind.DELIVERY,
            amount: 0,
            dueOn: addDays(c.startsOn, 14),
            doneOn: delivered < today ? delivered : null,
          },
          {
            c,
            kind: MilestoneKind.INVOICE,
            amount: c.totalMinor,
            dueOn: addDays(c.startsOn, 14),
            doneOn: delivered < today ? delivered : null,
          },
          {
            c,
            kind: MilestoneKind.PAYMENT,
            amount: half,
            dueOn: firstDue,
            doneOn: firstDue < today ? firstDue : null,
          },
          {
            c,
            kind: MilestoneKind.PAYMENT,
            amount: c.totalMinor - half,
            dueOn: addDays(c.endsOn, -30),
            doneOn: null,
          },
        ];
      });

    // The ERP's invoices of running contracts: half at delivery, the rest a month before the payment due
    // a month before the end (so contracts ending within 30 days have an unpaid invoice past due).
    const invoices = contracts
      .filter((c) => c.status === ContractStatus.ACTIVE)
      .flatMap((c) => {
        const half = Math.round(c.totalMinor / 2);
        const first = addDays(c.startsOn, 12);
        const second = addDays(c.endsOn, -30 - TERMS_DAYS);
        return [
          { c, amount: half, invoicedOn: first, n: 1 },
          { c, amount: c.totalMinor - half, invoicedOn: second, n: 2 },
        ].filter((invoice) => invoice.invoicedOn < today);
      });
    // Key customers' running contracts are reviewed quarterly; the first three had last quarter's review
    // (green, amber, red), the others are due one (`fulfilment_review_due` at start).
    const reviewed = contracts.filter(
      (c) => c.status === ContractStatus.ACTIVE && customerIds.indexOf(c.customerId) < DEMO_KEY_CUSTOMERS,
    );
    const lastQuarter = periodOf(addDays(periodOf(today, 'quarter').start, -1), 'quarter');
    const reviews = reviewed
      .slice(0, DEMO_REVIEWS.length)
      .filter((c) => c.startsOn <= lastQuarter.start)
      .map((c, i) => ({ c, ...DEMO_REVIEWS[i] }));

    return this.dataSource.transaction(async (em) => {
      const col = <T>(pick: (c: DemoContract) => T) => contracts.map(pick);
      await em.query(
        `INSERT INTO contracts (id, customer_id, vendor_id, rep_id, sales_unit_id, status, currency, total_minor,
           list_total_minor, payment_terms_days, starts_on, ends_on, signed_on, signed_at, external_source,
           external_id, approval, win_factors)
         SELECT c.id, c.customer_id, c.vendor_id, c.rep_id, c.sales_unit_id, c.status, $14, c.total, c.list_total,
                $15, c.starts_on, c.ends_on, c.signed_on, (c.signed_on + time '10:00') AT TIME ZONE 'UTC', $16,
                c.external_id, c.approval, '[]'::jsonb
           FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::bigint[],
                       $8::bigint[], $9::date[], $10::date[], $11::date[], $12::text[], $13::text[])
                  AS c(id, customer_id, vendor_id, rep_id, sales_unit_id, status, total, list_total, starts_on,
                       ends_on, signed_on, external_id, approval)`,
        [
          col((c) => c.id),
          col((c) => c.customerId),
          col((c) => c.vendorId),
          col((c) => c.repId),
          col((c) => c.salesUnitId),
          col((c) => c.status),
          col((c) => c.totalMinor),
          col((c) => c.listTotalMinor),
          col((c) => c.startsOn),
          col((c) => c.endsOn),
          col((c) => c.signedOn),
          col((c) => c.externalId),
          col((c) => c.approval),
          DEMO_CURRENCY,
          TERMS_DAYS,
          DEMO_SOURCE,
        ],
      );
      await em.query(
        `INSERT INTO contract_lines (contract_id, position, product_id, product_line_shares, quantity,
           unit_price_minor, discount_bps, line_total_minor, unit_floor_minor, unit_list_minor, below_floor)
         SELECT l.contract_id, 1, l.product_id, jsonb_build_array(jsonb_build_object('productLineId', l.line_id, 'weight', 1)),
                l.quantity, l.unit_price, l.discount, l.total, l.floor, l.list, l.below
           FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::bigint[], $6::int[], $7::bigint[],
                       $8::bigint[], $9::bigint[], $10::boolean[])
                  AS l(contract_id, product_id, line_id, quantity, unit_price, discount, total, floor, list, below)`,
        [
          col((c) => c.id),
          col((c) => c.productId),
          col((c) => c.productLineId),
          col((c) => c.quantity),
          col((c) => c.unitPriceMinor),
          col((c) => c.discountBps),
          col((c) => c.totalMinor),
          col((c) => c.unitFloorMinor),
          col((c) => c.unitListMinor),
          col((c) => c.belowFloor),
        ],
      );
      await em.query(
        `INSERT INTO contract_credits (contract_id, vendor_id, rep_id, sales_unit_id, share_bps)
         SELECT c.id, c.vendor_id, c.rep_id, c.sales_unit_id, 10000
           FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[]) AS c(id, vendor_id, rep_id, sales_unit_id)`,
        [col((c) => c.id), col((c) => c.vendorId), col((c) => c.repId), col((c) => c.salesUnitId)],
      );
      await em.query(
        `INSERT INTO contract_payments (contract_id, kind, amount_minor, currency, paid_on, external_source, external_id)
         SELECT p.contract_id, $4, p.amount, $5, p.paid_on, $6, 'PAY-' || p.external_id
           FROM unnest($1::uuid[], $2::bigint[], $3::date[], $7::text[]) AS p(contract_id, amount, paid_on, external_id)`,
        [
          payments.map((p) => p.c.id),
          payments.map((p) => p.amount),
          payments.map((p) => p.paidOn),
          PaymentKind.PAYMENT,
          DEMO_CURRENCY,
          DEMO_SOURCE,
          payments.map((p) => p.c.externalId),
        ],
      );
      await em.query(
        `INSERT INTO contract_milestones (contract_id, kind, amount_minor, currency, due_on, done_on)
         SELECT m.contract_id, m.kind, m.amount, $6, m.due_on, m.done_on
           FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::date[], $5::date[])
                  AS m(contract_id, kind, amount, due_on, done_on)`,
        [
          milestones.map((m) => m.c.id),
          milestones.map((m) => m.kind),
          milestones.map((m) => m.amount),
          milestones.map((m) => m.dueOn),
          milestones.map((m) => m.doneOn),
          DEMO_CURRENCY,
        ],
      );
      await em.query(
        `INSERT INTO contract_invoices (contract_id, amount_minor, currency, invoiced_on, due_on, external_source,
           external_id)
         SELECT i.contract_id, i.amount, $5, i.invoiced_on, i.invoiced_on + $6::int, $7, i.external_id
           FROM unnest($1::uuid[], $2::bigint[], $3::date[], $4::text[]) AS i(contract_id, amount, invoiced_on, external_id)`,
        [
          invoices.map((i) => i.c.id),
          invoices.map((i) => i.amount),
          invoices.map((i) => i.invoicedOn),
          invoices.map((i) => `INV-${i.c.externalId}-${i.n}`),
          DEMO_CURRENCY,
          TERMS_DAYS,
          DEMO_SOURCE,
        ],
      );
      await em.query(`UPDATE contracts SET review_cycle = $2 WHERE id = ANY($1::uuid[])`, [
        reviewed.map((c) => c.id),
        ReviewCycle.QUARTERLY,
      ]);
      await em.query(
        `INSERT INTO contract_fulfilment_reviews (contract_id, period_from, period_to, usage_notes, services_delivered,
           value_minor, value_currency, health, next_steps, reviewer_id, reviewer_name)
         SELECT r.contract_id, $5, $6, r.usage, 'Quarterly service visit and a calibration check', r.value_minor, $7,
                r.health, r.next_steps, $8, 'Demo account manager'
           FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $9::text[])
                  AS r(contract_id, usage, value_minor, health, next_steps)`,
        [
          reviews.map((r) => r.c.id),
          reviews.map((r) => r.usage),
          reviews.map((r) => r.valueMinor),
          reviews.map((r) => r.health),
          lastQuarter.start,
          addDays(lastQuarter.end, -1),
          DEMO_CURRENCY,
          DEMO_REVIEWER,
          reviews.map((r) => r.next),
        ],
      );
      // The latest review sets the contract's health, as a recorded review does.
      await em.query(
        `UPDATE contracts c SET health = r.health FROM unnest($1::uuid[], $2::text[]) AS r(id, health) WHERE c.id = r.id`,
        [reviews.map((r) => r.c.id), reviews.map((r) => r.health)],
      );
      await this.facts.refreshContractFacts(
        em,
        contracts.map((c) => c.id),
      );
      return contracts.length;
    });
  }
}
