import { Body, Controller, Get, Headers, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal } from '../../common/auth/auth.decorators';
import { type Principal, Role } from '../../common/auth/role';
import { parseIfMatch } from '../../common/http/etag';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { ApiIfMatch } from '../../common/openapi/api-if-match.decorator';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
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

/** Readable by every signed-in role; written by admins and sales managers. */
@ApiTags('catalog')
@Controller()
@Auth()
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Post('product-lines')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Idempotent()
  @ApiOperation({ summary: 'Create a product line' })
  @ApiCreatedResponse({ type: ProductLineDto })
  @ApiProblems(400, 409)
  async createProductLine(
    @Body() body: CreateProductLineDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ProductLineDto> {
    return mapProductLine(await this.catalog.createProductLine(body, actor));
  }

  @Get('product-lines')
  @ApiOperation({ summary: 'List product lines by code' })
  @ApiOkResponse({ type: ProductLinePage })
  @ApiProblems(400)
  async listProductLines(@Query() query: ListProductLinesQuery): Promise<Page<ProductLineDto>> {
    const page = await this.catalog.listProductLines(query);
    return mapPage(page, mapProductLine);
  }

  @Get('product-lines/:id')
  @ApiOperation({ summary: 'Get a product line' })
  @ApiOkResponse({ type: ProductLineDto })
  @ApiProblems(400, 404)
  async getProductLine(@UuidParam('id') id: string): Promise<ProductLineDto> {
    return mapProductLine(await this.catalog.getProductLine(id));
  }

  @Patch('product-lines/:id')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @ApiIfMatch()
  @ApiOperation({ summary: 'Update a product line: name, description, active flag' })
  @ApiOkResponse({ type: ProductLineDto })
  @ApiProblems(400, 404, 412)
  async updateProductLine(
    @UuidParam('id') id: string,
    @Body() body: UpdateProductLineDto,
    @CurrentPrincipal() actor: Principal,
    @Headers('if-match') ifMatch?: string,
  ): Promise<ProductLineDto> {
    return mapProductLine(await this.catalog.updateProductLine(id, body, parseIfMatch(ifMatch), actor));
  }

  @Post('products')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Idempotent()
  @ApiOperation({
    summary: 'Create a product with list and floor price',
    description: 'Prices in integer minor units of the currency. A floor above the list price is 422.',
  })
  @ApiCreatedResponse({ type: ProductDto })
  @ApiProblems(400, 409, 422)
  async createProduct(
    @Body() body: CreateProductDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ProductDto> {
    return mapProduct(await this.catalog.createProduct(body, actor));
  }

  @Get('products')
  @ApiOperation({ summary: 'List products by SKU, filtered by line, currency, active flag' })
  @ApiOkResponse({ type: ProductPage })
  @ApiProblems(400)
  async listProducts(@Query() query: ListProductsQuery): Promise<Page<ProductDto>> {
    const page = await this.catalog.listProducts(query);
    return mapPage(page, mapProduct);
  }

  @Get('products/:id')
  @ApiOperation({ summary: 'Get a product with its prices' })
  @ApiOkResponse({ type: ProductDto })
  @ApiProblems(400, 404)
  async getProduct(@UuidParam('id') id: string): Promise<ProductDto> {
    return mapProduct(await this.catalog.getProduct(id));
  }

  @Patch('products/:id')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @ApiIfMatch()
  @ApiOperation({
    summary: 'Change a product’s name, prices or active flag (audited)',
    description: 'Refused (422) when the floor exceeds the list price or would break an active bundle.',
  })
  @ApiOkResponse({ type: ProductDto })
  @ApiProblems(400, 404, 412, 422)
  async updateProduct(
    @UuidParam('id') id: string,
    @Body() body: UpdateProductDto,
    @CurrentPrincipal() actor: Principal,
    @Headers('if-match') ifMatch?: string,
  ): Promise<ProductDto> {
    return mapProduct(await this.catalog.updateProduct(id, body, parseIfMatch(ifMatch), actor));
  }

  @Post('bundles')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Idempotent()
  @ApiOperation({
    summary: 'Create a bundle of products at one price',
    description: 'Members share the bundle currency; the price must cover the sum of member floor prices.',
  })
  @ApiCreatedResponse({ type: BundleDto })
  @ApiProblems(400, 409, 422)
  async createBundle(
    @Body() body: CreateBundleDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<BundleDto> {
    return mapBundle(await this.catalog.createBundle(body, actor));
  }

  @Get('bundles')
  @ApiOperation({ summary: 'List bundles with members and floor sums' })
  @ApiOkResponse({ type: BundlePage })
  @ApiProblems(400)
  async listBundles(@Query() query: ListBundlesQuery): Promise<Page<BundleDto>> {
    const page = await this.catalog.listBundles(query);
    return mapPage(page, mapBundle);
  }

  @Get('bundles/:id')
  @ApiOperation({ summary: 'Get a bundle with members and floor sum' })
  @ApiOkResponse({ type: BundleDto })
  @ApiProblems(400, 404)
  async getBundle(@UuidParam('id') id: string): Promise<BundleDto> {
    return mapBundle(await this.catalog.getBundle(id));
  }

  @Patch('bundles/:id')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @ApiIfMatch()
  @ApiOperation({ summary: 'Change a bundle’s name, price, members or active flag (audited)' })
  @ApiOkResponse({ type: BundleDto })
  @ApiProblems(400, 404, 412, 422)
  async updateBundle(
    @UuidParam('id') id: string,
    @Body() body: UpdateBundleDto,
    @CurrentPrincipal() actor: Principal,
    @Headers('if-match') ifMatch?: string,
  ): Promise<BundleDto> {
    return mapBundle(await this.catalog.updateBundle(id, body, parseIfMatch(ifMatch), actor));
  }
}
