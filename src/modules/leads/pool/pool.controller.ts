import { ErrorCode } from '../../../common/errors/error-codes';
import { Body, Controller, Get, Headers, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../../common/auth/auth.decorators';
import type { DataScope } from '../../../common/auth/data-scope';
import { type Principal, Role } from '../../../common/auth/role';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator';
import { mapPage, Page, PageQuery } from '../../../common/pagination/pagination';
import { parseIfMatch } from '../../../common/http/etag';
import { ApiIfMatch } from '../../../common/openapi/api-if-match.decorator';
import { AsOfDto, asOfTime } from '../routing/routing.dto';
import {
  CreateLeadPoolDto,
  DistributePoolLeadsDto,
  LeadPoolDto,
  LeadPoolPage,
  mapLeadPool,
  PoolLeadDto,
  PoolLeadPage,
  PoolTakeResultDto,
  ReclaimRunResultDto,
  ReclaimWarningRunResultDto,
  ReviveLeadsDto,
  RevivalRunResultDto,
  UpdateLeadPoolDto,
  ListPoolLeadsQuery,
} from './pool.dto';
import { PoolService } from './pool.service';
import { ContactReadsRecorder } from '../personal-data/contact-reads';
import { UuidParam } from '../../../common/openapi/uuid-param.decorator';

@ApiTags('lead pool')
@Controller()
export class PoolController {
  constructor(
    private readonly pools: PoolService,
    private readonly contactReads: ContactReadsRecorder,
  ) {}

  @Post('lead-pools')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER)
  @ApiOperation({
    summary: 'Create a lead pool with its reclaim windows per tier, caps, claim limit and cool-down',
  })
  @ApiCreatedResponse({ type: LeadPoolDto })
  @ApiProblems(400, 403)
  async createLeadPool(@Body() body: CreateLeadPoolDto, @Scope() scope: DataScope): Promise<LeadPoolDto> {
    return mapLeadPool(await this.pools.createLeadPool(body, scope));
  }

  @Get('lead-pools')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.REP)
  @ApiOperation({ summary: 'List the pools open to the caller (company pools, and their vendor’s pool)' })
  @ApiOkResponse({ type: LeadPoolPage })
  @ApiProblems(400)
  async listLeadPools(@Query() query: PageQuery, @Scope() scope: DataScope): Promise<Page<LeadPoolDto>> {
    return mapPage(await this.pools.listLeadPools(scope, query), mapLeadPool);
  }

  @Get('lead-pools/:id')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.REP)
  @ApiOperation({ summary: 'Get a lead pool' })
  @ApiOkResponse({ type: LeadPoolDto })
  @ApiProblems(404)
  async getLeadPool(@UuidParam('id') id: string, @Scope() scope: DataScope): Promise<LeadPoolDto> {
    return mapLeadPool(await this.pools.getLeadPool(id, scope));
  }

  @Patch('lead-pools/:id')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER)
  @ApiIfMatch()
  @ApiOperation({
    summary: 'Edit a pool’s reclaim windows, caps, claim limit, cool-down, name or default flag',
    description:
      'Fields left out are kept; `noProgressDays: null` stops the no-progress reclaim. The windows apply ' +
      'from the next reclaim run. `isDefault: true` makes a company pool the default in place of the current ' +
      'one; the default cannot be unset directly. A vendor manager edits its own vendor’s pool only (403).',
  })
  @ApiOkResponse({ type: LeadPoolDto })
  @ApiProblems(400, 403, 404, 412)
  async updateLeadPool(
    @UuidParam('id') id: string,
    @Body() body: UpdateLeadPoolDto,
    @Scope() scope: DataScope,
    @Headers('if-match') ifMatch?: string,
  ): Promise<LeadPoolDto> {
    return mapLeadPool(await this.pools.updateLeadPool(id, body, parseIfMatch(ifMatch), scope));
  }

  @Post('lead-pools/:id/close')
  @HttpCode(200)
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER)
  @ApiIfMatch()
  @ApiOperation({
    summary: 'Close a pool: its waiting leads move to the default company pool',
    description:
      'The leads waiting in the pool move to the default company pool (each lead’s history says so); from ' +
      'then on the reclaim sends a vendor’s leads to the default pool, and the closed pool takes no claims, ' +
      'distributions or edits (409 `POOL_CLOSED`). The default pool cannot be closed (409 `POOL_IS_DEFAULT`: ' +
      'make another company pool the default first). A vendor manager closes its own vendor’s pool only (403).',
  })
  @ApiOkResponse({ type: LeadPoolDto })
  @ApiProblems(403, 404, 409, 412)
  async closeLeadPool(
    @UuidParam('id') id: string,
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
    @Headers('if-match') ifMatch?: string,
  ): Promise<LeadPoolDto> {
    const { pool } = await this.pools.closeLeadPool(id, parseIfMatch(ifMatch), scope, principal);
    return mapLeadPool(pool);
  }

  @Get('lead-pools/:id/leads')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.REP)
  @ApiOperation({
    summary: 'Leads waiting in a pool, key and best-scored first',
    description:
      'Contacts of leads not yet the caller’s vendor’s are masked. Reading unmasked contacts is recorded in ' +
      'the audit log (action contacts_read, one entry naming the leads, with `purpose`).',
  })
  @ApiOkResponse({ type: PoolLeadPage })
  @ApiProblems(400, 404)
  async listLeadPoolLeads(
    @UuidParam('id') id: string,
    @Query() query: ListPoolLeadsQuery,
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<PoolLeadDto>> {
    const page = await this.pools.listLeadPoolLeads(id, scope, query);
    await this.contactReads.record(
      page.data.map((lead) => ({
        id: lead.leadId,
        vendorId: lead.vendorId,
        hasContacts: lead.contact !== null,
      })),
      scope,
      principal,
      query.purpose,
    );
    return mapPage(page, ({ vendorId: _vendorId, ...lead }) => lead);
  }

  @Post('lead-pools/:id/leads/:leadId/claim')
  @HttpCode(200)
  @Auth(Role.REP)
  @ApiOperation({
    summary: 'Claim a lead from a pool',
    description:
      'Refused with 409 POOL_CLAIM_COOLDOWN while the lead’s previous owner is cooling down, ' +
      'POOL_CLAIM_LIMIT_REACHED past the daily claim limit (the rep’s calendar day), POOL_HOLDING_CAP_REACHED ' +
      'when the rep holds the pool’s cap, LEAD_NOT_ELIGIBLE outside the vendor’s scope, LEAD_NOT_IN_POOL.',
  })
  @ApiOkResponse({ type: PoolTakeResultDto })
  @ApiProblems(
    403,
    404,
    ErrorCode.REP_INACTIVE,
    ErrorCode.REP_AT_CAPACITY,
    ErrorCode.LEAD_NOT_IN_POOL,
    ErrorCode.LEAD_NOT_ELIGIBLE,
    ErrorCode.POOL_CLAIM_LIMIT_REACHED,
    ErrorCode.POOL_CLAIM_COOLDOWN,
    ErrorCode.POOL_HOLDING_CAP_REACHED,
  )
  async claimPoolLead(
    @UuidParam('id') id: string,
    @UuidParam('leadId') leadId: string,
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PoolTakeResultDto> {
    const decision = await this.pools.claimPoolLead(id, leadId, scope, principal, new Date());
    return { leadIds: [decision.lead.id], repId: decision.repId! };
  }

  @Post('lead-pools/:id/distributions')
  @HttpCode(200)
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER)
  @ApiOperation({
    summary: 'Hand pool leads to a rep (a vendor manager: from their vendor’s pool to their own reps)',
  })
  @ApiOkResponse({ type: PoolTakeResultDto })
  @ApiProblems(
    400,
    403,
    404,
    ErrorCode.REP_INACTIVE,
    ErrorCode.REP_AT_CAPACITY,
    ErrorCode.LEAD_NOT_IN_POOL,
    ErrorCode.LEAD_NOT_ELIGIBLE,
    ErrorCode.POOL_CLAIM_LIMIT_REACHED,
    ErrorCode.POOL_CLAIM_COOLDOWN,
    ErrorCode.POOL_HOLDING_CAP_REACHED,
  )
  async distributePoolLeads(
    @UuidParam('id') id: string,
    @Body() body: DistributePoolLeadsDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PoolTakeResultDto> {
    await this.pools.distributePoolLeads(id, body, scope, principal, new Date());
    return { leadIds: body.leadIds, repId: body.repId };
  }

  @Post('lead-pools/reclaim-runs')
  @HttpCode(200)
  @Auth(Role.ADMIN)
  @ApiOperation({
    summary: 'Reclaim idle leads into their pools now, as of a time (the scheduler does this)',
  })
  @ApiOkResponse({ type: ReclaimRunResultDto })
  @ApiProblems(400)
  reclaimIdleLeads(@Body() body: AsOfDto): Promise<ReclaimRunResultDto> {
    return this.pools.reclaimIdleLeads(asOfTime(body));
  }

  @Post('lead-pools/reclaim-warning-runs')
  @HttpCode(200)
  @Auth(Role.ADMIN)
  @ApiOperation({ summary: 'Warn owners of leads about to be reclaimed, as of a time' })
  @ApiOkResponse({ type: ReclaimWarningRunResultDto })
  @ApiProblems(400)
  async warnBeforeReclaim(@Body() body: AsOfDto): Promise<ReclaimWarningRunResultDto> {
    return { warnings: await this.pools.warnBeforeReclaim(asOfTime(body)) };
  }

  @Post('lead-pools/revival-runs')
  @HttpCode(200)
  @Auth(Role.ADMIN)
  @ApiOperation({
    summary: 'Offer a share of silent and dead leads to routing again, best first (the scheduler does this)',
  })
  @ApiOkResponse({ type: RevivalRunResultDto })
  @ApiProblems(400)
  reviveLeads(
    @Body() body: ReviveLeadsDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RevivalRunResultDto> {
    return this.pools.reviveLeadsForRequest(asOfTime(body), body, principal);
  }
}
