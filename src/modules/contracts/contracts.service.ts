import { randomUUID } from 'node:crypto';
import type {
  ContractExpiringEventData,
  ContractSignedEventData,
  ContractStatusChangedEventData,
} from '../webhooks/webhook-events';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { DataScope } from '../../common/auth/data-scope';
import { Principal } from '../../common/auth/role';
import { addDays, daysBetween, todayIn } from '../../common/calendar/working-days';
import { DomainException, FieldError } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { countSyncable, Page, paginateSyncable } from '../../common/pagination/pagination';
import { ReadReplica } from '../../database/read-replica';
import { missingIds } from '../../database/sql-helpers';
import { CallReportsService } from '../call-reports/call-reports.service';
import { CatalogService } from '../catalog/catalog.service';
import {
  CustomersService,
  LeadForContract,
  LeadsService,
  type AssignmentDecision,
  RoutingService,
} from '../leads/leads.published';
import { OutboxEvent, OutboxService } from '../webhooks/outbox.service';
import { VendorStatus } from '../vendors/vendor-enums';
import { VendorsService } from '../vendors/vendors.service';
import { FULL_SHARE_BPS, isBelowFloor, lineTotalMinor } from './contract-pricing.rules';
import { BOOKED_STATUSES, EDITABLE_STATUSES, isLegalContractMove } from './contract-status';
import { Contract, ContractCredit, ContractInvoice, ContractLine, ContractPayment } from './contract.entity';
import { ContractApproval, ContractStatus, PaymentKind, ReviewCycle } from './contract.enums';
import {
  ApprovalDecisionDto,
  ChangeContractStatusDto,
  ContractCreditInputDto,
  CreateRenewalDto,
  CreateContractDto,
  ExternalContractDto,
  ListContractsQuery,
  PostInvoiceDto,
  PostPaymentDto,
  ScopeExceptionDto,
  SignContractDto,
} from './contracts.dto';
import { RevenueFactsService } from './revenue-facts.service';

export const CONTRACT_SCOPE = { vendor: 'contract.vendor_id', rep: 'contract.rep_id' };
const MS_PER_DAY = 86_400_000;

/** A contract's fields and lines after every reference was checked and every line priced. */
interface PreparedContract {
  fields: Partial<Contract>;
  lines: Omit<ContractLine, 'id' | 'contractId' | 'createdAt' | 'updatedAt' | 'version' | 'contract'>[];
  credits: Pick<ContractCredit, 'vendorId' | 'repId' | 'salesUnitId' | 'shareBps'>[];
  lead: LeadForContract | null;
}

const unprocessable = (code: ErrorCode, detail: string, errors?: FieldError[]) =>
  new DomainException(code, detail, errors);

/**
 * Contracts: from a qualified lead to a signed deal. Each public method is one request and opens its one
 * transaction; every change of a contract's money facts refreshes the revenue rollup inside it.
 */
@Injectable()
export class ContractsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly catalog: CatalogService,
    private readonly vendors: VendorsService,
    private readonly leads: LeadsService,
    private readonly customers: CustomersService,
    private readonly outbox: OutboxService,
    private readonly facts: RevenueFactsService,
    private readonly callReports: CallReportsService,
    private readonly routing: RoutingService,
    private readonly replica: ReadReplica,
  ) {}

  // ---- reads ----

  /** A page of the contract list; a page after the first on the replica when there is one (`pageManager`). */
  async listContracts(query: ListContractsQuery, scope: DataScope): Promise<Page<Contract>> {
    const manager = await this.replica.pageManager(query);
    const page = await this.contractPage(manager, query, scope);
    return { data: await this.withDetails(manager, page.data), nextCursor: page.nextCursor };
  }

  /** One page of the contract list, without lines and credits: one query (the list export's page). */
  contractPage(manager: EntityManager, query: ListContractsQuery, scope: DataScope): Promise<Page<Contract>> {
    return paginateSyncable(this.filteredContracts(manager, query, scope), query, [
      { expression: 'contract.created_at', read: (row) => row.createdAt.toISOString() },
      { expression: 'contract.id', read: (row) => row.id },
    ]);
  }

  /** How many contracts the list pages through with these filters (the export's row cap). */
  countContracts(manager: EntityManager, query: ListContractsQuery, scope: DataScope): Promise<number> {
    return countSyncable(this.filteredContracts(manager, query, scope), query);
  }

  private filteredContracts(manager: EntityManager, query: ListContractsQuery, scope: DataScope) {
    const builder = scope.apply(
      manager.getRepository(Contract).createQueryBuilder('contract'),
      CONTRACT_SCOPE,
    );
    if (query.status) builder.andWhere('contract.status = :status', { status: query.status });
    if (query.vendorId) builder.andWhere('contract.vendor_id = :vendorId', { vendorId: query.vendorId });
    if (query.customerId)
      builder.andWhere('contract.customer_id = :customerId', { customerId: query.customerId });
    if (query.endsOnOrBefore)
      builder.andWhere('contract.ends_on <= :endsOn', { endsOn: query.endsOnOrBefore });
    return builder;
  }

  /** The ids of the customers' contracts, for modules erasing a data subject's texts about them. */
  async contractIdsOfCustomers(manager: EntityManager, customerIds: readonly string[]): Promise<string[]> {
    if (customerIds.length === 0) return [];
    const rows: { id: string }[] = await manager.query(
      `SELECT id::text FROM contracts WHERE customer_id = ANY($1::uuid[])`,
      [customerIds],
    );
    return rows.map((row) => row.id);
  }

  async getContract(id: string, scope: DataScope, manager?: EntityManager): Promise<Contract> {
    const em = manager ?? this.dataSource.manager;
    const contract = await scope
      .apply(em.getRepository(Contract).createQueryBuilder('contract'), CONTRACT_SCOPE)
      .andWhere('contract.id = :id', { id })
      .getOne();
    if (!contract) throw DomainException.notFound('Contract', id);
    return (await this.withDetails(em, [contract]))[0];
  }

  // ---- writes ----

  createContract(input: CreateContractDto, scope: DataScope, actor: Principal): Promise<Contract> {
    return this.dataSource.transaction(async (em) => {
      const prepared = await this.prepare(em, input, scope);
      const contract = await this.insert(em, prepared, {});
      await this.audit.record(em, actor, {
        entityType: 'contract',
        entityId: contract.id,
        vendorId: contract.vendorId,
        action: 'create',
        after: snapshot(contract),
      });
      return contract;
    });
  }

  /**
   * The ERP's upsert: the contract held under (source, externalId) is created, or — while still a draft
   * or pending approval — replaced by the body. A signed one accepts the same body again (a retry) and a
   * status move; different lines or money are 409 CONTRACT_NOT_EDITABLE.
   */
  upsertContractByExternalId(
    source: string,
    externalId: string,
    input: ExternalContractDto,
    scope: DataScope,
    actor: Principal,
  ): Promise<Contract> {
    return this.dataSource.transaction(async (em) => {
      // Serialise concurrent pushes of the same external id.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`osm.contract:${source}:${externalId}`]);
      const existing = await em.findOne(Contract, { where: { externalSource: source, externalId } });
      if (existing && !scope.canSeeRow(existing.vendorId, existing.repId))
        throw DomainException.notFound('Contract', `${source}/${externalId}`);
      const prepared = await this.prepare(em, input, scope);
      let contract: Contract;
      if (!existing) {
        contract = await this.insert(em, prepared, { externalSource: source, externalId });
        await this.audit.record(em, actor, {
          entityType: 'contract',
          entityId: contract.id,
          vendorId: contract.vendorId,
          action: 'create',
          after: snapshot(contract),
        });
      } else if (EDITABLE_STATUSES.includes(existing.status)) {
        const before = (await this.withDetails(em, [existing]))[0];
        await em.delete(ContractLine, { contractId: existing.id });
        await em.delete(ContractCredit, { contractId: existing.id });
        contract = await this.insert(em, prepared, { id: existing.id, externalSource: source, externalId });
        await this.audit.record(em, actor, {
          entityType: 'contract',
          entityId: contract.id,
          vendorId: contract.vendorId,
          action: 'update',
          before: snapshot(before),
          after: snapshot(contract),
        });
      } else {
        contract = (await this.withDetails(em, [existing]))[0];
        if (!sameDeal(contract, prepared))
          throw DomainException.of(
            ErrorCode.CONTRACT_NOT_EDITABLE,
            `The contract is ${contract.status}; its lines and money can no longer change`,
          );
      }
      const target = input.status ?? ContractStatus.DRAFT;
      if (target !== ContractStatus.DRAFT && !(BOOKED_STATUSES as string[]).includes(contract.status)) {
        if (!input.signedOn)
          throw DomainException.validation([
            { field: 'signedOn', message: 'is required for a signed contract' },
          ]);
        contract = await this.sign(em, contract, { signedOn: input.signedOn }, actor);
      }
      if (target === ContractStatus.ACTIVE && contract.status === ContractStatus.SIGNED)
        contract = await this.move(em, contract, { status: ContractStatus.ACTIVE }, actor);
      return contract;
    });
  }

  signContract(id: string, input: SignContractDto, scope: DataScope, actor: Principal): Promise<Contract> {
    return this.dataSource.transaction(async (em) => {
      const contract = await this.lockContract(em, id, scope);
      return this.sign(em, contract, input, actor);
    });
  }

  /** A sales manager's yes or no to a contract priced below the floor; back to draft either way, audited. */
  decideContractApproval(
    id: string,
    input: ApprovalDecisionDto,
    scope: DataScope,
    actor: Principal,
  ): Promise<Contract> {
    return this.dataSource.transaction(async (em) => {
      const contract = await this.lockContract(em, id, scope);
      if (contract.status !== ContractStatus.PENDING_APPROVAL)
        throw DomainException.of(
          ErrorCode.CONTRACT_APPROVAL_NOT_PENDING,
          `The contract is ${contract.status}; only a pending_approval contract takes a decision`,
        );
      const approval = input.decision === 'approve' ? ContractApproval.APPROVED : ContractApproval.REJECTED;
      await em.update(
        Contract,
        { id },
        {
          status: ContractStatus.DRAFT,
          approval,
          approvalReason: input.reason,
          approvalDecidedBy: actor.subjectId,
          approvalDecidedAt: new Date(),
          version: contract.version + 1,
        },
      );
      await this.audit.record(em, actor, {
        entityType: 'contract',
        entityId: id,
        vendorId: contract.vendorId,
        action: input.decision === 'approve' ? 'approve_below_floor' : 'reject_below_floor',
        before: { status: contract.status, approval: contract.approval },
        after: { status: ContractStatus.DRAFT, approval },
        reason: input.reason,
      });
      return this.getContract(id, DataScope.companyWide(), em);
    });
  }

  /** A sales manager lets the seller sell product lines outside its contracted scope on this contract. */
  recordScopeException(
    id: string,
    input: ScopeExceptionDto,
    scope: DataScope,
    actor: Principal,
  ): Promise<Contract> {
    return this.dataSource.transaction(async (em) => {
      const contract = await this.lockContract(em, id, scope);
      if (!EDITABLE_STATUSES.includes(contract.status))
        throw DomainException.of(
          ErrorCode.CONTRACT_NOT_EDITABLE,
          `The contract is ${contract.status}; a scope exception is recorded before signing`,
        );
      await em.update(
        Contract,
        { id },
        {
          scopeExceptionReason: input.reason,
          scopeExceptionBy: actor.subjectId,
          version: contract.version + 1,
        },
      );
      await this.audit.record(em, actor, {
        entityType: 'contract',
        entityId: id,
        vendorId: contract.vendorId,
        action: 'scope_exception',
        after: { scopeExceptionReason: input.reason },
        reason: input.reason,
      });
      return this.getContract(id, DataScope.companyWide(), em);
    });
  }

  changeContractStatus(
    id: string,
    input: ChangeContractStatusDto,
    scope: DataScope,
    actor: Principal,
  ): Promise<Contract> {
    return this.dataSource.transaction(async (em) => {
      const contract = await this.lockContract(em, id, scope);
      return this.move(em, contract, input, actor);
    });
  }

  /**
   * Posts a payment or refund from the ERP. Idempotent by (externalSource, externalId): the same posting
   * again answers the stored one; the same id with a different amount, day, kind or contract is 409.
   */
  postContractPayment(
    id: string,
    input: PostPaymentDto,
    scope: DataScope,
    actor: Principal,
  ): Promise<ContractPayment> {
    return this.dataSource.transaction(async (em) => {
      const contract = await this.lockContract(em, id, scope);
      const kind = input.kind ?? PaymentKind.PAYMENT;
      const existing = await em.findOne(ContractPayment, {
        where: { externalSource: input.externalSource, externalId: input.externalId },
      });
      if (existing) {
        const same =
          existing.contractId === id &&
          existing.kind === kind &&
          existing.amountMinor === input.amountMinor &&
          existing.currency === input.currency &&
          existing.paidOn === input.paidOn;
        if (!same)
          throw DomainException.of(
            ErrorCode.PAYMENT_EXTERNAL_ID_CONFLICT,
            `Payment ${input.externalSource}/${input.externalId} was already posted with other values`,
          );
        return existing;
      }
      if (input.currency !== contract.currency)
        throw unprocessable(ErrorCode.CONTRACT_CURRENCY_MISMATCH, `The contract is in ${contract.currency}`, [
          { field: 'currency', message: `must be ${contract.currency}` },
        ]);
      if (!(BOOKED_STATUSES as string[]).includes(contract.status))
        throw DomainException.of(
          ErrorCode.CONTRACT_STATUS_TRANSITION_INVALID,
          `The contract is ${contract.status}; payments are posted against signed contracts`,
        );
      const payment = await em.save(
        em.create(ContractPayment, {
          contractId: id,
          kind,
          amountMinor: input.amountMinor,
          currency: input.currency,
          paidOn: input.paidOn,
          invoiceId: null,
          externalSource: input.externalSource,
          externalId: input.externalId,
        }),
      );
      await this.facts.refreshContractFacts(em, [id]);
      await this.audit.record(em, actor, {
        entityType: 'contract_payment',
        entityId: payment.id,
        vendorId: contract.vendorId,
        action: 'create',
        after: payment,
      });
      return payment;
    });
  }

  /**
   * Sets or clears the fulfilment review cycle of a contract that is not over (a draft, pending, signed or
   * active one): a signed contract may start being reviewed. Ended ones (fulfilled, expired, terminated)
   * are 409 CONTRACT_NOT_EDITABLE. Audited.
   */
  setReviewCycle(
    id: string,
    reviewCycle: ReviewCycle | null,
    scope: DataScope,
    actor: Principal,
  ): Promise<Contract> {
    return this.dataSource.transaction(async (em) => {
      const contract = await this.lockContract(em, id, scope);
      const over = [ContractStatus.FULFILLED, ContractStatus.EXPIRED, ContractStatus.TERMINATED];
      if (over.includes(contract.status))
        throw DomainException.of(
          ErrorCode.CONTRACT_NOT_EDITABLE,
          `A ${contract.status} contract gets no review cycle`,
        );
      if (contract.reviewCycle !== reviewCycle) {
        await em.update(Contract, { id }, { reviewCycle, version: contract.version + 1 });
        await this.audit.record(em, actor, {
          entityType: 'contract',
          entityId: id,
          vendorId: contract.vendorId,
          action: 'update',
          before: { reviewCycle: contract.reviewCycle },
          after: { reviewCycle },
        });
      }
      return this.getContract(id, scope, em);
    });
  }

  /** Why a renewal went to its seller: routing's decisions about it (none when the original seller kept it). */
  async listRenewalRoutingDecisions(id: string, scope: DataScope): Promise<AssignmentDecision[]> {
    await this.getContract(id, scope);
    return this.routing.listRenewalDecisions(this.dataSource.manager, id);
  }

  async listContractPayments(id: string, scope: DataScope): Promise<ContractPayment[]> {
    await this.getContract(id, scope);
    return this.dataSource
      .getRepository(ContractPayment)
      .find({ where: { contractId: id }, order: { paidOn: 'ASC', createdAt: 'ASC' } });
  }

  /**
   * Posts an invoice from the ERP. Idempotent by (externalSource, externalId): the same invoice again
   * answers the stored one; the same id with another amount, currency, day or contract is 409.
   */
  postContractInvoice(
    id: string,
    input: PostInvoiceDto,
    scope: DataScope,
    actor: Principal,
  ): Promise<ContractInvoice> {
    return this.dataSource.transaction(async (em) => {
      const contract = await this.lockContract(em, id, scope);
      const existing = await em.findOne(ContractInvoice, {
        where: { externalSource: input.externalSource, externalId: input.externalId },
      });
      if (existing) {
        const same =
          existing.contractId === id &&
          existing.amountMinor === input.amountMinor &&
          existing.currency === input.currency &&
          existing.invoicedOn === input.invoicedOn &&
          existing.dueOn === input.dueOn;
        if (!same)
          throw DomainException.of(
            ErrorCode.INVOICE_EXTERNAL_ID_CONFLICT,
            `Invoice ${input.externalSource}/${input.externalId} was already posted with other values`,
          );
        return existing;
      }
      if (input.currency !== contract.currency)
        throw unprocessable(ErrorCode.CONTRACT_CURRENCY_MISMATCH, `The contract is in ${contract.currency}`, [
          { field: 'currency', message: `must be ${contract.currency}` },
        ]);
      if (input.dueOn < input.invoicedOn)
        throw unprocessable(ErrorCode.INVOICE_DATES_INVALID, 'An invoice is not due before it is issued', [
          { field: 'dueOn', message: 'must not be before invoicedOn' },
        ]);
      if (!(BOOKED_STATUSES as string[]).includes(contract.status))
        throw DomainException.of(
          ErrorCode.CONTRACT_STATUS_TRANSITION_INVALID,
          `The contract is ${contract.status}; invoices are posted against signed contracts`,
        );
      const invoice = await em.save(
        em.create(ContractInvoice, {
          contractId: id,
          amountMinor: input.amountMinor,
          currency: input.currency,
          invoicedOn: input.invoicedOn,
          dueOn: input.dueOn,
          externalSource: input.externalSource,
          externalId: input.externalId,
        }),
      );
      await this.audit.record(em, actor, {
        entityType: 'contract_invoice',
        entityId: invoice.id,
        vendorId: contract.vendorId,
        action: 'create',
        after: invoice,
      });
      return invoice;
    });
  }

  async listContractInvoices(id: string, scope: DataScope): Promise<ContractInvoice[]> {
    await this.getContract(id, scope);
    return this.dataSource
      .getRepository(ContractInvoice)
      .find({ where: { contractId: id }, order: { invoicedOn: 'ASC', createdAt: 'ASC' } });
  }

  // ---- renewals ----

  /**
   * One call creates the renewal draft: lines copied at the old prices or today's list prices, starting
   * the day after the old contract ends and running as long. The seller stays the original one when its
   * vendor is active and its scope today still covers every product line; otherwise the renewal goes to
   * the internal team (the vendor's sales unit), and the decision is recorded on the renewal and audited.
   */
  createRenewal(id: string, input: CreateRenewalDto, scope: DataScope, actor: Principal): Promise<Contract> {
    return this.dataSource.transaction(async (em) => {
      const locked = await this.lockContract(em, id, scope);
      if (
        !(BOOKED_STATUSES as string[]).includes(locked.status) ||
        locked.status === ContractStatus.TERMINATED
      )
        throw DomainException.of(
          ErrorCode.CONTRACT_STATUS_TRANSITION_INVALID,
          `A ${locked.status} contract is not renewed`,
        );
      const [existing] = await em.find(Contract, { where: { renewalOfId: id }, take: 1 });
      if (existing)
        throw DomainException.of(
          ErrorCode.CONTRACT_ALREADY_RENEWED,
          `The contract already has the renewal ${existing.id}`,
          { renewalId: existing.id },
        );
      const [original] = await this.withDetails(em, [locked]);
      const lines = original.lines ?? [];
      const startsOn = input.startsOn ?? addDays(original.endsOn, 1);
      const endsOn = input.endsOn ?? addDays(startsOn, daysBetween(original.startsOn, original.endsOn));
      const today = await this.sellerToday(em, original);
      // Known before the insert: a routing decision names the renewal it decided.
      const renewalId = randomUUID();
      let seller: Pick<CreateContractDto, 'vendorId' | 'repId' | 'salesUnitId' | 'credits'>;
      let ownerDecision: string;
      const keep = original.vendorId ? await this.sellerStillFits(em, original, lines, today) : true;
      if (keep) {
        seller = {
          vendorId: original.vendorId ?? undefined,
          repId: original.repId ?? undefined,
          salesUnitId: original.vendorId ? undefined : (original.salesUnitId ?? undefined),
          credits: (original.credits ?? []).map((c) => ({
            repId: c.repId ?? undefined,
            vendorId: c.repId ? undefined : (c.vendorId ?? undefined),
            salesUnitId: c.vendorId ? undefined : (c.salesUnitId ?? undefined),
            shareBps: c.shareBps,
          })),
        };
        ownerDecision = `Original seller kept: still active and in scope on ${today}`;
      } else {
        // The routing engine picks another eligible vendor's rep, else the internal team keeps the renewal.
        const customer = original.customerId
          ? await this.customers.getCustomerInScope(em, original.customerId, DataScope.companyWide())
          : null;
        const routed = await this.routing.routeRenewal(
          em,
          {
            contractId: renewalId,
            regionCode: original.regionCode,
            industryCode: original.industryCode,
            productLineIds: [
              ...new Set(lines.flatMap((line) => line.productLineShares.map((share) => share.productLineId))),
            ],
            keyAccount: customer?.keyAccountClass === 'A',
          },
          new Date(),
          actor,
        );
        seller = routed.repId ? { repId: routed.repId } : { salesUnitId: original.salesUnitId ?? undefined };
        ownerDecision = `The vendor ${original.vendorId} is no longer active or in scope on ${today}; ${
          routed.repId
            ? `renewal routed to rep ${routed.repId} of vendor ${routed.vendorId}`
            : 'renewal handed to the internal team'
        } (${routed.explanation})`;
      }
      const prepared = await this.prepare(
        em,
        {
          customerId: original.customerId ?? undefined,
          ...seller,
          currency: original.currency,
          startsOn,
          endsOn,
          paymentTermsDays: original.paymentTermsDays ?? undefined,
          reviewCycle: original.reviewCycle ?? undefined,
          regionCode: original.regionCode ?? undefined,
          industryCode: original.industryCode ?? undefined,
          lines: lines.map((line) => ({
            productId: line.productId ?? undefined,
            bundleId: line.bundleId ?? undefined,
            quantity: line.quantity,
            ...(input.pricing === 'previous'
              ? { unitPriceMinor: line.unitPriceMinor, discountBps: line.discountBps }
              : {}),
          })),
        },
        DataScope.companyWide(),
      );
      // the renewal's owner sees the customer's latest health until the renewal has a review of its own
      const renewal = await this.insert(em, prepared, {
        id: renewalId,
        renewalOfId: id,
        ownerDecision,
        health: original.health,
      });
      await this.audit.record(em, actor, {
        entityType: 'contract',
        entityId: renewal.id,
        vendorId: renewal.vendorId,
        action: 'create_renewal',
        after: snapshot(renewal),
        reason: ownerDecision,
      });
      return renewal;
    });
  }

  /**
   * For the scheduler: signed or active contracts without a signed renewal whose end falls within their
   * largest tier (global tiers, or the vendor's own), with the tier they are in (the smallest tier not
   * below the days left). Each (contract, tier) is announced once: the first time it is seen a notice is
   * stored and the webhook `contract.expiring` is sent, in the caller's transaction.
   */
  async findExpiringContracts(
    manager: EntityManager,
    today: string,
    tiers: readonly number[],
    tiersByVendor: Record<string, readonly number[]>,
  ): Promise<ExpiringContract[]> {
    const maxTier = Math.max(...tiers, ...Object.values(tiersByVendor).flat());
    const rows: ExpiringContract[] = await manager.query(
      `WITH c AS (
         SELECT c.id, c.vendor_id, c.rep_id, c.customer_id, c.ends_on, (c.ends_on - $1::date) AS days_left,
                COALESCE((SELECT array_agg(x::int) FROM jsonb_array_elements_text($3::jsonb -> c.vendor_id::text) x),
                         $2::int[]) AS tiers
           FROM contracts c
          WHERE c.status IN ('signed', 'active') AND c.ends_on >= $1::date AND c.ends_on <= $1::date + $4::int
            AND NOT EXISTS (SELECT 1 FROM contracts r WHERE r.renewal_of_id = c.id
                              AND r.status IN ('signed', 'active', 'fulfilled', 'expired')))
       SELECT id, vendor_id AS "vendorId", rep_id AS "repId", customer_id AS "customerId",
              to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", days_left AS "daysLeft",
              (SELECT min(t) FROM unnest(tiers) t WHERE t >= days_left) AS "tierDays"
         FROM c`,
      [today, [...tiers], JSON.stringify(tiersByVendor), maxTier],
    );
    const due = rows.filter((row) => row.tierDays !== null);
    if (due.length === 0) return [];
    const fresh: { contract_id: string; tier_days: number }[] = await manager.query(
      `INSERT INTO contract_expiry_notices (contract_id, tier_days, ends_on)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::date[])
       ON CONFLICT (contract_id, tier_days) DO NOTHING RETURNING contract_id, tier_days`,
      [due.map((r) => r.id), due.map((r) => r.tierDays), due.map((r) => r.endsOn)],
    );
    const freshIds = new Set(fresh.map((row) => row.contract_id));
    await this.outbox.publish(
      manager,
      due
        .filter((row) => freshIds.has(row.id))
        .map((row) => ({
          eventType: 'contract.expiring' as const,
          vendorId: row.vendorId,
          payload: {
            contractId: row.id,
            endsOn: row.endsOn,
            daysLeft: row.daysLeft,
            // Rows without a tier were filtered out above.
            tierDays: row.tierDays!,
          } satisfies ContractExpiringEventData,
        })),
    );
    return due.map((row) => ({ ...row, newlyAnnounced: freshIds.has(row.id) }));
  }

  /** Refuses (422 CONTRACT_UNKNOWN naming `field`) when any id names no contract; other modules' references. */
  async assertContractsExist(
    manager: EntityManager,
    ids: readonly string[],
    field = 'contractId',
  ): Promise<void> {
    const missing = await missingIds(manager, 'contracts', ids);
    if (missing.length)
      throw new DomainException(
        ErrorCode.CONTRACT_UNKNOWN,
        `Unknown contract ids: ${missing.join(', ')}`,
        missing.map((id) => ({ field, message: `contract ${id} does not exist` })),
      );
  }

  countOpenContracts(manager: EntityManager): Promise<number> {
    return manager
      .query(`SELECT count(*)::int AS n FROM contracts WHERE status IN ('signed', 'active')`)
      .then((rows: { n: number }[]) => rows[0].n);
  }

  private async sellerStillFits(
    em: EntityManager,
    contract: Contract,
    lines: ContractLine[],
    on: string,
  ): Promise<boolean> {
    try {
      await this.checkSellerScope(em, { ...contract, scopeExceptionReason: null }, lines, on);
      return true;
    } catch (error) {
      if (error instanceof DomainException && String(error.code) === String(ErrorCode.CONTRACT_OUT_OF_SCOPE))
        return false;
      throw error;
    }
  }

  // ---- the steps ----

  private async sign(
    em: EntityManager,
    contract: Contract,
    input: SignContractDto,
    actor: Principal,
  ): Promise<Contract> {
    if (contract.status === ContractStatus.PENDING_APPROVAL)
      throw DomainException.of(
        ErrorCode.CONTRACT_APPROVAL_REQUIRED,
        'A line is below its floor price: a sales manager must approve the contract before it is signed',
      );
    if (contract.status !== ContractStatus.DRAFT)
      throw DomainException.of(
        ErrorCode.CONTRACT_STATUS_TRANSITION_INVALID,
        `A contract cannot be signed from ${contract.status}`,
        { from: contract.status, to: ContractStatus.SIGNED },
      );
    const [detailed] = await this.withDetails(em, [contract]);
    const lines = detailed.lines ?? [];
    if (lines.some((line) => line.belowFloor) && contract.approval !== ContractApproval.APPROVED)
      throw DomainException.of(
        ErrorCode.CONTRACT_APPROVAL_REQUIRED,
        'A line is below its floor price and the contract has no approval',
      );
    const signedOn = input.signedOn ?? (await this.sellerToday(em, contract));
    await this.checkSellerScope(em, contract, lines, signedOn);

    const set: Partial<Contract> = {
      status: ContractStatus.SIGNED,
      signedOn,
      signedAt: new Date(),
      winFactors: input.winFactors ?? contract.winFactors,
      dealSummary: input.dealSummary ?? contract.dealSummary,
      version: contract.version + 1,
    };
    const events: OutboxEvent[] = [];
    if (contract.leadId) {
      // The leads module publishes lead.status_changed, lead.won and customer.created with the win.
      const { lead } = await this.leads.winLeadForContract(
        em,
        contract.leadId,
        actor,
        `Won by contract ${contract.id}`,
        contract.id,
      );
      set.customerId = contract.customerId ?? lead.customerId;
      set.cycleDays = Math.max(
        0,
        Math.round(
          (Date.parse(`${signedOn}T00:00:00Z`) - Date.parse(`${utcDay(lead.createdAt)}T00:00:00Z`)) /
            MS_PER_DAY,
        ),
      );
      set.touchesBeforeWin = lead.touchCount;
      set.callReportsBeforeWin = await this.callReports.countCallReportsForLead(em, lead.id);
    }
    if (!(set.customerId ?? contract.customerId))
      throw unprocessable(
        ErrorCode.CONTRACT_CUSTOMER_REQUIRED,
        'A contract is signed with a customer or a lead',
        [{ field: 'customerId', message: 'is required to sign' }],
      );
    await em.update(Contract, { id: contract.id }, set);
    await this.facts.refreshContractFacts(em, [contract.id]);
    const signed = await this.getContract(contract.id, DataScope.companyWide(), em);
    events.unshift({
      eventType: 'contract.signed',
      vendorId: signed.vendorId,
      payload: {
        contractId: signed.id,
        customerId: signed.customerId,
        signedOn,
        currency: signed.currency,
        totalMinor: signed.totalMinor,
      } satisfies ContractSignedEventData,
    });
    await this.outbox.publish(em, events);
    await this.audit.record(em, actor, {
      entityType: 'contract',
      entityId: signed.id,
      vendorId: signed.vendorId,
      action: 'sign',
      before: { status: contract.status },
      after: { status: signed.status, signedOn },
    });
    return signed;
  }

  private async move(
    em: EntityManager,
    contract: Contract,
    input: ChangeContractStatusDto,
    actor: Principal,
  ): Promise<Contract> {
    const to = input.status;
    const manual = [
      ContractStatus.ACTIVE,
      ContractStatus.FULFILLED,
      ContractStatus.EXPIRED,
      ContractStatus.TERMINATED,
    ];
    if (!manual.includes(to) || !isLegalContractMove(contract.status, to))
      throw DomainException.of(
        ErrorCode.CONTRACT_STATUS_TRANSITION_INVALID,
        `A contract cannot move from ${contract.status} to ${to}`,
        { from: contract.status, to },
      );
    const set: Partial<Contract> = {
      status: to,
      statusReason: input.reason ?? null,
      version: contract.version + 1,
    };
    if (to === ContractStatus.TERMINATED)
      set.terminatedOn = input.effectiveOn ?? (await this.sellerToday(em, contract));
    await em.update(Contract, { id: contract.id }, set);
    await this.facts.refreshContractFacts(em, [contract.id]);
    await this.outbox.publish(em, [
      {
        eventType: 'contract.status_changed',
        vendorId: contract.vendorId,
        payload: {
          contractId: contract.id,
          from: contract.status,
          to,
          reason: input.reason ?? null,
        } satisfies ContractStatusChangedEventData,
      },
    ]);
    await this.audit.record(em, actor, {
      entityType: 'contract',
      entityId: contract.id,
      vendorId: contract.vendorId,
      action: 'status_change',
      before: { status: contract.status },
      after: { status: to, terminatedOn: set.terminatedOn ?? null },
      reason: input.reason ?? null,
    });
    return this.getContract(contract.id, DataScope.companyWide(), em);
  }

  /** The seller's effective scope on the signature day must hold every product line sold, or an exception. */
  private async checkSellerScope(
    em: EntityManager,
    contract: Contract,
    lines: ContractLine[],
    on: string,
  ): Promise<void> {
    if (!contract.vendorId || contract.scopeExceptionReason) return;
    const [effective] = await this.vendors.getEffectiveScopes(em, [contract.vendorId], on);
    const covered = new Set(effective?.routable ? effective.productLineIds : []);
    const sold = [...new Set(lines.flatMap((line) => line.productLineShares.map((s) => s.productLineId)))];
    const outside = sold.filter((line) => !covered.has(line));
    if (outside.length)
      throw unprocessable(
        ErrorCode.CONTRACT_OUT_OF_SCOPE,
        `The vendor's scope on ${on} does not cover product line(s) ${outside.join(', ')}; a sales manager may record an exception`,
        outside.map((id) => ({
          field: 'lines',
          message: `product line ${id} is outside the vendor's scope`,
        })),
      );
  }

  private async sellerToday(em: EntityManager, contract: Contract): Promise<string> {
    if (!contract.vendorId) return todayIn('UTC');
    const sellers = await this.vendors.getSellers(em, {
      vendorIds: [contract.vendorId],
      repIds: contract.repId ? [contract.repId] : [],
      salesUnitIds: [],
    });
    return todayIn(sellers.reps[0]?.timezone ?? sellers.vendors[0]?.timezone ?? 'UTC');
  }

  private async lockContract(em: EntityManager, id: string, scope: DataScope): Promise<Contract> {
    const contract = await scope
      .apply(em.getRepository(Contract).createQueryBuilder('contract'), CONTRACT_SCOPE)
      .andWhere('contract.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
    if (!contract) throw DomainException.notFound('Contract', id);
    return contract;
  }

  private async insert(
    em: EntityManager,
    prepared: PreparedContract,
    extra: Partial<Contract>,
  ): Promise<Contract> {
    const saved = await em.save(em.create(Contract, { ...prepared.fields, ...extra }));
    await em.save(prepared.lines.map((line) => em.create(ContractLine, { ...line, contractId: saved.id })));
    await em.save(
      prepared.credits.map((credit) => em.create(ContractCredit, { ...credit, contractId: saved.id })),
    );
    return this.getContract(saved.id, DataScope.companyWide(), em);
  }

  /** Checks every reference and prices every line; throws before anything is written. */
  private async prepare(
    em: EntityManager,
    input: CreateContractDto,
    scope: DataScope,
  ): Promise<PreparedContract> {
    if (input.endsOn < input.startsOn)
      throw unprocessable(ErrorCode.CONTRACT_ENDS_BEFORE_START, 'The contract ends before it starts', [
        { field: 'endsOn', message: 'must not be before startsOn' },
      ]);
    if (!input.customerId && !input.leadId)
      throw DomainException.validation([
        { field: 'customerId', message: 'customerId or leadId is required' },
      ]);
    const lead = input.leadId ? await this.leads.getLeadForContract(em, input.leadId, scope) : null;
    if (input.customerId && !(await this.customers.isCustomerInScope(em, input.customerId, scope)))
      throw unprocessable(ErrorCode.CUSTOMER_UNKNOWN, `Customer ${input.customerId} does not exist`, [
        { field: 'customerId', message: 'customer does not exist' },
      ]);

    // Seller of record: given, else the lead's owner, else the calling rep.
    let repId = input.repId ?? null;
    let vendorId = input.vendorId ?? null;
    const salesUnitInput = input.salesUnitId ?? null;
    if (!repId && !vendorId && !salesUnitInput) {
      repId = lead?.ownerRepId ?? scope.repId;
      vendorId = lead?.vendorId ?? scope.vendorId;
    }
    const creditInputs: ContractCreditInputDto[] = input.credits ?? [
      {
        repId: repId ?? undefined,
        vendorId: vendorId ?? undefined,
        salesUnitId: salesUnitInput ?? undefined,
        shareBps: FULL_SHARE_BPS,
      },
    ];
    const sellers = await this.vendors.getSellers(em, {
      vendorIds: [vendorId, ...creditInputs.map((c) => c.vendorId)].filter((id): id is string => !!id),
      repIds: [repId, ...creditInputs.map((c) => c.repId)].filter((id): id is string => !!id),
      salesUnitIds: [salesUnitInput, ...creditInputs.map((c) => c.salesUnitId)].filter(
        (id): id is string => !!id,
      ),
    });
    const repById = new Map(sellers.reps.map((rep) => [rep.id, rep]));
    const vendorById = new Map(sellers.vendors.map((vendor) => [vendor.id, vendor]));
    const unitIds = new Set(sellers.salesUnits.map((unit) => unit.id));
    const resolve = (
      given: { repId?: string | null; vendorId?: string | null; salesUnitId?: string | null },
      field: string,
    ): { vendorId: string | null; repId: string | null; salesUnitId: string | null } => {
      const fail = (message: string) =>
        unprocessable(ErrorCode.CONTRACT_SELLER_INVALID, `Invalid seller: ${message}`, [{ field, message }]);
      if (given.repId) {
        const rep = repById.get(given.repId);
        if (!rep) throw fail(`rep ${given.repId} does not exist`);
        if (given.vendorId && given.vendorId !== rep.vendorId)
          throw fail('the rep belongs to another vendor');
        const vendor = vendorById.get(rep.vendorId);
        return { vendorId: rep.vendorId, repId: rep.id, salesUnitId: vendor?.salesUnitId ?? null };
      }
      if (given.vendorId) {
        const vendor = vendorById.get(given.vendorId);
        if (!vendor) throw fail(`vendor ${given.vendorId} does not exist`);
        return { vendorId: vendor.id, repId: null, salesUnitId: vendor.salesUnitId };
      }
      if (given.salesUnitId) {
        if (!unitIds.has(given.salesUnitId)) throw fail(`sales unit ${given.salesUnitId} does not exist`);
        return { vendorId: null, repId: null, salesUnitId: given.salesUnitId };
      }
      throw fail('name a rep, a vendor or an internal sales unit');
    };
    const seller = resolve({ repId, vendorId, salesUnitId: salesUnitInput }, repId ? 'repId' : 'vendorId');
    if (!scope.canSeeRow(seller.vendorId, seller.repId)) throw DomainException.notFound('Seller');
    if (seller.vendorId && vendorById.get(seller.vendorId)?.status === VendorStatus.TERMINATED)
      throw unprocessable(ErrorCode.CONTRACT_SELLER_INVALID, 'The vendor is terminated', [
        { field: 'vendorId', message: 'vendor is terminated' },
      ]);
    const credits = creditInputs.map((credit, index) => ({
      ...resolve(credit, `credits.${index}`),
      shareBps: credit.shareBps,
    }));
    const shareSum = credits.reduce((sum, credit) => sum + credit.shareBps, 0);
    if (shareSum !== FULL_SHARE_BPS)
      throw unprocessable(
        ErrorCode.CONTRACT_CREDITS_INVALID,
        `Credit shares add up to ${shareSum} bps, not 10000`,
        [{ field: 'credits', message: 'shares must add up to 10000 bps (100 %)' }],
      );
    const creditKeys = credits.map((c) => `${c.vendorId}/${c.repId}/${c.salesUnitId}`);
    if (new Set(creditKeys).size !== creditKeys.length)
      throw unprocessable(ErrorCode.CONTRACT_CREDITS_INVALID, 'A seller is credited twice', [
        { field: 'credits', message: 'each seller at most once' },
      ]);

    // Lines: exactly one of product and bundle, known, in the contract's currency.
    const fieldErrors: FieldError[] = [];
    input.lines.forEach((line, index) => {
      if (!line.productId === !line.bundleId)
        fieldErrors.push({ field: `lines.${index}`, message: 'name exactly one of productId and bundleId' });
    });
    if (fieldErrors.length) throw DomainException.validation(fieldErrors);
    const items = await this.catalog.getSellableItems(
      em,
      input.lines.flatMap((line) => (line.productId ? [line.productId] : [])),
      input.lines.flatMap((line) => (line.bundleId ? [line.bundleId] : [])),
    );
    const products = new Map(items.products.map((p) => [p.id, p]));
    const bundles = new Map(items.bundles.map((b) => [b.id, b]));
    const lines = input.lines.map((line, index) => {
      const product = line.productId ? products.get(line.productId) : undefined;
      const bundle = line.bundleId ? bundles.get(line.bundleId) : undefined;
      if (line.productId && !product)
        throw unprocessable(ErrorCode.PRODUCT_UNKNOWN, `Unknown product ${line.productId}`, [
          { field: `lines.${index}.productId`, message: 'product does not exist' },
        ]);
      if (line.bundleId && !bundle)
        throw unprocessable(ErrorCode.BUNDLE_UNKNOWN, `Unknown bundle ${line.bundleId}`, [
          { field: `lines.${index}.bundleId`, message: 'bundle does not exist' },
        ]);
      const currency = product?.currency ?? bundle!.currency;
      if (currency !== input.currency)
        throw unprocessable(
          ErrorCode.CONTRACT_CURRENCY_MISMATCH,
          `Line ${index} is priced in ${currency}, the contract in ${input.currency}`,
          [{ field: `lines.${index}`, message: `is priced in ${currency}, not ${input.currency}` }],
        );
      const unitList = product ? product.listPriceMinor : bundle!.priceMinor;
      const unitFloor = product ? product.floorPriceMinor : bundle!.floorSumMinor;
      const unitPrice = line.unitPriceMinor ?? unitList;
      const discountBps = line.discountBps ?? 0;
      const total = lineTotalMinor(line.quantity, unitPrice, discountBps);
      return {
        position: index,
        productId: line.productId ?? null,
        bundleId: line.bundleId ?? null,
        productLineShares: product
          ? [{ productLineId: product.productLineId, weight: 1 }]
          : bundle!.members.map((m) => ({ productLineId: m.productLineId, weight: m.weight })),
        quantity: line.quantity,
        unitPriceMinor: unitPrice,
        discountBps,
        lineTotalMinor: total,
        unitFloorMinor: unitFloor,
        unitListMinor: unitList,
        belowFloor: isBelowFloor(line.quantity, total, unitFloor),
      };
    });
    const belowFloor = lines.some((line) => line.belowFloor);
    return {
      lead,
      lines,
      credits,
      fields: {
        customerId: input.customerId ?? lead?.customerId ?? null,
        leadId: input.leadId ?? null,
        vendorId: seller.vendorId,
        repId: seller.repId,
        salesUnitId: seller.salesUnitId,
        status: belowFloor ? ContractStatus.PENDING_APPROVAL : ContractStatus.DRAFT,
        approval: belowFloor ? ContractApproval.PENDING : ContractApproval.NOT_REQUIRED,
        currency: input.currency,
        totalMinor: lines.reduce((sum, line) => sum + line.lineTotalMinor, 0),
        listTotalMinor: lines.reduce((sum, line) => sum + line.unitListMinor * line.quantity, 0),
        paymentTermsDays: input.paymentTermsDays ?? null,
        reviewCycle: input.reviewCycle ?? null,
        regionCode: input.regionCode ?? lead?.regionCode ?? null,
        industryCode: input.industryCode ?? lead?.industryCode ?? null,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
      },
    };
  }

  /** Lines and credits of a page of contracts, two queries. */
  private async withDetails(em: EntityManager, contracts: Contract[]): Promise<Contract[]> {
    if (contracts.length === 0) return [];
    const ids = contracts.map((c) => c.id);
    const lines = await em.find(ContractLine, { where: { contractId: In(ids) }, order: { position: 'ASC' } });
    const credits = await em.find(ContractCredit, {
      where: { contractId: In(ids) },
      order: { shareBps: 'DESC', createdAt: 'ASC' },
    });
    for (const contract of contracts) {
      contract.lines = lines.filter((line) => line.contractId === contract.id);
      contract.credits = credits.filter((credit) => credit.contractId === contract.id);
    }
    return contracts;
  }
}

/** A contract inside its renewal window, as the expiring-contracts check sees it. */
export interface ExpiringContract {
  id: string;
  vendorId: string | null;
  repId: string | null;
  customerId: string | null;
  endsOn: string;
  daysLeft: number;
  tierDays: number | null;
  /** First time this tier is seen: the `contract.expiring` webhook went out now. */
  newlyAnnounced?: boolean;
}

function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function snapshot(contract: Contract): object {
  return {
    ...contract,
    lines: (contract.lines ?? []).map(
      ({ position, productId, bundleId, quantity, unitPriceMinor, discountBps, lineTotalMinor }) => ({
        position,
        productId,
        bundleId,
        quantity,
        unitPriceMinor,
        discountBps,
        lineTotalMinor,
      }),
    ),
    credits: (contract.credits ?? []).map(({ vendorId, repId, salesUnitId, shareBps }) => ({
      vendorId,
      repId,
      salesUnitId,
      shareBps,
    })),
  };
}

/** A replayed ERP push of a signed contract: same currency, lines and credits. */
function sameDeal(contract: Contract, prepared: PreparedContract): boolean {
  const lineKey = (l: {
    productId: string | null;
    bundleId: string | null;
    quantity: number;
    unitPriceMinor: number;
    discountBps: number;
  }) => `${l.productId}|${l.bundleId}|${l.quantity}|${l.unitPriceMinor}|${l.discountBps}`;
  const creditKey = (c: {
    vendorId: string | null;
    repId: string | null;
    salesUnitId: string | null;
    shareBps: number;
  }) => `${c.vendorId}|${c.repId}|${c.salesUnitId}|${c.shareBps}`;
  return (
    contract.currency === prepared.fields.currency &&
    (contract.lines ?? []).map(lineKey).join(',') === prepared.lines.map(lineKey).join(',') &&
    (contract.credits ?? []).map(creditKey).sort().join(',') ===
      prepared.credits.map(creditKey).sort().join(',')
  );
}
