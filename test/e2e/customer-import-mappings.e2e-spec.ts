import {
  createImportMapping,
  importCustomers,
  importCustomersCsv,
  listImportMappings,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

/**
 * Bringing accounts over from Salesforce, Odoo and HubSpot as customers: JSON rows and CSV files keep the
 * other system's columns and values, a shipped preset or a saved mapping translates them, and the rows then
 * meet the usual customer rules (dedupe on ERP id, tax id, name, phone, email; bad cells rejected).
 */
describe('Customer imports with column mappings', () => {
  let t: TestApp;
  let manager: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
  });
  afterAll(() => t.close());

  const customer = async (id: string) => {
    const [row] = await t.dataSource.query<Record<string, unknown>[]>(
      'SELECT erp_customer_id, name, tax_id, tax_id_key, phone, email FROM customers WHERE id = $1',
      [id],
    );
    return row;
  };
  const countCustomers = async () =>
    Number((await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM customers'))[0].n);

  it('the account presets are listed after the lead presets, with customers as their target', async () => {
    const { data } = await listImportMappings({ client: manager.client });
    expect(data!.data.slice(0, 6).map((mapping) => [mapping.name, mapping.target, mapping.preset])).toEqual([
      ['salesforce-lead', 'leads', true],
      ['odoo-crm-lead', 'leads', true],
      ['hubspot-contacts', 'leads', true],
      ['salesforce-account', 'customers', true],
      ['odoo-res-partner', 'customers', true],
      ['hubspot-companies', 'customers', true],
    ]);
  });

  it('a Salesforce Account export imports through the salesforce-account preset', async () => {
    const { response, data } = await importCustomersCsv({
      client: manager.client,
      query: { mapping: 'salesforce-account' },
      body:
        'Id,Name,Type,Phone,Website,Industry,BillingState,BillingCountry\n' +
        '0015g00000SfAccAAA,Alföld Gépgyártó Zrt.,Customer - Direct,06 76 123 456,alfold.example,Manufacturing,Bács-Kiskun,Hungary\n' +
        '0015g00000SfAccBBB,深圳市恒通电子科技有限公司,Customer,0755 8888 6666,,Electronics,Guangdong,China\n' +
        '0015g00000SfAccAAA,Alföld Gépgyártó Zrt. (HQ),Customer - Direct,,,,,Hungary\n' +
        '0015g00000SfAccCCC,Wiener Werkzeug GmbH,Prospect,1234,,Machinery,Wien,Austria\n',
    });
    expect(response.status).toBe(200);
    // Row 2 repeats row 0's Salesforce id; row 3's national number has no country OSM reads (Austria → empty).
    expect(data).toMatchObject({ created: 2, duplicates: 1, rejected: 1, skipped: 0 });
    expect(data!.results[2]).toMatchObject({
      outcome: 'duplicate',
      duplicateOfRow: 0,
      matchedOn: 'erpCustomerId',
    });
    expect(data!.results[3]).toMatchObject({
      outcome: 'rejected',
      code: 'VALIDATION_FAILED',
      field: 'Phone',
    });
    expect(data!.results[3].reason).toMatch(/^Phone needs a country code/);
    // BillingCountry Hungary → HU and China → CN tell the country of the national numbers.
    expect(await customer(data!.results[0].id!)).toMatchObject({
      erp_customer_id: '0015g00000SfAccAAA',
      name: 'Alföld Gépgyártó Zrt.',
      phone: '+3676123456',
      email: null,
      tax_id: null,
    });
    expect(await customer(data!.results[1].id!)).toMatchObject({
      erp_customer_id: '0015g00000SfAccBBB',
      phone: '+8675588886666',
    });
  });

  it('an Odoo res.partner export: vat becomes the tax id, mobile stands in for a missing phone', async () => {
    const { response, data } = await importCustomersCsv({
      client: manager.client,
      query: { mapping: 'odoo-res-partner' },
      body:
        'id,name,is_company,vat,phone,mobile,email,country_id,city,website\n' +
        '__export__.res_partner_42_1a2b3c4d,Duna Szoftver Kft.,True,10625790-4-44,,06 30 123 4567,INFO@duna.example,Hungary,Budapest,duna.example\n' +
        '__export__.res_partner_43_5e6f7a8b,Midea Group,True,91440606722473344C,,,,China,Foshan,\n',
    });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ created: 2, duplicates: 0, rejected: 0 });
    expect(await customer(data!.results[0].id!)).toMatchObject({
      erp_customer_id: '__export__.res_partner_42_1a2b3c4d',
      tax_id: '10625790-4-44',
      tax_id_key: 'HU10625790',
      phone: '+36301234567',
      email: 'info@duna.example',
    });
    expect(await customer(data!.results[1].id!)).toMatchObject({ tax_id_key: '91440606722473344C' });
  });

  it('JSON customer rows with a mapping are translated and errors name the source column', async () => {
    const { response, data } = await importCustomers({
      client: manager.client,
      query: { mapping: 'hubspot-companies' },
      body: {
        // HubSpot's own property labels; the Record ID comes as a number, as a JSON export gives it.
        rows: [
          {
            'Record ID': 9001,
            'Company name': 'Tisza Média Zrt.',
            'Company Domain Name': 'tisza.example',
            'Phone Number': '06 1 234 5678',
            'Country/Region': 'Hungary',
            Industry: 'Broadcast Media',
          },
          { 'Record ID': 9002, 'Company name': 'Kelet Kereskedelmi Kft.', 'Phone Number': '12345' },
          { 'Record ID': 9003, 'Company name': 'Nyugat Bt.', 'Phone Number': null, 'Country/Region': null },
        ],
      },
    });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ created: 2, rejected: 1, duplicates: 0 });
    expect(data!.results[1]).toMatchObject({ outcome: 'rejected', field: 'Phone Number' });
    expect(data!.results[1].reason).toMatch(/^Phone Number /);
    expect(await customer(data!.results[0].id!)).toMatchObject({
      erp_customer_id: '9001',
      name: 'Tisza Média Zrt.',
      phone: '+3612345678',
    });
    expect(await customer(data!.results[2].id!)).toMatchObject({ erp_customer_id: '9003', phone: null });

    // A cell of the wrong form refuses the whole request, named by the column it came from.
    const before = await countCustomers();
    const tooLong = await importCustomers({
      client: manager.client,
      query: { mapping: 'salesforce-account' },
      body: {
        rows: [
          { 'Account ID': '001X', 'Account Name': 'Rendben Kft.' },
          { 'Account ID': '001Y', 'Account Name': 'x'.repeat(301) },
        ],
      },
    });
    expect(tooLong.response.status).toBe(400);
    expect(tooLong.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ field: 'rows.1.Account Name' })],
    });
    expect(await countCustomers()).toBe(before);
  });

  it('a row with an unknown column under a mapping refuses the whole batch and writes nothing', async () => {
    const saved = await createImportMapping({
      client: manager.client,
      body: {
        name: 'sap-kunden',
        target: 'customers',
        description: 'SAP customer master, German headers',
        columns: { Kundennummer: 'erpCustomerId', Firma: 'name', 'E-Mail': 'email', Land: 'regionCode' },
        values: { Land: { Ungarn: 'HU', China: 'CN' } },
      },
    });
    expect(saved.response.status).toBe(201);
    const before = await countCustomers();

    const unknown = await importCustomers({
      client: manager.client,
      query: { mapping: 'sap-kunden' },
      body: {
        rows: [
          { Kundennummer: 'D-100', Firma: 'Erste GmbH', 'E-Mail': 'info@erste.example', Land: 'Ungarn' },
          { Kundennummer: 'D-101', Firma: 'Zweite GmbH', Fax: '+49 30 1234567' },
        ],
      },
    });
    expect(unknown.response.status).toBe(400);
    expect(unknown.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'header.Fax', message: 'is not a column of mapping sap-kunden' }],
    });

    // A value that is not text, a number or a boolean is named by row and column.
    const nested = await importCustomers({
      client: manager.client,
      query: { mapping: 'sap-kunden' },
      body: {
        rows: [{ Kundennummer: 'D-102', Firma: { name: 'Dritte GmbH' } } as never],
      },
    });
    expect(nested.response.status).toBe(400);
    expect(nested.error).toMatchObject({
      errors: [{ field: 'rows.0.Firma', message: 'must be a text, a number or a boolean' }],
    });

    // The mapping fills the customer's name from Firma: rows without it do not fit.
    const missing = await importCustomers({
      client: manager.client,
      query: { mapping: 'sap-kunden' },
      body: { rows: [{ Kundennummer: 'D-103' }] },
    });
    expect(missing.response.status).toBe(400);
    expect(missing.error).toMatchObject({ errors: [expect.objectContaining({ field: 'header.Firma' })] });

    // A country the value map does not list passes through and is no region code: the batch is refused.
    const badRegion = await importCustomers({
      client: manager.client,
      query: { mapping: 'sap-kunden' },
      body: { rows: [{ Kundennummer: 'D-104', Firma: 'Vierte GmbH', Land: 'Österreich' }] },
    });
    expect(badRegion.response.status).toBe(400);
    expect(badRegion.error).toMatchObject({ errors: [expect.objectContaining({ field: 'rows.0.Land' })] });
    expect(await countCustomers()).toBe(before);

    const fine = await importCustomers({
      client: manager.client,
      query: { mapping: 'sap-kunden' },
      body: {
        rows: [
          { Kundennummer: 'D-100', Firma: 'Erste GmbH', 'E-Mail': 'info@erste.example', Land: 'Ungarn' },
        ],
      },
    });
    expect(fine.data).toMatchObject({ created: 1 });
    expect(await customer(fine.data!.results[0].id!)).toMatchObject({
      erp_customer_id: 'D-100',
      email: 'info@erste.example',
    });
  });

  it('without a mapping JSON customer rows are OSM rows: another system’s column is refused, naming it', async () => {
    const before = await countCustomers();
    const foreign = await importCustomers({
      client: manager.client,
      body: { rows: [{ erpCustomerId: 'K-1', name: 'Első Kft.' }, { 'Account Name': 'Második Kft.' }] },
    });
    expect(foreign.response.status).toBe(400);
    expect(foreign.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: expect.arrayContaining([
        { field: 'rows.1.Account Name', message: 'property Account Name should not exist' },
        expect.objectContaining({ field: 'rows.1.erpCustomerId' }),
      ]),
    });
    const nullName = await importCustomers({
      client: manager.client,
      body: { rows: [{ erpCustomerId: 'K-2', name: null as never }] },
    });
    expect(nullName.response.status).toBe(400);
    expect(nullName.error).toMatchObject({ errors: [{ field: 'rows.0.name', message: 'must not be null' }] });
    expect(await countCustomers()).toBe(before);

    const leadsMapping = await importCustomers({
      client: manager.client,
      query: { mapping: 'salesforce-lead' },
      body: { rows: [{ Company: 'A Kft.' }] },
    });
    expect(leadsMapping.response.status).toBe(400);
    expect(leadsMapping.error).toMatchObject({
      errors: [{ field: 'mapping', message: 'salesforce-lead maps leads, not customers' }],
    });
  });
});
