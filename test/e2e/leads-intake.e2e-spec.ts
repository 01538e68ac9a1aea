import {
  changeLeadStatus,
  createLead,
  getLead,
  importCustomers,
  listLeadActivities,
  listRegions,
} from '../../openapi/sdk';
import type { CreateLeadDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { routingFixtures } from '../support/routing-fixtures';
import { createRegionsByCode } from '../support/vendor-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

describe('Lead intake and dedupe', () => {
  let t: TestApp;
  let manager: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    await createRegionsByCode(manager.client, ['CN-GD', 'HU-BU']);
  });
  afterAll(() => t.close());

  const countLeads = async () => Number((await t.dataSource.query('SELECT count(*) FROM leads'))[0].count);

  it('takes in a lead with normalised keys, unassigned, graded with its factors', async () => {
    // A vendor that can take leads covers Guangdong and manufacturing, so both earn their points.
    const fx = routingFixtures(manager.client);
    const regions = (await listRegions({ client: manager.client, query: { limit: 200 } })).data!.data;
    await fx.vendorInScope((await fx.salesUnit()).id, {
      regionIds: [regions.find((region) => region.code === 'CN-GD')!.id],
      industryCodes: ['manufacturing'],
    });
    const { response, data } = await createLead({
      client: manager.client,
      body: {
        companyName: 'ＡＢＣ Trading（深圳）有限公司',
        taxId: '９１４４０３００１９２２０３８２１６',
        regionCode: 'CN-GD',
        industryCode: 'manufacturing',
        sizeBand: 'large',
        source: 'referral',
        contacts: [{ name: '张伟', phone: '138 1234 5678', email: 'Zhang.Wei＠ABC.cn' }],
      },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(data).toMatchObject({
      companyNameKey: 'abctrading深圳',
      taxIdKey: '914403001922038216',
      status: 'new',
      vendorId: null,
      ownerRepId: null,
      touchCount: 1,
      contacts: [{ name: '张伟', phone: '+8613812345678', email: 'zhang.wei@abc.cn' }],
      contactsMasked: false,
    });
    expect(data!.scoreFactors.map((factor) => factor.factor)).toEqual([
      'industry',
      'size',
      'region',
      'touches',
      'recency',
      'source',
    ]);
    expect(data!.score).toBe(data!.scoreFactors.reduce((sum, factor) => sum + factor.points, 0));
    expect(data!.grade).toBe('high');
    expect(data!.keyLead).toBe(true);
    expect(data!.keyLeadSetBy).toBe('rule');
  });

  it('gives an unowned lead industry and region points only where a vendor that can take leads covers them', async () => {
    // Budapest and energy: no vendor covers either. Large (20) + one touch (4) + today (15) + referral (20) = 59.
    const { data } = await createLead({
      client: manager.client,
      body: {
        companyName: 'Uncovered Energia Zrt.',
        regionCode: 'HU-BU',
        industryCode: 'energy',
        sizeBand: 'large',
        source: 'referral',
      },
    });
    expect(data!.scoreFactors.slice(0, 3)).toEqual([
      { factor: 'industry', detail: 'industry energy known but no vendor covers it', points: 0 },
      { factor: 'size', detail: 'size band large', points: 20 },
      { factor: 'region', detail: 'region HU-BU outside scope', points: 0 },
    ]);
    expect([data!.score, data!.grade]).toEqual([59, 'medium']);
  });

  it('answers a duplicate on each key with 409 LEAD_DUPLICATE and records it as a touch on the existing lead', async () => {
    const { data: original } = await createLead({
      client: manager.client,
      body: {
        companyName: 'Példa Kereskedelmi Kft.',
        taxId: '10625790-4-44',
        regionCode: 'HU-BU',
        contacts: [{ phone: '06 30 123 4567', email: 'info@pelda.hu' }],
      },
    });
    const attempts: [CreateLeadDto, string][] = [
      [{ companyName: 'Egészen Más Zrt.', taxId: 'HU10625790' }, 'taxId'],
      [{ companyName: 'PÉLDA KERESKEDELMI korlátolt felelősségű társaság' }, 'companyName'],
      [{ companyName: 'Harmadik Bt.', contacts: [{ phone: '+36 30 123 4567' }] }, 'phone'],
      [{ companyName: 'Negyedik Bt.', contacts: [{ email: 'INFO@pelda.hu' }] }, 'email'],
    ];
    const before = await countLeads();
    for (const [body, key] of attempts) {
      const { response, error } = await createLead({ client: manager.client, body });
      expect(response.status).toBe(409);
      expect(error).toMatchObject({
        code: 'LEAD_DUPLICATE',
        duplicateOfLeadId: original!.id,
        matchedOn: key,
      });
    }
    expect(await countLeads()).toBe(before);
    const lead = await getLead({ client: manager.client, path: { id: original!.id } });
    expect(lead.data!.touchCount).toBe(1);
    const history = await listLeadActivities({ client: manager.client, path: { id: original!.id } });
    expect(history.data!.data.filter((entry) => entry.kind === 'duplicate_intake')).toHaveLength(4);
  });

  it('refuses a company that is already a customer with EXISTING_CUSTOMER', async () => {
    const admin = await t.signIn(Role.ADMIN);
    const imported = await importCustomers({
      client: admin.client,
      body: { rows: [{ erpCustomerId: 'K-1', name: '美的集团股份有限公司', taxId: '914403001922038216' }] },
    });
    expect(imported.data!.created).toBe(1);
    const { response, error } = await createLead({
      client: manager.client,
      body: { companyName: '美的集团有限公司' },
    });
    expect(response.status).toBe(409);
    expect(error).toMatchObject({ code: 'EXISTING_CUSTOMER', matchedOn: 'companyName' });
  });

  it('refuses a company whose lead was rejected for no intent with LEAD_NO_INTENT', async () => {
    const { data: lead } = await createLead({
      client: manager.client,
      body: { companyName: 'Kein Interesse GmbH' },
    });
    const rejected = await changeLeadStatus({
      client: manager.client,
      path: { id: lead!.id },
      body: { status: 'rejected', rejectReason: { reason: 'no_intent', text: 'Said no twice' } },
    });
    expect(rejected.response.status).toBe(200);
    const again = await createLead({ client: manager.client, body: { companyName: 'KEIN INTERESSE' } });
    expect(again.response.status).toBe(409);
    expect(again.error).toMatchObject({ code: 'LEAD_NO_INTENT' });
  });

  it.each([
    [
      { companyName: 'Bad Phone Ltd', regionCode: 'CN-GD', contacts: [{ phone: '12345' }] },
      'contacts.0.phone',
    ],
    [{ companyName: 'Bad Mail Ltd', contacts: [{ email: 'not-an-email' }] }, 'contacts.0.email'],
    [{ companyName: 'Bad Tax Ltd', taxId: '914403001922038217' }, 'taxId'],
    [{ companyName: 'Bad Region Ltd', regionCode: 'guangdong' }, 'regionCode'],
    [{ companyName: 'Bad Source Ltd', source: 'telepathy' }, 'source'],
  ])('refuses invalid input %# with 400 naming the field and writes nothing', async (body, field) => {
    const before = await countLeads();
    const { response, error } = await createLead({ client: manager.client, body: body as never });
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field })] });
    expect(await countLeads()).toBe(before);
  });

  it('replays a create with the same Idempotency-Key instead of counting a duplicate touch', async () => {
    const headers = { 'Idempotency-Key': 'lead-create-1' };
    const body = { companyName: 'Replay Kft.' };
    const first = await createLead({ client: manager.client, body, headers });
    const replay = await createLead({ client: manager.client, body, headers });
    expect(first.response.status).toBe(201);
    expect(replay.response.status).toBe(201);
    expect(replay.data!.id).toBe(first.data!.id);
    expect((await getLead({ client: manager.client, path: { id: first.data!.id } })).data!.touchCount).toBe(
      1,
    );
  });

  it('refuses a lead naming a region, industry or product line the company does not have, writing nothing', async () => {
    const before = await countLeads();
    const cases: [Parameters<typeof createLead>[0]['body'], string][] = [
      [{ companyName: 'Nowhere Ltd', regionCode: 'CN-XX' }, 'regionCode'],
      [{ companyName: 'Oddity Ltd', industryCode: 'alchemy' }, 'industryCode'],
      [
        { companyName: 'Phantom Ltd', productLineIds: ['9b2f1c3e-0a4d-4e5f-8a6b-7c8d9e0f1a2b'] },
        'productLineIds',
      ],
    ];
    for (const [body, field] of cases) {
      const { response, error } = await createLead({ client: manager.client, body });
      expect(response.status).toBe(422);
      expect(error).toMatchObject({ code: 'LEAD_REFERENCE_UNKNOWN' });
      expect(JSON.stringify(error)).toContain(field);
    }
    expect(await countLeads()).toBe(before);
  });
});
