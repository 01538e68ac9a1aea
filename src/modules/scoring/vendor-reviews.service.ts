import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { DataScope } from '../../common/auth/data-scope';
import type { Principal } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { type Page, paginate } from '../../common/pagination/pagination';
import { periodOf } from '../../common/period/period';
import { UsersService } from '../auth/users.service';
import { VendorsService } from '../vendors/vendors.service';
import { assertOwner } from './owner-check';
import { parseScoredPeriod } from './scored-period';
import { ReviewActionItem, VendorReview } from './vendor-review.entity';
import { type ReviewRatings, ReviewActionStatus, reviewScore } from './vendor-review.rules';
import type {
  CreateVendorReviewDto,
  ListVendorReviewsQuery,
  ReviewActionItemInputDto,
  UpdateReviewActionItemDto,
  UpdateVendorReviewDto,
} from './vendor-reviews.dto';

/** Reviews belong to their vendor: its manager reads them, nobody outside sees them (404). */
const REVIEW_SCOPE = { vendor: 'review.vendor_id' };

/** An open action item past its due day (for the scheduler). */
export interface OverdueReviewAction {
  actionItemId: string;
  reviewId: string;
  vendorId: string;
  title: string;
  ownerUserId: string;
  dueOn: string;
  daysOverdue: number;
}

/** The reviews overlapping a scored period, per vendor: how many and the sum of their scores. */
export interface VendorReviewFacts {
  vendorId: string;
  reviews: number;
  scoreTotal: number;
}

@Injectable()
export class VendorReviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly vendors: VendorsService,
    private readonly users: UsersService,
  ) {}

  /**
   * Writes a review of a vendor for a period (the running quarter by default) with its action items,
   * in one transaction. A second review of the same vendor and period is 409 VENDOR_REVIEW_EXISTS.
   */
  createVendorReview(
    input: CreateVendorReviewDto,
    scope: DataScope,
    actor: Principal,
    today: string,
  ): Promise<VendorReview> {
    const period = input.period ? parseScoredPeriod(input.period) : periodOf(today, 'quarter');
    return this.dataSource.transaction(async (em) => {
      const vendor = await this.vendors.getVendor(em, input.vendorId, scope);
      for (const [index, item] of (input.actionItems ?? []).entries())
        await assertOwner(this.users, em, item.ownerUserId, vendor.id, `actionItems.${index}.ownerUserId`);
      const inserted: { id: string }[] = await em.query(
        `INSERT INTO vendor_reviews (vendor_id, period_key, period_kind, period_start, period_end, cooperation,
                                     communication, professionalism, market_feedback, score, comments, reviewed_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (vendor_id, period_key) DO NOTHING RETURNING id`,
        [
          vendor.id,
          period.key,
          period.kind,
          period.start,
          period.end,
          input.cooperation,
          input.communication,
          input.professionalism,
          input.marketFeedback,
          reviewScore(input),
          input.comments ?? null,
          actor.subjectId,
        ],
      );
      if (inserted.length === 0)
        throw DomainException.of(
          ErrorCode.VENDOR_REVIEW_EXISTS,
          `The vendor ${vendor.id} already has a review for ${period.key}`,
        );
      const reviewId = inserted[0].id;
      await this.insertActionItems(em, reviewId, vendor.id, input.actionItems ?? []);
      const review = await this.loadReview(em, reviewId);
      await this.audit.record(em, actor, {
        entityType: 'vendor_review',
        entityId: reviewId,
        vendorId: vendor.id,
        action: 'create',
        after: review,
      });
      return review;
    });
  }

  async listVendorReviews(query: ListVendorReviewsQuery, scope: DataScope): Promise<Page<VendorReview>> {
    const builder = scope.apply(
      this.dataSource.getRepository(VendorReview).createQueryBuilder('review'),
      REVIEW_SCOPE,
    );
    if (query.vendorId) builder.andWhere('review.vendor_id = :vendorId', { vendorId: query.vendorId });
    if (query.period)
      builder.andWhere('review.period_key = :period', { period: parseScoredPeriod(query.period).key });
    const page = await paginate(
      builder,
      query,
      [
        { expression: 'review.period_start', read: (row) => row.periodStart },
        { expression: 'review.id', read: (row) => row.id },
      ],
      'DESC',
    );
    // Action items in a second query: a join under the page's LIMIT would cut rows, not reviews.
    const items = page.data.length
      ? await this.dataSource
          .getRepository(ReviewActionItem)
          .createQueryBuilder('item')
          .where('item.review_id = ANY(:ids::uuid[])', { ids: page.data.map((review) => review.id) })
          .getMany()
      : [];
    for (const review of page.data) review.actionItems = items.filter((item) => item.reviewId === review.id);
    return page;
  }

  async getVendorReview(id: string, scope: DataScope): Promise<VendorReview> {
    return this.findReview(this.dataSource.manager, id, scope);
  }

  /** Changes ratings (the score follows) or comments. Audited. */
  updateVendorReview(
    id: string,
    input: UpdateVendorReviewDto,
    scope: DataScope,
    actor: Principal,
  ): Promise<VendorReview> {
    return this.dataSource.transaction(async (em) => {
      const before = await this.findReview(em, id, scope, true);
      const ratings: ReviewRatings = {
        cooperation: input.cooperation ?? before.cooperation,
        communication: input.communication ?? before.communication,
        professionalism: input.professionalism ?? before.professionalism,
        marketFeedback: input.marketFeedback ?? before.marketFeedback,
      };
      await em.update(VendorReview, id, {
        ...ratings,
        score: String(reviewScore(ratings)),
        comments: input.comments !== undefined ? input.comments : before.comments,
        version: before.version + 1,
      });
      const after = await this.loadReview(em, id);
      await this.audit.record(em, actor, {
        entityType: 'vendor_review',
        entityId: id,
        vendorId: after.vendorId,
        action: 'update',
        before,
        after,
      });
      return after;
    });
  }

  addReviewActionItem(
    reviewId: string,
    input: ReviewActionItemInputDto,
    scope: DataScope,
    actor: Principal,
  ): Promise<ReviewActionItem> {
    return this.dataSource.transaction(async (em) => {
      const review = await this.findReview(em, reviewId, scope);
      await assertOwner(this.users, em, input.ownerUserId, review.vendorId);
      const [item] = await this.insertActionItems(em, review.id, review.vendorId, [input]);
      await this.audit.record(em, actor, {
        entityType: 'review_action_item',
        entityId: item.id,
        vendorId: review.vendorId,
        action: 'create',
        after: item,
      });
      return item;
    });
  }

  /** Closes (done, cancelled), reopens, re-dates or hands over an action item. Audited. */
  updateReviewActionItem(
    reviewId: string,
    itemId: string,
    input: UpdateReviewActionItemDto,
    scope: DataScope,
    actor: Principal,
  ): Promise<ReviewActionItem> {
    return this.dataSource.transaction(async (em) => {
      const review = await this.findReview(em, reviewId, scope);
      const item = await em
        .getRepository(ReviewActionItem)
        .createQueryBuilder('item')
        .where('item.id = :itemId AND item.review_id = :reviewId', { itemId, reviewId: review.id })
        .setLock('pessimistic_write')
        .getOne();
      if (!item) throw DomainException.notFound('Action item', itemId);
      if (input.ownerUserId) await assertOwner(this.users, em, input.ownerUserId, review.vendorId);
      const before = { ...item };
      if (input.status !== undefined && input.status !== item.status) {
        item.status = input.status;
        item.closedAt = input.status === ReviewActionStatus.OPEN ? null : new Date();
      }
      if (input.dueOn !== undefined) item.dueOn = input.dueOn;
      if (input.ownerUserId !== undefined) item.ownerUserId = input.ownerUserId;
      const saved = await em.save(item);
      await this.audit.record(em, actor, {
        entityType: 'review_action_item',
        entityId: saved.id,
        vendorId: review.vendorId,
        action: 'update',
        before,
        after: saved,
      });
      return saved;
    });
  }

  private async insertActionItems(
    em: EntityManager,
    reviewId: string,
    vendorId: string,
    items: readonly ReviewActionItemInputDto[],
  ): Promise<ReviewActionItem[]> {
    if (items.length === 0) return [];
    const repository = em.getRepository(ReviewActionItem);
    return repository.save(
      items.map((item) =>
        repository.create({
          reviewId,
          vendorId,
          title: item.title,
          ownerUserId: item.ownerUserId,
          dueOn: item.dueOn,
          status: ReviewActionStatus.OPEN,
          closedAt: null,
        }),
      ),
    );
  }

  private async findReview(
    em: EntityManager,
    id: string,
    scope: DataScope,
    lock = false,
  ): Promise<VendorReview> {
    const builder = scope
      .apply(em.getRepository(VendorReview).createQueryBuilder('review'), REVIEW_SCOPE)
      .andWhere('review.id = :id', { id });
    if (lock) builder.setLock('pessimistic_write');
    const review = await builder.getOne();
    if (!review) throw DomainException.notFound('Vendor review', id);
    return lock ? review : this.loadReview(em, review.id);
  }

  private loadReview(em: EntityManager, id: string): Promise<VendorReview> {
    return em.getRepository(VendorReview).findOneOrFail({ where: { id }, relations: { actionItems: true } });
  }

  // ---- for the scheduler and the scorecards (set-based, in the caller's transaction) ----

  findOverdueReviewActions(manager: EntityManager, today: string): Promise<OverdueReviewAction[]> {
    return manager.query(
      `SELECT id AS "actionItemId", review_id AS "reviewId", vendor_id AS "vendorId", title,
              owner_user_id AS "ownerUserId", to_char(due_on, 'YYYY-MM-DD') AS "dueOn",
              ($1::date - due_on)::int AS "daysOverdue"
         FROM review_action_items
        WHERE status = 'open' AND due_on < $1::date
        ORDER BY due_on, id`,
      [today],
    );
  }

  async countOpenReviewActions(manager: EntityManager): Promise<number> {
    const [row]: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM review_action_items WHERE status = 'open'`,
    );
    return row.n;
  }

  /** Per vendor, the reviews whose period overlaps local dates [from, to): their count and score sum. */
  async getVendorReviewFacts(manager: EntityManager, from: string, to: string): Promise<VendorReviewFacts[]> {
    const rows: { vendor_id: string; reviews: number; score_total: string }[] = await manager.query(
      `SELECT vendor_id, count(*)::int AS reviews, sum(score) AS score_total FROM vendor_reviews
        WHERE period_start < $2::date AND period_end > $1::date
        GROUP BY vendor_id`,
      [from, to],
    );
    return rows.map((row) => ({
      vendorId: row.vendor_id,
      reviews: row.reviews,
      scoreTotal: Number(row.score_total),
    }));
  }

  /** Whether a review was written or changed after `since` (the scores' due-at gate). */
  async reviewsWrittenSince(manager: EntityManager, since: Date): Promise<boolean> {
    const [row]: { written: boolean }[] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM vendor_reviews WHERE updated_at > $1) AS written`,
      [since],
    );
    return row.written;
  }
}
