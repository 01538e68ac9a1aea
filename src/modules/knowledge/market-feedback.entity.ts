import { Check, Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import { bigintAsNumber } from '../../database/transformers';
import { FeedbackKind } from './knowledge.enums';

/**
 * What a vendor's people heard in the market: a competitor seen, a price heard, a customer's opinion.
 * The vendor (and the rep, for a rep) come from the caller, never from the body.
 */
@Entity('market_feedback')
@Index(['vendorId', 'observedOn'])
@Index(['kind', 'observedOn'])
@Index(['productLineId', 'observedOn'])
@Check('CHK_market_feedback_kind', `"kind" IN ('competitor_seen', 'price_heard', 'customer_opinion')`)
@Check(
  'CHK_market_feedback_price',
  `("observed_price_minor" IS NULL) = ("currency" IS NULL) AND coalesce("observed_price_minor", 0) >= 0`,
)
export class MarketFeedback extends BaseEntity {
  @Column({ type: 'uuid' })
  vendorId!: string;

  @Column({ type: 'uuid', nullable: true })
  repId!: string | null;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: FeedbackKind;

  @Column({ type: 'varchar', length: 200, nullable: true })
  competitorName!: string | null;

  @Column({ type: 'uuid', nullable: true })
  productLineId!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  regionCode!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  observedPriceMinor!: number | null;

  @Column({ type: 'char', length: 3, nullable: true })
  currency!: string | null;

  @Column({ type: 'uuid', nullable: true })
  customerId!: string | null;

  @Column({ type: 'varchar', length: 2000 })
  text!: string;

  @Column({ type: 'date' })
  observedOn!: string;
}
