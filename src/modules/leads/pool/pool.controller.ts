import { ErrorCode } from '../../../common/errors/error-codes';
import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../../common/auth/auth.decorators';
import type { DataScope } from '../../../common/auth/data-scope';
import { type Principal, Role } from '../../../common/auth/role';
import { mapPage, Page, PageQuery } from '../../../common/pagination/pagination';
import { IfMatch } from '../../../common/http/etag';
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
import { Endpoint } from '../../../common/openapi/endpoint.decorator';

@ApiTags('lead pool')
@Controller()
export class PoolController {
  constructor(
    private readonly pools: PoolService,
    private readonly contactReads: ContactReadsRecorder,
  ) {}

  @Post('lead-pools')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER)
  @Endpoint({
    summary: 'Create a lead pool with its reclaim windows per tier, caps, claim limit and cool-down',
    description:
      'Admins and sales managers create company pools or a vendor’s pool; a vendor manager creates ' +
      'pools of their own vendor only (else 403). Sets the days without follow-up or progress ' +
      'after which a lead is reclaimed, per tier, the warning before reclaim, the holding cap, the ' +
      'daily claim limit and the cool-down. Only a company pool can be the default one.',
    created: LeadPoolDto,
    problems: [400, 403],
  })
  async createLeadPool(@Body() body: CreateLeadPoolDto, @Scope() scope: DataScope): Promise<LeadPoolDto> {
    return mapLeadPool(await this.pools.createLeadPool(body, scope));
  }

  @Get('lead-pools')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.REP)
  @Endpoint({
    summary: 'List the pools open to the caller (company pools, and their vendor’s pool)',
    description:
      'Admins, sales managers, vendor managers and reps. Lists the pools open to the caller: ' +
      'company-wide roles see every pool, vendor users the company pools and their own vendor’s ' +
      'pool; each with its reclaim windows, caps, claim limit and cool-down.',
    ok: LeadPoolPage,
    problems: [400],
  })
  async listLeadPools(@Query() query: PageQuery, @Scope() scope: DataScope): Promise<Page<LeadPoolDto>> {
    return mapPage(await this.pools.listLeadPools(scope, query), mapLeadPool);
  }

  @Get('lead-pools/:id')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.REP)
  @Endpoint({
    summary: 'Get a lead pool',
    description:
      'Admins, sales managers, and vendor users for a company pool or their own vendor’s pool ' +
      '(others get 404). Answers the pool with its reclaim windows, caps, claim limit, cool-down, ' +
      'default flag and version.',
    ok: LeadPoolDto,
    problems: [404],
  })
  async getLeadPool(@UuidParam('id') id: string, @Scope() scope: DataScope): Promise<LeadPoolDto> {
    return mapLeadPool(await this.pools.getLeadPool(id, scope));
  }

  @Patch('lead-pools/:id')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER)
  @ApiIfMatch()
  @Endpoint({
    summary: 'Edit a pool’s reclaim windows, caps, claim limit, cool-down, name or default flag',
    description:
      'Fields left out are kept; `noProgressDays: null` stops the no-progress reclaim. The windows apply ' +
      'from the next reclaim run. `isDefault: true` makes a company pool the default in place of the current ' +
      'one; the default cannot be unset directly. A vendor manager edits its own vendor’s pool only (403).',
    ok: LeadPoolDto,
    problems: [400, 403, 404, 412],
  })
  async updateLeadPool(
    @UuidParam('id') id: string,
    @Body() body: UpdateLeadPoolDto,
    @Scope() scope: DataScope,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<LeadPoolDto> {
    return mapLeadPool(await this.pools.updateLeadPool(id, body, ifMatch, scope));
  }

  @Post('lead-pools/:id/close')
  @HttpCode(200)
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER)
  @ApiIfMatch()
  @Endpoint({
    summary: 'Close a pool: its waiting leads move to the default company pool',
    description:
      'The leads waiting in the pool move to the default company pool (each lead’s history says so); from ' +
      'then on the reclaim sends a vendor’s leads to the default pool, and the closed pool takes no claims, ' +
      'distributions or edits (409 `POOL_CLOSED`). The default pool cannot be closed (409 `POOL_IS_DEFAULT`: ' +
      'make another company pool the default first). A vendor manager closes its own vendor’s pool only (403).',
    ok: LeadPoolDto,
    problems: [403, 404, 409, 412],
  })
  async closeLeadPool(
    @UuidParam('id') id: string,
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<LeadPoolDto> {
    const { pool } = await this.pools.closeLeadPool(id, ifMatch, scope, principal);
    return mapLeadPool(pool);
  }

  @Get('lead-pools/:id/leads')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.REP)
  @Endpoint({
    summary: 'Leads waiting in a pool, key and best-scored first',
    description:
      'Contacts of leads not yet the caller’s vendor’s are masked. Reading unmasked contacts is recorded in ' +
      'the audit log (action contacts_read, one entry naming the leads, with `purpose`).',
    ok: PoolLeadPage,
    problems: [400, 404],
  })
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
  @Endpoint({
    summary: 'Claim a lead from a pool',
    description:
      'Refused with 409 POOL_CLAIM_COOLDOWN while the lead’s previous owner is cooling down, ' +
      'POOL_CLAIM_LIMIT_REACHED past the daily claim limit (the rep’s calendar day), POOL_HOLDING_CAP_REACHED ' +
      'when the rep holds the pool’s cap, LEAD_NOT_ELIGIBLE outside the vendor’s scope, LEAD_NOT_IN_POOL.',
    ok: PoolTakeResultDto,
    problems: [
      403,
      404,
      ErrorCode.REP_INACTIVE,
      ErrorCode.REP_AT_CAPACITY,
      ErrorCode.LEAD_NOT_IN_POOL,
      ErrorCode.LEAD_NOT_ELIGIBLE,
      ErrorCode.POOL_CLAIM_LIMIT_REACHED,
      ErrorCode.POOL_CLAIM_COOLDOWN,
      ErrorCode.POOL_HOLDING_CAP_REACHED,
    ],
  })
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
  @Endpoint({
    summary: 'Hand pool leads to a rep (a vendor manager: from their vendor’s pool to their own reps)',
    description:
      'Admins and sales managers hand any pool’s leads to a rep; a vendor manager hands leads of ' +
      'their vendor’s pool to their own reps. Every lead must be waiting in this pool (409 ' +
      '`LEAD_NOT_IN_POOL`) and eligible for the rep (409 `LEAD_NOT_ELIGIBLE`); the rep must be ' +
      'active (422) and within their capacity, holding cap, daily claim limit and cool-down (409). ' +
      'All or nothing.',
    ok: PoolTakeResultDto,
    problems: [
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
    ],
  })
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
  @Endpoint({
    summary: 'Reclaim idle leads into their pools now, as of a time (the scheduler does this)',
    description:
      'Admins only; the scheduler runs the same reclaim on its own. Moves every lead idle past its ' +
      'pool’s windows (no follow-up, or no progress) back into its pool as of the given time ' +
      '(default now), and answers how many and which leads were reclaimed; each sends ' +
      '`lead.reclaimed`.',
    ok: ReclaimRunResultDto,
    problems: [400],
  })
  reclaimIdleLeads(@Body() body: AsOfDto): Promise<ReclaimRunResultDto> {
    return this.pools.reclaimIdleLeads(asOfTime(body));
  }

  @Post('lead-pools/reclaim-warning-runs')
  @HttpCode(200)
  @Auth(Role.ADMIN)
  @Endpoint({
    summary: 'Warn owners of leads about to be reclaimed, as of a time',
    description:
      'Admins only; the scheduler runs it too. Finds, as of the given time, the leads that will be ' +
      'reclaimed within their pool’s warning days and warns their owners, answering each lead with ' +
      'its owner, vendor and reclaim time.',
    ok: ReclaimWarningRunResultDto,
    problems: [400],
  })
  async warnBeforeReclaim(@Body() body: AsOfDto): Promise<ReclaimWarningRunResultDto> {
    return { warnings: await this.pools.warnBeforeReclaim(asOfTime(body)) };
  }

  @Post('lead-pools/revival-runs')
  @HttpCode(200)
  @Auth(Role.ADMIN)
  @Endpoint({
    summary: 'Offer a share of silent and dead leads to routing again, best first (the scheduler does this)',
    description:
      'Admins only; the scheduler runs it too. Takes the silent and dead leads (no touch for ' +
      '`silentDays`) and offers the best-scored share of them (`sharePercent`) to routing again as ' +
      'of the given time; answers the candidates, how many were revived and how many routing ' +
      'assigned.',
    ok: RevivalRunResultDto,
    problems: [400],
  })
  reviveLeads(
    @Body() body: ReviveLeadsDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RevivalRunResultDto> {
    return this.pools.reviveLeadsForRequest(asOfTime(body), body, principal);
  }
}
