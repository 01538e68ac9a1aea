import { openLeadSql } from '../lead-status.rules';
import { OutboxService } from '../../webhooks/outbox.service';
import type { CustomerCreatedEventData } from '../../webhooks/webhook-events';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, Repository } from 'typeorm';
import type { DataScope } from '../../../common/auth/data-scope';
import { DomainException } from '../../../common/errors/domain.exception';
import { ErrorCode } from '../../../common/errors/error-codes';
import { Page, paginateSyncable } from '../../../common/pagination/pagination';
import { Customer } from './customer.entity';
import { CustomerInputDto, ListCustomersQuery } from './customers.dto';
import { DedupeKey } from '../lead.enums';
import { ImportOutcome, ImportRowResultDto, rowResult } from '../intake/lead-imports.dto';
import {
  normaliseCompanyName,
  normaliseEmail,
  normalisePhone,
  normaliseTaxId,
  phoneCountryOfRegion,
} from '../intake/lead-keys.rules';
import { insertRecordset } from '../recordset';

const CUSTOMER_COLUMNS = [
  ['id', 'uuid'],
  ['name', 'text'],
  ['name_key', 'text'],
  ['tax_id', 'text'],
  ['tax_id_key', 'text'],
  ['phone', 'text'],
  ['email', 'text'],
  ['erp_customer_id', 'text'],
  ['vendor_id', 'uuid'],
  ['source_lead_id', 'uuid'],
] as const;

type CustomerRow = Record<(typeof CUSTOMER_COLUMNS)[number][0], string | null>;

const SCOPE_COLUMNS = { vendor: 'customer.vendor_id' };

/** Customers (accounts): the companies we already sell to. Same normalised keys as leads. */
@Injectable()
export class CustomersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Customer) private readonly customers: Repository<Customer>,
    private readonly outbox: OutboxService,
  ) {}

  listCustomers(query: ListCustomersQuery, scope: DataScope): Promise<Page<Customer>> {
    const builder = scope.apply(this.customers.createQueryBuilder('customer'), SCOPE_COLUMNS);
    if (query.vendorId) builder.andWhere('customer.vendor_id = :vendorId', { vendorId: query.vendorId });
    return paginateSyncable(builder, query, [
      { expression: 'customer.created_at', read: (row) => row.createdAt.toISOString() },
      { expression: 'customer.id', read: (row) => row.id },
    ]);
  }

  async getCustomer(id: string, scope: DataScope): Promise<Customer> {
    const customer = await scope
      .apply(this.customers.createQueryBuilder('customer'), SCOPE_COLUMNS)
      .andWhere('customer.id = :id', { id })
      .getOne();
    if (!customer) throw DomainException.notFound('Customer', id);
    return customer;
  }

  /** The customer inside the scope, in the caller's transaction (complaints take its vendor); else 404. */
  async getCustomerInScope(manager: EntityManager, id: string, scope: DataScope): Promise<Customer> {
    const customer = await scope
      .apply(manager.getRepository(Customer).createQueryBuilder('customer'), SCOPE_COLUMNS)
      .andWhere('customer.id = :id', { id })
      .getOne();
    if (!customer) throw DomainException.notFound('Customer', id);
    return customer;
  }

  /** Whether the customer exists inside the scope, in the caller's transaction (contracts, call reports). */
  async isCustomerInScope(manager: EntityManager, id: string, scope: DataScope): Promise<boolean> {
    const found = await scope
      .apply(manager.getRepository(Customer).createQueryBuilder('customer'), SCOPE_COLUMNS)
      .andWhere('customer.id = :id', { id })
      .getExists();
    return found;
  }

  /** The ids among `ids` that do not exist or lie outside the caller's scope (call reports), one query. */
  async findInvisibleCustomerIds(
    manager: EntityManager,
    ids: readonly string[],
    scope: DataScope,
  ): Promise<string[]> {
    if (ids.length === 0) return [];
    const visible = await scope
      .apply(manager.getRepository(Customer).createQueryBuilder('customer'), SCOPE_COLUMNS)
      .select('customer.id', 'id')
      .andWhere('customer.id IN (:...ids)', { ids })
      .getRawMany<{ id: string }>();
    const seen = new Set(visible.map((row) => row.id));
    return ids.filter((id) => !seen.has(id));
  }

  /** Every customer's id (the key-account classification covers all of them), in the caller's transaction. */
  async listAllCustomerIds(manager: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(`SELECT id FROM customers`);
    return rows.map((row) => row.id);
  }

  /**
   * Stores the key-account classes in one statement; a null class (revenue that could not be converted)
   * clears it. The scheduler's key_accounts check calls it with its manager.
   */
  async setKeyAccountClasses(
    manager: EntityManager,
    rows: readonly { customerId: string; keyAccountClass: string | null; revenueMinor: number | null }[],
    currency: string,
    classifiedOn: string,
  ): Promise<void> {
    if (rows.length === 0) return;
    // A customer moving into or out of class A changes whether its open leads are key: they are regraded
    // by the grading check's next pass (regrade due now).
    await manager.query(
      `WITH moved AS (
         SELECT c.id FROM customers c JOIN unnest($1::uuid[], $2::varchar[]) AS u(id, cls) ON u.id = c.id
          WHERE (c.key_account_class = 'A') IS DISTINCT FROM (u.cls = 'A'))
       UPDATE leads l SET regrade_at = NULL FROM moved
        WHERE l.customer_id = moved.id AND ${openLeadSql('l')}`,
      [rows.map((row) => row.customerId), rows.map((row) => row.keyAccountClass)],
    );
    await manager.query(
      `UPDATE customers c SET key_account_class = u.cls, key_account_revenue_minor = u.revenue,
              key_account_currency = $4, key_account_classified_on = $5
         FROM unnest($1::uuid[], $2::varchar[], $3::bigint[]) AS u(id, cls, revenue)
        WHERE c.id = u.id`,
      [
        rows.map((row) => row.customerId),
        rows.map((row) => row.keyAccountClass),
        rows.map((row) => row.revenueMinor),
        currency,
        classifiedOn,
      ],
    );
  }

  /**
   * Imports ERP customers with a per-row result: created, duplicate (of an existing customer or an
   * earlier row, by ERP id, tax id, name, phone or email), or rejected (bad tax id, phone or email).
   * One lookup and one INSERT for the whole batch.
   */
  async importCustomers(rows: CustomerInputDto[]): Promise<ImportRowResultDto[]> {
    const results: ImportRowResultDto[] = new Array<ImportRowResultDto>(rows.length);
    const prepared: { row: number; value: CustomerRow; keys: [DedupeKey, string][] }[] = [];
    rows.forEach((input, row) => {
      const normalised = normaliseCustomer(input);
      if ('field' in normalised) {
        results[row] = rowResult(row, ImportOutcome.REJECTED, {
          code: ErrorCode.VALIDATION_FAILED,
          field: normalised.field,
          reason: `${normalised.field} ${normalised.message}`,
        });
        return;
      }
      const value: CustomerRow = { id: randomUUID(), ...normalised, vendor_id: null, source_lead_id: null };
      prepared.push({ row, value, keys: customerKeys(value) });
    });

    await this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('osm.customer-intake'))`);
      const existing = await this.lookup(
        em,
        prepared.flatMap((entry) => entry.keys),
      );
      const inFile = new Map<string, { id: string; row: number }>();
      const toInsert: CustomerRow[] = [];
      for (const entry of prepared) {
        const known = entry.keys.find(([key, value]) => existing.has(`${key}:${value}`));
        if (known) {
          results[entry.row] = rowResult(entry.row, ImportOutcome.DUPLICATE, {
            id: existing.get(`${known[0]}:${known[1]}`)!,
            matchedOn: known[0],
          });
          continue;
        }
        const earlier = entry.keys.find(([key, value]) => inFile.has(`${key}:${value}`));
        if (earlier) {
          const first = inFile.get(`${earlier[0]}:${earlier[1]}`)!;
          results[entry.row] = rowResult(entry.row, ImportOutcome.DUPLICATE, {
            id: first.id,
            matchedOn: earlier[0],
            duplicateOfRow: first.row,
          });
          continue;
        }
        for (const [key, value] of entry.keys)
          inFile.set(`${key}:${value}`, { id: entry.value.id!, row: entry.row });
        toInsert.push(entry.value);
        results[entry.row] = rowResult(entry.row, ImportOutcome.CREATED, { id: entry.value.id });
      }
      await insertRecordset(em, 'customers', CUSTOMER_COLUMNS, toInsert);
      await this.publishCreated(em, toInsert);
    });
    return results;
  }

  /** A won lead becomes a customer (or links to the one that already has its keys), in the caller's transaction. */
  async createCustomerFromLead(
    em: EntityManager,
    lead: { id: string; companyName: string; taxId: string | null; vendorId: string | null },
    keys: { nameKey: string; taxIdKey: string | null; phone: string | null; email: string | null },
  ): Promise<string> {
    const value: CustomerRow = {
      id: randomUUID(),
      name: lead.companyName,
      name_key: keys.nameKey,
      tax_id: lead.taxId,
      tax_id_key: keys.taxIdKey,
      phone: keys.phone,
      email: keys.email,
      erp_customer_id: null,
      vendor_id: lead.vendorId,
      source_lead_id: lead.id,
    };
    const found = await this.lookup(em, customerKeys(value));
    const existing = found.values().next();
    if (!existing.done) return existing.value;
    await insertRecordset(em, 'customers', CUSTOMER_COLUMNS, [value]);
    await this.publishCreated(em, [value]);
    return value.id!;
  }

  /** `customer.created` (catalogue v1) for each customer just inserted. */
  private async publishCreated(em: EntityManager, rows: CustomerRow[]): Promise<void> {
    await this.outbox.publish(
      em,
      rows.map((row) => ({
        eventType: 'customer.created' as const,
        vendorId: row.vendor_id,
        payload: {
          customerId: row.id!,
          leadId: row.source_lead_id,
          erpCustomerId: row.erp_customer_id,
        } satisfies CustomerCreatedEventData,
      })),
    );
  }

  /** `key:value` → customer id, for every key given. */
  private async lookup(em: EntityManager, keys: [DedupeKey, string][]): Promise<Map<string, string>> {
    const of = (kind: DedupeKey) => [
      ...new Set(keys.filter(([key]) => key === kind).map(([, value]) => value)),
    ];
    const rows: CustomerRow[] = await em.query(
      `SELECT id, erp_customer_id, tax_id_key, name_key, phone, email FROM customers
        WHERE erp_customer_id = ANY($1::text[]) OR tax_id_key = ANY($2::text[]) OR name_key = ANY($3::text[])
           OR phone = ANY($4::text[]) OR email = ANY($5::text[])`,
      [
        of(DedupeKey.ERP_CUSTOMER_ID),
        of(DedupeKey.TAX_ID),
        of(DedupeKey.COMPANY_NAME),
        of(DedupeKey.PHONE),
        of(DedupeKey.EMAIL),
      ],
    );
    const map = new Map<string, string>();
    for (const row of rows) for (const [key, value] of customerKeys(row)) map.set(`${key}:${value}`, row.id!);
    return map;
  }
}

function customerKeys(row: Partial<CustomerRow>): [DedupeKey, string][] {
  const keys: [DedupeKey, string][] = [];
  if (row.erp_customer_id) keys.push([DedupeKey.ERP_CUSTOMER_ID, row.erp_customer_id]);
  if (row.tax_id_key) keys.push([DedupeKey.TAX_ID, row.tax_id_key]);
  if (row.name_key) keys.push([DedupeKey.COMPANY_NAME, row.name_key]);
  if (row.phone) keys.push([DedupeKey.PHONE, row.phone]);
  if (row.email) keys.push([DedupeKey.EMAIL, row.email]);
  return keys;
}

function normaliseCustomer(
  input: CustomerInputDto,
): Omit<CustomerRow, 'id' | 'vendor_id' | 'source_lead_id'> | { field: string; message: string } {
  const nameKey = normaliseCompanyName(input.name);
  if (!nameKey) return { field: 'name', message: 'has no letters or digits' };
  let taxIdKey: string | null = null;
  if (input.taxId?.trim()) {
    const result = normaliseTaxId(input.taxId);
    if (!result.ok) return { field: 'taxId', message: result.message };
    taxIdKey = result.value;
  }
  let phone: string | null = null;
  if (input.phone?.trim()) {
    const result = normalisePhone(input.phone, phoneCountryOfRegion(input.regionCode));
    if (!result.ok) return { field: 'phone', message: result.message };
    phone = result.value;
  }
  let email: string | null = null;
  if (input.email?.trim()) {
    const result = normaliseEmail(input.email);
    if (!result.ok) return { field: 'email', message: result.message };
    email = result.value;
  }
  return {
    name: input.name.trim(),
    name_key: nameKey,
    tax_id: input.taxId?.trim() || null,
    tax_id_key: taxIdKey,
    phone,
    email,
    erp_customer_id: input.erpCustomerId.trim(),
  };
}
