import { assignLead, setKeyLead, updateAgreement } from '../../openapi/sdk';
import type { AgreementDto, AssignmentDecisionDto, VendorTier } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { must } from '../support/must';
import { routingFixtures } from '../support/routing-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

/**
 * A rule sends leads tagged `t-tier` to a silver and a gold agency in Guangdong, one B rep each, by best
 * fit; key leads need at least a gold vendor. The silver agency's rep carries the lead's tag, so on fit
 * alone it would win every lead: (1 + 1) × 3 = 6 against 1 × 3.
 */
describe('A minimum vendor tier for key leads', () => {
  let t: TestApp;
  let admin: TestUser;
  let fx: ReturnType<typeof routingFixtures>;
  let silverRep: string;
  let goldRep: string;
  let goldAgreement: AgreementDto;

  const lead = async (key: boolean) => {
    const created = await fx.lead({ tags: ['t-tier'], regionCode: 'CN-GD' });
    if (key)
      must(
        await setKeyLead({
          client: admin.client,
          path: { id: created.id },
          body: { keyLead: true, reason: 'Tier test' },
        }),
      );
    return created.id;
  };
  const route = async (leadId: string): Promise<AssignmentDecisionDto> =>
    must(await assignLead({ client: admin.client, path: { id: leadId } }));

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    fx = routingFixtures(admin.client);
    const unitId = (await fx.salesUnit()).id;
    const guangdong = (await fx.leadRegion('CN-GD')).id;
    const agency = async (tier: VendorTier) => {
      const vendor = await fx.vendor(unitId, { tier });
      const agreement = await fx.agreement(vendor.id, { regionIds: [guangdong], industryCodes: ['retail'] });
      return { vendor, agreement };
    };
    const silver = await agency('silver');
    const gold = await agency('gold');
    goldAgreement = gold.agreement;
    silverRep = (await fx.rep(silver.vendor.id, { grade: 'B', tags: ['t-tier'] })).id;
    goldRep = (await fx.rep(gold.vendor.id, { grade: 'B' })).id;
    await fx.rule({
      name: 'tiered key leads',
      filter: { tags: ['t-tier'] },
      targetKind: 'vendors',
      targetVendorIds: [silver.vendor.id, gold.vendor.id],
      strategy: 'best_fit',
      keyLeadMinVendorTier: 'gold',
    });
  });
  afterAll(() => t.close());

  it('gives a lead that is not key to the best fit, the silver agency’s rep', async () => {
    expect((await route(await lead(false))).chosenRepId).toBe(silverRep);
  });

  it('keeps a key lead from the silver agency and gives it to the gold one, naming the reason', async () => {
    const decision = await route(await lead(true));
    expect(decision.chosenRepId).toBe(goldRep);
    expect(decision.excluded).toEqual([
      expect.objectContaining({ repId: silverRep, reasons: ['vendor_tier_too_low'] }),
    ]);
    expect(decision.excludedByReason).toEqual({ vendor_tier_too_low: 1 });
  });

  it('applies the agreement’s stricter minimum: a gold agency contracted for platinum-only key leads gets none', async () => {
    must(
      await updateAgreement({
        client: admin.client,
        path: { id: goldAgreement.id },
        body: { keyLeadMinTier: 'platinum' },
      }),
    );
    const decision = await route(await lead(true));
    expect(decision.outcome).toBe('unassigned');
    expect(decision.excludedByReason).toEqual({ vendor_tier_too_low: 2 });
    // Cleared again (null), the rule's gold minimum alone applies.
    must(
      await updateAgreement({
        client: admin.client,
        path: { id: goldAgreement.id },
        body: { keyLeadMinTier: null },
      }),
    );
    expect((await route(await lead(true))).chosenRepId).toBe(goldRep);
  });
});
