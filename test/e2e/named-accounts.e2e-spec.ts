import {
  createLead,
  createNamedAccount,
  deleteNamedAccount,
  getLead,
  getNamedAccount,
  importLeads,
  importNamedAccounts,
  listAuditLog,
  listLeads,
  listNamedAccounts,
  setKeyLead,
  updateLead,
} from '../../openapi/sdk';
import { LeadGradingService } from '../../src/modules/leads/grading/lead-grading.service';
import { LEAD_INTAKE_LOCK } from '../../src/modules/leads/intake/lead-intake-lock';
import { holdAdvisoryLock } from '../support/advisory-lock';
import { adoszam, euVatOf, signInLeadRoles } from '../support/lead-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

const euVat = (index: number) => euVatOf(adoszam(index));

describe('Named accounts: a list of companies whose leads are key leads by rule', () => {
  let t: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let vendorManager: TestUser;
  let rep: TestUser;
  let counter = 0;

  beforeAll(async () => {
    t = await startTestApp();
    ({ admin, manager, vendorManager, rep } = await signInLeadRoles(t));
  });
  afterAll(() => t.close());

  const name = (label: string) => `${label} ${++counter} Kft.`;
  const addAccount = async (body: { companyName: string; taxId?: string; note?: string }) => {
    const { data, error } = await createNamedAccount({ client: manager.client, body });
    if (!data) throw new Error(JSON.stringify(error));
    return data;
  };
  const leadOf = async (id: string) => (await getLead({ client: manager.client, path: { id } })).data!;

  it('a lead matching a named account’s tax id is a key lead by rule', async () => {
    const account = await addAccount({ companyName: name('Listed By Tax'), taxId: euVat(1) });
    expect(account).toMatchObject({ taxIdKey: euVat(1), createdBy: manager.id });
    const { data } = await createLead({
      client: manager.client,
      body: { companyName: name('Trading Under Another Name'), taxId: adoszam(1) },
    });
    expect(data).toMatchObject({
      keyLead: true,
      keyLeadSetBy: 'rule',
      keyLeadReason: `named account: ${account.companyName}`,
    });
  });

  it('a lead matching a named account’s normalised company name is a key lead by rule, also when imported', async () => {
    await addAccount({ companyName: '青岛海尔集团公司' });
    const single = await createLead({
      client: manager.client,
      body: { companyName: '青岛海尔集团股份有限公司' },
    });
    expect(single.data).toMatchObject({ keyLead: true, keyLeadReason: 'named account: 青岛海尔集团公司' });

    await addAccount({ companyName: 'Mátra Gépgyártó Zrt.' });
    const imported = await importLeads({
      client: manager.client,
      body: { rows: [{ companyName: 'MATRA GEPGYARTO Kft' }, { companyName: name('Ordinary Importer') }] },
    });
    const [named, ordinary] = imported.data!.results;
    expect(named.outcome).toBe('created');
    expect(await leadOf(named.id!)).toMatchObject({
      keyLead: true,
      keyLeadReason: 'named account: Mátra Gépgyártó Zrt.',
    });
    expect((await leadOf(ordinary.id!)).keyLead).toBe(false);
  });

  it('adding a named account flags the leads it names at once; removing it takes the rule flag away', async () => {
    const companyName = name('Flagged Later');
    const lead = (await createLead({ client: manager.client, body: { companyName } })).data!;
    const handFlagged = (
      await createLead({
        client: manager.client,
        body: { companyName: name('Hand Flagged'), taxId: adoszam(2) },
      })
    ).data!;
    await setKeyLead({
      client: manager.client,
      path: { id: handFlagged.id },
      body: { keyLead: false, reason: 'Not a priority this year' },
    });
    expect(lead.keyLead).toBe(false);

    const account = await addAccount({ companyName: companyName.toUpperCase() });
    const other = await addAccount({ companyName: name('Listed Holding'), taxId: adoszam(2) });
    expect(await leadOf(lead.id)).toMatchObject({
      keyLead: true,
      keyLeadReason: `named account: ${account.companyName}`,
    });
    // A flag set by hand is never overridden by a rule.
    expect(await leadOf(handFlagged.id)).toMatchObject({
      keyLead: false,
      keyLeadSetBy: 'manual',
      keyLeadReason: 'Not a priority this year',
    });

    const removed = await deleteNamedAccount({ client: manager.client, path: { id: account.id } });
    expect(removed.response.status).toBe(204);
    expect(await leadOf(lead.id)).toMatchObject({ keyLead: false, keyLeadReason: null, keyLeadSetBy: null });
    expect(
      (await getNamedAccount({ client: manager.client, path: { id: account.id } })).response.status,
    ).toBe(404);
    expect(
      (await deleteNamedAccount({ client: manager.client, path: { id: account.id } })).response.status,
    ).toBe(404);
    await deleteNamedAccount({ client: manager.client, path: { id: other.id } });
  });

  it('a profile edit that gives a lead a named account’s tax id makes it a key lead by rule', async () => {
    const account = await addAccount({ companyName: name('Edited Into List'), taxId: adoszam(3) });
    const lead = (await createLead({ client: manager.client, body: { companyName: name('Plain') } })).data!;
    const { data } = await updateLead({
      client: manager.client,
      path: { id: lead.id },
      body: { taxId: euVat(3) },
    });
    expect(data).toMatchObject({ keyLead: true, keyLeadReason: `named account: ${account.companyName}` });
  });

  it('a lead and a named account with different tax ids are two companies: the name alone does not match', async () => {
    // At intake: the account is listed first.
    const listedFirst = await addAccount({ companyName: name('Same Name Other Tax'), taxId: adoszam(20) });
    const takenIn = await createLead({
      client: manager.client,
      body: { companyName: listedFirst.companyName, taxId: adoszam(21) },
    });
    expect(takenIn.data).toMatchObject({ keyLead: false, keyLeadSetBy: null });
    // At re-grading: the lead is there first.
    const companyName = name('Namesake Later');
    const lead = (await createLead({ client: manager.client, body: { companyName, taxId: adoszam(22) } }))
      .data!;
    await addAccount({ companyName, taxId: adoszam(23) });
    expect(await leadOf(lead.id)).toMatchObject({ keyLead: false, keyLeadSetBy: null });
    // Without a tax id on one side the name still decides.
    const taxed = await addAccount({ companyName: name('Listed With Tax'), taxId: adoszam(24) });
    const untaxed = await createLead({ client: manager.client, body: { companyName: taxed.companyName } });
    expect(untaxed.data).toMatchObject({
      keyLead: true,
      keyLeadReason: `named account: ${taxed.companyName}`,
    });
  });

  it('a lead taken in while a named account is being added gets its flag: the two take turns', async () => {
    const companyName = name('Racing Intake');
    // Hold the intake lock so both requests are under way at once, then let them go.
    const lock = await holdAdvisoryLock(t.dataSource, LEAD_INTAKE_LOCK);
    try {
      const account = addAccount({ companyName });
      await lock.waitForWaiters(1);
      const lead = createLead({ client: manager.client, body: { companyName: companyName.toUpperCase() } });
      await lock.waitForWaiters(2);
      await lock.release();
      await account;
      expect((await lead).data).toBeDefined();
      expect(await leadOf((await lead).data!.id)).toMatchObject({
        keyLead: true,
        keyLeadReason: `named account: ${companyName}`,
      });
    } finally {
      await lock.release();
    }
  });

  it('a re-grading never overrides a key-lead flag set by hand while it ran', async () => {
    const account = await addAccount({ companyName: name('Regraded Meanwhile') });
    const lead = (await createLead({ client: manager.client, body: { companyName: account.companyName } }))
      .data!;
    expect(lead).toMatchObject({ keyLead: true, keyLeadSetBy: 'rule' });
    const grading = t.app.get(LeadGradingService);
    await t.dataSource.transaction(async (em) => {
      // Right after the re-grading has read the lead, a manager sets the flag by hand (and commits).
      let read = false;
      const racing = new Proxy(em, {
        get(target, property, receiver) {
          if (property !== 'query') return Reflect.get(target, property, receiver) as unknown;
          return async (sql: string, parameters?: unknown[]) => {
            const rows: unknown = await target.query(sql, parameters);
            if (!read && sql.includes('FROM leads l')) {
              read = true;
              const set = await setKeyLead({
                client: manager.client,
                path: { id: lead.id },
                body: { keyLead: false, reason: 'Handled by the board' },
              });
              expect(set.response.status).toBe(200);
            }
            return rows;
          };
        },
      });
      await grading.regrade(racing, [lead.id], null);
      expect(read).toBe(true);
    });
    expect(await leadOf(lead.id)).toMatchObject({
      keyLead: false,
      keyLeadSetBy: 'manual',
      keyLeadReason: 'Handled by the board',
    });
  });

  it('refuses a company already on the list with 409 NAMED_ACCOUNT_DUPLICATE, and a bad tax id with 400', async () => {
    const account = await addAccount({ companyName: name('Listed Once'), taxId: adoszam(4) });
    const sameTax = await createNamedAccount({
      client: admin.client,
      body: { companyName: name('Other Name'), taxId: euVat(4) },
    });
    expect(sameTax.response.status).toBe(409);
    expect(sameTax.error).toMatchObject({
      code: 'NAMED_ACCOUNT_DUPLICATE',
      duplicateOfNamedAccountId: account.id,
      matchedOn: 'taxId',
    });
    const sameName = await createNamedAccount({
      client: admin.client,
      body: { companyName: `${account.companyName.replace(' Kft.', '')} Ltd.` },
    });
    expect(sameName.error).toMatchObject({ code: 'NAMED_ACCOUNT_DUPLICATE', matchedOn: 'companyName' });
    const badTax = await createNamedAccount({
      client: admin.client,
      body: { companyName: name('Bad Tax'), taxId: '12345678-1-42' },
    });
    expect(badTax.response.status).toBe(400);
    expect(badTax.error).toMatchObject({ errors: [expect.objectContaining({ field: 'taxId' })] });
    const listed = await listNamedAccounts({ client: admin.client, query: { companyName: 'Bad Tax' } });
    expect(listed.data!.data).toEqual([]);
  });

  it('imports named accounts with a result per row and refuses more than 1 000 rows whole', async () => {
    const existing = await addAccount({ companyName: name('Already Listed') });
    const fresh = name('Bulk New');
    const { response, data } = await importNamedAccounts({
      client: admin.client,
      body: {
        rows: [
          { companyName: fresh, taxId: adoszam(10), note: 'Framework deal' },
          { companyName: existing.companyName },
          { companyName: name('Same Tax As Row 0'), taxId: euVat(10) },
          { companyName: name('Broken'), taxId: 'not a tax id' },
        ],
      },
    });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ created: 1, duplicates: 2, rejected: 1 });
    const [created, duplicate, earlierRow, rejected] = data!.results;
    expect(created).toMatchObject({ row: 0, outcome: 'created' });
    expect(duplicate).toMatchObject({ outcome: 'duplicate', id: existing.id, matchedOn: 'companyName' });
    expect(earlierRow).toMatchObject({
      outcome: 'duplicate',
      id: created.id,
      matchedOn: 'taxId',
      duplicateOfRow: 0,
    });
    expect(rejected).toMatchObject({ outcome: 'rejected', code: 'VALIDATION_FAILED', field: 'taxId' });
    expect((await getNamedAccount({ client: admin.client, path: { id: created.id! } })).data).toMatchObject({
      companyName: fresh,
      note: 'Framework deal',
    });

    const tooMany = await importNamedAccounts({
      client: admin.client,
      body: { rows: Array.from({ length: 1001 }, (_, i) => ({ companyName: `Too Many ${i} Kft.` })) },
    });
    expect(tooMany.response.status).toBe(400);
    const [{ n }]: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM named_accounts WHERE company_name LIKE 'Too Many %'`,
    );
    expect(n).toBe(0);
  });

  it('lists named accounts a page at a time, filtered by name, and audits each addition and removal', async () => {
    for (const label of ['Paged Alpha', 'Paged Beta', 'Paged Gamma'])
      await addAccount({ companyName: name(label) });
    const first = await listNamedAccounts({
      client: admin.client,
      query: { companyName: 'paged', limit: 2 },
    });
    expect(first.data!.data).toHaveLength(2);
    const second = await listNamedAccounts({
      client: admin.client,
      query: { companyName: 'paged', limit: 2, cursor: first.data!.nextCursor! },
    });
    expect(second.data!.data).toHaveLength(1);
    expect(second.data!.nextCursor).toBeNull();
    const last = second.data!.data[0];
    await deleteNamedAccount({ client: admin.client, path: { id: last.id } });
    const audit = await listAuditLog({
      client: admin.client,
      query: { entityType: 'named_account', entityId: last.id },
    });
    expect(audit.data!.data).toEqual([
      expect.objectContaining({ action: 'create', actorSubjectId: manager.id }),
      expect.objectContaining({ action: 'delete', actorSubjectId: admin.id }),
    ]);
  });

  it('vendor managers and reps do not manage the named-account list (403) but see the key-lead flag on their leads', async () => {
    const account = await addAccount({ companyName: name('Vendor Sees Flag') });
    for (const user of [vendorManager, rep]) {
      expect((await listNamedAccounts({ client: user.client })).response.status).toBe(403);
      expect(
        (await createNamedAccount({ client: user.client, body: { companyName: name('Vendor Tries') } }))
          .response.status,
      ).toBe(403);
      expect(
        (
          await importNamedAccounts({
            client: user.client,
            body: { rows: [{ companyName: name('Vendor Bulk') }] },
          })
        ).response.status,
      ).toBe(403);
      expect((await getNamedAccount({ client: user.client, path: { id: account.id } })).response.status).toBe(
        403,
      );
      expect(
        (await deleteNamedAccount({ client: user.client, path: { id: account.id } })).response.status,
      ).toBe(403);
    }
    const { data } = await createLead({
      client: vendorManager.client,
      body: { companyName: account.companyName },
    });
    expect(data).toMatchObject({ keyLead: true, keyLeadReason: `named account: ${account.companyName}` });
    const listed = await listLeads({ client: vendorManager.client, query: { keyLead: true } });
    expect(listed.data!.data.map((lead) => lead.id)).toContain(data!.id);
  });

  it('keeps the named-account tag working as a manual marker', async () => {
    const { data } = await createLead({
      client: manager.client,
      body: { companyName: name('Tagged'), tags: ['named-account'] },
    });
    expect(data).toMatchObject({ keyLead: true, keyLeadSetBy: 'rule', keyLeadReason: 'named account' });
  });
});
