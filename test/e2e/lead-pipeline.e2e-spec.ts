import {
  changeLeadStatus,
  createLead,
  getLead,
  getLeadPipelineSettings,
  listAuditLog,
  listLeadPipeline,
  setLeadPipeline,
  updateLeadPipelineSettings,
} from '../../openapi/sdk';
import type { LeadDto } from '../../openapi/sdk';
import { signInLeadRoles } from '../support/lead-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { must } from '../support/must';

describe('Pipeline value on leads: expected amount, close date, win probability, totals per currency', () => {
  let t: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let vendorManager: TestUser;
  let otherVendorManager: TestUser;
  let counter = 0;

  beforeAll(async () => {
    t = await startTestApp();
    ({ admin, manager, vendorManager } = await signInLeadRoles(t));
    ({ vendorManager: otherVendorManager } = await signInLeadRoles(t));
  });
  afterAll(() => t.close());

  /** A lead of the vendor manager's vendor (taken in as new, no owner rep yet), moved on to `status`. */
  const leadAt = async (status: 'contacted' | 'qualified' | 'negotiating', user = vendorManager) => {
    const lead = must(
      await createLead({ client: user.client, body: { companyName: `Pipeline ${++counter} Kft.` } }),
    );
    const path = ['new', 'contacted', 'qualified', 'negotiating'];
    for (const next of path.slice(path.indexOf(lead.status) + 1, path.indexOf(status) + 1))
      must(
        await changeLeadStatus({
          client: manager.client,
          path: { id: lead.id },
          body: { status: next as never },
        }),
      );
    return lead;
  };
  const value = (lead: LeadDto, body: Parameters<typeof setLeadPipeline>[0]['body'], user = vendorManager) =>
    setLeadPipeline({ client: user.client, path: { id: lead.id }, body });

  it('a lead carries a pipeline value from qualified on: earlier 409 LEAD_NOT_QUALIFIED, once lost 409 LEAD_CLOSED', async () => {
    const contacted = await leadAt('contacted');
    const early = await value(contacted, {
      expectedAmountMinor: 100,
      currency: 'CNY',
      expectedCloseOn: '2027-03-31',
    });
    expect(early.response.status).toBe(409);
    expect(early.error).toMatchObject({ code: 'LEAD_NOT_QUALIFIED' });

    const qualified = await leadAt('qualified');
    const set = must(
      await value(qualified, {
        expectedAmountMinor: 4800000,
        currency: 'cny',
        expectedCloseOn: '2027-03-31',
      }),
    );
    expect(set).toMatchObject({
      expectedAmountMinor: 4800000,
      expectedCurrency: 'CNY',
      expectedCloseOn: '2027-03-31',
      winProbabilityPct: null,
      version: qualified.version + 3,
    });
    expect(must(await getLead({ client: manager.client, path: { id: qualified.id } }))).toMatchObject({
      expectedAmountMinor: 4800000,
    });
    const audit = must(
      await listAuditLog({ client: admin.client, query: { entityType: 'lead', entityId: qualified.id } }),
    );
    expect(audit.data.map((entry) => entry.action)).toContain('pipeline');

    must(
      await changeLeadStatus({
        client: manager.client,
        path: { id: qualified.id },
        body: { status: 'lost', lostReason: { reason: 'price' } },
      }),
    );
    const closed = await value(qualified, {
      expectedAmountMinor: 1,
      currency: 'CNY',
      expectedCloseOn: '2027-03-31',
    });
    expect(closed.response.status).toBe(409);
    expect(closed.error).toMatchObject({ code: 'LEAD_CLOSED' });
  });

  it('bad pipeline input is 400 naming the field and writes nothing', async () => {
    const lead = await leadAt('qualified');
    const cases: [Record<string, unknown>, string][] = [
      [{ expectedAmountMinor: -1, currency: 'CNY', expectedCloseOn: '2027-03-31' }, 'expectedAmountMinor'],
      [{ expectedAmountMinor: 10.5, currency: 'CNY', expectedCloseOn: '2027-03-31' }, 'expectedAmountMinor'],
      [{ expectedAmountMinor: 100, currency: 'XXQ', expectedCloseOn: '2027-03-31' }, 'currency'],
      [{ expectedAmountMinor: 100, currency: 'CNY', expectedCloseOn: '2027-02-30' }, 'expectedCloseOn'],
      [
        { expectedAmountMinor: 100, currency: 'CNY', expectedCloseOn: '2027-03-31', winProbabilityPct: 101 },
        'winProbabilityPct',
      ],
      [{ currency: 'CNY', expectedCloseOn: '2027-03-31' }, 'expectedAmountMinor'],
    ];
    for (const [body, field] of cases) {
      const { response, error } = await value(lead, body as never);
      expect(response.status).toBe(400);
      expect(JSON.stringify((error as { errors?: unknown }).errors)).toContain(field);
    }
    expect(must(await getLead({ client: manager.client, path: { id: lead.id } }))).toMatchObject({
      expectedAmountMinor: null,
      version: lead.version + 2,
    });
  });

  it('another vendor’s lead is 404 and never in its pipeline', async () => {
    const lead = await leadAt('qualified');
    const foreign = await value(
      lead,
      { expectedAmountMinor: 100, currency: 'CNY', expectedCloseOn: '2027-03-31' },
      otherVendorManager,
    );
    expect(foreign.response.status).toBe(404);
    const theirs = must(await listLeadPipeline({ client: otherVendorManager.client }));
    expect(theirs.data.map((row) => row.leadId)).not.toContain(lead.id);
  });

  it('the open pipeline weights each lead by its own probability or its status default, and sums per currency, never across', async () => {
    const { vendorManager: owner } = await signInLeadRoles(t);
    // CNY 48 000.00, qualified, default 40 % → 19 200.00.
    const a = await leadAt('qualified', owner);
    must(
      await value(a, { expectedAmountMinor: 4800000, currency: 'CNY', expectedCloseOn: '2027-02-15' }, owner),
    );
    // CNY 12 000.50, negotiating, its own 85 % → 10 200.425 → 10 200.43 (half away from zero).
    const b = await leadAt('negotiating', owner);
    must(
      await value(
        b,
        {
          expectedAmountMinor: 1200050,
          currency: 'CNY',
          expectedCloseOn: '2027-01-10',
          winProbabilityPct: 85,
        },
        owner,
      ),
    );
    // HUF 1 000 000.00 (ISO 2 digits), negotiating, default 70 % → 700 000.00.
    const c = await leadAt('negotiating', owner);
    must(
      await value(
        c,
        { expectedAmountMinor: 100000000, currency: 'HUF', expectedCloseOn: '2027-03-01' },
        owner,
      ),
    );
    // Qualified but not valued yet; and a contacted lead, not in the pipeline at all.
    const d = await leadAt('qualified', owner);
    const e = await leadAt('contacted', owner);

    const page = must(await listLeadPipeline({ client: owner.client }));
    expect(page.data.map((row) => row.leadId)).toEqual([b.id, a.id, c.id, d.id]);
    expect(page.data.map((row) => row.leadId)).not.toContain(e.id);
    expect(page.data[0]).toMatchObject({
      winProbabilityPct: 85,
      probabilitySource: 'lead',
      weightedAmountMinor: 1020043,
    });
    expect(page.data[1]).toMatchObject({
      winProbabilityPct: 40,
      probabilitySource: 'status',
      weightedAmountMinor: 1920000,
    });
    expect(page.data[3]).toMatchObject({
      expectedAmountMinor: null,
      weightedAmountMinor: null,
      winProbabilityPct: 40,
    });
    expect(page.totals).toEqual([
      { currency: 'CNY', leads: 2, expectedAmountMinor: 6000050, weightedAmountMinor: 2940043 },
      { currency: 'HUF', leads: 1, expectedAmountMinor: 100000000, weightedAmountMinor: 70000000 },
    ]);
    expect(page.unvaluedLeads).toBe(1);

    // Filters narrow the totals too; the page size does not.
    const cny = must(await listLeadPipeline({ client: owner.client, query: { currency: 'CNY', limit: 1 } }));
    expect(cny.data).toHaveLength(1);
    expect(cny.nextCursor).not.toBeNull();
    expect(cny.totals).toEqual([page.totals[0]]);
    const next = must(
      await listLeadPipeline({
        client: owner.client,
        query: { currency: 'CNY', limit: 1, cursor: cny.nextCursor! },
      }),
    );
    expect(next.data.map((row) => row.leadId)).toEqual([a.id]);
    const early = must(await listLeadPipeline({ client: owner.client, query: { closeTo: '2027-01-31' } }));
    expect(early.data.map((row) => row.leadId)).toEqual([b.id]);
  });

  it('default probabilities are a versioned admin setting that never falls from stage to stage; the pipeline follows a change', async () => {
    const before = must(await getLeadPipelineSettings({ client: vendorManager.client }));
    expect(before.probabilities).toEqual({
      new: 5,
      assigned: 10,
      contacted: 20,
      qualified: 40,
      negotiating: 70,
    });

    const refused = await updateLeadPipelineSettings({
      client: manager.client,
      body: { probabilities: { qualified: 50 } },
    });
    expect(refused.response.status).toBe(403);

    const falling = await updateLeadPipelineSettings({
      client: admin.client,
      body: { probabilities: { negotiating: 30 } },
    });
    expect(falling.response.status).toBe(422);
    expect(falling.error).toMatchObject({
      code: 'LEAD_PIPELINE_SETTINGS_INVALID',
      errors: [{ field: 'probabilities.negotiating', message: 'must not be below qualified (40)' }],
    });

    const lead = await leadAt('qualified');
    must(await value(lead, { expectedAmountMinor: 10000, currency: 'EUR', expectedCloseOn: '2027-06-30' }));
    const changed = must(
      await updateLeadPipelineSettings({
        client: admin.client,
        body: { probabilities: { qualified: 25 } },
        headers: { 'if-match': `"${before.version}"` },
      }),
    );
    expect(changed).toMatchObject({
      probabilities: { qualified: 25, negotiating: 70 },
      version: before.version + 1,
    });
    const stale = await updateLeadPipelineSettings({
      client: admin.client,
      body: { probabilities: { qualified: 30 } },
      headers: { 'if-match': `"${before.version}"` },
    });
    expect(stale.response.status).toBe(412);

    const eur = must(await listLeadPipeline({ client: vendorManager.client, query: { currency: 'EUR' } }));
    expect(eur.totals).toEqual([
      { currency: 'EUR', leads: 1, expectedAmountMinor: 10000, weightedAmountMinor: 2500 },
    ]);
  });
});
