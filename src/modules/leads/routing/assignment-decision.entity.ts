import { AfterLoad, Check, Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../../database/base.entity';
import { decodeCandidates, decodeExcluded, decodeReasonCounts } from './decision-log.rules';
import { IneligibleReason, RoutingOutcome, RoutingStrategy, RoutingTrigger } from './routing.enums';

export interface ScoredCandidate {
  repId: string;
  vendorId: string;
  score: number;
  weight: number;
  openLeads: number;
}

export interface ExcludedCandidate {
  repId: string;
  vendorId: string;
  reasons: IneligibleReason[];
}

/**
 * Why a lead (or a contract's renewal) went where it went: the rule, the candidates with their scores, and
 * who was left out. Exactly one of `leadId` and `contractId` is set.
 */
@Entity('assignment_decisions')
@Index(['leadId', 'decidedAt'])
@Index(['chosenRepId', 'decidedAt'])
@Index('IDX_assignment_decisions_contract', ['contractId', 'decidedAt'], {
  where: '"contract_id" IS NOT NULL',
})
@Check('CHK_assignment_decisions_subject', 'num_nonnulls("lead_id", "contract_id") = 1')
export class AssignmentDecision extends BaseEntity {
  @Column({ type: 'uuid', nullable: true })
  leadId!: string | null;

  /** The renewal contract routed (trigger `renewal`); owned by the contracts module, read through it. */
  @Column({ type: 'uuid', nullable: true })
  contractId!: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  decidedAt!: Date;

  @Column({ type: 'varchar', length: 20 })
  trigger!: RoutingTrigger;

  @Column({ type: 'varchar', length: 20 })
  outcome!: RoutingOutcome;

  @Column({ type: 'uuid', nullable: true })
  ruleId!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  ruleName!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  strategy!: RoutingStrategy | null;

  @Column({ type: 'uuid', nullable: true })
  chosenRepId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  chosenVendorId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  poolId!: string | null;

  /**
   * The decision log as codes (`decision-log.rules.ts`): the vendors named once, candidates and exclusions
   * pointing at them by position, numbers per entry, reasons as bits.
   */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  logVendorIds!: string[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  candidateRepIds!: string[];

  /** Four per candidate: vendor position, score, grade weight, open leads. */
  @Column({ type: 'int', array: true, default: () => "'{}'" })
  candidateCodes!: (number | null)[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  excludedRepIds!: string[];

  /** Two per exclusion: vendor position and the reasons as bits of their codes. */
  @Column({ type: 'int', array: true, default: () => "'{}'" })
  excludedCodes!: number[];

  /** Reps left out per reason code, logged or not. */
  @Column({ type: 'int', array: true, default: () => "'{}'" })
  excludedReasonCounts!: number[];

  /** Reps left out in all, logged or not. */
  @Column({ type: 'int', default: 0 })
  excludedTotal!: number;

  /** Eligible reps, best first (expanded from the codes when read). */
  candidates!: ScoredCandidate[];

  /** As logged: the first reps up to the cap plus one example of every other reason. */
  excluded!: ExcludedCandidate[];

  /** Reps left out per reason, logged or not. */
  excludedByReason!: Partial<Record<IneligibleReason, number>>;

  @AfterLoad()
  expandLog(): void {
    if (!this.candidateRepIds) return;
    this.candidates = decodeCandidates(this);
    this.excluded = decodeExcluded(this);
    this.excludedByReason = decodeReasonCounts(this.excludedReasonCounts);
  }

  @Column({ type: 'varchar', length: 1000 })
  explanation!: string;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;
}
