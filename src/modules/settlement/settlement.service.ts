import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { DataScope } from '../../common/auth/data-scope';
import { Principal } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { Page, paginate } from '../../common/pagination/pagination';
import { Period, period as periodOfKey, periodOf } from '../../common/period/period';
import { LeadQueriesService } from '../leads/leads.published';
import { OutboxService } from '../webhooks/outbox.service';
import { SettlementPayeeVendor, VendorsService } from '../vendors/vendors.service';
import { VendorKind } from '../vendors/vendor-enums';
import {
  computeStatementLines,
  ComputedLine,
  ContractEnding,
  EarlierCommissionLine,
  LeadEvent,
  Payee,
  PendingAdjustment,
  RevenueFact,
  SettlementContext,
  SettlementLineKind,
  SettlementTerms,
  splitCredit,
} from './settlement-engine.rules';
import {
  DisputeStatus,
  SettlementAdjustment,
  SettlementDispute,
  SettlementLine,
  SettlementStatement,
  StatementStatus,
} from './settlement.entity';
import {
  AcceptDisputeDto,
  CreateStatementDto,
  ListDisputesQuery,
  ListStatementsQuery,
  RaiseDisputeDto,
  RejectDisputeDto,
} from './settlement.dto';
import {
  payeeKey,
  SETTLEMENT_ATTAINMENT_READER,
  SETTLEMENT_REVENUE_READER,
  type SettlementAttainmentReader,
  type SettlementRevenueReader,
} from './settlement-sources';

const ALL_TIME = { from: '1900-01-01', to: '3000-01-01' };

/** Rows by each of their keys, in their order (a row with several keys is in several groups). */
function groupBy<T>(rows: readonly T[], keys: (row: T) => readonly string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows)
    for (const key of keys(row)) {
      const list = groups.get(key);
      if (list) list.push(row);
      else groups.set(key, [row]);
    }
  return groups;
}

const isExclusionViolation = (error: unknown): boolean =>
  error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23P01';

const overlapError = (payee: Payee, periodKey: string) =>
  DomainException.of(
    ErrorCode.SETTLEMENT_PERIOD_OVERLAP,
    `A statement of vendor ${payee.vendorId}${payee.repId ? `, rep ${payee.repId}` : ''} already covers part of ${periodKey}`,
  );

export interface DraftRunResult {
  periodKey: string;
  /** Payees with an agreement in force in the period. */
  payees: number;
  created: number;
  recomputed: number;
  lines: number;
}

@Injectable()
export class SettlementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vendors: VendorsService,
    private readonly leads: LeadQueriesService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    @Inject(SETTLEMENT_REVENUE_READER) private readonly revenue: SettlementRevenueReader,
    @Inject(SETTLEMENT_ATTAINMENT_READER) private readonly attainment: SettlementAttainmentReader,
  ) {}

  // ---- statements ----

  async createStatement(
    input: CreateStatementDto,
    actor: Principal,
    scope: DataScope,
  ): Promise<SettlementStatement> {
    const p = periodOfKey(input.periodKey);
    const payee: Payee = { vendorId: input.vendorId, repId: input.repId ?? null };
    try {
      return await this.dataSource.transaction(async (em) => {
        await this.vendors.getVendor(em, payee.vendorId, scope);
        const [vendor] = await this.vendors.listSettlementPayees(em, p.start, p.end, [payee.vendorId]);
        checkPayee(payee, vendor, p);
        await this.assertNoOverlap(em, payee, p);
        const statement = await em.save(
          em.create(SettlementStatement, {
            vendorId: payee.vendorId,
            repId: payee.repId,
            periodKey: p.key,
            periodStart: p.start,
            periodEnd: p.end,
            status: StatementStatus.DRAFT,
            computedAt: new Date(),
          }),
        );
        await this.recompute(em, p, [statement]);
        await this.audit.record(em, actor, {
          entityType: 'settlement_statement',
          entityId: statement.id,
          vendorId: statement.vendorId,
          action: 'create',
          after: { periodKey: p.key, repId: payee.repId },
        });
        return em.findOneByOrFail(SettlementStatement, { id: statement.id });
      });
    } catch (error) {
      if (isExclusionViolation(error)) throw overlapError(payee, p.key);
      throw error;
    }
  }

  private async assertNoOverlap(em: EntityManager, payee: Payee, p: Period): Promise<void> {
    const rows: unknown[] = await em.query(
      `SELECT 1 FROM settlement_statements
        WHERE vendor_id = $1 AND rep_id IS NOT DISTINCT FROM $2::uuid
          AND daterange(period_start, period_end, '[)') && daterange($3::date, $4::date, '[)')
        LIMIT 1`,
      [payee.vendorId, payee.repId, p.start, p.end],
    );
    if (rows.length) throw overlapError(payee, p.key);
  }

  async listStatements(query: ListStatementsQuery, scope: DataScope): Promise<Page<SettlementStatement>> {
    const builder = this.dataSource.getRepository(SettlementStatement).createQueryBuilder('s');
    scope.apply(builder, { vendor: 's.vendor_id', rep: 's.rep_id' });
    if (query.vendorId) builder.andWhere('s.vendor_id = :vendorId', { vendorId: query.vendorId });
    if (query.periodKey) builder.andWhere('s.period_key = :periodKey', { periodKey: query.periodKey });
    if (query.status) builder.andWhere('s.status = :status', { status: query.status });
    return paginate(builder, query, [
      { expression: 's.period_start', read: (row) => row.periodStart },
      { expression: 's.id', read: (row) => row.id },
    ]);
  }

  /**
   * One page of the commission lines of the statements the list would show (its filters and scope), each with
   * its statement, by period, statement and line number: one query (the settlement-lines export's page).
   */
  statementLinePage(
    manager: EntityManager,
    query: ListStatementsQuery,
    scope: DataScope,
  ): Promise<Page<SettlementLine>> {
    return paginate(this.filteredStatementLines(manager, query, scope), query, [
      { expression: 's.period_start', read: (row) => row.statement!.periodStart },
      { expression: 'l.statement_id', read: (row) => row.statementId },
      { expression: 'l.line_no', read: (row) => row.lineNo },
    ]);
  }

  /** How many lines `statementLinePage` pages through (the export's row cap). */
  countStatementLines(manager: EntityManager, query: ListStatementsQuery, scope: DataScope): Promise<number> {
    return this.filteredStatementLines(manager, query, scope).getCount();
  }

  private filteredStatementLines(manager: EntityManager, query: ListStatementsQuery, scope: DataScope) {
    const builder = manager
      .getRepository(SettlementLine)
      .createQueryBuilder('l')
      .innerJoinAndSelect('l.statement', 's');
    scope.apply(builder, { vendor: 's.vendor_id', rep: 's.rep_id' });
    if (query.vendorId) builder.andWhere('s.vendor_id = :vendorId', { vendorId: query.vendorId });
    if (query.periodKey) builder.andWhere('s.period_key = :periodKey', { periodKey: query.periodKey });
    if (query.status) builder.andWhere('s.status = :status', { status: query.status });
    return builder;
  }

  async getStatement(
    id: string,
    scope: DataScope,
    em: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<SettlementStatement> {
    const builder = em.createQueryBuilder(SettlementStatement, 's').where('s.id = :id', { id });
    scope.apply(builder, { vendor: 's.vendor_id', rep: 's.rep_id' });
    if (lock) builder.setLock('pessimistic_write');
    const statement = await builder.getOne();
    if (!statement) throw DomainException.notFound('Statement', id);
    return statement;
  }

  async listStatementLines(
    id: string,
    query: { limit?: number; cursor?: string },
    scope: DataScope,
  ): Promise<Page<SettlementLine>> {
    await this.getStatement(id, scope);
    const builder = this.dataSource
      .getRepository(SettlementLine)
      .createQueryBuilder('l')
      .where('l.statement_id = :id', { id });
    return paginate(builder, query, [{ expression: 'l.line_no', read: (row) => row.lineNo }]);
  }

  async allStatementLines(
    id: string,
    scope: DataScope,
  ): Promise<{ statement: SettlementStatement; lines: SettlementLine[] }> {
    const statement = await this.getStatement(id, scope);
    const lines = await this.dataSource.manager.find(SettlementLine, {
      where: { statementId: id },
      order: { lineNo: 'ASC' },
    });
    return { statement, lines };
  }

  async recomputeStatement(id: string, actor: Principal, scope: DataScope): Promise<SettlementStatement> {
    return this.dataSource.transaction(async (em) => {
      const statement = await this.getStatement(id, scope, em, true);
      assertDraft(statement, 'recompute');
      await this.recompute(em, periodOfKey(statement.periodKey), [statement]);
      void actor;
      return em.findOneByOrFail(SettlementStatement, { id });
    });
  }

  async approveStatement(id: string, actor: Principal, scope: DataScope): Promise<SettlementStatement> {
    return this.dataSource.transaction(async (em) => {
      const statement = await this.getStatement(id, scope, em, true);
      assertDraft(statement, 'approve');
      // Approval freezes what the approver saw: the lines are recomputed once more, then kept.
      await this.recompute(em, periodOfKey(statement.periodKey), [statement]);
      await em.update(
        SettlementStatement,
        { id },
        {
          status: StatementStatus.APPROVED,
          approvedAt: new Date(),
          approvedBy: actor.subjectId,
          version: () => 'version + 1',
        },
      );
      const approved = await em.findOneByOrFail(SettlementStatement, { id });
      await this.audit.record(em, actor, {
        entityType: 'settlement_statement',
        entityId: id,
        vendorId: approved.vendorId,
        action: 'approve',
        before: { status: statement.status },
        after: { status: approved.status, totals: approved.totals },
      });
      await this.outbox.publish(em, [
        {
          eventType: 'statement.approved',
          vendorId: approved.vendorId,
          payload: {
            statementId: approved.id,
            vendorId: approved.vendorId,
            repId: approved.repId,
            periodKey: approved.periodKey,
            totals: approved.totals,
            lineCount: approved.lineCount,
            approvedAt: approved.approvedAt?.toISOString(),
          },
        },
      ]);
      return approved;
    });
  }

  async lockStatement(id: string, actor: Principal, scope: DataScope): Promise<SettlementStatement> {
    return this.dataSource.transaction(async (em) => {
      const statement = await this.getStatement(id, scope, em, true);
      if (statement.status === StatementStatus.LOCKED) throw lockedError(statement, 'lock');
      if (statement.status !== StatementStatus.APPROVED) {
        throw DomainException.of(
          ErrorCode.SETTLEMENT_STATEMENT_STATE_INVALID,
          `Statement ${id} is ${statement.status}; only an approved statement can be locked`,
          { statementStatus: statement.status },
        );
      }
      await em.update(
        SettlementStatement,
        { id },
        {
          status: StatementStatus.LOCKED,
          lockedAt: new Date(),
          lockedBy: actor.subjectId,
          version: () => 'version + 1',
        },
      );
      await this.audit.record(em, actor, {
        entityType: 'settlement_statement',
        entityId: id,
        vendorId: statement.vendorId,
        action: 'lock',
        before: { status: statement.status },
        after: { status: StatementStatus.LOCKED },
      });
      return em.findOneByOrFail(SettlementStatement, { id });
    });
  }

  /** The endpoint's entry: one transaction around the set-based run below. */
  draftStatements(periodKey: string): Promise<DraftRunResult> {
    return this.dataSource.transaction((em) => this.draftStatementsForPeriod(em, periodKey));
  }

  /**
   * The scheduler's and the bench's entry point, set-based: a draft for every payee with an agreement in
   * force in the period (agencies as a whole, independent reps one by one) that has no statement
   * overlapping it yet, and a recompute of the drafts of exactly this period; closed ones are left alone.
   */
  async draftStatementsForPeriod(
    manager: EntityManager,
    periodKey: string,
    options: { vendorIds?: readonly string[]; recomputeExisting?: boolean } = {},
  ): Promise<DraftRunResult> {
    const { vendorIds, recomputeExisting = true } = options;
    const p = periodOfKey(periodKey);
    const vendors = await this.vendors.listSettlementPayees(manager, p.start, p.end, vendorIds);
    const payees = vendors.flatMap((vendor) => payeesOf(vendor));
    const created: SettlementStatement[] = await manager.query(
      `INSERT INTO settlement_statements (vendor_id, rep_id, period_key, period_start, period_end, status, computed_at)
       SELECT p.vendor_id, p.rep_id, $2, $3::date, $4::date, 'draft', now()
       FROM jsonb_to_recordset($1::jsonb) AS p(vendor_id uuid, rep_id uuid)
       WHERE NOT EXISTS (
         SELECT 1 FROM settlement_statements s
          WHERE s.vendor_id = p.vendor_id AND s.rep_id IS NOT DISTINCT FROM p.rep_id
            AND daterange(s.period_start, s.period_end, '[)') && daterange($3::date, $4::date, '[)'))
       RETURNING id`,
      [
        JSON.stringify(payees.map((payee) => ({ vendor_id: payee.vendorId, rep_id: payee.repId }))),
        p.key,
        p.start,
        p.end,
      ],
    );
    const drafts = await manager
      .createQueryBuilder(SettlementStatement, 's')
      .where('s.period_key = :key AND s.status = :draft', { key: p.key, draft: StatementStatus.DRAFT })
      .andWhere(vendorIds ? 's.vendor_id = ANY(:vendorIds)' : 'TRUE', { vendorIds })
      .andWhere(recomputeExisting ? 'TRUE' : 's.id = ANY(:created)', {
        created: created.map((row) => row.id),
      })
      .setLock('pessimistic_write')
      .getMany();
    const lines = await this.recompute(manager, p, drafts);
    return {
      periodKey: p.key,
      payees: payees.length,
      created: created.length,
      recomputed: drafts.length - created.length,
      lines,
    };
  }

  /**
   * Loads one context for all the statements (one period), computes every statement's lines with the
   * pure engine and writes them in one place: old lines out, new lines and totals in, set-based.
   */
  private async recompute(em: EntityManager, p: Period, statements: SettlementStatement[]): Promise<number> {
    if (statements.length === 0) return 0;
    const vendorIds = [...new Set(statements.map((s) => s.vendorId))];
    const statementIds = statements.map((s) => s.id);
    const terms: SettlementTerms[] = await this.vendors.listSettlementTerms(
      em,
      ALL_TIME.from,
      ALL_TIME.to,
      vendorIds,
    );
    const vendors = new Map(
      (await this.vendors.listSettlementPayees(em, p.start, p.end, vendorIds)).map((v) => [v.vendorId, v]),
    );
    const closed: { vendorId: string; repId: string | null; periodStart: string; periodEnd: string }[] =
      await em.query(
        `SELECT vendor_id AS "vendorId", rep_id AS "repId", to_char(period_start, 'YYYY-MM-DD') AS "periodStart",
                to_char(period_end, 'YYYY-MM-DD') AS "periodEnd"
         FROM settlement_statements
         WHERE vendor_id = ANY ($1::uuid[]) AND status <> 'draft' AND period_start < $2::date`,
        [vendorIds, p.start],
      );
    const horizon = closed.reduce((min, s) => (s.periodStart < min ? s.periodStart : min), p.start);
    const facts = await this.revenue.listRevenueFacts(em, vendorIds, horizon, p.end);
    // Only contracts with commission of a closed statement still inside a clawback window can claw back.
    const longestWindow = terms.reduce((max, t) => Math.max(max, t.clawbackDays), 0);
    const clawable: { contractId: string }[] = longestWindow
      ? await em.query(
          `SELECT DISTINCT l.source_contract_id AS "contractId"
           FROM settlement_lines l JOIN settlement_statements s ON s.id = l.statement_id
           WHERE s.vendor_id = ANY ($1::uuid[]) AND s.status <> 'draft' AND l.source_contract_id IS NOT NULL
             AND l.kind IN ('commission', 'adjustment') AND l.fact_date >= $2::date - $3::int`,
          [vendorIds, p.start, longestWindow],
        )
      : [];
    // …and contracts earning commission in this very period, which can end inside it.
    const earningNow = longestWindow
      ? facts.filter((fact) => fact.date >= p.start).map((fact) => fact.contractId)
      : [];
    const endings = await this.revenue.listContractEndings(
      em,
      [...new Set([...clawable.map((row) => row.contractId), ...earningNow])],
      p.start,
      p.end,
    );
    const leadEvents = await this.leads.listSettlementLeadEvents(em, p.start, p.end, vendorIds);
    const lateFacts = facts.filter((fact) => fact.date < p.start);
    const settledRows: { key: string }[] = lateFacts.length
      ? await em.query(
          `SELECT DISTINCT s.vendor_id || '/' || coalesce(s.rep_id::text, '-') || '|' || l.source_fact_id AS key
           FROM settlement_lines l JOIN settlement_statements s ON s.id = l.statement_id
           WHERE s.vendor_id = ANY ($1::uuid[]) AND l.source_fact_id = ANY ($2::text[])
             AND l.statement_id <> ALL ($3::uuid[])`,
          [vendorIds, lateFacts.map((f) => f.factId), statementIds],
        )
      : [];
    // Facts of closed periods that a line already settled, per payee.
    const settled = new Set(settledRows.map((row) => row.key));
    const contractIds = [...new Set([...endings, ...lateFacts].map((x) => x.contractId))];
    const earlier: (EarlierCommissionLine & { payee: string })[] = contractIds.length
      ? await em.query(
          `SELECT l.id AS "lineId", l.source_contract_id AS "contractId", to_char(l.fact_date, 'YYYY-MM-DD') AS "factDate",
                  l.amount_minor::float8 AS "amountMinor", l.currency, l.rate_bps AS "rateBps", l.tier,
                  coalesce(a.clawback_days, 0) AS "clawbackDays",
                  EXISTS (SELECT 1 FROM settlement_lines c WHERE c.original_line_id = l.id AND c.kind = 'clawback'
                            AND c.statement_id <> ALL ($3::uuid[])) AS "clawedBack",
                  s.vendor_id || '/' || coalesce(s.rep_id::text, '-') AS payee
           FROM settlement_lines l
           JOIN settlement_statements s ON s.id = l.statement_id
           LEFT JOIN LATERAL (SELECT clawback_days FROM jsonb_to_recordset($4::jsonb) AS t(id uuid, clawback_days int)
                               WHERE t.id = l.agreement_id) a ON TRUE
           WHERE s.vendor_id = ANY ($1::uuid[]) AND s.status <> 'draft'
             AND l.source_contract_id = ANY ($2::uuid[])
             AND l.kind IN ('commission', 'adjustment') AND l.source_fact_id IS NOT NULL`,
          [
            vendorIds,
            contractIds,
            statementIds,
            JSON.stringify(terms.map((t) => ({ id: t.agreementId, clawback_days: t.clawbackDays }))),
          ],
        )
      : [];
    const pending: (PendingAdjustment & { payee: string })[] = await em.query(
      `SELECT a.id AS "adjustmentId", a.original_line_id AS "originalLineId", a.amount_minor::float8 AS "amountMinor",
              a.currency, a.note, a.vendor_id || '/' || coalesce(a.rep_id::text, '-') AS payee
       FROM settlement_adjustments a
       WHERE a.vendor_id = ANY ($1::uuid[])
         AND NOT EXISTS (SELECT 1 FROM settlement_lines l WHERE l.adjustment_id = a.id AND l.statement_id <> ALL ($2::uuid[]))
       ORDER BY a.created_at, a.id`,
      [vendorIds, statementIds],
    );
    const payees = statements.map((s): Payee => ({ vendorId: s.vendorId, repId: s.repId }));
    const periodKeys = [...new Set([p.key, ...lateFacts.map((fact) => periodOf(fact.date, p.kind).key)])];
    const attainment = await this.attainment.attainmentPercent(em, payees, periodKeys);

    // Every split of the period is checked once for the whole run (a bad one refuses the run, as before);
    // then each payee sees only what can earn it something — the facts crediting its vendor, its vendor's
    // lead events, the endings of its own contracts — so the run costs the facts once, not once per payee.
    for (const fact of facts) if (fact.date >= p.start) splitCredit(fact);
    const factsOfVendor = groupBy(facts, (fact) => [
      ...new Set(fact.credits.flatMap((credit) => (credit.vendorId ? [credit.vendorId] : []))),
    ]);
    const eventsOfVendor = groupBy(leadEvents, (event) => [event.vendorId]);
    const endingsOf = groupBy(
      endings.map((ending, index) => ({ ending, index })),
      (row) => [row.ending.contractId],
    );
    const closedOf = groupBy(closed, (c) => [payeeKey(c)]);
    const earlierOf = groupBy(earlier, (line) => [line.payee]);
    const pendingOf = groupBy(pending, (adjustment) => [adjustment.payee]);
    const termsOf = groupBy(terms, (t) => [t.vendorId]);

    const rows: ReturnType<typeof lineRow>[] = [];
    const totals: { id: string; totals: unknown; line_count: number }[] = [];
    for (const statement of statements) {
      const payee: Payee = { vendorId: statement.vendorId, repId: statement.repId };
      const key = payeeKey(payee);
      const closedRanges = closedOf.get(key) ?? [];
      const payeeFacts: RevenueFact[] = (factsOfVendor.get(payee.vendorId) ?? []).filter(
        (fact) =>
          fact.date >= p.start ||
          (!settled.has(`${key}|${fact.factId}`) &&
            closedRanges.some((c) => c.periodStart <= fact.date && fact.date < c.periodEnd)),
      );
      const earlierLines = earlierOf.get(key) ?? [];
      // The endings of its contracts, in the run's order.
      const ownEndings: ContractEnding[] = [
        ...new Set([...payeeFacts.map((f) => f.contractId), ...earlierLines.map((l) => l.contractId)]),
      ]
        .flatMap((contractId) => endingsOf.get(contractId) ?? [])
        .sort((a, b) => a.index - b.index)
        .map((row) => row.ending);
      const ctx: SettlementContext = {
        period: p,
        terms: termsOf.get(payee.vendorId) ?? [],
        facts: payeeFacts,
        attainmentPercent: attainment.get(key) ?? new Map(),
        leadEvents: eventsOfVendor.get(payee.vendorId) ?? ([] as LeadEvent[]),
        earlierLines,
        endings: ownEndings,
        pendingAdjustments: pendingOf.get(key) ?? [],
        retainerShares: retainerShares(payee, vendors.get(payee.vendorId)),
      };
      const computed = computeStatementLines(payee, ctx);
      const ids = new Map(computed.lines.map((line) => [line, randomUUID()]));
      computed.lines.forEach((line, index) =>
        rows.push(lineRow(ids.get(line)!, statement.id, index + 1, line, ids)),
      );
      totals.push({ id: statement.id, totals: computed.totals, line_count: computed.lines.length });
    }
    await em.query('DELETE FROM settlement_lines WHERE statement_id = ANY ($1::uuid[])', [statementIds]);
    // Thousands of statements' lines at once stay one statement each: jsonb in, no parameter limit.
    for (let offset = 0; offset < rows.length; offset += 20_000) {
      await em.query(
        `INSERT INTO settlement_lines (id, statement_id, line_no, kind, agreement_id, rep_id, source_fact_id,
           source_contract_id, source_lead_id, source_month, fact_date, basis_minor, share_bps, rate_bps, tier,
           amount_minor, currency, original_line_id, adjustment_id, note)
         SELECT id, statement_id, line_no, kind, agreement_id, rep_id, source_fact_id, source_contract_id, source_lead_id,
                source_month, fact_date, basis_minor, share_bps, rate_bps, tier, amount_minor, currency,
                original_line_id, adjustment_id, note
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, statement_id uuid, line_no int, kind text, agreement_id uuid,
           rep_id uuid, source_fact_id text, source_contract_id uuid, source_lead_id uuid, source_month text,
           fact_date date, basis_minor bigint, share_bps int, rate_bps int, tier text, amount_minor bigint,
           currency text, original_line_id uuid, adjustment_id uuid, note text)`,
        [JSON.stringify(rows.slice(offset, offset + 20_000))],
      );
    }
    await em.query(
      `UPDATE settlement_statements s SET totals = t.totals, line_count = t.line_count, computed_at = now(),
              updated_at = now(), version = s.version + 1
       FROM jsonb_to_recordset($1::jsonb) AS t(id uuid, totals jsonb, line_count int)
       WHERE s.id = t.id`,
      [JSON.stringify(totals)],
    );
    return rows.length;
  }

  // ---- disputes ----

  async raiseDispute(
    statementId: string,
    lineId: string,
    input: RaiseDisputeDto,
    actor: Principal,
    scope: DataScope,
  ): Promise<SettlementDispute> {
    return this.dataSource.transaction(async (em) => {
      const statement = await this.getStatement(statementId, scope, em, true);
      const line = await em.findOneBy(SettlementLine, { id: lineId, statementId });
      if (!line) throw DomainException.notFound('Statement line', lineId);
      if (statement.status === StatementStatus.DRAFT) {
        throw DomainException.of(
          ErrorCode.SETTLEMENT_STATEMENT_STATE_INVALID,
          `Statement ${statementId} is a draft and is recomputed on demand; dispute its lines once it is approved`,
          { statementStatus: statement.status },
        );
      }
      const open = await em.findOneBy(SettlementDispute, { lineId, status: DisputeStatus.OPEN });
      if (open) {
        throw DomainException.of(
          ErrorCode.SETTLEMENT_DISPUTE_STATE_INVALID,
          `Line ${lineId} already has an open dispute (${open.id})`,
          { disputeId: open.id },
        );
      }
      return em.save(
        em.create(SettlementDispute, {
          statementId,
          lineId,
          vendorId: statement.vendorId,
          repId: statement.repId,
          status: DisputeStatus.OPEN,
          reason: input.reason,
          raisedBy: actor.subjectId,
          decisionReason: null,
          decidedBy: null,
          decidedAt: null,
          adjustmentId: null,
        }),
      );
    });
  }

  async listDisputes(query: ListDisputesQuery, scope: DataScope): Promise<Page<SettlementDispute>> {
    const builder = this.dataSource.getRepository(SettlementDispute).createQueryBuilder('d');
    scope.apply(builder, { vendor: 'd.vendor_id', rep: 'd.rep_id' });
    if (query.statementId)
      builder.andWhere('d.statement_id = :statementId', { statementId: query.statementId });
    if (query.status) builder.andWhere('d.status = :status', { status: query.status });
    return paginate(builder, query, [
      { expression: 'd.created_at', read: (row) => row.createdAt.toISOString() },
      { expression: 'd.id', read: (row) => row.id },
    ]);
  }

  private async openDispute(em: EntityManager, id: string, scope: DataScope): Promise<SettlementDispute> {
    const builder = em
      .createQueryBuilder(SettlementDispute, 'd')
      .where('d.id = :id', { id })
      .setLock('pessimistic_write');
    scope.apply(builder, { vendor: 'd.vendor_id', rep: 'd.rep_id' });
    const dispute = await builder.getOne();
    if (!dispute) throw DomainException.notFound('Dispute', id);
    if (dispute.status !== DisputeStatus.OPEN) {
      throw DomainException.of(
        ErrorCode.SETTLEMENT_DISPUTE_STATE_INVALID,
        `Dispute ${id} was already ${dispute.status}`,
        { disputeStatus: dispute.status },
      );
    }
    return dispute;
  }

  /**
   * Accepting a dispute writes an adjustment for the payee; the payee's next open statement (a draft
   * after the disputed one) carries it as a line naming the disputed line, recomputed here at once.
   */
  async acceptDispute(
    id: string,
    input: AcceptDisputeDto,
    actor: Principal,
    scope: DataScope,
  ): Promise<SettlementDispute> {
    return this.dataSource.transaction(async (em) => {
      const dispute = await this.openDispute(em, id, scope);
      const line = await em.findOneByOrFail(SettlementLine, { id: dispute.lineId });
      if (input.currency && input.currency !== line.currency) {
        throw new DomainException(
          ErrorCode.SETTLEMENT_CURRENCY_MIXED,
          `The disputed line is in ${line.currency}; an adjustment in ${input.currency} would add two currencies in one total`,
          [{ field: 'currency', message: `must be ${line.currency}` }],
        );
      }
      const adjustment = await em.save(
        em.create(SettlementAdjustment, {
          vendorId: dispute.vendorId,
          repId: dispute.repId,
          originalLineId: line.id,
          amountMinor: input.amountMinor,
          currency: line.currency,
          note: `dispute accepted: ${input.reason}`.slice(0, 300),
          createdBy: actor.subjectId,
        }),
      );
      await em.update(
        SettlementDispute,
        { id },
        {
          status: DisputeStatus.ACCEPTED,
          decisionReason: input.reason,
          decidedBy: actor.subjectId,
          decidedAt: new Date(),
          adjustmentId: adjustment.id,
          version: () => 'version + 1',
        },
      );
      const disputed = await em.findOneByOrFail(SettlementStatement, { id: dispute.statementId });
      const next = await em
        .createQueryBuilder(SettlementStatement, 's')
        .where('s.vendor_id = :vendorId AND s.rep_id IS NOT DISTINCT FROM :repId', {
          vendorId: dispute.vendorId,
          repId: dispute.repId,
        })
        .andWhere('s.status = :draft AND s.period_start >= :after', {
          draft: StatementStatus.DRAFT,
          after: disputed.periodEnd,
        })
        .orderBy('s.period_start')
        .setLock('pessimistic_write')
        .getOne();
      if (next) await this.recompute(em, periodOfKey(next.periodKey), [next]);
      return em.findOneByOrFail(SettlementDispute, { id });
    });
  }

  async rejectDispute(
    id: string,
    input: RejectDisputeDto,
    actor: Principal,
    scope: DataScope,
  ): Promise<SettlementDispute> {
    return this.dataSource.transaction(async (em) => {
      await this.openDispute(em, id, scope);
      await em.update(
        SettlementDispute,
        { id },
        {
          status: DisputeStatus.REJECTED,
          decisionReason: input.reason,
          decidedBy: actor.subjectId,
          decidedAt: new Date(),
          version: () => 'version + 1',
        },
      );
      return em.findOneByOrFail(SettlementDispute, { id });
    });
  }
}

function lockedError(statement: SettlementStatement, action: string): DomainException {
  return DomainException.of(
    ErrorCode.SETTLEMENT_STATEMENT_LOCKED,
    `Statement ${statement.id} is locked and frozen; it cannot ${action}. Corrections go into the next open statement.`,
    { statementStatus: statement.status },
  );
}

function assertDraft(statement: SettlementStatement, action: 'recompute' | 'approve'): void {
  if (statement.status === StatementStatus.LOCKED) {
    throw lockedError(statement, action === 'recompute' ? 'be recomputed' : 'be approved again');
  }
  if (statement.status !== StatementStatus.DRAFT) {
    throw DomainException.of(
      ErrorCode.SETTLEMENT_STATEMENT_STATE_INVALID,
      `Statement ${statement.id} is already ${statement.status}; only a draft can ${action === 'recompute' ? 'be recomputed' : 'be approved'}`,
      { statementStatus: statement.status },
    );
  }
}

function payeesOf(vendor: SettlementPayeeVendor): Payee[] {
  if (vendor.kind === VendorKind.INDEPENDENT_REP) {
    return vendor.repIds.map((repId) => ({ vendorId: vendor.vendorId, repId }));
  }
  return [{ vendorId: vendor.vendorId, repId: null }];
}

function retainerShares(
  payee: Payee,
  vendor: SettlementPayeeVendor | undefined,
): { index: number; count: number } {
  if (payee.repId === null || !vendor) return { index: 0, count: 1 };
  const index = vendor.repIds.indexOf(payee.repId);
  return index < 0 ? { index: 0, count: 1 } : { index, count: vendor.repIds.length };
}

function checkPayee(payee: Payee, vendor: SettlementPayeeVendor | undefined, p: Period): void {
  const refuse = (detail: string, field: string) =>
    new DomainException(ErrorCode.SETTLEMENT_PAYEE_INVALID, detail, [{ field, message: detail }]);
  if (!vendor)
    throw refuse(
      `Vendor ${payee.vendorId} has no agreement in force in ${p.key} (or is an internal team)`,
      'vendorId',
    );
  if (vendor.kind === VendorKind.INDEPENDENT_REP && payee.repId === null) {
    throw refuse('An independent-rep vendor is settled per rep: name the rep', 'repId');
  }
  if (vendor.kind !== VendorKind.INDEPENDENT_REP && payee.repId !== null) {
    throw refuse('An agency is settled as a whole: leave out repId', 'repId');
  }
  if (payee.repId !== null && !vendor.repIds.includes(payee.repId)) {
    throw refuse(`Rep ${payee.repId} is not a rep of vendor ${payee.vendorId}`, 'repId');
  }
}

function lineRow(
  id: string,
  statementId: string,
  lineNo: number,
  line: ComputedLine,
  ids: ReadonlyMap<ComputedLine, string>,
) {
  return {
    id,
    statement_id: statementId,
    line_no: lineNo,
    kind: line.kind,
    agreement_id: line.agreementId,
    rep_id: line.repId,
    source_fact_id: line.sourceFactId,
    source_contract_id: line.sourceContractId,
    source_lead_id: line.sourceLeadId,
    source_month: line.sourceMonth,
    fact_date: line.factDate,
    basis_minor: line.basisMinor,
    share_bps: line.shareBps,
    rate_bps: line.rateBps,
    tier: line.tier,
    amount_minor: line.amountMinor,
    currency: line.currency,
    original_line_id: line.originalInStatement
      ? (ids.get(line.originalInStatement) ?? null)
      : line.originalLineId,
    adjustment_id: line.adjustmentId,
    note: line.note,
  };
}

export { SettlementLineKind };
