import { Check, Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';

/**
 * A single-use survey link sent to a customer about a contract or a visit. Only the SHA-256 of the token is kept
 * (the token is shown once, to the issuer); it takes one answer until `expiresAt`. The seller's and the
 * rep's names are copied at issue, so the public page reads this row only.
 */
@Entity('csat_surveys')
@Index('csat_surveys_contract_created', ['contractId', 'createdAt', 'id'])
@Index('csat_surveys_vendor_created', ['vendorId', 'createdAt', 'id'])
@Index('csat_surveys_visit_created', ['visitId', 'createdAt', 'id'])
@Check('csat_surveys_subject', '("contract_id" IS NULL) <> ("visit_id" IS NULL)')
export class CsatSurvey extends BaseEntity {
  @Index('csat_surveys_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  /** The contract asked about (contracts module; no foreign key across modules), or null for a visit. */
  @Column({ type: 'uuid', nullable: true })
  contractId!: string | null;

  /** The visit asked about: a call report of type visit (call-reports module), or null for a contract. */
  @Column({ type: 'uuid', nullable: true })
  visitId!: string | null;

  @Column({ type: 'uuid' })
  vendorId!: string;

  /** The rep the answer is for (the visit's rep; the contract's unless the issuer named another). */
  @Column({ type: 'uuid' })
  repId!: string;

  /** The seller as the customer knows it: the vendor's name. */
  @Column({ type: 'varchar', length: 200 })
  sellerName!: string;

  @Column({ type: 'varchar', length: 200 })
  repName!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  usedAt!: Date | null;

  /** The CSAT answer the link produced. */
  @Column({ type: 'uuid', nullable: true })
  csatResponseId!: string | null;

  /** Who issued it (a user or an API client). */
  @Column({ type: 'uuid', nullable: true })
  issuedBy!: string | null;
}

/**
 * Requests per bucket (a client address or a survey token hash) in a one-minute window, for the public
 * survey routes. One row per bucket; kept in Postgres so the limit holds across every replica.
 */
@Entity('public_request_counts')
export class PublicRequestCount extends BaseEntity {
  @Index('public_request_counts_bucket', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  bucket!: string;

  @Column({ type: 'int', default: 0 })
  hits!: number;

  @Column({ type: 'timestamptz', precision: 3 })
  windowStartedAt!: Date;
}
