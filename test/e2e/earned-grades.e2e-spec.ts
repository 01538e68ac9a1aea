import { randomUUID } from 'node:crypto';
import {
  assignLead,
  computeScores,
  createCsatResponse,
  getGrade,
  getRep,
  getVendor,
  reviseScorecardDefinition,
  runCheck,
  setGradeOverride,
  updateGradeWeights,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { routingFixtures } from '../support/routing-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { must } from '../support/must';

/**
 * The rep scorecard is revised to CSAT alone, 0 points at a rating of 0 and 100 at 5: a month's score is
 * 20 × its average rating (4 → 80, B; 4, 4, 5 → 86.67, band A but short of 85 + 3; 3, 4 → 70).
 * Bands A ≥ 85, B ≥ 70, C ≥ 50. The agency scorecard scores the vendor's CSAT from 1 (0) to 5 (100).
 */
describe('Earned grades: hysteresis, overrides and routing weights', () => {
  let t: TestApp;
  let manager: TestUser;
  let fx: ReturnType<typeof routingFixtures>;
  let hysteresisVendorId: string;
  let repH: string;
  let repP: string;
  let repQ: string;
  let routingVendorId: string;

  const rate = async (repId: string, month: string, ratings: number[]) => {
    for (const [i, rating] of ratings.entries())
      must(
        await createCsatResponse({
          client: manager.client,
          body: { repId, contractId: randomUUID(), rating, answeredAt: `${month}-1${i}T10:00:00Z` },
        }),
      );
  };
  const closeMonth = async (month: string) => {
    const computed = must(await computeScores({ client: manager.client, query: { period: month } }));
    expect(computed.status).toBe('final');
  };
  const gradeOf = async (repId: string) =>
    must(await getGrade({ client: manager.client, path: { subject: 'rep', subjectId: repId } }));
  const repGrade = async (repId: string) =>
    must(await getRep({ client: manager.client, path: { id: repId } })).grade;
  const events = async (type: string, key: string, id: string) =>
    (
      await t.dataSource.query<{ payload: { from: string; to: string; cause: string } }[]>(
        `SELECT payload FROM webhook_events WHERE event_type = $1 AND payload->>$2 = $3 ORDER BY occurred_at, id`,
        [type, key, id],
      )
    ).map((row) => `${row.payload.from}→${row.payload.to} ${row.payload.cause}`);

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    fx = routingFixtures(manager.client);
    const unitId = (await fx.salesUnit()).id;
    const guangdong = (await fx.leadRegion('CN-GD')).id;
    must(
      await reviseScorecardDefinition({
        client: manager.client,
        path: { audience: 'rep' },
        body: {
          kpis: [{ kpi: 'csat', weightPercent: 100, zeroPoint: 0, hundredPoint: 5 }],
          gradeBands: { A: 85, B: 70, C: 50 },
        },
      }),
    );
    hysteresisVendorId = (await fx.vendor(unitId)).id;
    repH = (await fx.rep(hysteresisVendorId, { grade: 'B' })).id;
    routingVendorId = (await fx.vendorInScope(unitId, { regionIds: [guangdong] })).id;
    // P fits the leads better (tags), Q has the better typed grade.
    repP = (await fx.rep(routingVendorId, { grade: 'B', tags: ['t-eg', 'x-eg'] })).id;
    repQ = (await fx.rep(routingVendorId, { grade: 'A', tags: [] })).id;
    await fx.rule({
      name: 'earned grades best fit',
      filter: { tags: ['t-eg'] },
      targetKind: 'vendor',
      targetVendorIds: [routingVendorId],
      strategy: 'best_fit',
    });
    await rate(repH, '2026-01', [4]);
    await rate(repP, '2026-01', [1]);
    await rate(repQ, '2026-01', [5]);
  });
  afterAll(() => t.close());

  const routeNewLead = async () => {
    const lead = await fx.lead({ tags: ['t-eg', 'x-eg'], industryCode: 'retail', regionCode: 'CN-GD' });
    return must(await assignLead({ client: manager.client, path: { id: lead.id } }));
  };

  it('the grade change moves routing weights (a best-fit choice that changes with it)', async () => {
    // Typed grades: P (1 + 2 tags) × B 3 = 9 beats Q 1 × A 4 = 4.
    const before = await routeNewLead();
    expect(before.chosenRepId).toBe(repP);
    expect(before.candidates).toEqual([
      expect.objectContaining({ repId: repP, score: 9, weight: 3 }),
      expect.objectContaining({ repId: repQ, score: 4, weight: 4 }),
    ]);

    // January closes: P's CSAT of 1 scores 20 (D), Q's 5 scores 100 (A); first months take their band.
    await closeMonth('2026-01');
    expect(await repGrade(repP)).toBe('D');
    expect(await repGrade(repQ)).toBe('A');
    const after = await routeNewLead();
    // P 3 × D 1 = 3 now loses to Q 1 × A 4 = 4.
    expect(after.chosenRepId).toBe(repQ);
    expect(after.candidates).toEqual([
      expect.objectContaining({ repId: repQ, score: 4, weight: 4 }),
      expect.objectContaining({ repId: repP, score: 3, weight: 1 }),
    ]);
    expect(await events('rep.grade_changed', 'repId', repP)).toEqual(['B→D earned']);
    expect(await events('rep.grade_changed', 'repId', repQ)).toEqual([]);

    // The weight table is routing's setting: turned upside down, P's D (4) × 3 = 12 beats Q's A (1) × 1.
    const weights = must(
      await updateGradeWeights({ client: manager.client, body: { A: 1, B: 2, C: 3, D: 4 } }),
    );
    expect(weights).toEqual({ A: 1, B: 2, C: 3, D: 4, revision: 1 });
    const reweighted = await routeNewLead();
    expect(reweighted.chosenRepId).toBe(repP);
    expect(reweighted.candidates[0]).toMatchObject({ repId: repP, score: 12, weight: 4 });
    must(await updateGradeWeights({ client: manager.client, body: { A: 4, B: 3, C: 2, D: 1 } }));
  });

  it('hysteresis keeps a grade that crosses a boundary once', async () => {
    // January: 80 → B. February 86.67: band A, short of 88 → B. March 80 → B. April 86.67 → B (March was B).
    // May 86.67 again: band A two months in a row → A. June 70: below 85 − 3 at once → B.
    const plan: [string, number[], string][] = [
      ['2026-02', [4, 4, 5], 'B'],
      ['2026-03', [4], 'B'],
      ['2026-04', [4, 4, 5], 'B'],
      ['2026-05', [4, 4, 5], 'A'],
      ['2026-06', [3, 4], 'B'],
    ];
    expect((await gradeOf(repH)).earnedGrade).toBe('B');
    for (const [month, ratings, expected] of plan) {
      await rate(repH, month, ratings);
      await closeMonth(month);
      const grade = await gradeOf(repH);
      expect({ month, earned: grade.earnedGrade, inForce: grade.grade }).toEqual({
        month,
        earned: expected,
        inForce: expected,
      });
      expect(await repGrade(repH)).toBe(expected);
    }
    const history = (await gradeOf(repH)).history.map(
      (change) => `${change.period} ${change.from}→${change.to}`,
    );
    expect(history).toEqual(['2026-06 A→B', '2026-05 B→A', '2026-01 null→B']);
    // The rep was typed B, so January's B changed nothing the ERP needs to hear about.
    expect(await events('rep.grade_changed', 'repId', repH)).toEqual(['B→A earned', 'A→B earned']);
    // The vendor (CSAT 1 → 0, 5 → 100) held B (gold) until June's 3.5 → 62.5 fell below 70 − 3: C, silver.
    expect(
      must(
        await getGrade({
          client: manager.client,
          path: { subject: 'vendor', subjectId: hysteresisVendorId },
        }),
      ),
    ).toMatchObject({ grade: 'C', tier: 'silver', earnedGrade: 'C', lastPeriod: '2026-06' });
    expect(must(await getVendor({ client: manager.client, path: { id: hysteresisVendorId } })).tier).toBe(
      'silver',
    );
    expect(await events('vendor.tier_changed', 'vendorId', hysteresisVendorId)).toEqual([
      'gold→silver earned',
    ]);
  });

  it('an override that expires falls back to the earned grade', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const inTwoDays = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const path = { subject: 'rep' as const, subjectId: repH };

    const noReason = await setGradeOverride({
      client: manager.client,
      path,
      body: { grade: 'A', expiresOn: tomorrow },
    });
    expect(noReason.response.status).toBe(422);
    expect(noReason.error).toMatchObject({ code: 'GRADE_OVERRIDE_INVALID' });
    const expiredAlready = await setGradeOverride({
      client: manager.client,
      path,
      body: { grade: 'A', reason: 'Covers the key account', expiresOn: today },
    });
    expect(expiredAlready.response.status).toBe(422);
    expect(await repGrade(repH)).toBe('B');

    const overridden = must(
      await setGradeOverride({
        client: manager.client,
        path,
        body: { grade: 'A', reason: 'Covers the key account alone', expiresOn: tomorrow },
      }),
    );
    expect(overridden).toMatchObject({
      grade: 'A',
      earnedGrade: 'B',
      override: { grade: 'A', reason: 'Covers the key account alone', expiresOn: tomorrow },
    });
    expect(await repGrade(repH)).toBe('A');

    // The scheduler's pass the day after the expiry day clears it: the earned B applies again.
    must(
      await runCheck({
        client: (await t.signIn(Role.ADMIN)).client,
        path: { name: 'scores_recompute' },
        body: { asOf: inTwoDays },
      }),
    );
    const after = await gradeOf(repH);
    expect(after).toMatchObject({ grade: 'B', earnedGrade: 'B', override: null });
    expect(after.history.slice(0, 2).map((change) => `${change.cause} ${change.from}→${change.to}`)).toEqual([
      'override_expired A→B',
      'override B→A',
    ]);
    expect(await repGrade(repH)).toBe('B');
    expect((await events('rep.grade_changed', 'repId', repH)).slice(-2)).toEqual([
      'B→A override',
      'A→B override_expired',
    ]);
  });

  it('shows a rep their own grade only and a vendor manager their vendor’s and its reps’', async () => {
    const rep = await t.signIn(Role.REP, { vendorId: hysteresisVendorId, repId: repH });
    const own = await getGrade({ client: rep.client, path: { subject: 'rep', subjectId: repH } });
    expect(own.data?.grade).toBe('B');
    const peer = await getGrade({ client: rep.client, path: { subject: 'rep', subjectId: repP } });
    expect(peer.response.status).toBe(404);
    const otherManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: routingVendorId });
    const vendorPath = { subject: 'vendor' as const, subjectId: routingVendorId };
    expect((await getGrade({ client: otherManager.client, path: vendorPath })).response.status).toBe(200);
    expect(
      (await getGrade({ client: otherManager.client, path: { subject: 'rep', subjectId: repH } })).response
        .status,
    ).toBe(404);
    const write = await setGradeOverride({
      client: otherManager.client,
      path: vendorPath,
      body: { grade: 'A', reason: 'Self-promotion', expiresOn: '2099-01-01' },
    });
    expect(write.response.status).toBe(403);
  });
});
