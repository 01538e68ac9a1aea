import {
  changeVendorStatus,
  createRepLogin,
  getVendor,
  getVendorOnboardingChecklist,
  listAuditLog,
} from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { routingFixtures } from '../support/routing-fixtures';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

describe('Onboarding gate: a vendor becomes active only with its checklist complete', () => {
  let t: TestApp;
  let admin: TestUser;
  let fx: ReturnType<typeof routingFixtures>;
  let unitId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    fx = routingFixtures(admin.client);
    unitId = (await fx.salesUnit()).id;
  });
  afterAll(() => t.close());

  const activate = (id: string, waive = false) =>
    changeVendorStatus({
      client: admin.client,
      path: { id },
      body: { status: 'active', reason: 'Go live', waiveOnboardingChecklist: waive },
    });

  it('refuses to activate a vendor with an incomplete checklist, lists what is missing and changes nothing', async () => {
    const vendor = await fx.vendor(unitId, {}, false);
    const refused = await activate(vendor.id);
    expect(refused.response.status).toBe(422);
    expect(refused.error).toMatchObject({
      code: 'VENDOR_ONBOARDING_INCOMPLETE',
      missing: ['agreement_signed', 'nda_on_file', 'rep_with_login'],
    });
    expect((await getVendor({ client: admin.client, path: { id: vendor.id } })).data!.status).toBe(
      'onboarding',
    );

    // An agreement without an NDA still leaves two items open.
    await fx.agreement(vendor.id, { startsOn: '2026-01-01', endsOn: '2027-12-31' });
    const stillRefused = await activate(vendor.id);
    expect(stillRefused.error).toMatchObject({ missing: ['nda_on_file', 'rep_with_login'] });
  });

  it('activates a vendor once it has a current agreement with an NDA and a rep with a login', async () => {
    const vendor = await fx.vendor(unitId, {}, false);
    await fx.agreement(vendor.id, {
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
      ndaSignedOn: '2025-12-15',
    });
    const rep = await fx.rep(vendor.id);
    const manager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: vendor.id });
    await createRepLogin({
      client: manager.client,
      path: { id: rep.id },
      body: { email: `rep.${rep.id.slice(0, 8)}@vendor.cn`, password: 'a-long-rep-password' },
    });

    // The vendor manager sees their own checklist, complete.
    const checklist = (
      await getVendorOnboardingChecklist({ client: manager.client, path: { id: vendor.id } })
    ).data!;
    expect(checklist).toMatchObject({ complete: true, missing: [] });
    expect(checklist.items.map((item) => [item.item, item.done])).toEqual([
      ['agreement_signed', true],
      ['nda_on_file', true],
      ['rep_with_login', true],
    ]);
    const activated = await activate(vendor.id);
    expect(activated.data!.status).toBe('active');
  });

  it('lets the company waive an incomplete checklist, on the record', async () => {
    const vendor = await fx.vendor(unitId, {}, false);
    const activated = await activate(vendor.id, true);
    expect(activated.data!.status).toBe('active');
    const audit = (
      await listAuditLog({ client: admin.client, query: { entityType: 'vendor', entityId: vendor.id } })
    ).data!.data;
    expect(audit.find((entry) => entry.action === 'waive_onboarding_checklist')!.after).toMatchObject({
      missing: ['agreement_signed', 'nda_on_file', 'rep_with_login'],
    });
  });

  it('shows a vendor manager no other vendor’s checklist', async () => {
    const own = await fx.vendor(unitId, {}, false);
    const other = await fx.vendor(unitId, {}, false);
    const manager = await t.signIn(Role.VENDOR_MANAGER, { vendorId: own.id });
    const foreign = await getVendorOnboardingChecklist({ client: manager.client, path: { id: other.id } });
    expect(foreign.response.status).toBe(404);
  });
});
