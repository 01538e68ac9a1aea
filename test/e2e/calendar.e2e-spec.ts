import { deleteHoliday, getWorkingDays, listHolidays, putHoliday } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

describe('Working-day calendar per country', () => {
  let t: TestApp;
  let admin: TestUser;
  let manager: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    manager = await t.signIn(Role.SALES_MANAGER);
  });
  afterAll(() => t.close());

  it('ships the Chinese holidays with their make-up workdays (调休) for 2026', async () => {
    const { data, response } = await listHolidays({
      client: manager.client,
      query: { countryCode: 'cn', year: 2026 },
    });
    expect(response.status).toBe(200);
    expect(data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ date: '2026-02-16', kind: 'holiday' }),
        expect.objectContaining({ date: '2026-02-14', kind: 'workday' }),
      ]),
    );
  });

  it('counts working days with holidays out and make-up Saturdays in', async () => {
    // 2026-02-09 … 2026-03-01 in China: Spring Festival Feb 15–23 off, Saturdays Feb 14 and 28 worked.
    const { data } = await getWorkingDays({
      client: manager.client,
      query: { countryCode: 'CN', from: '2026-02-09', to: '2026-03-01' },
    });
    expect(data?.dates).toEqual([
      '2026-02-09',
      '2026-02-10',
      '2026-02-11',
      '2026-02-12',
      '2026-02-13',
      '2026-02-14',
      '2026-02-24',
      '2026-02-25',
      '2026-02-26',
      '2026-02-27',
      '2026-02-28',
    ]);
  });

  it('knows the Hungarian Easter holidays', async () => {
    const { data } = await getWorkingDays({
      client: manager.client,
      query: { countryCode: 'HU', from: '2026-03-30', to: '2026-04-12' },
    });
    expect(data?.count).toBe(8);
  });

  it('lets an admin add and remove a company holiday, changing the count at once', async () => {
    const range = { countryCode: 'HU', from: '2026-11-30', to: '2026-12-04' };
    expect((await getWorkingDays({ client: manager.client, query: range })).data?.count).toBe(5);
    const put = await putHoliday({
      client: admin.client,
      path: { countryCode: 'HU', date: '2026-12-02' },
      body: { name: 'Company day', kind: 'holiday' },
    });
    expect(put.response.status).toBe(200);
    expect((await getWorkingDays({ client: manager.client, query: range })).data?.count).toBe(4);

    const removed = await deleteHoliday({
      client: admin.client,
      path: { countryCode: 'HU', date: '2026-12-02' },
    });
    expect(removed.response.status).toBe(204);
    expect((await getWorkingDays({ client: manager.client, query: range })).data?.count).toBe(5);
  });

  it('refuses calendar changes from anyone but an admin', async () => {
    const { response } = await putHoliday({
      client: manager.client,
      path: { countryCode: 'HU', date: '2026-12-02' },
      body: { name: 'Company day', kind: 'holiday' },
    });
    expect(response.status).toBe(403);
  });

  it('refuses an impossible date, a bad kind and a range longer than a year', async () => {
    const badDate = await putHoliday({
      client: admin.client,
      path: { countryCode: 'HU', date: '2026-02-30' },
      body: { name: 'Nope', kind: 'holiday' },
    });
    expect(badDate.response.status).toBe(400);
    const badKind = await putHoliday({
      client: admin.client,
      path: { countryCode: 'HU', date: '2026-02-03' },
      body: { name: 'Nope', kind: 'vacation' as never },
    });
    expect(badKind.response.status).toBe(400);
    const long = await getWorkingDays({
      client: manager.client,
      query: { countryCode: 'HU', from: '2026-01-01', to: '2027-06-01' },
    });
    expect(long.response.status).toBe(400);
  });
});
