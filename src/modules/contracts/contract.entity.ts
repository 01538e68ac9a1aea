import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import { bigintAsNumber } from '../../database/transformers';
import {
  ContractApproval,
  ContractStatus,
  CustomerHealth,
  PaymentKind,
  ReviewCycle,
  WinFactor,
} from './contract.enums';

export interface WinFactorEntry {
  factor: WinFactor;
  text?: string;
}

/**
 * A deal signed through a vendor or rep (or by an internal team). Money is integer minor units of
 * `currency`; every line shares it. Customer, lead, vendor, rep and sales unit are ids of other
 * modules' rows (no foreign keys across module boundaries).
 */
@Entity('contracts')
// `?updatedSince=` walks changes in (updated_at, id) order: the sync order of an ERP integration.
@Index('contracts_sync_order', ['updatedAt', 'id'])
@Index(['vendorId', 'createdAt', 'id'])
@Index(['externalSource', 'externalId'], { unique: true })
@Index(['renewalOfId'], { unique: true })
@Index(['customerId'])
@Index(['status', 'endsOn'])
@Check('CHK_contracts_dates', '"ends_on" >= "starts_on"')
@Check('CHK_contracts_seller', '"vendor_id" IS NOT NULL OR "sales_unit_id" IS NOT NULL')
export class Contract extends BaseEntity {
  /** Null until the originating lead is won at signing (then the customer it became). */
  @Column({ type: 'uuid', nullable: true })
  customerId!: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  leadId!: string | null;

  /** Seller of record: a vendor (and usually its rep), or an internal team (sales unit) when vendorId is null. */
  @Column({ type: 'uuid', nullable: true })
  vendorId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  repId!: string | null;

  /** The seller's sales unit: the internal team, or the unit the vendor belongs to. */
  @Column({ type: 'uuid', nullable: true })
  salesUnitId!: string | null;

  @Column({ type: 'varchar', length: 20, default: ContractStatus.DRAFT })
  status!: ContractStatus;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber, default: 0 })
  totalMinor!: number;

  /** Sum of the lines' list value before discount, for the discount a report shows. */
  @Column({ type: 'bigint', transformer: bigintAsNumber, default: 0 })
  listTotalMinor!: number;

  @Column({ type: 'int', nullable: true })
  paymentTermsDays!: number | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  regionCode!: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  industryCode!: string | null;

  @Column({ type: 'date' })
  startsOn!: string;

  @Column({ type: 'date' })
  endsOn!: string;

  /** The signature day in the seller's calendar (vendor's time zone, UTC for internal teams). */
  @Column({ type: 'date', nullable: true })
  signedOn!: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  signedAt!: Date | null;

  @Column({ type: 'date', nullable: true })
  terminatedOn!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  statusReason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  renewalOfId!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  externalSource!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  externalId!: string | null;

  @Column({ type: 'varchar', length: 20, default: ContractApproval.NOT_REQUIRED })
  approval!: ContractApproval;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  approvalReason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  approvalDecidedBy!: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  approvalDecidedAt!: Date | null;

  /** A sales manager's recorded exception to the seller's product-line scope. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  scopeExceptionReason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  scopeExceptionBy!: string | null;

  // ---- deal facts, recorded when a contract from a lead is signed ----

  @Column({ type: 'int', nullable: true })
  cycleDays!: number | null;

  @Column({ type: 'int', nullable: true })
  touchesBeforeWin!: number | null;

  @Column({ type: 'int', nullable: true })
  callReportsBeforeWin!: number | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  winFactors!: WinFactorEntry[];

  @Column({ type: 'varchar', length: 2000, nullable: true })
  dealSummary!: string | null;

  /** For a renewal: why its seller is who it is (original seller kept, or handed to the internal team). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  ownerDecision!: string | null;

  /** How often its fulfilment is reviewed with the customer; null: no fixed cycle. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  reviewCycle!: ReviewCycle | null;

  /**
   * The customer health of the latest fulfilment review (by reviewed period); a renewal draft starts
   * with its original's until it has a review of its own.
   */
  @Column({ type: 'varchar', length: 10, nullable: true })
  health!: CustomerHealth | null;

  @OneToMany(() => ContractLine, (line) => line.contract)
  lines?: ContractLine[];

  @OneToMany(() => ContractCredit, (credit) => credit.contract)
  credits?: ContractCredit[];
}

/**
 * One line: a product or a bundle, quantity × unit price less a discount in basis points. The floor is
 * the unit floor at pricing time (a bundle's: its members' floor sum), kept so approval shows what was
 * undercut even after the catalog changes.
 */
@Entity('contract_lines')
@Index(['contractId', 'position'], { unique: true })
@Check('CHK_contract_lines_quantity', '"quantity" > 0')
@Check('CHK_contract_lines_discount', '"discount_bps" >= 0 AND "discount_bps" <= 10000')
@Check('CHK_contract_lines_item', '("product_id" IS NULL) <> ("bundle_id" IS NULL)')
export class ContractLine extends BaseEntity {
  @Column({ type: 'uuid' })
  contractId!: string;

  @ManyToOne(() => Contract, (contract) => contract.lines, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contract_id' })
  contract?: Contract;

  @Column({ type: 'smallint' })
  position!: number;

  @Column({ type: 'uuid', nullable: true })
  productId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  bundleId!: string | null;

  /** The product's line; for a bundle, its members' lines with their share of the line's value. */
  @Column({ type: 'jsonb' })
  productLineShares!: { productLineId: string; weight: number }[];

  @Column({ type: 'int' })
  quantity!: number;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  unitPriceMinor!: number;

  @Column({ type: 'int', default: 0 })
  discountBps!: number;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  lineTotalMinor!: number;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  unitFloorMinor!: number;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  unitListMinor!: number;

  @Column({ type: 'boolean' })
  belowFloor!: boolean;
}

/**
 * Who is credited with the deal, by share in basis points (the shares of a contract add up to 10 000).
 * By default one 100 % credit to the seller of record; a deal shared by several reps splits it.
 */
@Entity('contract_credits')
@Index(['contractId'])
@Index(['repId'])
@Check('CHK_contract_credits_share', '"share_bps" > 0 AND "share_bps" <= 10000')
export class ContractCredit extends BaseEntity {
  @Column({ type: 'uuid' })
  contractId!: string;

  @ManyToOne(() => Contract, (contract) => contract.credits, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contract_id' })
  contract?: Contract;

  @Column({ type: 'uuid', nullable: true })
  vendorId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  repId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  salesUnitId!: string | null;

  @Column({ type: 'int' })
  shareBps!: number;
}

/** Money received (or refunded, negative in the facts) against a contract, posted by the ERP. */
@Entity('contract_payments')
@Index(['contractId'])
@Index(['externalSource', 'externalId'], { unique: true })
@Check('CHK_contract_payments_amount', '"amount_minor" > 0')
export class ContractPayment extends BaseEntity {
  @Column({ type: 'uuid' })
  contractId!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: PaymentKind;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  amountMinor!: number;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'date' })
  paidOn!: string;

  @Column({ type: 'uuid', nullable: true })
  invoiceId!: string | null;

  @Column({ type: 'varchar', length: 40 })
  externalSource!: string;

  @Column({ type: 'varchar', length: 100 })
  externalId!: string;
}

/**
 * An invoice issued against a contract, posted by the ERP under its own id (unique per source system).
 * Its amount is in the contract's currency; past its due day and not covered by payments it makes the
 * contract `overdue`.
 */
@Entity('contract_invoices')
@Index(['contractId', 'dueOn'])
@Index(['externalSource', 'externalId'], { unique: true })
@Check('CHK_contract_invoices_amount', '"amount_minor" > 0')
@Check('CHK_contract_invoices_dates', '"due_on" >= "invoiced_on"')
export class ContractInvoice extends BaseEntity {
  @Column({ type: 'uuid' })
  contractId!: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  amountMinor!: number;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'date' })
  invoicedOn!: string;

  @Column({ type: 'date' })
  dueOn!: string;

  @Column({ type: 'varchar', length: 40 })
  externalSource!: string;

  @Column({ type: 'varchar', length: 100 })
  externalId!: string;
}

/**
 * A fulfilment review of a contract for one period: how the customer uses what was sold, the services
 * delivered, the value for the customer as money (e.g. cost saved), the customer's health and next steps.
 */
@Entity('contract_fulfilment_reviews')
@Index(['contractId', 'periodTo'])
@Check('CHK_contract_fulfilment_reviews_period', '"period_to" >= "period_from"')
@Check('CHK_contract_fulfilment_reviews_value', '("value_minor" IS NULL) = ("value_currency" IS NULL)')
export class ContractFulfilmentReview extends BaseEntity {
  @Column({ type: 'uuid' })
  contractId!: string;

  @Column({ type: 'date' })
  periodFrom!: string;

  @Column({ type: 'date' })
  periodTo!: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  usageNotes!: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  servicesDelivered!: string | null;

  @Column({ type: 'bigint', transformer: bigintAsNumber, nullable: true })
  valueMinor!: number | null;

  @Column({ type: 'char', length: 3, nullable: true })
  valueCurrency!: string | null;

  @Column({ type: 'varchar', length: 10 })
  health!: CustomerHealth;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  nextSteps!: string | null;

  /** Who recorded it: a user or API client id, and their name. */
  @Column({ type: 'uuid' })
  reviewerId!: string;

  @Column({ type: 'varchar', length: 200 })
  reviewerName!: string;
}

/** A `contract.expiring` notice sent for one tier (90/60/30 days…): each tier is announced once. */
@Entity('contract_expiry_notices')
@Index(['contractId', 'tierDays'], { unique: true })
export class ContractExpiryNotice extends BaseEntity {
  @Column({ type: 'uuid' })
  contractId!: string;

  @Column({ type: 'int' })
  tierDays!: number;

  @Column({ type: 'date' })
  endsOn!: string;
}
