import {
  createApiClient,
  createLead,
  createToken,
  getLead,
  listLeadActivities,
  upsertLeadByExternalId,
} from '../../openapi/sdk';
import type { CreateLeadDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { adoszam } from '../support/lead-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';

describe('Lead upsert by external id: one lead per (source, id), a repeat writes nothing', () => {
  let t: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let vendorA: string;
  let clientA: TestUser;
  let clientB: TestUser;

  async function integrationClient(vendorId: string): Promise<TestUser> {
    const { data: client } = await createApiClient({ client: admin.client, body: { name: 'ERP', vendorId } });
    const { data: token } = await createToken({
      client: t.anonymous,
      body: {
        grant_type: 'client_credentials',
        client_id: client!.clientId,
        client_secret: client!.clientSecret,
      },
    });
    return {
      id: client!.id,
      email: '',
      password: '',
      token: token!.access_token,
      client: t.clientWithToken(token!.access_token),
    };
  }

  const countRows = async (sql: string, params: unknown[]): Promise<number> => {
    const [row] = await t.dataSource.query<{ n: number }[]>(sql, params);
    return row.n;
  };
  const historyOf = async (id: string) =>
    (await listLeadActivities({ client: manager.client, path: { id } })).data!.data.length;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    manager = await t.signIn(Role.SALES_MANAGER);
    const fx = vendorFixtures(manager.client);
    const unit = await fx.salesUnit();
    vendorA = (await fx.vendor(unit.id)).id;
    const vendorB = (await fx.vendor(unit.id)).id;
    clientA = await integrationClient(vendorA);
    clientB = await integrationClient(vendorB);
  });
  afterAll(() => t.close());

  const body = (overrides: Partial<CreateLeadDto> = {}): CreateLeadDto => ({
    companyName: 'Alföldi Gépgyártó Kft.',
    taxId: adoszam(501),
    contacts: [{ name: 'Kiss Éva', phone: '+36 30 123 4501' }],
    tags: ['erp'],
    ...overrides,
  });

  it('takes an unknown id in as a new lead (201) and the same body again is the same lead (200), unchanged', async () => {
    const first = await upsertLeadByExternalId({
      client: manager.client,
      path: { source: 'sap-erp', externalId: 'L-1' },
      body: body(),
    });
    expect(first.response.status).toBe(201);
    expect(first.data!.externalIds).toEqual([{ source: 'sap-erp', externalId: 'L-1' }]);
    const history = await historyOf(first.data!.id);

    const again = await upsertLeadByExternalId({
      client: manager.client,
      path: { source: 'sap-erp', externalId: 'L-1' },
      body: body(),
    });
    expect(again.response.status).toBe(200);
    expect(again.data!.id).toBe(first.data!.id);
    expect(again.data!.version).toBe(first.data!.version);
    expect(again.data!.updatedAt).toBe(first.data!.updatedAt);
    expect(await historyOf(first.data!.id)).toBe(history);
    expect(await countRows(`SELECT count(*)::int AS n FROM leads WHERE tax_id = $1`, [adoszam(501)])).toBe(1);
  });

  it('a changed body edits the known lead’s profile: one new version, fields left out kept', async () => {
    const before = await upsertLeadByExternalId({
      client: manager.client,
      path: { source: 'sap-erp', externalId: 'L-1' },
      body: body(),
    });
    const changed = await upsertLeadByExternalId({
      client: manager.client,
      path: { source: 'sap-erp', externalId: 'L-1' },
      body: { companyName: 'Alföldi Gépgyártó Kft.', needs: '40 CNC machines', tags: ['erp', 'cnc'] },
    });
    expect(changed.response.status).toBe(200);
    expect(changed.data).toMatchObject({
      id: before.data!.id,
      version: before.data!.version + 1,
      needs: '40 CNC machines',
      tags: ['erp', 'cnc'],
      taxId: adoszam(501),
      contacts: [expect.objectContaining({ name: 'Kiss Éva', phone: '+36301234501' })],
    });
  });

  it('links an id of a second source to the lead the company already has (200), one id per source', async () => {
    const existing = (
      await getLead({
        client: manager.client,
        path: {
          id: (
            await upsertLeadByExternalId({
              client: manager.client,
              path: { source: 'sap-erp', externalId: 'L-1' },
              body: body(),
            })
          ).data!.id,
        },
      })
    ).data!;
    const linked = await upsertLeadByExternalId({
      client: manager.client,
      path: { source: 'crm', externalId: 'C-77' },
      body: { companyName: 'Alföldi Gépgyártó Kft.', taxId: adoszam(501) },
    });
    expect(linked.response.status).toBe(200);
    expect(linked.data!.id).toBe(existing.id);
    expect(linked.data!.externalIds).toEqual([
      { source: 'crm', externalId: 'C-77' },
      { source: 'sap-erp', externalId: 'L-1' },
    ]);
    // A second id of the same source for the same company is a duplicate, not a second link.
    const second = await upsertLeadByExternalId({
      client: manager.client,
      path: { source: 'crm', externalId: 'C-78' },
      body: { companyName: 'Alföldi Gépgyártó Kft.', taxId: adoszam(501) },
    });
    expect(second.response.status).toBe(409);
    expect(second.error).toMatchObject({ code: 'LEAD_DUPLICATE', duplicateOfLeadId: existing.id });
    expect(
      await countRows(`SELECT count(*)::int AS n FROM lead_external_ids WHERE lead_id = $1`, [existing.id]),
    ).toBe(2);
  });

  it('a vendor-bound client takes the lead in for its vendor; another vendor’s client gets 404 and changes nothing', async () => {
    const own = await upsertLeadByExternalId({
      client: clientA.client,
      path: { source: 'vendor-erp', externalId: 'V-1' },
      body: body({ companyName: 'Tiszai Faipari Bt.', taxId: adoszam(502), contacts: [] }),
    });
    expect(own.response.status).toBe(201);
    expect(own.data!.vendorId).toBe(vendorA);

    const foreign = await upsertLeadByExternalId({
      client: clientB.client,
      path: { source: 'vendor-erp', externalId: 'V-1' },
      body: body({ companyName: 'Tiszai Faipari Bt.', taxId: adoszam(502), needs: 'overwrite' }),
    });
    expect(foreign.response.status).toBe(404);
    expect(JSON.stringify(foreign.error)).not.toContain(own.data!.id);
    const after = await getLead({ client: manager.client, path: { id: own.data!.id } });
    expect(after.data!.version).toBe(own.data!.version);
    expect(after.data!.needs).toBeNull();
  });

  it('a body the intake refuses is refused the same way (400) and nothing is written', async () => {
    const leads = await countRows('SELECT count(*)::int AS n FROM leads', []);
    const { response, error } = await upsertLeadByExternalId({
      client: manager.client,
      path: { source: 'sap-erp', externalId: 'L-bad' },
      body: body({ companyName: 'Rossz Adószám Kft.', taxId: '12345678-1-41' }),
    });
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await countRows('SELECT count(*)::int AS n FROM leads', [])).toBe(leads);
    expect(
      await countRows(`SELECT count(*)::int AS n FROM lead_external_ids WHERE external_id = 'L-bad'`, []),
    ).toBe(0);
  });

  it('a lead taken in without an id still dedupes against one taken in with an id', async () => {
    const { response } = await createLead({ client: manager.client, body: body() });
    expect(response.status).toBe(409);
  });
});
