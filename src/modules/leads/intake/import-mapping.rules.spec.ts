import {
  checkMappingRules,
  ImportMappingRules,
  ImportMappingTarget,
  mapRow,
  planMapping,
  recordsToCells,
  toSourceField,
  translateValue,
} from './import-mapping.rules';
import { IMPORT_MAPPING_PRESETS, findPreset } from './import-mapping-presets';

const rules = (overrides: Partial<ImportMappingRules> = {}): ImportMappingRules => ({
  target: ImportMappingTarget.LEADS,
  columns: {
    Company: 'companyName',
    'First Name': 'contactName',
    'Last Name': 'contactName',
    Rating: 'tags',
  },
  values: { Rating: { Hot: 'rating-hot', Cold: 'rating-cold' } },
  ignoreUnknownColumns: false,
  ...overrides,
});

const plan = (mapping: ImportMappingRules, header: string[]) => {
  const result = planMapping(mapping, header, 'test');
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.plan;
};

describe('import mapping rules', () => {
  it('a column mapped to a field OSM does not have is named', () => {
    const errors = checkMappingRules(rules({ columns: { Company: 'companyName', Rating: 'grade' } }));
    expect(errors).toEqual([
      expect.objectContaining({ field: 'columns.Rating', message: expect.stringMatching(/^maps to grade/) }),
    ]);
  });

  it('a value map of a column the mapping does not map is refused', () => {
    const errors = checkMappingRules(rules({ values: { Stage: { New: 'x' } } }));
    expect(errors).toEqual([
      { field: 'values.Stage', message: 'translates a column the mapping does not map' },
    ]);
  });

  it('a mapping must fill every required field of its target', () => {
    expect(checkMappingRules(rules({ columns: { Email: 'contactEmail' }, values: {} }))).toEqual([
      { field: 'columns', message: 'no column fills companyName, which every row needs' },
    ]);
    const customers = checkMappingRules({
      target: ImportMappingTarget.CUSTOMERS,
      columns: { 'Account Name': 'name' },
      values: {},
      ignoreUnknownColumns: true,
    });
    expect(customers).toEqual([
      { field: 'columns', message: 'no column fills erpCustomerId, which every row needs' },
    ]);
  });

  it('every shipped preset keeps the rules', () => {
    for (const preset of IMPORT_MAPPING_PRESETS) expect(checkMappingRules(preset)).toEqual([]);
  });

  it('presets exist for leads and for customers, lead presets first', () => {
    expect(IMPORT_MAPPING_PRESETS.map((preset) => [preset.name, preset.target])).toEqual([
      ['salesforce-lead', 'leads'],
      ['odoo-crm-lead', 'leads'],
      ['hubspot-contacts', 'leads'],
      ['salesforce-account', 'customers'],
      ['odoo-res-partner', 'customers'],
      ['hubspot-companies', 'customers'],
    ]);
  });
});

describe('fitting a mapping to a header', () => {
  it('a column the mapping does not know refuses the file unless the mapping ignores unknown columns', () => {
    expect(planMapping(rules(), ['Company', 'Fax'], 'crm')).toEqual({
      ok: false,
      errors: [{ field: 'header.Fax', message: 'is not a column of mapping crm' }],
    });
    expect(planMapping(rules({ ignoreUnknownColumns: true }), ['Company', 'Fax'], 'crm').ok).toBe(true);
  });

  it('the source column of a required field must be in the file', () => {
    expect(planMapping(rules({ ignoreUnknownColumns: true }), ['Rating'], 'crm')).toEqual({
      ok: false,
      errors: [
        {
          field: 'header.Company',
          message: 'is missing: mapping crm fills companyName from it, and every row needs companyName',
        },
      ],
    });
  });
});

describe('mapping a row', () => {
  it('joins first and last name with a space and translates Rating Hot to the tag rating-hot', () => {
    const header = ['Company', 'First Name', 'Last Name', 'Rating'];
    expect(mapRow(plan(rules(), header), ['  Acme Kft. ', 'Anna', 'Kovács', 'Hot'])).toEqual({
      companyName: 'Acme Kft.',
      contactName: 'Anna Kovács',
      tags: 'rating-hot',
    });
  });

  it('leaves empty cells out and passes a value the map does not list through', () => {
    const header = ['Company', 'First Name', 'Last Name', 'Rating'];
    expect(mapRow(plan(rules(), header), ['Acme', '', 'Kovács', 'Lukewarm'])).toEqual({
      companyName: 'Acme',
      contactName: 'Kovács',
      tags: 'Lukewarm',
    });
  });

  it('value maps match ignoring case, and `*` stands for every other value', () => {
    const map = { Hot: 'rating-hot', '*': '' };
    expect(translateValue(map, 'hot ')).toBe('rating-hot');
    expect(translateValue(map, 'Warm')).toBe('');
    expect(translateValue(undefined, 'Warm')).toBe('Warm');
  });

  it('several list columns make one list; a cell may hold a comma separated list itself', () => {
    const odoo = findPreset('odoo-crm-lead')!;
    const header = [
      'partner_name',
      'tag_ids',
      'stage_id',
      'priority',
      'name',
      'description',
      'phone',
      'mobile',
    ];
    const row = mapRow(plan(odoo, header), [
      'Agrolink Zrt.',
      'Software,Services',
      'Qualified',
      'High',
      'ERP rollout',
      'Needs 40 seats',
      '',
      '+36 30 123 4567',
    ]);
    expect(row).toEqual({
      companyName: 'Agrolink Zrt.',
      tags: 'Software;Services;stage-qualified;priority-high',
      needs: 'ERP rollout\nNeeds 40 seats',
      contactPhone: '+36 30 123 4567',
    });
  });

  it('error paths name the source column instead of the OSM field', () => {
    const header = ['Company', 'First Name', 'Last Name', 'Email'];
    const mapped = plan(rules({ columns: { ...rules().columns, Email: 'contactEmail' } }), header);
    expect(toSourceField(mapped, 'rows.2.contactEmail')).toBe('rows.2.Email');
    expect(toSourceField(mapped, 'contactName must be shorter')).toBe(
      'First Name + Last Name must be shorter',
    );
    expect(toSourceField(mapped, 'rows.0.website')).toBe('rows.0.website');
  });
});

describe('customer (account) presets', () => {
  const preset = (name: string) => findPreset(name)!;

  it('a Salesforce Account Data Export row: Id, Name, Phone and BillingCountry Hungary → HU', () => {
    const header = ['Id', 'Name', 'Type', 'BillingState', 'BillingCountry', 'Phone', 'Website', 'Industry'];
    const mapped = plan(preset('salesforce-account'), header);
    expect(
      mapRow(mapped, [
        '0015g00000XyZaBAAV',
        'Alföld Gépgyártó Zrt.',
        'Customer - Direct',
        'Bács-Kiskun',
        'Hungary',
        '06 76 123 456',
        'alfold.example',
        'Manufacturing',
      ]),
    ).toEqual({
      erpCustomerId: '0015g00000XyZaBAAV',
      name: 'Alföld Gépgyártó Zrt.',
      phone: '06 76 123 456',
      regionCode: 'HU',
    });
  });

  it('a Salesforce Accounts report row uses the labels; a country OSM reads no phones of is left empty', () => {
    const header = ['Account ID', 'Account Name', 'Billing Country', 'Phone'];
    const mapped = plan(preset('salesforce-account'), header);
    expect(mapRow(mapped, ['001A', 'Wiener Werkzeug GmbH', 'Austria', '+43 1 234 5678'])).toEqual({
      erpCustomerId: '001A',
      name: 'Wiener Werkzeug GmbH',
      phone: '+43 1 234 5678',
    });
    expect(mapRow(mapped, ['001B', '美的集团股份有限公司', '中国', ''])).toMatchObject({ regionCode: 'CN' });
    expect(mapRow(mapped, ['001C', 'Példa Kft.', 'hungary', ''])).toMatchObject({ regionCode: 'HU' });
  });

  it('an Odoo res.partner row: external id, vat as tax id, phone before mobile, country by name or by id', () => {
    const header = ['id', 'name', 'vat', 'phone', 'mobile', 'email', 'country_id', 'is_company'];
    const mapped = plan(preset('odoo-res-partner'), header);
    expect(
      mapRow(mapped, [
        '__export__.res_partner_42_1a2b3c4d',
        'Duna Szoftver Kft.',
        '12345676-2-41',
        '',
        '+36 30 123 4567',
        'info@duna.example',
        'Hungary',
        'True',
      ]),
    ).toEqual({
      erpCustomerId: '__export__.res_partner_42_1a2b3c4d',
      name: 'Duna Szoftver Kft.',
      taxId: '12345676-2-41',
      phone: '+36 30 123 4567',
      email: 'info@duna.example',
      regionCode: 'HU',
    });
    const byId = plan(preset('odoo-res-partner'), ['id', 'name', 'country_id/id']);
    expect(mapRow(byId, ['p1', 'A Kft.', 'base.cn'])).toMatchObject({ regionCode: 'CN' });
    expect(mapRow(byId, ['p2', 'B GmbH', 'base.de'])).toEqual({ erpCustomerId: 'p2', name: 'B GmbH' });
  });

  it('a HubSpot companies row: Record ID, Company name, Phone Number, Country/Region', () => {
    const header = ['Record ID', 'Company name', 'Company Domain Name', 'Phone Number', 'Country/Region'];
    const mapped = plan(preset('hubspot-companies'), header);
    expect(
      mapRow(mapped, ['9001', '深圳市恒通电子科技有限公司', 'hengtong.example', '0755 8888 6666', 'China']),
    ).toEqual({
      erpCustomerId: '9001',
      name: '深圳市恒通电子科技有限公司',
      phone: '0755 8888 6666',
      regionCode: 'CN',
    });
  });

  it('an account export without its id column does not fit: every customer needs an ERP id', () => {
    const result = planMapping(preset('salesforce-account'), ['Account Name', 'Phone'], 'salesforce-account');
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: 'header.Id|Account ID',
          message:
            'is missing: mapping salesforce-account fills erpCustomerId from it, and every row needs erpCustomerId',
        },
      ],
    });
  });
});

describe('JSON records as cells', () => {
  it('every key becomes a column in order of first appearance; numbers and booleans become text', () => {
    expect(
      recordsToCells([
        { 'Record ID': 101, 'Company name': 'A Kft.' },
        { 'Company name': 'B Zrt.', 'Is Public': false, 'Phone Number': null },
      ]),
    ).toEqual({
      ok: true,
      header: ['Record ID', 'Company name', 'Is Public', 'Phone Number'],
      cells: [
        ['101', 'A Kft.', '', ''],
        ['', 'B Zrt.', 'false', ''],
      ],
    });
  });

  it('a row that is not an object or a nested value is refused naming the row and key', () => {
    expect(recordsToCells([{ Name: { first: 'A' } }, 'B Kft.', [1]])).toEqual({
      ok: false,
      errors: [
        { field: 'rows.0.Name', message: 'must be a text, a number or a boolean' },
        { field: 'rows.1', message: 'must be an object' },
        { field: 'rows.2', message: 'must be an object' },
      ],
    });
  });
});
