import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, Scope } from '../../common/auth/auth.decorators';
import type { DataScope } from '../../common/auth/data-scope';
import { ALL_ROLES } from '../../common/auth/role';
import {
  AnalysisQuery,
  AnalysisReportDto,
  FunnelReportDto,
  LossReportDto,
  MAX_REPORT_DIMENSIONS,
  MAX_REPORT_RANGE_DAYS,
  ReportSliceQuery,
} from './reports.dto';
import { ReportsService } from './reports.service';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

const SCOPE_NOTE =
  'Within the caller’s scope: a vendor manager sees their vendor’s leads and reports, a rep their own.';

@ApiTags('reports')
@Controller('reports')
@Auth(...ALL_ROLES)
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('funnel')
  @Endpoint({
    summary: 'Lead funnel: reach, conversion to the next stage and median days per stage',
    description:
      'The leads taken in during [from, to) and narrowed by the filters: per stage how many got to it or ' +
      'past it, how many are in it now, the share that reached the next stage, and the median days a stay ' +
      `in the stage lasted (from the lead history). ${SCOPE_NOTE} Range at most ${MAX_REPORT_RANGE_DAYS} days ` +
      '(REPORT_RANGE_TOO_LONG).',
    ok: FunnelReportDto,
    problems: [400],
  })
  getFunnelReport(@Query() query: ReportSliceQuery, @Scope() scope: DataScope): Promise<FunnelReportDto> {
    return this.reports.getFunnelReport(query, scope);
  }

  @Get('losses')
  @Endpoint({
    summary: 'Why leads were lost, rejected, graded dead or low',
    description:
      'Of the leads taken in during [from, to): lost by reason, vendor, product line and competitor; ' +
      `rejected by reason and vendor; dead and low-graded by cause. ${SCOPE_NOTE}`,
    ok: LossReportDto,
    problems: [400],
  })
  getLossReport(@Query() query: ReportSliceQuery, @Scope() scope: DataScope): Promise<LossReportDto> {
    return this.reports.getLossReport(query, scope);
  }

  @Get('analysis')
  @Endpoint({
    summary: 'Measures of leads, call reports and revenue in up to three dimensions',
    description:
      'newLeads (by intake day), wonLeads (by the day won), conversion (share of the new leads won by now), ' +
      'calls and visits (by the rep’s local day), revenue (payments less refunds, by the paid day), bookings ' +
      '(contracts signed, by the signature day) and newCustomers (first signed contract) per cell of the ' +
      'dimensions, plus a total. Money is a list of amounts per currency, never summed across currencies; ' +
      'a contract shared by several sellers counts with each seller’s credit share. ' +
      `At most ${MAX_REPORT_DIMENSIONS} dimensions (REPORT_TOO_MANY_DIMENSIONS); calls and visits only by ` +
      'period, vendor and rep, money measures by anything but source (REPORT_MEASURE_DIMENSION_UNSUPPORTED); ' +
      `a lead with several product lines counts under each. ${SCOPE_NOTE}`,
    ok: AnalysisReportDto,
    problems: [400],
  })
  getAnalysisReport(@Query() query: AnalysisQuery, @Scope() scope: DataScope): Promise<AnalysisReportDto> {
    return this.reports.getAnalysisReport(query, scope);
  }
}
