import { ErrorCode } from '../../common/errors/error-codes';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import { DataScope } from '../../common/auth/data-scope';
import { type Principal, Role } from '../../common/auth/role';
import { IfMatch } from '../../common/http/etag';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { ApiIfMatch } from '../../common/openapi/api-if-match.decorator';
import { Page, REPLICA_PAGES_NOTE } from '../../common/pagination/pagination';
import {
  CallReportBatchResultDto,
  CallReportDto,
  CallReportPage,
  CreateCallReportBatchDto,
  CreateCallReportDto,
  ListCallReportsQuery,
  mapCallReport,
} from './call-reports.dto';
import {
  DailyBriefDto,
  DailyBriefQuery,
  mapDailyBrief,
  mapRepCompliance,
  mapVendorCompliance,
  PeriodQuery,
  RepComplianceDto,
  RepsBelowQuotaDto,
  TeamComplianceQuery,
  VendorComplianceDto,
} from './compliance.dto';
import {
  DismissFlagDto,
  ListFlagsQuery,
  mapFlag,
  PlausibilityFlagDto,
  PlausibilityFlagPage,
} from './plausibility.dto';
import { CallReportsService } from './call-reports.service';
import { ComplianceService } from './compliance.service';
import { PlausibilityService } from './plausibility.service';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

/** Roles that look at a whole vendor's or team's figures; reps see only their own. */
const TEAM_ROLES = [Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.INTEGRATION];

@ApiTags('call-reports')
@Controller('call-reports')
@Auth()
export class CallReportsController {
  constructor(
    private readonly reports: CallReportsService,
    private readonly compliance: ComplianceService,
    private readonly plausibility: PlausibilityService,
  ) {}

  @Post()
  @Idempotent()
  @Endpoint({
    summary: 'File a call report (a call, visit, meeting, negotiation, demo or email)',
    description:
      'Reps file their own (repId may be left out); managers and integration clients name a rep in their scope — ' +
      'any other rep answers 404. The vendor is taken from the rep. A report on a lead is also recorded on that ' +
      "lead's history. Plausibility checks run at once.",
    created: CallReportDto,
    problems: [400, 404, ErrorCode.CALL_REPORT_REP_INACTIVE],
  })
  async createCallReport(
    @Body() body: CreateCallReportDto,
    @CurrentPrincipal() principal: Principal,
    @Scope() scope: DataScope,
  ): Promise<CallReportDto> {
    return mapCallReport(await this.reports.createCallReport(body, principal, scope));
  }

  @Post('batch')
  @Idempotent()
  @Endpoint({
    summary: 'File up to 5 000 call reports at once, all or nothing',
    description:
      'Every row is checked before anything is written; any bad row refuses the whole batch and `errors[]` names ' +
      'each row and field (`reports.17.durationSeconds`). Send an Idempotency-Key to retry safely.',
    created: CallReportBatchResultDto,
    problems: [400, 404, ErrorCode.CALL_REPORT_REP_INACTIVE],
  })
  async createCallReportBatch(
    @Body() body: CreateCallReportBatchDto,
    @CurrentPrincipal() principal: Principal,
    @Scope() scope: DataScope,
  ): Promise<CallReportBatchResultDto> {
    const { ids, flagsRaised } = await this.reports.createCallReportBatch(body.reports, principal, scope);
    return { created: ids.length, ids, flagsRaised };
  }

  @Get()
  @Endpoint({
    summary: 'List call reports in scope, newest first, with cursor pagination',
    description:
      'Any signed-in role, within its scope: admins, sales managers and company-wide clients see ' +
      'all, a vendor manager their vendor’s reps, a rep their own reports. Newest first with ' +
      'cursor pagination; filter by rep, vendor, lead, type, occurred-on range or `updatedSince` ' +
      `(for ERP sync, in change order). ${REPLICA_PAGES_NOTE}`,
    ok: CallReportPage,
    problems: [400],
  })
  async listCallReports(
    @Query() query: ListCallReportsQuery,
    @Scope() scope: DataScope,
  ): Promise<Page<CallReportDto>> {
    const page = await this.reports.listCallReports(query, scope);
    return { data: page.data.map(mapCallReport), nextCursor: page.nextCursor };
  }

  @Get('flags')
  @Endpoint({
    summary: 'List plausibility flags on call reports, newest first',
    description: 'Filter by rep, vendor or kind; open flags only unless includeDismissed=true.',
    ok: PlausibilityFlagPage,
    problems: [400],
  })
  async listPlausibilityFlags(
    @Query() query: ListFlagsQuery,
    @Scope() scope: DataScope,
  ): Promise<Page<PlausibilityFlagDto>> {
    const page = await this.plausibility.listFlags(query, scope);
    return { data: page.data.map(mapFlag), nextCursor: page.nextCursor };
  }

  @Post('flags/:id/dismiss')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER)
  @HttpCode(200)
  @ApiIfMatch()
  @Endpoint({
    summary: 'Dismiss a plausibility flag with a reason (sales manager, admin, or the vendor’s manager)',
    description:
      'Admins, sales managers, and the vendor manager of the flagged report’s vendor. Dismisses an ' +
      'open plausibility flag (for example too many calls in a day, or a visit too far from the ' +
      'last) with a reason; the dismissal is kept with who and when. An already dismissed flag is ' +
      '409; send If-Match with the flag’s version (stale: 412).',
    ok: PlausibilityFlagDto,
    problems: [400, 404, 409, 412],
  })
  async dismissPlausibilityFlag(
    @UuidParam('id') id: string,
    @Body() body: DismissFlagDto,
    @CurrentPrincipal() principal: Principal,
    @Scope() scope: DataScope,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<PlausibilityFlagDto> {
    return mapFlag(await this.plausibility.dismissFlag(id, body, principal, scope, ifMatch));
  }

  @Get('compliance/reps/:repId')
  @Endpoint({
    summary: "A rep's quota compliance for a day, an ISO week or a date range",
    description:
      "Working days only, in the rep's time zone and country calendar. Weekly quotas are prorated by working days. " +
      'Without a period: the current ISO week.',
    ok: RepComplianceDto,
    problems: [400, 404],
  })
  async getRepCompliance(
    @UuidParam('repId') repId: string,
    @Query() query: PeriodQuery,
    @Scope() scope: DataScope,
  ): Promise<RepComplianceDto> {
    return mapRepCompliance(await this.compliance.getRepCompliance(repId, query, scope));
  }

  @Get('compliance/vendors/:vendorId')
  @Auth(...TEAM_ROLES)
  @Endpoint({
    summary: "A vendor's quota compliance over its active reps, with each rep's figures",
    description:
      'Admins, sales managers, vendor managers (their own vendor) and integration clients. Sums a ' +
      'vendor’s active reps’ calls and visits over a day, an ISO week or a date range against each ' +
      'rep’s effective quotas (the agreement’s, or the rep’s own), with each rep’s figures and ' +
      'compliance percent. A vendor outside the caller’s scope is 404.',
    ok: VendorComplianceDto,
    problems: [400, 404],
  })
  async getVendorCompliance(
    @UuidParam('vendorId') vendorId: string,
    @Query() query: PeriodQuery,
    @Scope() scope: DataScope,
  ): Promise<VendorComplianceDto> {
    return mapVendorCompliance(await this.compliance.getVendorCompliance(vendorId, query, scope));
  }

  @Get('compliance/below-quota')
  @Auth(...TEAM_ROLES)
  @Endpoint({
    summary: 'The team view: active reps below a call or visit quota, lowest compliance first',
    description: 'Across every vendor in scope, or one vendor. Without a period: the current ISO week (UTC).',
    ok: RepsBelowQuotaDto,
    problems: [400, 404],
  })
  async listRepsBelowQuota(
    @Query() query: TeamComplianceQuery,
    @Scope() scope: DataScope,
  ): Promise<RepsBelowQuotaDto> {
    const result = await this.compliance.listRepsBelowQuota(query, scope);
    return { from: result.from, to: result.to, data: result.data.map(mapRepCompliance) };
  }

  @Get('daily-briefs/reps/:repId')
  @Endpoint({
    summary: "A rep's daily brief: activity by type and outcome, leads touched, follow-ups, quota status",
    description:
      'Any role within its scope (a rep: their own brief). For one day: the rep’s reports by type ' +
      'and outcome, the leads they touched, follow-ups due and done, and where they stand against ' +
      'their daily quotas. A rep outside the caller’s scope is 404.',
    ok: DailyBriefDto,
    problems: [400, 404],
  })
  async getRepDailyBrief(
    @UuidParam('repId') repId: string,
    @Query() query: DailyBriefQuery,
    @Scope() scope: DataScope,
  ): Promise<DailyBriefDto> {
    return mapDailyBrief(await this.compliance.getRepDailyBrief(repId, query.date, scope));
  }

  @Get('daily-briefs/vendors/:vendorId')
  @Auth(...TEAM_ROLES)
  @Endpoint({
    summary: "A vendor's daily brief: its reps' activity, leads touched, follow-ups, who is below quota",
    description:
      'Admins, sales managers, vendor managers (their own vendor) and integration clients. For one ' +
      'day: the activity of the vendor’s reps by type and outcome, the leads touched, follow-ups, ' +
      'and which reps are below their quotas.',
    ok: DailyBriefDto,
    problems: [400, 404],
  })
  async getVendorDailyBrief(
    @UuidParam('vendorId') vendorId: string,
    @Query() query: DailyBriefQuery,
    @Scope() scope: DataScope,
  ): Promise<DailyBriefDto> {
    return mapDailyBrief(await this.compliance.getVendorDailyBrief(vendorId, query.date, scope));
  }

  @Get(':id')
  @Endpoint({
    summary: 'Get a call report in scope',
    description:
      'Any signed-in role, within its scope (a rep: their own reports; a vendor manager: their ' +
      'vendor’s). Answers the report with its type, outcome, lead, location and notes; outside the ' +
      'scope it is 404, as if it did not exist.',
    ok: CallReportDto,
    problems: [400, 404],
  })
  async getCallReport(@UuidParam('id') id: string, @Scope() scope: DataScope): Promise<CallReportDto> {
    return mapCallReport(await this.reports.getCallReport(id, scope));
  }
}
