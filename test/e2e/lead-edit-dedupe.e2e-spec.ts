import { randomUUID } from 'node:crypto';
import {
  changeLeadStatus,
  createLead,
  getLead,
  importCustomers,
  mergeLeads,
  updateLead,
} from '../../openapi/sdk';
import type { LeadDto, UpdateLeadDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { LEAD_INTAKE_LOCK } from '../../src/modules/leads/intake/lead-intake-lock';
import { holdAdvisoryLock } from '../support/advisory-lock';
import { adoszam, euVatOf } from '../support/lead-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

describe('Profile edits re-check duplicates: another lead is 409, a customer 422, nothing written', () => {
  let t: TestApp;
  let manager: TestUser;
  let vendorX: TestUser;
  let vendorY: TestUser;
  let counter = 0;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    vendorX = await t.signIn(Role.VENDOR_MANAGER, { vendorId: randomUUID() });
    vendorY = await t.signIn(Role.VENDOR_MANAGER, { vendorId: randomUUID() });
  });
  afterAll(() => t.close());

  const newLead = async (user: TestUser, extra: Record<string, unknown> = {}): Promise<LeadDto> => {
    const { data, error } = await createLead({
      client: user.client,
      body: { companyName: `Edit Dedupe ${++counter} Kft.`, ...extra },
    });
    if (!data) throw new Error(JSON.stringify(error));
    return data;
  };
  const read = async (user: TestUser, id: string) =>
    (await getLead({ client: user.client, path: { id } })).data!;
  const profile = (lead: LeadDto) => ({
    version: lead.version,
    companyName: lead.companyName,
    companyNameKey: lead.companyNameKey,
    taxIdKey: lead.taxIdKey,
    contacts: lead.contacts.map((contact) => [contact.phone, contact.email]),
  });
  const edit = (user: TestUser, id: string, body: UpdateLeadDto) =>
    updateLead({ client: user.client, path: { id }, body });

  it.each<[string, (n: number) => Record<string, unknown>, (n: number) => UpdateLeadDto, string]>([
    ['tax id', (n) => ({ taxId: adoszam(n) }), (n) => ({ taxId: euVatOf(adoszam(n)) }), 'taxId'],
    [
      'company name',
      (n) => ({ companyName: `Duna Kereskedelmi ${n} Zrt.` }),
      (n) => ({ companyName: `DUNA KERESKEDELMI ${n} Kft` }),
      'companyName',
    ],
    [
      'phone',
      (n) => ({ contacts: [{ phone: `+36 30 700 ${1000 + n}` }] }),
      (n) => ({
        contacts: [
          { email: `first${n}@edit.example` },
          { phone: `0036307${String(1000 + n).padStart(6, '0')}` },
        ],
      }),
      'phone',
    ],
    [
      'email',
      (n) => ({ contacts: [{ email: `buyer${n}@edit.example` }] }),
      (n) => ({ contacts: [{ email: `BUYER${n}@Edit.Example` }] }),
      'email',
    ],
  ])(
    'a profile edit that makes the lead a duplicate of another lead (same %s) is 409 and changes nothing',
    async (_, existingKeys, editKeys, matchedOn) => {
      const n = ++counter;
      const existing = await newLead(manager, existingKeys(n));
      const edited = await newLead(manager);
      const { response, error } = await edit(manager, edited.id, editKeys(n));
      expect(response.status).toBe(409);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(error).toMatchObject({ code: 'LEAD_DUPLICATE', duplicateOfLeadId: existing.id, matchedOn });
      expect(profile(await read(manager, edited.id))).toEqual(profile(edited));
    },
  );

  it('points a collision error at the contact as the request numbers it, blank contacts counted', async () => {
    const n = ++counter;
    await newLead(manager, { contacts: [{ phone: `+36 30 710 ${1000 + n}` }] });
    const edited = await newLead(manager);
    const { response, error } = await edit(manager, edited.id, {
      contacts: [{ name: '  ' }, { email: `blank${n}@edit.example` }, { phone: `+3630710${1000 + n}` }],
    });
    expect(response.status).toBe(409);
    expect(error).toMatchObject({
      matchedOn: 'phone',
      errors: [{ field: 'contacts.2.phone', message: 'belongs to another lead' }],
    });
  });

  it('names the lead a profile edit collides with only when the caller may see it', async () => {
    const foreign = await newLead(vendorY, { taxId: adoszam(100) });
    const mine = await newLead(vendorX);
    const { response, error } = await edit(vendorX, mine.id, { taxId: adoszam(100) });
    expect(response.status).toBe(409);
    expect(error).toMatchObject({ code: 'LEAD_DUPLICATE', matchedOn: 'taxId' });
    expect(error).not.toHaveProperty('duplicateOfLeadId');
    expect(JSON.stringify(error)).not.toContain(foreign.id);
    expect(profile(await read(vendorX, mine.id))).toEqual(profile(mine));
    // A company-wide caller sees which lead it is.
    const visible = await edit(manager, mine.id, { taxId: adoszam(100) });
    expect(visible.error).toMatchObject({ duplicateOfLeadId: foreign.id });
  });

  it('a profile edit that makes the lead’s company an existing customer is 409 EXISTING_CUSTOMER and changes nothing', async () => {
    const imported = await importCustomers({
      client: manager.client,
      body: { rows: [{ erpCustomerId: 'EDIT-1', name: 'Tisza Logisztikai Zrt.', taxId: adoszam(200) }] },
    });
    const customerId = imported.data!.results[0].id;
    const lead = await newLead(manager);
    const byTax = await edit(manager, lead.id, { taxId: adoszam(200) });
    expect(byTax.response.status).toBe(409);
    expect(byTax.error).toMatchObject({
      code: 'EXISTING_CUSTOMER',
      matchedOn: 'taxId',
      customerId,
      errors: [expect.objectContaining({ field: 'taxId' })],
    });
    const byName = await edit(vendorX, (await newLead(vendorX)).id, {
      companyName: 'Tisza Logisztikai Kft.',
    });
    expect(byName.response.status).toBe(409);
    expect(byName.error).toMatchObject({ code: 'EXISTING_CUSTOMER', matchedOn: 'companyName' });
    expect(byName.error).not.toHaveProperty('customerId');
    expect(profile(await read(manager, lead.id))).toEqual(profile(lead));
  });

  it('accepts edits that add no colliding key: unchanged keys, its own customer, a merged-away lead', async () => {
    const lead = await newLead(manager, { taxId: adoszam(300), contacts: [{ email: 'own@edit.example' }] });
    const same = await edit(manager, lead.id, {
      companyName: lead.companyName,
      taxId: adoszam(300),
      contacts: [{ email: 'own@edit.example', name: 'Kovács Péter' }],
      needs: 'Annual supply',
    });
    expect(same.response.status).toBe(200);

    for (const status of ['contacted', 'qualified', 'negotiating', 'won'])
      await changeLeadStatus({ client: manager.client, path: { id: lead.id }, body: { status } as never });
    const won = await read(manager, lead.id);
    expect(won.customerId).not.toBeNull();
    expect((await edit(manager, lead.id, { companyName: 'Renamed Meanwhile Kft.' })).response.status).toBe(
      200,
    );
    const back = await edit(manager, lead.id, { companyName: lead.companyName });
    expect(back.response.status).toBe(200);

    const survivor = await newLead(manager);
    const mergedAway = await newLead(manager, { companyName: 'Bakony Informatikai Bt.' });
    await mergeLeads({
      client: manager.client,
      path: { id: survivor.id },
      body: { duplicateLeadId: mergedAway.id },
    });
    const third = await newLead(manager);
    expect((await edit(manager, third.id, { companyName: 'Bakony Informatikai Kft.' })).response.status).toBe(
      200,
    );
  });

  it('lets only one of two concurrent edits give two leads the same tax id', async () => {
    const first = await newLead(manager);
    const second = await newLead(manager);
    // Both edits queue on the intake lock before either checks, so they truly race once it is let go.
    const lock = await holdAdvisoryLock(t.dataSource, LEAD_INTAKE_LOCK);
    let answers;
    try {
      const edits = [first, second].map((lead) => edit(manager, lead.id, { taxId: adoszam(400) }));
      await lock.waitForWaiters(2);
      await lock.release();
      answers = await Promise.all(edits);
    } finally {
      await lock.release();
    }
    expect(answers.map((answer) => answer.response.status).sort()).toEqual([200, 409]);
    const [{ n }]: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM leads WHERE tax_id_key = $1`,
      [euVatOf(adoszam(400))],
    );
    expect(n).toBe(1);
  });
});
