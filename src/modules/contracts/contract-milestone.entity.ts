import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import { bigintAsNumber } from '../../database/transformers';
import { Contract } from './contract.entity';

/** The steps of fulfilling a contract, in the order they usually come. */
export enum MilestoneKind {
  DELIVERY = 'delivery',
  ACCEPTANCE = 'acceptance',
  INVOICE = 'invoice',
  PAYMENT = 'payment',
}

// Said in contract.enums.ts so the pure payment-status rule needs no entity; kept importable from here.
export { PaymentStatus } from './contract.enums';

/**
 * One fulfilment step of a contract: what is due (an amount in the contract's currency, integer minor
 * units; 0 for a step without money), by when, and the day it was done. Open past its due day it is
 * overdue (the scheduler's `milestone_overdue` check).
 */
@Entity('contract_milestones')
@Index(['contractId', 'dueOn'])
@Index('IDX_contract_milestones_open_due', ['dueOn'], { where: '"done_on" IS NULL' })
@Check('CHK_contract_milestones_amount', '"amount_minor" >= 0')
export class ContractMilestone extends BaseEntity {
  @Column({ type: 'uuid' })
  contractId!: string;

  @ManyToOne(() => Contract, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contract_id' })
  contract?: Contract;

  @Column({ type: 'varchar', length: 20 })
  kind!: MilestoneKind;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  amountMinor!: number;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'date' })
  dueOn!: string;

  @Column({ type: 'date', nullable: true })
  doneOn!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;
}
