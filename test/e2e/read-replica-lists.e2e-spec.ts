import {
  createCallReport,
  createLead,
  listCallReports,
  listContracts,
  listLeads,
  listReps,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { ReadReplica } from '../../src/database/read-replica';
import { aCall, callReportWorld, CallReportWorld } from '../support/call-report-fixtures';
import { draftContracts } from '../support/contract-world';
import { must } from '../support/must';
import { withDatabase } from '../support/test-database';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

interface ListPage {
  data: { id: string }[];
  nextCursor: string | null;
}
type ListCall = (
  user: TestUser,
  query: { limit?: number; cursor?: string; updatedSince?: string },
) => Promise<{ data?: ListPage; response: Response }>;

/**
 * The API with `DATABASE_READ_URL` naming its own database: not a standby (nothing to replay, so nothing is
 * ever behind), which is enough to see which reads the replica's connection serves. Read-your-writes
 * against a real, lagging standby is `npm run scale:replica`'s job.
 */
describe('Read replica: long lists read their pages after the first on the replica', () => {
  let primaryOnly: TestApp;
  let t: TestApp;
  let w: CallReportWorld;
  // A caller who writes nothing through the API, so no write of theirs keeps them on the primary.
  let reader: TestUser;

  beforeAll(async () => {
    primaryOnly = await startTestApp();
    const url = withDatabase(process.env.OSM_TEST_SERVER_URL!, primaryOnly.database);
    t = await startTestApp({ databaseReadUrl: url }, { shareDatabaseWith: primaryOnly });
    w = await callReportWorld(t);
    reader = await t.signIn(Role.SALES_MANAGER);
    for (let i = 0; i < 3; i++) {
      must(await createLead({ client: w.manager.client, body: { companyName: `Replica Lead ${i} Kft.` } }));
      must(
        await createCallReport({
          client: w.manager.client,
          body: aCall({
            repId: w.repA2,
            occurredAt: new Date(Date.now() - (i + 1) * 3_600_000).toISOString(),
          }),
        }),
      );
    }
    await draftContracts(w.manager.client, 'REPLICA', 3);
  });
  afterAll(async () => {
    await t?.close();
    await primaryOnly?.close();
  });

  /** What the replica's and the primary's connections served while `read` ran. */
  async function servedDuring<T>(
    read: () => Promise<T>,
  ): Promise<{ result: T; replica: number; primary: number }> {
    const served = t.app.get(ReadReplica).served;
    const before = { ...served };
    const result = await read();
    return { result, replica: served.replica - before.replica, primary: served.primary - before.primary };
  }

  const lists: [string, ListCall][] = [
    ['GET /leads', (user, query) => listLeads({ client: user.client, query })],
    ['GET /contracts', (user, query) => listContracts({ client: user.client, query })],
    ['GET /call-reports', (user, query) => listCallReports({ client: user.client, query })],
    ['GET /reps', (user, query) => listReps({ client: user.client, query })],
  ];

  it.each(lists)(
    '%s: the first page is read on the primary, the pages after it on the replica, every row once',
    async (_name, list) => {
      const whole = await list(reader, { limit: 200 });
      expect(whole.response.status).toBe(200);
      expect(whole.data!.data.length).toBeGreaterThanOrEqual(3);

      const first = await servedDuring(() => list(reader, { limit: 1 }));
      expect(first.result.response.status).toBe(200);
      expect(first).toMatchObject({ replica: 0, primary: 1 });

      const seen = [...first.result.data!.data.map((row) => row.id)];
      let cursor = first.result.data!.nextCursor;
      while (cursor) {
        const deep = await servedDuring(() => list(reader, { limit: 1, cursor: cursor! }));
        expect(deep.result.response.status).toBe(200);
        expect(deep).toMatchObject({ replica: 1, primary: 0 });
        seen.push(...deep.result.data!.data.map((row) => row.id));
        cursor = deep.result.data!.nextCursor;
      }
      expect(seen).toEqual(whole.data!.data.map((row) => row.id));
    },
  );

  it('reads a sync page (updatedSince) on the primary, however deep', async () => {
    const query = { updatedSince: '2000-01-01T00:00:00Z', limit: 1 };
    const first = must(await listLeads({ client: reader.client, query }));
    const deep = await servedDuring(() =>
      listLeads({ client: reader.client, query: { ...query, cursor: first.nextCursor! } }),
    );
    expect(deep.result.response.status).toBe(200);
    expect(deep).toMatchObject({ replica: 0, primary: 1 });
  });

  it('reads the lead list export on the replica', async () => {
    const exported = await servedDuring(async () => {
      const response = await fetch(`${t.baseUrl}/api/v1/reports/lists/leads.csv`, {
        headers: { authorization: `Bearer ${reader.token}` },
      });
      return { status: response.status, text: await response.text() };
    });
    expect(exported.result.status).toBe(200);
    for (let i = 0; i < 3; i++) expect(exported.result.text).toContain(`Replica Lead ${i} Kft.`);
    expect(exported).toMatchObject({ replica: 1, primary: 0 });
  });
});
