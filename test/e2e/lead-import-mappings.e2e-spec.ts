import { randomUUID } from 'node:crypto';
import {
  createImportMapping,
  deleteImportMapping,
  getImportMapping,
  importCustomersCsv,
  importLeads,
  importLeadsCsv,
  listImportMappings,
  replaceImportMapping,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

/**
 * Bringing leads over from Salesforce, Odoo and HubSpot: the files keep their own headers and values,
 * a mapping (shipped preset or saved) translates them, and the rows then meet the usual intake rules.
 */
describe('Lead imports with column mappings', () => {
  let t: TestApp;
  let manager: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
  });
  afterAll(() => t.close());

  const csv = (body: string, mapping?: string) =>
    importLeadsCsv({ client: manager.client, body, query: mapping ? { mapping } : undefined });

  const lead = async (id: string) => {
    const [row] = await t.dataSource.query(
      `SELECT l.company_name, l.source, l.tags, l.needs, c.name AS contact_name, c.email, c.title
         FROM leads l LEFT JOIN lead_contacts c ON c.lead_id = l.id WHERE l.id = $1`,
      [id],
    );
    return row as Record<string, unknown>;
  };

  it('a Salesforce Lead export: 4 rows → 2 created, 1 duplicate, 1 rejected naming the Email column', async () => {
    const { response, data } = await csv(
      'First Name,Last Name,Company,Title,Email,Phone,Lead Source,Lead Status,Rating,Industry,Street,City,State/Province,Country,Description\n' +
        'Anna,Kovács,Alföld Gépgyártó Zrt.,Beszerzési vezető,anna.kovacs@alfold.example,,Trade Show,Open - Not Contacted,Hot,Manufacturing,Fő utca 1,Budapest,,Hungary,"Needs 3 CNC lines, delivery in Q2"\n' +
        'Béla,Nagy,Pannon Logisztika Kft.,CEO,bela@pannon.example,,Web,Working - Contacted,Cold,Transportation,,Győr,,Hungary,\n' +
        'Csilla,Tóth,Alföld Gépgyártó Zrt.,,csilla@alfold.example,,Web,,Warm,,,,,,\n' +
        'Dénes,Szabó,Rossz Cím Kft.,,not-an-email,,Other,,,,,,,,\n',
      'salesforce-lead',
    );
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ created: 2, duplicates: 1, rejected: 1, skipped: 0 });
    expect(data!.results.map((result) => result.outcome)).toEqual([
      'created',
      'created',
      'duplicate',
      'rejected',
    ]);
    expect(data!.results[2]).toMatchObject({ row: 2, duplicateOfRow: 0, matchedOn: 'companyName' });
    expect(data!.results[3]).toMatchObject({ row: 3, code: 'VALIDATION_FAILED', field: 'Email' });
    expect(data!.results[3].reason).toMatch(/^Email /);

    // Rating Hot → the tag rating-hot; Lead Source "Trade Show" → event; first and last name joined.
    expect(await lead(data!.results[0].id!)).toMatchObject({
      company_name: 'Alföld Gépgyártó Zrt.',
      source: 'event',
      tags: ['rating-hot'],
      needs: 'Needs 3 CNC lines, delivery in Q2',
      contact_name: 'Anna Kovács',
      email: 'anna.kovacs@alfold.example',
      title: 'Beszerzési vezető',
    });
    expect(await lead(data!.results[1].id!)).toMatchObject({ source: 'web_form', tags: ['rating-cold'] });
  });

  it('an Odoo crm.lead export: 3 rows → 2 created, 1 duplicate; stage and priority become tags', async () => {
    const { response, data } = await csv(
      'name,partner_name,contact_name,email_from,phone,mobile,stage_id,tag_ids,country_id,city,description,expected_revenue,probability,user_id,priority\n' +
        'ERP rollout,Duna Szoftver Kft.,Erika Varga,erika@duna.example,,,Qualified,"Software,Services",Hungary,Budapest,40 seats,120000.00,60,Mitchell Admin,High\n' +
        'Office chairs,Duna Szoftver Kft.,,,,,New,,Hungary,,,,10,Mitchell Admin,Low\n' +
        'Website,Tisza Média Zrt.,Gábor Kiss,gabor@tisza.example,,,Won,,,,,5000,100,,Medium\n',
      'odoo-crm-lead',
    );
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ created: 2, duplicates: 1, rejected: 0 });
    expect(data!.results[1]).toMatchObject({ outcome: 'duplicate', duplicateOfRow: 0 });
    expect(await lead(data!.results[0].id!)).toMatchObject({
      company_name: 'Duna Szoftver Kft.',
      source: 'import',
      // In header order: stage_id, then tag_ids, then priority.
      tags: ['stage-qualified', 'Software', 'Services', 'priority-high'],
      needs: 'ERP rollout\n40 seats',
      contact_name: 'Erika Varga',
    });
    expect(await lead(data!.results[2].id!)).toMatchObject({ tags: ['stage-won', 'priority-medium'] });
  });

  it('HubSpot contacts as JSON rows: 3 rows → 1 created, 1 rejected naming Phone Number, 1 duplicate by email', async () => {
    const { response, data } = await importLeads({
      client: manager.client,
      query: { mapping: 'hubspot-contacts' },
      body: {
        // Records keyed by HubSpot's own column labels, as the contract says rows are with a mapping.
        rows: [
          {
            'Record ID': 101,
            'First Name': 'Na',
            'Last Name': 'Li',
            Email: 'li.na@hengtong.example',
            'Phone Number': '13812345678',
            'Company Name': '深圳市恒通电子科技有限公司',
            'Job Title': '采购经理',
            'Lifecycle Stage': 'Marketing Qualified Lead',
            'Lead Status': 'In Progress',
            'Original Source': 'Organic Search',
            'Country/Region': 'China',
          },
          { 'Record ID': 102, 'Company Name': 'Kelet Kereskedelmi Kft.', 'Phone Number': '12345' },
          { 'Record ID': 103, 'Company Name': '恒通电子', Email: 'LI.NA@hengtong.example' },
        ],
      },
    });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ created: 1, rejected: 1, duplicates: 1 });
    expect(data!.results[1]).toMatchObject({ outcome: 'rejected', field: 'Phone Number' });
    expect(data!.results[2]).toMatchObject({ outcome: 'duplicate', duplicateOfRow: 0, matchedOn: 'email' });
    expect(await lead(data!.results[0].id!)).toMatchObject({
      source: 'web_form',
      tags: ['lifecycle-mql', 'hubspot-in-progress'],
      contact_name: 'Na Li',
      title: '采购经理',
    });
  });

  it('a cell of the wrong format refuses the whole mapped file, naming the source column', async () => {
    const before = Number((await t.dataSource.query('SELECT count(*) FROM leads'))[0].count);
    const { response, error } = await csv(
      'Company,Lead Source\nEgyes Kft.,Web\nKettes Kft.,Carrier Pigeon\n',
      'salesforce-lead',
    );
    // Lead Source maps every unlisted value to import, so the file is fine…
    expect(response.status).toBe(200);
    const saved = await createImportMapping({
      client: manager.client,
      body: {
        name: `strict-${randomUUID().slice(0, 8)}`,
        target: 'leads',
        columns: { Company: 'companyName', Channel: 'source' },
        values: { Channel: { Fair: 'event' } },
      },
    });
    expect(saved.response.status).toBe(201);
    // …while a mapping without a catch-all passes "Carrier Pigeon" through, and it is not a source.
    const strict = await csv(
      'Company,Channel\nHármas Kft.,Fair\nNégyes Kft.,Carrier Pigeon\n',
      saved.data!.name,
    );
    expect(strict.response.status).toBe(400);
    expect(strict.error).toMatchObject({ errors: [expect.objectContaining({ field: 'rows.1.Channel' })] });
    expect(error).toBeUndefined();
    expect(Number((await t.dataSource.query('SELECT count(*) FROM leads'))[0].count)).toBe(before + 2);
  });

  it('without a mapping an unknown column is still refused; an unknown mapping name is 400', async () => {
    const plain = await csv('First Name,Company\nAnna,Alföld Kft.\n');
    expect(plain.response.status).toBe(400);
    expect(plain.error).toMatchObject({
      errors: expect.arrayContaining([expect.objectContaining({ field: 'header.First Name' })]),
    });
    const unknown = await csv('Company\nA Kft.\n', 'no-such-mapping');
    expect(unknown.response.status).toBe(400);
    expect(unknown.error).toMatchObject({ errors: [expect.objectContaining({ field: 'mapping' })] });
    const missing = await csv('First Name,Email\nAnna,anna@x.example\n', 'salesforce-lead');
    expect(missing.response.status).toBe(400);
    expect(missing.error).toMatchObject({ errors: [expect.objectContaining({ field: 'header.Company' })] });
  });

  describe('saved mappings', () => {
    it('are created, listed after the presets, replaced with If-Match and deleted', async () => {
      const list = await listImportMappings({ client: manager.client });
      expect(list.data!.data.slice(0, 3).map((mapping) => [mapping.name, mapping.preset])).toEqual([
        ['salesforce-lead', true],
        ['odoo-crm-lead', true],
        ['hubspot-contacts', true],
      ]);

      const created = await createImportMapping({
        client: manager.client,
        body: {
          name: 'acme-crm',
          target: 'leads',
          description: 'The Acme CRM export',
          columns: { Account: 'companyName', Grade: 'tags', Mail: 'contactEmail' },
          values: { Grade: { A: 'tier-a', B: 'tier-b' } },
        },
      });
      expect(created.response.status).toBe(201);
      expect(created.data).toMatchObject({
        name: 'acme-crm',
        preset: false,
        version: 1,
        ignoreUnknownColumns: false,
      });
      expect(created.response.headers.get('etag')).toBe('"1"');

      const again = await createImportMapping({
        client: manager.client,
        body: { name: 'acme-crm', target: 'leads', columns: { Account: 'companyName' } },
      });
      expect(again.response.status).toBe(409);
      expect(again.error).toMatchObject({ code: 'IMPORT_MAPPING_NAME_TAKEN' });
      const presetName = await createImportMapping({
        client: manager.client,
        body: { name: 'salesforce-lead', target: 'leads', columns: { Company: 'companyName' } },
      });
      expect(presetName.response.status).toBe(409);

      // The saved mapping does not ignore unknown columns: Fax refuses the file.
      const fax = await csv('Account,Grade,Mail,Fax\nKelet Kft.,A,kelet@kelet.example,1234\n', 'acme-crm');
      expect(fax.response.status).toBe(400);
      expect(fax.error).toMatchObject({
        errors: [{ field: 'header.Fax', message: 'is not a column of mapping acme-crm' }],
      });
      const imported = await csv('Account,Grade,Mail\nKelet Kft.,A,kelet@kelet.example\n', 'acme-crm');
      expect(imported.data).toMatchObject({ created: 1 });
      expect(await lead(imported.data!.results[0].id!)).toMatchObject({
        tags: ['tier-a'],
        email: 'kelet@kelet.example',
      });

      const replaced = await replaceImportMapping({
        client: manager.client,
        path: { name: 'acme-crm' },
        headers: { 'if-match': '"1"' },
        body: {
          target: 'leads',
          columns: { Account: 'companyName', Grade: 'tags', Mail: 'contactEmail', Fax: 'contactPhone' },
          values: { Grade: { A: 'tier-a' } },
          ignoreUnknownColumns: true,
        },
      });
      expect(replaced.response.status).toBe(200);
      expect(replaced.data).toMatchObject({ version: 2, ignoreUnknownColumns: true });
      const stale = await replaceImportMapping({
        client: manager.client,
        path: { name: 'acme-crm' },
        headers: { 'if-match': '"1"' },
        body: { target: 'leads', columns: { Account: 'companyName' } },
      });
      expect(stale.response.status).toBe(412);

      const preset = await replaceImportMapping({
        client: manager.client,
        path: { name: 'hubspot-contacts' },
        body: { target: 'leads', columns: { Company: 'companyName' } },
      });
      expect(preset.response.status).toBe(409);
      expect(preset.error).toMatchObject({ code: 'IMPORT_MAPPING_READ_ONLY' });

      const stillThere = await getImportMapping({ client: manager.client, path: { name: 'acme-crm' } });
      expect(stillThere.data).toMatchObject({ version: 2, columns: { Fax: 'contactPhone' } });
      const removed = await deleteImportMapping({ client: manager.client, path: { name: 'acme-crm' } });
      expect(removed.response.status).toBe(204);
      const gone = await getImportMapping({ client: manager.client, path: { name: 'acme-crm' } });
      expect(gone.response.status).toBe(404);
    });

    it('a column mapped to a field OSM does not have is 422 naming it', async () => {
      const { response, error } = await createImportMapping({
        client: manager.client,
        body: {
          name: 'bad-fields',
          target: 'leads',
          columns: { Company: 'companyName', Rating: 'grade' },
          values: { Stage: { New: 'new' } },
        },
      });
      expect(response.status).toBe(422);
      expect(error).toMatchObject({
        code: 'IMPORT_MAPPING_INVALID',
        errors: [
          expect.objectContaining({
            field: 'columns.Rating',
            message: expect.stringMatching(/^maps to grade/),
          }),
          { field: 'values.Stage', message: 'translates a column the mapping does not map' },
        ],
      });
      const customers = await createImportMapping({
        client: manager.client,
        body: { name: 'erp-accounts', target: 'customers', columns: { 'Account Name': 'name' } },
      });
      expect(customers.response.status).toBe(422);
    });

    it('vendor managers read mappings but do not write them', async () => {
      const vendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: randomUUID() });
      const list = await listImportMappings({ client: vendorManager.client });
      expect(list.response.status).toBe(200);
      const write = await createImportMapping({
        client: vendorManager.client,
        body: { name: 'mine', target: 'leads', columns: { Company: 'companyName' } },
      });
      expect(write.response.status).toBe(403);
    });
  });
});

describe('Customer CSV imports with a saved mapping', () => {
  let t: TestApp;
  let manager: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
  });
  afterAll(() => t.close());

  it('an ERP account export: 3 rows → 1 created, 1 duplicate by ERP id, 1 rejected naming the E-mail column', async () => {
    const saved = await createImportMapping({
      client: manager.client,
      body: {
        name: 'erp-accounts',
        target: 'customers',
        columns: { 'Account Number': 'erpCustomerId', 'Account Name': 'name', 'E-mail': 'email' },
        ignoreUnknownColumns: true,
      },
    });
    expect(saved.response.status).toBe(201);
    const { response, data } = await importCustomersCsv({
      client: manager.client,
      query: { mapping: 'erp-accounts' },
      body:
        'Account Number,Account Name,E-mail,Billing City\n' +
        'K-1001,Mátra Kereskedelmi Kft.,info@matra.example,Eger\n' +
        'K-1001,Mátra Kereskedelmi Kft. (old),,Eger\n' +
        'K-1002,Bükk Faipari Zrt.,not-an-address,Miskolc\n',
    });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ created: 1, duplicates: 1, rejected: 1 });
    expect(data!.results[1]).toMatchObject({ outcome: 'duplicate', matchedOn: 'erpCustomerId' });
    expect(data!.results[2]).toMatchObject({ outcome: 'rejected', field: 'E-mail' });

    const plain = await importCustomersCsv({
      client: manager.client,
      body: 'Account Number,name\nK-1,A Kft.\n',
    });
    expect(plain.response.status).toBe(400);
    expect(plain.error).toMatchObject({
      errors: expect.arrayContaining([
        expect.objectContaining({
          field: 'header.Account Number',
          message: expect.stringMatching(/^is not a known column/),
        }),
      ]),
    });
    const leadsMapping = await importCustomersCsv({
      client: manager.client,
      query: { mapping: 'salesforce-lead' },
      body: 'Company\nA Kft.\n',
    });
    expect(leadsMapping.response.status).toBe(400);
    expect(leadsMapping.error).toMatchObject({
      errors: [{ field: 'mapping', message: 'salesforce-lead maps leads, not customers' }],
    });
  });
});
