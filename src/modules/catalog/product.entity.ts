import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import { bigintAsNumber } from '../../database/transformers';
import { ProductLine } from './product-line.entity';

/**
 * A sellable product. Prices are integer minor units of `currency` (ISO 4217 exponent: CNY/EUR/USD/HUF
 * 2, JPY 0). The floor price is the lowest price a contract may carry without approval.
 */
@Entity('products')
@Check('CHK_products_prices', '"floor_price_minor" >= 0 AND "floor_price_minor" <= "list_price_minor"')
export class Product extends BaseEntity {
  @Index()
  @Column({ type: 'uuid' })
  productLineId!: string;

  @ManyToOne(() => ProductLine, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_line_id' })
  productLine?: ProductLine;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 60 })
  sku!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  listPriceMinor!: number;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  floorPriceMinor!: number;

  @Column({ type: 'boolean', default: true })
  active!: boolean;
}
