import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import { bigintAsNumber } from '../../database/transformers';
import { Product } from './product.entity';

/** A set of products sold together at one price, never below the sum of its members' floor prices. */
@Entity('bundles')
@Check('CHK_bundles_price', '"price_minor" >= 0')
export class Bundle extends BaseEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 60 })
  sku!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  priceMinor!: number;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @OneToMany(() => BundleItem, (item) => item.bundle)
  items?: BundleItem[];
}

@Entity('bundle_items')
@Index(['bundleId', 'productId'], { unique: true })
@Check('CHK_bundle_items_quantity', '"quantity" > 0')
export class BundleItem extends BaseEntity {
  @Column({ type: 'uuid' })
  bundleId!: string;

  @ManyToOne(() => Bundle, (bundle) => bundle.items, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bundle_id' })
  bundle?: Bundle;

  @Index()
  @Column({ type: 'uuid' })
  productId!: string;

  @ManyToOne(() => Product, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_id' })
  product?: Product;

  @Column({ type: 'int' })
  quantity!: number;
}
