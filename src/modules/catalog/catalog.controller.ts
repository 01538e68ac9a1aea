import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal } from '../../common/auth/auth.decorators';
import { type Principal, Role } from '../../common/auth/role';
import { IfMatch } from '../../common/http/etag';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { ApiIfMatch } from '../../common/openapi/api-if-match.decorator';
import { Page, mapPage } from '../../common/pagination/pagination';
import {
  BundleDto,
  BundlePage,
  CreateBundleDto,
  CreateProductDto,
  CreateProductLineDto,
  ListBundlesQuery,
  ListProductLinesQuery,
  ListProductsQuery,
  mapBundle,
  mapProduct,
  mapProductLine,
  ProductDto,
  ProductLineDto,
  ProductLinePage,
  ProductPage,
  UpdateBundleDto,
  UpdateProductDto,
  UpdateProductLineDto,
} from './catalog.dto';
import { CatalogService } from './catalog.service';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

/** Readable by every signed-in role; written by admins and sales managers. */
@ApiTags('catalog')
@Controller()
@Auth()
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Post('product-lines')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Idempotent()
  @Endpoint({
    summary: 'Create a product line',
    description:
      'Admins and sales managers. Creates a product line with a unique code (a taken code is 409), ' +
      'name and description. Audited. Send an Idempotency-Key to make retries safe.',
    created: ProductLineDto,
    problems: [400, 409],
  })
  async createProductLine(
    @Body() body: CreateProductLineDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ProductLineDto> {
    return mapProductLine(await this.catalog.createProductLine(body, actor));
  }

  @Get('product-lines')
  @Endpoint({
    summary: 'List product lines by code',
    description:
      'Any signed-in role. Lists product lines ordered by code with cursor pagination; filter by ' +
      'active flag. Product lines are what agreements scope vendors to and what playbooks and ' +
      'curricula are about.',
    ok: ProductLinePage,
    problems: [400],
  })
  async listProductLines(@Query() query: ListProductLinesQuery): Promise<Page<ProductLineDto>> {
    const page = await this.catalog.listProductLines(query);
    return mapPage(page, mapProductLine);
  }

  @Get('product-lines/:id')
  @Endpoint({
    summary: 'Get a product line',
    description:
      'Any signed-in role. Answers one product line with its code, name, description and active ' +
      'flag; the ETag carries its version.',
    ok: ProductLineDto,
    problems: [400, 404],
  })
  async getProductLine(@UuidParam('id') id: string): Promise<ProductLineDto> {
    return mapProductLine(await this.catalog.getProductLine(id));
  }

  @Patch('product-lines/:id')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @ApiIfMatch()
  @Endpoint({
    summary: 'Update a product line: name, description, active flag',
    description:
      'Admins and sales managers. Changes a product line’s name, description or active flag (the ' +
      'code stays). Audited; send If-Match with the version last read (stale: 412).',
    ok: ProductLineDto,
    problems: [400, 404, 412],
  })
  async updateProductLine(
    @UuidParam('id') id: string,
    @Body() body: UpdateProductLineDto,
    @CurrentPrincipal() actor: Principal,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<ProductLineDto> {
    return mapProductLine(await this.catalog.updateProductLine(id, body, ifMatch, actor));
  }

  @Post('products')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Idempotent()
  @Endpoint({
    summary: 'Create a product with list and floor price',
    description: 'Prices in integer minor units of the currency. A floor above the list price is 422.',
    created: ProductDto,
    problems: [400, 409, 422],
  })
  async createProduct(
    @Body() body: CreateProductDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ProductDto> {
    return mapProduct(await this.catalog.createProduct(body, actor));
  }

  @Get('products')
  @Endpoint({
    summary: 'List products by SKU, filtered by line, currency, active flag',
    description:
      'Any signed-in role. Lists products ordered by SKU with list and floor prices in integer ' +
      'minor units of their currency; filter by product line, currency or active flag; ' +
      'cursor-paged.',
    ok: ProductPage,
    problems: [400],
  })
  async listProducts(@Query() query: ListProductsQuery): Promise<Page<ProductDto>> {
    const page = await this.catalog.listProducts(query);
    return mapPage(page, mapProduct);
  }

  @Get('products/:id')
  @Endpoint({
    summary: 'Get a product with its prices',
    description:
      'Any signed-in role. Answers one product: SKU, name, product line, list and floor price in ' +
      'minor units with the currency, and whether it is active.',
    ok: ProductDto,
    problems: [400, 404],
  })
  async getProduct(@UuidParam('id') id: string): Promise<ProductDto> {
    return mapProduct(await this.catalog.getProduct(id));
  }

  @Patch('products/:id')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @ApiIfMatch()
  @Endpoint({
    summary: 'Change a product’s name, prices or active flag (audited)',
    description: 'Refused (422) when the floor exceeds the list price or would break an active bundle.',
    ok: ProductDto,
    problems: [400, 404, 412, 422],
  })
  async updateProduct(
    @UuidParam('id') id: string,
    @Body() body: UpdateProductDto,
    @CurrentPrincipal() actor: Principal,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<ProductDto> {
    return mapProduct(await this.catalog.updateProduct(id, body, ifMatch, actor));
  }

  @Post('bundles')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Idempotent()
  @Endpoint({
    summary: 'Create a bundle of products at one price',
    description: 'Members share the bundle currency; the price must cover the sum of member floor prices.',
    created: BundleDto,
    problems: [400, 409, 422],
  })
  async createBundle(
    @Body() body: CreateBundleDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<BundleDto> {
    return mapBundle(await this.catalog.createBundle(body, actor));
  }

  @Get('bundles')
  @Endpoint({
    summary: 'List bundles with members and floor sums',
    description:
      'Any signed-in role. Lists bundles with their member products and the sum of the members’ ' +
      'floor prices, so a seller sees how far the bundle price is above its floor; cursor-paged, ' +
      'filter by active flag.',
    ok: BundlePage,
    problems: [400],
  })
  async listBundles(@Query() query: ListBundlesQuery): Promise<Page<BundleDto>> {
    const page = await this.catalog.listBundles(query);
    return mapPage(page, mapBundle);
  }

  @Get('bundles/:id')
  @Endpoint({
    summary: 'Get a bundle with members and floor sum',
    description:
      'Any signed-in role. Answers one bundle: its price and currency, its member products with ' +
      'quantities, and the sum of their floor prices.',
    ok: BundleDto,
    problems: [400, 404],
  })
  async getBundle(@UuidParam('id') id: string): Promise<BundleDto> {
    return mapBundle(await this.catalog.getBundle(id));
  }

  @Patch('bundles/:id')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @ApiIfMatch()
  @Endpoint({
    summary: 'Change a bundle’s name, price, members or active flag (audited)',
    description:
      'Admins and sales managers. Changes a bundle’s name, price, members or active flag, checked ' +
      'like a new bundle: members in the bundle’s currency and a price not below the members’ ' +
      'floor sum (422). Audited with before and after; send If-Match with the version last read ' +
      '(stale: 412).',
    ok: BundleDto,
    problems: [400, 404, 412, 422],
  })
  async updateBundle(
    @UuidParam('id') id: string,
    @Body() body: UpdateBundleDto,
    @CurrentPrincipal() actor: Principal,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<BundleDto> {
    return mapBundle(await this.catalog.updateBundle(id, body, ifMatch, actor));
  }
}
