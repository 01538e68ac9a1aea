import * as ExcelJS from 'exceljs';
import { Role } from '../../src/common/auth/role';
import { routingFixtures } from '../support/routing-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

/** Three leads created by hand; the export cap lowered to 2 for the second app. */
describe('List exports: the lead list as CSV and XLSX, capped', () => {
  let t: TestApp;
  let capped: TestApp;
  let manager: TestUser;
  const names: string[] = [];

  const get = (app: TestApp, user: TestUser, path: string) =>
    fetch(`${app.baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${user.token}` } });

  beforeAll(async () => {
    t = await startTestApp();
    capped = await startTestApp({ exportMaxRows: 2 }, { shareDatabaseWith: t });
    manager = await t.signIn(Role.SALES_MANAGER);
    const fx = routingFixtures(manager.client);
    for (let i = 0; i < 3; i++) names.push((await fx.lead()).companyName);
  });
  afterAll(async () => {
    await capped.close();
    await t.close();
  });

  it('writes every lead in the CSV, header first', async () => {
    const response = await get(t, manager, '/reports/lists/leads.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="leads.csv"');
    const [header, ...lines] = (await response.text()).trim().split('\n');
    const column = header.split(',').indexOf('companyName');
    expect(lines.map((line) => line.split(',')[column]).sort()).toEqual([...names].sort());
  });

  it('writes the same leads in the XLSX sheet', async () => {
    const response = await get(t, manager, '/reports/lists/leads.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(4);
  });

  it('refuses more rows than the cap with REPORT_EXPORT_TOO_LARGE', async () => {
    const response = await get(capped, manager, '/reports/lists/leads.csv');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('REPORT_EXPORT_TOO_LARGE');
  });
});
