import { Body, Controller, Get, Headers, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal } from '../../common/auth/auth.decorators';
import { type Principal, Role } from '../../common/auth/role';
import { parseIfMatch } from '../../common/http/etag';
import { ErrorCode } from '../../common/errors/error-codes';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { ApiIfMatch } from '../../common/openapi/api-if-match.decorator';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
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

/** Reference data every signed-in role reads; admins and sales managers maintain it. */
@ApiTags('organisation')
@Controller()
@Auth()
export class ReferenceDataController {
  constructor(private readonly referenceData: ReferenceDataService) {}

  @Post('regions')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Idempotent()
  @ApiOperation({ summary: 'Create a sales region (territory)' })
  @ApiCreatedResponse({ type: RegionDto })
  @ApiProblems(400, 409, 422, ErrorCode.REGION_UNKNOWN, ErrorCode.REGION_PARENT_INVALID)
  async createRegion(
    @Body() body: CreateRegionDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<RegionDto> {
    return mapRegion(await this.referenceData.createRegion(body, actor));
  }

  @Get('regions')
  @ApiOperation({ summary: 'List sales regions by code' })
  @ApiOkResponse({ type: RegionPage })
  @ApiProblems(400)
  async listRegions(@Query() query: ListRegionsQuery): Promise<Page<RegionDto>> {
    const page = await this.referenceData.listRegions(query);
    return mapPage(page, mapRegion);
  }

  @Get('regions/:id')
  @ApiOperation({ summary: 'Get a sales region' })
  @ApiOkResponse({ type: RegionDto })
  @ApiProblems(400, 404)
  async getRegion(@UuidParam('id') id: string): Promise<RegionDto> {
    return mapRegion(await this.referenceData.getRegion(id));
  }

  @Patch('regions/:id')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @ApiIfMatch()
  @ApiOperation({
    summary: 'Rename a sales region or move it in the tree',
    description:
      'The code stays: leads, contracts and rules name the region by it. A new parent lies in the same country and is not the region or one of its sub-regions.',
  })
  @ApiOkResponse({ type: RegionDto })
  @ApiProblems(400, 404, 412, 422, ErrorCode.REGION_UNKNOWN, ErrorCode.REGION_PARENT_INVALID)
  async updateRegion(
    @UuidParam('id') id: string,
    @Body() body: UpdateRegionDto,
    @CurrentPrincipal() actor: Principal,
    @Headers('if-match') ifMatch?: string,
  ): Promise<RegionDto> {
    return mapRegion(await this.referenceData.updateRegion(id, body, parseIfMatch(ifMatch), actor));
  }

  @Get('industries')
  @ApiOperation({ summary: 'List the industry codes agreements, reps and leads use' })
  @ApiOkResponse({ type: [IndustryDto] })
  @ApiProblems(401)
  listIndustries(): IndustryDto[] {
    return listIndustryDtos();
  }

  @Post('sales-units')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Idempotent()
  @ApiOperation({ summary: 'Create a sales unit (company, region, division or team)' })
  @ApiCreatedResponse({ type: SalesUnitDto })
  @ApiProblems(400, 409, 422)
  async createSalesUnit(
    @Body() body: CreateSalesUnitDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<SalesUnitDto> {
    return mapSalesUnit(await this.referenceData.createSalesUnit(body, actor));
  }

  @Get('sales-units')
  @ApiOperation({ summary: 'List sales units by code, optionally the children of one unit' })
  @ApiOkResponse({ type: SalesUnitPage })
  @ApiProblems(400)
  async listSalesUnits(@Query() query: ListSalesUnitsQuery): Promise<Page<SalesUnitDto>> {
    const page = await this.referenceData.listSalesUnits(query);
    return mapPage(page, mapSalesUnit);
  }

  @Get('sales-units/:id')
  @ApiOperation({ summary: 'Get a sales unit' })
  @ApiOkResponse({ type: SalesUnitDto })
  @ApiProblems(400, 404)
  async getSalesUnit(@UuidParam('id') id: string): Promise<SalesUnitDto> {
    return mapSalesUnit(await this.referenceData.getSalesUnit(id));
  }

  @Patch('sales-units/:id')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @ApiIfMatch()
  @ApiOperation({ summary: 'Rename a sales unit or move it in the tree (no loops)' })
  @ApiOkResponse({ type: SalesUnitDto })
  @ApiProblems(400, 404, 412, 422)
  async updateSalesUnit(
    @UuidParam('id') id: string,
    @Body() body: UpdateSalesUnitDto,
    @CurrentPrincipal() actor: Principal,
    @Headers('if-match') ifMatch?: string,
  ): Promise<SalesUnitDto> {
    return mapSalesUnit(await this.referenceData.updateSalesUnit(id, body, parseIfMatch(ifMatch), actor));
  }
}
