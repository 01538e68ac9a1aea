import {
  changeLeadStatus,
  createCallReport,
  createLead,
  createLeadPool,
  importLeadsCsv,
  listUsers,
  listVendors,
  recordLeadActivity,
  runCheck,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { aCall, callReportWorld, CallReportWorld } from '../support/call-report-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

interface Problem {
  code: string;
  errors?: { field: string; message: string }[];
}

describe('No invalid input gives a 2xx', () => {
  let t: TestApp;
  let admin: TestUser;
  let w: CallReportWorld;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    w = await callReportWorld(t);
  });
  afterAll(() => t.close());

  const count = async (table: string) =>
    Number((await t.dataSource.query(`SELECT count(*) FROM ${table}`))[0].count);

  const expect400 = (response: Response, error: unknown, field: string, message?: string): void => {
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect((error as Problem).errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field, ...(message ? { message } : {}) })]),
    );
  };

  const pool = {
    name: 'Edge pool',
    holdingCap: 5,
    dailyClaimLimit: 2,
  };

  it('refuses a lead pool without its required reclaim windows, and stores none', async () => {
    const before = await count('lead_pools');
    const missing = await createLeadPool({ client: admin.client, body: pool as never });
    expect400(missing.response, missing.error, 'noFollowUpDays', 'is required');
    const empty = await createLeadPool({
      client: admin.client,
      body: { ...pool, noFollowUpDays: [] } as never,
    });
    expect400(empty.response, empty.error, 'noFollowUpDays', 'must be an object');
    const emptyOptional = await createLeadPool({
      client: admin.client,
      body: { ...pool, noFollowUpDays: { key: 1, high: 2, medium: 3, low: 4 }, noProgressDays: [] } as never,
    });
    expect400(emptyOptional.response, emptyOptional.error, 'noProgressDays', 'must be an object');
    expect(await count('lead_pools')).toBe(before);
  });

  it('refuses location: [] on a call report instead of dropping it', async () => {
    const before = await count('call_reports');
    const { response, error } = await createCallReport({
      client: w.repA1User.client,
      body: { ...aCall({ type: 'visit' }), location: [] } as never,
    });
    expect400(response, error, 'location', 'must be an object');
    expect(await count('call_reports')).toBe(before);
  });

  it('refuses [] for a lost reason and for a reject reason, leaving the lead as it was', async () => {
    const { data: lead } = await createLead({
      client: w.manager.client,
      body: { companyName: 'Edge Reasons Kft.' },
    });
    const rejected = await changeLeadStatus({
      client: w.manager.client,
      path: { id: lead!.id },
      body: { status: 'rejected', rejectReason: [] } as never,
    });
    expect400(rejected.response, rejected.error, 'rejectReason', 'must be an object');
    const lost = await recordLeadActivity({
      client: w.manager.client,
      path: { id: lead!.id },
      body: { type: 'call', summary: 'no', statusTo: 'lost', lostReason: [] } as never,
    });
    expect400(lost.response, lost.error, 'lostReason', 'must be an object');
    const [row] = await t.dataSource.query('SELECT status FROM leads WHERE id = $1', [lead!.id]);
    expect(row.status).toBe('new');
  });

  it('refuses asOf: true (and a number) for a scheduler run instead of running it as of 1970', async () => {
    const before = await count('check_runs');
    for (const asOf of [true, 0]) {
      const { response, error } = await runCheck({
        client: admin.client,
        path: { name: 'agreements_ending' },
        body: { asOf } as never,
      });
      expect400(response, error, 'asOf', 'must be an ISO 8601 date string');
    }
    expect(await count('check_runs')).toBe(before);
  });

  it('refuses a literal null body where the route takes an object, even when every field is optional', async () => {
    const before = await count('check_runs');
    const { response, error } = await runCheck({
      client: admin.client,
      path: { name: 'agreements_ending' },
      body: null as never,
      bodySerializer: () => 'null',
    });
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ code: 'BODY_NOT_AN_OBJECT' });
    expect(await count('check_runs')).toBe(before);
  });

  it('refuses a CSV import sent as text/plain with 415, importing nothing', async () => {
    const before = await count('leads');
    const { response, error } = await importLeadsCsv({
      client: admin.client,
      body: 'companyName,contactPhone\nPlain Text Kft.,+36301234567\n',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(response.status).toBe(415);
    expect(error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await count('leads')).toBe(before);
  });

  it('refuses a cursor handed out by another list', async () => {
    for (let i = 0; i < 3; i++) await t.signIn(Role.SALES_MANAGER);
    const { data: users } = await listUsers({ client: admin.client, query: { limit: 1 } });
    expect(users!.nextCursor).toEqual(expect.any(String));
    const { response, error } = await listVendors({
      client: admin.client,
      query: { cursor: users!.nextCursor! },
    });
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ code: 'INVALID_CURSOR' });
    const ownList = await listUsers({
      client: admin.client,
      query: { limit: 1, cursor: users!.nextCursor! },
    });
    expect(ownList.response.status).toBe(200);
  });
});
