import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { flattenValidationErrors } from '../../common/errors/validation';
import { isISO8601, validate } from 'class-validator';
import { isStrictIsoInstant, validateCallReportRows } from './call-report-row-validator.rules';
import { CreateCallReportDto } from './call-reports.dto';

const UUID = '6f1c2e7a-4b1d-4a57-9a3e-0d3c1c1f9b11';
const ok = {
  occurredAt: '2026-11-23T02:30:00Z',
  type: 'call',
  durationSeconds: 120,
  outcome: 'connected',
};

const samples: unknown[] = [
  ok,
  {
    ...ok,
    repId: UUID,
    leadId: UUID,
    customerId: UUID,
    type: 'visit',
    notes: '采购经理对新报价感兴趣',
    nextStep: 'Send samples',
    nextStepOn: '2026-11-27',
    location: { latitude: 31.2304, longitude: 121.4737, name: '张江' },
  },
  {},
  { ...ok, repId: 'rep-1', leadId: 7, customerId: '' },
  { ...ok, occurredAt: '2026-11-23 02:30:00Z' },
  { ...ok, occurredAt: '2026-02-30T02:30:00Z' },
  { ...ok, occurredAt: 1_700_000_000_000 },
  { ...ok, type: 'fax', outcome: 'maybe' },
  { ...ok, durationSeconds: -1 },
  { ...ok, durationSeconds: 86_401 },
  { ...ok, durationSeconds: 1.5 },
  { ...ok, durationSeconds: '60' },
  { ...ok, notes: 'x'.repeat(4001), nextStep: '' },
  { ...ok, nextStep: 'x'.repeat(501), notes: 5 },
  { ...ok, nextStepOn: '2026-02-30' },
  { ...ok, nextStepOn: '27.11.2026' },
  { ...ok, location: { latitude: 95, longitude: 10 } },
  { ...ok, location: { latitude: 10, longitude: -181, name: 'x'.repeat(201) } },
  { ...ok, location: { latitude: '31.2', longitude: '121.4' } },
  { ...ok, location: { longitude: 10, altitude: 3 } },
  { ...ok, location: 'Shanghai' },
  { ...ok, favouriteColour: 'blue' },
  { ...ok, repId: null, notes: null, location: null },
];

async function classValidatorFields(row: unknown): Promise<string[]> {
  const errors = await validate(plainToInstance(CreateCallReportDto, row), {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  return [...new Set(flattenValidationErrors(errors).map((error) => `reports.0.${error.field}`))].sort();
}

describe('call-report batch row validation', () => {
  it.each(samples.map((row, index) => [index, row] as const))(
    'fails the same fields as the CreateCallReportDto decorators (sample %i)',
    async (_, row) => {
      const fast = [...new Set(validateCallReportRows([row]).map((error) => error.field))].sort();
      expect(fast).toEqual(await classValidatorFields(row));
    },
  );

  it('names each bad row by its index and stops after the error limit', () => {
    const rows = [ok, { ...ok, durationSeconds: -1 }, ok, { ...ok, type: 'fax' }];
    expect(validateCallReportRows(rows).map((error) => error.field)).toEqual([
      'reports.1.durationSeconds',
      'reports.3.type',
    ]);
    const many = Array.from({ length: 500 }, () => ({ ...ok, durationSeconds: -1 }));
    expect(validateCallReportRows(many, 100)).toHaveLength(100);
  });

  it('refuses a row that is not an object', () => {
    expect(validateCallReportRows([ok, 'call', null]).map((error) => error.field)).toEqual([
      'reports.1',
      'reports.2',
    ]);
  });

  it.each([
    '2026-11-23T02:30:00Z',
    '2026-11-23T02:30:00.123Z',
    '2026-11-23T02:30:00.123456789+05:30',
    '2026-11-23T23:59:59-12:00',
    '2024-02-29T00:00:00Z',
    '2000-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2026-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-23T24:00:00Z',
    '2026-11-23T02:60:00Z',
    '2026-11-23T02:30:60Z',
    '2026-11-23T02:30:00+24:00',
    '2026-11-23T02:30:00',
    '2026-11-23T02:30Z',
    '2026-11-23t02:30:00z',
    '2026-11-23 02:30:00Z',
    '2026-11-23T02:30:00.Z',
    '2026-11-23T02:30:00+0530',
    '+2026-11-23T02:30:00Z',
    '2026-W48-1T02:30:00Z',
    '2026-327T02:30:00Z',
    '2026-11-23',
    '0000-01-01T00:00:00Z',
    '0050-03-01T00:00:00Z',
    '0999-03-01T00:00:00Z',
    '1000-02-29T00:00:00Z',
    '9999-12-31T23:59:59.999Z',
    '2026-11-23T02:30:00Z\n',
  ])('answers %j as isISO8601 (strict, strict separator) does', (value) => {
    expect(isStrictIsoInstant(value)).toBe(isISO8601(value, { strict: true, strictSeparator: true }));
  });
});
