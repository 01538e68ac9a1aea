import { Controller, Get, Inject, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, Scope } from '../../../common/auth/auth.decorators';
import type { DataScope } from '../../../common/auth/data-scope';
import { ALL_ROLES } from '../../../common/auth/role';
import { ErrorCode } from '../../../common/errors/error-codes';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator';
import { MAX_PAGE_SIZE } from '../../../common/pagination/pagination';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { ListExportOperation, listFile } from '../../reports/list-export-files';
import { Cell, isoCell, keysetTable, StreamedTable } from '../../reports/report-tables';
import type { Alert } from './alert.entity';
import { ListAlertsQuery } from './alerts.dto';
import { AlertsService } from './alerts.service';

const ALERT_COLUMNS = [
  'id',
  'type',
  'checkName',
  'severity',
  'level',
  'status',
  'subjectType',
  'subjectId',
  'vendorId',
  'repId',
  'message',
  'raisedAt',
  'lastSeenAt',
  'escalatedAt',
  'acknowledgedAt',
  'resolvedAt',
] as const;

const alertRow = (alert: Alert): Cell[] => [
  alert.id,
  alert.type,
  alert.checkName,
  alert.severity,
  alert.level,
  alert.status,
  alert.subjectType,
  alert.subjectId,
  alert.vendorId,
  alert.repId,
  alert.message,
  alert.raisedAt.toISOString(),
  alert.lastSeenAt.toISOString(),
  isoCell(alert.escalatedAt),
  isoCell(alert.acknowledgedAt),
  isoCell(alert.resolvedAt),
];

const ALERTS =
  'One row per alert, oldest raised first; the filters of GET /alerts (a rep gets the alerts about them). ' +
  'The check-specific `data` is left out.';

/** The alert list as a file, beside the other list exports (the scheduler owns the alerts). */
@ApiTags('reports')
@Controller('reports/lists')
@Auth(...ALL_ROLES)
export class AlertExportsController {
  constructor(
    private readonly alerts: AlertsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private alertTable(query: ListAlertsQuery, scope: DataScope): Promise<StreamedTable> {
    return keysetTable({
      name: 'alerts',
      columns: [...ALERT_COLUMNS],
      cap: this.config.exportMaxRows,
      count: () => this.alerts.countAlerts(scope, query),
      page: (cursor) => this.alerts.listAlerts(scope, { ...query, limit: MAX_PAGE_SIZE, cursor }),
      row: alertRow,
    });
  }

  @Get('alerts.csv')
  @ListExportOperation('csv', 'The alert list as CSV', ALERTS, ALERT_COLUMNS)
  @ApiProblems(400, ErrorCode.REPORT_EXPORT_TOO_LARGE)
  async exportAlertsCsv(@Query() query: ListAlertsQuery, @Scope() scope: DataScope): Promise<StreamableFile> {
    return listFile(await this.alertTable(query, scope), 'csv');
  }

  @Get('alerts.xlsx')
  @ListExportOperation('xlsx', 'The alert list as XLSX', ALERTS, ALERT_COLUMNS)
  @ApiProblems(400, ErrorCode.REPORT_EXPORT_TOO_LARGE)
  async exportAlertsXlsx(
    @Query() query: ListAlertsQuery,
    @Scope() scope: DataScope,
  ): Promise<StreamableFile> {
    return listFile(await this.alertTable(query, scope), 'xlsx');
  }
}
