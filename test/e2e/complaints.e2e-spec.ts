import {
  changeComplaintStatus,
  createComplaint,
  createContract,
  createProduct,
  createRep,
  getComplaint,
  listAlerts,
  listComplaints,
  runCheck,
  updateComplaintSettings,
} from '../../openapi/sdk';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { agencyWorld, latestAlert } from '../support/agency-world';
import { must } from '../support/must';

/**
 * A Hungarian agency (Europe/Budapest) and its rep; complaints have 2 working days for their answer.
 * Friday 6 March 2026 09:00 UTC (10:00 in Budapest) + Sat, Sun, Mon (1), Tue (2) = Tuesday 10 March 09:00 UTC.
 */
describe('Complaints: deadlines, statuses and complaints_overdue', () => {
  let t: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let vendorManager: TestUser;
  let otherVendorManager: TestUser;
  let vendorId: string;
  let repId: string;
  let productId: string;

  const customer = async (ofVendor: string | null) => {
    const [row]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO customers (name, name_key, erp_customer_id, vendor_id) VALUES ($1, $1, $1, $2) RETURNING id`,
      [`Complaining customer ${Math.random()}`, ofVendor],
    );
    return row.id;
  };
  const contractFor = async (customerId: string) =>
    must(
      await createContract({
        client: manager.client,
        body: {
          customerId,
          repId,
          currency: 'HUF',
          startsOn: '2026-01-01',
          endsOn: '2026-12-31',
          lines: [{ productId, quantity: 1, unitPriceMinor: 500000 }],
        },
      }),
    );
  const complain = async (customerId: string, contractId?: string, receivedAt = '2026-03-06T09:00:00Z') =>
    createComplaint({
      client: manager.client,
      body: {
        customerId,
        contractId,
        category: 'delivery',
        description: 'The second delivery arrived two weeks late',
        ownerUserId: vendorManager.id,
        receivedAt,
      },
    });
  const run = (asOf: string) =>
    runCheck({ client: admin.client, path: { name: 'complaints_overdue' }, body: { asOf } });
  const alertOf = (complaintId: string) =>
    latestAlert<{ hoursOverdue: number }>(t, 'complaint_overdue', complaintId);

  beforeAll(async () => {
    t = await startTestApp();
    const world = await agencyWorld(t);
    ({ admin, manager, vendorId, vendorManager, otherVendorManager } = world);
    const fx = world.fx;
    const lineId = (await fx.productLine()).id;
    await fx.agreement(vendorId, { startsOn: '2026-01-01', endsOn: '2028-12-31', productLineIds: [lineId] });
    repId = must(
      await createRep({
        client: manager.client,
        body: { vendorId, fullName: 'Kovács Anna', grade: 'B', capacity: 40, timezone: 'Europe/Budapest' },
      }),
    ).id;
    productId = must(
      await createProduct({
        client: manager.client,
        body: {
          productLineId: lineId,
          sku: 'CMP-1',
          name: 'Complained about',
          currency: 'HUF',
          listPriceMinor: 500000,
          floorPriceMinor: 400000,
        },
      }),
    ).id;
    must(await updateComplaintSettings({ client: admin.client, body: { responseWorkingDays: 2 } }));
  });
  afterAll(() => t.close());

  it('a complaint takes its contract’s vendor and rep and a deadline 2 working days on', async () => {
    const customerId = await customer(null);
    const contract = await contractFor(customerId);
    const complaint = must(await complain(customerId, contract.id));
    expect(complaint).toMatchObject({
      vendorId,
      repId,
      status: 'open',
      receivedAt: '2026-03-06T09:00:00.000Z',
      deadlineAt: '2026-03-10T09:00:00.000Z',
      overdue: true,
    });
    // The vendor's manager sees it; another vendor's manager gets 404 as if it did not exist.
    expect((await getComplaint({ client: vendorManager.client, path: { id: complaint.id } })).data?.id).toBe(
      complaint.id,
    );
    const hidden = await getComplaint({ client: otherVendorManager.client, path: { id: complaint.id } });
    expect(hidden.response.status).toBe(404);
    const list = must(await listComplaints({ client: otherVendorManager.client, query: {} }));
    expect(list.data.map((row) => row.id)).not.toContain(complaint.id);
  });

  it('refuses a contract of another customer and an owner who is no user, writing nothing', async () => {
    const customerId = await customer(vendorId);
    const contract = await contractFor(await customer(null));
    const mismatch = await complain(customerId, contract.id);
    expect(mismatch.response.status).toBe(422);
    expect(mismatch.error).toMatchObject({ code: 'COMPLAINT_CONTRACT_MISMATCH' });
    const noOwner = await createComplaint({
      client: manager.client,
      body: {
        customerId,
        category: 'billing',
        description: 'Invoiced twice',
        ownerUserId: '00000000-0000-4000-8000-000000000000',
      },
    });
    expect(noOwner.response.status).toBe(422);
    expect(noOwner.error).toMatchObject({ code: 'REFERENCED_ROW_MISSING' });
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM complaints WHERE customer_id = $1`,
      [customerId],
    );
    expect(n).toBe(0);
  });

  it('illegal complaint status moves are 409', async () => {
    const customerId = await customer(vendorId);
    const complaint = must(await complain(customerId));
    const move = (status: 'open' | 'investigating' | 'resolved', resolution?: string) =>
      changeComplaintStatus({
        client: vendorManager.client,
        path: { id: complaint.id },
        body: { status, resolution },
      });
    const skip = await move('resolved');
    expect(skip.response.status).toBe(409);
    expect(skip.error).toMatchObject({
      code: 'COMPLAINT_STATUS_INVALID',
      currentStatus: 'open',
      allowed: ['investigating'],
    });
    expect((await move('open')).response.status).toBe(409);
    expect(must(await move('investigating')).status).toBe('investigating');
    expect((await move('open')).response.status).toBe(409);
    const resolved = must(await move('resolved', 'Replacement delivered, fee waived'));
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'Replacement delivered, fee waived' });
    expect(resolved.resolvedAt).not.toBeNull();
    const reopen = await move('investigating');
    expect(reopen.response.status).toBe(409);
    expect(reopen.error).toMatchObject({ code: 'COMPLAINT_STATUS_INVALID', allowed: [] });
  });

  // Warning from the deadline, critical 48 h after it, resolved once the complaint is.
  it('a complaint past its deadline raises complaints_overdue', async () => {
    const customerId = await customer(vendorId);
    const complaint = must(await complain(customerId));
    expect(complaint.deadlineAt).toBe('2026-03-10T09:00:00.000Z');

    must(await run('2026-03-10T08:59:00Z'));
    expect(await alertOf(complaint.id)).toBeUndefined();

    must(await run('2026-03-10T10:00:00Z'));
    expect(await alertOf(complaint.id)).toMatchObject({
      status: 'open',
      severity: 'warning',
      data: { hoursOverdue: 1 },
    });
    const seen = must(
      await listAlerts({ client: vendorManager.client, query: { type: 'complaint_overdue' } }),
    ).data.find((alert) => alert.subjectId === complaint.id);
    expect(seen).toMatchObject({ subjectType: 'complaint', vendorId, level: 'vendor_manager' });

    // 12 March 09:00 is 48 hours past the deadline: critical.
    must(await run('2026-03-12T09:00:00Z'));
    expect(await alertOf(complaint.id)).toMatchObject({ severity: 'critical', data: { hoursOverdue: 48 } });

    const path = { id: complaint.id };
    must(await changeComplaintStatus({ client: manager.client, path, body: { status: 'investigating' } }));
    must(await run('2026-03-12T10:00:00Z'));
    expect((await alertOf(complaint.id))?.status).toBe('open');
    must(await changeComplaintStatus({ client: manager.client, path, body: { status: 'resolved' } }));
    must(await run('2026-03-12T11:00:00Z'));
    expect((await alertOf(complaint.id))?.status).toBe('resolved');
  });

  it('counts the deadline in office hours when the setting says so: 12 hours from Friday 15:00 end on Tuesday 11:00', async () => {
    try {
      const settings = must(
        await updateComplaintSettings({
          client: admin.client,
          body: { responseWorkingDays: 2, responseWorkingHours: 12 },
        }),
      );
      expect(settings).toMatchObject({ responseWorkingDays: 2, responseWorkingHours: 12 });
      const customerId = await customer(vendorId);
      // Friday 6 March 2026, 15:00 in Budapest (14:00 UTC): 2 office hours that day, 8 on Monday, 2 on
      // Tuesday → Tuesday 10 March 11:00 Budapest = 10:00 UTC.
      const friday = must(await complain(customerId, undefined, '2026-03-06T14:00:00Z'));
      expect(friday.deadlineAt).toBe('2026-03-10T10:00:00.000Z');
      // Saturday 7 March 20:00: counting starts on Monday 09:00, 8 hours then, 4 on Tuesday → 13:00 Budapest.
      const saturday = must(await complain(customerId, undefined, '2026-03-07T19:00:00Z'));
      expect(saturday.deadlineAt).toBe('2026-03-10T12:00:00.000Z');
      const tooMany = await updateComplaintSettings({
        client: admin.client,
        body: { responseWorkingDays: 2, responseWorkingHours: 241 },
      });
      expect(tooMany.response.status).toBe(400);
    } finally {
      must(await updateComplaintSettings({ client: admin.client, body: { responseWorkingDays: 2 } }));
    }
    // Back to whole working days: the same Friday 15:00 complaint is due on Tuesday at 15:00.
    const back = must(await complain(await customer(vendorId), undefined, '2026-03-06T14:00:00Z'));
    expect(back.deadlineAt).toBe('2026-03-10T14:00:00.000Z');
  });
});
