import { Inject, Injectable } from '@nestjs/common';
import type { DataScope } from '../../common/auth/data-scope';
import { MAX_PAGE_SIZE } from '../../common/pagination/pagination';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ReadReplica } from '../../database/read-replica';
import type { CallReport } from '../call-reports/call-report.entity';
import { ListCallReportsQuery } from '../call-reports/call-reports.dto';
import { CallReportsService } from '../call-reports/call-reports.service';
import type { Contract } from '../contracts/contract.entity';
import { ListContractsQuery } from '../contracts/contracts.dto';
import { ContractsService } from '../contracts/contracts.service';
import { type ListedLead, ListLeadsQuery, LeadsService } from '../leads/leads.published';
import { ListRepsQuery } from '../vendors/reps.dto';
import { RepsService, type RepWithQuotas } from '../vendors/reps.service';
import type { SettlementLine } from '../settlement/settlement.entity';
import { ListStatementsQuery } from '../settlement/settlement.dto';
import { SettlementService } from '../settlement/settlement.service';
import { ListScoresQuery } from '../scoring/scores.dto';
import { ScoringService } from '../scoring/scoring.service';
import { Cell, keysetTable, refuseOverCap, StreamedTable } from './report-tables';

export const LEAD_COLUMNS = [
  'id',
  'companyName',
  'status',
  'grade',
  'source',
  'vendorId',
  'ownerRepId',
  'regionCode',
  'industryCode',
  'keyLead',
  'score',
  'expectedAmountMinor',
  'expectedCurrency',
  'expectedCloseOn',
  'createdAt',
  'updatedAt',
] as const;

const leadRow = (lead: ListedLead): Cell[] => [
  lead.id,
  lead.companyName,
  lead.status,
  lead.grade,
  lead.source,
  lead.vendorId,
  lead.ownerRepId,
  lead.regionCode,
  lead.industryCode,
  lead.keyLead ? 'true' : 'false',
  lead.score,
  lead.expectedAmountMinor === null ? null : Number(lead.expectedAmountMinor),
  lead.expectedCurrency,
  lead.expectedCloseOn,
  lead.createdAt.toISOString(),
  lead.updatedAt.toISOString(),
];

export const CONTRACT_COLUMNS = [
  'id',
  'status',
  'customerId',
  'leadId',
  'vendorId',
  'repId',
  'salesUnitId',
  'regionCode',
  'industryCode',
  'totalMinor',
  'listTotalMinor',
  'currency',
  'paymentTermsDays',
  'startsOn',
  'endsOn',
  'signedOn',
  'terminatedOn',
  'approval',
  'renewalOfId',
  'health',
  'externalSource',
  'externalId',
  'createdAt',
  'updatedAt',
] as const;

const contractRow = (contract: Contract): Cell[] => [
  contract.id,
  contract.status,
  contract.customerId,
  contract.leadId,
  contract.vendorId,
  contract.repId,
  contract.salesUnitId,
  contract.regionCode,
  contract.industryCode,
  contract.totalMinor,
  contract.listTotalMinor,
  contract.currency,
  contract.paymentTermsDays,
  contract.startsOn,
  contract.endsOn,
  contract.signedOn,
  contract.terminatedOn,
  contract.approval,
  contract.renewalOfId,
  contract.health,
  contract.externalSource,
  contract.externalId,
  contract.createdAt.toISOString(),
  contract.updatedAt.toISOString(),
];

export const CALL_REPORT_COLUMNS = [
  'id',
  'occurredAt',
  'occurredOn',
  'type',
  'durationSeconds',
  'outcome',
  'vendorId',
  'repId',
  'leadId',
  'customerId',
  'nextStep',
  'nextStepOn',
  'locationName',
  'notes',
  'createdAt',
] as const;

const callReportRow = (report: CallReport): Cell[] => [
  report.id,
  report.occurredAt.toISOString(),
  report.occurredOn,
  report.type,
  report.durationSeconds,
  report.outcome,
  report.vendorId,
  report.repId,
  report.leadId,
  report.customerId,
  report.nextStep,
  report.nextStepOn,
  report.locationName,
  report.notes,
  report.createdAt.toISOString(),
];

export const REP_COLUMNS = [
  'id',
  'fullName',
  'vendorId',
  'regionId',
  'grade',
  'active',
  'inactiveReason',
  'capacity',
  'yearsOfExperience',
  'tags',
  'earnedTags',
  'email',
  'phone',
  'timezone',
  'startedOn',
  'effectiveDailyCallQuota',
  'effectiveWeeklyCallQuota',
  'dailyVisitQuota',
  'weeklyVisitQuota',
  'updatedAt',
] as const;

const repRow = ({ rep, agreement }: RepWithQuotas): Cell[] => [
  rep.id,
  rep.fullName,
  rep.vendorId,
  rep.regionId,
  rep.grade,
  rep.active ? 'true' : 'false',
  rep.inactiveReason,
  rep.capacity,
  rep.yearsOfExperience,
  rep.tags.join(' '),
  rep.earnedTags.join(' '),
  rep.email,
  rep.phone,
  rep.timezone,
  rep.startedOn,
  rep.dailyCallQuota ?? agreement?.daily ?? null,
  rep.weeklyCallQuota ?? agreement?.weekly ?? null,
  rep.dailyVisitQuota,
  rep.weeklyVisitQuota,
  rep.updatedAt.toISOString(),
];

export const SETTLEMENT_LINE_COLUMNS = [
  'statementId',
  'periodKey',
  'statementStatus',
  'vendorId',
  'payeeRepId',
  'lineNo',
  'kind',
  'agreementId',
  'repId',
  'sourceContractId',
  'sourceLeadId',
  'sourceFactId',
  'sourceMonth',
  'factDate',
  'basisMinor',
  'shareBps',
  'rateBps',
  'tier',
  'amountMinor',
  'currency',
  'originalLineId',
  'note',
] as const;

const settlementLineRow = (line: SettlementLine): Cell[] => [
  line.statementId,
  line.statement!.periodKey,
  line.statement!.status,
  line.statement!.vendorId,
  line.statement!.repId,
  line.lineNo,
  line.kind,
  line.agreementId,
  line.repId,
  line.sourceContractId,
  line.sourceLeadId,
  line.sourceFactId,
  line.sourceMonth,
  line.factDate,
  line.basisMinor,
  line.shareBps,
  line.rateBps,
  line.tier,
  line.amountMinor,
  line.currency,
  line.originalLineId,
  line.note,
];

/** The scorecard columns before the KPIs'; each KPI then adds `<kpi> raw`, `<kpi> score`, `<kpi> points`. */
export const SCORE_COLUMNS = [
  'period',
  'subject',
  'subjectId',
  'vendorId',
  'rank',
  'of',
  'total',
  'grade',
  'status',
] as const;

/**
 * The lists a manager takes away as files, read through the owning modules' services: counted against
 * EXPORT_MAX_ROWS first, then one keyset page (one read) at a time, with the list endpoint's filters and scope.
 */
@Injectable()
export class ListExportsService {
  constructor(
    private readonly leads: LeadsService,
    private readonly contracts: ContractsService,
    private readonly callReports: CallReportsService,
    private readonly reps: RepsService,
    private readonly settlement: SettlementService,
    private readonly scoring: ScoringService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly replica: ReadReplica,
  ) {}

  async leadTable(query: ListLeadsQuery, scope: DataScope): Promise<StreamedTable> {
    // Page by page on the replica when there is one and it has the caller's last write.
    const manager = await this.replica.manager();
    return keysetTable({
      name: 'leads',
      columns: [...LEAD_COLUMNS],
      cap: this.config.exportMaxRows,
      count: () => this.leads.countLeads(manager, query, scope),
      page: (cursor) => this.leads.leadPage(manager, { ...query, limit: MAX_PAGE_SIZE, cursor }, scope),
      row: leadRow,
    });
  }

  async contractTable(query: ListContractsQuery, scope: DataScope): Promise<StreamedTable> {
    // Page by page on the replica when there is one and it has the caller's last write.
    const manager = await this.replica.manager();
    return keysetTable({
      name: 'contracts',
      columns: [...CONTRACT_COLUMNS],
      cap: this.config.exportMaxRows,
      count: () => this.contracts.countContracts(manager, query, scope),
      page: (cursor) =>
        this.contracts.contractPage(manager, { ...query, limit: MAX_PAGE_SIZE, cursor }, scope),
      row: contractRow,
    });
  }

  async callReportTable(query: ListCallReportsQuery, scope: DataScope): Promise<StreamedTable> {
    // Page by page on the replica when there is one and it has the caller's last write.
    const manager = await this.replica.manager();
    return keysetTable({
      name: 'call-reports',
      columns: [...CALL_REPORT_COLUMNS],
      cap: this.config.exportMaxRows,
      count: () => this.callReports.countCallReports(manager, query, scope),
      page: (cursor) =>
        this.callReports.callReportPage(manager, { ...query, limit: MAX_PAGE_SIZE, cursor }, scope),
      row: callReportRow,
    });
  }

  async repTable(query: ListRepsQuery, scope: DataScope): Promise<StreamedTable> {
    // Page by page on the replica when there is one and it has the caller's last write.
    const manager = await this.replica.manager();
    return keysetTable({
      name: 'reps',
      columns: [...REP_COLUMNS],
      cap: this.config.exportMaxRows,
      count: () => this.reps.countReps(manager, query, scope),
      page: (cursor) => this.reps.repPage(manager, { ...query, limit: MAX_PAGE_SIZE, cursor }, scope),
      row: repRow,
    });
  }

  async settlementLineTable(query: ListStatementsQuery, scope: DataScope): Promise<StreamedTable> {
    // Page by page on the replica when there is one and it has the caller's last write.
    const manager = await this.replica.manager();
    return keysetTable({
      name: 'settlement-lines',
      columns: [...SETTLEMENT_LINE_COLUMNS],
      cap: this.config.exportMaxRows,
      count: () => this.settlement.countStatementLines(manager, query, scope),
      page: (cursor) =>
        this.settlement.statementLinePage(manager, { ...query, limit: MAX_PAGE_SIZE, cursor }, scope),
      row: settlementLineRow,
    });
  }

  /**
   * The leaderboard (the ranked scorecards of GET /scores, one read): a row per rep or vendor, each KPI of the
   * scorecards shown as its measured value, its 0–100 score and the points it adds to the total.
   */
  async scoreTable(query: ListScoresQuery, scope: DataScope): Promise<StreamedTable> {
    const ranked = await this.scoring.listScores(query, scope);
    refuseOverCap(ranked.length, this.config.exportMaxRows);
    const kpis = [...new Set(ranked.flatMap(({ score }) => score.kpis.map((k) => k.kpi)))];
    const rows = ranked.map(({ score, rank, of }): Cell[] => {
      const byKpi = new Map(score.kpis.map((k) => [k.kpi, k]));
      return [
        score.periodKey,
        score.subject,
        score.subjectId,
        score.vendorId,
        rank,
        of,
        score.total === null ? null : Number(score.total),
        score.grade,
        score.status,
        ...kpis.flatMap((kpi) => {
          const k = byKpi.get(kpi);
          return k ? [k.raw, k.normalised, k.contribution] : [null, null, null];
        }),
      ];
    });
    return {
      name: 'scores',
      columns: [...SCORE_COLUMNS, ...kpis.flatMap((kpi) => [`${kpi} raw`, `${kpi} score`, `${kpi} points`])],
      rows,
    };
  }
}
