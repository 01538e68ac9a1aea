import {
  approveTarget,
  changeLeadStatus,
  computeScores,
  createContract,
  createLead,
  createRenewal,
  createTarget,
  listScores,
  postContractPayment,
  reviseScorecardDefinition,
  signContract,
} from '../../openapi/sdk';
import type { ScoreDto } from '../../openapi/sdk';
import { parsePeriod } from '../../src/common/period/period';
import { ScoringService } from '../../src/modules/scoring/scoring.service';
import { contractWorld, type ContractWorld } from '../support/contract-world';
import { must } from '../support/must';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * June 2026 for one rep (CNY, 198 000 fen a contract: 2 × 110 000 less 10 %):
 * - four of their contracts end on 30 June; three have their renewal signed → renewal rate 3 / 4 = 0.75;
 * - two leads become contracts signed on 11 June, taken in on 22 May and 2 May → 20 and 40 days, 30 on average;
 * - 150 000 fen is paid on each of those two in June: 300 000 against the rep's approved 400 000 fen revenue
 *   target for 2026-06 → attainment 75 %.
 */
describe('Scoring: the KPIs that come from contracts and targets', () => {
  let t: TestApp;
  let w: ContractWorld;

  beforeAll(async () => {
    t = await startTestApp();
    w = await contractWorld(t, { sku: 'KPI-1', name: 'Scored product' });
    const { manager, repId, productId } = w;

    const ending = [];
    for (let i = 0; i < 4; i++)
      ending.push(await w.signedContract({ repId, startsOn: '2026-01-01', endsOn: '2026-06-30' }));
    for (const contract of ending.slice(0, 3)) {
      const renewal = must(
        await createRenewal({
          client: manager.client,
          path: { id: contract.id },
          body: { pricing: 'previous' },
        }),
      );
      must(
        await signContract({
          client: manager.client,
          path: { id: renewal.id },
          body: { signedOn: '2026-06-20' },
        }),
      );
    }

    for (const intakeDay of ['2026-05-22', '2026-05-02']) {
      const lead = must(
        await createLead({ client: manager.client, body: { companyName: `Won ${intakeDay} Kft.` } }),
      );
      for (const status of ['contacted', 'qualified'] as const)
        must(await changeLeadStatus({ client: manager.client, path: { id: lead.id }, body: { status } }));
      await t.dataSource.query(`UPDATE leads SET created_at = $2 WHERE id = $1`, [
        lead.id,
        `${intakeDay}T06:00:00Z`,
      ]);
      const contract = must(
        await createContract({
          client: manager.client,
          body: {
            leadId: lead.id,
            repId,
            currency: 'CNY',
            startsOn: '2026-06-15',
            endsOn: '2027-06-14',
            lines: [{ productId, quantity: 2, unitPriceMinor: 110000, discountBps: 1000 }],
          },
        }),
      );
      const signed = must(
        await signContract({
          client: manager.client,
          path: { id: contract.id },
          body: { signedOn: '2026-06-11' },
        }),
      );
      expect(signed.cycleDays).toBe(intakeDay === '2026-05-22' ? 20 : 40);
      must(
        await postContractPayment({
          client: manager.client,
          path: { id: contract.id },
          body: {
            amountMinor: 150000,
            currency: 'CNY',
            paidOn: '2026-06-25',
            externalSource: 'sap',
            externalId: `KPI-${contract.id}`,
          },
        }),
      );
    }

    const target = must(
      await createTarget({
        client: manager.client,
        body: {
          metric: 'revenue',
          periodKey: '2026-06',
          ownerKind: 'rep',
          ownerId: repId,
          currency: 'CNY',
          baseValue: 400000,
        },
      }),
    );
    must(await approveTarget({ client: manager.client, path: { id: target.id } }));

    must(
      await reviseScorecardDefinition({
        client: manager.client,
        path: { audience: 'rep' },
        body: {
          kpis: [
            { kpi: 'target_attainment', weightPercent: 50, zeroPoint: 0.5, hundredPoint: 1 },
            { kpi: 'renewal_rate', weightPercent: 25, zeroPoint: 0, hundredPoint: 1 },
            { kpi: 'average_deal_cycle', weightPercent: 25, zeroPoint: 60, hundredPoint: 10 },
          ],
          gradeBands: { A: 85, B: 70, C: 50 },
        },
      }),
    );
    must(await computeScores({ client: manager.client, query: { period: '2026-06' } }));
  });
  afterAll(() => t.close());

  const scoreOf = async (subject: 'rep' | 'vendor', subjectId: string): Promise<ScoreDto> => {
    const { data } = await listScores({ client: w.manager.client, query: { period: '2026-06' } });
    return must({ data: data?.data.find((row) => row.subject === subject && row.subjectId === subjectId) });
  };

  it('scores target attainment, renewal rate and deal cycle from the rep’s own contracts and target, by hand', async () => {
    const rep = await scoreOf('rep', w.repId);
    // attainment 0.75 on 0.5 → 1: 50 points × 50 % = 25; renewals 0.75 on 0 → 1: 75 × 25 % = 18.75;
    // deal cycle 30 days on 60 → 10: (30 − 60) / (10 − 60) = 60 points × 25 % = 15; total 58.75 → C
    expect(rep).toMatchObject({ total: 58.75, grade: 'C', status: 'final' });
    expect(
      rep.kpis.map(({ kpi, raw, normalised, contribution }) => ({ kpi, raw, normalised, contribution })),
    ).toEqual([
      { kpi: 'target_attainment', raw: 0.75, normalised: 50, contribution: 25 },
      { kpi: 'renewal_rate', raw: 0.75, normalised: 75, contribution: 18.75 },
      { kpi: 'average_deal_cycle', raw: 30, normalised: 60, contribution: 15 },
    ]);
  });

  it('scores the vendor on its own contract facts, and leaves its attainment unmeasured without a vendor target', async () => {
    const vendor = await scoreOf('vendor', w.vendorId);
    const kpi = (name: string) => vendor.kpis.find((row) => row.kpi === name);
    expect(kpi('renewal_rate')).toMatchObject({ raw: 0.75, measured: true });
    expect(kpi('average_deal_cycle')).toMatchObject({ raw: 30, measured: true });
    expect(kpi('target_attainment')).toMatchObject({ raw: null, measured: false });
  });

  it('counts a contract ending later in a running month as not yet up for renewal', async () => {
    // The same facts read for a month still running on 10 June: the four contracts end on the 30th.
    await t.app
      .get(ScoringService)
      .computeScores(t.dataSource.manager, parsePeriod('2026-Q2')!, '2026-06-10');
    const { data } = await listScores({ client: w.manager.client, query: { period: '2026-Q2' } });
    const rep = must({ data: data?.data.find((row) => row.subject === 'rep' && row.subjectId === w.repId) });
    expect(rep.status).toBe('provisional');
    expect(rep.kpis.find((row) => row.kpi === 'renewal_rate')).toMatchObject({ raw: null, measured: false });
  });
});
