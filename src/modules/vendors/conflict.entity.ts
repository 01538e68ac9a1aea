import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import { Rep } from './rep.entity';
import { ConflictStatus } from './vendor-enums';
import { Vendor } from './vendor.entity';

/** A vendor's (or one of its reps') statement that it also carries another principal's line. */
@Entity('conflict_declarations')
@Index(['vendorId', 'createdAt', 'id'])
export class ConflictDeclaration extends BaseEntity {
  @Column({ type: 'uuid' })
  vendorId!: string;

  @ManyToOne(() => Vendor, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'vendor_id' })
  vendor?: Vendor;

  /** Set when the declaration is a single rep's, not the whole vendor's. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  repId!: string | null;

  @ManyToOne(() => Rep, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'rep_id' })
  rep?: Rep | null;

  /** The other company the vendor sells for. */
  @Column({ type: 'varchar', length: 200 })
  principalName!: string;

  @Column({ type: 'varchar', length: 200 })
  competingLineName!: string;

  @Column({ type: 'varchar', length: 100 })
  category!: string;

  /** Our product lines the declared line competes with. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  competingProductLineIds!: string[];

  @Column({ type: 'varchar', length: 2000, nullable: true })
  notes!: string | null;
}

/**
 * A declared competing line meeting a product line in the vendor's agreement scope. While open, the
 * line leaves the vendor's effective scope; a sales manager may clear it with a reason.
 */
@Entity('conflicts')
@Index(['declarationId', 'productLineId'], { unique: true })
@Index(['vendorId', 'status'])
export class Conflict extends BaseEntity {
  @Column({ type: 'uuid' })
  declarationId!: string;

  @ManyToOne(() => ConflictDeclaration, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'declaration_id' })
  declaration?: ConflictDeclaration;

  @Column({ type: 'uuid' })
  vendorId!: string;

  @Column({ type: 'uuid', nullable: true })
  repId!: string | null;

  @Column({ type: 'uuid' })
  productLineId!: string;

  @Column({ type: 'varchar', length: 20, default: ConflictStatus.OPEN })
  status!: ConflictStatus;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  clearedAt!: Date | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  clearedBy!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  clearReason!: string | null;
}
