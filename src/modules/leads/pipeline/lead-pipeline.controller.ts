import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../../common/auth/auth.decorators';
import type { DataScope } from '../../../common/auth/data-scope';
import { ALL_ROLES, type Principal, Role } from '../../../common/auth/role';
import { ErrorCode } from '../../../common/errors/error-codes';
import { IfMatch } from '../../../common/http/etag';
import { ApiIfMatch } from '../../../common/openapi/api-if-match.decorator';
import {
  LeadPipelineSettingsDto,
  ListPipelineQuery,
  PipelinePageDto,
  SetLeadPipelineDto,
  UpdateLeadPipelineSettingsDto,
} from './lead-pipeline.dto';
import { LeadPipelineService, type StoredPipelineSettings } from './lead-pipeline.service';
import { LeadDto, mapLead } from '../leads.dto';
import { UuidParam } from '../../../common/openapi/uuid-param.decorator';
import { Endpoint } from '../../../common/openapi/endpoint.decorator';

const mapSettings = (stored: StoredPipelineSettings): LeadPipelineSettingsDto => ({
  probabilities: stored.probabilities,
  forecastCategories: stored.forecastCategories,
  version: stored.version,
  updatedAt: stored.updatedAt?.toISOString() ?? null,
});

@ApiTags('leads')
@Controller()
export class LeadPipelineController {
  constructor(private readonly pipeline: LeadPipelineService) {}

  @Get('leads/pipeline')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'The open pipeline: qualified and negotiating leads with their value, and totals per currency',
    description:
      'Leads in the caller’s scope (a rep their own, a vendor manager the vendor’s), soonest expected close ' +
      'first, leads not valued yet last. Each carries its win probability (its own, else its status default) ' +
      'and its weighted amount. `totals` sums every matching lead per currency — amounts in different ' +
      'currencies are never added.',
    ok: PipelinePageDto,
    problems: [400],
  })
  listLeadPipeline(@Query() query: ListPipelineQuery, @Scope() scope: DataScope): Promise<PipelinePageDto> {
    return this.pipeline.listPipeline(query, scope);
  }

  @Put('leads/:id/pipeline')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'Set a lead’s pipeline value: expected amount and currency, close date, own win probability',
    description:
      'From qualified on (earlier: 409 LEAD_NOT_QUALIFIED; won, lost or rejected: 409 LEAD_CLOSED). ' +
      'winProbabilityPct omitted or null falls back to the status default. Audited.',
    ok: LeadDto,
    problems: [400, 404, ErrorCode.LEAD_NOT_QUALIFIED, ErrorCode.LEAD_CLOSED],
  })
  async setLeadPipeline(
    @UuidParam('id') id: string,
    @Body() body: SetLeadPipelineDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() actor: Principal,
  ): Promise<LeadDto> {
    return mapLead(await this.pipeline.setLeadPipeline(id, body, scope, actor), scope);
  }

  @Get('lead-settings/pipeline')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'The default win probability per lead status and the forecast category rule',
    description: 'The ETag carries the version to send as If-Match with a change.',
    ok: LeadPipelineSettingsDto,
  })
  async getLeadPipelineSettings(): Promise<LeadPipelineSettingsDto> {
    return mapSettings(await this.pipeline.getPipelineSettings());
  }

  @Put('lead-settings/pipeline')
  @Auth(Role.ADMIN)
  @ApiIfMatch()
  @Endpoint({
    summary: 'Change the default win probabilities and the forecast category rule (admin)',
    description:
      'Only the statuses and thresholds given change. Each probability must be a whole percentage from 0 to ' +
      '100 and none below the status before it (new ≤ assigned ≤ contacted ≤ qualified ≤ negotiating); the ' +
      'category thresholds whole percentages with bestCaseFromPct ≤ commitFromPct; otherwise 422 ' +
      'LEAD_PIPELINE_SETTINGS_INVALID names each failing field and nothing is written. Stale If-Match: 412. Audited.',
    ok: LeadPipelineSettingsDto,
    problems: [400, 412, ErrorCode.LEAD_PIPELINE_SETTINGS_INVALID],
  })
  async updateLeadPipelineSettings(
    @Body() body: UpdateLeadPipelineSettingsDto,
    @CurrentPrincipal() actor: Principal,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<LeadPipelineSettingsDto> {
    return mapSettings(
      await this.pipeline.updatePipelineSettings(
        body.probabilities ?? {},
        body.forecastCategories ?? {},
        ifMatch,
        actor,
      ),
    );
  }
}
