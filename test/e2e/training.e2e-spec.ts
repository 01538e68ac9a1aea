import {
  createCurriculum,
  createKnowledgeArticle,
  createRep,
  enrolInCurriculum,
  getCurriculum,
  listAlerts,
  listCertifications,
  listCurriculumProgress,
  markCurriculumArticleRead,
  runCheck,
  takeCurriculumQuiz,
} from '../../openapi/sdk';
import type { CreateCurriculumDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { addDays, todayIn } from '../../src/common/calendar/working-days';
import { certificationExpiresOn } from '../../src/modules/knowledge/training.rules';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';
import { must } from '../support/must';

describe('Training and certification', () => {
  let t: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let vendorManagerA: TestUser;
  let repA: TestUser;
  let repA2: TestUser;
  let repB: TestUser;
  let repAId: string;
  let lineId: string;
  let articleId: string;
  let internalArticleId: string;

  const count = async (table: string) =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  /** Four questions, the right answers 1, 0, 2, 1; pass mark 75 %: three right pass, two do not. */
  const curriculum = (overrides: Partial<CreateCurriculumDto> = {}): CreateCurriculumDto => ({
    productLineId: lineId,
    title: 'Servo certification',
    requiredArticleIds: [articleId],
    questions: [
      { prompt: '量程选工作压力的几倍？', options: ['1', '1.5', '3'], correctOption: 1 },
      { prompt: 'Floor price may be undercut?', options: ['Only with approval', 'Always'], correctOption: 0 },
      { prompt: 'Premium room?', options: ['0 %', '5 %', '15 %'], correctOption: 2 },
      { prompt: 'Mi a garancia?', options: ['1 év', '2 év'], correctOption: 1 },
    ],
    passMarkPct: 75,
    validityMonths: 12,
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    manager = await t.signIn(Role.SALES_MANAGER);
    const fx = vendorFixtures(manager.client);
    lineId = (await fx.productLine()).id;
    const unitId = (await fx.salesUnit()).id;
    const vendorA = (await fx.vendor(unitId)).id;
    const vendorB = (await fx.vendor(unitId)).id;
    const rep = async (vendorId: string) =>
      must(
        await createRep({
          client: manager.client,
          body: { vendorId, fullName: 'Rep', grade: 'B', capacity: 20, timezone: 'Europe/Budapest' },
        }),
      ).id;
    repAId = await rep(vendorA);
    const repA2Id = await rep(vendorA);
    const repBId = await rep(vendorB);
    vendorManagerA = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendorA });
    repA = await t.signIn(Role.REP, { vendorId: vendorA, repId: repAId });
    repA2 = await t.signIn(Role.REP, { vendorId: vendorA, repId: repA2Id });
    repB = await t.signIn(Role.REP, { vendorId: vendorB, repId: repBId });
    articleId = must(
      await createKnowledgeArticle({
        client: manager.client,
        body: {
          kind: 'article',
          title: 'Servo basics',
          body: '…',
          audience: 'all_vendors',
          productLineId: lineId,
        },
      }),
    ).id;
    internalArticleId = must(
      await createKnowledgeArticle({
        client: manager.client,
        body: { kind: 'article', title: 'Internal', body: '…', audience: 'internal' },
      }),
    ).id;
  });
  afterAll(() => t.close());

  it('a curriculum’s answers are shown to company roles only', async () => {
    const created = must(await createCurriculum({ client: manager.client, body: curriculum() }));
    expect(created.questions.map((q) => q.correctOption)).toEqual([1, 0, 2, 1]);
    const asRep = must(await getCurriculum({ client: repA.client, path: { id: created.id } }));
    expect(asRep.questions.map((q) => q.correctOption)).toEqual([null, null, null, null]);
  });

  it('a required article reps cannot read is 422 CURRICULUM_ARTICLE_INVALID; a vendor manager cannot create one (403)', async () => {
    const before = await count('curricula');
    const internal = await createCurriculum({
      client: manager.client,
      body: curriculum({ requiredArticleIds: [internalArticleId] }),
    });
    expect(internal.response.status).toBe(422);
    expect(internal.error).toMatchObject({ code: 'CURRICULUM_ARTICLE_INVALID' });
    const badAnswer = await createCurriculum({
      client: manager.client,
      body: curriculum({ questions: [{ prompt: 'Q', options: ['a', 'b'], correctOption: 3 }] }),
    });
    expect(badAnswer.response.status).toBe(400);
    const asVendor = await createCurriculum({ client: vendorManagerA.client, body: curriculum() });
    expect(asVendor.response.status).toBe(403);
    expect(await count('curricula')).toBe(before);
  });

  it('a quiz answer for a curriculum one is not enrolled in is 422 CURRICULUM_NOT_ENROLLED, nothing written', async () => {
    const { id } = must(await createCurriculum({ client: manager.client, body: curriculum() }));
    const before = await count('certifications');
    const result = await takeCurriculumQuiz({
      client: repB.client,
      path: { id },
      body: { answers: [1, 0, 2, 1] },
    });
    expect(result.response.status).toBe(422);
    expect(result.error).toMatchObject({ code: 'CURRICULUM_NOT_ENROLLED' });
    expect(await count('certifications')).toBe(before);
    expect(await count('curriculum_enrolments')).toBe(0);
  });

  it('the quiz opens once the required articles are read; 2 of 4 fails, 3 of 4 certifies for 12 months', async () => {
    const { id } = must(await createCurriculum({ client: manager.client, body: curriculum() }));
    expect(must(await enrolInCurriculum({ client: repA.client, path: { id } }))).toMatchObject({
      articlesLeft: 1,
      attempts: 0,
    });
    const early = await takeCurriculumQuiz({
      client: repA.client,
      path: { id },
      body: { answers: [1, 0, 2, 1] },
    });
    expect(early.response.status).toBe(422);
    expect(early.error).toMatchObject({ code: 'CURRICULUM_ARTICLES_UNREAD', unreadArticleIds: [articleId] });

    const read = must(
      await markCurriculumArticleRead({ client: repA.client, path: { id }, body: { articleId } }),
    );
    expect(read.articlesLeft).toBe(0);

    const failed = must(
      await takeCurriculumQuiz({ client: repA.client, path: { id }, body: { answers: [1, 0, 0, 0] } }),
    );
    expect(failed).toMatchObject({ correct: 2, total: 4, scorePct: 50, passed: false, certification: null });

    const passed = must(
      await takeCurriculumQuiz({ client: repA.client, path: { id }, body: { answers: [1, 0, 2, 0] } }),
    );
    const today = todayIn('Europe/Budapest');
    expect(passed).toMatchObject({ correct: 3, scorePct: 75, passed: true });
    expect(passed.progress).toMatchObject({ attempts: 2, bestScorePct: 75, passedOn: today });
    expect(passed.certification).toMatchObject({
      repId: repAId,
      productLineId: lineId,
      passedOn: today,
      expiresOn: certificationExpiresOn(today, 12),
    });

    const valid = must(
      await listCertifications({ client: manager.client, query: { productLineId: lineId, validOn: today } }),
    ).data;
    expect(valid.map((c) => c.repId)).toEqual([repAId]);
    const afterExpiry = must(
      await listCertifications({
        client: manager.client,
        query: { productLineId: lineId, validOn: '2099-01-01' },
      }),
    ).data;
    expect(afterExpiry).toEqual([]);
  });

  it('progress: a vendor manager sees their reps, a rep their own, another vendor nobody', async () => {
    const { id } = must(await createCurriculum({ client: manager.client, body: curriculum() }));
    must(await enrolInCurriculum({ client: repA.client, path: { id } }));
    must(await enrolInCurriculum({ client: repA2.client, path: { id } }));
    must(await enrolInCurriculum({ client: repB.client, path: { id } }));
    const reps = async (user: TestUser) =>
      must(await listCurriculumProgress({ client: user.client, path: { id } })).data.length;
    expect(await reps(manager)).toBe(3);
    expect(await reps(vendorManagerA)).toBe(2);
    expect(await reps(repA2)).toBe(1);
    expect(must(await listCertifications({ client: repB.client })).data).toEqual([]);
  });

  it('certification_expiring warns the rep 30 days before expiry, critical in the last 7, quiet before', async () => {
    const certification = must(await listCertifications({ client: manager.client, query: { repId: repAId } }))
      .data[0];
    const { expiresOn } = certification;
    const run = (daysBefore: number) =>
      runCheck({
        client: admin.client,
        path: { name: 'certification_expiring' },
        body: { asOf: `${addDays(expiresOn, -daysBefore)}T09:00:00Z` },
      });
    const alert = async () =>
      must(await listAlerts({ client: manager.client, query: { type: 'certification_expiring' } })).data.find(
        (a) => a.subjectId === certification.id,
      );
    must(await run(31));
    expect(await alert()).toBeUndefined();
    must(await run(20));
    expect(await alert()).toMatchObject({
      subjectType: 'certification',
      severity: 'warning',
      level: 'rep',
      repId: repAId,
    });
    must(await run(3));
    expect(await alert()).toMatchObject({ severity: 'critical' });
  });
});
