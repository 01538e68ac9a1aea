import { OutboxService, type OutboxEvent } from '../webhooks/outbox.service';
import type {
  LeadLostEventData,
  LeadStatusChangedEventData,
  LeadWonEventData,
} from '../webhooks/webhook-events';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { DataScope } from '../../common/auth/data-scope';
import type { Principal } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import {
  countSyncable,
  decodeCursor,
  encodeCursor,
  Page,
  paginate,
  paginateSyncable,
  DEFAULT_PAGE_SIZE,
} from '../../common/pagination/pagination';
import { containsPattern } from '../../database/sql-helpers';
import { ReadReplica } from '../../database/read-replica';
import { CustomersService } from './customers/customers.service';
import { nextFollowUpDue } from './follow-up-plan.rules';
import { LeadActivity } from './history/lead-activity.entity';
import { FollowUpPlan, Lead, LeadContact, LeadExternalId, type ListedLead } from './lead.entity';
import { ActivityKind, DedupeKey, FollowUpPlanKind, LeadStatus } from './lead.enums';

import { LeadGradingService } from './grading/lead-grading.service';
import { writeLeadHistory } from './history/lead-history';
import {
  CONTACT_COLUMNS,
  keysOf,
  LeadIntakeService,
  prepareLead,
  type PreparedLead,
} from './intake/lead-intake.service';
import { normaliseCompanyName } from './intake/lead-keys.rules';
import { checkStatusChange, OPEN_STATUSES } from './lead-status.rules';
import {
  ChangeLeadStatusDto,
  FollowUpPlanDto,
  ListDueFollowUpsQuery,
  ListLeadsQuery,
  LostReasonDto,
  RecordLeadActivityDto,
  RejectReasonDto,
  UpdateLeadDto,
} from './leads.dto';
import { LeadSource } from './lead.enums';
import { insertRecordset } from './recordset';
import { actorColumns, isOwnerTeamTouch } from './history/lead-touch.rules';

/** What a contract needs to know about the lead it came from. */
export interface LeadForContract {
  id: string;
  status: LeadStatus;
  vendorId: string | null;
  ownerRepId: string | null;
  regionCode: string | null;
  industryCode: string | null;
  customerId: string | null;
  createdAt: Date;
  touchCount: number;
}

export const LEAD_SCOPE = { vendor: 'lead.vendor_id', rep: 'lead.owner_rep_id' };

/**
 * The request field a colliding dedupe key came from (`contacts.N.phone` for a contact's phone, N its
 * index in the request: `contactIndexes` maps the kept contacts back to it).
 */
function keyField(
  key: DedupeKey,
  value: string,
  next: Pick<PreparedLead, 'contacts' | 'contactIndexes'>,
): string {
  const contactField = (found: number, field: string) => `contacts.${next.contactIndexes[found]}.${field}`;
  if (key === DedupeKey.PHONE)
    return contactField(
      next.contacts.findIndex((contact) => contact.phone === value),
      'phone',
    );
  if (key === DedupeKey.EMAIL)
    return contactField(
      next.contacts.findIndex((contact) => contact.email === value),
      'email',
    );
  return key;
}

interface StatusChange {
  to: LeadStatus;
  lostReason?: LostReasonDto;
  rejectReason?: RejectReasonDto;
  /** The contract that wins the lead, for the `lead.won` event. */
  contractId?: string;
}

export interface DueFollowUp {
  lead: Lead;
  overdue: boolean;
}

/**
 * The events of a status change (catalogue v1): `lead.status_changed` always, and `lead.won` or
 * `lead.lost` when that is where the lead went. `set` is what `applyStatus` wrote.
 */
function statusEvents(lead: Lead, change: StatusChange, set: Record<string, unknown>): OutboxEvent[] {
  const vendorId = lead.vendorId;
  const events: OutboxEvent[] = [
    {
      eventType: 'lead.status_changed',
      vendorId,
      payload: {
        leadId: lead.id,
        from: lead.status,
        to: change.to,
        vendorId,
        ownerRepId: lead.ownerRepId,
      } satisfies LeadStatusChangedEventData,
    },
  ];
  if (change.to === LeadStatus.WON)
    events.push({
      eventType: 'lead.won',
      vendorId,
      payload: {
        leadId: lead.id,
        contractId: change.contractId ?? null,
        customerId: set.customerId as string,
      } satisfies LeadWonEventData,
    });
  if (change.to === LeadStatus.LOST)
    events.push({
      eventType: 'lead.lost',
      vendorId,
      payload: {
        leadId: lead.id,
        reason: set.lostReason as string,
        reasonText: (set.lostReasonText as string | null) ?? null,
        competitor: (set.lostCompetitor as string | null) ?? null,
        vendorId,
      } satisfies LeadLostEventData,
    });
  return events;
}

/**
 * Leads as they are worked: reads, profile edits, status, history, follow-up plans, key flag, merge; the
 * contracts' reads and wins of a lead and the owner assignment routing makes. Other modules' set-based
 * queries are in LeadQueriesService.
 */
@Injectable()
export class LeadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Lead) private readonly leads: Repository<Lead>,
    @InjectRepository(LeadContact) private readonly contacts: Repository<LeadContact>,
    @InjectRepository(LeadActivity) private readonly activities: Repository<LeadActivity>,
    private readonly grading: LeadGradingService,
    private readonly customers: CustomersService,
    private readonly intake: LeadIntakeService,
    private readonly outbox: OutboxService,
    private readonly replica: ReadReplica,
  ) {}

  /** The lead if the caller's scope covers it; otherwise 404, exactly as if it did not exist. */
  async getLead(id: string, scope: DataScope, em?: EntityManager): Promise<Lead> {
    const repository = em ? em.getRepository(Lead) : this.leads;
    const lead = await scope
      .apply(repository.createQueryBuilder('lead'), LEAD_SCOPE)
      .andWhere('lead.id = :id', { id })
      .getOne();
    if (!lead) throw DomainException.notFound('Lead', id);
    await this.attachContacts([lead], em);
    return lead;
  }

  /** A page of the lead list; a page after the first on the replica when there is one (`pageManager`). */
  async listLeads(query: ListLeadsQuery, scope: DataScope): Promise<Page<ListedLead>> {
    return this.leadPage(await this.replica.pageManager(query), query, scope);
  }

  /**
   * One page of the lead list through `manager` (also the list export's page), as plain rows, not entities:
   * one statement answers the page with each lead's contacts and external ids (as JSON arrays in their
   * order), every column under its property name and of the type the entity would hold (a `date` as its
   * `YYYY-MM-DD` text), so the answer is the one entities would give.
   */
  leadPage(manager: EntityManager, query: ListLeadsQuery, scope: DataScope): Promise<Page<ListedLead>> {
    const builder = this.filteredLeads(manager, query, scope).select('lead.id', 'id');
    for (const [expression, alias] of this.listedColumns()) builder.addSelect(expression, alias);
    return paginateSyncable<Lead, ListedLead>(
      builder,
      query,
      [
        { expression: 'lead.created_at', read: (row) => row.createdAt.toISOString() },
        { expression: 'lead.id', read: (row) => row.id },
      ],
      'ASC',
      (page) => page.getRawMany<ListedLead>(),
    );
  }

  private listed?: [string, string][];

  /** The list's select after `id`: each selected column of the entity as its property, then the two arrays. */
  private listedColumns(): [string, string][] {
    this.listed ??= [
      ...this.leads.metadata.columns
        .filter((column) => column.isSelect && column.propertyName !== 'id')
        .map((column): [string, string] => [
          column.type === 'date'
            ? `to_char(lead.${column.databaseName}, 'YYYY-MM-DD')`
            : `lead.${column.databaseName}`,
          column.propertyName,
        ]),
      [
        `COALESCE((SELECT json_agg(json_build_object('position', c.position, 'name', c.name, 'phone', c.phone, ` +
          `'email', c.email, 'title', c.title) ORDER BY c.position) FROM lead_contacts c WHERE c.lead_id = lead.id), '[]')`,
        'contacts',
      ],
      [
        `COALESCE((SELECT json_agg(json_build_object('source', x.source, 'externalId', x.external_id) ` +
          `ORDER BY x.source) FROM lead_external_ids x WHERE x.lead_id = lead.id), '[]')`,
        'externalIds',
      ],
    ];
    return this.listed;
  }

  /** How many leads `listLeads` would page through with these filters (for the export's row cap). */
  countLeads(manager: EntityManager, query: ListLeadsQuery, scope: DataScope): Promise<number> {
    return countSyncable(this.filteredLeads(manager, query, scope), query);
  }

  private filteredLeads(manager: EntityManager, query: ListLeadsQuery, scope: DataScope) {
    const builder = scope.apply(manager.getRepository(Lead).createQueryBuilder('lead'), LEAD_SCOPE);
    const filters: [unknown, string][] = [
      [query.status, 'lead.status = :status'],
      [query.grade, 'lead.grade = :grade'],
      [query.source, 'lead.source = :source'],
      [query.vendorId, 'lead.vendor_id = :vendorId'],
      [query.ownerRepId, 'lead.owner_rep_id = :ownerRepId'],
      [query.regionCode, 'lead.region_code = :regionCode'],
      [query.industryCode, 'lead.industry_code = :industryCode'],
      [query.keyLead, 'lead.key_lead = :keyLead'],
    ];
    for (const [value, condition] of filters) if (value !== undefined) builder.andWhere(condition, query);
    if (query.unassigned !== undefined)
      builder.andWhere(query.unassigned ? 'lead.vendor_id IS NULL' : 'lead.vendor_id IS NOT NULL');
    if (query.companyName) {
      builder.andWhere('lead.company_name_key LIKE :nameKey', {
        nameKey: containsPattern(normaliseCompanyName(query.companyName)),
      });
    }
    return builder;
  }

  /** Each lead's contacts and the ids other systems hold it under. */
  private async attachContacts(leads: Lead[], em?: EntityManager): Promise<void> {
    if (leads.length === 0) return;
    const repository = em ? em.getRepository(LeadContact) : this.contacts;
    const contacts = await repository
      .createQueryBuilder('contact')
      .where('contact.lead_id = ANY(:ids)', { ids: leads.map((lead) => lead.id) })
      .orderBy('contact.position', 'ASC')
      .getMany();
    for (const lead of leads) lead.contacts = contacts.filter((contact) => contact.leadId === lead.id);
    const externalIds = await (em ?? this.dataSource.manager)
      .getRepository(LeadExternalId)
      .createQueryBuilder('link')
      .where('link.lead_id = ANY(:ids)', { ids: leads.map((lead) => lead.id) })
      .orderBy('link.source', 'ASC')
      .getMany();
    for (const lead of leads) lead.externalIds = externalIds.filter((link) => link.leadId === lead.id);
  }

  /**
   * Profile edits; the dedupe keys follow the new values. Optimistic: If-Match must name the version. A new
   * tax id, company name, phone or email that belongs to a customer is 409 EXISTING_CUSTOMER; one that
   * belongs to another (not merged) lead is 409 LEAD_DUPLICATE, naming that lead only when the caller may
   * see it. The check and the update share one transaction under the intake lock; nothing is written on
   * a refusal.
   */
  async updateLead(
    id: string,
    input: UpdateLeadDto,
    expectedVersion: number | undefined,
    scope: DataScope,
    principal: Principal,
  ): Promise<Lead> {
    return this.dataSource.transaction(async (em) => {
      const lead = await this.getLead(id, scope, em);
      if (expectedVersion !== undefined && expectedVersion !== lead.version)
        throw DomainException.versionMismatch(lead.version);
      return this.editLeadProfile(em, lead, input, scope, principal);
    });
  }

  /**
   * A profile edit of a lead read in the caller's transaction (with its contacts): the same checks and
   * writes as `PATCH /leads/{id}`, answering the lead as it is afterwards.
   */
  async editLeadProfile(
    manager: EntityManager,
    lead: Lead,
    input: UpdateLeadDto,
    scope: DataScope,
    principal: Principal,
  ): Promise<Lead> {
    const em = manager;
    const id = lead.id;
    const merged = {
      companyName: input.companyName ?? lead.companyName,
      taxId: input.taxId ?? lead.taxId ?? undefined,
      regionCode: input.regionCode ?? lead.regionCode ?? undefined,
      contacts: input.contacts,
    };
    // Reuse intake normalisation so edited keys obey the same rules as new leads.
    const prepared = prepareLead(0, { ...merged, source: lead.source }, LeadSource.API);
    if (!prepared.ok) throw DomainException.validation([prepared.error]);
    await this.refuseKeyCollision(
      em,
      lead,
      input.contacts !== undefined
        ? prepared.lead
        : {
            ...prepared.lead,
            contacts: lead.contacts ?? [],
            contactIndexes: (lead.contacts ?? []).map((_, index) => index),
          },
      scope,
    );
    const changes: Partial<Lead> = {
      companyName: merged.companyName.trim(),
      companyNameKey: prepared.lead.companyNameKey,
      taxId: merged.taxId?.trim() || null,
      taxIdKey: prepared.lead.taxIdKey,
    };
    if (input.industryCode !== undefined) changes.industryCode = input.industryCode;
    if (input.sizeBand !== undefined) changes.sizeBand = input.sizeBand;
    if (input.regionCode !== undefined) changes.regionCode = input.regionCode;
    if (input.website !== undefined) changes.website = input.website;
    if (input.needs !== undefined) changes.needs = input.needs;
    if (input.productLineIds !== undefined) changes.productLineIds = input.productLineIds;
    if (input.tags !== undefined) changes.tags = [...new Set(input.tags)];
    const result = await em
      .createQueryBuilder()
      .update(Lead)
      .set(changes)
      .where('id = :id AND version = :version', { id, version: lead.version })
      .execute();
    if (result.affected === 0) throw DomainException.versionMismatch(lead.version + 1);
    if (input.contacts !== undefined) {
      await em.query('DELETE FROM lead_contacts WHERE lead_id = $1', [id]);
      await insertRecordset(
        em,
        'lead_contacts',
        CONTACT_COLUMNS,
        prepared.lead.contacts.map((contact, position) => ({ lead_id: id, position, ...contact })),
      );
    }
    await this.grading.regrade(em, [id], principal);
    return this.getLead(id, scope, em);
  }

  private async refuseKeyCollision(
    em: EntityManager,
    lead: Lead,
    next: Pick<PreparedLead, 'taxIdKey' | 'companyNameKey' | 'contacts' | 'contactIndexes'>,
    scope: DataScope,
  ): Promise<void> {
    const current = new Set(
      keysOf({ ...lead, contacts: lead.contacts ?? [] }).map(([key, value]) => `${key}:${value}`),
    );
    // Only keys the edit adds: a collision the lead already had (say, from before a merge) is no news.
    const added = keysOf(next).filter(([key, value]) => !current.has(`${key}:${value}`));
    const collision = await this.intake.findKeyCollision(em, added, {
      leadId: lead.id,
      customerId: lead.customerId,
    });
    if (collision?.kind === 'customer')
      throw new DomainException(
        ErrorCode.EXISTING_CUSTOMER,
        `The company is already a customer (matched on ${collision.matchedOn})`,
        [
          {
            field: keyField(collision.matchedOn, collision.value, next),
            message: 'belongs to an existing customer',
          },
        ],
        {
          matchedOn: collision.matchedOn,
          ...(scope.isCompanyWide ? { customerId: collision.customerId } : {}),
        },
      );
    if (collision?.kind === 'lead') {
      const visible = scope.canSeeRow(collision.lead.vendor_id, collision.lead.owner_rep_id);
      throw new DomainException(
        ErrorCode.LEAD_DUPLICATE,
        `Another lead already has this ${collision.matchedOn}; merge the two leads instead`,
        [
          {
            field: keyField(collision.matchedOn, collision.value, next),
            message: 'belongs to another lead',
          },
        ],
        {
          matchedOn: collision.matchedOn,
          // Only a lead the caller may see is named: otherwise the answer would reveal it exists.
          ...(visible ? { duplicateOfLeadId: collision.lead.id } : {}),
        },
      );
    }
  }

  async changeLeadStatus(
    id: string,
    input: ChangeLeadStatusDto,
    scope: DataScope,
    principal: Principal,
  ): Promise<Lead> {
    return this.dataSource.transaction(async (em) => {
      const lead = await this.lockLead(em, id, scope);
      const now = new Date();
      await this.applyStatus(em, lead, { to: input.status, ...input }, now);
      await writeLeadHistory(em, [
        {
          lead_id: id,
          occurred_at: now.toISOString(),
          kind: ActivityKind.STATUS_CHANGE,
          ...actorColumns(principal),
          content: input.note ?? null,
          status_from: lead.status,
          status_to: input.status,
          details: reasonDetails(input),
        },
      ]);
      // A status move by the owner team is work on the lead: a touch (one by anyone else is history).
      const touch = isOwnerTeamTouch(
        {
          kind: ActivityKind.STATUS_CHANGE,
          actorVendorId: principal.vendorId,
          actorRepId: principal.repId,
          actorId: principal.subjectId,
        },
        lead,
      );
      await em.query('UPDATE leads SET last_activity_at = $2, touch_count = touch_count + $3 WHERE id = $1', [
        id,
        now,
        touch ? 1 : 0,
      ]);
      await this.grading.regrade(em, [id], principal, now);
      return this.getLead(id, scope, em);
    });
  }

  /**
   * Records a follow-up (call, visit, email, meeting, message) and, in the same transaction, moves the
   * status if asked, sets the last activity time, counts the touch and sets the next due date (given, or
   * from the lead's plan).
   */
  async recordLeadActivity(
    id: string,
    input: RecordLeadActivityDto,
    scope: DataScope,
    principal: Principal,
  ): Promise<LeadActivity> {
    return this.dataSource.transaction(async (em) => {
      const lead = await this.lockLead(em, id, scope);
      const now = new Date();
      const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
      if (occurredAt.getTime() > now.getTime() + 60_000)
        throw DomainException.validation([{ field: 'occurredAt', message: 'must not be in the future' }]);
      if ([LeadStatus.WON, LeadStatus.LOST, LeadStatus.REJECTED].includes(lead.status) && !input.statusTo)
        throw DomainException.of(ErrorCode.LEAD_CLOSED, `The lead is ${lead.status}; follow-ups are closed`);
      const statusTo = input.statusTo && input.statusTo !== lead.status ? input.statusTo : null;
      if (statusTo) await this.applyStatus(em, lead, { to: statusTo, ...input }, now);
      const closed = statusTo && !OPEN_STATUSES.includes(statusTo);
      const nextDue = closed
        ? null
        : input.nextFollowUpDue
          ? new Date(input.nextFollowUpDue)
          : nextFollowUpDue(lead.followUpPlan, occurredAt);
      // Only the owner team's work counts as a touch (and so feeds the grade's engagement points).
      const touch = isOwnerTeamTouch(
        {
          kind: ActivityKind.FOLLOW_UP,
          actorVendorId: principal.vendorId,
          actorRepId: principal.repId,
          actorId: principal.subjectId,
        },
        lead,
      );
      await em.query(
        `UPDATE leads SET last_activity_at = GREATEST(COALESCE(last_activity_at, $2), $2),
                touch_count = touch_count + $4, next_follow_up_due = $3, updated_at = now(), version = version + 1
          WHERE id = $1`,
        [id, occurredAt, nextDue, touch ? 1 : 0],
      );
      const [inserted]: { id: string }[] = await em.query(
        `INSERT INTO lead_activities (lead_id, occurred_at, kind, channel, actor_id, actor_name, content, outcome,
                                      status_from, status_to, details, actor_vendor_id, actor_rep_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [
          id,
          occurredAt,
          ActivityKind.FOLLOW_UP,
          input.channel,
          principal.subjectId,
          principal.name,
          input.content,
          input.outcome ?? null,
          statusTo ? lead.status : null,
          statusTo,
          JSON.stringify({ ...reasonDetails(input), nextFollowUpDue: nextDue?.toISOString() ?? null }),
          principal.vendorId,
          principal.repId,
        ],
      );
      await this.grading.regrade(em, [id], principal, now);
      return em.getRepository(LeadActivity).findOneByOrFail({ id: inserted.id });
    });
  }

  // ---- for the contracts module (inside the caller's transaction) ----

  /** The facts a contract copies from its lead; 404 when the lead is outside the scope. */
  async getLeadForContract(manager: EntityManager, id: string, scope: DataScope): Promise<LeadForContract> {
    const lead = await scope
      .apply(manager.getRepository(Lead).createQueryBuilder('lead'), LEAD_SCOPE)
      .andWhere('lead.id = :id', { id })
      .getOne();
    if (!lead) throw DomainException.notFound('Lead', id);
    return {
      id: lead.id,
      status: lead.status,
      vendorId: lead.vendorId,
      ownerRepId: lead.ownerRepId,
      regionCode: lead.regionCode,
      industryCode: lead.industryCode,
      customerId: lead.customerId,
      createdAt: lead.createdAt,
      touchCount: lead.touchCount,
    };
  }

  /**
   * Signing a contract wins its lead: the lead moves to `won` (legal from qualified or negotiating, else
   * 409 LEAD_STATUS_TRANSITION_INVALID), becomes or links a customer, and the change is in its history.
   * A lead already won (an upsell on the same deal) keeps its customer.
   */
  async winLeadForContract(
    manager: EntityManager,
    id: string,
    principal: Principal,
    note: string,
    contractId?: string,
  ): Promise<{ lead: LeadForContract; customerCreated: boolean }> {
    const lead = await this.lockLead(manager, id, DataScope.companyWide());
    if (lead.status === LeadStatus.WON) {
      return {
        lead: await this.getLeadForContract(manager, id, DataScope.companyWide()),
        customerCreated: false,
      };
    }
    const now = new Date();
    await this.applyStatus(manager, lead, { to: LeadStatus.WON, contractId }, now);
    await writeLeadHistory(manager, [
      {
        lead_id: id,
        occurred_at: now.toISOString(),
        kind: ActivityKind.STATUS_CHANGE,
        ...actorColumns(principal),
        content: note,
        status_from: lead.status,
        status_to: LeadStatus.WON,
        details: null,
      },
    ]);
    await manager.query('UPDATE leads SET last_activity_at = $2 WHERE id = $1', [id, now]);
    const won = await this.getLeadForContract(manager, id, DataScope.companyWide());
    const [created]: { n: number }[] = await manager.query(
      'SELECT count(*)::int AS n FROM customers WHERE id = $1 AND source_lead_id = $2',
      [won.customerId, id],
    );
    return { lead: won, customerCreated: created.n > 0 };
  }

  /** Row-locks the lead inside the scope, so concurrent status changes serialise. */
  private async lockLead(em: EntityManager, id: string, scope: DataScope): Promise<Lead> {
    const lead = await scope
      .apply(em.getRepository(Lead).createQueryBuilder('lead'), LEAD_SCOPE)
      .andWhere('lead.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
    if (!lead) throw DomainException.notFound('Lead', id);
    if (lead.mergedIntoId)
      throw DomainException.of(
        ErrorCode.LEAD_CLOSED,
        `The lead was merged into ${lead.mergedIntoId}; work that one`,
      );
    return lead;
  }

  private async applyStatus(em: EntityManager, lead: Lead, change: StatusChange, now: Date): Promise<void> {
    const { to } = change;
    checkStatusChange(lead, change);
    const set: Record<string, unknown> = { status: to };
    if (to === LeadStatus.LOST && change.lostReason) {
      const reason = change.lostReason;
      Object.assign(set, {
        lostReason: reason.reason,
        lostReasonText: reason.text ?? null,
        lostCompetitor: reason.competitor?.trim() || null,
        lostNoChance: reason.noChance ?? false,
        nextFollowUpDue: null,
      });
    }
    if (to === LeadStatus.REJECTED && change.rejectReason) {
      const reason = change.rejectReason;
      Object.assign(set, {
        rejectReason: reason.reason,
        rejectReasonText: reason.text ?? null,
        nextFollowUpDue: null,
      });
    }
    if (to === LeadStatus.WON) {
      const [first] = await em
        .getRepository(LeadContact)
        .find({ where: { leadId: lead.id }, order: { position: 'ASC' }, take: 1 });
      const customerId = await this.customers.createCustomerFromLead(em, lead, {
        nameKey: lead.companyNameKey,
        taxIdKey: lead.taxIdKey,
        phone: first?.phone ?? null,
        email: first?.email ?? null,
      });
      Object.assign(set, { wonAt: now, customerId, nextFollowUpDue: null });
    }
    await em.createQueryBuilder().update(Lead).set(set).where('id = :id', { id: lead.id }).execute();
    await this.outbox.publish(em, statusEvents(lead, change, set));
  }

  async setFollowUpPlan(
    id: string,
    input: FollowUpPlanDto,
    scope: DataScope,
    principal: Principal,
  ): Promise<Lead> {
    if (input.kind === FollowUpPlanKind.EVERY_N_DAYS && !input.intervalDays)
      throw DomainException.validation([{ field: 'intervalDays', message: 'is required for every_n_days' }]);
    if (input.kind === FollowUpPlanKind.DATES && !input.dates?.length)
      throw DomainException.validation([{ field: 'dates', message: 'is required for dates' }]);
    const plan: FollowUpPlan = {
      kind: input.kind,
      ...(input.kind === FollowUpPlanKind.EVERY_N_DAYS ? { intervalDays: input.intervalDays } : {}),
      ...(input.kind === FollowUpPlanKind.DATES
        ? { dates: [...input.dates!].map((date) => new Date(date).toISOString()).sort() }
        : {}),
    };
    return this.dataSource.transaction(async (em) => {
      const lead = await this.lockLead(em, id, scope);
      if (!OPEN_STATUSES.includes(lead.status))
        throw DomainException.of(ErrorCode.LEAD_CLOSED, `The lead is ${lead.status}; it needs no follow-ups`);
      const now = new Date();
      const due = nextFollowUpDue(plan, now);
      await em.query(
        `UPDATE leads SET follow_up_plan = $2, next_follow_up_due = $3, updated_at = now(), version = version + 1
          WHERE id = $1`,
        [id, JSON.stringify(plan), due],
      );
      await writeLeadHistory(em, [
        {
          lead_id: id,
          occurred_at: now.toISOString(),
          kind: ActivityKind.PLAN_CHANGE,
          ...actorColumns(principal),
          details: { plan, nextFollowUpDue: due?.toISOString() ?? null },
        },
      ]);
      return this.getLead(id, scope, em);
    });
  }

  async setKeyLead(
    id: string,
    keyLead: boolean,
    reason: string,
    scope: DataScope,
    principal: Principal,
  ): Promise<Lead> {
    return this.dataSource.transaction(async (em) => {
      await this.lockLead(em, id, scope);
      await em.query(
        `UPDATE leads SET key_lead = $2, key_lead_reason = $3, key_lead_set_by = 'manual', updated_at = now(),
                version = version + 1 WHERE id = $1`,
        [id, keyLead, reason],
      );
      await writeLeadHistory(em, [
        {
          lead_id: id,
          occurred_at: new Date().toISOString(),
          kind: ActivityKind.KEY_LEAD,
          ...actorColumns(principal),
          content: reason,
          details: { keyLead },
        },
      ]);
      return this.getLead(id, scope, em);
    });
  }

  /**
   * Merges a duplicate into a survivor: the duplicate's contacts are copied over (new phone/email keys
   * only), its touches are added, it is marked merged, and its history stays where it is but shows in
   * the survivor's history. Both must be visible to the caller.
   */
  async mergeLeads(
    survivorId: string,
    duplicateId: string,
    scope: DataScope,
    principal: Principal,
  ): Promise<Lead> {
    if (survivorId === duplicateId)
      throw DomainException.of(ErrorCode.LEAD_MERGE_INVALID, 'A lead cannot be merged into itself');
    return this.dataSource.transaction(async (em) => {
      const survivor = await this.lockLead(em, survivorId, scope);
      const duplicate = await this.lockLead(em, duplicateId, scope);
      if (survivor.status === LeadStatus.WON && duplicate.status === LeadStatus.WON)
        throw DomainException.of(
          ErrorCode.LEAD_MERGE_INVALID,
          'Two won leads are two customers; they are not merged',
        );
      await em.query(
        `INSERT INTO lead_contacts (lead_id, position, name, phone, email, title)
         SELECT $1, 100 + c.position, c.name, c.phone, c.email, c.title FROM lead_contacts c
          WHERE c.lead_id = $2
            AND NOT EXISTS (SELECT 1 FROM lead_contacts s WHERE s.lead_id = $1
                            AND (s.phone = c.phone OR s.email = c.email))`,
        [survivorId, duplicateId],
      );
      await em.query(
        `UPDATE leads s SET touch_count = s.touch_count + d.touch_count,
                last_activity_at = GREATEST(s.last_activity_at, d.last_activity_at),
                tags = ARRAY(SELECT DISTINCT unnest(s.tags || d.tags)),
                updated_at = now(), version = s.version + 1
           FROM leads d WHERE s.id = $1 AND d.id = $2`,
        [survivorId, duplicateId],
      );
      await em.query(
        `UPDATE leads SET merged_into_id = $1, next_follow_up_due = NULL, updated_at = now(), version = version + 1
          WHERE id = $2`,
        [survivorId, duplicateId],
      );
      // Other systems' ids follow the company to the survivor, unless it already has one from that source.
      await em.query(
        `UPDATE lead_external_ids d SET lead_id = $1, updated_at = now(), version = d.version + 1
          WHERE d.lead_id = $2
            AND NOT EXISTS (SELECT 1 FROM lead_external_ids s WHERE s.lead_id = $1 AND s.source = d.source)`,
        [survivorId, duplicateId],
      );
      const now = new Date().toISOString();
      const entry = {
        occurred_at: now,
        kind: ActivityKind.MERGE,
        ...actorColumns(principal),
      };
      await writeLeadHistory(em, [
        {
          ...entry,
          lead_id: survivorId,
          content: `Merged ${duplicate.companyName} into this lead`,
          details: { mergedLeadId: duplicateId },
        },
        {
          ...entry,
          lead_id: duplicateId,
          content: `Merged into ${survivor.companyName}`,
          details: { survivorLeadId: survivorId },
        },
      ]);
      await this.grading.regrade(em, [survivorId], principal);
      return this.getLead(survivorId, scope, em);
    });
  }

  /** Newest first; includes the history of leads merged into this one. */
  async listLeadActivities(
    id: string,
    query: { limit?: number; cursor?: string },
    scope: DataScope,
  ): Promise<Page<LeadActivity>> {
    await this.getLead(id, scope);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const builder = this.activities
      .createQueryBuilder('activity')
      .where(
        `activity.lead_id IN (SELECT :id::uuid UNION ALL SELECT merged.id FROM leads merged WHERE merged.merged_into_id = :id)`,
        { id },
      );
    if (query.cursor) {
      const [occurredAt, activityId] = decodeCursor(query.cursor, 2, 'lead_activities');
      builder.andWhere('(activity.occurred_at, activity.id) < (:occurredAt, :activityId)', {
        occurredAt,
        activityId,
      });
    }
    const rows = await builder
      .orderBy('activity.occurred_at', 'DESC')
      .addOrderBy('activity.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    const data = rows.slice(0, limit);
    const last = data[data.length - 1];
    return {
      data,
      nextCursor:
        rows.length > limit && last
          ? encodeCursor([last.occurredAt.toISOString(), last.id], 'lead_activities')
          : null,
    };
  }

  /** "My day": open leads whose next follow-up falls before the end of today in the given zone. */
  async listDueFollowUps(query: ListDueFollowUpsQuery, scope: DataScope): Promise<Page<DueFollowUp>> {
    const timeZone = query.timeZone ?? 'UTC';
    if (!isTimeZone(timeZone))
      throw DomainException.validation([
        { field: 'timeZone', message: 'must be an IANA time zone such as Asia/Shanghai' },
      ]);
    const builder = scope
      .apply(this.leads.createQueryBuilder('lead'), LEAD_SCOPE)
      .andWhere('lead.next_follow_up_due IS NOT NULL')
      .andWhere('lead.merged_into_id IS NULL')
      .andWhere('lead.status IN (:...open)', { open: OPEN_STATUSES })
      .andWhere(
        `lead.next_follow_up_due < ((date_trunc('day', now() AT TIME ZONE :zone) + interval '1 day') AT TIME ZONE :zone)`,
        { zone: timeZone },
      );
    if (query.ownerRepId)
      builder.andWhere('lead.owner_rep_id = :ownerRepId', { ownerRepId: query.ownerRepId });
    if (query.vendorId) builder.andWhere('lead.vendor_id = :vendorId', { vendorId: query.vendorId });
    const page = await paginate(builder, query, [
      { expression: 'lead.next_follow_up_due', read: (row) => row.nextFollowUpDue!.toISOString() },
      { expression: 'lead.id', read: (row) => row.id },
    ]);
    const now = Date.now();
    return {
      data: page.data.map((lead) => ({ lead, overdue: lead.nextFollowUpDue!.getTime() < now })),
      nextCursor: page.nextCursor,
    };
  }

  /** Grades every open lead again (engagement decays with time; untouched leads go dead). */
  async refreshLeadGrades(principal: Principal): Promise<{ regraded: number; dead: number }> {
    return this.dataSource.transaction((em) => this.grading.regradeOpenLeads(em, principal));
  }

  /**
   * Sets the owning vendor and rep (routing's entry point). Moves a new lead to assigned when a rep is
   * set. Company-wide operation: callers check their own rights.
   */
  async assignLeadOwner(
    id: string,
    vendorId: string | null,
    ownerRepId: string | null,
    actor: Principal,
  ): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const lead = await em
        .getRepository(Lead)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!lead) throw DomainException.notFound('Lead', id);
      const status = ownerRepId && lead.status === LeadStatus.NEW ? LeadStatus.ASSIGNED : lead.status;
      await em.query(
        `UPDATE leads SET vendor_id = $2, owner_rep_id = $3, status = $4, updated_at = now(), version = version + 1
          WHERE id = $1`,
        [id, vendorId, ownerRepId, status],
      );
      await writeLeadHistory(em, [
        {
          lead_id: id,
          occurred_at: new Date().toISOString(),
          kind: ActivityKind.ASSIGNMENT,
          ...actorColumns(actor),
          status_from: status !== lead.status ? lead.status : null,
          status_to: status !== lead.status ? status : null,
          details: { vendorId, ownerRepId },
        },
      ]);
      await this.grading.regrade(em, [id], actor);
    });
  }
}

function reasonDetails(input: {
  lostReason?: LostReasonDto;
  rejectReason?: RejectReasonDto;
}): Record<string, unknown> {
  return {
    ...(input.lostReason ? { lostReason: input.lostReason } : {}),
    ...(input.rejectReason ? { rejectReason: input.rejectReason } : {}),
  };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
