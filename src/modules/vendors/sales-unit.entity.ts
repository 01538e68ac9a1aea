import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import { SalesUnitKind } from './vendor-enums';

/** A node of the sales organisation (company → region/division → team); targets split along it. */
@Entity('sales_units')
export class SalesUnit extends BaseEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 60 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: SalesUnitKind;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => SalesUnit, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_id' })
  parent?: SalesUnit | null;
}
