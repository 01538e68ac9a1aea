import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, Scope } from '../../common/auth/auth.decorators';
import type { DataScope } from '../../common/auth/data-scope';
import { ALL_ROLES } from '../../common/auth/role';
import { ErrorCode } from '../../common/errors/error-codes';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { ListCallReportsQuery } from '../call-reports/call-reports.dto';
import { ListContractsQuery } from '../contracts/contracts.dto';
import { ListLeadsQuery } from '../leads/leads.published';
import { ListScoresQuery } from '../scoring/scores.dto';
import { ListStatementsQuery } from '../settlement/settlement.dto';
import { ListRepsQuery } from '../vendors/reps.dto';
import { ListExportOperation, listFile, REPLICA_EXPORT_NOTE } from './list-export-files';
import {
  CALL_REPORT_COLUMNS,
  CONTRACT_COLUMNS,
  LEAD_COLUMNS,
  ListExportsService,
  REP_COLUMNS,
  SCORE_COLUMNS,
  SETTLEMENT_LINE_COLUMNS,
} from './list-exports.service';

const LEADS = `One row per lead (contact persons are left out), oldest first; the filters of GET /leads. ${REPLICA_EXPORT_NOTE}`;
const CONTRACTS =
  'One row per contract (lines and credits are left out), oldest first; the filters of GET /contracts. ' +
  `\`totalMinor\` and \`listTotalMinor\` are in \`currency\`. ${REPLICA_EXPORT_NOTE}`;
const CALL_REPORTS = `One row per call or visit, newest first; the filters of GET /call-reports. ${REPLICA_EXPORT_NOTE}`;
const REPS =
  'One row per rep by name; the filters of GET /reps. Call quotas are the effective ones (the rep’s own, ' +
  `else the agreement’s default); tags are space-separated. ${REPLICA_EXPORT_NOTE}`;

const SETTLEMENT_LINES =
  'One row per commission line (retainer, commission, fee, clawback, adjustment…) of the statements ' +
  'GET /settlement-statements lists with the same filters (vendorId, periodKey, status), by period, ' +
  'statement and line number, each with its statement’s period, status and payee (`vendorId`, ' +
  '`payeeRepId`). `basisMinor` and `amountMinor` are in `currency`; a rep sees the lines of their own ' +
  `statements. ${REPLICA_EXPORT_NOTE}`;

const SCORES =
  'The leaderboard: one row per rep or vendor scored in the period, ranked as GET /scores ranks them (its ' +
  'parameters: period, subject, vendorId; a rep gets their own row with their rank among everyone). After ' +
  'the columns below, each KPI of the scorecards adds `<kpi> raw` (the measured value, empty when not ' +
  'measured), `<kpi> score` (0–100) and `<kpi> points` (its contribution to `total`). One read, not paged.';

/** The lists a manager takes away as files; the rows come from the owning modules' services. */
@ApiTags('reports')
@Controller('reports/lists')
@Auth(...ALL_ROLES)
export class ListExportsController {
  constructor(private readonly exports: ListExportsService) {}

  @Get('leads.csv')
  @ListExportOperation('csv', 'The lead list as CSV (without contact persons)', LEADS, LEAD_COLUMNS)
  @ApiProblems(400, ErrorCode.REPORT_EXPORT_TOO_LARGE)
  async exportLeadsCsv(@Query() query: ListLeadsQuery, @Scope() scope: DataScope): Promise<StreamableFile> {
    return listFile(await this.exports.leadTable(query, scope), 'csv');
  }

  @Get('leads.xlsx')
  @ListExportOperation('xlsx', 'The lead list as XLSX (without contact persons)', LEADS, LEAD_COLUMNS)
  @ApiProblems(400, ErrorCode.REPORT_EXPORT_TOO_LARGE)
  async exportLeadsXlsx(@Query() query: ListLeadsQuery, @Scope() scope: DataScope): Promise<StreamableFile> {
    return listFile(await this.exports.leadTable(query, scope), 'xlsx');
  }

  @Get('contracts.csv')
  @ListExportOperation('csv', 'The contract list as CSV', CONTRACTS, CONTRACT_COLUMNS)
  @ApiProblems(400, ErrorCode.REPORT_EXPORT_TOO_LARGE)
  async exportContractsCsv(
    @Query() query: ListContractsQuery,
    @Scope() scope: DataScope,
  ): Promise<StreamableFile> {
    return listFile(await this.exports.contractTable(query, scope), 'csv');
  }

  @Get('contracts.xlsx')
  @ListExportOperation('xlsx', 'The contract list as XLSX', CONTRACTS, CONTRACT_COLUMNS)
  @ApiProblems(400, ErrorCode.REPORT_EXPORT_TOO_LARGE)
  async exportContractsXlsx(
    @Query() query: ListContractsQuery,
    @Scope() scope: DataScope,
  ): Promise<StreamableFile> {
    return listFile(await this.exports.contractTable(query, scope), 'xlsx');
  }

  @Get('call-reports.csv')
  @ListExportOperation('csv', 'The call-report list as CSV', CALL_REPORTS, CALL_REPORT_COLUMNS)
  @ApiProblems(400, ErrorCode.REPORT_EXPORT_TOO_LARGE)
  async exportCallReportsCsv(
    @Query() query: ListCallReportsQuery,
    @Scope() scope: DataScope,
  ): Promise<StreamableFile> {
    return listFile(await this.exports.callReportTable(query, scope), 'csv');
  }

  @Get('call-reports.xlsx')
  @ListExportOperation('xlsx', 'The call-report list as XLSX', CALL_REPORTS, CALL_REPORT_COLUMNS)
  @ApiProblems(400, ErrorCode.REPORT_EXPORT_TOO_LARGE)
  async exportCallReportsXlsx(
    @Query() query: ListCallReportsQuery,
    @Scope() scope: DataScope,
  ): Promise<StreamableFile> {
    return listFile(await this.exports.callReportTable(query, scope), 'xlsx');
  }

  @Get('reps.csv')
  @ListExportOperation('csv', 'The rep list as CSV', REPS, REP_COLUMNS)
  @ApiProblems(400, ErrorCode.REPORT_EXPORT_TOO_LARGE)
  async exportRepsCsv(@Query() query: ListRepsQuery, @Scope() scope: DataScope): Promise<StreamableFile> {
    return listFile(await this.exports.repTable(query, scope), 'csv');
  }

  @Get('reps.xlsx')
  @ListExportOperation('xlsx', 'The rep list as XLSX', REPS, REP_COLUMNS)
  @ApiProblems(400, ErrorCode.REPORT_EXPORT_TOO_LARGE)
  async exportRepsXlsx(@Query() query: ListRepsQuery, @Scope() scope: DataScope): Promise<StreamableFile> {
    return listFile(await this.exports.repTable(query, scope), 'xlsx');
  }

  @Get('settlement-lines.csv')
  @ListExportOperation(
    'csv',
    'The commission lines of the settlement statements as CSV',
    SETTLEMENT_LINES,
    SETTLEMENT_LINE_COLUMNS,
  )
  @ApiProblems(400, ErrorCode.REPORT_EXPORT_TOO_LARGE)
  async exportSettlementLinesCsv(
    @Query() query: ListStatementsQuery,
    @Scope() scope: DataScope,
  ): Promise<StreamableFile> {
    return listFile(await this.exports.settlementLineTable(query, scope), 'csv');
  }

  @Get('settlement-lines.xlsx')
  @ListExportOperation(
    'xlsx',
    'The commission lines of the settlement statements as XLSX',
    SETTLEMENT_LINES,
    SETTLEMENT_LINE_COLUMNS,
  )
  @ApiProblems(400, ErrorCode.REPORT_EXPORT_TOO_LARGE)
  async exportSettlementLinesXlsx(
    @Query() query: ListStatementsQuery,
    @Scope() scope: DataScope,
  ): Promise<StreamableFile> {
    return listFile(await this.exports.settlementLineTable(query, scope), 'xlsx');
  }

  @Get('scores.csv')
  @ListExportOperation('csv', 'The leaderboard (scorecards of a period) as CSV', SCORES, SCORE_COLUMNS)
  @ApiProblems(400, ErrorCode.PERIOD_INVALID, ErrorCode.REPORT_EXPORT_TOO_LARGE)
  async exportScoresCsv(@Query() query: ListScoresQuery, @Scope() scope: DataScope): Promise<StreamableFile> {
    return listFile(await this.exports.scoreTable(query, scope), 'csv');
  }

  @Get('scores.xlsx')
  @ListExportOperation('xlsx', 'The leaderboard (scorecards of a period) as XLSX', SCORES, SCORE_COLUMNS)
  @ApiProblems(400, ErrorCode.PERIOD_INVALID, ErrorCode.REPORT_EXPORT_TOO_LARGE)
  async exportScoresXlsx(
    @Query() query: ListScoresQuery,
    @Scope() scope: DataScope,
  ): Promise<StreamableFile> {
    return listFile(await this.exports.scoreTable(query, scope), 'xlsx');
  }
}
