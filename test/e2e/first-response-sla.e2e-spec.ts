import {
  assignLead,
  createCallReport,
  getLead,
  listAgreementKpiBreaches,
  listAlerts,
  listLeadAssignmentDecisions,
  recordLeadActivity,
  runCheck,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { aCall } from '../support/call-report-fixtures';
import { routingFixtures } from '../support/routing-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

describe('First-response SLA: an assigned lead nobody answers is flagged, escalated and re-routed', () => {
  let t: TestApp;
  let admin: TestUser;
  let fx: ReturnType<typeof routingFixtures>;
  let unitId: string;
  let guangdong: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    fx = routingFixtures(admin.client);
    unitId = (await fx.salesUnit()).id;
    guangdong = (await fx.leadRegion('CN-GD')).id;
  });
  afterAll(() => t.close());

  /** A Chinese vendor with two Shanghai reps and a rule giving it the leads tagged `tag`. */
  const world = async (tag: string, kpis: Record<string, unknown>) => {
    const vendor = await fx.vendor(unitId, { countryCode: 'CN', timezone: 'Asia/Shanghai' });
    const agreement = await fx.agreement(vendor.id, {
      regionIds: [guangdong],
      industryCodes: ['retail'],
      kpis,
    });
    const reps = [await fx.rep(vendor.id, { tags: [tag] }), await fx.rep(vendor.id, { tags: [tag] })];
    await fx.rule({
      name: `first response ${tag}`,
      filter: { tags: [tag] },
      targetKind: 'vendor',
      targetVendorIds: [vendor.id],
      strategy: 'least_loaded',
    });
    return { vendor, agreement, reps };
  };
  /** A lead routed to one of the reps, its assignment moved to a known instant. */
  const assignedLead = async (tag: string, assignedAt: string) => {
    const lead = await fx.lead({ tags: [tag], regionCode: 'CN-GD', industryCode: 'retail' });
    const decision = (await assignLead({ client: admin.client, path: { id: lead.id } })).data!;
    expect(decision.outcome).toBe('assigned');
    await t.dataSource.query('UPDATE lead_pool_states SET owned_since = $2 WHERE lead_id = $1', [
      lead.id,
      assignedAt,
    ]);
    return { leadId: lead.id, ownerRepId: decision.chosenRepId! };
  };
  const runSla = (asOf: string) =>
    runCheck({ client: admin.client, path: { name: 'first_response_sla' }, body: { asOf } });
  const alertOn = async (leadId: string) =>
    (await listAlerts({ client: admin.client, query: { type: 'first_response_overdue', subjectId: leadId } }))
      .data!.data;
  const ownerOf = async (leadId: string) =>
    (await getLead({ client: admin.client, path: { id: leadId } })).data!.ownerRepId;

  it('a first-response SLA breach re-routes the lead', async () => {
    const { vendor, agreement, reps } = await world('t-fr-reroute', {
      firstResponseHours: 8,
      rerouteOnBreach: true,
    });
    // Assigned Friday 13 November 2026, 15:00 Shanghai (07:00 UTC). 8 working hours:
    //   Friday 15:00–17:00 = 2 h, weekend off, Monday 16 November 09:00 + 6 h = 15:00 Shanghai = 07:00 UTC.
    const { leadId, ownerRepId } = await assignedLead('t-fr-reroute', '2026-11-13T07:00:00Z');
    const otherRepId = reps.map((rep) => rep.id).find((id) => id !== ownerRepId)!;

    await runSla('2026-11-16T06:59:00Z');
    expect(await alertOn(leadId)).toEqual([]);
    expect(await ownerOf(leadId)).toBe(ownerRepId);

    await runSla('2026-11-16T07:00:00Z');
    const [alert] = await alertOn(leadId);
    expect(alert).toMatchObject({
      severity: 'warning',
      level: 'vendor_manager',
      vendorId: vendor.id,
      repId: ownerRepId,
      data: {
        agreementId: agreement.id,
        assignedAt: '2026-11-13T07:00:00.000Z',
        dueAt: '2026-11-16T07:00:00.000Z',
        slaHours: 8,
        workingHours: 8,
        escalated: false,
        reroutedTo: { repId: otherRepId, vendorId: vendor.id },
      },
    });
    // Re-routed to the other rep, with the reason in the decision log and the owner excluded for it.
    expect(await ownerOf(leadId)).toBe(otherRepId);
    const decisions = await listLeadAssignmentDecisions({ client: admin.client, path: { id: leadId } });
    const [latest] = decisions.data!.data;
    expect(latest).toMatchObject({
      trigger: 'first_response_sla',
      outcome: 'assigned',
      chosenRepId: otherRepId,
    });
    expect(latest.explanation).toMatch(/^First response overdue: assigned 2026-11-13T07:00:00.000Z/);
    expect(latest.excluded).toEqual([
      expect.objectContaining({ repId: ownerRepId, reasons: ['first_response_missed'] }),
    ]);
    // The breach is on the agreement.
    const breaches = (await listAgreementKpiBreaches({ client: admin.client, path: { id: agreement.id } }))
      .data!.data;
    expect(breaches).toEqual([
      expect.objectContaining({
        kpi: 'first_response_hours',
        leadId,
        period: '2026-11',
        threshold: 8,
        actual: 8,
      }),
    ]);
  });

  it('leaves a lead touched in time alone; without rerouteOnBreach the owner keeps it and it is escalated after twice the SLA', async () => {
    const { vendor } = await world('t-fr-keep', { firstResponseHours: 4 });
    // Both assigned Monday 16 November 2026 09:00 Shanghai (01:00 UTC); 4 working hours → 13:00 (05:00 UTC).
    const touched = await assignedLead('t-fr-keep', '2026-11-16T01:00:00Z');
    const silent = await assignedLead('t-fr-keep', '2026-11-16T01:00:00Z');
    const touchedOwner = await t.signIn(Role.REP, { vendorId: vendor.id, repId: touched.ownerRepId });
    const silentOwner = await t.signIn(Role.REP, { vendorId: vendor.id, repId: silent.ownerRepId });
    const followUp = await recordLeadActivity({
      client: touchedOwner.client,
      path: { id: touched.leadId },
      body: { channel: 'call', content: 'Called, interested', occurredAt: '2026-11-16T02:00:00Z' },
    });
    expect(followUp.response.status).toBe(201);

    await runSla('2026-11-16T05:00:00Z');
    expect(await alertOn(touched.leadId)).toEqual([]);
    const [overdue] = await alertOn(silent.leadId);
    expect(overdue).toMatchObject({ severity: 'warning', data: { workingHours: 4, reroutedTo: null } });
    expect(await ownerOf(silent.leadId)).toBe(silent.ownerRepId);

    // Twice the SLA (8 working hours) by 17:00 Shanghai (09:00 UTC): escalated, critical.
    await runSla('2026-11-16T09:00:00Z');
    const [escalated] = await alertOn(silent.leadId);
    expect(escalated).toMatchObject({
      id: overdue.id,
      severity: 'critical',
      level: 'sales_manager',
      data: { escalated: true },
    });
    expect(await ownerOf(silent.leadId)).toBe(silent.ownerRepId);

    // Answered at last by its owner: the alert resolves on the next run.
    await recordLeadActivity({
      client: silentOwner.client,
      path: { id: silent.leadId },
      body: { channel: 'call', content: 'Finally called', occurredAt: '2026-11-16T10:00:00Z' },
    });
    await runSla('2026-11-16T11:00:00Z');
    expect((await alertOn(silent.leadId))[0].status).toBe('resolved');
  });

  it('a company user’s note does not stop the first-response clock; the owner rep’s call report does', async () => {
    const { vendor } = await world('t-fr-team', { firstResponseHours: 4 });
    // Assigned Monday 16 November 2026 09:00 Shanghai (01:00 UTC); 4 working hours → due 13:00 (05:00 UTC).
    const { leadId, ownerRepId } = await assignedLead('t-fr-team', '2026-11-16T01:00:00Z');

    // 10:00 Shanghai: the sales team's admin leaves a note; 11:00: a rep of another vendor calls.
    const note = await recordLeadActivity({
      client: admin.client,
      path: { id: leadId },
      body: { channel: 'message', content: 'Customer prefers mornings', occurredAt: '2026-11-16T02:00:00Z' },
    });
    expect(note.response.status).toBe(201);
    const foreign = await fx.vendor(unitId, { countryCode: 'CN', timezone: 'Asia/Shanghai' });
    const foreignRepId = (await fx.rep(foreign.id)).id;
    await t.dataSource.query(
      `INSERT INTO lead_activities (lead_id, occurred_at, kind, channel, actor_name, actor_vendor_id, actor_rep_id)
       VALUES ($1, '2026-11-16T03:00:00Z', 'follow_up', 'call', 'foreign rep', $2, $3)`,
      [leadId, foreign.id, foreignRepId],
    );
    await runSla('2026-11-16T05:00:00Z');
    const [overdue] = await alertOn(leadId);
    expect(overdue).toMatchObject({ status: 'open', repId: ownerRepId, data: { workingHours: 4 } });

    // The owner rep reports a call at 14:00 Shanghai (06:00 UTC): the clock stops, the alert resolves.
    const rep = await t.signIn(Role.REP, { vendorId: vendor.id, repId: ownerRepId });
    const report = await createCallReport({
      client: rep.client,
      body: aCall({ leadId, occurredAt: '2026-11-16T06:00:00Z' }),
    });
    expect(report.response.status).toBe(201);
    await runSla('2026-11-16T07:00:00Z');
    expect((await alertOn(leadId))[0]).toMatchObject({ id: overdue.id, status: 'resolved' });
    expect(await ownerOf(leadId)).toBe(ownerRepId);
  });
});
