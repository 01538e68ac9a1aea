import {
  changeLeadStatus,
  computeScores,
  createApiClient,
  createToken,
  createCsatResponse,
  createCallReportBatch,
  createLead,
  getScoreTrend,
  listScorecardDefinitionRevisions,
  listScores,
  recordLeadActivity,
  reviseScorecardDefinition,
} from '../../openapi/sdk';
import type { KpiDefinitionDto } from '../../openapi/sdk';
import { type Principal, Role } from '../../src/common/auth/role';
import { LeadsService } from '../../src/modules/leads/leads.service';
import { ScoringService } from '../../src/modules/scoring/scoring.service';
import { aCall } from '../support/call-report-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';
import { routingFixtures } from '../support/routing-fixtures';

/**
 * The constructed period is February 2026 for a Hungarian agency (no public holiday: 20 working days).
 * Its one rep has a quota of 1 call a day and files 15 calls; 5 leads are taken in and assigned to them
 * on 10 February 08:00 UTC; 2 are answered (after 12 h and 24 h) and won.
 */
describe('Scoring: scorecards, scores per period and leaderboards', () => {
  let t: TestApp;
  let manager: TestUser;
  let admin: TestUser;
  let vendorId: string;
  let repId: string;
  let otherVendorManager: TestUser;
  let repUser: TestUser;
  let otherRepId: string;
  let otherVendorId: string;

  const repRules: KpiDefinitionDto[] = [
    { kpi: 'conversion', weightPercent: 40, zeroPoint: 0, hundredPoint: 0.5 },
    { kpi: 'first_response_time', weightPercent: 30, zeroPoint: 48, hundredPoint: 0 },
    { kpi: 'call_compliance', weightPercent: 30, zeroPoint: 0, hundredPoint: 1 },
  ];
  const bands = { A: 85, B: 70, C: 50 };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    manager = await t.signIn(Role.SALES_MANAGER);
    const fx = routingFixtures(manager.client);
    const unit = await vendorFixtures(manager.client).salesUnit();
    vendorId = (await fx.vendor(unit.id, { countryCode: 'HU', timezone: 'Europe/Budapest', kind: 'agency' }))
      .id;
    repId = (await fx.rep(vendorId, { timezone: 'Europe/Budapest', dailyCallQuota: 1 })).id;
    otherRepId = (await fx.rep(vendorId, { timezone: 'Europe/Budapest' })).id;
    const otherVendor = (await fx.vendor(unit.id, { countryCode: 'HU', timezone: 'Europe/Budapest' })).id;
    otherVendorId = otherVendor;
    otherVendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: otherVendor });
    repUser = await t.signIn(Role.REP, { vendorId, repId });

    // 15 calls on the first 15 working days of February 2026 (from Monday 2 February), 09:00 local.
    const workingDays = Array.from({ length: 28 }, (_, i) => new Date(Date.UTC(2026, 1, 1 + i)))
      .filter((day) => day.getUTCDay() !== 0 && day.getUTCDay() !== 6)
      .slice(0, 15);
    const { response } = await createCallReportBatch({
      client: manager.client,
      body: {
        reports: workingDays.map((day) =>
          aCall({ repId, occurredAt: new Date(day.getTime() + 8 * 3600_000).toISOString() }),
        ),
      },
    });
    expect(response.status).toBe(201);

    const routing: Principal = {
      subjectId: manager.id,
      kind: 'user',
      role: Role.SALES_MANAGER,
      vendorId: null,
      repId: null,
      name: 'routing',
    };
    const leadIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { data } = await createLead({
        client: manager.client,
        body: { companyName: `Scored ${i} Kft.`, source: 'web_form' },
      });
      leadIds.push(data!.id);
      await t.app.get(LeadsService).assignLeadOwner(data!.id, vendorId, repId, routing);
    }
    await t.dataSource.query(`UPDATE leads SET created_at = '2026-02-10T07:00:00Z' WHERE id = ANY($1)`, [
      leadIds,
    ]);
    await t.dataSource.query(
      `UPDATE lead_activities SET occurred_at = '2026-02-10T08:00:00Z' WHERE lead_id = ANY($1) AND kind = 'assignment'`,
      [leadIds],
    );
    const answers: [string, string][] = [
      [leadIds[0], '2026-02-10T20:00:00Z'],
      [leadIds[1], '2026-02-11T08:00:00Z'],
    ];
    for (const [leadId, occurredAt] of answers) {
      // The first response is the owner rep's own touch (a company user's note would not count).
      const { response: answered } = await recordLeadActivity({
        client: repUser.client,
        path: { id: leadId },
        body: { channel: 'call', content: 'First call', occurredAt },
      });
      expect(answered.status).toBe(201);
      for (const status of ['contacted', 'qualified', 'won'] as const)
        await changeLeadStatus({ client: manager.client, path: { id: leadId }, body: { status } });
    }
    await t.dataSource.query(`UPDATE leads SET won_at = '2026-02-20T10:00:00Z' WHERE id = ANY($1)`, [
      [answers[0][0], answers[1][0]],
    ]);
    const { response: revised } = await reviseScorecardDefinition({
      client: manager.client,
      path: { audience: 'rep' },
      body: { kpis: repRules, gradeBands: bands },
    });
    expect(revised.status).toBe(200);
  });
  afterAll(() => t.close());

  const scoresOf = async (client = manager.client, period = '2026-02') => {
    const { data, response } = await listScores({ client, query: { period } });
    expect(response.status).toBe(200);
    return data!.data;
  };

  it('computes a rep’s scorecard by hand on a constructed period, explained per KPI', async () => {
    const { data } = await computeScores({ client: manager.client, query: { period: '2026-02' } });
    expect(data).toMatchObject({ period: '2026-02', status: 'final' });
    const rep = (await scoresOf()).find((row) => row.subjectId === repId)!;
    // conversion 2/5 = 0.4 → 80 × 40 % = 32; first response (12 + 24) / 2 = 18 h → (18−48)/(0−48) = 62.5
    // × 30 % = 18.75; compliance 15/20 = 0.75 → 75 × 30 % = 22.5; total 73.25 → B
    expect(rep).toMatchObject({ total: 73.25, grade: 'B', status: 'final', definitionRevision: 2 });
    expect(rep.kpis).toEqual([
      {
        kpi: 'conversion',
        raw: 0.4,
        measured: true,
        normalised: 80,
        weightPercent: 40,
        effectiveWeightPercent: 40,
        contribution: 32,
      },
      {
        kpi: 'first_response_time',
        raw: 18,
        measured: true,
        normalised: 62.5,
        weightPercent: 30,
        effectiveWeightPercent: 30,
        contribution: 18.75,
      },
      {
        kpi: 'call_compliance',
        raw: 0.75,
        measured: true,
        normalised: 75,
        weightPercent: 30,
        effectiveWeightPercent: 30,
        contribution: 22.5,
      },
    ]);
  });

  it('scores a vendor from its reps’ summed facts on its kind’s scorecard, sharing out unmeasured weight', async () => {
    const vendor = (await scoresOf()).find((row) => row.subject === 'vendor' && row.subjectId === vendorId)!;
    // Agency defaults: conversion 0.4 on 0 → 0.3 clamps to 100 (weight 15); compliance 15/20 = 0.75 on
    // 0.5 → 1 scores 50 (weight 10); no complaint on 2 won leads is a complaint rate of 0, 100 points
    // (weight 5); nothing else measured: (100×15 + 50×10 + 100×5) / 30 = 83.33 → B
    expect(vendor).toMatchObject({ total: 83.33, grade: 'B', definitionRevision: 1 });
    expect(vendor.kpis.find((kpi) => kpi.kpi === 'complaint_rate')).toMatchObject({
      raw: 0,
      normalised: 100,
    });
  });

  it('keeps a closed period’s final scores and their revision when the scorecard is edited', async () => {
    await reviseScorecardDefinition({
      client: manager.client,
      path: { audience: 'rep' },
      body: {
        kpis: [{ kpi: 'conversion', weightPercent: 100, zeroPoint: 0, hundredPoint: 1 }],
        gradeBands: bands,
      },
    });
    const { data } = await computeScores({ client: manager.client, query: { period: '2026-02' } });
    expect(data!.written).toBe(0);
    const rep = (await scoresOf()).find((row) => row.subjectId === repId)!;
    expect(rep).toMatchObject({ total: 73.25, definitionRevision: 2 });
    const { data: revisions } = await listScorecardDefinitionRevisions({
      client: manager.client,
      path: { audience: 'rep' },
    });
    expect(revisions!.map((revision) => revision.revision)).toEqual([3, 2, 1]);
  });

  it('stores the running period’s scores as provisional, on the newest revision', async () => {
    const running = new Date().toISOString().slice(0, 7);
    const { data } = await computeScores({ client: manager.client, query: { period: running } });
    expect(data!.status).toBe('provisional');
    const rep = (await scoresOf(manager.client, running)).find((row) => row.subjectId === repId)!;
    expect(rep).toMatchObject({ status: 'provisional', definitionRevision: 3 });
  });

  it('refuses weights that do not sum to 100 % and writes no revision', async () => {
    const { response, error } = await reviseScorecardDefinition({
      client: manager.client,
      path: { audience: 'rep' },
      body: { kpis: [{ ...repRules[0], weightPercent: 90 }], gradeBands: bands },
    });
    expect(response.status).toBe(422);
    expect(error).toMatchObject({ code: 'SCORECARD_DEFINITION_INVALID' });
    const { data } = await listScorecardDefinitionRevisions({
      client: manager.client,
      path: { audience: 'rep' },
    });
    expect(data).toHaveLength(3);
  });

  it('refuses a normalisation whose 0-point and 100-point are equal', async () => {
    const { response, error } = await reviseScorecardDefinition({
      client: admin.client,
      path: { audience: 'agency' },
      body: { kpis: [{ kpi: 'csat', weightPercent: 100, zeroPoint: 3, hundredPoint: 3 }], gradeBands: bands },
    });
    expect(response.status).toBe(422);
    expect(error).toMatchObject({
      code: 'SCORECARD_DEFINITION_INVALID',
      errors: [expect.objectContaining({ field: 'kpis.0.hundredPoint' })],
    });
  });

  it('refuses a week as a scored period with 400 PERIOD_INVALID', async () => {
    const { response, error } = await computeScores({
      client: manager.client,
      query: { period: '2026-W05' },
    });
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ code: 'PERIOD_INVALID' });
  });

  it('shows a rep only their own row, with their rank among all reps', async () => {
    const rows = await scoresOf(repUser.client);
    expect(rows).toHaveLength(1);
    const all = (await scoresOf()).filter((row) => row.subject === 'rep');
    expect(rows[0]).toMatchObject({ subjectId: repId, rank: 1, of: all.length });
    expect(all.find((row) => row.subjectId === otherRepId)).toMatchObject({ total: null, rank: all.length });
  });

  it('shows a vendor manager none of another vendor’s scores, and a trend outside scope is 404', async () => {
    const rows = await scoresOf(otherVendorManager.client);
    expect(rows.some((row) => row.vendorId === vendorId)).toBe(false);
    const { response } = await getScoreTrend({
      client: otherVendorManager.client,
      path: { subject: 'rep', subjectId: repId },
      query: { periodKind: 'month' },
    });
    expect(response.status).toBe(404);
  });

  it('gives a rep’s trend over the months, oldest first', async () => {
    const { data } = await getScoreTrend({
      client: repUser.client,
      path: { subject: 'rep', subjectId: repId },
      query: { periodKind: 'month' },
    });
    expect(data!.data.map((row) => row.period)).toEqual(['2026-02', new Date().toISOString().slice(0, 7)]);
  });

  describe('customer feedback', () => {
    const visitId = '5f0c6b8e-2a4d-4b7a-9c1e-3d2f8a6b4c10';

    it('refuses a CSAT outside 1–5 with 400 and writes nothing', async () => {
      const { response, error } = await createCsatResponse({
        client: manager.client,
        body: { repId, visitId, rating: 6 },
      });
      expect(response.status).toBe(400);
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
      const [{ n }] = await t.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM csat_responses',
      );
      expect(n).toBe(0);
    });

    it('feeds the average CSAT rating into the rep’s running-period score', async () => {
      for (const rating of [4, 5]) {
        const { response } = await createCsatResponse({
          client: manager.client,
          body: { repId, visitId, rating, comment: 'Helpful' },
        });
        expect(response.status).toBe(201);
      }
      await reviseScorecardDefinition({
        client: manager.client,
        path: { audience: 'rep' },
        body: {
          kpis: [{ kpi: 'csat', weightPercent: 100, zeroPoint: 1, hundredPoint: 5 }],
          gradeBands: bands,
        },
      });
      const running = new Date().toISOString().slice(0, 7);
      await computeScores({ client: manager.client, query: { period: running } });
      const rep = (await scoresOf(manager.client, running)).find((row) => row.subjectId === repId)!;
      // (4 + 5) / 2 = 4.5 → (4.5 − 1) / (5 − 1) = 87.5 → A
      expect(rep).toMatchObject({ total: 87.5, grade: 'A', definitionRevision: 4 });
    });

    it('answers 404 for a CSAT about a rep outside the caller’s vendor', async () => {
      const { data: apiClient } = await createApiClient({
        client: admin.client,
        body: { name: 'Other vendor ERP', vendorId: otherVendorId },
      });
      const { data: token } = await createToken({
        client: t.anonymous,
        body: {
          grant_type: 'client_credentials',
          client_id: apiClient!.clientId,
          client_secret: apiClient!.clientSecret,
        },
      });
      const { response } = await createCsatResponse({
        client: t.clientWithToken(token!.access_token),
        body: { repId, visitId, rating: 3 },
      });
      expect(response.status).toBe(404);
    });
  });
  describe('the scheduler’s due-at gate', () => {
    // The tick as the scores_recompute check runs it: one transaction, "today" from the tick's as-of.
    const tick = (today: string) =>
      t.dataSource.transaction((em) => t.app.get(ScoringService).recomputeOpenScores(em, today));
    const periodState = async (key: string) => {
      const [row] = await t.dataSource.query<{ status: string; computed_for: string }[]>(
        `SELECT status, computed_for::text AS computed_for FROM score_periods WHERE period_key = $1`,
        [key],
      );
      return row;
    };

    it('recomputes a running period only when a fact was written, the day moved or the hourly refresh is due', async () => {
      // The first tick of 10 March 2026 computes March, Q1 and 2026 (and whatever else is provisional).
      expect(await tick('2026-03-10')).toBeGreaterThan(0);
      expect(await periodState('2026-03')).toEqual({ status: 'provisional', computed_for: '2026-03-10' });
      // Nothing written since: the next tick writes no score.
      expect(await tick('2026-03-10')).toBe(0);

      // A call report filed: its periods are recomputed, once.
      const { response } = await createCallReportBatch({
        client: manager.client,
        body: { reports: [aCall({ repId, occurredAt: '2026-03-09T08:00:00Z' })] },
      });
      expect(response.status).toBe(201);
      expect(await tick('2026-03-10')).toBeGreaterThan(0);
      expect(await tick('2026-03-10')).toBe(0);

      // The last computation is more than an hour old: due again, though no probed fact moved.
      await t.dataSource.query(
        `UPDATE score_periods SET computed_at = computed_at - interval '61 minutes' WHERE period_key = '2026-03'`,
      );
      expect(await tick('2026-03-10')).toBeGreaterThan(0);

      // The next day: the running periods' quota expectation moved, so they are due.
      expect(await tick('2026-03-11')).toBeGreaterThan(0);
      expect(await periodState('2026-03')).toEqual({ status: 'provisional', computed_for: '2026-03-11' });
    });

    it('finalises a period that ended once, and never recomputes it after', async () => {
      expect(await tick('2026-04-01')).toBeGreaterThan(0);
      expect(await periodState('2026-03')).toEqual({ status: 'final', computed_for: '2026-04-01' });
      await t.dataSource.query(`UPDATE score_periods SET computed_at = computed_at - interval '2 days'`);
      await tick('2026-04-02');
      expect(await periodState('2026-03')).toEqual({ status: 'final', computed_for: '2026-04-01' });
      const [{ n }] = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM scores WHERE period_key = '2026-03' AND status <> 'final'`,
      );
      expect(n).toBe(0);
    });
  });
});
