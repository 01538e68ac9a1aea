import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { DataScope } from '../../../common/auth/data-scope';
import type { Principal } from '../../../common/auth/role';
import { timeOrderedUuid } from '../../../common/ids/time-ordered-uuid';
import { DomainException, type FieldError } from '../../../common/errors/domain.exception';
import { ErrorCode } from '../../../common/errors/error-codes';
import { ActivityKind, DedupeKey, LeadGrade, LeadSource, LeadStatus, RejectReason } from '../lead.enums';
import { openLeadSql } from '../lead-status.rules';
import { gradeLead } from '../grading/lead-grading.rules';
import { decideKeyLead } from '../grading/key-lead.rules';
import { LeadGradingService } from '../grading/lead-grading.service';
import { LeadHistoryRow, writeLeadHistory } from '../history/lead-history';
import { ImportOutcome, ImportRowResultDto, rowResult } from './lead-imports.dto';
import { lockLeadIntake } from './lead-intake-lock';
import {
  normaliseCompanyName,
  normaliseEmail,
  normalisePhone,
  normaliseTaxId,
  phoneCountryOfRegion,
} from './lead-keys.rules';
import { coverageOf, industryInScope, LeadReferenceChecker, regionInScope } from '../lead-references.rules';
import { IntakeRouting } from '../routing/intake-routing';
import { OutboxService } from '../../webhooks/outbox.service';
import type { LeadCreatedEventData } from '../../webhooks/webhook-events';
import type { LeadInputDto } from '../leads.dto';
import { insertRecordset, unnestFrom, unnestParams } from '../recordset';
import { actorColumns } from '../history/lead-touch.rules';

/** A row normalised and ready to insert. */
export interface PreparedLead {
  row: number;
  input: LeadInputDto;
  source: LeadSource;
  companyNameKey: string;
  taxIdKey: string | null;
  contacts: { name: string | null; phone: string | null; email: string | null; title: string | null }[];
  /** Each kept contact's index in the request's `contacts` (blank ones are dropped), for error fields. */
  contactIndexes: number[];
}

export type PrepareResult = { ok: true; lead: PreparedLead } | { ok: false; error: FieldError };

const nullIfBlank = (value: string | undefined): string | null =>
  value === undefined || value.trim() === '' ? null : value.trim();

/** Normalises one input row into its dedupe keys; the first bad field makes the row fail. */
export function prepareLead(row: number, input: LeadInputDto, defaultSource: LeadSource): PrepareResult {
  const companyNameKey = normaliseCompanyName(input.companyName);
  if (companyNameKey.length === 0)
    return { ok: false, error: { field: 'companyName', message: 'has no letters or digits' } };
  let taxIdKey: string | null = null;
  const taxId = nullIfBlank(input.taxId);
  if (taxId) {
    const result = normaliseTaxId(taxId);
    if (!result.ok) return { ok: false, error: { field: 'taxId', message: result.message } };
    taxIdKey = result.value;
  }
  if ((input.registeredCapitalMinor === undefined) !== (input.registeredCapitalCurrency === undefined)) {
    return {
      ok: false,
      error: {
        field: 'registeredCapitalCurrency',
        message: 'registered capital needs both amount and currency',
      },
    };
  }
  const country = phoneCountryOfRegion(input.regionCode);
  const contacts: PreparedLead['contacts'] = [];
  const contactIndexes: number[] = [];
  for (const [index, contact] of (input.contacts ?? []).entries()) {
    let phone: string | null = null;
    let email: string | null = null;
    const givenPhone = nullIfBlank(contact.phone);
    if (givenPhone) {
      const result = normalisePhone(givenPhone, country);
      if (!result.ok)
        return { ok: false, error: { field: `contacts.${index}.phone`, message: result.message } };
      phone = result.value;
    }
    const givenEmail = nullIfBlank(contact.email);
    if (givenEmail) {
      const result = normaliseEmail(givenEmail);
      if (!result.ok)
        return { ok: false, error: { field: `contacts.${index}.email`, message: result.message } };
      email = result.value;
    }
    const name = nullIfBlank(contact.name);
    const title = nullIfBlank(contact.title);
    if (name || phone || email || title) {
      contacts.push({ name, phone, email, title });
      contactIndexes.push(index);
    }
  }
  return {
    ok: true,
    lead: {
      row,
      input,
      source: input.source ?? defaultSource,
      companyNameKey,
      taxIdKey,
      contacts,
      contactIndexes,
    },
  };
}

export interface ExistingLead {
  id: string;
  vendor_id: string | null;
  owner_rep_id: string | null;
  status: LeadStatus;
  reject_reason: RejectReason | null;
}

export type LeadKey = DedupeKey.TAX_ID | DedupeKey.COMPANY_NAME | DedupeKey.PHONE | DedupeKey.EMAIL;
type MatchIndex<T> = Record<LeadKey, Map<string, T>>;

const emptyIndex = <T>(): MatchIndex<T> => ({
  [DedupeKey.TAX_ID]: new Map(),
  [DedupeKey.COMPANY_NAME]: new Map(),
  [DedupeKey.PHONE]: new Map(),
  [DedupeKey.EMAIL]: new Map(),
});

/** A lead's dedupe keys in the order they are tried. */
export function keysOf(
  lead: Pick<PreparedLead, 'taxIdKey' | 'companyNameKey' | 'contacts'>,
): [LeadKey, string][] {
  const keys: [LeadKey, string][] = [];
  if (lead.taxIdKey) keys.push([DedupeKey.TAX_ID, lead.taxIdKey]);
  keys.push([DedupeKey.COMPANY_NAME, lead.companyNameKey]);
  for (const contact of lead.contacts) if (contact.phone) keys.push([DedupeKey.PHONE, contact.phone]);
  for (const contact of lead.contacts) if (contact.email) keys.push([DedupeKey.EMAIL, contact.email]);
  return keys;
}

function findMatch<T>(index: MatchIndex<T>, lead: PreparedLead): { match: T; key: DedupeKey } | undefined {
  return findKeyMatch(index, keysOf(lead));
}

/** The first key (in dedupe order: tax id, name, phone, email) that the index knows. */
function findKeyMatch<T>(
  index: MatchIndex<T>,
  keys: [LeadKey, string][],
): { match: T; key: DedupeKey; value: string } | undefined {
  for (const [key, value] of keys) {
    const match = index[key].get(value);
    if (match !== undefined) return { match, key, value };
  }
  return undefined;
}

/** What a profile edit's new keys collide with: a customer, or another lead (visible to the caller or not). */
export type KeyCollision =
  | { kind: 'customer'; customerId: string; matchedOn: DedupeKey; value: string }
  | { kind: 'lead'; lead: ExistingLead; matchedOn: DedupeKey; value: string };

function addToIndex<T>(index: MatchIndex<T>, lead: PreparedLead, value: T): void {
  for (const [key, keyValue] of keysOf(lead)) if (!index[key].has(keyValue)) index[key].set(keyValue, value);
}

/**
 * The answer to a single intake (one create, one upsert) that did not create a lead: a duplicate is 409
 * LEAD_DUPLICATE (naming the lead only if the caller may see it), a bad field 400, an unknown reference
 * 422, and otherwise the refusal the intake names (EXISTING_CUSTOMER, LEAD_NO_INTENT).
 */
export function intakeRefusal(outcome: ImportRowResultDto): DomainException {
  if (outcome.outcome === ImportOutcome.DUPLICATE)
    return DomainException.of(
      ErrorCode.LEAD_DUPLICATE,
      `The company already has a lead (matched on ${outcome.matchedOn}); the intake was recorded on it as a duplicate attempt`,
      { duplicateOfLeadId: outcome.id, matchedOn: outcome.matchedOn },
    );
  if (outcome.code === String(ErrorCode.VALIDATION_FAILED))
    return DomainException.validation([{ field: outcome.field!, message: outcome.reason! }]);
  if (outcome.code === String(ErrorCode.LEAD_REFERENCE_UNKNOWN))
    return new DomainException(ErrorCode.LEAD_REFERENCE_UNKNOWN, outcome.reason!, [
      { field: outcome.field!, message: 'is unknown' },
    ]);
  return DomainException.of(outcome.code as ErrorCode, outcome.reason!, {
    customerId: outcome.customerId,
    matchedOn: outcome.matchedOn,
  });
}

/** Rows normalised and checked against reference data, ready for `writeIntake`. */
export interface ScreenedIntake {
  /** One slot per input row; filled for the rows already refused. */
  results: ImportRowResultDto[];
  valid: PreparedLead[];
}

export interface IntakeOptions {
  scope: DataScope;
  principal: Principal;
  defaultSource: LeadSource;
  /** Extra details stored on each row's intake entry (e.g. the invoice it came from). */
  details?: (row: number) => Record<string, unknown>;
  /** Report a row matching a customer as `skipped` (invoice import) instead of rejected. */
  customerOutcome?: ImportOutcome.REJECTED | ImportOutcome.SKIPPED;
}

export const LEAD_COLUMNS = [
  ['id', 'uuid'],
  ['company_name', 'text'],
  ['company_name_key', 'text'],
  ['tax_id', 'text'],
  ['tax_id_key', 'text'],
  ['industry_code', 'text'],
  ['size_band', 'text'],
  ['region_code', 'text'],
  ['registered_capital_minor', 'bigint'],
  ['registered_capital_currency', 'text'],
  ['website', 'text'],
  ['needs', 'text'],
  ['product_line_ids', 'uuid[]'],
  ['source', 'text'],
  ['source_campaign', 'text'],
  ['source_referrer', 'text'],
  ['tags', 'text[]'],
  ['customer_id', 'uuid'],
  ['status', 'text'],
  ['vendor_id', 'uuid'],
  ['owner_rep_id', 'uuid'],
  ['key_lead', 'boolean'],
  ['key_lead_reason', 'text'],
  ['key_lead_set_by', 'text'],
  ['grade', 'text'],
  ['score', 'int'],
  ['score_factors', 'jsonb'],
  ['last_activity_at', 'timestamptz'],
  ['touch_count', 'int'],
  ['created_at', 'timestamptz'],
] as const;

export const CONTACT_COLUMNS = [
  ['lead_id', 'uuid'],
  ['position', 'smallint'],
  ['name', 'text'],
  ['phone', 'text'],
  ['email', 'text'],
  ['title', 'text'],
] as const;

/** `lead.created`'s payload, each key from its column of the lead just written. */
const CREATED_PAYLOAD: Record<keyof LeadCreatedEventData, string> = {
  leadId: 'id',
  source: 'source',
  status: 'status',
  grade: 'grade',
  vendorId: 'vendor_id',
  ownerRepId: 'owner_rep_id',
};

/** A new lead's row with what its intake entry needs beside it: the request row, the caller's details. */
const INTAKE_ROW_COLUMNS = [
  ...LEAD_COLUMNS,
  ['intake_entry_id', 'uuid'],
  ['intake_row', 'int'],
  ['intake_details', 'jsonb'],
] as const;

/** Intake gives its contacts their ids itself (time-ordered, as its leads'). */
const INTAKE_CONTACT_COLUMNS = [['id', 'uuid'], ...CONTACT_COLUMNS] as const;

/**
 * Takes leads in — one, a 10 000-row import, or invoice buyers — set-based: rows are normalised in
 * JavaScript, then existing leads and customers are looked up with one query per key kind
 * (`= ANY($1)`), and new leads, contacts and history go in with one INSERT each. Intake is serialised
 * by a transaction-scoped advisory lock, so two concurrent imports cannot both create the same company.
 */
@Injectable()
export class LeadIntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LeadReferenceChecker) private readonly references: LeadReferenceChecker,
    private readonly grading: LeadGradingService,
    private readonly outbox: OutboxService,
    @Optional() private readonly routing?: IntakeRouting,
  ) {}

  async intake(inputs: LeadInputDto[], options: IntakeOptions): Promise<ImportRowResultDto[]> {
    const screened = await this.screen(inputs, options.defaultSource, options.scope);
    return this.dataSource.transaction(async (em) => {
      await lockLeadIntake(em);
      return this.writeIntake(em, screened, options);
    });
  }

  /**
   * The first half of intake, before any transaction: each row normalised (a bad field rejects the row)
   * and its region, industry and product lines checked. Rows refused here already have their result.
   */
  async screen(inputs: LeadInputDto[], defaultSource: LeadSource, scope: DataScope): Promise<ScreenedIntake> {
    const results: ImportRowResultDto[] = new Array<ImportRowResultDto>(inputs.length);
    const prepared: PreparedLead[] = [];
    inputs.forEach((input, row) => {
      const outcome = prepareLead(row, input, defaultSource);
      if (outcome.ok) prepared.push(outcome.lead);
      else
        results[row] = rowResult(row, ImportOutcome.REJECTED, {
          code: ErrorCode.VALIDATION_FAILED,
          field: outcome.error.field,
          reason: `${outcome.error.field} ${outcome.error.message}`,
        });
    });
    const valid = await this.rejectUnknownReferences(prepared, results, scope);
    return { results, valid };
  }

  /**
   * The second half, in the caller's transaction, which must hold the intake lock: dedupe against
   * customers, leads and the batch itself, write the new leads and their history, route them.
   */
  async writeIntake(
    manager: EntityManager,
    screened: ScreenedIntake,
    options: IntakeOptions,
  ): Promise<ImportRowResultDto[]> {
    const results = [...screened.results];
    await this.classifyAndWrite(manager, screened.valid, results, options);
    const created = results.filter((r) => r?.outcome === ImportOutcome.CREATED && r.id).map((r) => r.id!);
    await this.routing?.routeNewLeads(manager, created, options.principal);
    await this.publishCreated(manager, created);
    return results;
  }

  /** `lead.created` (catalogue v1) for each new lead, as it stands after grading and routing. */
  private async publishCreated(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const payload = Object.entries(CREATED_PAYLOAD).map(([key, column]) => `'${key}', ${column}`);
    await this.outbox.publishSelected(
      manager,
      'lead.created',
      `SELECT vendor_id, jsonb_build_object(${payload.join(', ')}) AS payload
         FROM leads WHERE id = ANY($3::uuid[]) ORDER BY created_at, id`,
      [ids],
    );
  }

  private async rejectUnknownReferences(
    prepared: PreparedLead[],
    results: ImportRowResultDto[],
    scope: DataScope,
  ): Promise<PreparedLead[]> {
    const distinct = (values: (string | undefined)[]) => [
      ...new Set(values.filter((value): value is string => !!value)),
    ];
    // Naming a customer is for company-wide callers (a vendor must not probe the company's customers).
    const namedCustomers = distinct(prepared.map((lead) => lead.input.customerId));
    const knownCustomers = new Set(
      namedCustomers.length && scope.isCompanyWide
        ? (
            await this.dataSource.query<{ id: string }[]>(
              'SELECT id::text FROM customers WHERE id = ANY($1::uuid[])',
              [namedCustomers],
            )
          ).map((row) => row.id)
        : [],
    );
    const [regions, industries, productLines] = await Promise.all([
      this.references.findUnknownRegions(
        this.dataSource.manager,
        distinct(prepared.map((lead) => lead.input.regionCode)),
      ),
      this.references.findUnknownIndustries(distinct(prepared.map((lead) => lead.input.industryCode))),
      this.references.findUnknownProductLines(
        this.dataSource.manager,
        distinct(prepared.flatMap((lead) => lead.input.productLineIds ?? [])),
      ),
    ]);
    const customerUnknown = (lead: PreparedLead) =>
      !!lead.input.customerId && !knownCustomers.has(lead.input.customerId);
    if (!regions.length && !industries.length && !productLines.length && !prepared.some(customerUnknown))
      return prepared;
    const unknownRegions = new Set(regions);
    const unknownIndustries = new Set(industries);
    const unknownProductLines = new Set(productLines);
    return prepared.filter((lead) => {
      const { regionCode, industryCode, productLineIds } = lead.input;
      let field: string | undefined;
      if (customerUnknown(lead)) field = 'customerId';
      else if (regionCode && unknownRegions.has(regionCode)) field = 'regionCode';
      else if (industryCode && unknownIndustries.has(industryCode)) field = 'industryCode';
      else {
        const index = (productLineIds ?? []).findIndex((id) => unknownProductLines.has(id));
        if (index >= 0) field = `productLineIds.${index}`;
      }
      if (!field) return true;
      results[lead.row] = rowResult(lead.row, ImportOutcome.REJECTED, {
        code: ErrorCode.LEAD_REFERENCE_UNKNOWN,
        field,
        reason: `${field} refers to nothing known`,
      });
      return false;
    });
  }

  private async classifyAndWrite(
    em: EntityManager,
    leads: PreparedLead[],
    results: ImportRowResultDto[],
    options: IntakeOptions,
  ): Promise<void> {
    const { scope, principal } = options;
    const keys = collectKeyValues(leads.flatMap(keysOf));
    const customers = await this.lookupCustomers(em, keys);
    const existing = await this.lookupLeads(em, keys);
    const openOfCustomer = await this.openLeadsOfCustomers(
      em,
      leads.flatMap((lead) => (lead.input.customerId ? [lead.input.customerId] : [])),
    );
    const inFile = emptyIndex<{ row: number; id: string }>();
    const created: (PreparedLead & { id: string; touches: number })[] = [];
    const activities: LeadHistoryRow[] = [];
    const now = new Date();
    const actor = {
      ...actorColumns(principal),
      occurred_at: now.toISOString(),
    };

    for (const lead of leads) {
      // An expansion lead names its customer: it is not refused for being one, and only that customer's open
      // leads (not the won one it came from) count as its duplicates.
      const expansion = !!lead.input.customerId;
      const customer = expansion ? null : findMatch(customers, lead);
      if (customer) {
        results[lead.row] = rowResult(lead.row, options.customerOutcome ?? ImportOutcome.REJECTED, {
          code: ErrorCode.EXISTING_CUSTOMER,
          matchedOn: customer.key,
          customerId: scope.isCompanyWide ? customer.match : null,
          reason: `the company is already a customer (matched on ${customer.key})`,
        });
        continue;
      }
      const found = expansion
        ? openOfCustomer.has(lead.input.customerId!)
          ? { match: openOfCustomer.get(lead.input.customerId!)!, key: DedupeKey.ERP_CUSTOMER_ID }
          : undefined
        : findMatch(existing, lead);
      if (found) {
        const match = found.match;
        if (match.status === LeadStatus.REJECTED && match.reject_reason === RejectReason.NO_INTENT) {
          results[lead.row] = rowResult(lead.row, ImportOutcome.REJECTED, {
            code: ErrorCode.LEAD_NO_INTENT,
            matchedOn: found.key,
            reason: `the company said it has no intent to buy (matched on ${found.key})`,
          });
          continue;
        }
        activities.push(this.duplicateEntry(match.id, lead, found.key, actor, options));
        results[lead.row] = rowResult(lead.row, ImportOutcome.DUPLICATE, {
          id: scope.canSeeRow(match.vendor_id, match.owner_rep_id) ? match.id : null,
          matchedOn: found.key,
        });
        continue;
      }
      const earlier = findMatch(inFile, lead);
      if (earlier) {
        activities.push(this.duplicateEntry(earlier.match.id, lead, earlier.key, actor, options));
        results[lead.row] = rowResult(lead.row, ImportOutcome.DUPLICATE, {
          id: earlier.match.id,
          matchedOn: earlier.key,
          duplicateOfRow: earlier.match.row,
        });
        continue;
      }
      // Time-ordered, so a 10 000-row import appends to the leads' key index and to the contacts' and
      // history's indexes on lead_id instead of touching (and logging) one random page per row.
      const id = timeOrderedUuid();
      const entry = { ...lead, id, touches: 1 };
      created.push(entry);
      addToIndex(inFile, lead, { row: lead.row, id });
      results[lead.row] = rowResult(lead.row, ImportOutcome.CREATED, { id });
    }

    await this.insertLeads(em, created, scope, now, actor, options);
    await insertRecordset(
      em,
      'lead_contacts',
      INTAKE_CONTACT_COLUMNS,
      created.flatMap((lead) =>
        lead.contacts.map((contact, position) => ({
          id: timeOrderedUuid(),
          lead_id: lead.id,
          position,
          ...contact,
        })),
      ),
    );
    await writeLeadHistory(em, activities);
    // A duplicate intake is history only: it is not the owner team's work, so the existing lead's touch
    // count, last activity (and every clock that runs from it) and grade stay as they are.
  }

  private duplicateEntry(
    leadId: string,
    lead: PreparedLead,
    key: DedupeKey,
    actor: Pick<
      LeadHistoryRow,
      'actor_id' | 'actor_name' | 'actor_vendor_id' | 'actor_rep_id' | 'occurred_at'
    >,
    options: IntakeOptions,
  ): LeadHistoryRow {
    return {
      ...actor,
      lead_id: leadId,
      kind: ActivityKind.DUPLICATE_INTAKE,
      content: `Taken in again as ${lead.input.companyName}`,
      details: { source: lead.source, matchedOn: key, row: lead.row, ...(options.details?.(lead.row) ?? {}) },
    };
  }

  /**
   * Writes the new leads and, in the same statement, each one's intake entry in its history (who took it
   * in, its source and row, and the caller's details): the entries are stated from the rows inserted.
   */
  private async insertLeads(
    em: EntityManager,
    created: (PreparedLead & { id: string; touches: number })[],
    scope: DataScope,
    now: Date,
    actor: ReturnType<typeof actorColumns> & { occurred_at: string },
    options: IntakeOptions,
  ): Promise<void> {
    if (created.length === 0) return;
    // Vendor-bound callers take leads in for their vendor (a rep for themself), so they can work them.
    const vendorId = scope.vendorId;
    const ownerRepId = scope.repId;
    const covered = coverageOf(await this.grading.coverage(em, [vendorId]), vendorId);
    const settings = await this.grading.currentSettings(em);
    const namedAccount = await this.grading.namedAccountMatcher(em, created);
    const customerIds = [
      ...new Set(created.flatMap((lead) => (lead.input.customerId ? [lead.input.customerId] : []))),
    ];
    const keyAccounts = new Set(
      customerIds.length === 0
        ? []
        : (
            await em.query<{ id: string }[]>(
              `SELECT id::text FROM customers WHERE id = ANY($1::uuid[]) AND key_account_class = 'A'`,
              [customerIds],
            )
          ).map((row) => row.id),
    );
    const rows = created.map((lead) => {
      const input = lead.input;
      const status = ownerRepId ? LeadStatus.ASSIGNED : LeadStatus.NEW;
      const graded = gradeLead(
        {
          industryCode: input.industryCode ?? null,
          industryInScope: industryInScope(input.industryCode ?? null, covered.industries),
          sizeBand: input.sizeBand ?? null,
          regionCode: input.regionCode ?? null,
          regionInScope: regionInScope(input.regionCode ?? null, covered.regions),
          source: lead.source,
          touchCount: lead.touches,
          lastActivityAt: now,
          createdAt: now,
          status,
          lostNoChance: false,
        },
        now,
        settings,
      );
      const key = decideKeyLead(
        { keyLead: false, setBy: null, reason: null },
        graded.keyLeadByRule,
        input.tags ?? [],
        namedAccount(lead),
        !!input.customerId && keyAccounts.has(input.customerId),
      );
      return {
        id: lead.id,
        company_name: input.companyName.trim(),
        company_name_key: lead.companyNameKey,
        tax_id: nullIfBlank(input.taxId),
        tax_id_key: lead.taxIdKey,
        industry_code: input.industryCode ?? null,
        size_band: input.sizeBand ?? null,
        region_code: input.regionCode ?? null,
        registered_capital_minor: input.registeredCapitalMinor ?? null,
        registered_capital_currency: input.registeredCapitalCurrency ?? null,
        website: nullIfBlank(input.website),
        needs: nullIfBlank(input.needs),
        product_line_ids: input.productLineIds ?? [],
        source: lead.source,
        source_campaign: nullIfBlank(input.sourceCampaign),
        source_referrer: nullIfBlank(input.sourceReferrer),
        tags: [...new Set(input.tags ?? [])],
        customer_id: input.customerId ?? null,
        status,
        vendor_id: vendorId,
        owner_rep_id: ownerRepId,
        key_lead: key.keyLead,
        key_lead_reason: key.reason,
        key_lead_set_by: key.setBy,
        grade: graded.grade satisfies LeadGrade,
        score: graded.score,
        score_factors: graded.factors,
        last_activity_at: now.toISOString(),
        touch_count: lead.touches,
        created_at: now.toISOString(),
        intake_entry_id: timeOrderedUuid(),
        intake_row: lead.row,
        intake_details: options.details?.(lead.row) ?? null,
      };
    });
    const names = LEAD_COLUMNS.map(([name]) => name).join(', ');
    const params = unnestParams(INTAKE_ROW_COLUMNS, rows);
    const actorParam = params.length + 1;
    await em.query(
      `WITH t AS MATERIALIZED (SELECT * FROM ${unnestFrom(INTAKE_ROW_COLUMNS, 1, 'r')}),
            created AS (INSERT INTO leads (${names}) SELECT ${names} FROM t)
       INSERT INTO lead_activities (id, lead_id, occurred_at, kind, actor_id, actor_name, actor_vendor_id,
                                    actor_rep_id, details)
       SELECT t.intake_entry_id, t.id, $${actorParam}::timestamptz, '${ActivityKind.INTAKE}', $${actorParam + 1}::uuid,
              $${actorParam + 2}::text, $${actorParam + 3}::uuid, $${actorParam + 4}::uuid,
              jsonb_build_object('source', t.source, 'row', t.intake_row) || coalesce(t.intake_details, '{}')
         FROM t`,
      [
        ...params,
        actor.occurred_at,
        actor.actor_id,
        actor.actor_name,
        actor.actor_vendor_id,
        actor.actor_rep_id,
      ],
    );
  }

  /**
   * For a profile edit, in the caller's transaction: the customer (other than `own.customerId`) or the other
   * not-merged lead that already has one of `keys`, customers first, as at intake. Takes the intake lock, so
   * no concurrent intake or edit can slip the same company in before the edit commits.
   */
  async findKeyCollision(
    em: EntityManager,
    keys: [LeadKey, string][],
    own: { leadId: string; customerId: string | null },
  ): Promise<KeyCollision | null> {
    if (keys.length === 0) return null;
    await lockLeadIntake(em);
    const collected = collectKeyValues(keys);
    const customers = await this.lookupCustomers(em, collected, own.customerId);
    const customer = findKeyMatch(customers, keys);
    if (customer)
      return { kind: 'customer', customerId: customer.match, matchedOn: customer.key, value: customer.value };
    const lead = findKeyMatch(await this.lookupLeads(em, collected, own.leadId), keys);
    return lead ? { kind: 'lead', lead: lead.match, matchedOn: lead.key, value: lead.value } : null;
  }

  private async lookupCustomers(
    em: EntityManager,
    keys: CollectedKeys,
    exceptCustomerId: string | null = null,
  ): Promise<MatchIndex<string>> {
    const rows: {
      id: string;
      tax_id_key: string | null;
      name_key: string;
      phone: string | null;
      email: string | null;
    }[] = await em.query(
      `SELECT id, tax_id_key, name_key, phone, email FROM customers
          WHERE (tax_id_key = ANY($1::text[]) OR name_key = ANY($2::text[])
             OR phone = ANY($3::text[]) OR email = ANY($4::text[]))
            AND id IS DISTINCT FROM $5::uuid`,
      [keys.taxIds, keys.names, keys.phones, keys.emails, exceptCustomerId],
    );
    const index = emptyIndex<string>();
    for (const row of rows) {
      if (row.tax_id_key) index[DedupeKey.TAX_ID].set(row.tax_id_key, row.id);
      index[DedupeKey.COMPANY_NAME].set(row.name_key, row.id);
      if (row.phone) index[DedupeKey.PHONE].set(row.phone, row.id);
      if (row.email) index[DedupeKey.EMAIL].set(row.email, row.id);
    }
    return index;
  }

  /** Leads merged into another are not matched: their survivor is. Oldest lead wins a shared key. */
  /** Each named customer's oldest open lead: the one an expansion lead of the customer duplicates. */
  private async openLeadsOfCustomers(
    em: EntityManager,
    customerIds: string[],
  ): Promise<Map<string, ExistingLead>> {
    if (customerIds.length === 0) return new Map();
    const rows: (ExistingLead & { customer_id: string })[] = await em.query(
      `SELECT DISTINCT ON (customer_id) id, vendor_id, owner_rep_id, status, reject_reason, customer_id::text
         FROM leads WHERE customer_id = ANY($1::uuid[]) AND ${openLeadSql()}
        ORDER BY customer_id, created_at, id`,
      [[...new Set(customerIds)]],
    );
    return new Map(rows.map((row) => [row.customer_id, row]));
  }

  private async lookupLeads(
    em: EntityManager,
    keys: CollectedKeys,
    exceptLeadId: string | null = null,
  ): Promise<MatchIndex<ExistingLead>> {
    const byCompany: (ExistingLead & { tax_id_key: string | null; company_name_key: string })[] =
      await em.query(
        `SELECT id, vendor_id, owner_rep_id, status, reject_reason, tax_id_key, company_name_key FROM leads
        WHERE merged_into_id IS NULL AND (tax_id_key = ANY($1::text[]) OR company_name_key = ANY($2::text[]))
          AND id IS DISTINCT FROM $3::uuid
        ORDER BY created_at DESC, id DESC`,
        [keys.taxIds, keys.names, exceptLeadId],
      );
    const byContact: (ExistingLead & { phone: string | null; email: string | null })[] =
      keys.phones.length + keys.emails.length === 0
        ? []
        : await em.query(
            `SELECT l.id, l.vendor_id, l.owner_rep_id, l.status, l.reject_reason, c.phone, c.email
               FROM lead_contacts c JOIN leads l ON l.id = c.lead_id
              WHERE l.merged_into_id IS NULL AND (c.phone = ANY($1::text[]) OR c.email = ANY($2::text[]))
                AND l.id IS DISTINCT FROM $3::uuid
              ORDER BY l.created_at DESC, l.id DESC`,
            [keys.phones, keys.emails, exceptLeadId],
          );
    // Rows come newest first, so the last write into each map is the oldest lead.
    const index = emptyIndex<ExistingLead>();
    for (const row of byCompany) {
      if (row.tax_id_key && keys.taxIdSet.has(row.tax_id_key))
        index[DedupeKey.TAX_ID].set(row.tax_id_key, row);
      if (keys.nameSet.has(row.company_name_key))
        index[DedupeKey.COMPANY_NAME].set(row.company_name_key, row);
    }
    for (const row of byContact) {
      if (row.phone && keys.phoneSet.has(row.phone)) index[DedupeKey.PHONE].set(row.phone, row);
      if (row.email && keys.emailSet.has(row.email)) index[DedupeKey.EMAIL].set(row.email, row);
    }
    return index;
  }
}

type CollectedKeys = ReturnType<typeof collectKeyValues>;

function collectKeyValues(keys: [LeadKey, string][]) {
  const of = (kind: LeadKey) => new Set(keys.filter(([key]) => key === kind).map(([, value]) => value));
  const taxIdSet = of(DedupeKey.TAX_ID);
  const nameSet = of(DedupeKey.COMPANY_NAME);
  const phoneSet = of(DedupeKey.PHONE);
  const emailSet = of(DedupeKey.EMAIL);
  return {
    taxIdSet,
    nameSet,
    phoneSet,
    emailSet,
    taxIds: [...taxIdSet],
    names: [...nameSet],
    phones: [...phoneSet],
    emails: [...emailSet],
  };
}
