import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, CurrentPrincipal } from '../../../common/auth/auth.decorators';
import { type Principal, Role } from '../../../common/auth/role';
import { DomainException } from '../../../common/errors/domain.exception';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator';
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
  @ApiOperation({ summary: 'List the periodic checks with their thresholds and vendor overrides' })
  @ApiOkResponse({ type: [CheckDto] })
  async listChecks(): Promise<CheckDto[]> {
    return Promise.all(
      this.runner.listChecks().map(async (check) => mapCheck(check, await this.settings.effective(check))),
    );
  }

  @Put('checks/:name/settings')
  @ApiOperation({ summary: 'Change a check’s global thresholds or switch it on/off (admin)' })
  @ApiOkResponse({ type: CheckDto })
  @ApiProblems(400, 404)
  async updateCheckSettings(
    @Param('name') name: string,
    @Body() body: UpdateCheckSettingsDto,
  ): Promise<CheckDto> {
    const check = this.runner.getCheck(name);
    await this.settings.updateGlobal(check, body.enabled, body.thresholds);
    return mapCheck(check, await this.settings.effective(check));
  }

  @Put('checks/:name/vendors/:vendorId/settings')
  @ApiOperation({ summary: 'Give one vendor its own thresholds for a check (admin)' })
  @ApiOkResponse({ type: CheckDto })
  @ApiProblems(400, 404)
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
  @ApiOperation({ summary: 'Drop a vendor’s own thresholds: it follows the global ones again (admin)' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(400, 404)
  async deleteVendorCheckSettings(
    @Param('name') name: string,
    @UuidParam('vendorId') vendorId: string,
  ): Promise<void> {
    if (!(await this.settings.removeVendorOverride(this.runner.getCheck(name), vendorId))) {
      throw DomainException.notFound('Vendor override of check', name);
    }
  }

  @Post('checks/:name/runs')
  @ApiOperation({
    summary: 'Run a check now, optionally as of another time (admin)',
    description: 'Answers the run log entry. 409 while the same check is running elsewhere.',
  })
  @ApiCreatedResponse({ type: CheckRunDto })
  @ApiProblems(400, 404, 409)
  async runCheck(
    @Param('name') name: string,
    @Body() body: RunCheckDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CheckRunDto> {
    return mapCheckRun(await this.runner.runManually(name, body.asOf ?? new Date(), principal.subjectId));
  }

  @Get('runs')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @ApiOperation({ summary: 'The run log: each check run with its counts and error, oldest first' })
  @ApiOkResponse({ type: CheckRunPage })
  @ApiProblems(400)
  async listCheckRuns(@Query() query: ListCheckRunsQuery): Promise<Page<CheckRunDto>> {
    return mapPage(await this.runner.listRuns(query), mapCheckRun);
  }
}
