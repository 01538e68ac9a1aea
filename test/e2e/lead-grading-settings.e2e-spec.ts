import {
  createLead,
  getLead,
  getLeadGradingSettings,
  listAuditLog,
  refreshLeadGrades,
  runCheck,
  updateLeadGradingSettings,
} from '../../openapi/sdk';
import type { UpdateLeadGradingSettingsDto } from '../../openapi/sdk';
import { LeadGradingService } from '../../src/modules/leads/grading/lead-grading.service';
import { signInLeadRoles } from '../support/lead-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

describe('Lead grading settings: cut-offs, dead window and points editable by admins', () => {
  let t: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let vendorManager: TestUser;
  let rep: TestUser;
  let counter = 0;

  beforeAll(async () => {
    t = await startTestApp();
    ({ admin, manager, vendorManager, rep } = await signInLeadRoles(t));
  });
  afterAll(() => t.close());

  /** Admin change without a precondition; fails the test when refused. */
  const change = async (body: UpdateLeadGradingSettingsDto) => {
    const { data, error } = await updateLeadGradingSettings({ client: admin.client, body });
    if (!data) throw new Error(JSON.stringify(error));
    return data;
  };
  const restoreDefaults = () =>
    change({
      cutOffs: { high: 60, medium: 35 },
      deadAfterUntouchedDays: 90,
      points: { source: { referral: 20 } },
    });

  // Industry 0, size large 20, region 0, one touch 4, touched today 15, referral 20: score 59.
  const newLead = async () => {
    const { data, error } = await createLead({
      client: manager.client,
      body: { companyName: `Grading Settings ${++counter} Kft.`, sizeBand: 'large', source: 'referral' },
    });
    if (!data) throw new Error(JSON.stringify(error));
    return data;
  };

  it('lets any signed-in user of the company read the grading settings; the defaults are the former constants', async () => {
    for (const user of [admin, manager, vendorManager, rep]) {
      const { response, data } = await getLeadGradingSettings({ client: user.client });
      expect(response.status).toBe(200);
      expect(data).toMatchObject({
        cutOffs: { high: 60, medium: 35 },
        deadAfterUntouchedDays: 90,
        points: {
          industryKnown: 10,
          sizeBand: { micro: 0, small: 5, medium: 10, large: 20, enterprise: 20 },
          regionInScope: 15,
          perTouch: 4,
          touchesCounted: 5,
          recentWithin7Days: 15,
          recentWithin30Days: 8,
          source: { referral: 20, import: 4, api: 6 },
        },
      });
      expect(response.headers.get('etag')).toBe(`"${data!.version}"`);
    }
    expect((await getLeadGradingSettings({ client: t.anonymous })).response.status).toBe(401);
  });

  it('a vendor manager cannot edit grading settings (403), nor can a sales manager or a rep', async () => {
    const before = (await getLeadGradingSettings({ client: admin.client })).data!;
    for (const user of [vendorManager, manager, rep]) {
      const { response, error } = await updateLeadGradingSettings({
        client: user.client,
        body: { cutOffs: { high: 90 } },
      });
      expect(response.status).toBe(403);
      expect(error).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect((await getLeadGradingSettings({ client: admin.client })).data).toEqual(before);
  });

  it('grading cut-offs changed by an admin apply to the next grading', async () => {
    const earlier = await newLead();
    expect(earlier).toMatchObject({ score: 59, grade: 'medium', keyLead: false });

    const changed = await change({ cutOffs: { high: 55, medium: 30 } });
    expect(changed.cutOffs).toEqual({ high: 55, medium: 30 });
    const next = await newLead();
    expect(next).toMatchObject({ score: 59, grade: 'high', keyLead: true, keyLeadSetBy: 'rule' });
    // A lead already graded keeps its grade until it is graded again.
    expect((await getLead({ client: manager.client, path: { id: earlier.id } })).data!.grade).toBe('medium');
    await refreshLeadGrades({ client: manager.client });
    expect((await getLead({ client: manager.client, path: { id: earlier.id } })).data!.grade).toBe('high');

    await change({ cutOffs: { high: 95, medium: 90 } });
    expect(await newLead()).toMatchObject({ score: 59, grade: 'low', keyLead: false });
    await restoreDefaults();
    expect(await newLead()).toMatchObject({ score: 59, grade: 'medium' });
  });

  it('the dead-after-untouched window changed by an admin applies to the scheduler’s re-grading', async () => {
    const lead = await newLead();
    await t.dataSource.query(
      `UPDATE leads SET created_at = now() - interval '20 days', last_activity_at = now() - interval '20 days'
        WHERE id = $1`,
      [lead.id],
    );
    const regrade = () => runCheck({ client: admin.client, path: { name: 'lead_grading' }, body: {} });
    expect((await regrade()).data).toMatchObject({ status: 'succeeded' });
    expect((await getLead({ client: manager.client, path: { id: lead.id } })).data!.grade).not.toBe('dead');

    await change({ deadAfterUntouchedDays: 10 });
    expect((await regrade()).data).toMatchObject({ status: 'succeeded' });
    expect((await getLead({ client: manager.client, path: { id: lead.id } })).data!.grade).toBe('dead');
    await restoreDefaults();
  });

  it('factor points changed by an admin show in the next lead’s score factors', async () => {
    const changed = await change({ points: { source: { referral: 0 }, perTouch: 10 } });
    expect(changed.points.source).toMatchObject({ referral: 0, partner: 15 });
    const lead = await newLead();
    const points = Object.fromEntries(lead.scoreFactors.map((factor) => [factor.factor, factor.points]));
    expect(points).toEqual({ industry: 0, size: 20, region: 0, touches: 10, recency: 15, source: 0 });
    expect(lead.score).toBe(45);
    await change({ points: { source: { referral: 20 }, perTouch: 4 } });
  });

  it('a stale If-Match on the grading settings is 412 and changes nothing', async () => {
    const read = await getLeadGradingSettings({ client: admin.client });
    const etag = read.response.headers.get('etag')!;
    const first = await updateLeadGradingSettings({
      client: admin.client,
      body: { deadAfterUntouchedDays: 120 },
      headers: { 'If-Match': etag },
    });
    expect(first.response.status).toBe(200);
    expect(first.response.headers.get('etag')).toBe(`"${read.data!.version + 1}"`);
    const stale = await updateLeadGradingSettings({
      client: admin.client,
      body: { deadAfterUntouchedDays: 30 },
      headers: { 'If-Match': etag },
    });
    expect(stale.response.status).toBe(412);
    expect(stale.error).toMatchObject({ code: 'VERSION_MISMATCH', currentVersion: read.data!.version + 1 });
    const after = (await getLeadGradingSettings({ client: admin.client })).data!;
    expect(after).toMatchObject({ deadAfterUntouchedDays: 120, version: read.data!.version + 1 });
    await restoreDefaults();
  });

  it.each<[string, UpdateLeadGradingSettingsDto, string[]]>([
    ['medium not below high', { cutOffs: { high: 50, medium: 50 } }, ['cutOffs.medium']],
    ['high above 100', { cutOffs: { high: 101 } }, ['cutOffs.high']],
    ['medium zero', { cutOffs: { medium: 0 } }, ['cutOffs.medium']],
    ['dead days zero', { deadAfterUntouchedDays: 0 }, ['deadAfterUntouchedDays']],
    ['dead days above 3650', { deadAfterUntouchedDays: 3651 }, ['deadAfterUntouchedDays']],
    [
      'negative or fractional points',
      { points: { perTouch: -1, sizeBand: { large: 2.5 } } },
      ['points.sizeBand.large', 'points.perTouch'],
    ],
  ])(
    'refuses grading settings with %s with 422 naming the field, writing nothing',
    async (_, body, fields) => {
      const before = (await getLeadGradingSettings({ client: admin.client })).data!;
      const { response, error } = await updateLeadGradingSettings({ client: admin.client, body });
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(error).toMatchObject({ code: 'LEAD_GRADING_SETTINGS_INVALID' });
      expect((error as { errors: { field: string }[] }).errors.map((entry) => entry.field)).toEqual(fields);
      expect((await getLeadGradingSettings({ client: admin.client })).data).toEqual(before);
    },
  );

  // Every setting is required: null is refused, not taken as “leave as it is” (a 400, as every null the
  // contract does not mark nullable).
  it.each<[string, UpdateLeadGradingSettingsDto, string[]]>([
    ['a null cut-off', { cutOffs: { high: null } } as never, ['cutOffs.high']],
    ['null dead days', { deadAfterUntouchedDays: null } as never, ['deadAfterUntouchedDays']],
    ['null groups', { cutOffs: null, points: { source: null } } as never, ['cutOffs', 'points.source']],
  ])(
    'refuses grading settings with %s with 400 naming the field, writing nothing',
    async (_, body, fields) => {
      const before = (await getLeadGradingSettings({ client: admin.client })).data!;
      const { response, error } = await updateLeadGradingSettings({ client: admin.client, body });
      expect(response.status).toBe(400);
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect((error as { errors: { field: string }[] }).errors.map((entry) => entry.field).sort()).toEqual(
        fields,
      );
      expect((await getLeadGradingSettings({ client: admin.client })).data).toEqual(before);
    },
  );

  it('refuses unknown fields and non-numbers in grading settings with 400', async () => {
    const unknown = await updateLeadGradingSettings({
      client: admin.client,
      body: { cutOffs: { low: 10 } } as never,
    });
    expect(unknown.response.status).toBe(400);
    const text = await updateLeadGradingSettings({
      client: admin.client,
      body: { points: { source: { referral: 'many' } } } as never,
    });
    expect(text.response.status).toBe(400);
    expect(text.error).toMatchObject({
      errors: [expect.objectContaining({ field: 'points.source.referral' })],
    });
  });

  it('records every change of the grading settings in the audit log with before and after', async () => {
    await change({ cutOffs: { high: 70 } });
    await restoreDefaults();
    const { data } = await listAuditLog({
      client: admin.client,
      query: { entityType: 'lead_grading_settings', limit: 100 },
    });
    const entries = data!.data;
    expect(entries.length).toBeGreaterThanOrEqual(2);
    const raised = entries.find(
      (entry) => (entry.after as { cutOffs?: { high?: number } } | null)?.cutOffs?.high === 70,
    );
    expect(raised).toMatchObject({ action: 'update', changedFields: ['cutOffs'], actorSubjectId: admin.id });
    expect(raised!.before).toMatchObject({ cutOffs: { high: 60, medium: 35 } });
  });
  it('grades all open leads in parts as one pass would', async () => {
    // Leads whose grades move on a refresh: aged past the dead window, aged into lower recency, or not
    // graded yet; one closed lead a pass leaves alone.
    const leads = [];
    for (let i = 0; i < 7; i++) leads.push(await newLead());
    await t.dataSource.query(
      `UPDATE leads SET last_activity_at = now() - (ord * 20) * interval '1 day',
              created_at = now() - (ord * 20 + 1) * interval '1 day', regrade_at = NULL
         FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, ord) WHERE leads.id = o.id`,
      [leads.map((lead) => lead.id)],
    );
    await t.dataSource.query(`UPDATE leads SET status = 'lost' WHERE id = $1`, [leads[6].id]);
    const grading = t.app.get(LeadGradingService);
    const state = () =>
      t.dataSource.query(
        `SELECT l.id, l.grade, l.score, l.score_factors, l.regrade_at, l.key_lead, l.version,
                (SELECT array_agg(a.grade_from || '>' || a.grade_to ORDER BY a.id) FROM lead_activities a
                  WHERE a.lead_id = l.id AND a.kind = 'grade_change') AS grade_changes
           FROM leads l ORDER BY l.id`,
      );
    const before = await state();

    // One pass (every open lead in one part), then undone.
    const rollback = new Error('rollback');
    let onePass: { regraded: number; dead: number } | undefined;
    let onePassState: unknown;
    await t.dataSource
      .transaction(async (em) => {
        onePass = await grading.regradeOpenLeads(em, null, 1_000_000);
        onePassState = await em.query(
          `SELECT l.id, l.grade, l.score, l.score_factors, l.regrade_at, l.key_lead, l.version,
                  (SELECT array_agg(a.grade_from || '>' || a.grade_to ORDER BY a.id) FROM lead_activities a
                    WHERE a.lead_id = l.id AND a.kind = 'grade_change') AS grade_changes
             FROM leads l ORDER BY l.id`,
        );
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
    expect(await state()).toEqual(before);

    // The same pass in parts of two leads.
    const inParts = await t.dataSource.transaction((em) => grading.regradeOpenLeads(em, null, 2));
    expect(inParts).toEqual(onePass);
    expect(onePass!.regraded).toBeGreaterThan(4);
    expect(onePass!.dead).toBeGreaterThan(0);
    expect(await state()).toEqual(onePassState);
    expect(onePassState).not.toEqual(before);
  });

  it('grades the leads due by the clock in parts as one pass would', async () => {
    const leads = [];
    for (let i = 0; i < 5; i++) leads.push(await newLead());
    await t.dataSource.query(
      `UPDATE leads SET last_activity_at = now() - (ord * 30) * interval '1 day',
              created_at = now() - (ord * 30 + 1) * interval '1 day', regrade_at = now() - interval '1 minute'
         FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, ord) WHERE leads.id = o.id`,
      [leads.map((lead) => lead.id)],
    );
    const grading = t.app.get(LeadGradingService);
    const due = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM leads
        WHERE status IN ('new', 'assigned', 'contacted', 'qualified', 'negotiating') AND merged_into_id IS NULL
          AND (regrade_at IS NULL OR regrade_at <= now())`,
    );
    const result = await t.dataSource.transaction((em) =>
      grading.regradeOpenLeadsDueToTime(em, null, new Date(), 2),
    );
    expect(result.examined).toBe(due[0].n);
    expect(result.dead).toBeGreaterThan(0);
    const grades: { grade: string; regrade_at: Date }[] = await t.dataSource.query(
      `SELECT grade, regrade_at FROM leads WHERE id = ANY($1::uuid[])`,
      [leads.map((lead) => lead.id)],
    );
    expect(grades.filter((row) => row.grade === 'dead').length).toBeGreaterThan(0);
    for (const row of grades) expect(row.regrade_at.getTime()).toBeGreaterThan(Date.now());
    // Nothing is due any more: a second pass grades nothing.
    const again = await t.dataSource.transaction((em) =>
      grading.regradeOpenLeadsDueToTime(em, null, new Date(), 2),
    );
    expect(again.examined).toBe(0);
  });
});
