import { Check, Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';

/** A customer's satisfaction answer (1–5 and a comment) about a contract or a visit, owned by one rep. */
@Entity('csat_responses')
@Index('csat_responses_rep_answered', ['repId', 'answeredAt'])
@Index('csat_responses_vendor_answered', ['vendorId', 'answeredAt'])
// Which answers arrived since a moment (the due-at gate): BRIN, created by migration, not synchronised.
@Index('csat_responses_created_brin', { synchronize: false })
@Check('csat_responses_rating', '"rating" BETWEEN 1 AND 5')
@Check('csat_responses_subject', '"contract_id" IS NOT NULL OR "visit_id" IS NOT NULL')
export class CsatResponse extends BaseEntity {
  @Column({ type: 'uuid' })
  vendorId!: string;

  @Column({ type: 'uuid' })
  repId!: string;

  /** The contract asked about (contracts module; no foreign key across modules). */
  @Column({ type: 'uuid', nullable: true })
  contractId!: string | null;

  /** The visit asked about: a call report of type visit. */
  @Column({ type: 'uuid', nullable: true })
  visitId!: string | null;

  @Column({ type: 'smallint' })
  rating!: number;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  comment!: string | null;

  @Column({ type: 'varchar', length: 20 })
  channel!: 'erp' | 'survey_link';

  @Column({ type: 'timestamptz', precision: 3 })
  answeredAt!: Date;
}
