import {
  answerPublicSurvey,
  computeScores,
  createCallReport,
  createContract,
  createCsatResponse,
  createCsatSurvey,
  createProduct,
  createRep,
  getPublicSurvey,
  listCsatSurveys,
  listScores,
  reviseScorecardDefinition,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { aCall } from '../support/call-report-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';
import { must } from '../support/must';

/**
 * A Hungarian agency, its rep Kovács Anna and a contract of hers; the company sends the customer a survey
 * link about it. The public routes take 5 requests a minute per token here (and 100 per client address).
 */
describe('CSAT survey links: single use, expiry, scores and rate limits', () => {
  let t: TestApp;
  let manager: TestUser;
  let otherVendorManager: TestUser;
  let vendorManager: TestUser;
  let repId: string;
  let contractId: string;
  let vendorName: string;

  const count = async (sql: string, params: unknown[] = []) =>
    (await t.dataSource.query<{ n: number }[]>(sql, params))[0].n;
  const issue = async () => must(await createCsatSurvey({ client: manager.client, body: { contractId } }));

  beforeAll(async () => {
    t = await startTestApp({ surveyRateLimitPerMinute: 5, surveyRateLimitPerAddressPerMinute: 100 });
    manager = await t.signIn(Role.SALES_MANAGER);
    const fx = vendorFixtures(manager.client);
    const lineId = (await fx.productLine()).id;
    const unitId = (await fx.salesUnit()).id;
    const vendor = await fx.vendor(unitId, { countryCode: 'HU', timezone: 'Europe/Budapest' });
    vendorName = vendor.name;
    const otherVendorId = (await fx.vendor(unitId)).id;
    await fx.agreement(vendor.id, { startsOn: '2026-01-01', endsOn: '2028-12-31', productLineIds: [lineId] });
    repId = must(
      await createRep({
        client: manager.client,
        body: {
          vendorId: vendor.id,
          fullName: 'Kovács Anna',
          grade: 'B',
          capacity: 40,
          timezone: 'Europe/Budapest',
        },
      }),
    ).id;
    const productId = must(
      await createProduct({
        client: manager.client,
        body: {
          productLineId: lineId,
          sku: 'SRV-1',
          name: 'Surveyed',
          currency: 'HUF',
          listPriceMinor: 500000,
          floorPriceMinor: 400000,
        },
      }),
    ).id;
    const [customer]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO customers (name, name_key, erp_customer_id, vendor_id)
       VALUES ('Surveyed customer', 'surveyed customer', 'SRV-C1', NULL) RETURNING id`,
    );
    contractId = must(
      await createContract({
        client: manager.client,
        body: {
          customerId: customer.id,
          repId,
          currency: 'HUF',
          startsOn: '2026-01-01',
          endsOn: '2026-12-31',
          lines: [{ productId, quantity: 1, unitPriceMinor: 500000 }],
        },
      }),
    ).id;
    vendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendor.id });
    otherVendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: otherVendorId });
  });
  afterAll(() => t.close());

  it('the single-use survey link stores one CSAT and refuses a second answer', async () => {
    const issued = await issue();
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued.url.endsWith(`/public/surveys/${issued.token}`)).toBe(true);
    // 14 days by default
    expect(Date.parse(issued.expiresAt) - Date.now()).toBeGreaterThan(13.9 * 86_400_000);
    expect(Date.parse(issued.expiresAt) - Date.now()).toBeLessThanOrEqual(14 * 86_400_000);
    // only the hash is stored
    expect(
      await count(`SELECT count(*)::int AS n FROM csat_surveys WHERE token_hash = $1`, [issued.token]),
    ).toBe(0);

    const shown = await getPublicSurvey({
      client: t.anonymous,
      path: { token: issued.token },
    });
    expect(shown.response.status).toBe(200);
    expect(shown.data).toEqual({
      sellerName: vendorName,
      repName: 'Kovács Anna',
      question: `How satisfied are you with ${vendorName} and Kovács Anna?`,
      minRating: 1,
      maxRating: 5,
      expiresAt: issued.expiresAt,
    });

    const first = await answerPublicSurvey({
      client: t.anonymous,
      path: { token: issued.token },
      body: { rating: 4, comment: 'Clear offer' },
    });
    expect(first.response.status).toBe(201);
    const second = await answerPublicSurvey({
      client: t.anonymous,
      path: { token: issued.token },
      body: { rating: 1 },
    });
    expect(second.response.status).toBe(409);
    expect(second.response.headers.get('content-type')).toContain('application/problem+json');
    expect(second.error).toMatchObject({ code: 'SURVEY_ALREADY_ANSWERED' });

    const rows = await t.dataSource.query<
      { rating: number; channel: string; rep_id: string; contract_id: string }[]
    >(
      `SELECT r.rating, r.channel, r.rep_id, r.contract_id FROM csat_responses r
         JOIN csat_surveys s ON s.csat_response_id = r.id WHERE s.id = $1`,
      [issued.id],
    );
    expect(rows).toEqual([{ rating: 4, channel: 'survey_link', rep_id: repId, contract_id: contractId }]);
    expect(await count(`SELECT count(*)::int AS n FROM csat_responses WHERE channel = 'survey_link'`)).toBe(
      1,
    );

    const listed = must(await listCsatSurveys({ client: manager.client, query: { contractId } }));
    expect(listed.data.find((row) => row.id === issued.id)).toMatchObject({ status: 'answered', repId });
  });

  it('an expired survey link is refused and writes nothing', async () => {
    const issued = await issue();
    await t.dataSource.query(
      `UPDATE csat_surveys SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [issued.id],
    );
    const before = await count(`SELECT count(*)::int AS n FROM csat_responses`);
    const shown = await getPublicSurvey({
      client: t.anonymous,
      path: { token: issued.token },
    });
    expect(shown.response.status).toBe(410);
    expect(shown.error).toMatchObject({ code: 'SURVEY_EXPIRED' });
    const answer = await answerPublicSurvey({
      client: t.anonymous,
      path: { token: issued.token },
      body: { rating: 5 },
    });
    expect(answer.response.status).toBe(410);
    expect(answer.response.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.error).toMatchObject({ code: 'SURVEY_EXPIRED' });
    expect(await count(`SELECT count(*)::int AS n FROM csat_responses`)).toBe(before);
    const [row] = await t.dataSource.query<{ used_at: Date | null }[]>(
      `SELECT used_at FROM csat_surveys WHERE id = $1`,
      [issued.id],
    );
    expect(row.used_at).toBeNull();
    const listed = must(await listCsatSurveys({ client: manager.client, query: { contractId } }));
    expect(listed.data.find((s) => s.id === issued.id)?.status).toBe('expired');

    const unknown = await answerPublicSurvey({
      client: t.anonymous,
      path: { token: 'A'.repeat(43) },
      body: { rating: 5 },
    });
    expect(unknown.response.status).toBe(404);
    expect(await count(`SELECT count(*)::int AS n FROM csat_responses`)).toBe(before);
  });

  it('a survey answer counts in the CSAT average', async () => {
    // The rep has the 4 from the first test; the ERP posts a 2 and the customer answers a 5 through a link.
    must(await createCsatResponse({ client: manager.client, body: { repId, contractId, rating: 2 } }));
    const issued = await issue();
    const answer = await answerPublicSurvey({
      client: t.anonymous,
      path: { token: issued.token },
      body: { rating: 5 },
    });
    expect(answer.response.status).toBe(201);
    must(
      await reviseScorecardDefinition({
        client: manager.client,
        path: { audience: 'rep' },
        body: {
          kpis: [{ kpi: 'csat', weightPercent: 100, zeroPoint: 1, hundredPoint: 5 }],
          gradeBands: { A: 85, B: 70, C: 50 },
        },
      }),
    );
    const running = new Date().toISOString().slice(0, 7);
    must(await computeScores({ client: manager.client, query: { period: running } }));
    const scores = must(await listScores({ client: manager.client, query: { period: running } }));
    const rep = scores.data.find((row) => row.subjectId === repId)!;
    // (4 + 2 + 5) / 3 = 3.6667 → (3.6667 − 1) / (5 − 1) × 100 = 66.67 → C (C from 50, B from 70)
    expect(rep.kpis.find((kpi) => kpi.kpi === 'csat')?.raw).toBeCloseTo(11 / 3, 4);
    expect(rep.total).toBeCloseTo(66.67, 2);
    expect(rep.grade).toBe('C');
  });

  it('issues links only inside the caller’s scope and lists the vendor’s own', async () => {
    const outside = await createCsatSurvey({ client: otherVendorManager.client, body: { contractId } });
    expect(outside.response.status).toBe(403);
    const listedByOwn = must(await listCsatSurveys({ client: vendorManager.client, query: { contractId } }));
    expect(listedByOwn.data.length).toBeGreaterThan(0);
    const listedByOther = must(
      await listCsatSurveys({ client: otherVendorManager.client, query: { contractId } }),
    );
    expect(listedByOther.data).toEqual([]);
  });

  it('a survey link about a visit stores the answer for the visit’s rep; a call is no visit', async () => {
    const visit = must(
      await createCallReport({
        client: manager.client,
        body: aCall({ repId, type: 'visit', durationSeconds: 1800 }),
      }),
    );
    const call = must(await createCallReport({ client: manager.client, body: aCall({ repId }) }));
    const refused = await createCsatSurvey({ client: manager.client, body: { visitId: call.id } });
    expect(refused.response.status).toBe(400);
    const both = await createCsatSurvey({ client: manager.client, body: { visitId: visit.id, contractId } });
    expect(both.response.status).toBe(400);

    const issued = must(await createCsatSurvey({ client: manager.client, body: { visitId: visit.id } }));
    const answer = await answerPublicSurvey({
      client: t.anonymous,
      path: { token: issued.token },
      body: { rating: 3 },
    });
    expect(answer.response.status).toBe(201);
    const rows = await t.dataSource.query<{ rep_id: string; visit_id: string; contract_id: string | null }[]>(
      `SELECT r.rep_id, r.visit_id, r.contract_id FROM csat_responses r
         JOIN csat_surveys s ON s.csat_response_id = r.id WHERE s.id = $1`,
      [issued.id],
    );
    expect(rows).toEqual([{ rep_id: repId, visit_id: visit.id, contract_id: null }]);
    const listed = must(await listCsatSurveys({ client: manager.client, query: { visitId: visit.id } }));
    expect(listed.data).toMatchObject([{ id: issued.id, status: 'answered', contractId: null }]);
  });

  it('a rate-limited public route answers 429 problem+json', async () => {
    const issued = await issue();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { response } = await getPublicSurvey({
        client: t.anonymous,
        path: { token: issued.token },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await answerPublicSurvey({
      client: t.anonymous,
      path: { token: issued.token },
      body: { rating: 5 },
    });
    expect(limited.response.status).toBe(429);
    expect(limited.response.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(limited.response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.error).toMatchObject({ code: 'SURVEY_RATE_LIMITED', status: 429 });
    // the refused answer wrote nothing: the link is still open
    const [row] = await t.dataSource.query<{ used_at: Date | null }[]>(
      `SELECT used_at FROM csat_surveys WHERE id = $1`,
      [issued.id],
    );
    expect(row.used_at).toBeNull();
  });
});
