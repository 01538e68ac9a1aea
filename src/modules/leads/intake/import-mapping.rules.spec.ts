import {
  checkMappingRules,
  ImportMappingRules,
  ImportMappingTarget,
  mapRow,
  planMapping,
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
