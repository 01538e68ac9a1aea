import { loadOpenApiDocument } from '../api/openapi-document';
import { columnShape, readCell, resolver, shapeRow, type ColumnShape } from './row-shape';

const document = loadOpenApiDocument();
const resolve = resolver(document.components.schemas);
const schema = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function columns(names: string[], rowSchema: string): Map<string, ColumnShape> {
  return new Map(names.map((name) => [name, columnShape(name, schema(rowSchema), resolve)!]));
}

describe('Row shape: spreadsheet cells to the API row, read from the contract', () => {
  it('keeps a tax id of digits a string and reads an integer column as a number', () => {
    const shape = columns(['companyName', 'taxId', 'registeredCapitalMinor'], 'LeadInputDto');
    expect(
      shapeRow(
        { companyName: ' Huawei ', taxId: '914403001922038216', registeredCapitalMinor: '500000' },
        shape,
      ),
    ).toEqual({
      row: { companyName: 'Huawei', taxId: '914403001922038216', registeredCapitalMinor: 500000 },
      errors: [],
    });
  });

  it('splits a list cell on semicolons and leaves an empty cell out', () => {
    const shape = columns(['companyName', 'tags', 'website'], 'LeadInputDto');
    expect(shapeRow({ companyName: 'A', tags: 'expo; robotics;', website: '' }, shape).row).toEqual({
      companyName: 'A',
      tags: ['expo', 'robotics'],
    });
  });

  it('builds nested objects and array items from dotted columns', () => {
    const call = columns(
      ['location.latitude', 'location.longitude', 'durationSeconds'],
      'CreateCallReportDto',
    );
    expect(
      shapeRow({ 'location.latitude': '22.54', 'location.longitude': '114.06', durationSeconds: '240' }, call)
        .row,
    ).toEqual({
      location: { latitude: 22.54, longitude: 114.06 },
      durationSeconds: 240,
    });
    const contract = columns(['lines.0.quantity', 'lines.1.quantity'], 'ExternalContractDto');
    expect(shapeRow({ 'lines.0.quantity': '2', 'lines.1.quantity': '5' }, contract).row).toEqual({
      lines: [{ quantity: 2 }, { quantity: 5 }],
    });
  });

  it('shapes an import row that may be OSM’s own or another system’s record by OSM’s row', () => {
    const rows = resolve(schema('ImportCustomersDto')).properties!.rows;
    const items = resolve(rows).items!;
    expect(columnShape('erpCustomerId', items, resolve)).toEqual({ path: ['erpCustomerId'], kind: 'string' });
    expect(columnShape('Account Name', items, resolve)).toBeUndefined();
  });

  it('knows no column the row schema does not have', () => {
    expect(columnShape('companyNme', schema('LeadInputDto'), resolve)).toBeUndefined();
    expect(columnShape('contacts.name', schema('LeadInputDto'), resolve)).toBeUndefined();
    expect(columnShape('contacts.0.name', schema('LeadInputDto'), resolve)).toEqual({
      path: ['contacts', 0, 'name'],
      kind: 'string',
    });
  });

  it('names the cell of the wrong form instead of sending it', () => {
    const shape = columns(['companyName', 'registeredCapitalMinor'], 'LeadInputDto');
    expect(shapeRow({ companyName: 'A', registeredCapitalMinor: '12.5' }, shape).errors).toEqual([
      { field: 'registeredCapitalMinor', message: 'must be a whole number' },
    ]);
  });

  it('reads spreadsheet dates as a day or an instant, as the field asks', () => {
    const noon = new Date('2026-03-02T12:30:00Z');
    expect(readCell(noon, 'date')).toEqual({ value: '2026-03-02' });
    expect(readCell(noon, 'date-time')).toEqual({ value: '2026-03-02T12:30:00.000Z' });
    expect(readCell(42, 'string')).toEqual({ value: '42' });
    expect(readCell('yes', 'boolean')).toEqual({ value: true });
    expect(readCell('1e3', 'number')).toEqual({ value: 1000 });
    expect(readCell('abc', 'number')).toEqual({ error: 'must be a number' });
  });
});
