import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { DataScope } from '../../common/auth/data-scope';
import { Principal } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { BOOKED_STATUSES } from './contract-status';
import { Contract, ContractFulfilmentReview } from './contract.entity';
import { ContractStatus, ReviewCycle } from './contract.enums';
import { CreateFulfilmentReviewDto } from './contract-fulfilment-reviews.dto';
import { ContractsService } from './contracts.service';
import { REVIEW_CYCLE_MONTHS_SQL } from './fulfilment-review-cycle.rules';

/** A contract whose cycle's next review day has come without a review (for the scheduler). */
export interface FulfilmentReviewDue {
  contractId: string;
  vendorId: string | null;
  repId: string | null;
  reviewCycle: ReviewCycle;
  /** The last day of the latest reviewed period, null before the first review. */
  lastReviewedTo: string | null;
  dueOn: string;
  daysOverdue: number;
}

/** Contracts under review: signed or active (fulfilled, expired and terminated ones are not reviewed). */
const REVIEWED_STATUSES = [ContractStatus.SIGNED, ContractStatus.ACTIVE];

/**
 * Fulfilment reviews of a contract on its review cycle. The latest review (by reviewed period) sets the
 * contract's `health`. Reads and writes follow the contract's scope.
 */
@Injectable()
export class ContractFulfilmentReviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contracts: ContractsService,
    private readonly audit: AuditService,
  ) {}

  async listReviews(contractId: string, scope: DataScope): Promise<ContractFulfilmentReview[]> {
    await this.contracts.getContract(contractId, scope);
    return this.dataSource.getRepository(ContractFulfilmentReview).find({
      where: { contractId },
      order: { periodTo: 'DESC', createdAt: 'DESC', id: 'DESC' },
    });
  }

  /**
   * Records a review of a signed contract (else 409 CONTRACT_STATUS_TRANSITION_INVALID). A period ending
   * before it starts, or a value without its currency (or the other way round), is 422
   * FULFILMENT_REVIEW_INVALID naming the field; nothing is written.
   */
  createReviewForRequest(
    contractId: string,
    input: CreateFulfilmentReviewDto,
    scope: DataScope,
    actor: Principal,
  ): Promise<ContractFulfilmentReview> {
    return this.dataSource.transaction(async (em) => {
      const contract = await this.contracts.getContract(contractId, scope, em);
      await em.query(`SELECT 1 FROM contracts WHERE id = $1 FOR UPDATE`, [contractId]);
      if (input.periodTo < input.periodFrom)
        throw new DomainException(ErrorCode.FULFILMENT_REVIEW_INVALID, 'The period ends before it starts', [
          { field: 'periodTo', message: 'must not be before periodFrom' },
        ]);
      if ((input.valueMinor === undefined) !== (input.valueCurrency === undefined))
        throw new DomainException(
          ErrorCode.FULFILMENT_REVIEW_INVALID,
          'The value for the customer needs both an amount and a currency',
          [
            {
              field: input.valueMinor === undefined ? 'valueMinor' : 'valueCurrency',
              message: 'is required',
            },
          ],
        );
      if (!(BOOKED_STATUSES as string[]).includes(contract.status))
        throw DomainException.of(
          ErrorCode.CONTRACT_STATUS_TRANSITION_INVALID,
          `The contract is ${contract.status}; fulfilment is reviewed on signed contracts`,
        );
      const review = await em.save(
        em.create(ContractFulfilmentReview, {
          contractId,
          periodFrom: input.periodFrom,
          periodTo: input.periodTo,
          usageNotes: input.usageNotes ?? null,
          servicesDelivered: input.servicesDelivered ?? null,
          valueMinor: input.valueMinor ?? null,
          valueCurrency: input.valueCurrency ?? null,
          health: input.health,
          nextSteps: input.nextSteps ?? null,
          reviewerId: actor.subjectId,
          reviewerName: actor.name,
        }),
      );
      await this.refreshHealth(em, [contractId]);
      await this.audit.record(em, actor, {
        entityType: 'contract_fulfilment_review',
        entityId: review.id,
        vendorId: contract.vendorId,
        action: 'create',
        after: review,
      });
      return review;
    });
  }

  /** Sets each contract's health from its latest review (latest period end, then latest recorded). */
  private async refreshHealth(em: EntityManager, contractIds: string[]): Promise<void> {
    await em
      .createQueryBuilder()
      .update(Contract)
      .set({
        health: () =>
          `(SELECT r.health FROM contract_fulfilment_reviews r WHERE r.contract_id = contracts.id
             ORDER BY r.period_to DESC, r.created_at DESC, r.id DESC LIMIT 1)`,
      })
      .where('id IN (:...contractIds)', { contractIds })
      .execute();
  }

  // ---- for the scheduler (set-based, in the caller's transaction) ----

  /**
   * Signed or active contracts with a review cycle whose next review day (one cycle after the day
   * following the latest reviewed period, or after the start) is on or before `today`: one query.
   */
  findReviewsDue(manager: EntityManager, today: string): Promise<FulfilmentReviewDue[]> {
    return manager.query(
      `SELECT c.id AS "contractId", c.vendor_id AS "vendorId", c.rep_id AS "repId",
              c.review_cycle AS "reviewCycle", to_char(r.last_to, 'YYYY-MM-DD') AS "lastReviewedTo",
              to_char(d.due_on, 'YYYY-MM-DD') AS "dueOn", ($1::date - d.due_on)::int AS "daysOverdue"
         FROM contracts c
         LEFT JOIN LATERAL (SELECT max(period_to) AS last_to FROM contract_fulfilment_reviews
                             WHERE contract_id = c.id) r ON true
        CROSS JOIN LATERAL (SELECT (COALESCE(r.last_to + 1, c.starts_on)
                                    + make_interval(months => ${REVIEW_CYCLE_MONTHS_SQL}))::date AS due_on) d
        WHERE c.review_cycle IS NOT NULL AND c.status = ANY($2::text[]) AND d.due_on <= $1::date
        ORDER BY d.due_on, c.id`,
      [today, REVIEWED_STATUSES],
    );
  }

  countReviewedContracts(manager: EntityManager): Promise<number> {
    return manager
      .query(
        `SELECT count(*)::int AS n FROM contracts WHERE review_cycle IS NOT NULL AND status = ANY($1::text[])`,
        [REVIEWED_STATUSES],
      )
      .then((rows: { n: number }[]) => rows[0].n);
  }
}
