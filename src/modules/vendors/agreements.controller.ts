import { ErrorCode } from '../../common/errors/error-codes';
import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import { DataScope } from '../../common/auth/data-scope';
import { type Principal, Role } from '../../common/auth/role';
import { IfMatch } from '../../common/http/etag';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { ApiIfMatch } from '../../common/openapi/api-if-match.decorator';
import { Page, PageQuery, mapPage } from '../../common/pagination/pagination';
import {
  AgreementKpiBreachDto,
  AgreementKpiBreachPage,
  mapAgreementKpiBreach,
  AgreementDto,
  AgreementPage,
  CreateAgreementDto,
  ListAgreementsQuery,
  mapAgreement,
  UpdateAgreementDto,
} from './agreements.dto';
import { AgreementsService } from './agreements.service';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

const READERS = [Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.INTEGRATION];
const WRITERS = [Role.ADMIN, Role.SALES_MANAGER];

/** Agreements: written by admins and sales managers; a vendor manager reads their own vendor's. */
@ApiTags('agreements')
@Controller()
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Post('vendors/:vendorId/agreements')
  @Auth(...WRITERS)
  @Idempotent()
  @Endpoint({
    summary: 'Sign an agreement with a vendor: scope of responsibility, fees, quotas, confidentiality',
    description:
      'Dates are inclusive. An agreement overlapping another of the same vendor is 409 AGREEMENT_OVERLAP; ' +
      'unknown regions, industries or product lines are 422.',
    created: AgreementDto,
    problems: [
      400,
      404,
      409,
      422,
      ErrorCode.AGREEMENT_ENDS_BEFORE_START,
      ErrorCode.AGREEMENT_FEE_INVALID,
      ErrorCode.AGREEMENT_KPI_INVALID,
      ErrorCode.AGREEMENT_OVERLAP,
      ErrorCode.VENDOR_TERMINATED,
      ErrorCode.REGION_UNKNOWN,
      ErrorCode.INDUSTRY_UNKNOWN,
      ErrorCode.PRODUCT_LINE_UNKNOWN,
    ],
  })
  async createAgreement(
    @UuidParam('vendorId') vendorId: string,
    @Body() body: CreateAgreementDto,
    @CurrentPrincipal() actor: Principal,
    @Scope() scope: DataScope,
  ): Promise<AgreementDto> {
    return mapAgreement(await this.agreements.createAgreement(vendorId, body, actor, scope));
  }

  @Get('vendors/:vendorId/agreements')
  @Auth(...READERS)
  @Endpoint({
    summary: 'List a vendor’s agreements by start date, optionally those in force on a day',
    description:
      'Admins, sales managers, integration clients, and the vendor’s own manager. Lists the ' +
      'vendor’s agreements by start date; with `activeOn` only those in force on that day.',
    ok: AgreementPage,
    problems: [400, 404],
  })
  async listVendorAgreements(
    @UuidParam('vendorId') vendorId: string,
    @Query() query: ListAgreementsQuery,
    @Scope() scope: DataScope,
  ): Promise<Page<AgreementDto>> {
    const page = await this.agreements.listVendorAgreements(vendorId, query, scope);
    return mapPage(page, (agreement) => mapAgreement(agreement, scope.isCompanyWide));
  }

  @Get('agreements/:id')
  @Auth(...READERS)
  @Endpoint({
    summary: 'Get an agreement',
    description:
      'Admins, sales managers, integration clients, and the vendor’s own manager. Answers the ' +
      'agreement: period, scope of product lines, regions and industries, fees, commission and ' +
      'quotas; the KPI clauses only for company-wide callers.',
    ok: AgreementDto,
    problems: [400, 404],
  })
  async getAgreement(@UuidParam('id') id: string, @Scope() scope: DataScope): Promise<AgreementDto> {
    return mapAgreement(await this.agreements.getAgreement(id, scope), scope.isCompanyWide);
  }

  @Get('agreements/:id/kpi-breaches')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER)
  @Endpoint({
    summary: 'The times the agreement’s KPIs were missed, newest first',
    description:
      'Written by the scheduler: agreement_kpi (a month’s call compliance, conversion or CSAT below the ' +
      'agreed minimum, once per month — the vendor’s local month, in its time zone — and KPI) and first_response_sla (a lead first touched later than ' +
      'first_response_hours, once per assignment). Company users see every agreement’s, a vendor manager ' +
      'their own vendor’s only (any other is 404).',
    ok: AgreementKpiBreachPage,
    problems: [400, 403, 404],
  })
  async listAgreementKpiBreaches(
    @UuidParam('id') id: string,
    @Query() query: PageQuery,
    @Scope() scope: DataScope,
  ): Promise<Page<AgreementKpiBreachDto>> {
    return mapPage(await this.agreements.listAgreementKpiBreaches(id, query, scope), mapAgreementKpiBreach);
  }

  @Patch('agreements/:id')
  @Auth(...WRITERS)
  @ApiIfMatch()
  @Endpoint({
    summary: 'Amend an agreement (same rules as signing; audited)',
    description:
      'Admins and sales managers. Amends an agreement under the same rules as signing: no overlap ' +
      'with another agreement of the vendor in the same scope (409 `AGREEMENT_OVERLAP`), an end ' +
      'after the start, valid fees and KPI clauses, known regions, industries and product lines ' +
      '(422). Audited; send If-Match (stale: 412).',
    ok: AgreementDto,
    problems: [
      400,
      404,
      409,
      412,
      422,
      ErrorCode.AGREEMENT_ENDS_BEFORE_START,
      ErrorCode.AGREEMENT_FEE_INVALID,
      ErrorCode.AGREEMENT_KPI_INVALID,
      ErrorCode.AGREEMENT_OVERLAP,
      ErrorCode.VENDOR_TERMINATED,
      ErrorCode.REGION_UNKNOWN,
      ErrorCode.INDUSTRY_UNKNOWN,
      ErrorCode.PRODUCT_LINE_UNKNOWN,
    ],
  })
  async updateAgreement(
    @UuidParam('id') id: string,
    @Body() body: UpdateAgreementDto,
    @CurrentPrincipal() actor: Principal,
    @Scope() scope: DataScope,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<AgreementDto> {
    return mapAgreement(await this.agreements.updateAgreement(id, body, ifMatch, actor, scope));
  }
}
