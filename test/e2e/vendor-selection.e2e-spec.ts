import {
  compareVendorCandidates,
  createVendorCandidate,
  decideVendorCandidate,
  getSelectionCriteria,
  getVendor,
  getVendorCandidate,
  rateVendorCandidate,
  updateSelectionCriteria,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { routingFixtures } from '../support/routing-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

describe('Vendor selection: candidates scored on weighted criteria, compared, and decided with a reason', () => {
  let t: TestApp;
  let admin: TestUser;
  let unitId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    unitId = (await routingFixtures(admin.client).salesUnit()).id;
  });
  afterAll(() => t.close());

  const candidate = async (name: string) =>
    (
      await createVendorCandidate({
        client: admin.client,
        body: {
          name,
          kind: 'agency',
          countryCode: 'hu',
          timezone: 'Europe/Budapest',
          contactName: 'Kovács Anna',
        },
      })
    ).data!;

  it('criteria weights that do not sum to 100 % are refused', async () => {
    const before = (await getSelectionCriteria({ client: admin.client })).data!;
    const refused = await updateSelectionCriteria({
      client: admin.client,
      body: {
        weights: {
          industryExperience: 30,
          skills: 20,
          customerReferences: 15,
          serviceQuality: 20,
          technicalCapability: 15,
          price: 10,
        },
      },
    });
    expect(refused.response.status).toBe(422);
    expect(refused.error).toMatchObject({
      code: 'SELECTION_WEIGHTS_INVALID',
      errors: [{ field: 'weights', message: 'must sum to 100 %, they sum to 110 %' }],
    });
    // Nothing written: the defaults are still in force.
    const after = (await getSelectionCriteria({ client: admin.client })).data!;
    expect(after).toEqual(before);
    expect(after.weights).toEqual({
      industryExperience: 20,
      skills: 20,
      customerReferences: 15,
      serviceQuality: 20,
      technicalCapability: 15,
      price: 10,
    });
  });

  it('scores a candidate as Σ rating × weight / 10 and ranks candidates side by side', async () => {
    const a = await candidate('Alpha Sales Kft.');
    const b = await candidate('Beta Outsourcing Zrt.');
    await rateVendorCandidate({
      client: admin.client,
      path: { id: a.id },
      body: {
        industryExperience: 8,
        skills: 7,
        customerReferences: 9,
        serviceQuality: 6,
        technicalCapability: 8,
        price: 5,
      },
    });
    await rateVendorCandidate({
      client: admin.client,
      path: { id: b.id },
      body: {
        industryExperience: 6,
        skills: 9,
        customerReferences: 7,
        serviceQuality: 8,
        technicalCapability: 7,
        price: 9,
      },
    });
    // By hand, default weights 20/20/15/20/15/10:
    //   Alpha: 16 + 14 + 13.5 + 12 + 12 + 5   = 72.5
    //   Beta:  12 + 18 + 10.5 + 16 + 10.5 + 9 = 76
    const compared = (
      await compareVendorCandidates({ client: admin.client, body: { candidateIds: [a.id, b.id] } })
    ).data!;
    expect(compared.candidates.map((c) => [c.name, c.total, c.rank])).toEqual([
      ['Beta Outsourcing Zrt.', 76, 1],
      ['Alpha Sales Kft.', 72.5, 2],
    ]);
    expect(
      compared.candidates[1].criteria.map((c) => [c.criterion, c.rating, c.weightPercent, c.contribution]),
    ).toEqual([
      ['industryExperience', 8, 20, 16],
      ['skills', 7, 20, 14],
      ['customerReferences', 9, 15, 13.5],
      ['serviceQuality', 6, 20, 12],
      ['technicalCapability', 8, 15, 12],
      ['price', 5, 10, 5],
    ]);

    // Price weighs more: 10/10/15/20/15/30 → Alpha 8+7+13.5+12+12+15 = 67.5, Beta 6+9+10.5+16+10.5+27 = 79.
    const criteria = (await getSelectionCriteria({ client: admin.client })).data!;
    await updateSelectionCriteria({
      client: admin.client,
      headers: { 'if-match': `"${criteria.version}"` },
      body: {
        weights: {
          industryExperience: 10,
          skills: 10,
          customerReferences: 15,
          serviceQuality: 20,
          technicalCapability: 15,
          price: 30,
        },
      },
    });
    expect((await getVendorCandidate({ client: admin.client, path: { id: a.id } })).data!.score).toBe(67.5);
    expect((await getVendorCandidate({ client: admin.client, path: { id: b.id } })).data!.score).toBe(79);
  });

  it('selecting a candidate creates an onboarding vendor', async () => {
    const c = await candidate('Gamma Partners Bt.');
    const select = () =>
      decideVendorCandidate({
        client: admin.client,
        path: { id: c.id },
        body: { status: 'selected', reason: 'Best score', salesUnitId: unitId, tier: 'silver' },
      });
    // Selection comes from the shortlist only.
    const early = await select();
    expect(early.response.status).toBe(409);
    expect(early.error).toMatchObject({
      code: 'CANDIDATE_STATUS_TRANSITION_INVALID',
      currentStatus: 'candidate',
    });

    await decideVendorCandidate({
      client: admin.client,
      path: { id: c.id },
      body: { status: 'shortlisted', reason: 'Strong references' },
    });
    const selected = (await select()).data!;
    expect(selected.status).toBe('selected');
    expect(selected.decisions.map((d) => [d.status, d.reason, d.decidedById])).toEqual([
      ['shortlisted', 'Strong references', admin.id],
      ['selected', 'Best score', admin.id],
    ]);
    const vendor = (await getVendor({ client: admin.client, path: { id: selected.vendorId! } })).data!;
    expect(vendor).toMatchObject({
      name: 'Gamma Partners Bt.',
      kind: 'agency',
      tier: 'silver',
      status: 'onboarding',
      countryCode: 'HU',
      timezone: 'Europe/Budapest',
      salesUnitId: unitId,
      contactName: 'Kovács Anna',
    });
    // The decision is final.
    const again = await decideVendorCandidate({
      client: admin.client,
      path: { id: c.id },
      body: { status: 'rejected', reason: 'Changed our mind' },
    });
    expect(again.response.status).toBe(409);
  });

  it('selecting with an unknown sales unit writes nothing: no vendor, candidate still shortlisted', async () => {
    const c = await candidate('Delta Sales Kft.');
    await decideVendorCandidate({
      client: admin.client,
      path: { id: c.id },
      body: { status: 'shortlisted', reason: 'Worth a look' },
    });
    const refused = await decideVendorCandidate({
      client: admin.client,
      path: { id: c.id },
      body: {
        status: 'selected',
        reason: 'Go',
        salesUnitId: '00000000-0000-4000-8000-000000000000',
        tier: 'gold',
      },
    });
    expect(refused.response.status).toBe(422);
    expect(refused.error).toMatchObject({ code: 'SALES_UNIT_UNKNOWN' });
    const after = (await getVendorCandidate({ client: admin.client, path: { id: c.id } })).data!;
    expect(after).toMatchObject({ status: 'shortlisted', vendorId: null });
    expect(after.decisions).toHaveLength(1);
  });

  it('keeps candidates company-only: a vendor manager is refused', async () => {
    const c = await candidate('Epsilon Kft.');
    const vendor = await routingFixtures(admin.client).vendor(unitId);
    const manager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendor.id });
    const read = await getVendorCandidate({ client: manager.client, path: { id: c.id } });
    expect(read.response.status).toBe(403);
    const create = await createVendorCandidate({
      client: manager.client,
      body: { name: 'Sneaky', kind: 'agency', countryCode: 'CN', timezone: 'Asia/Shanghai' },
    });
    expect(create.response.status).toBe(403);
  });
});
