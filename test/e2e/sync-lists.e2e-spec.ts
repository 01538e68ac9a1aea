import { randomUUID } from 'node:crypto';
import {
  createCallReport,
  createLead,
  importCustomers,
  listAlerts,
  listCallReports,
  listContracts,
  listCustomers,
  listLeads,
  listReps,
  listVendors,
} from '../../openapi/sdk';
import { aCall, callReportWorld, CallReportWorld } from '../support/call-report-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { draftContracts } from '../support/contract-world';
import { vendorFixtures } from '../support/vendor-fixtures';

/** A page as every list answers it; the SDK's calls differ only in their query types. */
interface SyncPage {
  data: { id: string; updatedAt: string }[];
  nextCursor: string | null;
}
type ListCall = (query: { updatedSince?: string; limit?: number; cursor?: string }) => Promise<{
  data?: SyncPage;
  error?: unknown;
  response: Response;
}>;

// Far past anything else the test writes (it runs in 2026), so only the four rows below are at or after the mark.
const BEFORE = '2031-01-01T00:00:00.000Z';
const MARK = '2031-01-02T00:00:00.000Z';
const AFTER = '2031-01-03T00:00:00.000Z';

describe('Sync lists: updatedSince returns rows changed at or after the mark, oldest change first', () => {
  let t: TestApp;
  let w: CallReportWorld;

  beforeAll(async () => {
    t = await startTestApp();
    w = await callReportWorld(t);
  });
  afterAll(() => t.close());

  /**
   * Four rows: one changed before the mark, two at exactly the mark, one after. With `updatedSince=MARK`
   * the list must give the last three, the two at the mark in id order, the same order one row per page.
   */
  async function expectSyncOrder(table: string, ids: string[], list: ListCall): Promise<void> {
    const [early, atMarkOne, atMarkTwo, late] = ids;
    const stamp = async (id: string, at: string): Promise<void> => {
      await t.dataSource.query(`UPDATE ${table} SET updated_at = $2 WHERE id = $1`, [id, at]);
    };
    await stamp(early, BEFORE);
    await stamp(atMarkOne, MARK);
    await stamp(atMarkTwo, MARK);
    await stamp(late, AFTER);
    const tied = [atMarkOne, atMarkTwo].sort();
    const expected = [...tied, late];

    const { data, response } = await list({ updatedSince: MARK });
    expect(response.status).toBe(200);
    expect(data!.data.map((row) => row.id)).toEqual(expected);
    expect(data!.data.map((row) => row.updatedAt)).toEqual([MARK, MARK, AFTER]);

    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ updatedSince: MARK, limit: 1, cursor });
      expect(page.response.status).toBe(200);
      paged.push(...page.data!.data.map((row) => row.id));
      cursor = page.data!.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(expected);

    // A mark with an offset names the same instant: 08:00 in Shanghai is midnight UTC.
    const offset = await list({ updatedSince: '2031-01-02T08:00:00+08:00' });
    expect(offset.data!.data.map((row) => row.id)).toEqual(expected);
  }

  it('leads changed before the mark are left out; the rest come by (updatedAt, id)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { data } = await createLead({
        client: w.manager.client,
        body: { companyName: `Sync Lead ${i} Kft.`, contacts: [{ phone: `+36 30 555 ${2000 + i}` }] },
      });
      ids.push(data!.id);
    }
    await expectSyncOrder('leads', ids, (query) => listLeads({ client: w.manager.client, query }));
  });

  it('reps changed before the mark are left out; the rest come by (updatedAt, id)', async () => {
    const ids = [await w.newRep(w.vendorB), await w.newRep(w.vendorB), await w.newRep(w.vendorB)];
    ids.push(w.repB1);
    await expectSyncOrder('reps', ids, (query) => listReps({ client: w.manager.client, query }));
  });

  it('vendors changed before the mark are left out; the rest come by (updatedAt, id)', async () => {
    const fx = vendorFixtures(w.manager.client);
    const unit = await fx.salesUnit();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await fx.vendor(unit.id)).id);
    await expectSyncOrder('vendors', ids, (query) => listVendors({ client: w.manager.client, query }));
  });

  it('customers changed before the mark are left out; the rest come by (updatedAt, id)', async () => {
    const { data } = await importCustomers({
      client: w.manager.client,
      body: {
        rows: [0, 1, 2, 3].map((i) => ({ erpCustomerId: `SYNC-${i}`, name: `Sync Customer ${i} Zrt.` })),
      },
    });
    const ids = data!.results.map((row) => row.id!);
    await expectSyncOrder('customers', ids, (query) => listCustomers({ client: w.manager.client, query }));
  });

  it('call reports changed before the mark are left out; the rest come by (updatedAt, id)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { data } = await createCallReport({
        client: w.manager.client,
        body: aCall({ repId: w.repA2, occurredAt: new Date(Date.now() - (i + 1) * 3_600_000).toISOString() }),
      });
      ids.push(data!.id);
    }
    await expectSyncOrder('call_reports', ids, (query) =>
      listCallReports({ client: w.manager.client, query }),
    );
  });

  it('alerts changed before the mark are left out; the rest come by (updatedAt, id)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const [row] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO alerts (type, check_name, severity, subject_type, subject_id, vendor_id, message,
                             raised_at, last_seen_at)
         VALUES ('idle_rep', 'idle_reps', 'warning', 'rep', $1, $2, 'Idle', now(), now()) RETURNING id`,
        [randomUUID(), w.vendorA],
      );
      ids.push(row.id);
    }
    await expectSyncOrder('alerts', ids, (query) => listAlerts({ client: w.manager.client, query }));
  });

  it('contracts changed before the mark are left out; the rest come by (updatedAt, id)', async () => {
    const ids = await draftContracts(w.manager.client, 'SYNC', 4);
    await expectSyncOrder('contracts', ids, (query) => listContracts({ client: w.manager.client, query }));
  });

  it('the sync order scopes like the list: a vendor-bound client sees only its vendor’s changes', async () => {
    const { data } = await listReps({ client: w.integrationA.client, query: { updatedSince: BEFORE } });
    expect(data!.data.map((row) => row.id)).not.toContain(w.repB1);
  });

  it('refuses a mark that is not a date-time with an offset', async () => {
    for (const updatedSince of ['2031-01-02', '2031-01-02T00:00:00', 'yesterday']) {
      const { response } = await listLeads({ client: w.manager.client, query: { updatedSince } });
      expect(response.status).toBe(400);
    }
  });

  it('a cursor of the usual order is refused in the sync order', async () => {
    const first = await listLeads({ client: w.manager.client, query: { limit: 1 } });
    const { response, error } = await listLeads({
      client: w.manager.client,
      query: { updatedSince: MARK, cursor: first.data!.nextCursor! },
    });
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ code: 'INVALID_CURSOR' });
  });
});
