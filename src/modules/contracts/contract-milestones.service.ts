import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { DataScope } from '../../common/auth/data-scope';
import { Principal } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { ContractMilestone, PaymentStatus } from './contract-milestone.entity';
import { CreateMilestoneDto, UpdateMilestoneDto } from './contract-milestones.dto';
import { ContractsService } from './contracts.service';
import { invoicedMinorOf, paymentStatusOf } from './payment-status.rules';

/** Contracts whose milestones count for `milestone_overdue`: signed and not terminated. */
const FULFILLING_STATUSES = `('signed', 'active', 'fulfilled', 'expired')`;

export interface ContractPaymentStatus {
  contractId: string;
  status: PaymentStatus;
  currency: string;
  totalMinor: number;
  invoicedMinor: number;
  paidMinor: number;
  overdueMilestones: number;
  invoicedDueMinor: number;
}

export { paymentStatusOf };

/** A contract with milestones open past their due day (for the scheduler). */
export interface OverdueMilestones {
  contractId: string;
  vendorId: string | null;
  repId: string | null;
  overdueCount: number;
  /** The earliest due day among them and how many days ago it was. */
  firstDueOn: string;
  daysOverdue: number;
  /** Money still due on them, per currency (a contract has one). */
  amountMinor: number;
  currency: string;
}

/**
 * Fulfilment milestones of a contract (delivery, acceptance, invoice, payment): each with an amount in the
 * contract's currency, a due day and the day it was done. Reads and writes follow the contract's scope.
 */
@Injectable()
export class ContractMilestonesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contracts: ContractsService,
    private readonly audit: AuditService,
  ) {}

  async listMilestones(contractId: string, scope: DataScope): Promise<ContractMilestone[]> {
    await this.contracts.getContract(contractId, scope);
    return this.dataSource.getRepository(ContractMilestone).find({
      where: { contractId },
      order: { dueOn: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** A milestone's money is in the contract's currency (else 422 CONTRACT_CURRENCY_MISMATCH naming currency). */
  createMilestoneForRequest(
    contractId: string,
    input: CreateMilestoneDto,
    scope: DataScope,
    actor: Principal,
  ): Promise<ContractMilestone> {
    return this.dataSource.transaction(async (em) => {
      const contract = await this.contracts.getContract(contractId, scope, em);
      if (input.currency !== contract.currency)
        throw new DomainException(
          ErrorCode.CONTRACT_CURRENCY_MISMATCH,
          `The contract is in ${contract.currency}`,
          [{ field: 'currency', message: `must be ${contract.currency}` }],
        );
      const milestone = await em.save(
        em.create(ContractMilestone, {
          contractId,
          kind: input.kind,
          amountMinor: input.amountMinor,
          currency: input.currency,
          dueOn: input.dueOn,
          doneOn: input.doneOn ?? null,
          note: input.note ?? null,
        }),
      );
      await this.audit.record(em, actor, {
        entityType: 'contract_milestone',
        entityId: milestone.id,
        vendorId: contract.vendorId,
        action: 'create',
        after: milestone,
      });
      return milestone;
    });
  }

  /** Marks a milestone done (or reopens it with doneOn null), moves its due day or changes its note. */
  updateMilestoneForRequest(
    contractId: string,
    milestoneId: string,
    input: UpdateMilestoneDto,
    scope: DataScope,
    actor: Principal,
  ): Promise<ContractMilestone> {
    return this.dataSource.transaction(async (em) => {
      const contract = await this.contracts.getContract(contractId, scope, em);
      const milestone = await em
        .getRepository(ContractMilestone)
        .createQueryBuilder('m')
        .where('m.id = :milestoneId AND m.contract_id = :contractId', { milestoneId, contractId })
        .setLock('pessimistic_write')
        .getOne();
      if (!milestone) throw DomainException.notFound('Milestone', milestoneId);
      const before = { ...milestone };
      if (input.dueOn !== undefined) milestone.dueOn = input.dueOn;
      if (input.doneOn !== undefined) milestone.doneOn = input.doneOn;
      if (input.note !== undefined) milestone.note = input.note;
      const saved = await em.save(milestone);
      await this.audit.record(em, actor, {
        entityType: 'contract_milestone',
        entityId: saved.id,
        vendorId: contract.vendorId,
        action: 'update',
        before,
        after: saved,
      });
      return saved;
    });
  }

  /** The contract's payment status on `today` (UTC by default). */
  async getPaymentStatus(
    contractId: string,
    scope: DataScope,
    today: string,
  ): Promise<ContractPaymentStatus> {
    const contract = await this.contracts.getContract(contractId, scope);
    const [row]: {
      milestoneInvoiced: number;
      invoiced: number;
      invoicedDue: number;
      paid: number;
      overdue: number;
    }[] = await this.dataSource.query(
      `SELECT (SELECT COALESCE(sum(amount_minor), 0)::float8 FROM contract_milestones
                  WHERE contract_id = $1 AND kind = 'invoice' AND done_on IS NOT NULL) AS "milestoneInvoiced",
                (SELECT COALESCE(sum(amount_minor), 0)::float8 FROM contract_invoices
                  WHERE contract_id = $1) AS invoiced,
                (SELECT COALESCE(sum(amount_minor), 0)::float8 FROM contract_invoices
                  WHERE contract_id = $1 AND due_on < $2::date) AS "invoicedDue",
                (SELECT COALESCE(sum(CASE kind WHEN 'refund' THEN -amount_minor ELSE amount_minor END), 0)::float8
                   FROM contract_payments WHERE contract_id = $1) AS paid,
                (SELECT count(*)::int FROM contract_milestones
                  WHERE contract_id = $1 AND kind IN ('invoice', 'payment') AND done_on IS NULL
                    AND due_on < $2::date) AS overdue`,
      [contractId, today],
    );
    const facts = {
      totalMinor: contract.totalMinor,
      invoicedMinor: invoicedMinorOf(row.invoiced, row.milestoneInvoiced),
      paidMinor: row.paid,
      overdueMilestones: row.overdue,
      invoicedDueMinor: row.invoicedDue,
    };
    return { contractId, currency: contract.currency, status: paymentStatusOf(facts), ...facts };
  }

  // ---- for the scheduler (set-based, in the caller's transaction) ----

  /** Signed, not terminated contracts with milestones open past their due day, one row per contract. */
  findOverdueMilestones(manager: EntityManager, today: string): Promise<OverdueMilestones[]> {
    return manager.query(
      `SELECT c.id AS "contractId", c.vendor_id AS "vendorId", c.rep_id AS "repId",
              count(*)::int AS "overdueCount", to_char(min(m.due_on), 'YYYY-MM-DD') AS "firstDueOn",
              ($1::date - min(m.due_on))::int AS "daysOverdue",
              sum(m.amount_minor)::float8 AS "amountMinor", c.currency
         FROM contract_milestones m JOIN contracts c ON c.id = m.contract_id
        WHERE m.done_on IS NULL AND m.due_on < $1::date AND c.status IN ${FULFILLING_STATUSES}
        GROUP BY c.id
        ORDER BY min(m.due_on), c.id`,
      [today],
    );
  }

  countOpenMilestones(manager: EntityManager): Promise<number> {
    return manager
      .query(`SELECT count(*)::int AS n FROM contract_milestones WHERE done_on IS NULL`)
      .then((rows: { n: number }[]) => rows[0].n);
  }
}
