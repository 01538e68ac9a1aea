import { randomUUID } from 'node:crypto';
import * as ExcelJS from 'exceljs';
import {
  createCallReport,
  createCsatResponse,
  createRep,
  createStatement,
  exportAlertsCsv,
  exportAlertsXlsx,
  exportCallReportsCsv,
  exportCallReportsXlsx,
  exportContractsCsv,
  exportContractsXlsx,
  exportRepsCsv,
  exportRepsXlsx,
  exportScoresCsv,
  exportScoresXlsx,
  exportSettlementLinesCsv,
  exportSettlementLinesXlsx,
  reviseScorecardDefinition,
  runCheck,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { aCall, callReportWorld, CallReportWorld } from '../support/call-report-fixtures';
import { contractWorld, ContractWorld, must } from '../support/contract-world';
import { vendorFixtures } from '../support/vendor-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** A CSV file as objects keyed by the header row (fields may be quoted, as csv-stringify writes them). */
function csvRecords(text: string): Record<string, string>[] {
  const lines: string[][] = [];
  let field = '';
  let line: string[] = [];
  let quoted = false;
  const endField = () => {
    line.push(field);
    field = '';
  };
  const endLine = () => {
    endField();
    lines.push(line);
    line = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted) field += c;
    else if (c === ',') endField();
    else if (c === '\n') endLine();
    else field += c;
  }
  if (field || line.length) endLine();
  const [header, ...rows] = lines;
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
}

/** The one sheet of an XLSX body as objects keyed by the header row, with the cells' own types. */
async function xlsxRecords(body: unknown, sheetName: string): Promise<Record<string, unknown>[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as ArrayBuffer);
  const sheet = workbook.getWorksheet(sheetName)!;
  const [header, ...rows] = sheet
    .getSheetValues()
    .slice(1)
    .map((row) => (row as unknown[]).slice(1));
  return rows.map((row) => Object.fromEntries((header as string[]).map((name, i) => [name, row[i] ?? null])));
}

/**
 * Constructed rows, counted by hand. Contracts: two of the contract world's vendor (2 × 110 000 less 10 % =
 * 198 000 fen each) and one of a second vendor. Call reports: rep A1 of vendor A reports a call and a visit,
 * rep B1 of vendor B a call. Alerts: one about each of reps A1, A2 (vendor A) and B1 (vendor B). The second
 * app shares the database with the export cap lowered to 2. Settlement lines: see their block.
 */
describe('List exports: contracts, call reports, reps, alerts, settlement lines and scores, scoped and capped', () => {
  let t: TestApp;
  let capped: TestApp;
  let w: CallReportWorld;
  let cw: ContractWorld;
  let otherVendorRep: string;
  const contractIds: string[] = [];
  let otherContractId: string;
  let visitId: string;
  let callA1Id: string;
  let callB1Id: string;
  const alertIds: Record<'A1' | 'A2' | 'B1', string> = { A1: '', A2: '', B1: '' };

  const ids = (records: Record<string, unknown>[]) => records.map((r) => r.id).sort();

  beforeAll(async () => {
    t = await startTestApp();
    capped = await startTestApp({ exportMaxRows: 2 }, { shareDatabaseWith: t });
    w = await callReportWorld(t);
    cw = await contractWorld(t, { sku: 'EXP-1', name: 'Export widget' });

    // Contracts: two of the world's vendor, one of a second vendor contracted for the same line.
    contractIds.push((await cw.signedContract()).id, (await cw.signedContract()).id);
    await vendorFixtures(cw.manager.client).agreement(cw.otherVendorId, {
      startsOn: '2026-01-01',
      endsOn: '2028-12-31',
      productLineIds: [cw.lineId],
    });
    otherVendorRep = must(
      await createRep({
        client: cw.manager.client,
        body: {
          vendorId: cw.otherVendorId,
          fullName: 'Kovács Anna',
          grade: 'B',
          capacity: 20,
          timezone: 'Europe/Budapest',
        },
      }),
    ).id;
    otherContractId = (await cw.signedContract({ repId: otherVendorRep })).id;

    // Call reports.
    callA1Id = must(await createCallReport({ client: w.repA1User.client, body: aCall() })).id;
    visitId = must(
      await createCallReport({
        client: w.repA1User.client,
        body: aCall({
          type: 'visit',
          durationSeconds: 1800,
          occurredAt: new Date(Date.now() - 7_200_000).toISOString(),
        }),
      }),
    ).id;
    callB1Id = must(await createCallReport({ client: w.manager.client, body: aCall({ repId: w.repB1 }) })).id;

    // Alerts, as the checks would have raised them.
    const alert = async (repId: string, vendorId: string, raisedAt: string) => {
      const [row] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO alerts (type, check_name, severity, subject_type, subject_id, vendor_id, rep_id, message,
                             status, level, raised_at, last_seen_at)
         VALUES ('idle_rep', 'idle_reps', 'warning', 'rep', $1, $2, $1, 'No calls, comma, for 3 days', 'open',
                 'rep', $3, $3) RETURNING id`,
        [repId, vendorId, raisedAt],
      );
      return row.id;
    };
    alertIds.A1 = await alert(w.repA1, w.vendorA, '2026-11-20T08:00:00.000Z');
    alertIds.A2 = await alert(w.repA2, w.vendorA, '2026-11-21T08:00:00.000Z');
    alertIds.B1 = await alert(w.repB1, w.vendorB, '2026-11-22T08:00:00.000Z');
  });
  afterAll(async () => {
    await capped.close();
    await t.close();
  });

  const tooLarge = (result: { response: Response; error?: unknown }) => {
    expect(result.response.status).toBe(400);
    expect(result.error).toMatchObject({ code: 'REPORT_EXPORT_TOO_LARGE' });
  };

  describe('contracts', () => {
    it('writes each contract of the vendor once, money in minor units beside its currency', async () => {
      const vendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: cw.vendorId });
      const { response, data } = await exportContractsCsv({ client: vendorManager.client, parseAs: 'text' });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="contracts.csv"');
      const records = csvRecords(String(data));
      expect(ids(records)).toEqual([...contractIds].sort());
      for (const record of records)
        expect(record).toMatchObject({
          status: 'signed',
          vendorId: cw.vendorId,
          repId: cw.repId,
          totalMinor: '198000',
          currency: 'CNY',
          startsOn: '2026-01-01',
          endsOn: '2026-12-31',
          signedOn: '2026-01-15',
        });
      expect(records[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    });

    it('keeps the filters of the contract list: the second vendor alone is one contract', async () => {
      const { data } = await exportContractsCsv({
        client: cw.manager.client,
        query: { vendorId: cw.otherVendorId },
        parseAs: 'text',
      });
      expect(ids(csvRecords(String(data)))).toEqual([otherContractId]);
    });

    it('writes the same contracts in the XLSX sheet, amounts as numbers', async () => {
      const vendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: cw.vendorId });
      const { response, data } = await exportContractsXlsx({
        client: vendorManager.client,
        parseAs: 'arrayBuffer',
      });
      expect(response.status).toBe(200);
      const records = await xlsxRecords(data, 'contracts');
      expect(ids(records)).toEqual([...contractIds].sort());
      expect(records.map((r) => [r.totalMinor, r.listTotalMinor, r.currency])).toEqual([
        [198000, 200000, 'CNY'],
        [198000, 200000, 'CNY'],
      ]);
    });

    it('refuses more contracts than the cap, but not a scope within it', async () => {
      const admin = await capped.signIn(Role.ADMIN);
      tooLarge(await exportContractsCsv({ client: admin.client, parseAs: 'text' }));
      tooLarge(await exportContractsXlsx({ client: admin.client, parseAs: 'arrayBuffer' }));
      const vendorManager = await capped.signIn(Role.VENDOR_MANAGER, { vendorId: cw.vendorId });
      const within = await exportContractsCsv({ client: vendorManager.client, parseAs: 'text' });
      expect(within.response.status).toBe(200);
      expect(csvRecords(String(within.data))).toHaveLength(2);
    });
  });

  describe('call reports', () => {
    it('writes the vendor’s calls and visits for its manager, and a rep’s own for the rep', async () => {
      const forManager = await exportCallReportsCsv({ client: w.vendorManagerA.client, parseAs: 'text' });
      expect(forManager.response.status).toBe(200);
      expect(forManager.response.headers.get('content-disposition')).toBe(
        'attachment; filename="call-reports.csv"',
      );
      const records = csvRecords(String(forManager.data));
      // Newest first, as the list: the call an hour ago, then the visit two hours ago.
      expect(records.map((r) => [r.id, r.type, r.durationSeconds, r.repId])).toEqual([
        [callA1Id, 'call', '240', w.repA1],
        [visitId, 'visit', '1800', w.repA1],
      ]);
      const forRep = await exportCallReportsCsv({ client: w.repA1User.client, parseAs: 'text' });
      expect(ids(csvRecords(String(forRep.data)))).toEqual([callA1Id, visitId].sort());
    });

    it('keeps the filters of the call-report list: visits alone are one row', async () => {
      const { data } = await exportCallReportsXlsx({
        client: w.manager.client,
        query: { type: 'visit' },
        parseAs: 'arrayBuffer',
      });
      const records = await xlsxRecords(data, 'call-reports');
      expect(records.map((r) => [r.id, r.durationSeconds, r.vendorId])).toEqual([[visitId, 1800, w.vendorA]]);
    });

    it('writes every call report for a sales manager, and refuses them over the cap', async () => {
      const { data } = await exportCallReportsCsv({ client: w.manager.client, parseAs: 'text' });
      expect(ids(csvRecords(String(data)))).toEqual([callA1Id, visitId, callB1Id].sort());
      const manager = await capped.signIn(Role.SALES_MANAGER);
      tooLarge(await exportCallReportsCsv({ client: manager.client, parseAs: 'text' }));
      tooLarge(await exportCallReportsXlsx({ client: manager.client, parseAs: 'arrayBuffer' }));
    });
  });

  describe('reps', () => {
    it('writes the vendor’s reps by name with their effective call quotas', async () => {
      const { response, data } = await exportRepsXlsx({
        client: w.vendorManagerA.client,
        parseAs: 'arrayBuffer',
      });
      expect(response.status).toBe(200);
      const records = await xlsxRecords(data, 'reps');
      // Rep A1 has a daily quota of its own (10); rep A2 takes the agreement's 8; both the weekly 40.
      const quotas = Object.fromEntries(
        records.map((r) => [r.id, [r.effectiveDailyCallQuota, r.effectiveWeeklyCallQuota, r.vendorId]]),
      );
      expect(quotas).toEqual({
        [w.repA1]: [10, 40, w.vendorA],
        [w.repA2]: [8, 40, w.vendorA],
      });
      const names = records.map((r) => String(r.fullName));
      expect(names).toEqual([...names].sort());
    });

    it('writes a rep their own row alone', async () => {
      const { data } = await exportRepsCsv({ client: w.repA1User.client, parseAs: 'text' });
      expect(ids(csvRecords(String(data)))).toEqual([w.repA1]);
    });

    it('keeps the filters of the rep list and refuses more reps than the cap', async () => {
      const { data } = await exportRepsCsv({
        client: w.manager.client,
        query: { vendorId: w.vendorB },
        parseAs: 'text',
      });
      expect(ids(csvRecords(String(data)))).toEqual([w.repB1]);
      const manager = await capped.signIn(Role.SALES_MANAGER);
      tooLarge(await exportRepsXlsx({ client: manager.client, parseAs: 'arrayBuffer' }));
    });
  });

  describe('alerts', () => {
    it('writes the vendor’s alerts for its manager, oldest raised first, instants in ISO', async () => {
      const { response, data } = await exportAlertsCsv({ client: w.vendorManagerA.client, parseAs: 'text' });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="alerts.csv"');
      expect(
        csvRecords(String(data)).map((r) => [r.id, r.repId, r.raisedAt, r.message, r.resolvedAt]),
      ).toEqual([
        [alertIds.A1, w.repA1, '2026-11-20T08:00:00.000Z', 'No calls, comma, for 3 days', ''],
        [alertIds.A2, w.repA2, '2026-11-21T08:00:00.000Z', 'No calls, comma, for 3 days', ''],
      ]);
    });

    it('writes a rep the alerts about them, in the XLSX sheet too', async () => {
      const { data } = await exportAlertsXlsx({ client: w.repA1User.client, parseAs: 'arrayBuffer' });
      const records = await xlsxRecords(data, 'alerts');
      expect(records.map((r) => [r.id, r.type, r.severity, r.status])).toEqual([
        [alertIds.A1, 'idle_rep', 'warning', 'open'],
      ]);
    });

    it('keeps the filters of the alert list and refuses more alerts than the cap', async () => {
      const { data } = await exportAlertsCsv({
        client: w.manager.client,
        query: { vendorId: w.vendorB },
        parseAs: 'text',
      });
      expect(ids(csvRecords(String(data)))).toEqual([alertIds.B1]);
      const manager = await capped.signIn(Role.SALES_MANAGER);
      tooLarge(await exportAlertsCsv({ client: manager.client, parseAs: 'text' }));
      const within = await exportAlertsCsv({
        client: capped.clientWithToken(w.vendorManagerA.token),
        parseAs: 'text',
      });
      expect(within.response.status).toBe(200);
      expect(csvRecords(String(within.data))).toHaveLength(2);
    });
  });

  describe('settlement lines', () => {
    /**
     * Agency H (Budapest) is contracted from 17 June 2026 for a 250 000 Ft monthly retainer: June pays
     * 250 000 × 14/30 = 116 666.67 → 116 667 Ft (11 666 700 fillér), July the whole 25 000 000. Agency G is
     * contracted from 1 June for 100 000 Ft: June pays 10 000 000.
     */
    let agencyH: string;
    let agencyG: string;
    const statementIds: Record<'H06' | 'H07' | 'G06', string> = { H06: '', H07: '', G06: '' };

    beforeAll(async () => {
      const fx = vendorFixtures(w.manager.client);
      const unitId = (await fx.salesUnit()).id;
      const agency = async (startsOn: string, retainerFeeMinor: number) => {
        const vendor = await fx.vendor(unitId, { countryCode: 'HU', timezone: 'Europe/Budapest' });
        await fx.agreement(vendor.id, {
          startsOn,
          endsOn: '2026-12-31',
          retainerFeeMinor,
          feeCurrency: 'HUF',
        });
        return vendor.id;
      };
      agencyH = await agency('2026-06-17', 25_000_000);
      agencyG = await agency('2026-06-01', 10_000_000);
      const statement = async (vendorId: string, periodKey: string) =>
        must(await createStatement({ client: w.manager.client, body: { vendorId, periodKey } })).id;
      statementIds.H06 = await statement(agencyH, '2026-06');
      statementIds.H07 = await statement(agencyH, '2026-07');
      statementIds.G06 = await statement(agencyG, '2026-06');
    });

    it('writes the agency’s retainer lines, by period, amounts in minor units beside the currency', async () => {
      const vendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: agencyH });
      const { response, data } = await exportSettlementLinesCsv({
        client: vendorManager.client,
        parseAs: 'text',
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="settlement-lines.csv"');
      expect(
        csvRecords(String(data)).map((r) => [
          r.statementId,
          r.periodKey,
          r.statementStatus,
          r.lineNo,
          r.kind,
          r.basisMinor,
          r.amountMinor,
          r.currency,
          r.note,
        ]),
      ).toEqual([
        [
          statementIds.H06,
          '2026-06',
          'draft',
          '1',
          'retainer',
          '25000000',
          '11666700',
          'HUF',
          '14 of 30 days in force',
        ],
        [
          statementIds.H07,
          '2026-07',
          'draft',
          '1',
          'retainer',
          '25000000',
          '25000000',
          'HUF',
          '31 of 31 days in force',
        ],
      ]);
    });

    it('keeps the filters of the statement list: June across both agencies, in the XLSX sheet', async () => {
      const { data } = await exportSettlementLinesXlsx({
        client: w.manager.client,
        query: { periodKey: '2026-06' },
        parseAs: 'arrayBuffer',
      });
      const records = await xlsxRecords(data, 'settlement-lines');
      expect(
        Object.fromEntries(records.map((r) => [r.statementId, [r.vendorId, r.amountMinor, r.currency]])),
      ).toEqual({
        [statementIds.H06]: [agencyH, 11_666_700, 'HUF'],
        [statementIds.G06]: [agencyG, 10_000_000, 'HUF'],
      });
    });

    it('refuses more lines than the cap, but not one agency within it', async () => {
      const manager = await capped.signIn(Role.SALES_MANAGER);
      tooLarge(await exportSettlementLinesCsv({ client: manager.client, parseAs: 'text' }));
      const within = await exportSettlementLinesCsv({
        client: manager.client,
        query: { vendorId: agencyG },
        parseAs: 'text',
      });
      expect(within.response.status).toBe(200);
      expect(csvRecords(String(within.data))).toHaveLength(1);
    });
  });

  describe('across pages', () => {
    it('writes every row once over three pages of 200, ties on the instant broken by id', async () => {
      const fx = vendorFixtures(w.manager.client);
      const vendorId = (await fx.vendor((await fx.salesUnit()).id)).id;
      // 450 alerts raised in seven distinct minutes: many rows share an instant across the page boundaries.
      const inserted = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO alerts (type, check_name, severity, subject_type, subject_id, vendor_id, message, status,
                             level, raised_at, last_seen_at)
         SELECT 'idle_rep', 'idle_reps', 'info', 'rep', gen_random_uuid(), $1, 'constructed', 'open', 'rep',
                timestamptz '2026-10-01T08:00:00Z' + (i % 7) * interval '1 minute',
                timestamptz '2026-10-01T08:00:00Z'
           FROM generate_series(1, 450) AS i RETURNING id`,
        [vendorId],
      );
      const { data } = await exportAlertsCsv({
        client: w.manager.client,
        query: { vendorId },
        parseAs: 'text',
      });
      const records = csvRecords(String(data));
      expect(records).toHaveLength(450);
      expect(ids(records)).toEqual(inserted.map((row) => row.id).sort());
      const keys = records.map((r) => `${r.raisedAt} ${r.id}`);
      expect(keys).toEqual([...keys].sort());
    });
  });

  describe('scores', () => {
    /**
     * The rep scorecard is revised to CSAT alone, 0 points at a rating of 0 and 100 at 5: March 2026's score
     * is 20 × the average rating. Rep A1 is rated 5 → 100, rep A2 4 → 80; ranked within vendor A: 1 and 2.
     */
    beforeAll(async () => {
      must(
        await reviseScorecardDefinition({
          client: w.manager.client,
          path: { audience: 'rep' },
          body: {
            kpis: [{ kpi: 'csat', weightPercent: 100, zeroPoint: 0, hundredPoint: 5 }],
            gradeBands: { A: 85, B: 70, C: 50 },
          },
        }),
      );
      const rate = async (repId: string, rating: number) =>
        must(
          await createCsatResponse({
            client: w.manager.client,
            body: { repId, contractId: randomUUID(), rating, answeredAt: '2026-03-05T10:00:00Z' },
          }),
        );
      await rate(w.repA1, 5);
      await rate(w.repA2, 4);
      must(
        await runCheck({
          client: w.admin.client,
          path: { name: 'scores_recompute' },
          body: { asOf: '2026-03-20T06:00:00Z' },
        }),
      );
    });

    it('writes the vendor’s leaderboard, each KPI as its value, score and points', async () => {
      const { response, data } = await exportScoresCsv({
        client: w.vendorManagerA.client,
        query: { period: '2026-03', subject: 'rep', vendorId: w.vendorA },
        parseAs: 'text',
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="scores.csv"');
      const records = csvRecords(String(data));
      expect(Object.keys(records[0])).toEqual([
        'period',
        'subject',
        'subjectId',
        'vendorId',
        'rank',
        'of',
        'total',
        'grade',
        'status',
        'csat raw',
        'csat score',
        'csat points',
      ]);
      expect(records.map((r) => Object.values(r))).toEqual([
        ['2026-03', 'rep', w.repA1, w.vendorA, '1', '2', '100', 'A', 'provisional', '5', '100', '100'],
        ['2026-03', 'rep', w.repA2, w.vendorA, '2', '2', '80', 'B', 'provisional', '4', '80', '80'],
      ]);
    });

    it('writes a rep their own row, ranked among everyone, in the XLSX sheet', async () => {
      const all = csvRecords(
        String(
          (
            await exportScoresCsv({
              client: w.manager.client,
              query: { period: '2026-03', subject: 'rep' },
              parseAs: 'text',
            })
          ).data,
        ),
      );
      const { data } = await exportScoresXlsx({
        client: w.repA1User.client,
        query: { period: '2026-03', subject: 'rep' },
        parseAs: 'arrayBuffer',
      });
      const records = await xlsxRecords(data, 'scores');
      expect(records.map((r) => [r.subjectId, r.rank, r.of, r.total, r['csat points']])).toEqual([
        [w.repA1, 1, all.length, 100, 100],
      ]);
    });

    it('refuses more scores than the cap, and a period that is not scored', async () => {
      const manager = await capped.signIn(Role.SALES_MANAGER);
      tooLarge(
        await exportScoresCsv({ client: manager.client, query: { period: '2026-03' }, parseAs: 'text' }),
      );
      const week = await exportScoresCsv({
        client: manager.client,
        query: { period: '2026-W10' },
        parseAs: 'text',
      });
      expect(week.response.status).toBe(400);
    });
  });
});
