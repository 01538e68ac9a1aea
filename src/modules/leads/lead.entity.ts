import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import { openLeadSql } from './lead-status.rules';
import type { ForecastCategory } from './pipeline/lead-pipeline.rules';
import {
  CompanySizeBand,
  FollowUpPlanKind,
  LeadGrade,
  LeadSource,
  LeadStatus,
  LostReason,
  RejectReason,
} from './lead.enums';

export interface ScoreFactor {
  factor: string;
  detail: string;
  points: number;
}

export interface FollowUpPlan {
  kind: FollowUpPlanKind;
  /** For every_n_days. */
  intervalDays?: number;
  /** For dates: ISO timestamps, ascending. */
  dates?: string[];
}

/**
 * A company the company or a vendor may sell to. The `*_key` columns hold the normalised dedupe keys;
 * vendor, owner rep, region, industry and product lines refer to the vendors module by id/code only
 * (no foreign keys across module boundaries).
 */
@Entity('leads')
// `?updatedSince=` walks changes in (updated_at, id) order: the sync order of an ERP integration.
@Index('leads_sync_order', ['updatedAt', 'id'])
@Index(['vendorId', 'ownerRepId'])
// Lists are keyset-paginated by (created_at, id); a vendor's list walks this index in order and stops after a
// page instead of sorting all the vendor's leads (see the README's Performance section).
@Index(['vendorId', 'createdAt', 'id'])
@Index(['nextFollowUpDue'])
// The scheduler's checks look at open leads only (a small part of all leads once the pipeline has run for a
// while): partial indexes over them, so a check reads its candidates, not every lead ever taken in.
@Index('leads_open_follow_up', ['nextFollowUpDue'], { where: openLeadSql() })
@Index('leads_open_key_or_high', ['lastActivityAt', 'createdAt'], {
  where: `${openLeadSql()} AND (key_lead OR grade = 'high')`,
})
@Index('leads_unassigned_new', ['createdAt'], {
  where: `status = 'new' AND owner_rep_id IS NULL AND merged_into_id IS NULL`,
})
@Index('leads_open_regrade_due', ['regradeAt'], { where: openLeadSql() })
// The stale-lead check, the reclaim and the revival read open leads by their kept latest touch: expression and
// partial indexes, created by migration (LeadTouchColumns), not synchronised.
@Index('leads_open_key_or_high_touch', { synchronize: false })
@Index('leads_open_silence', { synchronize: false })
@Index('leads_revivable_dead_or_lost', { synchronize: false })
@Index('leads_owned_open_touch', { synchronize: false })
@Index('leads_owned_open_moved', { synchronize: false })
// Contact retention looks at closed leads whose personal data is still there.
@Index('leads_closed_with_personal_data', ['status'], {
  where: `status IN ('won', 'lost', 'rejected') AND personal_data_erased_at IS NULL`,
})
// A rep's latest activity on the leads they own (idle reps): one index probe per rep.
@Index('leads_owner_last_activity', ['ownerRepId', 'lastActivityAt'])
// Which leads were created since a moment (scoring's due-at gate): BRIN, created by migration, not synchronised.
@Index('leads_created_brin', { synchronize: false })
// The won leads by their day won (the odd days of an analysis range): partial, created by migration.
@Index('leads_won_at', { synchronize: false })
@Check(
  'leads_expected_amount_pair',
  '("expected_amount_minor" IS NULL) = ("expected_currency" IS NULL) AND ("expected_amount_minor" IS NULL OR "expected_amount_minor" >= 0)',
)
@Check(
  'leads_forecast_category_known',
  `"forecast_category" IS NULL OR "forecast_category" IN ('commit', 'best_case', 'pipeline')`,
)
@Check(
  'leads_win_probability_range',
  '"win_probability_pct" IS NULL OR "win_probability_pct" BETWEEN 0 AND 100',
)
export class Lead extends BaseEntity {
  @Column({ type: 'varchar', length: 300 })
  companyName!: string;

  @Index()
  @Column({ type: 'varchar', length: 300 })
  companyNameKey!: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  taxId!: string | null;

  @Index()
  @Column({ type: 'varchar', length: 40, nullable: true })
  taxIdKey!: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  industryCode!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  sizeBand!: CompanySizeBand | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  regionCode!: string | null;

  /** Minor units of `registeredCapitalCurrency`; bigint read as a string. */
  @Column({ type: 'bigint', nullable: true })
  registeredCapitalMinor!: string | null;

  @Column({ type: 'char', length: 3, nullable: true })
  registeredCapitalCurrency!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  website!: string | null;

  @Column({ type: 'text', nullable: true })
  needs!: string | null;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  productLineIds!: string[];

  @Column({ type: 'varchar', length: 20 })
  source!: LeadSource;

  @Column({ type: 'varchar', length: 200, nullable: true })
  sourceCampaign!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  sourceReferrer!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  @Index()
  @Column({ type: 'varchar', length: 20, default: LeadStatus.NEW })
  status!: LeadStatus;

  @Column({ type: 'uuid', nullable: true })
  vendorId!: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  ownerRepId!: string | null;

  @Column({ type: 'boolean', default: false })
  keyLead!: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  keyLeadReason!: string | null;

  /** `rule` when grading flagged it, `manual` when a person did (a manual flag is never undone by rule). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  keyLeadSetBy!: 'rule' | 'manual' | null;

  @Column({ type: 'varchar', length: 10 })
  grade!: LeadGrade;

  @Column({ type: 'int' })
  score!: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  scoreFactors!: ScoreFactor[];

  @Column({ type: 'jsonb', nullable: true })
  followUpPlan!: FollowUpPlan | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  nextFollowUpDue!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastActivityAt!: Date | null;

  /**
   * When the clock next changes the grade's inputs (the whole days since the last touch): the scheduler
   * grades the lead again from then on. Null until the first grading pass after intake.
   */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  regradeAt!: Date | null;

  /**
   * The latest touch by the lead's owner team (`lead-touch.rules.ts`) in its history, kept by triggers
   * (migration LeadTouchColumns): a new entry raises it, a change of owner or a reopening computes it again
   * for the owner team now. Kept for open leads (a closed lead's is filled when it reopens).
   */
  @Column({ type: 'timestamptz', precision: 3, nullable: true, select: false, insert: false, update: false })
  ownerTouchAt!: Date | null;

  /** The latest status move in the lead's history (entries with a `status_to`), kept like `ownerTouchAt`. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true, select: false, insert: false, update: false })
  statusMovedAt!: Date | null;

  /** Intake plus every duplicate intake and recorded follow-up: the engagement the score counts. */
  @Column({ type: 'int', default: 1 })
  touchCount!: number;

  @Column({ type: 'varchar', length: 20, nullable: true })
  lostReason!: LostReason | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  lostReasonText!: string | null;

  /** Who won the deal instead, when it was lost to a competitor: the loss analysis groups by it. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  lostCompetitor!: string | null;

  @Column({ type: 'boolean', default: false })
  lostNoChance!: boolean;

  @Column({ type: 'varchar', length: 20, nullable: true })
  rejectReason!: RejectReason | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  rejectReasonText!: string | null;

  /** Set on the lead that was merged away; it stays readable, its history shows on the survivor. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  mergedIntoId!: string | null;

  @Index('IDX_leads_customer', { where: '"customer_id" IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  customerId!: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  wonAt!: Date | null;

  /**
   * Pipeline value (set from `qualified` on): the expected deal in integer minor units of
   * `expectedCurrency`; bigint read as a string. Both are set or both are null.
   */
  @Column({ type: 'bigint', nullable: true })
  expectedAmountMinor!: string | null;

  @Column({ type: 'char', length: 3, nullable: true })
  expectedCurrency!: string | null;

  @Column({ type: 'date', nullable: true })
  expectedCloseOn!: string | null;

  /** The lead's own win probability in percent; null: the default of its status (pipeline settings). */
  @Column({ type: 'smallint', nullable: true })
  winProbabilityPct!: number | null;

  /** The lead's own forecast category; null: derived from its probability by the settings rule. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  forecastCategory!: ForecastCategory | null;

  /**
   * When the lead's personal data was erased (a data-subject request) or cleared (contact retention): its
   * contact persons and free texts carry the erased marker from then on; the statistical record stays.
   */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  personalDataErasedAt!: Date | null;

  @OneToMany(() => LeadContact, (contact) => contact.lead)
  contacts?: LeadContact[];

  /** The ids other systems hold the lead under; attached by the service, not a column. */
  externalIds?: LeadExternalId[];
}

/** A contact person of a lead; phone and email are the normalised dedupe keys. */
@Entity('lead_contacts')
export class LeadContact extends BaseEntity {
  @Index()
  @Column({ type: 'uuid' })
  leadId!: string;

  @ManyToOne(() => Lead, (lead) => lead.contacts, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Lead;

  @Column({ type: 'smallint', default: 0 })
  position!: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name!: string | null;

  /** E.164. */
  @Index()
  @Column({ type: 'varchar', length: 16, nullable: true })
  phone!: string | null;

  /** Lower-cased. */
  @Index()
  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  title!: string | null;
}

/**
 * The id another system (an ERP, a CRM) holds the lead under: one per source system, and one lead per
 * (source, externalId), so the system's upsert always lands on the same lead.
 */
@Entity('lead_external_ids')
@Index(['source', 'externalId'], { unique: true })
@Index(['leadId', 'source'], { unique: true })
export class LeadExternalId extends BaseEntity {
  @Column({ type: 'uuid' })
  leadId!: string;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Lead;

  @Column({ type: 'varchar', length: 40 })
  source!: string;

  @Column({ type: 'varchar', length: 100 })
  externalId!: string;
}

/** A contact person as a lead's answer shows it. */
export type ShownContact = Pick<LeadContact, 'position' | 'name' | 'phone' | 'email' | 'title'>;

/** A lead as its answer is made from it: the entity, or a plain row of its columns. */
export type LeadView = Omit<Lead, 'contacts' | 'externalIds'> & {
  contacts?: ShownContact[];
  externalIds?: Pick<LeadExternalId, 'source' | 'externalId'>[];
};

/** A lead of the list: a plain row (no entity), its contacts and external ids read with it. */
export type ListedLead = LeadView & Required<Pick<LeadView, 'contacts' | 'externalIds'>>;
