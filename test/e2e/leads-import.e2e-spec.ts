import {
  importCustomers,
  importLeadInvoices,
  importLeads,
  importLeadsCsv,
  listLeadActivities,
} from '../../openapi/sdk';
import type { LeadInputDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { usccCheckCharacter } from '../../src/modules/leads/intake/lead-keys.rules';
import { createRegionsByCode } from '../support/vendor-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

/** A valid unified social credit code per index. */
const uscc = (index: number) => {
  const body = `91440300${String(index).padStart(9, '0')}`;
  return body + usccCheckCharacter(body);
};

describe('Bulk lead import: JSON, CSV, invoices and ERP customers', () => {
  let t: TestApp;
  let manager: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    await createRegionsByCode(manager.client, ['CN-GD', 'HU-BU']);
  });
  afterAll(() => t.close());

  const countLeads = async () => Number((await t.dataSource.query('SELECT count(*) FROM leads'))[0].count);

  it('imports 10 000 rows with 10 % duplicates with the right per-row map', async () => {
    const existing = await importLeads({
      client: manager.client,
      body: {
        rows: Array.from({ length: 500 }, (_, i) => ({
          companyName: `已有客户${i}有限公司`,
          taxId: uscc(i),
        })),
      },
    });
    expect(existing.data!.created).toBe(500);
    const before = await countLeads();

    // Rows 0–499 repeat existing leads (by tax id); rows 9500–9999 repeat rows 1000–1499 of this file (by name).
    const rows: LeadInputDto[] = Array.from({ length: 10_000 }, (_, i) => {
      if (i < 500) return { companyName: `Renamed ${i} Ltd`, taxId: uscc(i) };
      if (i >= 9500) return { companyName: `新公司${i - 8500}股份有限公司` };
      return {
        companyName: `新公司${i}有限公司`,
        regionCode: 'CN-GD',
        contacts: [{ phone: `139${String(i).padStart(8, '0')}`, email: `buyer${i}@example.cn` }],
        source: 'web_form',
      };
    });
    // Speed is the benchmark's business (W6), not this test's.
    const { response, data } = await importLeads({ client: manager.client, body: { rows } });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ created: 9000, duplicates: 1000, rejected: 0, skipped: 0 });
    expect(data!.results).toHaveLength(10_000);
    expect(data!.results[0]).toMatchObject({
      row: 0,
      outcome: 'duplicate',
      matchedOn: 'taxId',
      id: existing.data!.results[0].id,
    });
    expect(data!.results[9500]).toMatchObject({
      row: 9500,
      outcome: 'duplicate',
      matchedOn: 'companyName',
      duplicateOfRow: 1000,
      id: data!.results[1000].id,
    });
    expect(data!.results[1000]).toMatchObject({ outcome: 'created' });
    expect(await countLeads()).toBe(before + 9000);
    const [{ touches }] = await t.dataSource.query(
      `SELECT sum(touch_count) AS touches FROM leads WHERE id = ANY($1::uuid[])`,
      [existing.data!.results.map((result) => result.id)],
    );
    // 500 existing leads, one touch each from their own intake: a duplicate attempt is history, not a touch.
    expect(Number(touches)).toBe(500);
  }, 60_000);

  it('rejects bad rows one by one and still takes the good ones', async () => {
    const { data } = await importLeads({
      client: manager.client,
      body: {
        rows: [
          { companyName: 'Jó Sor Kft.' },
          { companyName: 'Rossz Telefon Kft.', regionCode: 'HU-BU', contacts: [{ phone: '123' }] },
          { companyName: 'Rossz Adószám Kft.', taxId: '10625791-4-44' },
          { companyName: 'jo sor' },
        ],
      },
    });
    expect(data!.results.map((result) => result.outcome)).toEqual([
      'created',
      'rejected',
      'rejected',
      'duplicate',
    ]);
    expect(data!.results[1]).toMatchObject({ code: 'VALIDATION_FAILED', field: 'contacts.0.phone' });
    expect(data!.results[2]).toMatchObject({ code: 'VALIDATION_FAILED', field: 'taxId' });
    expect(data!.results[3]).toMatchObject({ duplicateOfRow: 0, id: data!.results[0].id });
  });

  it('refuses 10 001 rows and a row of the wrong shape whole with 400, writing nothing', async () => {
    const before = await countLeads();
    const tooMany = await importLeads({
      client: manager.client,
      body: { rows: Array.from({ length: 10_001 }, (_, i) => ({ companyName: `Túl sok ${i}` })) },
    });
    expect(tooMany.response.status).toBe(400);
    expect(tooMany.error).toMatchObject({ errors: [expect.objectContaining({ field: 'rows' })] });
    const wrongShape = await importLeads({
      client: manager.client,
      body: {
        rows: [{ companyName: 'Fine Kft.' }, { companyName: 'Enum Kft.', sizeBand: 'gigantic' }],
      },
    });
    expect(wrongShape.response.status).toBe(400);
    expect(wrongShape.error).toMatchObject({
      errors: [expect.objectContaining({ field: 'rows.1.sizeBand' })],
    });
    expect(await countLeads()).toBe(before);
  });

  it('new leads get time-ordered ids: an import numbers its leads and their contacts in row order', async () => {
    const rows: LeadInputDto[] = Array.from({ length: 50 }, (_, i) => ({
      companyName: `Ordered Ids ${i} Kft.`,
      contacts: [{ name: `Buyer ${i}`, phone: `+3620${String(i).padStart(7, '0')}` }],
    }));
    const { data } = await importLeads({ client: manager.client, body: { rows } });
    expect(data!.created).toBe(50);
    const ids = data!.results.map((result) => result.id!);
    expect(
      ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)),
    ).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    const stored: { id: string; contact_id: string }[] = await t.dataSource.query(
      `SELECT l.id::text, c.id::text AS contact_id FROM leads l JOIN lead_contacts c ON c.lead_id = l.id
        WHERE l.id = ANY($1::uuid[]) ORDER BY l.id`,
      [ids],
    );
    expect(stored.map((row) => row.id)).toEqual(ids);
    const contactIds = stored.map((row) => row.contact_id);
    expect([...contactIds].sort()).toEqual(contactIds);
  });

  it('creates a company once when two imports of it run at the same time', async () => {
    const body = { rows: [{ companyName: 'Concurrent Kft.' }] };
    const answers = await Promise.all([
      importLeads({ client: manager.client, body }),
      importLeads({ client: manager.client, body }),
    ]);
    expect(answers.map((answer) => answer.data!.results[0].outcome).sort()).toEqual(['created', 'duplicate']);
    const [{ count }]: { count: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM leads WHERE company_name_key = 'concurrent'`,
    );
    expect(count).toBe(1);
  });

  it('replays an import with the same Idempotency-Key', async () => {
    const headers = { 'Idempotency-Key': 'import-1' };
    const body = { rows: [{ companyName: 'Idempotent Import Kft.' }] };
    const first = await importLeads({ client: manager.client, body, headers });
    const replay = await importLeads({ client: manager.client, body, headers });
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.data).toEqual(first.data);
    expect(first.data!.created).toBe(1);
  });

  describe('CSV', () => {
    const csv = (text: string) => importLeadsCsv({ client: manager.client, body: text });

    it('imports a UTF-8 file with quoted cells, lists and a contact', async () => {
      const { response, data } = await csv(
        'companyName,taxId,regionCode,contactName,contactPhone,tags,sizeBand\n' +
          '"深圳市恒通电子科技有限公司",,CN-GD,李娜,0755-8888 6666,expo;robotics,large\n' +
          '"Alföld Gépgyártó, Zrt.",10537914-2-44,HU-BU,Tóth Gábor,06 1 234 5678,,medium\n' +
          '深圳市恒通电子科技股份有限公司,,,,,,\n',
      );
      expect(response.status).toBe(200);
      expect(data!.results.map((result) => result.outcome)).toEqual(['created', 'created', 'duplicate']);
      expect(data!.results[2]).toMatchObject({ duplicateOfRow: 0, matchedOn: 'companyName' });
    });

    it('names the CSV column of a row rejected for a bad phone', async () => {
      const { data } = await csv('companyName,regionCode,contactPhone\nRossz Szám Kft.,HU-BU,123\n');
      expect(data!.results[0]).toMatchObject({
        outcome: 'rejected',
        code: 'VALIDATION_FAILED',
        field: 'contactPhone',
      });
    });

    it('replays a CSV import with the same Idempotency-Key', async () => {
      const headers = { 'Idempotency-Key': 'csv-import-1' };
      const body = 'companyName\nCSV Replay Kft.\n';
      const first = await importLeadsCsv({ client: manager.client, body, headers });
      const replay = await importLeadsCsv({ client: manager.client, body, headers });
      expect(first.data!.created).toBe(1);
      expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.data).toEqual(first.data);
    });

    it('refuses a wrong header, a missing required column and a bad cell with 400 naming them', async () => {
      const before = await countLeads();
      const unknown = await csv('companyName,fax\nA Kft.,123\n');
      expect(unknown.response.status).toBe(400);
      expect(unknown.error).toMatchObject({ errors: [expect.objectContaining({ field: 'header.fax' })] });
      const missing = await csv('taxId,regionCode\n10537914-2-44,HU-BU\n');
      expect(missing.error).toMatchObject({
        errors: [expect.objectContaining({ field: 'header.companyName' })],
      });
      const badCell = await csv('companyName,sizeBand\nA Kft.,small\nB Kft.,gigantic\n');
      expect(badCell.error).toMatchObject({
        errors: [expect.objectContaining({ field: 'rows.1.sizeBand' })],
      });
      const ragged = await csv('companyName,taxId\nA Kft.\n');
      expect(ragged.error).toMatchObject({ errors: [expect.objectContaining({ field: 'rows.0' })] });
      expect(await countLeads()).toBe(before);
    });

    it('refuses a file that is not UTF-8 with 400 and writes nothing', async () => {
      const before = await countLeads();
      // "companyName\n" then 深圳 in GBK (C9 EE DB DA), which is not valid UTF-8.
      const gbk = Buffer.from([...Buffer.from('companyName\n'), 0xc9, 0xee, 0xdb, 0xda, 0x0a]);
      const { response, error } = await importLeadsCsv({ client: manager.client, body: gbk as never });
      expect(response.status).toBe(400);
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'body' }] });
      expect(await countLeads()).toBe(before);
    });

    it('refuses a file of more than 10 000 rows with 400', async () => {
      const lines = Array.from({ length: 10_001 }, (_, i) => `Sor ${i} Kft.`);
      const { response, error } = await csv(`companyName\n${lines.join('\n')}\n`);
      expect(response.status).toBe(400);
      expect(error).toMatchObject({ errors: [expect.objectContaining({ field: 'rows' })] });
    });
  });

  describe('invoices and customers', () => {
    it('imports ERP customers with created, duplicate and rejected rows', async () => {
      const admin = await t.signIn(Role.ADMIN);
      const { data } = await importCustomers({
        client: admin.client,
        body: {
          rows: [
            { erpCustomerId: 'C-1', name: 'Richter Gedeon Nyrt.', taxId: '10484878-2-44' },
            { erpCustomerId: 'C-2', name: 'RICHTER GEDEON' },
            { erpCustomerId: 'C-3', name: 'Bad Phone Kft.', phone: '12' },
            { erpCustomerId: 'C-1', name: 'Something else' },
          ],
        },
      });
      expect(data!.results.map((result) => result.outcome)).toEqual([
        'created',
        'duplicate',
        'rejected',
        'duplicate',
      ]);
      expect(data!.results[1]).toMatchObject({ matchedOn: 'companyName', duplicateOfRow: 0 });
      expect(data!.results[2]).toMatchObject({ field: 'phone' });
      expect(data!.results[3]).toMatchObject({ matchedOn: 'erpCustomerId' });
      const vendor = await t.signIn(Role.VENDOR_MANAGER, {
        vendorId: '00000000-0000-4000-8000-00000000a0ff',
      });
      const refused = await importCustomers({
        client: vendor.client,
        body: { rows: [{ erpCustomerId: 'x', name: 'x' }] },
      });
      expect(refused.response.status).toBe(403);
    });

    it('turns unknown invoice buyers into invoice leads and skips known customers', async () => {
      const admin = await t.signIn(Role.ADMIN);
      await importCustomers({
        client: admin.client,
        body: { rows: [{ erpCustomerId: 'C-100', name: 'Known Buyer Kft.' }] },
      });
      const invoice = (invoiceNumber: string, buyerName: string) => ({
        invoiceNumber,
        issuedOn: '2026-11-20',
        buyerName,
        buyerRegionCode: 'HU-BU',
        buyerPhone: '06 1 999 8888',
        amountMinor: 125_000_00,
        currency: 'HUF',
      });
      const { data } = await importLeadInvoices({
        client: manager.client,
        body: {
          rows: [
            invoice('INV-1', 'Known Buyer Kft.'),
            invoice('INV-2', 'New Buyer Zrt.'),
            invoice('INV-3', 'New Buyer Zrt.'),
          ],
        },
      });
      expect(data!.results.map((result) => result.outcome)).toEqual(['skipped', 'created', 'duplicate']);
      expect(data!.results[0]).toMatchObject({ code: 'EXISTING_CUSTOMER' });
      const history = await listLeadActivities({
        client: manager.client,
        path: { id: data!.results[1].id! },
      });
      expect(history.data!.data.map((entry) => entry.kind).sort()).toEqual(['duplicate_intake', 'intake']);
      const [lead] = await t.dataSource.query(
        'SELECT source, source_campaign, touch_count FROM leads WHERE id = $1',
        [data!.results[1].id],
      );
      // The second invoice is a duplicate attempt in the history, not a touch.
      expect(lead).toEqual({ source: 'invoice', source_campaign: 'INV-2', touch_count: 1 });
    });

    it('writes each new lead’s intake entry (a time-ordered id) with who took it in, its source, its row and the invoice it came from', async () => {
      const { data } = await importLeadInvoices({
        client: manager.client,
        body: {
          rows: [
            {
              invoiceNumber: 'INV-7',
              issuedOn: '2026-11-21',
              buyerName: 'Intake Entry Buyer Zrt.',
              buyerRegionCode: 'HU-BU',
              amountMinor: 5_000_00,
              currency: 'HUF',
            },
          ],
        },
      });
      const id = data!.results[0].id!;
      const entries = await t.dataSource.query(
        `SELECT a.kind, a.actor_id::text, a.actor_name, a.details, a.occurred_at = l.created_at AS at_intake,
                a.id::text ~ '^[0-9a-f]{8}-[0-9a-f]{4}-7' AS time_ordered_id
           FROM lead_activities a JOIN leads l ON l.id = a.lead_id WHERE a.lead_id = $1`,
        [id],
      );
      expect(entries).toEqual([
        {
          kind: 'intake',
          actor_id: manager.id,
          actor_name: expect.any(String),
          at_intake: true,
          time_ordered_id: true,
          details: {
            source: 'invoice',
            row: 0,
            invoiceNumber: 'INV-7',
            issuedOn: '2026-11-21',
            amountMinor: 5_000_00,
            currency: 'HUF',
          },
        },
      ]);
    });
  });
});
