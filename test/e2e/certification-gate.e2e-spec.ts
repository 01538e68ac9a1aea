import {
  assignLead,
  changeVendorStatus,
  claimPoolLead,
  createLeadPool,
  createCurriculum,
  createKnowledgeArticle,
  enrolInCurriculum,
  getVendorEffectiveScope,
  getVendorOnboardingChecklist,
  listLeadActivities,
  listLeadAssignmentDecisions,
  markCurriculumArticleRead,
  overrideLeadAssignment,
  takeCurriculumQuiz,
} from '../../openapi/sdk';
import type { AssignmentDecisionDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { routingFixtures } from '../support/routing-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { must } from '../support/must';

describe('Certification gate: an agreement that requires it lets only certified reps take leads', () => {
  let t: TestApp;
  let admin: TestUser;
  let fx: ReturnType<typeof routingFixtures>;
  let unitId: string;
  let line: string;
  let curriculumId: string;
  let articleId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    fx = routingFixtures(admin.client);
    unitId = (await fx.salesUnit()).id;
    line = (await fx.productLine()).id;
    articleId = must(
      await createKnowledgeArticle({
        client: admin.client,
        body: {
          kind: 'article',
          title: 'Servo basics',
          body: '…',
          audience: 'all_vendors',
          productLineId: line,
        },
      }),
    ).id;
    // Two questions, right answers 1 and 0; pass mark 50 %.
    curriculumId = must(
      await createCurriculum({
        client: admin.client,
        body: {
          productLineId: line,
          title: 'Servo certification',
          requiredArticleIds: [articleId],
          questions: [
            { prompt: 'Range?', options: ['1×', '1.5×'], correctOption: 1 },
            {
              prompt: 'Floor price may be undercut?',
              options: ['Only with approval', 'Always'],
              correctOption: 0,
            },
          ],
          passMarkPct: 50,
          validityMonths: 12,
        },
      }),
    ).id;
  });
  afterAll(() => t.close());

  /** The rep reads the required article and passes the quiz: certified for `line` from today. */
  const certify = async (vendorId: string, repId: string, signedIn?: TestUser) => {
    const rep = signedIn ?? (await t.signIn(Role.REP, { vendorId, repId }));
    must(await enrolInCurriculum({ client: rep.client, path: { id: curriculumId } }));
    must(
      await markCurriculumArticleRead({
        client: rep.client,
        path: { id: curriculumId },
        body: { articleId },
      }),
    );
    const outcome = must(
      await takeCurriculumQuiz({ client: rep.client, path: { id: curriculumId }, body: { answers: [1, 0] } }),
    );
    expect(outcome).toMatchObject({ passed: true, certification: { repId, productLineId: line } });
  };
  const route = async (leadId: string): Promise<AssignmentDecisionDto> =>
    must(await assignLead({ client: admin.client, path: { id: leadId } }));

  /** A vendor in scope for `line` with an A rep (weight 4) and a D rep (weight 1), and a best-fit rule. */
  const world = async (tag: string, requiresCertification: boolean) => {
    const vendor = await fx.vendor(unitId);
    await fx.agreement(vendor.id, {
      productLineIds: [line],
      industryCodes: ['retail'],
      requiresCertification,
    });
    const strong = await fx.rep(vendor.id, { grade: 'A' });
    const weak = await fx.rep(vendor.id, { grade: 'D' });
    await fx.rule({
      name: tag,
      filter: { tags: [tag] },
      targetKind: 'vendor',
      targetVendorIds: [vendor.id],
      strategy: 'best_fit',
    });
    return { vendor, strong, weak, lead: () => fx.lead({ tags: [tag], productLineIds: [line] }) };
  };

  it('the certification gate changes a routing decision', async () => {
    const { vendor, strong, weak, lead } = await world('t-cert', true);
    const scope = must(await getVendorEffectiveScope({ client: admin.client, path: { id: vendor.id } }));
    expect(scope.requiresCertification).toBe(true);

    // Nobody certified yet: both reps are left out, the lead stays unassigned.
    const none = await route((await lead()).id);
    expect(none).toMatchObject({ outcome: 'unassigned', chosenRepId: null });
    expect(none.excludedByReason).toEqual({ not_certified: 2 });

    // The D rep certified: best fit would pick the A rep (1 × 4 against 1 × 1), the gate leaves it out.
    await certify(vendor.id, weak.id);
    const first = await route((await lead()).id);
    expect(first.chosenRepId).toBe(weak.id);
    expect(first.excluded).toEqual([{ repId: strong.id, vendorId: vendor.id, reasons: ['not_certified'] }]);

    // Once the A rep passes the quiz, the same kind of lead goes to them: 4 against 1.
    await certify(vendor.id, strong.id);
    const second = await route((await lead()).id);
    expect(second.chosenRepId).toBe(strong.id);
    expect(second.excluded).toEqual([]);
    expect(second.candidates.map((c) => [c.repId, c.score])).toEqual([
      [strong.id, 4],
      [weak.id, 1],
    ]);
  });

  it('an agreement that does not require certification routes as before', async () => {
    const { vendor, strong, lead } = await world('t-free', false);
    const scope = must(await getVendorEffectiveScope({ client: admin.client, path: { id: vendor.id } }));
    expect(scope.requiresCertification).toBe(false);
    const decision = await route((await lead()).id);
    expect(decision.chosenRepId).toBe(strong.id);
    expect(decision.excluded).toEqual([]);
  });

  it('activating a vendor whose agreement requires certification is refused until a rep is certified', async () => {
    const vendor = await fx.vendor(unitId, {}, false);
    await fx.agreement(vendor.id, {
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
      ndaSignedOn: '2025-12-15',
      productLineIds: [line],
      requiresCertification: true,
    });
    const rep = await fx.rep(vendor.id);
    // The rep's login (the sign-in creates it) completes the other items.
    const repUser = await t.signIn(Role.REP, { vendorId: vendor.id, repId: rep.id });
    const activate = () =>
      changeVendorStatus({
        client: admin.client,
        path: { id: vendor.id },
        body: { status: 'active', reason: 'Go live' },
      });

    const refused = await activate();
    expect(refused.response.status).toBe(422);
    expect(refused.error).toMatchObject({ code: 'VENDOR_ONBOARDING_INCOMPLETE', missing: ['rep_certified'] });
    const open = must(await getVendorOnboardingChecklist({ client: admin.client, path: { id: vendor.id } }));
    expect(open.items.at(-1)).toEqual({
      item: 'rep_certified',
      done: false,
      detail: "0 of 1 active rep(s) certified for the agreement's product lines",
    });

    await certify(vendor.id, rep.id, repUser);
    const done = must(await getVendorOnboardingChecklist({ client: admin.client, path: { id: vendor.id } }));
    expect(done).toMatchObject({ complete: true, missing: [] });
    expect(must(await activate()).status).toBe('active');
  });

  it('a rep claims from the pool only leads they are certified for', async () => {
    const { vendor, strong } = await world('t-cert-pool', true);
    const pool = must(
      await createLeadPool({
        client: admin.client,
        body: {
          name: 'Certification pool',
          noFollowUpDays: { key: 30, high: 30, medium: 30, low: 30 },
          holdingCap: 10,
          dailyClaimLimit: 10,
        },
      }),
    );
    await fx.rule({
      name: 'to the pool',
      filter: { tags: ['t-cert-pooled'] },
      targetKind: 'pool',
      targetPoolId: pool.id,
      strategy: 'best_fit',
    });
    const lead = await fx.lead({ tags: ['t-cert-pooled'], productLineIds: [line] });
    expect((await route(lead.id)).outcome).toBe('pooled');

    const rep = await t.signIn(Role.REP, { vendorId: vendor.id, repId: strong.id });
    const claim = () => claimPoolLead({ client: rep.client, path: { id: pool.id, leadId: lead.id } });
    const refused = await claim();
    expect(refused.response.status).toBe(409);
    expect(refused.error).toMatchObject({ code: 'LEAD_NOT_ELIGIBLE', reasons: ['not_certified'] });

    await certify(vendor.id, strong.id, rep);
    const claimed = await claim();
    expect(claimed.error).toBeUndefined();
  });

  it('a manual assignment to an uncertified rep is refused unless a company manager overrides the gate, and the override is recorded', async () => {
    const { vendor, strong, weak, lead } = await world('t-cert-manual', true);
    await certify(vendor.id, weak.id);
    const leadId = (await lead()).id;
    const override = (client: TestUser['client'], repId: string, overrideCertification?: boolean) =>
      overrideLeadAssignment({
        client,
        path: { id: leadId },
        body: { repId, reason: 'Customer asked for this rep', overrideCertification },
      });

    // The A rep holds no certification for the lead's product line: 422, nothing written.
    const refused = await override(admin.client, strong.id);
    expect(refused.response.status).toBe(422);
    expect(refused.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.error).toMatchObject({
      code: 'REP_NOT_CERTIFIED',
      repId: strong.id,
      productLineIds: [line],
    });
    expect(
      must(await listLeadAssignmentDecisions({ client: admin.client, path: { id: leadId } })).data,
    ).toEqual([]);

    // The certified D rep is given it by hand with no flag at all; the lead is now the vendor's.
    expect(must(await override(admin.client, weak.id)).chosenRepId).toBe(weak.id);

    // Its vendor manager cannot move it to the uncertified rep (422), nor pass the gate by asking (403).
    const vendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendor.id });
    expect((await override(vendorManager.client, strong.id)).error).toMatchObject({
      code: 'REP_NOT_CERTIFIED',
    });
    const forbidden = await override(vendorManager.client, strong.id, true);
    expect(forbidden.response.status).toBe(403);
    expect(forbidden.error).toMatchObject({ code: 'CERTIFICATION_OVERRIDE_FORBIDDEN' });

    // A sales manager who says so explicitly does: the decision log and the history name what was passed.
    const salesManager = await t.signIn(Role.SALES_MANAGER);
    const passed = must(await override(salesManager.client, strong.id, true));
    expect(passed).toMatchObject({ trigger: 'manual', outcome: 'assigned', chosenRepId: strong.id });
    expect(passed.explanation).toMatch(
      new RegExp(
        `^Manual override past the certification gate \\(not certified for ${line}\\) by .+: Customer asked for this rep$`,
      ),
    );
    const history = must(await listLeadActivities({ client: admin.client, path: { id: leadId } })).data;
    const assignment = history.find(
      (entry) => entry.kind === 'assignment' && entry.details?.ownerRepId === strong.id,
    );
    expect(assignment?.details).toMatchObject({
      certificationOverride: { uncertifiedProductLineIds: [line], by: salesManager.id },
    });
  });
});
