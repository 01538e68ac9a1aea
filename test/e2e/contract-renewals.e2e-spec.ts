import {
  changeVendorStatus,
  createAssignmentRule,
  listRenewalRoutingDecisions,
  createContract,
  createProduct,
  createRenewal,
  createRep,
  listAlerts,
  runCheck,
  signContract,
  updateProduct,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { RevenueFactsService } from '../../src/modules/contracts/revenue-facts.service';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';
import { must } from '../support/must';

describe('Renewals: tiers announced once, renewal drafts and the renewal rate', () => {
  let t: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let unitId: string;
  let vendorId: string;
  let repId: string;
  let productId: string;
  let lineId: string;

  const customer = async () => {
    const [row]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO customers (name, name_key, erp_customer_id) VALUES ($1, $1, $1) RETURNING id`,
      [`Renewal customer ${Math.random()}`],
    );
    return row.id;
  };
  const run = (asOf: string) =>
    runCheck({ client: admin.client, path: { name: 'contracts_expiring' }, body: { asOf } });
  const signedContract = async (seller: { repId?: string; vendorId?: string }) => {
    const contract = must(
      await createContract({
        client: manager.client,
        body: {
          customerId: await customer(),
          ...seller,
          currency: 'CNY',
          startsOn: '2026-01-01',
          endsOn: '2026-12-31',
          lines: [{ productId, quantity: 2, unitPriceMinor: 110000, discountBps: 1000 }],
        },
      }),
    );
    must(
      await signContract({
        client: manager.client,
        path: { id: contract.id },
        body: { signedOn: '2026-01-15' },
      }),
    );
    return contract;
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    manager = await t.signIn(Role.SALES_MANAGER);
    const fx = vendorFixtures(manager.client);
    lineId = (await fx.productLine()).id;
    unitId = (await fx.salesUnit()).id;
    vendorId = (await fx.vendor(unitId)).id;
    await fx.agreement(vendorId, { startsOn: '2026-01-01', endsOn: '2028-12-31', productLineIds: [lineId] });
    repId = must(
      await createRep({
        client: manager.client,
        body: { vendorId, fullName: 'Kovács Anna', grade: 'A', capacity: 40, timezone: 'Europe/Budapest' },
      }),
    ).id;
    productId = must(
      await createProduct({
        client: manager.client,
        body: {
          productLineId: lineId,
          sku: 'REN-1',
          name: 'Renewable',
          currency: 'CNY',
          listPriceMinor: 100000,
          floorPriceMinor: 90000,
        },
      }),
    ).id;
  });
  afterAll(() => t.close());

  it('raises contract_expiring and sends contract.expiring once per tier (90/60/30 days)', async () => {
    const contract = await signedContract({ repId });
    const events = async () =>
      (
        await t.dataSource.query<{ tier: number }[]>(
          `SELECT (payload->>'tierDays')::int AS tier FROM webhook_events
            WHERE event_type = 'contract.expiring' AND payload->>'contractId' = $1 ORDER BY occurred_at`,
          [contract.id],
        )
      ).map((row) => row.tier);
    // 2026-10-01 → 91 days left: outside every tier
    expect(must(await run('2026-10-01T09:00:00Z')).raised).toBe(0);
    expect(await events()).toEqual([]);
    // 87 days: the 90-day tier, announced once however often the check runs
    expect(must(await run('2026-10-05T09:00:00Z')).raised).toBe(1);
    await run('2026-10-06T09:00:00Z');
    expect(await events()).toEqual([90]);
    // 56 days, then 26 days
    await run('2026-11-05T09:00:00Z');
    await run('2026-12-05T09:00:00Z');
    await run('2026-12-06T09:00:00Z');
    expect(await events()).toEqual([90, 60, 30]);
    const alerts = must(await listAlerts({ client: manager.client, query: { type: 'contract_expiring' } }));
    expect(alerts.data.find((a) => a.subjectId === contract.id)).toMatchObject({
      severity: 'critical',
      repId,
      data: { daysLeft: 25, tierDays: 30 },
    });
  });

  it('creates the renewal draft at the old prices with the original seller, once; signing it counts as renewed', async () => {
    const contract = await signedContract({ repId });
    const renewal = await createRenewal({
      client: manager.client,
      path: { id: contract.id },
      body: { pricing: 'previous' },
    });
    expect(renewal.response.status).toBe(201);
    // 2 × 1 100.00 less 10 % = 1 980.00; the year after the old one
    expect(renewal.data).toMatchObject({
      status: 'draft',
      renewalOfId: contract.id,
      vendorId,
      repId,
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
      totalMinor: 198000,
      lines: [{ unitPriceMinor: 110000, discountBps: 1000 }],
    });
    expect(renewal.data?.ownerDecision).toMatch(/^Original seller kept/);
    const twice = await createRenewal({
      client: manager.client,
      path: { id: contract.id },
      body: { pricing: 'list' },
    });
    expect(twice.response.status).toBe(409);
    expect(twice.error).toMatchObject({ code: 'CONTRACT_ALREADY_RENEWED' });

    expect(must(await run('2026-12-10T09:00:00Z')).raised).toBe(1);
    must(
      await signContract({
        client: manager.client,
        path: { id: renewal.data!.id },
        body: { signedOn: '2026-12-20' },
      }),
    );
    // The renewed contract drops out of the check.
    const cleared = must(await run('2026-12-21T09:00:00Z'));
    expect(cleared.resolved).toBe(1);
    // Up for renewal in 2026: this contract and the one of the first test (not renewed): rate 1/2.
    const rates = await t.app
      .get(RevenueFactsService)
      .renewalCounts(t.dataSource.manager, { from: '2026-01-01', to: '2027-01-01', vendorIds: [vendorId] }, [
        'year',
        'rep',
      ]);
    expect(rates).toEqual([{ year: '2026', repId, upForRenewal: 2, renewed: 1, renewalRate: 0.5 }]);
  });

  it('hands the renewal of a terminated vendor’s contract to the internal team at today’s list price', async () => {
    const fx = vendorFixtures(manager.client);
    const gone = (await fx.vendor(unitId)).id;
    await fx.agreement(gone, { startsOn: '2026-01-01', endsOn: '2028-12-31', productLineIds: [lineId] });
    const contract = await signedContract({ vendorId: gone });
    must(
      await changeVendorStatus({
        client: manager.client,
        path: { id: gone },
        body: { status: 'terminated', reason: 'Contract ended' },
      }),
    );
    const product = must(
      await updateProduct({
        client: manager.client,
        path: { id: productId },
        body: { listPriceMinor: 120000 },
      }),
    );
    expect(product.listPriceMinor).toBe(120000);
    const renewal = must(
      await createRenewal({ client: manager.client, path: { id: contract.id }, body: { pricing: 'list' } }),
    );
    // 2 × 1 200.00 list, no discount
    expect(renewal).toMatchObject({ vendorId: null, repId: null, salesUnitId: unitId, totalMinor: 240000 });
    expect(renewal.ownerDecision).toMatch(/internal team/);
  });

  it('routes the renewal of a terminated vendor’s contract to an eligible vendor’s rep, logging the decision', async () => {
    const fx = vendorFixtures(manager.client);
    const gone = (await fx.vendor(unitId)).id;
    await fx.agreement(gone, { startsOn: '2026-01-01', endsOn: '2028-12-31', productLineIds: [lineId] });
    // The successor owns negotiations on the line (a renewal is routed as a lead in negotiation); the
    // first vendor of this file owns only prospecting and first contact, so it is left out.
    const successor = (await fx.vendor(unitId)).id;
    await fx.agreement(successor, {
      startsOn: '2026-01-01',
      endsOn: '2028-12-31',
      productLineIds: [lineId],
      stagesOwned: ['prospecting', 'first_contact', 'negotiation', 'contract_signing'],
    });
    const successorRep = must(
      await createRep({
        client: manager.client,
        body: {
          vendorId: successor,
          fullName: 'Szabó Márta',
          grade: 'B',
          capacity: 40,
          timezone: 'Europe/Budapest',
        },
      }),
    ).id;
    must(
      await createAssignmentRule({
        client: admin.client,
        body: {
          name: 'renewals and the rest',
          filter: {},
          targetKind: 'vendors',
          targetVendorIds: [vendorId, successor],
          strategy: 'best_fit',
        },
      }),
    );
    const contract = await signedContract({ vendorId: gone });
    must(
      await changeVendorStatus({
        client: manager.client,
        path: { id: gone },
        body: { status: 'terminated', reason: 'Contract ended' },
      }),
    );
    const renewal = must(
      await createRenewal({
        client: manager.client,
        path: { id: contract.id },
        body: { pricing: 'previous' },
      }),
    );
    expect(renewal).toMatchObject({ vendorId: successor, repId: successorRep, renewalOfId: contract.id });
    expect(renewal.ownerDecision).toMatch(/routed to rep/);
    const decisions = must(
      await listRenewalRoutingDecisions({ client: manager.client, path: { id: renewal.id } }),
    );
    expect(decisions).toEqual([
      expect.objectContaining({
        leadId: null,
        contractId: renewal.id,
        trigger: 'renewal',
        outcome: 'assigned',
        chosenRepId: successorRep,
        chosenVendorId: successor,
        excludedByReason: { stage_out_of_scope: 1 },
      }),
    ]);
    // The original seller kept: no routing decision.
    const kept = must(
      await createRenewal({
        client: manager.client,
        path: { id: (await signedContract({ repId })).id },
        body: { pricing: 'previous' },
      }),
    );
    expect(
      must(await listRenewalRoutingDecisions({ client: manager.client, path: { id: kept.id } })),
    ).toEqual([]);
  });
});
