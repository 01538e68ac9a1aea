import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany } from 'typeorm';
import type { PeriodKind } from '../../common/period/period';
import { BaseEntity } from '../../database/base.entity';
import { ReviewActionStatus } from './vendor-review.rules';

/** A periodic review of one vendor (a quarter by default): four soft-metric ratings 1–5 and comments. */
@Entity('vendor_reviews')
@Index('vendor_reviews_vendor_period', ['vendorId', 'periodKey'], { unique: true })
@Index('vendor_reviews_period_range', ['periodStart', 'periodEnd'])
@Check(
  'vendor_reviews_ratings',
  `"cooperation" BETWEEN 1 AND 5 AND "communication" BETWEEN 1 AND 5 AND "professionalism" BETWEEN 1 AND 5 AND "market_feedback" BETWEEN 1 AND 5`,
)
export class VendorReview extends BaseEntity {
  @Column({ type: 'uuid' })
  vendorId!: string;

  @Column({ type: 'varchar', length: 10 })
  periodKey!: string;

  @Column({ type: 'varchar', length: 10 })
  periodKind!: PeriodKind;

  /** First day of the period, and the day after its last: the scored periods it overlaps read it. */
  @Column({ type: 'date' })
  periodStart!: string;

  @Column({ type: 'date' })
  periodEnd!: string;

  @Column({ type: 'smallint' })
  cooperation!: number;

  @Column({ type: 'smallint' })
  communication!: number;

  @Column({ type: 'smallint' })
  professionalism!: number;

  /** Quality of the market feedback the vendor passes on. */
  @Column({ type: 'smallint' })
  marketFeedback!: number;

  /** The mean of the four ratings (the review_score KPI). */
  @Column({ type: 'numeric', precision: 3, scale: 2 })
  score!: string;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  comments!: string | null;

  /** Who wrote it (a user or API client subject). */
  @Column({ type: 'uuid' })
  reviewedBy!: string;

  @OneToMany(() => ReviewActionItem, (item) => item.review)
  actionItems?: ReviewActionItem[];
}

/** Something agreed at a review: an owner, a due day and a status. */
@Entity('review_action_items')
@Index('review_action_items_review', ['reviewId'])
@Index('review_action_items_open_due', ['dueOn'], { where: `status = 'open'` })
@Check('review_action_items_status', `"status" IN ('open', 'done', 'cancelled')`)
export class ReviewActionItem extends BaseEntity {
  @Column({ type: 'uuid' })
  reviewId!: string;

  @ManyToOne(() => VendorReview, (review) => review.actionItems, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'review_id' })
  review?: VendorReview;

  /** The review's vendor, repeated as the scope column. */
  @Column({ type: 'uuid' })
  vendorId!: string;

  @Column({ type: 'varchar', length: 500 })
  title!: string;

  @Column({ type: 'uuid' })
  ownerUserId!: string;

  @Column({ type: 'date' })
  dueOn!: string;

  @Column({ type: 'varchar', length: 20, default: ReviewActionStatus.OPEN })
  status!: ReviewActionStatus;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  closedAt!: Date | null;
}
