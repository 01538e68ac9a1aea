import { Check, Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import { ComplaintCategory, ComplaintStatus } from './complaint.rules';

/**
 * A customer's complaint, about a contract or the customer relationship as a whole. Its vendor and rep
 * are the contract's (else the customer's vendor): the scope columns. Ids of other modules' rows carry
 * no foreign key.
 */
@Entity('complaints')
@Index('complaints_vendor_created', ['vendorId', 'createdAt'])
@Index('complaints_open_deadline', ['deadlineAt'], { where: `status <> 'resolved'` })
@Index('complaints_created', ['createdAt'])
@Check('complaints_status', `"status" IN ('open', 'investigating', 'resolved')`)
export class Complaint extends BaseEntity {
  @Column({ type: 'uuid' })
  customerId!: string;

  @Column({ type: 'uuid', nullable: true })
  contractId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  vendorId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  repId!: string | null;

  @Column({ type: 'varchar', length: 30 })
  category!: ComplaintCategory;

  @Column({ type: 'varchar', length: 2000 })
  description!: string;

  /** The user answerable for it. */
  @Column({ type: 'uuid' })
  ownerUserId!: string;

  @Column({ type: 'varchar', length: 20, default: ComplaintStatus.OPEN })
  status!: ComplaintStatus;

  /** When the customer complained (defaults to when it was recorded). */
  @Column({ type: 'timestamptz', precision: 3 })
  receivedAt!: Date;

  /** receivedAt + the setting's working days: past it and not resolved, the complaint is overdue. */
  @Column({ type: 'timestamptz', precision: 3 })
  deadlineAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  investigatingAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  resolution!: string | null;
}

/** The company's complaint handling settings: one row (`singleton`), versioned for If-Match. */
@Entity('complaint_settings')
@Index('complaint_settings_single_row', ['singleton'], { unique: true })
@Check('complaint_settings_singleton', '"singleton"')
@Check('complaint_settings_days', '"response_working_days" BETWEEN 1 AND 30')
@Check('complaint_settings_hours', '"response_working_hours" BETWEEN 1 AND 240')
export class ComplaintSettingsRow extends BaseEntity {
  @Column({ type: 'boolean', default: true })
  singleton!: boolean;

  /** Working days (the seller's calendar) a complaint has for its answer. */
  @Column({ type: 'int' })
  responseWorkingDays!: number;

  /** When set, deadlines count this many office hours (09–17 on the seller's working days) instead. */
  @Column({ type: 'int', nullable: true })
  responseWorkingHours!: number | null;
}
