import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal } from '../../../common/auth/auth.decorators';
import { ALL_ROLES, type Principal, Role } from '../../../common/auth/role';
import { IfMatch } from '../../../common/http/etag';
import { ApiIfMatch } from '../../../common/openapi/api-if-match.decorator';
import {
  LeadGradingSettingsDto,
  mapLeadGradingSettings,
  UpdateLeadGradingSettingsDto,
} from './lead-grading-settings.dto';
import { LeadGradingSettingsService } from './lead-grading-settings.service';
import { Endpoint } from '../../../common/openapi/endpoint.decorator';

@ApiTags('lead settings')
@Controller('lead-settings')
export class LeadSettingsController {
  constructor(private readonly settings: LeadGradingSettingsService) {}

  @Get('grading')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'The lead grading settings in force: cut-offs, dead-after days and factor points',
    description:
      'Every lead’s score is the sum of its factor points (capped at 100); score ≥ cutOffs.high is high, ' +
      '≥ cutOffs.medium medium, else low; a lead untouched longer than deadAfterUntouchedDays is dead. ' +
      'The ETag carries the version to send as If-Match with a change.',
    ok: LeadGradingSettingsDto,
  })
  async getLeadGradingSettings(): Promise<LeadGradingSettingsDto> {
    const stored = await this.settings.getLeadGradingSettings();
    return mapLeadGradingSettings(stored.settings, stored);
  }

  @Put('grading')
  @Auth(Role.ADMIN)
  @ApiIfMatch()
  @Endpoint({
    summary: 'Change the lead grading settings (admin)',
    description:
      'Only the fields given change (nested maps key by key). The result must keep 0 < medium < high ≤ 100, ' +
      'deadAfterUntouchedDays from 1 to 3650 and every points value a whole number from 0 to 100 (every ' +
      'setting is required: null, for a value or a group, is refused too); otherwise ' +
      '422 LEAD_GRADING_SETTINGS_INVALID names each failing field and nothing is written. A stale If-Match ' +
      'is 412. The change applies to the next grading of any lead (intake, import, edit, follow-up, the ' +
      'scheduler’s re-grading; POST /leads/grades/refresh re-grades all open leads now) and is audited.',
    ok: LeadGradingSettingsDto,
    problems: [400, 412, 422],
  })
  async updateLeadGradingSettings(
    @Body() body: UpdateLeadGradingSettingsDto,
    @CurrentPrincipal() actor: Principal,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<LeadGradingSettingsDto> {
    const stored = await this.settings.updateLeadGradingSettings(body, ifMatch, actor);
    return mapLeadGradingSettings(stored.settings, stored);
  }
}
