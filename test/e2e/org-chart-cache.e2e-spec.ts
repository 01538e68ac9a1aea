import { createRep, getTargetAttainment, updateRep } from '../../openapi/sdk';
import { VendorsService } from '../../src/modules/vendors/vendors.service';
import { targetWorld, TargetWorld } from '../support/target-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The org chart (sales units, vendors, reps) is held in memory between requests while its version row
 * says it is unchanged; every write of the chart's columns moves that row in the writer's transaction.
 */
describe('The org chart held in memory between requests', () => {
  let t: TestApp;
  let w: TargetWorld;
  let vendors: VendorsService;

  beforeAll(async () => {
    t = await startTestApp();
    w = await targetWorld(t);
    vendors = t.app.get(VendorsService);
  });
  afterAll(() => t.close());

  const chart = () => vendors.getOrgChart(t.dataSource.manager);
  const repOf = async (id: string) => (await chart()).reps.find((rep) => rep.id === id);

  it('hands out the same chart while nothing changed, and a fresh one after a write', async () => {
    const first = await chart();
    expect(await chart()).toBe(first);
    const { response } = await updateRep({
      client: w.manager.client,
      path: { id: w.repA3 },
      body: { capacity: 12 },
      headers: { 'If-Match': await repEtag(w.repA3) },
    });
    expect(response.status).toBe(200);
    const after = await chart();
    expect(after).not.toBe(first);
    expect(after.reps.find((rep) => rep.id === w.repA3)?.capacity).toBe(12);
  });

  it('a rep added after the chart was read owns a target at once and shows in the tree', async () => {
    const vendorTarget = await w.target(w.manager.client, {
      metric: 'calls',
      periodKey: '2026-03',
      ownerKind: 'vendor',
      ownerId: w.vendorA,
      baseValue: 100,
    });
    // Read the vendor's tree: the chart is now held.
    const before = await getTargetAttainment({ client: w.manager.client, path: { id: vendorTarget.id } });
    expect(before.data?.nodeCount).toBe(1);
    const { data: rep } = await createRep({
      client: w.manager.client,
      body: { vendorId: w.vendorA, fullName: 'Rep new', grade: 'B', capacity: 20, timezone: 'Asia/Shanghai' },
    });
    await w.target(w.manager.client, {
      metric: 'calls',
      periodKey: '2026-03',
      ownerKind: 'rep',
      ownerId: rep!.id,
      parentId: vendorTarget.id,
      splitAxis: 'org',
      baseValue: 100,
    });
    const after = await getTargetAttainment({ client: w.manager.client, path: { id: vendorTarget.id } });
    expect(after.data?.nodeCount).toBe(2);
    expect(after.data?.root.children.map((node) => node.ownerId)).toEqual([rep!.id]);
  });

  it("sees another process's write to the chart on the next read", async () => {
    expect((await repOf(w.repB1))?.timezone).toBe('Europe/Budapest');
    // Written past this process's services, as another API process or an operator would.
    await t.dataSource.query(`UPDATE reps SET timezone = 'Europe/Vienna' WHERE id = $1`, [w.repB1]);
    expect((await repOf(w.repB1))?.timezone).toBe('Europe/Vienna');
    await t.dataSource.query(`UPDATE reps SET timezone = 'Europe/Budapest' WHERE id = $1`, [w.repB1]);
    expect((await repOf(w.repB1))?.timezone).toBe('Europe/Budapest');
  });

  it('never takes a chart read inside a transaction that rolled back for the committed one', async () => {
    const name = (await repOf(w.repA2))?.fullName;
    await expect(
      t.dataSource.transaction(async (em) => {
        await em.query(`UPDATE reps SET full_name = 'Renamed, then rolled back' WHERE id = $1`, [w.repA2]);
        const inside = await vendors.getOrgChart(em);
        expect(inside.reps.find((rep) => rep.id === w.repA2)?.fullName).toBe('Renamed, then rolled back');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await repOf(w.repA2))?.fullName).toBe(name);
    // A later committed write of the same version number is told apart too (the stamp names its transaction).
    await t.dataSource.query(`UPDATE reps SET full_name = 'Renamed for good' WHERE id = $1`, [w.repA2]);
    expect((await repOf(w.repA2))?.fullName).toBe('Renamed for good');
  });

  async function repEtag(id: string): Promise<string> {
    const [row] = await t.dataSource.query<{ version: number }[]>('SELECT version FROM reps WHERE id = $1', [
      id,
    ]);
    return `"${row.version}"`;
  }
});
