import { Check, Column, Entity, Exclusion, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import { bigintAsNumber } from '../../database/transformers';
import type { AgreementKpiClauses } from './agreement-kpis.rules';
import { LeadClawbackPolicy, SalesStage, VendorTier } from './vendor-enums';
import { Vendor } from './vendor.entity';

/** A commission step: from this attainment (percent of target) on, this rate applies. */
export interface CommissionTier {
  minAttainmentPercent: number;
  commissionRateBps: number;
}

/** The revenue a commission is computed on: the contract's value when signed, or what the customer paid. */
export enum CommissionBasis {
  BOOKED = 'booked',
  PAID = 'paid',
}

/** The lead event a per-lead fee pays for. */
export enum PerLeadFeeKind {
  /** The vendor took the lead on (first contacted it). */
  ACCEPTED = 'accepted',
  QUALIFIED = 'qualified',
  /** A meeting with the lead was reported. */
  MEETING_HELD = 'meeting_held',
}

/**
 * What a vendor is contracted to do between two dates (inclusive), and on what terms. Agreements of one
 * vendor never overlap — the database refuses it (btree_gist exclusion constraint).
 */
@Entity('agreements')
@Index(['vendorId', 'startsOn'])
@Exclusion(
  'EXC_agreements_no_overlap',
  `USING gist ("vendor_id" WITH =, daterange("starts_on", "ends_on", '[]') WITH &&)`,
)
@Check('CHK_agreements_dates', '"ends_on" >= "starts_on"')
@Check(
  'CHK_agreements_terms',
  '"commission_rate_bps" BETWEEN 0 AND 10000 AND "clawback_days" >= 0 ' +
    'AND coalesce("commission_cap_minor", 0) >= 0 ' +
    'AND coalesce("default_daily_call_quota", 0) >= 0 AND coalesce("default_weekly_call_quota", 0) >= 0',
)
export class Agreement extends BaseEntity {
  @Column({ type: 'uuid' })
  vendorId!: string;

  @ManyToOne(() => Vendor, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'vendor_id' })
  vendor?: Vendor;

  @Column({ type: 'varchar', length: 60, nullable: true })
  reference!: string | null;

  @Column({ type: 'date' })
  startsOn!: string;

  @Column({ type: 'date' })
  endsOn!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  stagesOwned!: SalesStage[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  regionIds!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  industryCodes!: string[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  productLineIds!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  namedAccounts!: string[];

  /** Commission on contract revenue in basis points (850 = 8.5 %). */
  @Column({ type: 'int' })
  commissionRateBps!: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  commissionTiers!: CommissionTier[];

  @Column({ type: 'varchar', length: 10, default: CommissionBasis.BOOKED })
  commissionBasis!: CommissionBasis;

  /** Most commission one settlement period pays under this agreement, minor units of feeCurrency. */
  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  commissionCapMinor!: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  perLeadFeeMinor!: number | null;

  /** What the per-lead fee pays for; required with a per-lead fee. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  perLeadFeeKind!: PerLeadFeeKind | null;

  /** Monthly retainer. */
  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  retainerFeeMinor!: number | null;

  @Column({ type: 'char', length: 3, nullable: true })
  feeCurrency!: string | null;

  @Column({ type: 'int', default: 0 })
  clawbackDays!: number;

  @Column({ type: 'int', nullable: true })
  defaultDailyCallQuota!: number | null;

  @Column({ type: 'int', nullable: true })
  defaultWeeklyCallQuota!: number | null;

  @Column({ type: 'int', nullable: true })
  defaultDailyVisitQuota!: number | null;

  @Column({ type: 'int', nullable: true })
  defaultWeeklyVisitQuota!: number | null;

  @Column({ type: 'boolean', default: false })
  confidential!: boolean;

  @Column({ type: 'date', nullable: true })
  ndaSignedOn!: string | null;

  /**
   * Routing gives the vendor's reps only leads whose product lines they hold a valid certification for,
   * and the vendor cannot become active before one of its reps is certified.
   */
  @Column({ type: 'boolean', default: false })
  requiresCertification!: boolean;

  /** Key leads go to the vendor only while its tier is at least this one (null: any tier). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  keyLeadMinTier!: VendorTier | null;

  /** Where the vendor's open leads go when it is offboarded while this agreement is its latest. */
  @Column({ type: 'varchar', length: 20, default: LeadClawbackPolicy.RETURN_TO_POOL })
  leadClawbackPolicy!: LeadClawbackPolicy;

  /** KPIs and service levels the vendor is held to (see agreement-kpis.ts); {} when none are agreed. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  kpis!: AgreementKpiClauses;
}
