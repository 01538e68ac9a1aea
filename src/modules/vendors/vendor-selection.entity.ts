import { Check, Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import { VendorKind } from './vendor-enums';
import { CandidateStatus } from './vendor-selection.rules';
import type { CandidateRatings, SelectionWeights } from './vendor-selection.rules';

/**
 * The company's vendor selection criteria: one row (`singleton`), versioned for If-Match; the weights
 * (percent per criterion) always sum to 100.
 */
@Entity('vendor_selection_settings')
@Index('vendor_selection_settings_single_row', ['singleton'], { unique: true })
@Check('vendor_selection_settings_singleton', '"singleton"')
export class VendorSelectionSettingsRow extends BaseEntity {
  @Column({ type: 'boolean', default: true })
  singleton!: boolean;

  @Column({ type: 'jsonb' })
  weights!: SelectionWeights;
}

/** One decision on a candidate: who moved it where, when, and why. */
export interface CandidateDecision {
  status: CandidateStatus;
  reason: string;
  decidedAt: string;
  decidedById: string;
  decidedByName: string;
}

/** A provider being considered as a vendor; selecting it creates the vendor (in `onboarding`). */
@Entity('vendor_candidates')
@Index(['status', 'name', 'id'])
@Index(['name', 'id'])
@Check('CHK_vendor_candidates_selected_vendor', `("status" = 'selected') = ("vendor_id" IS NOT NULL)`)
export class VendorCandidate extends BaseEntity {
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: VendorKind;

  @Column({ type: 'varchar', length: 20, default: CandidateStatus.CANDIDATE })
  status!: CandidateStatus;

  @Column({ type: 'char', length: 2 })
  countryCode!: string;

  @Column({ type: 'varchar', length: 64 })
  timezone!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  contactName!: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  contactEmail!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  contactPhone!: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  notes!: string | null;

  /** 0–10 per criterion; a criterion missing here is not rated yet. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  ratings!: CandidateRatings;

  /** Every decision in order (shortlisting, selection, rejection). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  decisions!: CandidateDecision[];

  /** The vendor created when the candidate was selected. */
  @Index({ unique: true, where: 'vendor_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  vendorId!: string | null;
}
