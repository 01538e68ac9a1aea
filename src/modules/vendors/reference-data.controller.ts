import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal } from '../../common/auth/auth.decorators';
import { type Principal, Role } from '../../common/auth/role';
import { IfMatch } from '../../common/http/etag';
import { ErrorCode } from '../../common/errors/error-codes';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { ApiIfMatch } from '../../common/openapi/api-if-match.decorator';
import { Page, mapPage } from '../../common/pagination/pagination';
import {
  CreateRegionDto,
  CreateSalesUnitDto,
  IndustryDto,
  listIndustryDtos,
  ListRegionsQuery,
  ListSalesUnitsQuery,
  mapRegion,
  mapSalesUnit,
  RegionDto,
  RegionPage,
  SalesUnitDto,
  SalesUnitPage,
  UpdateRegionDto,
  UpdateSalesUnitDto,
} from './reference-data.dto';
import { ReferenceDataService } from './reference-data.service';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

/** Reference data every signed-in role reads; admins and sales managers maintain it. */
@ApiTags('organisation')
@Controller()
@Auth()
export class ReferenceDataController {
  constructor(private readonly referenceData: ReferenceDataService) {}

  @Post('regions')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Idempotent()
  @Endpoint({
    summary: 'Create a sales region (territory)',
    description:
      'Admins and sales managers. Creates a sales region with a unique code (409 when taken) under ' +
      'an optional parent region; an unknown parent is 422 `REGION_UNKNOWN`, a parent that would ' +
      'make a loop 422 `REGION_PARENT_INVALID`. Audited.',
    created: RegionDto,
    problems: [400, 409, 422, ErrorCode.REGION_UNKNOWN, ErrorCode.REGION_PARENT_INVALID],
  })
  async createRegion(
    @Body() body: CreateRegionDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<RegionDto> {
    return mapRegion(await this.referenceData.createRegion(body, actor));
  }

  @Get('regions')
  @Endpoint({
    summary: 'List sales regions by code',
    description:
      'Any signed-in role. Lists sales regions ordered by code with cursor pagination, each with ' +
      'its parent, so a client can build the territory tree; filter by country.',
    ok: RegionPage,
    problems: [400],
  })
  async listRegions(@Query() query: ListRegionsQuery): Promise<Page<RegionDto>> {
    const page = await this.referenceData.listRegions(query);
    return mapPage(page, mapRegion);
  }

  @Get('regions/:id')
  @Endpoint({
    summary: 'Get a sales region',
    description: 'Any signed-in role. Answers one sales region with its code, name and parent.',
    ok: RegionDto,
    problems: [400, 404],
  })
  async getRegion(@UuidParam('id') id: string): Promise<RegionDto> {
    return mapRegion(await this.referenceData.getRegion(id));
  }

  @Patch('regions/:id')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @ApiIfMatch()
  @Endpoint({
    summary: 'Rename a sales region or move it in the tree',
    description:
      'The code stays: leads, contracts and rules name the region by it. A new parent lies in the same country and is not the region or one of its sub-regions.',
    ok: RegionDto,
    problems: [400, 404, 412, 422, ErrorCode.REGION_UNKNOWN, ErrorCode.REGION_PARENT_INVALID],
  })
  async updateRegion(
    @UuidParam('id') id: string,
    @Body() body: UpdateRegionDto,
    @CurrentPrincipal() actor: Principal,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<RegionDto> {
    return mapRegion(await this.referenceData.updateRegion(id, body, ifMatch, actor));
  }

  @Get('industries')
  @Endpoint({
    summary: 'List the industry codes agreements, reps and leads use',
    description:
      'Any signed-in role. Lists the fixed industry codes with their names; agreements, reps and ' +
      'leads name industries by these codes.',
    ok: [IndustryDto],
    problems: [401],
  })
  listIndustries(): IndustryDto[] {
    return listIndustryDtos();
  }

  @Post('sales-units')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Idempotent()
  @Endpoint({
    summary: 'Create a sales unit (company, region, division or team)',
    description:
      'Admins and sales managers. Creates a sales unit with a unique code (409 when taken), its ' +
      'kind and an optional parent; an unknown parent is 422. Audited.',
    created: SalesUnitDto,
    problems: [400, 409, 422],
  })
  async createSalesUnit(
    @Body() body: CreateSalesUnitDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<SalesUnitDto> {
    return mapSalesUnit(await this.referenceData.createSalesUnit(body, actor));
  }

  @Get('sales-units')
  @Endpoint({
    summary: 'List sales units by code, optionally the children of one unit',
    description:
      'Any signed-in role. Lists sales units (company, region, division, team) ordered by code; ' +
      'with `parentId` only the children of that unit, with `kind` only units of that kind. ' +
      'Targets roll up along this tree.',
    ok: SalesUnitPage,
    problems: [400],
  })
  async listSalesUnits(@Query() query: ListSalesUnitsQuery): Promise<Page<SalesUnitDto>> {
    const page = await this.referenceData.listSalesUnits(query);
    return mapPage(page, mapSalesUnit);
  }

  @Get('sales-units/:id')
  @Endpoint({
    summary: 'Get a sales unit',
    description: 'Any signed-in role. Answers one sales unit with its code, kind, name and parent.',
    ok: SalesUnitDto,
    problems: [400, 404],
  })
  async getSalesUnit(@UuidParam('id') id: string): Promise<SalesUnitDto> {
    return mapSalesUnit(await this.referenceData.getSalesUnit(id));
  }

  @Patch('sales-units/:id')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @ApiIfMatch()
  @Endpoint({
    summary: 'Rename a sales unit or move it in the tree (no loops)',
    description:
      'Admins and sales managers. Renames a sales unit or moves it under another parent; a move ' +
      'that would make a loop in the tree is 422. Audited; send If-Match (stale: 412).',
    ok: SalesUnitDto,
    problems: [400, 404, 412, 422],
  })
  async updateSalesUnit(
    @UuidParam('id') id: string,
    @Body() body: UpdateSalesUnitDto,
    @CurrentPrincipal() actor: Principal,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<SalesUnitDto> {
    return mapSalesUnit(await this.referenceData.updateSalesUnit(id, body, ifMatch, actor));
  }
}
