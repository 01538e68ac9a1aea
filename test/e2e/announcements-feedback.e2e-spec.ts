import {
  countUnreadAnnouncements,
  createAnnouncement,
  createMarketFeedback,
  createRegion,
  createRep,
  getAnnouncement,
  getAnnouncementReads,
  getMarketFeedback,
  listAnnouncements,
  listMarketFeedback,
  markAnnouncementRead,
} from '../../openapi/sdk';
import type {
  CreateAnnouncementDto,
  CreateMarketFeedbackDto,
  ListMarketFeedbackData,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';
import { must } from '../support/must';

const UNKNOWN_ID = '00000000-0000-4000-8000-00000000dead';

describe('Talking both ways: announcements with read receipts, market feedback from vendors', () => {
  let t: TestApp;
  let manager: TestUser;
  let vendorManagerA: TestUser;
  let vendorManagerB: TestUser;
  let vendorManagerC: TestUser;
  let repA: TestUser;
  let repA2: TestUser;
  let repB: TestUser;
  let vendorA: string;
  let vendorB: string;
  let vendorC: string;
  let repAId: string;
  let lineId: string;

  const count = async (table: string) =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const announce = async (body: Partial<CreateAnnouncementDto> = {}) =>
    must(
      await createAnnouncement({
        client: manager.client,
        body: { kind: 'market_news', title: 'News', body: 'Body', audience: 'all_vendors', ...body },
      }),
    );
  const unread = async (user: TestUser) =>
    must(await countUnreadAnnouncements({ client: user.client })).unread;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    const fx = vendorFixtures(manager.client);
    lineId = (await fx.productLine()).id;
    const unitId = (await fx.salesUnit()).id;
    vendorA = (await fx.vendor(unitId)).id;
    vendorB = (await fx.vendor(unitId)).id;
    vendorC = (await fx.vendor(unitId)).id;
    const rep = async (vendorId: string, fullName: string) =>
      must(
        await createRep({
          client: manager.client,
          body: { vendorId, fullName, grade: 'B', capacity: 30, timezone: 'Europe/Budapest' },
        }),
      ).id;
    repAId = await rep(vendorA, 'Szabó Péter');
    const repA2Id = await rep(vendorA, 'Tóth Éva');
    const repBId = await rep(vendorB, '李娜');
    vendorManagerA = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendorA });
    vendorManagerB = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendorB });
    vendorManagerC = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendorC });
    repA = await t.signIn(Role.REP, { vendorId: vendorA, repId: repAId });
    repA2 = await t.signIn(Role.REP, { vendorId: vendorA, repId: repA2Id });
    repB = await t.signIn(Role.REP, { vendorId: vendorB, repId: repBId });
    must(
      await createRegion({
        client: manager.client,
        body: { code: 'HU-KB', name: 'Győr', countryCode: 'HU' },
      }),
    );
  });
  afterAll(() => t.close());

  describe('announcements', () => {
    it('an announcement to an unknown vendor is 422 VENDOR_UNKNOWN and nothing is written', async () => {
      const before = await count('announcements');
      const result = await createAnnouncement({
        client: manager.client,
        body: {
          kind: 'price_change',
          title: 'Árváltozás',
          body: 'Body',
          audience: 'chosen_vendors',
          vendorIds: [vendorA, UNKNOWN_ID],
        },
      });
      expect(result.response.status).toBe(422);
      expect(result.response.headers.get('content-type')).toContain('application/problem+json');
      expect(result.error).toMatchObject({ code: 'VENDOR_UNKNOWN', errors: [{ field: 'vendorIds' }] });
      expect(await count('announcements')).toBe(before);
    });

    it('chosen vendors without a vendor, or vendors named for all vendors, is 422 AUDIENCE_INVALID', async () => {
      const before = await count('announcements');
      for (const body of [
        { audience: 'chosen_vendors' as const, vendorIds: [] },
        { audience: 'all_vendors' as const, vendorIds: [vendorA] },
      ]) {
        const result = await createAnnouncement({
          client: manager.client,
          body: { kind: 'strategy', title: 'T', body: 'B', ...body },
        });
        expect(result.response.status).toBe(422);
        expect(result.error).toMatchObject({ code: 'AUDIENCE_INVALID' });
      }
      expect(await count('announcements')).toBe(before);
    });

    it('only the company announces: a vendor manager is 403', async () => {
      const result = await createAnnouncement({
        client: vendorManagerA.client,
        body: { kind: 'other', title: 'T', body: 'B', audience: 'all_vendors' },
      });
      expect(result.response.status).toBe(403);
    });

    it('a vendor not addressed gets 404 for the announcement and cannot mark it read', async () => {
      const forA = await announce({ title: 'For A only', audience: 'chosen_vendors', vendorIds: [vendorA] });
      expect(
        (await getAnnouncement({ client: vendorManagerC.client, path: { id: forA.id } })).response.status,
      ).toBe(404);
      expect(
        (await markAnnouncementRead({ client: repB.client, path: { id: forA.id } })).response.status,
      ).toBe(404);
      const titles = must(await listAnnouncements({ client: repB.client })).data.map((a) => a.title);
      expect(titles).not.toContain('For A only');
      expect((await getAnnouncement({ client: repA.client, path: { id: forA.id } })).response.status).toBe(
        200,
      );
    });

    it('vendor users mark read; the company sees who read and how many per vendor; unread counts fall', async () => {
      const unreadA = await unread(repA);
      const unreadB = await unread(repB);
      const news = await announce({
        kind: 'price_change',
        title: 'FV-50 list price up 4 %',
        audience: 'chosen_vendors',
        vendorIds: [vendorA, vendorB],
      });
      expect(await unread(repA)).toBe(unreadA + 1);
      expect(await unread(repB)).toBe(unreadB + 1);

      const first = must(await markAnnouncementRead({ client: repA.client, path: { id: news.id } }));
      expect(first.readAt).not.toBeNull();
      // Marking again keeps the first time.
      const again = must(await markAnnouncementRead({ client: repA.client, path: { id: news.id } }));
      expect(again.readAt).toBe(first.readAt);
      must(await markAnnouncementRead({ client: vendorManagerA.client, path: { id: news.id } }));

      expect(await unread(repA)).toBe(unreadA);
      expect(await unread(repB)).toBe(unreadB + 1);
      expect(must(await getAnnouncement({ client: repA2.client, path: { id: news.id } })).readAt).toBeNull();

      const reads = must(await getAnnouncementReads({ client: manager.client, path: { id: news.id } }));
      expect(reads.totalReaders).toBe(2);
      expect(reads.vendors).toEqual([
        { vendorId: vendorA, readers: 2 },
        { vendorId: vendorB, readers: 0 },
      ]);
      expect(reads.readers.map((r) => [r.userId, r.vendorId, r.repId])).toEqual([
        [repA.id, vendorA, repAId],
        [vendorManagerA.id, vendorA, null],
      ]);

      const unreadOnly = must(await listAnnouncements({ client: repA.client, query: { unread: true } })).data;
      expect(unreadOnly.map((a) => a.id)).not.toContain(news.id);
      const readOnly = must(await listAnnouncements({ client: repA.client, query: { unread: false } })).data;
      expect(readOnly.map((a) => a.id)).toEqual([news.id]);
    });

    it('an announcement to all vendors lists every active vendor in its read counts', async () => {
      const all = await announce({ title: 'Strategy 2027', kind: 'strategy' });
      must(await markAnnouncementRead({ client: repB.client, path: { id: all.id } }));
      const reads = must(await getAnnouncementReads({ client: manager.client, path: { id: all.id } }));
      expect(reads.vendors[0]).toEqual({ vendorId: vendorB, readers: 1 });
      expect(reads.vendors.map((v) => v.vendorId).sort()).toEqual([vendorA, vendorB, vendorC].sort());
    });

    it('the company marks nothing read (403) and vendor users see no read receipts (403)', async () => {
      const news = await announce();
      expect(
        (await markAnnouncementRead({ client: manager.client, path: { id: news.id } })).response.status,
      ).toBe(403);
      expect(
        (await getAnnouncementReads({ client: vendorManagerA.client, path: { id: news.id } })).response
          .status,
      ).toBe(403);
    });
  });

  describe('market feedback', () => {
    const feedback = (body: Partial<CreateMarketFeedbackDto> = {}): CreateMarketFeedbackDto => ({
      kind: 'competitor_seen',
      text: 'Seen at the customer',
      ...body,
    });

    it('a rep reports feedback for their own vendor: the vendor and rep come from the caller', async () => {
      const created = await createMarketFeedback({
        client: repA.client,
        body: feedback({
          kind: 'price_heard',
          competitorName: 'Alpen Ventile GmbH',
          productLineId: lineId,
          regionCode: 'hu-kb',
          observedPriceMinor: 26500,
          currency: 'eur',
          text: 'Egy győri tejüzemben 265 EUR-t ajánlottak.',
          observedOn: '2026-11-20',
        }),
      });
      expect(created.response.status).toBe(201);
      expect(created.data).toMatchObject({
        vendorId: vendorA,
        repId: repAId,
        kind: 'price_heard',
        regionCode: 'HU-KB',
        observedPriceMinor: 26500,
        currency: 'EUR',
        observedOn: '2026-11-20',
      });
      const before = await count('market_feedback');
      const spoofed = await createMarketFeedback({
        client: repA.client,
        body: { ...feedback(), vendorId: vendorB } as CreateMarketFeedbackDto,
      });
      expect(spoofed.response.status).toBe(400);
      expect(await count('market_feedback')).toBe(before);
    });

    it('bad feedback is refused with a stable code and nothing is written', async () => {
      const before = await count('market_feedback');
      const noCurrency = await createMarketFeedback({
        client: repA.client,
        body: feedback({ observedPriceMinor: 100 }),
      });
      expect(noCurrency.response.status).toBe(400);
      expect(noCurrency.error).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'currency' }] });
      const region = await createMarketFeedback({
        client: repA.client,
        body: feedback({ regionCode: 'HU-NOPE' }),
      });
      expect(region.response.status).toBe(422);
      expect(region.error).toMatchObject({ code: 'REGION_UNKNOWN' });
      const line = await createMarketFeedback({
        client: repA.client,
        body: feedback({ productLineId: UNKNOWN_ID }),
      });
      expect(line.error).toMatchObject({ code: 'PRODUCT_LINE_UNKNOWN' });
      const customer = await createMarketFeedback({
        client: repA.client,
        body: feedback({ customerId: UNKNOWN_ID }),
      });
      expect(customer.error).toMatchObject({ code: 'CUSTOMER_UNKNOWN' });
      const company = await createMarketFeedback({ client: manager.client, body: feedback() });
      expect(company.response.status).toBe(403);
      expect(await count('market_feedback')).toBe(before);
    });

    it('the company lists and filters feedback by kind, vendor, product line and date range', async () => {
      must(
        await createMarketFeedback({
          client: repB.client,
          body: feedback({
            kind: 'customer_opinion',
            text: '客户喜欢我们的交货期',
            observedOn: '2026-11-25',
          }),
        }),
      );
      must(
        await createMarketFeedback({
          client: vendorManagerB.client,
          body: feedback({ kind: 'competitor_seen', productLineId: lineId, observedOn: '2026-10-02' }),
        }),
      );
      const list = (query: ListMarketFeedbackData['query']) =>
        listMarketFeedback({ client: manager.client, query }).then((r) =>
          must(r).data.map((f) => [f.vendorId, f.kind, f.observedOn]),
        );
      expect(await list({ vendorId: vendorB })).toEqual([
        [vendorB, 'customer_opinion', '2026-11-25'],
        [vendorB, 'competitor_seen', '2026-10-02'],
      ]);
      expect(await list({ kind: 'price_heard' })).toEqual([[vendorA, 'price_heard', '2026-11-20']]);
      expect(await list({ productLineId: lineId })).toEqual([
        [vendorA, 'price_heard', '2026-11-20'],
        [vendorB, 'competitor_seen', '2026-10-02'],
      ]);
      expect(await list({ from: '2026-11-01', to: '2026-11-22' })).toEqual([
        [vendorA, 'price_heard', '2026-11-20'],
      ]);
      const backwards = await listMarketFeedback({
        client: manager.client,
        query: { from: '2026-12-01', to: '2026-11-01' },
      });
      expect(backwards.response.status).toBe(400);
    });

    it('a vendor manager sees their own vendor’s feedback only; another vendor’s is 404', async () => {
      const own = must(await listMarketFeedback({ client: vendorManagerB.client })).data;
      expect(own.length).toBe(2);
      expect(new Set(own.map((f) => f.vendorId))).toEqual(new Set([vendorB]));
      const ofA = must(await listMarketFeedback({ client: manager.client, query: { vendorId: vendorA } }))
        .data[0];
      expect(
        (await getMarketFeedback({ client: vendorManagerB.client, path: { id: ofA.id } })).response.status,
      ).toBe(404);
      expect(
        (await getMarketFeedback({ client: vendorManagerA.client, path: { id: ofA.id } })).response.status,
      ).toBe(200);
      // A rep sees what they reported, not their colleagues'.
      expect(must(await listMarketFeedback({ client: repA2.client })).data).toEqual([]);
    });
  });
});
