import { Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../../common/auth/auth.decorators';
import type { DataScope } from '../../../common/auth/data-scope';
import { type Principal, Role } from '../../../common/auth/role';
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
import { Endpoint } from '../../../common/openapi/endpoint.decorator';

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @Auth()
  @Endpoint({
    summary: 'List alerts raised by the scheduler’s checks, newest last',
    description: 'Scoped: a vendor manager sees their vendor’s alerts, a rep the alerts about them.',
    ok: AlertPage,
    problems: [400],
  })
  async listAlerts(@Scope() scope: DataScope, @Query() query: ListAlertsQuery): Promise<Page<AlertDto>> {
    const page = await this.alerts.listAlerts(scope, query);
    return mapPage(page, mapAlert);
  }

  @Get('summary')
  @Auth()
  @Endpoint({
    summary: 'The alert list summed up: counts per kind and severity, and the subjects with the most alerts',
    description:
      'Scoped like the list: a vendor manager counts their vendor’s alerts, a rep the alerts about them.',
    ok: AlertSummaryDto,
    problems: [400],
  })
  summarizeAlerts(@Scope() scope: DataScope, @Query() query: AlertSummaryQuery): Promise<AlertSummaryDto> {
    return this.alerts.summarizeAlerts(scope, query.status);
  }

  @Get(':id')
  @Auth()
  @Endpoint({
    summary: 'Get an alert',
    description:
      'Any signed-in role, within its scope (alerts about the caller’s vendor or their own work). ' +
      'Answers the alert with its kind, severity, subject, status and escalation level.',
    ok: AlertDto,
    problems: [400, 404],
  })
  async getAlert(@Scope() scope: DataScope, @UuidParam('id') id: string): Promise<AlertDto> {
    return mapAlert(await this.alerts.getAlert(scope, id));
  }

  @Post(':id/acknowledge')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.REP)
  @HttpCode(HttpStatus.OK)
  @Endpoint({
    summary:
      'Acknowledge an open alert: someone is on it (it stops escalating; it resolves when the condition clears)',
    description:
      'Admins, sales managers, vendor managers and reps, on an alert in their scope. Records who ' +
      'is on it: an acknowledged alert stops escalating, and still resolves by itself when its ' +
      'condition clears. An alert already acknowledged or resolved is 409.',
    ok: AlertDto,
    problems: [400, 404, 409],
  })
  async acknowledgeAlert(
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
  ): Promise<AlertDto> {
    return mapAlert(await this.alerts.acknowledgeAlert(scope, principal, id));
  }
}
