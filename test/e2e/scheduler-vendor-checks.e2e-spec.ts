import {
  clearConflict,
  createConflictDeclaration,
  listAlerts,
  runCheck,
  setVendorCheckSettings,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';

describe('scheduler checks on vendors: agreements ending and conflicts of interest', () => {
  let t: TestApp;
  let admin: TestUser;
  let fx: ReturnType<typeof vendorFixtures>;
  let unitId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    const manager = await t.signIn(Role.SALES_MANAGER);
    fx = vendorFixtures(manager.client);
    unitId = (await fx.salesUnit()).id;
  });
  afterAll(() => t.close());

  const run = (name: string, asOf: string) =>
    runCheck({ client: admin.client, path: { name }, body: { asOf } });
  const alertsOf = async (type: string, subjectId: string) =>
    (await listAlerts({ client: admin.client, query: { type, subjectId } })).data!.data;

  it('alerts on an agreement ending within the window with no successor, critical in the last week', async () => {
    const vendor = await fx.vendor(unitId);
    const agreement = await fx.agreement(vendor.id, { startsOn: '2026-01-01', endsOn: '2026-12-31' });

    expect((await run('agreements_ending', '2026-11-15T09:00:00Z')).data).toMatchObject({ raised: 0 });
    expect(await alertsOf('agreement_ending', agreement.id)).toEqual([]);

    await run('agreements_ending', '2026-12-05T09:00:00Z');
    const [warning] = await alertsOf('agreement_ending', agreement.id);
    expect(warning).toMatchObject({
      severity: 'warning',
      vendorId: vendor.id,
      level: 'sales_manager',
      status: 'open',
    });
    expect(warning.data).toMatchObject({ endsOn: '2026-12-31', daysLeft: 26 });

    await run('agreements_ending', '2026-12-27T09:00:00Z');
    const [critical] = await alertsOf('agreement_ending', agreement.id);
    expect(critical).toMatchObject({ id: warning.id, severity: 'critical' });
  });

  it('resolves the alert once a successor agreement is signed', async () => {
    const vendor = await fx.vendor(unitId);
    const agreement = await fx.agreement(vendor.id, { startsOn: '2026-01-01', endsOn: '2026-12-31' });
    await run('agreements_ending', '2026-12-10T09:00:00Z');
    expect(await alertsOf('agreement_ending', agreement.id)).toHaveLength(1);

    await fx.agreement(vendor.id, { startsOn: '2027-01-01', endsOn: '2027-12-31' });
    const cleared = await run('agreements_ending', '2026-12-11T09:00:00Z');
    expect(cleared.data!.resolved).toBeGreaterThanOrEqual(1);
    const [alert] = (await listAlerts({ client: admin.client, query: { subjectId: agreement.id } })).data!
      .data;
    expect(alert.status).toBe('resolved');
  });

  it('uses a vendor’s own window when it has one', async () => {
    const vendor = await fx.vendor(unitId);
    const agreement = await fx.agreement(vendor.id, { startsOn: '2026-01-01', endsOn: '2026-12-31' });
    await setVendorCheckSettings({
      client: admin.client,
      path: { name: 'agreements_ending', vendorId: vendor.id },
      body: { thresholds: { daysBeforeEnd: 90 } },
    });
    await run('agreements_ending', '2026-10-15T09:00:00Z');
    expect(await alertsOf('agreement_ending', agreement.id)).toHaveLength(1);
  });

  it('raises one alert per open conflict of interest and resolves it when a sales manager clears it', async () => {
    const manager = await t.signIn(Role.SALES_MANAGER);
    const line = await fx.productLine();
    const vendor = await fx.vendor(unitId);
    await fx.agreement(vendor.id, {
      startsOn: '2020-01-01',
      endsOn: '2099-12-31',
      productLineIds: [line.id],
    });
    const declared = await createConflictDeclaration({
      client: manager.client,
      body: {
        vendorId: vendor.id,
        principalName: 'Competitor Kft.',
        competingLineName: 'Rival valves',
        category: 'Valves',
        competingProductLineIds: [line.id],
      },
    });
    const conflictId = declared.data!.conflicts[0].id;

    await run('conflicts', '2026-11-23T09:00:00Z');
    await run('conflicts', '2026-11-23T10:00:00Z');
    const open = await alertsOf('conflict_of_interest', conflictId);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ vendorId: vendor.id, status: 'open' });

    await clearConflict({
      client: manager.client,
      path: { id: conflictId },
      body: { reason: 'Separate teams' },
    });
    await run('conflicts', '2026-11-23T11:00:00Z');
    const [after] = (await listAlerts({ client: admin.client, query: { subjectId: conflictId } })).data!.data;
    expect(after.status).toBe('resolved');
  });
});
