import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import { DataScope } from '../../common/auth/data-scope';
import { type Principal, Role } from '../../common/auth/role';
import { IfMatch } from '../../common/http/etag';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { ApiIfMatch } from '../../common/openapi/api-if-match.decorator';
import { Page, mapPage } from '../../common/pagination/pagination';
import {
  CreateVendorDto,
  CreateVendorStatusChangeDto,
  EffectiveScopeDto,
  EffectiveScopeQuery,
  ListVendorsQuery,
  mapVendor,
  UpdateVendorDto,
  VendorDto,
  VendorPage,
} from './vendors.dto';
import { VendorsService } from './vendors.service';
import {
  mapVendorOffboarding,
  OnboardingChecklistDto,
  VendorOffboardingReportDto,
} from './vendor-offboarding.dto';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

/**
 * Vendors: admins and sales managers write; vendor managers and reps read their own vendor only
 * (any other vendor is 404).
 */
@ApiTags('vendors')
@Controller('vendors')
@Auth()
export class VendorsController {
  constructor(private readonly vendors: VendorsService) {}

  @Post()
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Idempotent()
  @Endpoint({
    summary: 'Register a vendor (starts in status onboarding)',
    description:
      'Admins and sales managers. Registers a vendor in status onboarding, with its kind, tier, ' +
      'contacts, country, time zone, home region and sales unit; it becomes active through a ' +
      'status change once its onboarding checklist is complete. Audited.',
    created: VendorDto,
    problems: [400, 422],
  })
  async createVendor(
    @Body() body: CreateVendorDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<VendorDto> {
    return mapVendor(await this.vendors.createVendor(body, actor));
  }

  @Get()
  @Endpoint({
    summary: 'List vendors by name, filtered by status, kind, tier, region, sales unit',
    description:
      'Any signed-in role, within its scope (vendor users: their own vendor). Lists vendors by ' +
      'name with cursor pagination; filter by status, kind, tier, region, sales unit or ' +
      '`updatedSince`.',
    ok: VendorPage,
    problems: [400],
  })
  async listVendors(@Query() query: ListVendorsQuery, @Scope() scope: DataScope): Promise<Page<VendorDto>> {
    const page = await this.vendors.listVendors(query, scope);
    return mapPage(page, mapVendor);
  }

  @Get(':id')
  @Endpoint({
    summary: 'Get a vendor; the ETag header carries its version',
    description:
      'Any role that may see the vendor. Answers its details, status, kind and tier; the ETag ' +
      'header carries the version to send as If-Match.',
    ok: VendorDto,
    problems: [400, 404],
  })
  async getVendor(@UuidParam('id') id: string, @Scope() scope: DataScope): Promise<VendorDto> {
    return mapVendor(await this.vendors.getVendorForRequest(id, scope));
  }

  @Patch(':id')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @ApiIfMatch()
  @Endpoint({
    summary: 'Update a vendor’s details (not its status: see status changes)',
    description:
      'Admins and sales managers. Changes the vendor’s details (names, kind, tier, contacts, ' +
      'country, time zone, home region, sales unit); its status moves only through status changes. ' +
      'Audited; send If-Match (stale: 412).',
    ok: VendorDto,
    problems: [400, 404, 412, 422],
  })
  async updateVendor(
    @UuidParam('id') id: string,
    @Body() body: UpdateVendorDto,
    @CurrentPrincipal() actor: Principal,
    @Scope() scope: DataScope,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<VendorDto> {
    return mapVendor(await this.vendors.updateVendor(id, body, ifMatch, actor, scope));
  }

  @Post(':id/status-changes')
  @HttpCode(200)
  @Idempotent()
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary: 'Move a vendor along its lifecycle, with a reason',
    description:
      'onboarding → active (422 VENDOR_ONBOARDING_INCOMPLETE listing what is missing, unless the ' +
      'checklist is complete or explicitly waived); active ↔ suspended; any status but terminated → terminated (final). ' +
      'Any other move is 409 VENDOR_STATUS_TRANSITION_INVALID. Terminating deactivates the vendor’s reps.',
    ok: VendorDto,
    problems: [400, 404, 409, 422],
  })
  async changeVendorStatus(
    @UuidParam('id') id: string,
    @Body() body: CreateVendorStatusChangeDto,
    @CurrentPrincipal() actor: Principal,
    @Scope() scope: DataScope,
  ): Promise<VendorDto> {
    return mapVendor(await this.vendors.changeVendorStatus(id, body, actor, scope));
  }

  @Get(':id/onboarding-checklist')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER)
  @Endpoint({
    summary: 'What the vendor still needs before it may become active',
    description:
      'Agreement signed (in force or signed for later), NDA on file on such an agreement, at least one ' +
      'active rep with an active login. Vendor managers see their own vendor’s checklist only.',
    ok: OnboardingChecklistDto,
    problems: [400, 403, 404],
  })
  getVendorOnboardingChecklist(
    @UuidParam('id') id: string,
    @Scope() scope: DataScope,
  ): Promise<OnboardingChecklistDto> {
    return this.vendors.getVendorOnboardingChecklist(id, scope);
  }

  @Get(':id/offboarding-report')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary: 'What moved when the vendor was offboarded (terminated or its last agreement lapsed)',
    description: 'Revoked users and API clients, switched-off reps, clawed-back leads, stopped webhooks.',
    ok: VendorOffboardingReportDto,
    problems: [400, 403, 404],
  })
  async getVendorOffboardingReport(
    @UuidParam('id') id: string,
    @Scope() scope: DataScope,
  ): Promise<VendorOffboardingReportDto> {
    return mapVendorOffboarding(await this.vendors.getVendorOffboardingReport(id, scope));
  }

  @Get(':id/effective-scope')
  @Endpoint({
    summary: 'What the vendor may be given on a day: union of its agreements in force, minus conflicts',
    description:
      'Stages, regions (with the regions inside them), industries, product lines and named accounts of ' +
      'every agreement in force on `on`; product lines with an uncleared conflict of interest are removed ' +
      'and listed in excludedProductLines. `routable` is false unless the vendor is active and contracted.',
    ok: EffectiveScopeDto,
    problems: [400, 404],
  })
  getVendorEffectiveScope(
    @UuidParam('id') id: string,
    @Query() query: EffectiveScopeQuery,
    @Scope() scope: DataScope,
  ): Promise<EffectiveScopeDto> {
    return this.vendors.getVendorEffectiveScope(id, query.on, scope);
  }
}
