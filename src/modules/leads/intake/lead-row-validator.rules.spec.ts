import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors } from '../../../common/errors/validation';
import { validateLeadRows } from './lead-row-validator.rules';
import { LeadInputDto } from '../leads.dto';

const UUID = '6f1c2e7a-4b1d-4a57-9a3e-0d3c1c1f9b11';

const samples: Record<string, unknown>[] = [
  { companyName: '华为技术有限公司' },
  {
    companyName: 'Példa Kft.',
    taxId: '10625790-4-44',
    industryCode: 'manufacturing',
    sizeBand: 'large',
    regionCode: 'HU-BU',
    registeredCapitalMinor: 300000000,
    registeredCapitalCurrency: 'HUF',
    website: 'https://pelda.hu',
    contacts: [{ name: 'Nagy Anna', phone: '06 1 234 5678', email: 'anna@pelda.hu', title: 'CEO' }],
    needs: 'x',
    productLineIds: [UUID],
    source: 'event',
    sourceCampaign: 'expo',
    sourceReferrer: 'Péter',
    tags: ['a', 'b'],
  },
  {},
  { companyName: '' },
  { companyName: 'x'.repeat(301) },
  { companyName: 7 },
  { companyName: 'A', sizeBand: 'gigantic', source: 'telepathy' },
  { companyName: 'A', regionCode: 'guangdong', industryCode: 'Manufacturing' },
  { companyName: 'A', registeredCapitalMinor: -1, registeredCapitalCurrency: 'XXXX' },
  { companyName: 'A', registeredCapitalMinor: 1.5 },
  { companyName: 'A', productLineIds: ['nope'], tags: ['a,b'] },
  { companyName: 'A', tags: 'a' },
  { companyName: 'A', contacts: [{ phone: 5, fax: '1' }] },
  { companyName: 'A', contacts: 'none' },
  { companyName: 'A', favouriteColour: 'blue' },
];

async function classValidatorFields(row: Record<string, unknown>): Promise<string[]> {
  const errors = await validate(plainToInstance(LeadInputDto, row), {
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  return [...new Set(flattenValidationErrors(errors).map((error) => `rows.0.${error.field}`))].sort();
}

describe('bulk row validation', () => {
  it.each(samples.map((row, index) => [index, row] as const))(
    'fails the same fields as the LeadInputDto decorators (sample %i)',
    async (_, row) => {
      const fast = [...new Set(validateLeadRows([row]).map((error) => error.field))].sort();
      expect(fast).toEqual(await classValidatorFields(row));
    },
  );

  it('names the row of each error and stops after the limit', () => {
    const rows = Array.from({ length: 500 }, () => ({ companyName: '' }));
    const errors = validateLeadRows(rows, 10);
    expect(errors).toHaveLength(10);
    expect(errors[3].field).toBe('rows.3.companyName');
  });
});
