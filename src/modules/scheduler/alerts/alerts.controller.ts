import { Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../../common/auth/auth.decorators';
import type { DataScope } from '../../../common/auth/data-scope';
import { type Principal, Role } from '../../../common/auth/role';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator';
import type { Page } from '../../../common/pagination/pagination';
import {
  AlertDto,
  AlertPage,
  AlertSummaryDto,
  AlertSummaryQuery,
  ListAlertsQuery,
  mapAlert,
} from './alerts.dto';
import { AlertsService } from './alerts.service';
import { mapPage } from '../../../common/pagination/pagination';
import { UuidParam } from '../../../common/openapi/uuid-param.decorator';

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @Auth()
  @ApiOperation({
    summary: 'List alerts raised by the scheduler’s checks, newest last',
    description: 'Scoped: a vendor manager sees their vendor’s alerts, a rep the alerts about them.',
  })
  @ApiOkResponse({ type: AlertPage })
  @ApiProblems(400)
  async listAlerts(@Scope() scope: DataScope, @Query() query: ListAlertsQuery): Promise<Page<AlertDto>> {
    const page = await this.alerts.listAlerts(scope, query);
    return mapPage(page, mapAlert);
  }

  @Get('summary')
  @Auth()
  @ApiOperation({
    summary: 'The alert list summed up: counts per kind and severity, and the subjects with the most alerts',
    description:
      'Scoped like the list: a vendor manager counts their vendor’s alerts, a rep the alerts about them.',
  })
  @ApiOkResponse({ type: AlertSummaryDto })
  @ApiProblems(400)
  summarizeAlerts(@Scope() scope: DataScope, @Query() query: AlertSummaryQuery): Promise<AlertSummaryDto> {
    return this.alerts.summarizeAlerts(scope, query.status);
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'Get an alert' })
  @ApiOkResponse({ type: AlertDto })
  @ApiProblems(400, 404)
  async getAlert(@Scope() scope: DataScope, @UuidParam('id') id: string): Promise<AlertDto> {
    return mapAlert(await this.alerts.getAlert(scope, id));
  }

  @Post(':id/acknowledge')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.REP)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Acknowledge an open alert: someone is on it (it stops escalating; it resolves when the condition clears)',
  })
  @ApiOkResponse({ type: AlertDto })
  @ApiProblems(400, 404, 409)
  async acknowledgeAlert(
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
  ): Promise<AlertDto> {
    return mapAlert(await this.alerts.acknowledgeAlert(scope, principal, id));
  }
}
