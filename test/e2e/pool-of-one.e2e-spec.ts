import {
  assignLead,
  createCallReportBatch,
  createLead,
  createLeadPool,
  eraseDataSubject,
  exportDataSubject,
  getLead,
  importLeads,
  runCheck,
  updatePrivacySettings,
  updateRoutingSettings,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { CheckRunnerService } from '../../src/modules/scheduler/checks/check-runner.service';
import { routingFixtures } from '../support/routing-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

/** A deadlock on a pool of one never ends by itself; fail with a message long before jest's timeout. */
function withinSeconds<T>(seconds: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not finish in ${seconds}s: it waits for a second connection`)),
      seconds * 1000,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The transaction rule, proved: a request opens at most one transaction at its entry point and everything
 * below runs through its manager, so the whole service works with ONE database connection. Any code that
 * asks the pool for a second connection while holding the first waits forever here.
 */
describe('a pool of one database connection', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ databasePoolSize: 1 });
    admin = await t.signIn(Role.ADMIN);
  });
  afterAll(() => t.close());

  it('runs intake, routing, a call-report batch and a full scheduler tick without waiting for a second connection', async () => {
    const fx = routingFixtures(admin.client);
    const unit = await fx.salesUnit();
    const guangdong = await fx.leadRegion('CN-GD');
    const vendor = await fx.vendorInScope(unit.id, { regionIds: [guangdong.id] });
    const rep = await fx.rep(vendor.id, { grade: 'A', regionId: guangdong.id });
    await fx.rule({
      name: 'everything to the vendor',
      targetKind: 'vendor',
      targetVendorIds: [vendor.id],
      strategy: 'best_fit',
    });
    await createLeadPool({
      client: admin.client,
      body: {
        name: 'Company pool',
        isDefault: true,
        noFollowUpDays: { key: 3, high: 7, medium: 14, low: 30 },
        holdingCap: 50,
        dailyClaimLimit: 10,
      },
    });

    // Intake with routing on intake: the import routes each new lead inside the intake transaction.
    const settings = await updateRoutingSettings({
      client: admin.client,
      body: { autoAssignOnIntake: true },
    });
    expect(settings.error).toBeUndefined();
    const imported = await withinSeconds(
      20,
      'lead intake',
      importLeads({
        client: admin.client,
        body: {
          rows: [1, 2, 3].map((i) => ({
            companyName: `Pool Of One ${i} Kft.`,
            source: 'import' as const,
            regionCode: 'CN-GD',
          })),
        },
        // An idempotent request runs its claim, work and stored answer in one request transaction.
        headers: { 'Idempotency-Key': 'pool-of-one-import' },
      }),
    );
    expect(imported.data?.created).toBe(3);
    const leadIds = imported.data!.results.map((row) => row.id!);
    for (const id of leadIds) {
      expect((await getLead({ client: admin.client, path: { id } })).data?.ownerRepId).toBe(rep.id);
    }

    // Routing by hand.
    const lead = await fx.lead({ regionCode: 'CN-GD' });
    const decision = await withinSeconds(
      20,
      'routing',
      assignLead({ client: admin.client, path: { id: lead.id } }),
    );
    expect(decision.data).toMatchObject({ outcome: 'assigned', chosenRepId: rep.id });

    // A call-report batch on those leads.
    const occurredAt = new Date(Date.now() - 3_600_000).toISOString();
    const batch = await withinSeconds(
      20,
      'a call-report batch',
      createCallReportBatch({
        client: admin.client,
        body: {
          reports: leadIds.map((leadId) => ({
            repId: rep.id,
            leadId,
            occurredAt,
            type: 'call' as const,
            durationSeconds: 300,
            outcome: 'connected' as const,
          })),
        },
      }),
    );
    expect(batch.error).toBeUndefined();

    // A full tick: every check, each in the runner's transaction.
    const runner = t.app.get(CheckRunnerService);
    const runs = await withinSeconds(40, 'a scheduler tick', runner.tick(new Date()));
    expect(runs.map((run) => [run.checkName, run.status, run.error])).toEqual(
      runner.listChecks().map((check) => [check.name, 'succeeded', null]),
    );
  });

  it('exports and erases a contact person and applies contact retention on one connection', async () => {
    const email = 'pool.of.one@example.hu';
    const created = await createLead({
      client: admin.client,
      body: {
        companyName: 'Egy Kapcsolat Kft.',
        contacts: [{ name: 'Egy Ember', email }],
        needs: 'Call Egy',
      },
    });
    expect(created.response.status).toBe(201);
    const exported = await withinSeconds(
      20,
      'a data-subject export',
      exportDataSubject({ client: admin.client, body: { email } }),
    );
    expect(exported.data?.contacts).toHaveLength(1);
    const erased = await withinSeconds(
      20,
      'a data-subject erasure',
      eraseDataSubject({ client: admin.client, body: { email } }),
    );
    expect(erased.data).toMatchObject({ leadIds: [created.data!.id], contacts: 1 });

    await updatePrivacySettings({ client: admin.client, body: { contactRetentionMonths: 1 } });
    const run = await withinSeconds(
      20,
      'contact retention',
      runCheck({ client: admin.client, path: { name: 'contact_retention' }, body: {} }),
    );
    expect(run.data?.status).toBe('succeeded');
  });
});
