import { Check, Column, Entity, Exclusion, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import { bigintAsNumber } from '../../database/transformers';
import type { Money } from '../../common/money/money';
import { SettlementLineKind } from './settlement-engine.rules';

export enum StatementStatus {
  /** Recomputed on demand from the current facts. */
  DRAFT = 'draft',
  /** Approved by a sales manager: frozen, waiting to be locked for payment. */
  APPROVED = 'approved',
  /** Frozen forever; corrections go to the next open statement as adjustment lines. */
  LOCKED = 'locked',
}

export enum DisputeStatus {
  OPEN = 'open',
  ACCEPTED = 'accepted',
  REJECTED = 'rejected',
}

/**
 * What one payee — an agency, or one independent rep (repId set) — earns for one period. Statements of
 * one payee never overlap (exclusion constraint); the all-zero uuid stands for "the agency as a whole".
 */
@Entity('settlement_statements')
@Index(['periodStart', 'vendorId'])
@Exclusion(
  'EXC_settlement_statements_no_overlap',
  `USING gist ("vendor_id" WITH =, (coalesce("rep_id", '00000000-0000-0000-0000-000000000000'::uuid)) WITH =, daterange("period_start", "period_end", '[)') WITH &&)`,
)
@Check('CHK_settlement_statements_period', '"period_end" > "period_start"')
export class SettlementStatement extends BaseEntity {
  @Column({ type: 'uuid' })
  vendorId!: string;

  @Column({ type: 'uuid', nullable: true })
  repId!: string | null;

  @Column({ type: 'varchar', length: 10 })
  periodKey!: string;

  @Column({ type: 'date' })
  periodStart!: string;

  /** Day after the last day (half-open, like Period). */
  @Column({ type: 'date' })
  periodEnd!: string;

  @Column({ type: 'varchar', length: 10, default: StatementStatus.DRAFT })
  status!: StatementStatus;

  /** One total per currency, in the order the lines first name them. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  totals!: Money[];

  @Column({ type: 'int', default: 0 })
  lineCount!: number;

  @Column({ type: 'timestamptz', precision: 3 })
  computedAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  approvedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  approvedBy!: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lockedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  lockedBy!: string | null;
}

/** One amount of a statement and where it comes from; replaced as a whole when a draft is recomputed. */
@Entity('settlement_lines')
@Index(['statementId', 'lineNo'], { unique: true })
@Index(['sourceContractId'])
@Index(['sourceFactId'])
export class SettlementLine extends BaseEntity {
  @Column({ type: 'uuid' })
  statementId!: string;

  @ManyToOne(() => SettlementStatement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'statement_id' })
  statement?: SettlementStatement;

  @Column({ type: 'int' })
  lineNo!: number;

  @Column({ type: 'varchar', length: 20 })
  kind!: SettlementLineKind;

  @Column({ type: 'uuid', nullable: true })
  agreementId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  repId!: string | null;

  /** The booking or payment the commission is on (contracts' fact id). */
  @Column({ type: 'varchar', length: 80, nullable: true })
  sourceFactId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  sourceContractId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  sourceLeadId!: string | null;

  @Column({ type: 'varchar', length: 7, nullable: true })
  sourceMonth!: string | null;

  @Column({ type: 'date', nullable: true })
  factDate!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  basisMinor!: number | null;

  @Column({ type: 'int', nullable: true })
  shareBps!: number | null;

  @Column({ type: 'int', nullable: true })
  rateBps!: number | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  tier!: string | null;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  amountMinor!: number;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  /** The line of an earlier statement this one corrects (clawback, adjustment). */
  @Column({ type: 'uuid', nullable: true })
  originalLineId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  adjustmentId!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  note!: string | null;
}

/** A correction decided by a person (an accepted dispute), settled by the payee's next open statement. */
@Entity('settlement_adjustments')
@Index(['vendorId', 'repId'])
export class SettlementAdjustment extends BaseEntity {
  @Column({ type: 'uuid' })
  vendorId!: string;

  @Column({ type: 'uuid', nullable: true })
  repId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  originalLineId!: string | null;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  amountMinor!: number;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'varchar', length: 300 })
  note!: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;
}

/** A vendor's objection to one line, and the sales manager's decision; kept as history. */
@Entity('settlement_disputes')
@Index(['statementId'])
@Index(['lineId'])
export class SettlementDispute extends BaseEntity {
  @Column({ type: 'uuid' })
  statementId!: string;

  /** A line of an approved or locked statement: those lines never change. */
  @Column({ type: 'uuid' })
  lineId!: string;

  @ManyToOne(() => SettlementLine, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'line_id' })
  line?: SettlementLine;

  @Column({ type: 'uuid' })
  vendorId!: string;

  @Column({ type: 'uuid', nullable: true })
  repId!: string | null;

  @Column({ type: 'varchar', length: 10, default: DisputeStatus.OPEN })
  status!: DisputeStatus;

  @Column({ type: 'varchar', length: 1000 })
  reason!: string;

  @Column({ type: 'uuid', nullable: true })
  raisedBy!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  decisionReason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  adjustmentId!: string | null;
}
