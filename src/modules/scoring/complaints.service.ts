import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { DataScope } from '../../common/auth/data-scope';
import type { Principal } from '../../common/auth/role';
import { CalendarService } from '../../common/calendar/calendar.service';
import { addDays, localDateIn, WorkingCalendar } from '../../common/calendar/working-days';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { type Page, paginate } from '../../common/pagination/pagination';
import { UsersService } from '../auth/users.service';
import { ContractsService } from '../contracts/contracts.service';
import { CustomersService } from '../leads/leads.published';
import { VendorsService } from '../vendors/vendors.service';
import {
  complaintDeadline,
  ComplaintStatus,
  DEFAULT_COMPLAINT_RESPONSE_WORKING_DAYS,
  deadlineHorizonDays,
  isLegalComplaintMove,
  nextComplaintStatus,
} from './complaint.rules';
import { Complaint, ComplaintSettingsRow } from './complaint.entity';
import { updateSingletonSettings } from '../../common/http/singleton-settings';
import { addOfficeHours } from '../../common/calendar/office-hours';
import { assertOwner } from './owner-check';
import type {
  ChangeComplaintStatusDto,
  ComplaintSettingsInputDto,
  CreateComplaintDto,
  ListComplaintsQuery,
} from './complaints.dto';

/** Complaints follow their contract's scope: the vendor's manager sees its own, a rep those of their contracts. */
const COMPLAINT_SCOPE = { vendor: 'complaint.vendor_id', rep: 'complaint.rep_id' };

/** An unresolved complaint past its deadline (for the scheduler). */
export interface OverdueComplaint {
  complaintId: string;
  customerId: string;
  contractId: string | null;
  vendorId: string | null;
  repId: string | null;
  category: string;
  deadlineAt: Date;
  hoursOverdue: number;
}

/** Complaints received per vendor and rep (rep null: not tied to a contract with a rep). */
export interface ComplaintFacts {
  vendorId: string;
  repId: string | null;
  complaints: number;
}

@Injectable()
export class ComplaintsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly contracts: ContractsService,
    private readonly customers: CustomersService,
    private readonly vendors: VendorsService,
    private readonly users: UsersService,
    private readonly calendar: CalendarService,
  ) {}

  // ---- settings ----

  async getComplaintSettings(em: EntityManager = this.dataSource.manager): Promise<ComplaintSettingsRow> {
    const row = await em.getRepository(ComplaintSettingsRow).findOneBy({ singleton: true });
    return (
      row ??
      em.create(ComplaintSettingsRow, {
        singleton: true,
        responseWorkingDays: DEFAULT_COMPLAINT_RESPONSE_WORKING_DAYS,
        responseWorkingHours: null,
        version: 1,
      })
    );
  }

  /** Changes the response deadline of complaints recorded from now on (open ones keep theirs). Audited. */
  updateComplaintSettings(input: ComplaintSettingsInputDto, actor: Principal): Promise<ComplaintSettingsRow> {
    return this.dataSource.transaction((em) =>
      updateSingletonSettings(em, ComplaintSettingsRow, {
        defaults: { responseWorkingDays: DEFAULT_COMPLAINT_RESPONSE_WORKING_DAYS },
        expectedVersion: undefined,
        change: () => ({
          responseWorkingDays: input.responseWorkingDays,
          responseWorkingHours: input.responseWorkingHours ?? null,
        }),
        snapshot: (row) => ({
          responseWorkingDays: row.responseWorkingDays,
          responseWorkingHours: row.responseWorkingHours,
        }),
        audit: this.audit,
        actor,
        entityType: 'complaint_settings',
      }),
    );
  }

  // ---- complaints ----

  /**
   * Records a complaint: the customer (and the contract, when named) must be inside the caller's scope;
   * the contract's vendor and rep, else the customer's vendor, become the complaint's scope. The deadline
   * is the setting's working days on in the seller's calendar and time zone.
   */
  createComplaint(input: CreateComplaintDto, scope: DataScope, actor: Principal): Promise<Complaint> {
    return this.dataSource.transaction(async (em) => {
      const customer = await this.customers.getCustomerInScope(em, input.customerId, scope);
      let vendorId = customer.vendorId;
      let repId: string | null = null;
      if (input.contractId) {
        const contract = await this.contracts.getContract(input.contractId, scope, em);
        if (contract.customerId && contract.customerId !== customer.id)
          throw new DomainException(
            ErrorCode.COMPLAINT_CONTRACT_MISMATCH,
            `The contract ${contract.id} belongs to another customer`,
            [{ field: 'contractId', message: 'must be a contract of the customer' }],
          );
        vendorId = contract.vendorId;
        repId = contract.repId;
      }
      await assertOwner(this.users, em, input.ownerUserId, vendorId);
      const receivedAt = input.receivedAt ? new Date(input.receivedAt) : new Date();
      const deadlineAt = await this.deadlineFor(em, vendorId, receivedAt);
      const complaint = await em.save(
        em.create(Complaint, {
          customerId: customer.id,
          contractId: input.contractId ?? null,
          vendorId,
          repId,
          category: input.category,
          description: input.description,
          ownerUserId: input.ownerUserId,
          status: ComplaintStatus.OPEN,
          receivedAt,
          deadlineAt,
          investigatingAt: null,
          resolvedAt: null,
          resolution: null,
        }),
      );
      await this.audit.record(em, actor, {
        entityType: 'complaint',
        entityId: complaint.id,
        vendorId,
        action: 'create',
        after: complaint,
      });
      return complaint;
    });
  }

  listComplaints(query: ListComplaintsQuery, scope: DataScope): Promise<Page<Complaint>> {
    const builder = scope.apply(
      this.dataSource.getRepository(Complaint).createQueryBuilder('complaint'),
      COMPLAINT_SCOPE,
    );
    if (query.status) builder.andWhere('complaint.status = :status', { status: query.status });
    if (query.vendorId) builder.andWhere('complaint.vendor_id = :vendorId', { vendorId: query.vendorId });
    if (query.customerId)
      builder.andWhere('complaint.customer_id = :customerId', { customerId: query.customerId });
    if (query.overdue === true)
      builder.andWhere(`complaint.status <> 'resolved' AND complaint.deadline_at < now()`);
    if (query.overdue === false)
      builder.andWhere(`NOT (complaint.status <> 'resolved' AND complaint.deadline_at < now())`);
    return paginate(
      builder,
      query,
      [
        { expression: 'complaint.created_at', read: (row) => row.createdAt.toISOString() },
        { expression: 'complaint.id', read: (row) => row.id },
      ],
      'DESC',
    );
  }

  async getComplaint(
    id: string,
    scope: DataScope,
    em: EntityManager = this.dataSource.manager,
  ): Promise<Complaint> {
    const complaint = await scope
      .apply(em.getRepository(Complaint).createQueryBuilder('complaint'), COMPLAINT_SCOPE)
      .andWhere('complaint.id = :id', { id })
      .getOne();
    if (!complaint) throw DomainException.notFound('Complaint', id);
    return complaint;
  }

  /** The one legal move: open → investigating → resolved; anything else is 409 COMPLAINT_STATUS_INVALID. */
  changeComplaintStatus(
    id: string,
    input: ChangeComplaintStatusDto,
    scope: DataScope,
    actor: Principal,
  ): Promise<Complaint> {
    return this.dataSource.transaction(async (em) => {
      const complaint = await scope
        .apply(em.getRepository(Complaint).createQueryBuilder('complaint'), COMPLAINT_SCOPE)
        .andWhere('complaint.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!complaint) throw DomainException.notFound('Complaint', id);
      if (!isLegalComplaintMove(complaint.status, input.status)) {
        const next = nextComplaintStatus(complaint.status);
        throw DomainException.of(
          ErrorCode.COMPLAINT_STATUS_INVALID,
          `A complaint that is ${complaint.status} cannot move to ${input.status}` +
            (next ? `; its next status is ${next}` : '; it is closed'),
          { currentStatus: complaint.status, allowed: next ? [next] : [] },
        );
      }
      const before = { ...complaint };
      const now = new Date();
      complaint.status = input.status;
      if (input.status === ComplaintStatus.INVESTIGATING) complaint.investigatingAt = now;
      if (input.status === ComplaintStatus.RESOLVED) complaint.resolvedAt = now;
      if (input.resolution !== undefined) complaint.resolution = input.resolution;
      const saved = await em.save(complaint);
      await this.audit.record(em, actor, {
        entityType: 'complaint',
        entityId: saved.id,
        vendorId: saved.vendorId,
        action: 'update',
        before,
        after: saved,
      });
      return saved;
    });
  }

  /** The seller's calendar (its country's holidays and time zone); the plain weekend for company customers. */
  private async deadlineFor(em: EntityManager, vendorId: string | null, receivedAt: Date): Promise<Date> {
    const { responseWorkingDays, responseWorkingHours } = await this.getComplaintSettings(em);
    const vendor = vendorId ? await this.vendors.getVendor(em, vendorId, DataScope.companyWide()) : null;
    const timezone = vendor?.timezone ?? 'UTC';
    const receivedOn = localDateIn(timezone, receivedAt);
    const calendar = vendor
      ? await this.calendar.calendarFor(
          em,
          vendor.countryCode,
          receivedOn,
          addDays(receivedOn, deadlineHorizonDays(responseWorkingDays, responseWorkingHours)),
        )
      : new WorkingCalendar('ZZ', []);
    if (responseWorkingHours !== null)
      return addOfficeHours(receivedAt, responseWorkingHours, timezone, calendar);
    return complaintDeadline(receivedAt, receivedOn, responseWorkingDays, (day) =>
      calendar.isWorkingDay(day),
    );
  }

  // ---- for the scheduler and the scorecards (set-based, in the caller's transaction) ----

  findOverdueComplaints(manager: EntityManager, asOf: Date): Promise<OverdueComplaint[]> {
    return manager.query(
      `SELECT id AS "complaintId", customer_id AS "customerId", contract_id AS "contractId",
              vendor_id AS "vendorId", rep_id AS "repId", category, deadline_at AS "deadlineAt",
              floor(extract(epoch FROM $1::timestamptz - deadline_at) / 3600)::int AS "hoursOverdue"
         FROM complaints
        WHERE status <> 'resolved' AND deadline_at < $1::timestamptz
        ORDER BY deadline_at, id`,
      [asOf],
    );
  }

  async countOpenComplaints(manager: EntityManager): Promise<number> {
    const [row]: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM complaints WHERE status <> 'resolved'`,
    );
    return row.n;
  }

  /** Complaints received over local dates [from, to), per vendor and rep; company customers' are left out. */
  async getComplaintFacts(manager: EntityManager, from: string, to: string): Promise<ComplaintFacts[]> {
    const rows: { vendor_id: string; rep_id: string | null; complaints: number }[] = await manager.query(
      `SELECT vendor_id, rep_id, count(*)::int AS complaints FROM complaints
        WHERE vendor_id IS NOT NULL AND received_at >= $1::date AND received_at < $2::date
        GROUP BY vendor_id, rep_id`,
      [from, to],
    );
    return rows.map((row) => ({ vendorId: row.vendor_id, repId: row.rep_id, complaints: row.complaints }));
  }

  /** Whether a complaint was recorded after `since` (the scores' due-at gate). */
  async complaintsWrittenSince(manager: EntityManager, since: Date): Promise<boolean> {
    const [row]: { written: boolean }[] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM complaints WHERE created_at > $1) AS written`,
      [since],
    );
    return row.written;
  }
}
