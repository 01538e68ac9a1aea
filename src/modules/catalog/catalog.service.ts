import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { Principal } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { Page, paginate } from '../../common/pagination/pagination';
import { missingIds } from '../../database/sql-helpers';
import { refuseNulls } from '../../common/validation/validation-helpers';
import { updateVersioned } from '../../common/http/versioned-update';
import { Bundle, BundleItem } from './bundle.entity';
import {
  BundleItemInput,
  BundleWithFloor,
  CreateBundleDto,
  CreateProductDto,
  CreateProductLineDto,
  ListBundlesQuery,
  ListProductLinesQuery,
  ListProductsQuery,
  UpdateBundleDto,
  UpdateProductDto,
  UpdateProductLineDto,
} from './catalog.dto';
import { ProductLine } from './product-line.entity';
import { Product } from './product.entity';

/** A bundle's price facts for contracts: its price, members' floor sum and product lines by list value. */
export interface BundlePrice {
  id: string;
  currency: string;
  priceMinor: number;
  floorSumMinor: number;
  active: boolean;
  members: { productLineId: string; weight: number }[];
}

/** Price facts other modules (contracts) check selling prices against. */
export interface ProductPrice {
  id: string;
  productLineId: string;
  currency: string;
  listPriceMinor: number;
  floorPriceMinor: number;
  active: boolean;
}

function checkFloorBelowList(listPriceMinor: number, floorPriceMinor: number): void {
  if (floorPriceMinor > listPriceMinor) {
    throw new DomainException(
      ErrorCode.PRICE_FLOOR_ABOVE_LIST,
      `The floor price ${floorPriceMinor} is above the list price ${listPriceMinor}`,
      [{ field: 'floorPriceMinor', message: 'must not exceed listPriceMinor' }],
    );
  }
}

@Injectable()
export class CatalogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  // ---- product lines ----

  createProductLine(input: CreateProductLineDto, actor: Principal): Promise<ProductLine> {
    return this.dataSource.transaction(async (em) => {
      const line = await em.save(
        em.create(ProductLine, {
          code: input.code,
          name: input.name,
          description: input.description ?? null,
          active: input.active ?? true,
        }),
      );
      await this.audit.record(em, actor, {
        entityType: 'product_line',
        entityId: line.id,
        action: 'create',
        after: line,
      });
      return line;
    });
  }

  listProductLines(query: ListProductLinesQuery): Promise<Page<ProductLine>> {
    const builder = this.dataSource.getRepository(ProductLine).createQueryBuilder('line');
    if (query.active !== undefined) builder.andWhere('line.active = :active', { active: query.active });
    return paginate(builder, query, [
      { expression: 'line.code', read: (row) => row.code },
      { expression: 'line.id', read: (row) => row.id },
    ]);
  }

  async getProductLine(id: string, em: EntityManager = this.dataSource.manager): Promise<ProductLine> {
    const line = await em.findOneBy(ProductLine, { id });
    if (!line) throw DomainException.notFound('Product line', id);
    return line;
  }

  /** Product line id → code for the ids given (unknown ids are absent), in one read. */
  async productLineCodes(manager: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const lines = await manager.find(ProductLine, {
      select: { id: true, code: true },
      where: { id: In([...new Set(ids)]) },
    });
    return new Map(lines.map((line) => [line.id, line.code]));
  }

  updateProductLine(
    id: string,
    input: UpdateProductLineDto,
    expectedVersion: number | undefined,
    actor: Principal,
  ): Promise<ProductLine> {
    refuseNulls(input, ['description']);
    return this.dataSource.transaction(async (em) => {
      const before = await this.getProductLine(id, em);
      const after = await updateVersioned(em, ProductLine, before, { ...input }, expectedVersion);
      await this.audit.record(em, actor, {
        entityType: 'product_line',
        entityId: id,
        action: 'update',
        before,
        after,
      });
      return after;
    });
  }

  /** Of the given product line ids, those that do not exist (set-based, for bulk lead intake). */
  findUnknownProductLines(manager: EntityManager, ids: readonly string[]): Promise<string[]> {
    return missingIds(manager, 'product_lines', ids);
  }

  /** Refuses (422 PRODUCT_LINE_UNKNOWN) when any of the ids names no product line. */
  async assertProductLinesExist(
    manager: EntityManager,
    ids: readonly string[],
    field = 'productLineIds',
  ): Promise<void> {
    const missing = await missingIds(manager, 'product_lines', ids);
    if (missing.length) {
      throw new DomainException(
        ErrorCode.PRODUCT_LINE_UNKNOWN,
        `Unknown product line ids: ${missing.join(', ')}`,
        missing.map((id) => ({ field, message: `product line ${id} does not exist` })),
      );
    }
  }

  // ---- products ----

  createProduct(input: CreateProductDto, actor: Principal): Promise<Product> {
    checkFloorBelowList(input.listPriceMinor, input.floorPriceMinor);
    return this.dataSource.transaction(async (em) => {
      await this.assertProductLinesExist(em, [input.productLineId], 'productLineId');
      const product = await em.save(
        em.create(Product, {
          productLineId: input.productLineId,
          sku: input.sku,
          name: input.name,
          currency: input.currency,
          listPriceMinor: input.listPriceMinor,
          floorPriceMinor: input.floorPriceMinor,
          active: input.active ?? true,
        }),
      );
      await this.audit.record(em, actor, {
        entityType: 'product',
        entityId: product.id,
        action: 'create',
        after: product,
      });
      return product;
    });
  }

  listProducts(query: ListProductsQuery): Promise<Page<Product>> {
    const builder = this.dataSource.getRepository(Product).createQueryBuilder('product');
    if (query.productLineId)
      builder.andWhere('product.product_line_id = :lineId', { lineId: query.productLineId });
    if (query.currency) builder.andWhere('product.currency = :currency', { currency: query.currency });
    if (query.active !== undefined) builder.andWhere('product.active = :active', { active: query.active });
    return paginate(builder, query, [
      { expression: 'product.sku', read: (row) => row.sku },
      { expression: 'product.id', read: (row) => row.id },
    ]);
  }

  async getProduct(id: string, em: EntityManager = this.dataSource.manager): Promise<Product> {
    const product = await em.findOneBy(Product, { id });
    if (!product) throw DomainException.notFound('Product', id);
    return product;
  }

  /**
   * Price changes keep every rule: floor ≤ list, and no active bundle holding the product may end up
   * priced below its members' floor sum.
   */
  updateProduct(
    id: string,
    input: UpdateProductDto,
    expectedVersion: number | undefined,
    actor: Principal,
  ): Promise<Product> {
    refuseNulls(input, []);
    return this.dataSource.transaction(async (em) => {
      const before = await em.findOne(Product, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw DomainException.notFound('Product', id);
      const listPriceMinor = input.listPriceMinor ?? before.listPriceMinor;
      const floorPriceMinor = input.floorPriceMinor ?? before.floorPriceMinor;
      checkFloorBelowList(listPriceMinor, floorPriceMinor);
      if (floorPriceMinor > before.floorPriceMinor) {
        const broken: { sku: string; price_minor: string; floor_sum: string }[] = await em.query(
          `SELECT b.sku, b.price_minor, sum(CASE WHEN p.id = $1 THEN $2::bigint ELSE p.floor_price_minor END * bi.quantity) AS floor_sum
             FROM bundles b
             JOIN bundle_items bi ON bi.bundle_id = b.id
             JOIN products p ON p.id = bi.product_id
            WHERE b.active AND b.id IN (SELECT bundle_id FROM bundle_items WHERE product_id = $1)
            GROUP BY b.id
           HAVING b.price_minor < sum(CASE WHEN p.id = $1 THEN $2::bigint ELSE p.floor_price_minor END * bi.quantity)`,
          [id, floorPriceMinor],
        );
        if (broken.length) {
          throw new DomainException(
            ErrorCode.BUNDLE_BELOW_FLOOR_SUM,
            `Raising the floor price would put bundle(s) ${broken.map((b) => b.sku).join(', ')} below their members' floor sum; reprice them first`,
            [{ field: 'floorPriceMinor', message: 'would break an active bundle' }],
          );
        }
      }
      const after = await updateVersioned(em, Product, before, { ...input }, expectedVersion);
      await this.audit.record(em, actor, {
        entityType: 'product',
        entityId: id,
        action: 'update',
        before,
        after,
      });
      return after;
    });
  }

  /** The active products of a product line with their prices, by SKU, in the caller's transaction (playbooks). */
  async listActiveProductsOfLine(
    manager: EntityManager,
    productLineId: string,
  ): Promise<(ProductPrice & { sku: string; name: string })[]> {
    const products = await manager
      .getRepository(Product)
      .find({ where: { productLineId, active: true }, order: { sku: 'ASC', id: 'ASC' } });
    return products.map((p) => ({
      id: p.id,
      productLineId: p.productLineId,
      sku: p.sku,
      name: p.name,
      currency: p.currency,
      listPriceMinor: p.listPriceMinor,
      floorPriceMinor: p.floorPriceMinor,
      active: p.active,
    }));
  }

  /** Current prices of the given products (unknown ids are simply absent). */
  async getProductPrices(ids: readonly string[]): Promise<ProductPrice[]> {
    if (ids.length === 0) return [];
    const products = await this.dataSource.getRepository(Product).findBy({ id: In([...new Set(ids)]) });
    return products.map((p) => ({
      id: p.id,
      productLineId: p.productLineId,
      currency: p.currency,
      listPriceMinor: p.listPriceMinor,
      floorPriceMinor: p.floorPriceMinor,
      active: p.active,
    }));
  }

  /**
   * What a contract may sell: products and bundles with their prices, floors (a bundle's: its members'
   * floor sum) and product lines (a bundle's members weighted by list value), in the caller's transaction.
   * Unknown ids are simply absent.
   */
  async getSellableItems(
    manager: EntityManager,
    productIds: readonly string[],
    bundleIds: readonly string[],
  ): Promise<{ products: ProductPrice[]; bundles: BundlePrice[] }> {
    const products: ProductPrice[] = productIds.length
      ? (await manager.find(Product, { where: { id: In([...new Set(productIds)]) } })).map((p) => ({
          id: p.id,
          productLineId: p.productLineId,
          currency: p.currency,
          listPriceMinor: p.listPriceMinor,
          floorPriceMinor: p.floorPriceMinor,
          active: p.active,
        }))
      : [];
    if (bundleIds.length === 0) return { products, bundles: [] };
    const rows: {
      id: string;
      currency: string;
      price_minor: string;
      active: boolean;
      floor_sum: string;
      members: { productLineId: string; weight: number }[];
    }[] = await manager.query(
      `SELECT b.id, b.currency, b.price_minor, b.active,
              COALESCE(sum(p.floor_price_minor * bi.quantity), 0) AS floor_sum,
              COALESCE(json_agg(json_build_object('productLineId', p.product_line_id,
                                                  'weight', p.list_price_minor * bi.quantity)
                       ORDER BY bi.created_at, bi.id) FILTER (WHERE p.id IS NOT NULL), '[]') AS members
         FROM bundles b
         LEFT JOIN bundle_items bi ON bi.bundle_id = b.id
         LEFT JOIN products p ON p.id = bi.product_id
        WHERE b.id = ANY($1::uuid[])
        GROUP BY b.id`,
      [[...new Set(bundleIds)]],
    );
    return {
      products,
      bundles: rows.map((row) => ({
        id: row.id,
        currency: row.currency,
        priceMinor: Number(row.price_minor),
        floorSumMinor: Number(row.floor_sum),
        active: row.active,
        members: row.members.map((m) => ({ productLineId: m.productLineId, weight: Number(m.weight) })),
      })),
    };
  }

  // ---- bundles ----

  /** Members must exist and share the bundle's currency; the price must cover their floor sum. */
  private async checkBundle(
    em: EntityManager,
    currency: string,
    priceMinor: number,
    items: BundleItemInput[],
  ): Promise<number> {
    const products = await em.find(Product, {
      where: { id: In(items.map((item) => item.productId)) },
      lock: { mode: 'pessimistic_read' },
    });
    const byId = new Map(products.map((product) => [product.id, product]));
    const missing = items.filter((item) => !byId.has(item.productId));
    if (missing.length) {
      throw new DomainException(
        ErrorCode.PRODUCT_UNKNOWN,
        `Unknown product ids: ${missing.map((item) => item.productId).join(', ')}`,
        missing.map((item) => ({
          field: `items.${items.indexOf(item)}.productId`,
          message: 'product does not exist',
        })),
      );
    }
    const foreign = items.filter((item) => byId.get(item.productId)!.currency !== currency);
    if (foreign.length) {
      throw new DomainException(
        ErrorCode.BUNDLE_CURRENCY_MISMATCH,
        `Every member must be priced in ${currency}`,
        foreign.map((item) => ({
          field: `items.${items.indexOf(item)}.productId`,
          message: `is priced in ${byId.get(item.productId)!.currency}`,
        })),
      );
    }
    const floorSumMinor = items.reduce(
      (sum, item) => sum + byId.get(item.productId)!.floorPriceMinor * item.quantity,
      0,
    );
    if (priceMinor < floorSumMinor) {
      throw new DomainException(
        ErrorCode.BUNDLE_BELOW_FLOOR_SUM,
        `The bundle price ${priceMinor} is below its members' floor sum ${floorSumMinor}`,
        [{ field: 'priceMinor', message: `must be at least ${floorSumMinor}` }],
        { floorSumMinor },
      );
    }
    return floorSumMinor;
  }

  createBundle(input: CreateBundleDto, actor: Principal): Promise<BundleWithFloor> {
    return this.dataSource.transaction(async (em) => {
      const floorSumMinor = await this.checkBundle(em, input.currency, input.priceMinor, input.items);
      const bundle = await em.save(
        em.create(Bundle, {
          sku: input.sku,
          name: input.name,
          currency: input.currency,
          priceMinor: input.priceMinor,
          active: input.active ?? true,
        }),
      );
      bundle.items = await em.save(
        input.items.map((item) => em.create(BundleItem, { bundleId: bundle.id, ...item })),
      );
      await this.audit.record(em, actor, {
        entityType: 'bundle',
        entityId: bundle.id,
        action: 'create',
        after: bundleSnapshot(bundle),
      });
      return { bundle, floorSumMinor };
    });
  }

  async listBundles(query: ListBundlesQuery): Promise<Page<BundleWithFloor>> {
    const builder = this.dataSource.getRepository(Bundle).createQueryBuilder('bundle');
    if (query.active !== undefined) builder.andWhere('bundle.active = :active', { active: query.active });
    const page = await paginate(builder, query, [
      { expression: 'bundle.sku', read: (row) => row.sku },
      { expression: 'bundle.id', read: (row) => row.id },
    ]);
    return { data: await this.withItems(this.dataSource.manager, page.data), nextCursor: page.nextCursor };
  }

  async getBundle(id: string, em: EntityManager = this.dataSource.manager): Promise<BundleWithFloor> {
    const bundle = await em.findOneBy(Bundle, { id });
    if (!bundle) throw DomainException.notFound('Bundle', id);
    return (await this.withItems(em, [bundle]))[0];
  }

  updateBundle(
    id: string,
    input: UpdateBundleDto,
    expectedVersion: number | undefined,
    actor: Principal,
  ): Promise<BundleWithFloor> {
    refuseNulls(input, []);
    return this.dataSource.transaction(async (em) => {
      const before = await this.getBundle(id, em);
      const items =
        input.items ??
        (before.bundle.items ?? []).map(({ productId, quantity }) => ({
          productId,
          quantity,
        }));
      const priceMinor = input.priceMinor ?? before.bundle.priceMinor;
      await this.checkBundle(em, before.bundle.currency, priceMinor, items);
      const { items: newItems, ...changes } = input;
      await updateVersioned(em, Bundle, before.bundle, changes, expectedVersion);
      if (newItems) {
        await em.delete(BundleItem, { bundleId: id });
        await em.save(newItems.map((item) => em.create(BundleItem, { bundleId: id, ...item })));
      }
      const after = await this.getBundle(id, em);
      await this.audit.record(em, actor, {
        entityType: 'bundle',
        entityId: id,
        action: 'update',
        before: bundleSnapshot(before.bundle),
        after: bundleSnapshot(after.bundle),
      });
      return after;
    });
  }

  /** Loads items and floor sums for a page of bundles in two queries. */
  private async withItems(em: EntityManager, bundles: Bundle[]): Promise<BundleWithFloor[]> {
    if (bundles.length === 0) return [];
    const items = await em.find(BundleItem, { where: { bundleId: In(bundles.map((b) => b.id)) } });
    const floors: { bundle_id: string; floor_sum: string }[] = await em.query(
      `SELECT bi.bundle_id, sum(p.floor_price_minor * bi.quantity) AS floor_sum
         FROM bundle_items bi JOIN products p ON p.id = bi.product_id
        WHERE bi.bundle_id = ANY($1::uuid[]) GROUP BY bi.bundle_id`,
      [bundles.map((b) => b.id)],
    );
    const floorById = new Map(floors.map((row) => [row.bundle_id, Number(row.floor_sum)]));
    return bundles.map((bundle) => {
      bundle.items = items.filter((item) => item.bundleId === bundle.id);
      return { bundle, floorSumMinor: floorById.get(bundle.id) ?? 0 };
    });
  }
}

function bundleSnapshot(bundle: Bundle): object {
  return {
    ...bundle,
    items: (bundle.items ?? [])
      .map(({ productId, quantity }) => ({ productId, quantity }))
      .sort((a, b) => a.productId.localeCompare(b.productId)),
  };
}
