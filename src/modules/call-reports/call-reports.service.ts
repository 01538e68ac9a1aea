import { CallReportType } from './call-report.enums';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DataScope } from '../../common/auth/data-scope';
import { Principal, Role } from '../../common/auth/role';
import { localDateIn } from '../../common/calendar/working-days';
import { DomainException, FieldError } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { countSyncable, Page, paginateSyncable } from '../../common/pagination/pagination';
import { CallReport } from './call-report.entity';
import { validateCallReportRows } from './call-report-row-validator.rules';
import { CreateCallReportDto, ListCallReportsQuery } from './call-reports.dto';
import { LeadTouch, LeadTouchRecorder } from './lead-touch-recorder';
import { PlausibilityService } from './plausibility.service';
import { ReportingRep } from './reporting-reps';
import { ReportingRepsService } from './reporting-reps.service';

/** Clocks of phones and ERP servers drift; a report a little ahead of ours is not "in the future". */
const CLOCK_SKEW_MS = 5 * 60_000;

/** A report checked and resolved to its rep, ready to insert. */
interface ResolvedReport {
  id: string;
  input: CreateCallReportDto;
  rep: ReportingRep;
  occurredAt: Date;
  occurredOn: string;
}

export interface FiledReports {
  ids: string[];
  flagsRaised: number;
}

const SCOPE_COLUMNS = { vendor: 'report.vendor_id', rep: 'report.rep_id' };

@Injectable()
export class CallReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reps: ReportingRepsService,
    private readonly leads: LeadTouchRecorder,
    private readonly plausibility: PlausibilityService,
  ) {}

  /** How many call reports were filed on a lead (the won-deal facts of contracts), in the caller's transaction. */
  async countCallReportsForLead(manager: EntityManager, leadId: string): Promise<number> {
    const [row]: { n: number }[] = await manager.query(
      'SELECT count(*)::int AS n FROM call_reports WHERE lead_id = $1',
      [leadId],
    );
    return row.n;
  }

  async createCallReport(
    input: CreateCallReportDto,
    principal: Principal,
    scope: DataScope,
  ): Promise<CallReport> {
    const { ids } = await this.fileReports([input], principal, scope, () => '');
    return this.getCallReport(ids[0], scope);
  }

  createCallReportBatch(
    inputs: CreateCallReportDto[],
    principal: Principal,
    scope: DataScope,
  ): Promise<FiledReports> {
    const errors = validateCallReportRows(inputs);
    if (errors.length) throw DomainException.validation(errors);
    return this.fileReports(inputs, principal, scope, (index) => `reports.${index}.`);
  }

  /**
   * Checks every report before writing any: bad fields (400), reps or leads the caller cannot see
   * (404), inactive reps (422) — each error names the row and field. Then one transaction inserts all
   * rows and raises their plausibility flags in one statement, and records the lead touches.
   */
  private async fileReports(
    inputs: CreateCallReportDto[],
    principal: Principal,
    scope: DataScope,
    prefix: (index: number) => string,
  ): Promise<FiledReports> {
    const resolved = await this.resolve(inputs, principal, scope, prefix);
    return this.dataSource.transaction(async (em) => {
      const flagsRaised = await this.insertReports(em, resolved, principal.subjectId);
      const touches: LeadTouch[] = resolved
        .filter((report) => report.input.leadId)
        .map((report) => ({
          leadId: report.input.leadId as string,
          callReportId: report.id,
          repId: report.rep.repId,
          vendorId: report.rep.vendorId,
          occurredAt: report.occurredAt,
          type: report.input.type,
          outcome: report.input.outcome,
          nextStepOn: report.input.nextStepOn ?? null,
        }));
      if (touches.length) await this.leads.recordTouches(em, touches);
      return { ids: resolved.map((report) => report.id), flagsRaised };
    });
  }

  private async resolve(
    inputs: CreateCallReportDto[],
    principal: Principal,
    scope: DataScope,
    prefix: (index: number) => string,
  ): Promise<ResolvedReport[]> {
    const now = Date.now();
    const badFields: FieldError[] = [];
    const repIds = inputs.map((input) =>
      principal.role === Role.REP ? (input.repId ?? principal.repId) : input.repId,
    );
    inputs.forEach((input, index) => {
      if (!repIds[index]) badFields.push({ field: `${prefix(index)}repId`, message: 'is required' });
      if (Date.parse(input.occurredAt) > now + CLOCK_SKEW_MS)
        badFields.push({ field: `${prefix(index)}occurredAt`, message: 'must not be in the future' });
    });
    if (badFields.length) throw DomainException.validation(badFields);

    const reps = new Map(
      (await this.reps.findReps(this.dataSource.manager, { repIds: repIds as string[] })).map((rep) => [
        rep.repId,
        rep,
      ]),
    );
    const invisibleLeads = new Set(
      await this.leads.findInvisibleLeads(
        this.dataSource.manager,
        [...new Set(inputs.flatMap((input) => (input.leadId ? [input.leadId] : [])))],
        scope,
      ),
    );
    const invisibleCustomers = new Set(
      await this.leads.findInvisibleCustomers(
        this.dataSource.manager,
        [...new Set(inputs.flatMap((input) => (input.customerId ? [input.customerId] : [])))],
        scope,
      ),
    );
    const missing: FieldError[] = [];
    const inactive: FieldError[] = [];
    const resolved = inputs.map((input, index): ResolvedReport | null => {
      const rep = reps.get(repIds[index] as string);
      if (!rep || !scope.canSeeRow(rep.vendorId, rep.repId)) {
        missing.push({ field: `${prefix(index)}repId`, message: `rep ${repIds[index]} was not found` });
        return null;
      }
      if (input.leadId && invisibleLeads.has(input.leadId))
        missing.push({ field: `${prefix(index)}leadId`, message: `lead ${input.leadId} was not found` });
      if (input.customerId && invisibleCustomers.has(input.customerId))
        missing.push({
          field: `${prefix(index)}customerId`,
          message: `customer ${input.customerId} was not found`,
        });
      if (!rep.active)
        inactive.push({ field: `${prefix(index)}repId`, message: `rep ${rep.repId} is inactive` });
      const occurredAt = new Date(input.occurredAt);
      const occurredOn = localDateIn(rep.timezone, occurredAt);
      if (input.nextStepOn && input.nextStepOn < occurredOn)
        badFields.push({
          field: `${prefix(index)}nextStepOn`,
          message: 'must not be before the day of the report',
        });
      return { id: randomUUID(), input, rep, occurredAt, occurredOn };
    });
    if (badFields.length) throw DomainException.validation(badFields);
    if (missing.length) {
      throw new DomainException(
        ErrorCode.NOT_FOUND,
        inputs.length === 1
          ? missing[0].message
          : `${missing.length} reports name a rep, lead or customer that was not found`,
        missing,
      );
    }
    if (inactive.length) {
      throw new DomainException(
        ErrorCode.CALL_REPORT_REP_INACTIVE,
        'Reports cannot be filed for an inactive rep',
        inactive,
      );
    }
    return resolved as ResolvedReport[];
  }

  /**
   * One INSERT … SELECT FROM unnest(…) for the whole batch, and the plausibility checks over it and each
   * rep's neighbourhood in the same statement: one round trip, one plan, any size. Returns the flags raised.
   */
  private insertReports(em: EntityManager, reports: ResolvedReport[], reportedBy: string): Promise<number> {
    const column = <T>(read: (report: ResolvedReport) => T) => reports.map(read);
    return this.plausibility.insertWithFlags(
      em,
      `INSERT INTO call_reports (id, rep_id, vendor_id, occurred_at, occurred_on, type, duration_seconds,
         lead_id, customer_id, outcome, notes, next_step, next_step_on, latitude, longitude, location_name,
         reported_by)
       SELECT r.*, $17::uuid
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::date[], $6::varchar[],
                     $7::int[], $8::uuid[], $9::uuid[], $10::varchar[], $11::varchar[], $12::varchar[],
                     $13::date[], $14::float8[], $15::float8[], $16::varchar[]) AS r`,
      [
        column((r) => r.id),
        column((r) => r.rep.repId),
        column((r) => r.rep.vendorId),
        column((r) => r.occurredAt.toISOString()),
        column((r) => r.occurredOn),
        column((r) => r.input.type),
        column((r) => r.input.durationSeconds),
        column((r) => r.input.leadId ?? null),
        column((r) => r.input.customerId ?? null),
        column((r) => r.input.outcome),
        column((r) => r.input.notes ?? null),
        column((r) => r.input.nextStep ?? null),
        column((r) => r.input.nextStepOn ?? null),
        column((r) => r.input.location?.latitude ?? null),
        column((r) => r.input.location?.longitude ?? null),
        column((r) => r.input.location?.name ?? null),
        reportedBy,
      ],
    );
  }

  /** A customer's latest call reports in the caller's scope, newest first (the customer account view). */
  listRecentCallReportsOfCustomer(
    manager: EntityManager,
    customerId: string,
    scope: DataScope,
    limit = 10,
  ): Promise<CallReport[]> {
    return scope
      .apply(manager.getRepository(CallReport).createQueryBuilder('report'), SCOPE_COLUMNS)
      .andWhere('report.customer_id = :customerId', { customerId })
      .orderBy('report.occurred_at', 'DESC')
      .addOrderBy('report.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  async getCallReport(id: string, scope: DataScope): Promise<CallReport> {
    const builder = this.dataSource
      .getRepository(CallReport)
      .createQueryBuilder('report')
      .where('report.id = :id', { id });
    const report = await scope.apply(builder, SCOPE_COLUMNS).getOne();
    if (!report) throw DomainException.notFound('Call report', id);
    return report;
  }

  /** Newest first, keyset-paginated on (occurred_at, id) so deep pages cost what the first does. */
  listCallReports(query: ListCallReportsQuery, scope: DataScope): Promise<Page<CallReport>> {
    return this.callReportPage(this.dataSource.manager, query, scope);
  }

  /** One page of the call-report list, newest first: one query (also the list export's page). */
  callReportPage(
    manager: EntityManager,
    query: ListCallReportsQuery,
    scope: DataScope,
  ): Promise<Page<CallReport>> {
    return paginateSyncable(
      this.filteredCallReports(manager, query, scope),
      query,
      [
        { expression: 'report.occurred_at', read: (row) => row.occurredAt.toISOString() },
        { expression: 'report.id', read: (row) => row.id },
      ],
      'DESC',
    );
  }

  /** How many call reports the list pages through with these filters (the export's row cap). */
  countCallReports(manager: EntityManager, query: ListCallReportsQuery, scope: DataScope): Promise<number> {
    return countSyncable(this.filteredCallReports(manager, query, scope), query);
  }

  private filteredCallReports(manager: EntityManager, query: ListCallReportsQuery, scope: DataScope) {
    const builder = manager.getRepository(CallReport).createQueryBuilder('report');
    scope.apply(builder, SCOPE_COLUMNS);
    if (query.repId) builder.andWhere('report.rep_id = :repId', { repId: query.repId });
    if (query.vendorId) builder.andWhere('report.vendor_id = :vendorId', { vendorId: query.vendorId });
    if (query.leadId) builder.andWhere('report.lead_id = :leadId', { leadId: query.leadId });
    if (query.type) builder.andWhere('report.type = :type', { type: query.type });
    if (query.occurredFrom) builder.andWhere('report.occurred_at >= :from', { from: query.occurredFrom });
    if (query.occurredTo) builder.andWhere('report.occurred_at < :to', { to: query.occurredTo });
    return builder;
  }

  // ---- reads for the scheduler's checks (one query each) ----

  /** Each rep's latest report at or before `asOf`. */
  async lastReportAtByRep(
    manager: EntityManager,
    repIds: readonly string[],
    asOf: Date,
  ): Promise<Map<string, Date>> {
    if (repIds.length === 0) return new Map();
    const rows: { rep_id: string; at: Date }[] = await manager.query(
      `SELECT r.rep_id, (SELECT max(c.occurred_at) FROM call_reports c
                         WHERE c.rep_id = r.rep_id AND c.occurred_at <= $2) AS at
       FROM unnest($1::uuid[]) AS r(rep_id)`,
      [repIds, asOf],
    );
    return new Map(rows.filter((row) => row.at).map((row) => [row.rep_id, new Date(row.at)]));
  }

  /**
   * Calls per rep on their local days `from`..`to` (inclusive). The UTC bounds on `occurred_at` (local
   * days lie between UTC−12 and UTC+14) let each rep's range be read from the calls-by-rep index alone.
   */
  async countCallsByRep(
    manager: EntityManager,
    repIds: readonly string[],
    from: string,
    to: string,
  ): Promise<Map<string, number>> {
    if (repIds.length === 0) return new Map();
    const rows: { rep_id: string; n: number }[] = await manager.query(
      `SELECT rep_id, count(*)::int AS n FROM call_reports
       WHERE rep_id = ANY($1::uuid[]) AND type = 'call' AND occurred_on BETWEEN $2::date AND $3::date
         AND occurred_at >= $2::date::timestamp AT TIME ZONE 'UTC' - interval '14 hours'
         AND occurred_at < ($3::date + 1)::timestamp AT TIME ZONE 'UTC' + interval '12 hours'
       GROUP BY rep_id`,
      [repIds, from, to],
    );
    return new Map(rows.map((row) => [row.rep_id, row.n]));
  }

  /**
   * Reports per (rep, vendor, type, local month) over local months `fromMonth`..`toMonth` (YYYY-MM,
   * inclusive), counted on `occurred_on`, the day in the rep's own time zone. One grouped read for
   * every rep at once: targets' actuals for calls, visits, meetings and negotiations.
   */
  async countReportsByRepAndMonth(
    manager: EntityManager,
    fromMonth: string,
    toMonth: string,
    types: readonly CallReportType[],
  ): Promise<{ repId: string; vendorId: string; type: CallReportType; month: string; count: number }[]> {
    const rows: { rep_id: string; vendor_id: string; type: CallReportType; month: string; n: number }[] =
      await manager.query(
        `SELECT rep_id, vendor_id, type, to_char(occurred_on, 'YYYY-MM') AS month, count(*)::int AS n
           FROM call_reports
          WHERE occurred_on >= ($1 || '-01')::date AND occurred_on < ($2 || '-01')::date + interval '1 month'
            AND type = ANY($3::varchar[])
          GROUP BY 1, 2, 3, 4`,
        [fromMonth, toMonth, types],
      );
    return rows.map((row) => ({
      repId: row.rep_id,
      vendorId: row.vendor_id,
      type: row.type,
      month: row.month,
      count: row.n,
    }));
  }
}
