import { createLead, getLead, runCheck } from '../../openapi/sdk';
import { Role } from '../../src/common/auth/role';
import { CustomersService } from '../../src/modules/leads/customers/customers.service';
import { normaliseCompanyName } from '../../src/modules/leads/intake/lead-keys.rules';
import { must } from '../support/must';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { vendorFixtures } from '../support/vendor-fixtures';

/**
 * Two ERP customers: Alfa Kft., an A key account whose first lead was won, and Cézár Kft., a C account.
 * Their new needs come in as expansion leads naming the customer.
 */
describe('An A key account’s new leads are key leads', () => {
  let t: TestApp;
  let admin: TestUser;
  let vendorManager: TestUser;
  let alfa: string;
  let cezar: string;

  const customer = async (name: string, keyAccountClass: 'A' | 'C') => {
    const [row]: { id: string }[] = await t.dataSource.query(
      `INSERT INTO customers (name, name_key, erp_customer_id, key_account_class) VALUES ($1, $2, $1, $3)
       RETURNING id`,
      [name, normaliseCompanyName(name), keyAccountClass],
    );
    return row.id;
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn(Role.ADMIN);
    const fx = vendorFixtures(admin.client);
    const vendorId = (await fx.vendor((await fx.salesUnit()).id)).id;
    vendorManager = await t.signIn(Role.VENDOR_MANAGER, { vendorId });
    alfa = await customer('Alfa Kft.', 'A');
    cezar = await customer('Cézár Kft.', 'C');
    // Alfa's first lead, won long ago: the expansion lead is not its duplicate.
    const first = must(
      await createLead({ client: admin.client, body: { companyName: 'Alfa Kft. (first deal)' } }),
    );
    await t.dataSource.query(
      `UPDATE leads SET status = 'won', won_at = now() - interval '1 year', company_name_key = $2, customer_id = $3
        WHERE id = $1`,
      [first.id, normaliseCompanyName('Alfa Kft.'), alfa],
    );
  });
  afterAll(() => t.close());

  it('makes the expansion lead of an A key account a key lead, by rule, naming why', async () => {
    const lead = must(
      await createLead({
        client: admin.client,
        body: { companyName: 'Alfa Kft.', customerId: alfa, needs: 'A second line' },
      }),
    );
    expect(lead).toMatchObject({
      customerId: alfa,
      keyLead: true,
      keyLeadReason: 'A key account',
      keyLeadSetBy: 'rule',
    });
  });

  let cezarLead: string;
  it('takes a C account’s expansion lead in as an ordinary lead', async () => {
    const lead = must(
      await createLead({ client: admin.client, body: { companyName: 'Cézár Kft.', customerId: cezar } }),
    );
    expect(lead).toMatchObject({ customerId: cezar, keyLead: false });
    cezarLead = lead.id;
  });

  it('still refuses the customer’s lead that does not name it: EXISTING_CUSTOMER', async () => {
    const refused = await createLead({ client: admin.client, body: { companyName: 'Alfa Kft.' } });
    expect(refused.response.status).toBe(409);
    expect(refused.error).toMatchObject({ code: 'EXISTING_CUSTOMER' });
  });

  it('counts a second expansion lead while the first is open as its duplicate', async () => {
    const again = await createLead({
      client: admin.client,
      body: { companyName: 'Alfa Kft.', customerId: alfa },
    });
    expect(again.response.status).toBe(409);
    expect(again.error).toMatchObject({ code: 'LEAD_DUPLICATE' });
  });

  it('refuses a vendor-bound caller naming a customer, as an unknown reference', async () => {
    const refused = await createLead({
      client: vendorManager.client,
      body: { companyName: 'Alfa Kft. Győr', customerId: alfa },
    });
    expect(refused.response.status).toBe(422);
    expect(refused.error).toMatchObject({ code: 'LEAD_REFERENCE_UNKNOWN' });
  });

  it('makes a customer’s open lead key once the customer becomes an A account, at the next grading pass', async () => {
    const lead = { id: cezarLead };
    await t.dataSource.transaction((em) =>
      t.app
        .get(CustomersService)
        .setKeyAccountClasses(
          em,
          [{ customerId: cezar, keyAccountClass: 'A', revenueMinor: 90_000_000 }],
          'CNY',
          '2026-12-01',
        ),
    );
    must(await runCheck({ client: admin.client, path: { name: 'lead_grading' }, body: {} }));
    expect(must(await getLead({ client: admin.client, path: { id: lead.id } }))).toMatchObject({
      keyLead: true,
      keyLeadReason: 'A key account',
    });
  });
});
