import {
  countUnreadAnnouncements,
  createRep,
  listCurricula,
  getProductLinePlaybook,
  listKnowledgeArticles,
  listMarketFeedback,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { CatalogDemoSeeder } from '../../src/modules/catalog/catalog.demo';
import { KnowledgeDemoSeeder } from '../../src/modules/knowledge/knowledge.demo';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';
import { must } from '../support/must';

describe('Demo knowledge base', () => {
  let t: TestApp;
  let manager: TestUser;
  let rep: TestUser;
  let otherRep: TestUser;
  let lines: Map<string, string>;

  const titles = async (user: TestUser, q?: string) =>
    must(await listKnowledgeArticles({ client: user.client, query: { q } })).data.map((a) => a.title);

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    const fx = vendorFixtures(manager.client);
    const unitId = (await fx.salesUnit()).id;
    const vendorId = (await fx.vendor(unitId)).id;
    const otherVendorId = (await fx.vendor(unitId)).id;
    const newRep = async (forVendor: string) =>
      must(
        await createRep({
          client: manager.client,
          body: {
            vendorId: forVendor,
            fullName: 'Demo',
            grade: 'A',
            capacity: 10,
            timezone: 'Asia/Shanghai',
          },
        }),
      ).id;
    const repId = await newRep(vendorId);
    lines = await t.app.get(CatalogDemoSeeder).seedDemoCatalog();
    expect(await t.app.get(KnowledgeDemoSeeder).seedDemoKnowledge(lines, { vendorId, repId })).toBe(4);
    expect(await t.app.get(KnowledgeDemoSeeder).seedDemoKnowledge(lines, { vendorId, repId })).toBe(0);
    rep = await t.signIn(Role.REP, { vendorId, repId });
    otherRep = await t.signIn(Role.REP, { vendorId: otherVendorId, repId: await newRep(otherVendorId) });
  });
  afterAll(() => t.close());

  it('seeds a Chinese and a Hungarian article, an internal note and a playbook, once', async () => {
    expect((await titles(manager)).sort()).toEqual(
      [
        'Industrial sensors playbook',
        'PLC X1 pricing guardrails (internal)',
        'Szabályozószelepek értékesítése a magyar élelmiszeriparban',
        '压力传感器选型指南',
      ].sort(),
    );
    expect(await titles(rep, '传感器')).toEqual(['压力传感器选型指南']);
    expect(await titles(rep, 'ÉLELMISZERIPAR')).toEqual([
      'Szabályozószelepek értékesítése a magyar élelmiszeriparban',
    ]);
    // The Hungarian article is for the demo vendor only; the internal note for nobody outside.
    expect(await titles(otherRep, 'élelmiszeripar')).toEqual([]);
    expect(await titles(rep, 'guardrails')).toEqual([]);
  });

  it('the sensors playbook allows 15 % above list: PS-200-CN 128 000 → 147 200', async () => {
    const playbook = must(
      await getProductLinePlaybook({
        client: rep.client,
        path: { productLineId: lines.get('industrial-sensors')! },
      }),
    );
    expect(playbook.products.find((p) => p.sku === 'PS-200-CN')).toMatchObject({
      floorPriceMinor: 99000,
      discountRoomMinor: 29000,
      premiumCeilingMinor: 147200,
    });
  });

  it('the demo vendor has two unread announcements and three feedback records', async () => {
    expect(must(await countUnreadAnnouncements({ client: rep.client })).unread).toBe(2);
    expect(must(await countUnreadAnnouncements({ client: otherRep.client })).unread).toBe(1);
    expect(must(await listMarketFeedback({ client: manager.client })).data).toHaveLength(3);
  });

  it('seeds the sensors curriculum: the Chinese guide and the playbook to read, three questions', async () => {
    const [curriculum] = must(await listCurricula({ client: rep.client })).data;
    expect(curriculum).toMatchObject({ title: 'Industrial sensors certification', passMarkPct: 66 });
    expect(curriculum.requiredArticleIds).toHaveLength(2);
    expect(curriculum.questions.map((q) => q.correctOption)).toEqual([null, null, null]);
  });
});
