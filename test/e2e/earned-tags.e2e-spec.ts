import {
  assignLead,
  changeLeadStatus,
  createContract,
  createProduct,
  getProductLine,
  getRep,
  runCheck,
  signContract,
  updateCheckSettings,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { must } from '../support/must';
import { routingFixtures } from '../support/routing-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

/**
 * One agency covering Guangdong and one product line. Rep "winner" wins three manufacturing deals on the
 * line within the last twelve months; rep "runner-up" wins two; a third won deal of the runner-up is older
 * than the window. Default rule: three wins in twelve months earn the tag.
 */
describe('Tags earned from wins', () => {
  let t: TestApp;
  let admin: TestUser;
  let fx: ReturnType<typeof routingFixtures>;
  let vendorId: string;
  let winner: string;
  let runnerUp: string;
  let lineId: string;
  let lineCode: string;
  let productId: string;
  const asOf = new Date('2026-11-30T10:00:00Z');

  const wonDeal = async (repId: string, signedOn: string) => {
    const lead = await fx.lead({ industryCode: 'manufacturing', regionCode: 'CN-GD' });
    for (const status of ['contacted', 'qualified'] as const)
      must(await changeLeadStatus({ client: admin.client, path: { id: lead.id }, body: { status } }));
    await t.dataSource.query(`UPDATE leads SET created_at = $2::date - 30 WHERE id = $1`, [
      lead.id,
      signedOn,
    ]);
    const contract = must(
      await createContract({
        client: admin.client,
        body: {
          leadId: lead.id,
          repId,
          currency: 'CNY',
          industryCode: 'manufacturing',
          startsOn: signedOn,
          endsOn: '2027-12-31',
          lines: [{ productId, quantity: 1 }],
        },
      }),
    );
    must(await signContract({ client: admin.client, path: { id: contract.id }, body: { signedOn } }));
  };
  const earnedTagsOf = async (repId: string) =>
    must(await getRep({ client: admin.client, path: { id: repId } })).earnedTags;
  const run = () =>
    runCheck({ client: admin.client, path: { name: 'earned_tags' }, body: { asOf: asOf.toISOString() } });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    fx = routingFixtures(admin.client);
    const unitId = (await fx.salesUnit()).id;
    const guangdong = (await fx.leadRegion('CN-GD')).id;
    lineId = (await fx.productLine()).id;
    lineCode = must(await getProductLine({ client: admin.client, path: { id: lineId } })).code;
    const vendor = await fx.vendor(unitId);
    await fx.agreement(vendor.id, {
      startsOn: '2025-01-01',
      endsOn: '2027-12-31',
      regionIds: [guangdong],
      industryCodes: ['manufacturing'],
      productLineIds: [lineId],
    });
    vendorId = vendor.id;
    winner = (await fx.rep(vendorId, { grade: 'B' })).id;
    runnerUp = (await fx.rep(vendorId, { grade: 'B' })).id;
    productId = must(
      await createProduct({
        client: admin.client,
        body: {
          productLineId: lineId,
          sku: 'ET-1',
          name: 'Earned-tag sensor',
          currency: 'CNY',
          listPriceMinor: 100000,
          floorPriceMinor: 90000,
        },
      }),
    ).id;
    for (const signedOn of ['2026-01-10', '2026-06-10', '2026-11-20']) await wonDeal(winner, signedOn);
    // The window of 30 November 2026 starts on 1 December 2025: the deal of 15 November 2025 is outside.
    for (const signedOn of ['2025-11-15', '2026-03-10', '2026-09-10']) await wonDeal(runnerUp, signedOn);
  });
  afterAll(() => t.close());

  it('gives a rep with three wins in an industry and a product line within twelve months both tags', async () => {
    must(await run());
    expect(await earnedTagsOf(winner)).toEqual(['industry:manufacturing', `line:${lineCode}`].sort());
  });

  it('gives none to a rep with two wins in the window and one older than it', async () => {
    expect(await earnedTagsOf(runnerUp)).toEqual([]);
  });

  it('keeps earned tags apart from the tags given by hand', async () => {
    const rep = must(await getRep({ client: admin.client, path: { id: winner } }));
    expect(rep.tags).toEqual([]);
  });

  it('routes by earned tags: best fit prefers the rep who earned the lead’s industry and product line', async () => {
    await fx.rule({
      name: 'earned best fit',
      filter: { tags: ['t-earned'] },
      targetKind: 'vendor',
      targetVendorIds: [vendorId],
      strategy: 'best_fit',
    });
    const lead = await fx.lead({
      tags: ['t-earned'],
      industryCode: 'manufacturing',
      productLineIds: [lineId],
      regionCode: 'CN-GD',
    });
    const decision = must(await assignLead({ client: admin.client, path: { id: lead.id } }));
    // winner: (1 + industry + product line) × weight of B; runner-up: 1 × the same weight
    expect(decision.chosenRepId).toBe(winner);
    const scores = new Map(decision.candidates.map((candidate) => [candidate.repId, candidate.score]));
    expect(scores.get(winner)! / scores.get(runnerUp)!).toBe(3);
  });

  it('follows the check’s threshold: at two wins the runner-up earns the tags too; back at three, loses them', async () => {
    must(
      await updateCheckSettings({
        client: admin.client,
        path: { name: 'earned_tags' },
        body: { thresholds: { minWins: 2 } },
      }),
    );
    must(await run());
    expect(await earnedTagsOf(runnerUp)).toEqual(['industry:manufacturing', `line:${lineCode}`].sort());
    must(
      await updateCheckSettings({
        client: admin.client,
        path: { name: 'earned_tags' },
        body: { thresholds: { minWins: 3 } },
      }),
    );
    must(await run());
    expect(await earnedTagsOf(runnerUp)).toEqual([]);
  });
});
