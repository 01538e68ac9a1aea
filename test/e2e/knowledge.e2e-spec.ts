import {
  createContract,
  createKnowledgeArticle,
  createProduct,
  createRep,
  getKnowledgeArticle,
  getProductLinePlaybook,
  listKnowledgeArticleRevisions,
  listKnowledgeArticles,
  updateKnowledgeArticle,
} from '../../openapi/sdk';
import type { CreateArticleDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';
import { must } from '../support/must';

const UNKNOWN_ID = '00000000-0000-4000-8000-00000000dead';

describe('Knowledge base: articles, playbooks and won-deal write-ups', () => {
  let t: TestApp;
  let manager: TestUser;
  let vendorManagerA: TestUser;
  let vendorManagerB: TestUser;
  let repA: TestUser;
  let repB: TestUser;
  let vendorA: string;
  let vendorB: string;
  let lineId: string;
  let otherLineId: string;
  let repAId: string;

  const count = async (table: string) =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const article = (overrides: Partial<CreateArticleDto> = {}): CreateArticleDto => ({
    kind: 'article',
    title: 'Article',
    body: 'Body',
    audience: 'all_vendors',
    productLineId: lineId,
    ...overrides,
  });
  const write = async (overrides: Partial<CreateArticleDto> = {}) =>
    must(await createKnowledgeArticle({ client: manager.client, body: article(overrides) }));
  const search = async (user: TestUser, q: string) =>
    must(await listKnowledgeArticles({ client: user.client, query: { q } })).data.map((a) => a.title);

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    const fx = vendorFixtures(manager.client);
    lineId = (await fx.productLine()).id;
    otherLineId = (await fx.productLine()).id;
    const unitId = (await fx.salesUnit()).id;
    vendorA = (await fx.vendor(unitId)).id;
    vendorB = (await fx.vendor(unitId)).id;
    await fx.agreement(vendorA, { startsOn: '2026-01-01', endsOn: '2028-12-31', productLineIds: [lineId] });
    const rep = async (vendorId: string, fullName: string) =>
      must(
        await createRep({
          client: manager.client,
          body: { vendorId, fullName, grade: 'A', capacity: 40, timezone: 'Asia/Shanghai' },
        }),
      ).id;
    repAId = await rep(vendorA, '王伟');
    const repBId = await rep(vendorB, 'Kovács Anna');
    vendorManagerA = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendorA });
    vendorManagerB = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendorB });
    repA = await t.signIn(Role.REP, { vendorId: vendorA, repId: repAId });
    repB = await t.signIn(Role.REP, { vendorId: vendorB, repId: repBId });
  });
  afterAll(() => t.close());

  describe('who reads what', () => {
    it('a rep of vendor B does not see an article addressed to vendor A only (404)', async () => {
      const forA = await write({ title: 'Only for A', audience: 'chosen_vendors', vendorIds: [vendorA] });
      const asB = await getKnowledgeArticle({ client: repB.client, path: { id: forA.id } });
      expect(asB.response.status).toBe(404);
      expect(asB.error).toMatchObject({ code: 'NOT_FOUND' });
      expect(await search(repB, 'Only for A')).toEqual([]);
      expect(must(await getKnowledgeArticle({ client: repA.client, path: { id: forA.id } })).title).toBe(
        'Only for A',
      );
      expect(await search(vendorManagerA, 'Only for A')).toEqual(['Only for A']);
    });

    it('an internal article is company-only: a vendor manager gets 404 and never finds it', async () => {
      const internal = await write({ title: 'Internal margin note', audience: 'internal' });
      const asVendor = await getKnowledgeArticle({
        client: vendorManagerA.client,
        path: { id: internal.id },
      });
      expect(asVendor.response.status).toBe(404);
      expect(await search(vendorManagerA, 'Internal margin')).toEqual([]);
      expect(await search(manager, 'Internal margin')).toEqual(['Internal margin note']);
    });

    it('an article for all vendors reaches every vendor’s people', async () => {
      const open = await write({ title: 'For everyone' });
      for (const user of [repA, repB, vendorManagerB])
        expect(
          (await getKnowledgeArticle({ client: user.client, path: { id: open.id } })).response.status,
        ).toBe(200);
    });

    it('only company roles write: a vendor manager and a rep get 403 and nothing is written', async () => {
      const before = await count('knowledge_articles');
      for (const user of [vendorManagerA, repA]) {
        const result = await createKnowledgeArticle({ client: user.client, body: article() });
        expect(result.response.status).toBe(403);
      }
      expect(await count('knowledge_articles')).toBe(before);
    });
  });

  describe('search', () => {
    it('search finds a Chinese article by a two-character word', async () => {
      await write({
        title: '伺服电机选型指南',
        body: '先确认负载惯量，再选电机。客户关心交货期。',
        tags: ['选型'],
      });
      expect(await search(repA, '电机')).toEqual(['伺服电机选型指南']);
      expect(await search(repA, '交货')).toEqual(['伺服电机选型指南']);
      expect(await search(repA, '马达')).toEqual([]);
    });

    it('search finds Hungarian text with accents, in any case; the accents count', async () => {
      await write({
        title: 'Árvíztűrő tükörfúrógép bemutató',
        body: 'A győri tejüzem rozsdamentes kivitelt kér.',
        tags: ['élelmiszeripar'],
      });
      const title = 'Árvíztűrő tükörfúrógép bemutató';
      expect(await search(repB, 'ÁRVÍZTŰRŐ')).toEqual([title]);
      expect(await search(repB, 'tükörfúró győri')).toEqual([title]);
      expect(await search(repB, 'ÉLELMISZERIPAR')).toEqual([title]);
      expect(await search(repB, 'arvizturo')).toEqual([]);
    });

    it('a search term with LIKE wildcards matches them literally', async () => {
      await write({ title: 'Discount 100% off never', body: 'Never give 100% off.' });
      expect(await search(manager, '100%')).toEqual(['Discount 100% off never']);
      expect(await search(manager, '_%_')).toEqual([]);
    });

    it('lists filter by kind, product line and tag', async () => {
      await write({ title: 'Tagged on the other line', productLineId: otherLineId, tags: ['Rollout'] });
      const byTag = must(
        await listKnowledgeArticles({ client: manager.client, query: { tag: 'rollout' } }),
      ).data.map((a) => a.title);
      expect(byTag).toEqual(['Tagged on the other line']);
      const byLine = must(
        await listKnowledgeArticles({ client: manager.client, query: { productLineId: otherLineId } }),
      ).data.map((a) => a.title);
      expect(byLine).toEqual(['Tagged on the other line']);
    });
  });

  describe('revisions', () => {
    it('editing an article keeps the previous revision', async () => {
      const created = await createKnowledgeArticle({
        client: manager.client,
        body: article({ title: 'Pricing FAQ', body: 'Version one' }),
      });
      expect(created.response.headers.get('etag')).toBe('"1"');
      const id = created.data!.id;
      const edited = await updateKnowledgeArticle({
        client: manager.client,
        path: { id },
        body: { body: 'Version two', changeNote: 'New discount rule' },
        headers: { 'If-Match': '"1"' },
      });
      expect(edited.response.status).toBe(200);
      expect(edited.response.headers.get('etag')).toBe('"2"');
      expect(edited.data).toMatchObject({ title: 'Pricing FAQ', body: 'Version two', version: 2 });
      const revisions = must(await listKnowledgeArticleRevisions({ client: manager.client, path: { id } }));
      expect(revisions.data.map((r) => [r.revision, r.body, r.changeNote])).toEqual([
        [2, 'Version two', 'New discount rule'],
        [1, 'Version one', null],
      ]);
      // The search follows the current revision only.
      expect(await search(manager, 'Version one')).toEqual([]);
      expect(await search(manager, 'Version two')).toEqual(['Pricing FAQ']);
    });

    it('a stale If-Match is 412 VERSION_MISMATCH and writes no revision', async () => {
      const { id } = await write({ title: 'Contested' });
      must(await updateKnowledgeArticle({ client: manager.client, path: { id }, body: { body: 'Mine' } }));
      const stale = await updateKnowledgeArticle({
        client: manager.client,
        path: { id },
        body: { body: 'Theirs' },
        headers: { 'If-Match': '"1"' },
      });
      expect(stale.response.status).toBe(412);
      expect(stale.error).toMatchObject({ code: 'VERSION_MISMATCH', currentVersion: 2 });
      const revisions = must(await listKnowledgeArticleRevisions({ client: manager.client, path: { id } }));
      expect(revisions.data.map((r) => r.revision)).toEqual([2, 1]);
    });

    it('moving an article from chosen vendors to all vendors clears its vendor list', async () => {
      const { id } = await write({ audience: 'chosen_vendors', vendorIds: [vendorA] });
      const moved = must(
        await updateKnowledgeArticle({
          client: manager.client,
          path: { id },
          body: { audience: 'all_vendors' },
        }),
      );
      expect(moved).toMatchObject({ audience: 'all_vendors', vendorIds: [] });
      expect((await getKnowledgeArticle({ client: repB.client, path: { id } })).response.status).toBe(200);
    });

    it('vendor users do not read revisions (403)', async () => {
      const { id } = await write();
      const result = await listKnowledgeArticleRevisions({ client: vendorManagerA.client, path: { id } });
      expect(result.response.status).toBe(403);
    });
  });

  describe('bad input is refused and writes nothing', () => {
    it('chosen_vendors naming an unknown vendor is 422 VENDOR_UNKNOWN; naming none is 422 AUDIENCE_INVALID', async () => {
      const before = await count('knowledge_articles');
      const unknown = await createKnowledgeArticle({
        client: manager.client,
        body: article({ audience: 'chosen_vendors', vendorIds: [vendorA, UNKNOWN_ID] }),
      });
      expect(unknown.response.status).toBe(422);
      expect(unknown.error).toMatchObject({ code: 'VENDOR_UNKNOWN' });
      const empty = await createKnowledgeArticle({
        client: manager.client,
        body: article({ audience: 'chosen_vendors', vendorIds: [] }),
      });
      expect(empty.response.status).toBe(422);
      expect(empty.error).toMatchObject({ code: 'AUDIENCE_INVALID', errors: [{ field: 'vendorIds' }] });
      expect(await count('knowledge_articles')).toBe(before);
    });

    it('an unknown product line is 422 PRODUCT_LINE_UNKNOWN; an unknown field is 400', async () => {
      const before = await count('knowledge_articles');
      const line = await createKnowledgeArticle({
        client: manager.client,
        body: article({ productLineId: UNKNOWN_ID }),
      });
      expect(line.error).toMatchObject({ code: 'PRODUCT_LINE_UNKNOWN' });
      const extra = await createKnowledgeArticle({
        client: manager.client,
        body: { ...article(), authorId: UNKNOWN_ID } as CreateArticleDto,
      });
      expect(extra.response.status).toBe(400);
      expect(extra.response.headers.get('content-type')).toContain('application/problem+json');
      expect(await count('knowledge_articles')).toBe(before);
    });
  });

  describe('playbooks', () => {
    it('the playbook shows the product line’s active products with their floors and the premium ceiling', async () => {
      const product = async (sku: string, listPriceMinor: number, floorPriceMinor: number, active = true) =>
        must(
          await createProduct({
            client: manager.client,
            body: {
              productLineId: lineId,
              sku,
              name: sku,
              currency: 'CNY',
              listPriceMinor,
              floorPriceMinor,
              active,
            },
          }),
        );
      await product('KB-SRV-200', 120000, 100000);
      await product('KB-SRV-100', 46000, 35000);
      await product('KB-SRV-OLD', 10000, 9000, false);
      const playbook = await write({
        kind: 'playbook',
        title: 'Servo playbook',
        body: 'Sell to machine builders; never below the floor.',
        premiumRoomBps: 1500,
      });
      const view = must(
        await getProductLinePlaybook({ client: repA.client, path: { productLineId: lineId } }),
      );
      expect(view.article.id).toBe(playbook.id);
      // 120 000 × 1.15 = 138 000; 46 000 × 1.15 = 52 900; room = list − floor.
      expect(
        view.products.map((p) => [
          p.sku,
          p.listPriceMinor,
          p.floorPriceMinor,
          p.discountRoomMinor,
          p.premiumCeilingMinor,
        ]),
      ).toEqual([
        ['KB-SRV-100', 46000, 35000, 11000, 52900],
        ['KB-SRV-200', 120000, 100000, 20000, 138000],
      ]);
    });

    it('a product line has one current playbook: a second is 409 PLAYBOOK_EXISTS, nothing written', async () => {
      const before = await count('knowledge_articles');
      const second = await createKnowledgeArticle({
        client: manager.client,
        body: article({ kind: 'playbook', title: 'Second playbook' }),
      });
      expect(second.response.status).toBe(409);
      expect(second.error).toMatchObject({ code: 'PLAYBOOK_EXISTS' });
      expect(await count('knowledge_articles')).toBe(before);
    });

    it('a playbook without a product line, or a premium room on a plain article, is 422 ARTICLE_KIND_FIELDS_INVALID', async () => {
      const before = await count('knowledge_articles');
      const noLine = await createKnowledgeArticle({
        client: manager.client,
        body: article({ kind: 'playbook', productLineId: undefined }),
      });
      expect(noLine.response.status).toBe(422);
      expect(noLine.error).toMatchObject({
        code: 'ARTICLE_KIND_FIELDS_INVALID',
        errors: [{ field: 'productLineId' }],
      });
      const premium = await createKnowledgeArticle({
        client: manager.client,
        body: article({ premiumRoomBps: 500 }),
      });
      expect(premium.error).toMatchObject({ code: 'ARTICLE_KIND_FIELDS_INVALID' });
      expect(await count('knowledge_articles')).toBe(before);
    });

    it('a line without a playbook the caller may read answers 404', async () => {
      await write({ kind: 'playbook', productLineId: otherLineId, audience: 'internal' });
      const asRep = await getProductLinePlaybook({
        client: repA.client,
        path: { productLineId: otherLineId },
      });
      expect(asRep.response.status).toBe(404);
      const asManager = await getProductLinePlaybook({
        client: manager.client,
        path: { productLineId: otherLineId },
      });
      expect(asManager.response.status).toBe(200);
    });
  });

  describe('won-deal write-ups', () => {
    it('a win story names its contract: an unknown one is 422 CONTRACT_UNKNOWN, a real one is stored', async () => {
      const before = await count('knowledge_articles');
      const unknown = await createKnowledgeArticle({
        client: manager.client,
        body: article({ kind: 'win_story', contractId: UNKNOWN_ID }),
      });
      expect(unknown.response.status).toBe(422);
      expect(unknown.error).toMatchObject({ code: 'CONTRACT_UNKNOWN', errors: [{ field: 'contractId' }] });
      const missing = await createKnowledgeArticle({
        client: manager.client,
        body: article({ kind: 'win_story' }),
      });
      expect(missing.error).toMatchObject({ code: 'ARTICLE_KIND_FIELDS_INVALID' });
      expect(await count('knowledge_articles')).toBe(before);

      const [customer]: { id: string }[] = await t.dataSource.query(
        `INSERT INTO customers (name, name_key, erp_customer_id) VALUES ($1, $1, $1) RETURNING id`,
        [`Win story customer ${Math.random()}`],
      );
      const productId = must(
        await createProduct({
          client: manager.client,
          body: {
            productLineId: lineId,
            sku: 'KB-WIN-1',
            name: 'Won',
            currency: 'CNY',
            listPriceMinor: 100000,
            floorPriceMinor: 90000,
          },
        }),
      ).id;
      const contract = must(
        await createContract({
          client: manager.client,
          body: {
            customerId: customer.id,
            repId: repAId,
            currency: 'CNY',
            startsOn: '2026-01-01',
            endsOn: '2026-12-31',
            lines: [{ productId, quantity: 1, unitPriceMinor: 100000 }],
          },
        }),
      );
      const story = await write({ kind: 'win_story', contractId: contract.id, title: 'How we won' });
      expect(story).toMatchObject({ kind: 'win_story', contractId: contract.id });
    });
  });
});
