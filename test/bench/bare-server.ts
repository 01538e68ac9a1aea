import { createServer } from 'node:http';
import { Pool } from 'pg';

/**
 * The W2 baseline: a bare `node:http` server answering `GET /api/v1/leads?status=…&limit=…` for one
 * vendor with the same two statements the service runs (the page of leads, then their contacts) and the
 * same JSON shape, without framework, validation, auth or ORM. Started as a child process by the bench.
 *
 * Environment: DATABASE_URL, PORT, VENDOR_ID (the scope of the vendor manager), POOL_SIZE.
 */
const LEAD_COLUMNS = [
  'id',
  'company_name',
  'company_name_key',
  'tax_id',
  'tax_id_key',
  'industry_code',
  'size_band',
  'region_code',
  'registered_capital_minor',
  'registered_capital_currency',
  'website',
  'needs',
  'product_line_ids',
  'source',
  'source_campaign',
  'source_referrer',
  'tags',
  'status',
  'vendor_id',
  'owner_rep_id',
  'key_lead',
  'key_lead_reason',
  'key_lead_set_by',
  'grade',
  'score',
  'score_factors',
  'follow_up_plan',
  'next_follow_up_due',
  'last_activity_at',
  'touch_count',
  'lost_reason',
  'lost_reason_text',
  'lost_no_chance',
  'reject_reason',
  'reject_reason_text',
  'merged_into_id',
  'customer_id',
  'won_at',
  'created_at',
  'updated_at',
  'version',
];

/** What TypeORM sends for `listLeads` of a vendor manager filtered by status (logged from the service). */
export const LEADS_PAGE_SQL = `SELECT ${LEAD_COLUMNS.map((c) => `"lead"."${c}" AS "lead_${c}"`).join(', ')}
  FROM "leads" "lead" WHERE "lead"."vendor_id" = $1 AND "lead"."status" = $2
  ORDER BY "lead"."created_at" ASC, "lead"."id" ASC LIMIT $3`;

export const LEAD_CONTACTS_SQL = `SELECT "contact"."id", "contact"."lead_id", "contact"."position", "contact"."name",
  "contact"."phone", "contact"."email", "contact"."title"
  FROM "lead_contacts" "contact" WHERE "contact"."lead_id" = ANY($1) ORDER BY "contact"."position" ASC`;

const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

function main(): void {
  const vendorId = process.env.VENDOR_ID ?? '';
  const pool = new Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.POOL_SIZE ?? 10),
  });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/api/v1/leads') {
      res.writeHead(404).end();
      return;
    }
    const limit = Number(url.searchParams.get('limit') ?? 50);
    const status = url.searchParams.get('status') ?? 'contacted';
    void (async () => {
      const { rows } = await pool.query<Record<string, unknown>>(LEADS_PAGE_SQL, [
        vendorId,
        status,
        limit + 1,
      ]);
      const page = rows.slice(0, limit);
      const ids = page.map((row) => row.lead_id);
      const contacts = ids.length
        ? (await pool.query<Record<string, unknown>>(LEAD_CONTACTS_SQL, [ids])).rows
        : [];
      const data = page.map((row) => {
        const lead: Record<string, unknown> = {};
        for (const column of LEAD_COLUMNS) lead[camel(column)] = iso(row[`lead_${column}`]);
        lead.contacts = contacts
          .filter((c) => c.lead_id === row.lead_id)
          .map((c) => ({ name: c.name, phone: c.phone, email: c.email, title: c.title }));
        lead.contactsMasked = false;
        return lead;
      });
      const last = page[page.length - 1];
      const nextCursor =
        rows.length > limit && last
          ? Buffer.from(JSON.stringify([iso(last.lead_created_at), last.lead_id])).toString('base64url')
          : null;
      const body = JSON.stringify({ data, nextCursor });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
  process.on('SIGTERM', () => {
    server.close();
    void pool.end().then(() => process.exit(0));
  });
}

if (require.main === module) main();
