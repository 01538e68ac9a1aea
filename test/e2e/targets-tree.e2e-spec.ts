import {
  approveTarget,
  checkTargetChildren,
  createTarget,
  getTarget,
  listTargetRevisions,
  listTargets,
  lockTarget,
  updateTarget,
} from '../../openapi/sdk';
import { countTargets, targetWorld, TargetWorld } from '../support/target-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('Targets: the entity, the tree and its rights', () => {
  let t: TestApp;
  let w: TargetWorld;

  beforeAll(async () => {
    t = await startTestApp();
    w = await targetWorld(t);
  });
  afterAll(() => t.close());

  /** The company's 2026 revenue: 1 000 000.00 CNY, stretch 1 100 000.00. */
  const companyRevenue = () =>
    w.target(w.admin.client, {
      metric: 'revenue',
      periodKey: '2026',
      ownerKind: 'company',
      currency: 'CNY',
      baseValue: 100_000_000,
      stretchValue: 110_000_000,
    });

  describe('bad input is refused with a code naming the field, and nothing is written', () => {
    it('refuses a money target without a currency', async () => {
      const before = await countTargets(t);
      const { response, error } = await createTarget({
        client: w.admin.client,
        body: { metric: 'revenue', periodKey: '2026', ownerKind: 'company', baseValue: 1000 },
      });
      expect(response.status).toBe(400);
      expect(error).toMatchObject({ code: 'TARGET_CURRENCY_REQUIRED', errors: [{ field: 'currency' }] });
      expect(await countTargets(t)).toBe(before);
    });

    it('refuses a negative target', async () => {
      const { response, error } = await createTarget({
        client: w.admin.client,
        body: { metric: 'calls', periodKey: '2026', ownerKind: 'company', baseValue: -1 },
      });
      expect(response.status).toBe(400);
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'baseValue' }] });
    });

    it('refuses a child whose period lies outside its parent’s', async () => {
      const quarter = await w.target(w.admin.client, {
        metric: 'calls',
        periodKey: '2026-Q1',
        ownerKind: 'company',
        baseValue: 900,
      });
      const before = await countTargets(t);
      const { response, error } = await createTarget({
        client: w.admin.client,
        body: {
          metric: 'calls',
          periodKey: '2026-05',
          ownerKind: 'company',
          baseValue: 300,
          parentId: quarter.id,
          splitAxis: 'time',
        },
      });
      expect(response.status).toBe(422);
      expect(error).toMatchObject({ code: 'TARGET_PERIOD_OUTSIDE_PARENT', errors: [{ field: 'periodKey' }] });
      expect(await countTargets(t)).toBe(before);
    });

    it('refuses a money child in another currency than its parent', async () => {
      const parent = await companyRevenue();
      const { response, error } = await createTarget({
        client: w.manager.client,
        body: {
          metric: 'revenue',
          periodKey: '2026',
          ownerKind: 'vendor',
          ownerId: w.vendorB,
          currency: 'HUF',
          baseValue: 1000,
          parentId: parent.id,
          splitAxis: 'org',
        },
      });
      expect(response.status).toBe(422);
      expect(error).toMatchObject({ code: 'TARGET_CURRENCY_MISMATCH', errors: [{ field: 'currency' }] });
    });

    it('refuses a cycle in the tree', async () => {
      const year = await w.target(w.admin.client, {
        metric: 'visits',
        periodKey: '2026',
        ownerKind: 'company',
        baseValue: 120,
      });
      const half = await w.target(w.admin.client, {
        metric: 'visits',
        periodKey: '2026-Q1',
        ownerKind: 'company',
        baseValue: 30,
        parentId: year.id,
        splitAxis: 'time',
      });
      const { response, error } = await updateTarget({
        client: w.admin.client,
        path: { id: year.id },
        body: { parentId: half.id },
      });
      expect(response.status).toBe(422);
      expect(error).toMatchObject({ code: 'TARGET_CYCLE', errors: [{ field: 'parentId' }] });
    });
  });

  describe('the sum rule', () => {
    it('refuses approval while additive children do not add up, and says by how much', async () => {
      const parent = await companyRevenue();
      const child = (vendorId: string, baseValue: number, stretchValue: number) =>
        w.target(w.manager.client, {
          metric: 'revenue',
          periodKey: '2026',
          ownerKind: 'vendor',
          ownerId: vendorId,
          currency: 'CNY',
          baseValue,
          stretchValue,
          parentId: parent.id,
          splitAxis: 'org',
        });
      await child(w.vendorA, 60_000_000, 66_000_000);
      const b = await child(w.vendorB, 39_900_000, 44_000_000);

      const refused = await approveTarget({ client: w.admin.client, path: { id: parent.id } });
      expect(refused.response.status).toBe(422);
      expect(refused.error).toMatchObject({
        code: 'TARGET_CHILDREN_DO_NOT_SUM',
        errors: [{ field: 'baseValue', message: 'children are off by -100000' }],
        sumCheck: {
          rule: 'sum',
          ok: false,
          tiers: [
            { tier: 'base', parent: 100_000_000, children: 99_900_000, difference: -100_000 },
            { tier: 'stretch', difference: 0 },
          ],
        },
      });
      expect((await getTarget({ client: w.admin.client, path: { id: parent.id } })).data?.status).toBe(
        'draft',
      );

      await updateTarget({ client: w.manager.client, path: { id: b.id }, body: { baseValue: 40_000_000 } });
      const check = await checkTargetChildren({ client: w.admin.client, path: { id: parent.id } });
      expect(check.data).toMatchObject({ rule: 'sum', ok: true, childCount: 2 });
      const approved = await approveTarget({ client: w.admin.client, path: { id: parent.id } });
      expect(approved.data).toMatchObject({ status: 'approved', splitAxis: 'org' });
    });

    it('holds rate children to their weighted mean: 25 % × 3 and 15 % × 1 average 22.5 %, not 20 %', async () => {
      const parent = await w.target(w.admin.client, {
        metric: 'conversion_rate',
        periodKey: '2026',
        ownerKind: 'company',
        baseValue: 2000,
      });
      const child = (vendorId: string, baseValue: number, weight: number) =>
        w.target(w.manager.client, {
          metric: 'conversion_rate',
          periodKey: '2026',
          ownerKind: 'vendor',
          ownerId: vendorId,
          baseValue,
          weight,
          parentId: parent.id,
          splitAxis: 'org',
        });
      const a = await child(w.vendorA, 2500, 3);
      await child(w.vendorB, 1500, 1);
      const refused = await approveTarget({ client: w.admin.client, path: { id: parent.id } });
      expect(refused.error).toMatchObject({
        code: 'TARGET_CHILDREN_DO_NOT_SUM',
        sumCheck: { rule: 'weighted_mean', tiers: [{ parent: 2000, children: 2250, difference: 250 }] },
      });
      // Equal weights: (2500 + 1500) / 2 = 2000.
      await updateTarget({ client: w.manager.client, path: { id: a.id }, body: { weight: 1 } });
      expect((await approveTarget({ client: w.admin.client, path: { id: parent.id } })).data?.status).toBe(
        'approved',
      );
    });
  });

  describe('rights', () => {
    it('a sales manager never edits their own node, the company', async () => {
      const parent = await companyRevenue();
      const { response, error } = await updateTarget({
        client: w.manager.client,
        path: { id: parent.id },
        body: { baseValue: 1 },
      });
      expect(response.status).toBe(403);
      expect(error).toMatchObject({ code: 'TARGET_OWN_NODE' });
    });

    it('a vendor manager splits their vendor’s target to its reps but cannot change the vendor total', async () => {
      const vendorTarget = await w.target(w.manager.client, {
        metric: 'calls',
        periodKey: '2026-03',
        ownerKind: 'vendor',
        ownerId: w.vendorA,
        baseValue: 600,
      });
      const repTarget = await w.target(w.vendorManagerA.client, {
        metric: 'calls',
        periodKey: '2026-03',
        ownerKind: 'rep',
        ownerId: w.repA1,
        baseValue: 300,
        parentId: vendorTarget.id,
        splitAxis: 'org',
      });
      expect(repTarget.parentId).toBe(vendorTarget.id);

      const own = await updateTarget({
        client: w.vendorManagerA.client,
        path: { id: vendorTarget.id },
        body: { baseValue: 500 },
      });
      expect(own.response.status).toBe(403);
      expect(own.error).toMatchObject({ code: 'TARGET_OWN_NODE' });

      const otherVendorsRep = await createTarget({
        client: w.vendorManagerA.client,
        body: { metric: 'calls', periodKey: '2026-03', ownerKind: 'rep', ownerId: w.repB1, baseValue: 1 },
      });
      expect(otherVendorsRep.response.status).toBe(422);
      expect(otherVendorsRep.error).toMatchObject({
        code: 'TARGET_OWNER_UNKNOWN',
        errors: [{ field: 'ownerId' }],
      });
    });

    it('a vendor manager sees their vendor’s subtree only; another vendor’s target is 404', async () => {
      const other = await w.target(w.manager.client, {
        metric: 'visits',
        periodKey: '2026-04',
        ownerKind: 'vendor',
        ownerId: w.vendorB,
        baseValue: 10,
      });
      expect(
        (await getTarget({ client: w.vendorManagerA.client, path: { id: other.id } })).response.status,
      ).toBe(404);
      const listed = await listTargets({ client: w.vendorManagerA.client, query: { limit: 200 } });
      const owners = new Set(listed.data!.data.map((target) => target.ownerId));
      expect(owners.has(w.vendorB)).toBe(false);
      expect([...owners].every((owner) => [w.vendorA, w.repA1, w.repA2, w.repA3].includes(owner!))).toBe(
        true,
      );
    });

    it('a rep reads their own targets only and changes none', async () => {
      await w.target(w.vendorManagerA.client, {
        metric: 'calls',
        periodKey: '2026-05',
        ownerKind: 'rep',
        ownerId: w.repA1,
        baseValue: 200,
      });
      await w.target(w.vendorManagerA.client, {
        metric: 'calls',
        periodKey: '2026-05',
        ownerKind: 'rep',
        ownerId: w.repA2,
        baseValue: 200,
      });
      const listed = await listTargets({ client: w.repA1User.client, query: { periodKey: '2026-05' } });
      expect(listed.data!.data.map((target) => target.ownerId)).toEqual([w.repA1]);
      const edit = await updateTarget({
        client: w.repA1User.client,
        path: { id: listed.data!.data[0].id },
        body: { baseValue: 1 },
      });
      expect(edit.response.status).toBe(403);
    });
  });

  describe('revisions and locking', () => {
    it('keeps the previous values of a revision with who, when and why; an approved target needs a reason', async () => {
      const target = await w.target(w.manager.client, {
        metric: 'new_leads',
        periodKey: '2026-06',
        ownerKind: 'vendor',
        ownerId: w.vendorA,
        baseValue: 100,
      });
      await approveTarget({ client: w.manager.client, path: { id: target.id } });
      const noReason = await updateTarget({
        client: w.manager.client,
        path: { id: target.id },
        body: { baseValue: 80 },
      });
      expect(noReason.response.status).toBe(400);
      expect(noReason.error).toMatchObject({
        code: 'TARGET_REVISION_REASON_REQUIRED',
        errors: [{ field: 'reason' }],
      });

      const revised = await updateTarget({
        client: w.manager.client,
        path: { id: target.id },
        body: { baseValue: 80, reason: 'Campaign budget cut in June' },
      });
      expect(revised.data).toMatchObject({ baseValue: 80, status: 'approved' });
      const { data } = await listTargetRevisions({ client: w.manager.client, path: { id: target.id } });
      expect(data!.data).toHaveLength(1);
      expect(data!.data[0]).toMatchObject({
        fromVersion: target.version + 1, // the approval made version 2
        reason: 'Campaign budget cut in June',
        before: { baseValue: 100 },
        after: { baseValue: 80 },
        revisedBy: w.manager.id,
      });
    });

    it('a locked target refuses edits with 409, and so does its subtree', async () => {
      const parent = await w.target(w.admin.client, {
        metric: 'meetings',
        periodKey: '2025',
        ownerKind: 'company',
        baseValue: 12,
      });
      const child = await w.target(w.admin.client, {
        metric: 'meetings',
        periodKey: '2025-01',
        ownerKind: 'company',
        baseValue: 12,
        parentId: parent.id,
        splitAxis: 'time',
      });
      await approveTarget({ client: w.admin.client, path: { id: parent.id } });
      expect((await lockTarget({ client: w.manager.client, path: { id: parent.id } })).data?.status).toBe(
        'locked',
      );
      for (const id of [parent.id, child.id]) {
        const edit = await updateTarget({
          client: w.admin.client,
          path: { id },
          body: { note: 'late change' },
        });
        expect(edit.response.status).toBe(409);
        expect(edit.error).toMatchObject({ code: 'TARGET_LOCKED' });
      }
    });
  });
});
