import { autoAssignLeads, createToken, listAssignmentRules, listLeadPools } from '../../openapi/sdk';
import { DEMO_USERS } from '../../src/modules/demo/demo.module';
import { startTestApp, TestApp } from '../support/test-app';

describe('Demo routing', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true });
  });
  afterAll(() => t.close());

  it('seeds a company pool and rules that route the demo’s unassigned leads', async () => {
    const admin = DEMO_USERS[0];
    const { data: token } = await createToken({
      client: t.anonymous,
      body: { grant_type: 'password', username: admin.email, password: admin.password },
    });
    const client = t.clientWithToken(token!.access_token);
    const { data: rules } = await listAssignmentRules({ client });
    expect(rules!.data.map((rule) => rule.strategy)).toEqual(['best_fit', 'weighted_random']);
    const { data: pools } = await listLeadPools({ client });
    expect(pools!.data).toEqual([expect.objectContaining({ isDefault: true, vendorId: null })]);
    const { data: run } = await autoAssignLeads({ client, body: {} });
    expect(run!.considered).toBeGreaterThan(0);
    expect(run!.assigned).toBeGreaterThan(0);
  });
});
