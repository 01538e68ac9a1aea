import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { ApiExtraModels, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal } from '../../../common/auth/auth.decorators';
import { type Principal, Role } from '../../../common/auth/role';
import { DomainException } from '../../../common/errors/domain.exception';
import { type Page, mapPage } from '../../../common/pagination/pagination';
import { CheckRunnerService } from './check-runner.service';
import { CheckSettingsService } from './check-settings.service';
import {
  CheckDto,
  CheckRunDto,
  CheckRunPage,
  ListCheckRunsQuery,
  mapCheck,
  mapCheckRun,
  RunCheckDto,
  ThresholdSpecDto,
  UpdateCheckSettingsDto,
  VendorCheckSettingsDto,
} from './checks.dto';
import { UuidParam } from '../../../common/openapi/uuid-param.decorator';
import { Endpoint } from '../../../common/openapi/endpoint.decorator';

@ApiTags('scheduler')
@ApiExtraModels(ThresholdSpecDto)
@Controller('scheduler')
@Auth(Role.ADMIN)
export class ChecksController {
  constructor(
    private readonly runner: CheckRunnerService,
    private readonly settings: CheckSettingsService,
  ) {}

  @Get('checks')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary: 'List the periodic checks with their thresholds and vendor overrides',
    description:
      'Admins and sales managers. Lists every periodic check (stale leads, idle reps, quotas, ' +
      'contracts expiring…) with what it looks for, the alert types it raises, whether it is on, ' +
      'its global thresholds with their bounds, and the vendors with their own thresholds.',
    ok: [CheckDto],
  })
  async listChecks(): Promise<CheckDto[]> {
    return Promise.all(
      this.runner.listChecks().map(async (check) => mapCheck(check, await this.settings.effective(check))),
    );
  }

  @Put('checks/:name/settings')
  @Endpoint({
    summary: 'Change a check’s global thresholds or switch it on/off (admin)',
    description:
      'Admins only. Switches the check on or off and sets its global thresholds; each threshold is ' +
      'checked against the bounds the check declares. An unknown check name is 404. Answers the ' +
      'check with its settings in force.',
    ok: CheckDto,
    problems: [400, 404],
  })
  async updateCheckSettings(
    @Param('name') name: string,
    @Body() body: UpdateCheckSettingsDto,
  ): Promise<CheckDto> {
    const check = this.runner.getCheck(name);
    await this.settings.updateGlobal(check, body.enabled, body.thresholds);
    return mapCheck(check, await this.settings.effective(check));
  }

  @Put('checks/:name/vendors/:vendorId/settings')
  @Endpoint({
    summary: 'Give one vendor its own thresholds for a check (admin)',
    description:
      'Admins only. Gives one vendor its own thresholds for the check (within the check’s bounds), ' +
      'replacing an earlier override; other vendors keep the global ones. Answers the check with ' +
      'its settings in force.',
    ok: CheckDto,
    problems: [400, 404],
  })
  async setVendorCheckSettings(
    @Param('name') name: string,
    @UuidParam('vendorId') vendorId: string,
    @Body() body: VendorCheckSettingsDto,
  ): Promise<CheckDto> {
    const check = this.runner.getCheck(name);
    await this.settings.setVendorOverride(check, vendorId, body.thresholds);
    return mapCheck(check, await this.settings.effective(check));
  }

  @Delete('checks/:name/vendors/:vendorId/settings')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Endpoint({
    summary: 'Drop a vendor’s own thresholds: it follows the global ones again (admin)',
    description:
      'Admins only. Removes the vendor’s own thresholds for the check, so the vendor follows the ' +
      'global ones again. 404 when the check is unknown or the vendor has no override.',
    noContent: 'Removed',
    problems: [400, 404],
  })
  async deleteVendorCheckSettings(
    @Param('name') name: string,
    @UuidParam('vendorId') vendorId: string,
  ): Promise<void> {
    if (!(await this.settings.removeVendorOverride(this.runner.getCheck(name), vendorId))) {
      throw DomainException.notFound('Vendor override of check', name);
    }
  }

  @Post('checks/:name/runs')
  @Endpoint({
    summary: 'Run a check now, optionally as of another time (admin)',
    description: 'Answers the run log entry. 409 while the same check is running elsewhere.',
    created: CheckRunDto,
    problems: [400, 404, 409],
  })
  async runCheck(
    @Param('name') name: string,
    @Body() body: RunCheckDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CheckRunDto> {
    return mapCheckRun(await this.runner.runManually(name, body.asOf ?? new Date(), principal.subjectId));
  }

  @Get('runs')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary: 'The run log: each check run with its counts and error, oldest first',
    description:
      'Admins and sales managers. The run log, oldest first with cursor pagination, optionally of ' +
      'one check: each run (scheduled or manual) with its as-of time, how many subjects it ' +
      'examined, alerts raised and resolved, and the error of a failed run.',
    ok: CheckRunPage,
    problems: [400],
  })
  async listCheckRuns(@Query() query: ListCheckRunsQuery): Promise<Page<CheckRunDto>> {
    return mapPage(await this.runner.listRuns(query), mapCheckRun);
  }
}
