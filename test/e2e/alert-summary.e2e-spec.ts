import { summarizeAlerts } from '../../openapi/sdk';
import { callReportWorld, CallReportWorld } from '../support/call-report-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('Alert summary', () => {
  let t: TestApp;
  let w: CallReportWorld;

  beforeAll(async () => {
    t = await startTestApp();
    w = await callReportWorld(t);
    // Constructed alerts: three reps idle, rep A1 also behind their quota, and one resolved alert.
    const alert = (type: string, severity: string, repId: string, vendorId: string, status = 'open') =>
      t.dataSource.query(
        `INSERT INTO alerts (type, check_name, severity, subject_type, subject_id, vendor_id, rep_id, message,
                             status, level, raised_at, last_seen_at)
         VALUES ($1, $1, $2, 'rep', $3, $4, $3, 'constructed', $5, 'rep', now(), now())`,
        [type, severity, repId, vendorId, status],
      );
    await alert('idle_rep', 'warning', w.repA1, w.vendorA);
    await alert('idle_rep', 'warning', w.repA2, w.vendorA);
    await alert('idle_rep', 'warning', w.repB1, w.vendorB);
    await alert('call_quota_behind', 'info', w.repA1, w.vendorA);
    await alert('stale_key_lead', 'critical', w.repA1, w.vendorA, 'resolved');
  });
  afterAll(() => t.close());

  it('counts open alerts per kind and severity and lists the subjects with the most, most first', async () => {
    const { response, data } = await summarizeAlerts({ client: w.manager.client });
    expect(response.status).toBe(200);
    expect(data).toEqual({
      status: 'open',
      total: 4,
      byKind: [
        { type: 'idle_rep', severity: 'warning', count: 3 },
        { type: 'call_quota_behind', severity: 'info', count: 1 },
      ],
      topSubjects: expect.arrayContaining([
        { subjectType: 'rep', subjectId: w.repA1, count: 2, types: ['call_quota_behind', 'idle_rep'] },
      ]),
    });
    expect(data!.topSubjects[0].subjectId).toBe(w.repA1);
  });

  it('counts only the vendor manager’s vendor and only the rep’s own alerts', async () => {
    const vendor = await summarizeAlerts({ client: w.vendorManagerA.client });
    expect(vendor.data!.total).toBe(3);
    const rep = await summarizeAlerts({ client: w.repA1User.client });
    expect(rep.data!.byKind).toEqual([
      { type: 'call_quota_behind', severity: 'info', count: 1 },
      { type: 'idle_rep', severity: 'warning', count: 1 },
    ]);
  });

  it('sums up the resolved alerts when asked for that status', async () => {
    const { data } = await summarizeAlerts({ client: w.manager.client, query: { status: 'resolved' } });
    expect(data!.byKind).toEqual([{ type: 'stale_key_lead', severity: 'critical', count: 1 }]);
  });
});
