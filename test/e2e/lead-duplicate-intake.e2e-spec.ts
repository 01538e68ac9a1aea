import { randomUUID } from 'node:crypto';
import {
  changeLeadStatus,
  createLead,
  getLead,
  importLeads,
  listLeadActivities,
  recordLeadActivity,
} from '../../openapi/sdk';
import type { LeadDto } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

describe('A duplicate intake is history, not a touch: only the owner team’s work counts', () => {
  let t: TestApp;
  let manager: TestUser;
  let vendorX: TestUser;
  let vendorY: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.signIn(Role.SALES_MANAGER);
    vendorX = await t.signIn(Role.VENDOR_MANAGER, { vendorId: randomUUID() });
    vendorY = await t.signIn(Role.VENDOR_MANAGER, { vendorId: randomUUID() });
  });
  afterAll(() => t.close());

  const read = async (id: string): Promise<LeadDto> =>
    (await getLead({ client: manager.client, path: { id } })).data!;

  it('a duplicate intake by another vendor leaves the lead’s touch count and score unchanged', async () => {
    const { data: lead } = await createLead({
      client: vendorX.client,
      body: { companyName: 'Tisza Dup Kft.' },
    });
    const before = await read(lead!.id);
    const { response, error } = await createLead({
      client: vendorY.client,
      body: { companyName: 'TISZA DUP Kft' },
    });
    expect(response.status).toBe(409);
    // The other vendor's answer names neither the lead nor its owner.
    expect(error).toMatchObject({ code: 'LEAD_DUPLICATE', matchedOn: 'companyName' });
    expect(JSON.stringify(error)).not.toContain(lead!.id);
    const after = await read(lead!.id);
    expect(after.touchCount).toBe(before.touchCount);
    expect(after.score).toBe(before.score);
    expect(after.grade).toBe(before.grade);
    expect(after.lastActivityAt).toBe(before.lastActivityAt);
  });

  it('a duplicate ERP import is written to the lead’s history as a duplicate attempt', async () => {
    const { data: lead } = await createLead({
      client: manager.client,
      body: { companyName: 'Rába Import Zrt.' },
    });
    const before = await read(lead!.id);
    const { data: imported } = await importLeads({
      client: manager.client,
      body: { rows: [{ companyName: 'Rába Import Zrt.' }] },
    });
    expect(imported!.results[0]).toMatchObject({ outcome: 'duplicate', id: lead!.id });
    const history = await listLeadActivities({ client: manager.client, path: { id: lead!.id } });
    expect(history.data!.data.filter((entry) => entry.kind === 'duplicate_intake')).toHaveLength(1);
    const after = await read(lead!.id);
    expect(after.touchCount).toBe(before.touchCount);
    expect(after.score).toBe(before.score);
  });

  it('a follow-up done by the owning vendor counts as a touch; one by another team does not', async () => {
    const { data: lead } = await createLead({
      client: vendorX.client,
      body: { companyName: 'Maros Touch Bt.' },
    });
    const start = (await read(lead!.id)).touchCount;
    await recordLeadActivity({
      client: vendorX.client,
      path: { id: lead!.id },
      body: { channel: 'call', content: 'Called the buyer' },
    });
    expect((await read(lead!.id)).touchCount).toBe(start + 1);
    await recordLeadActivity({
      client: manager.client,
      path: { id: lead!.id },
      body: { channel: 'email', content: 'Company note on a vendor lead' },
    });
    expect((await read(lead!.id)).touchCount).toBe(start + 1);
  });

  it('a status change by the owning vendor counts as a touch; one by a company manager does not', async () => {
    const { data: lead } = await createLead({
      client: vendorX.client,
      body: { companyName: 'Dráva Status Kft.' },
    });
    const start = (await read(lead!.id)).touchCount;
    const own = await changeLeadStatus({
      client: vendorX.client,
      path: { id: lead!.id },
      body: { status: 'contacted', note: 'Reached the buyer' },
    });
    expect(own.response.status).toBe(200);
    expect((await read(lead!.id)).touchCount).toBe(start + 1);
    const company = await changeLeadStatus({
      client: manager.client,
      path: { id: lead!.id },
      body: { status: 'qualified' },
    });
    expect(company.response.status).toBe(200);
    expect((await read(lead!.id)).touchCount).toBe(start + 1);
  });

  it('a note written by the owning vendor is a touch (a follow-up on the note channel)', async () => {
    const { data: lead } = await createLead({
      client: vendorX.client,
      body: { companyName: 'Szamos Note Bt.' },
    });
    const start = (await read(lead!.id)).touchCount;
    const { response } = await recordLeadActivity({
      client: vendorX.client,
      path: { id: lead!.id },
      body: { channel: 'note', content: 'Buyer changes in January; ask for Kovács' },
    });
    expect(response.status).toBe(201);
    expect((await read(lead!.id)).touchCount).toBe(start + 1);
    const history = await listLeadActivities({ client: vendorX.client, path: { id: lead!.id } });
    expect(history.data!.data.find((entry) => entry.channel === 'note')).toMatchObject({
      kind: 'follow_up',
      content: 'Buyer changes in January; ask for Kovács',
    });
  });
});
