import { createLead, createRegion, getRegion, updateRegion } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

describe('Regions: one rule for region codes, a tree that can be edited', () => {
  let t: TestApp;
  let manager: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
  });
  afterAll(() => t.close());

  const region = async (code: string, countryCode: string, parentId?: string) => {
    const { data, error } = await createRegion({
      client: manager.client,
      body: { code, name: code, countryCode, parentId },
    });
    if (!data) throw new Error(JSON.stringify(error));
    return data;
  };

  it('lets every region the API lists carry a lead: CN-EAST is a region and a lead region alike', async () => {
    const china = await region('CN', 'CN');
    await region('CN-EAST', 'CN', china.id);
    await region('HU-BUD-XI', 'HU');
    for (const regionCode of ['CN', 'CN-EAST', 'HU-BUD-XI']) {
      const { response, data } = await createLead({
        client: manager.client,
        body: { companyName: `Region ${regionCode} Kft.`, regionCode },
      });
      expect(response.status).toBe(201);
      expect(data!.regionCode).toBe(regionCode);
    }
  });

  it('refuses a region code that breaks the rule or does not start with its country', async () => {
    for (const [code, countryCode] of [
      ['CN_EAST', 'CN'],
      ['C', 'CN'],
      ['CN-', 'CN'],
      ['HU-WEST', 'CN'],
    ]) {
      const { response, error } = await createRegion({
        client: manager.client,
        body: { code, name: code, countryCode },
      });
      expect(response.status).toBe(400);
      expect(error).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field: 'code' })],
      });
    }
  });

  it('renames a region and moves it in the tree with If-Match, keeping its code', async () => {
    const hungary = await region('HU', 'HU');
    const west = await region('HU-WEST', 'HU');
    const stale = await updateRegion({
      client: manager.client,
      path: { id: west.id },
      body: { name: 'Western Transdanubia' },
      headers: { 'If-Match': '"7"' },
    });
    expect(stale.response.status).toBe(412);
    const moved = await updateRegion({
      client: manager.client,
      path: { id: west.id },
      body: { name: 'Western Transdanubia', parentId: hungary.id },
      headers: { 'If-Match': '"1"' },
    });
    expect(moved.response.status).toBe(200);
    expect(moved.data).toMatchObject({
      code: 'HU-WEST',
      name: 'Western Transdanubia',
      parentId: hungary.id,
      version: 2,
    });
    const top = await updateRegion({
      client: manager.client,
      path: { id: west.id },
      body: { parentId: null },
    });
    expect(top.data).toMatchObject({ parentId: null, version: 3 });
  });

  it('never puts a region under itself, one of its sub-regions or another country', async () => {
    const root = await region('CN-SOUTH', 'CN');
    const child = await region('CN-SOUTH-GD', 'CN', root.id);
    const grandchild = await region('CN-SOUTH-GD-SZ', 'CN', child.id);
    const foreign = await region('HU-EAST', 'HU');
    for (const [id, parentId, message] of [
      [root.id, grandchild.id, 'is the region itself or one of its sub-regions'],
      [root.id, root.id, 'is the region itself or one of its sub-regions'],
      [child.id, foreign.id, 'lies in HU, not CN'],
    ]) {
      const { response, error } = await updateRegion({
        client: manager.client,
        path: { id },
        body: { parentId },
      });
      expect(response.status).toBe(422);
      expect(error).toMatchObject({
        code: 'REGION_PARENT_INVALID',
        errors: [{ field: 'parentId', message }],
      });
    }
    // Nothing was written.
    expect((await getRegion({ client: manager.client, path: { id: root.id } })).data).toMatchObject({
      parentId: null,
      version: 1,
    });
    const unknown = await updateRegion({
      client: manager.client,
      path: { id: root.id },
      body: { parentId: '00000000-0000-4000-8000-000000000099' },
    });
    expect(unknown.response.status).toBe(422);
    expect(unknown.error).toMatchObject({ code: 'REGION_UNKNOWN' });
  });

  it('lets only company managers edit regions', async () => {
    const rep = await t.signIn(Role.REP, {
      vendorId: '00000000-0000-4000-8000-0000000000aa',
      repId: '00000000-0000-4000-8000-0000000000bb',
    });
    const target = await region('CN-WEST', 'CN');
    const { response } = await updateRegion({
      client: rep.client,
      path: { id: target.id },
      body: { name: 'x' },
    });
    expect(response.status).toBe(403);
  });
});
