import { Body, Controller, Get, Header, Post, Query } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import { DataScope } from '../../common/auth/data-scope';
import { type Principal, Role } from '../../common/auth/role';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { Page, PageQuery } from '../../common/pagination/pagination';
import {
  AcceptDisputeDto,
  CreateStatementDto,
  DisputeDto,
  DisputePage,
  DraftRunDto,
  DraftStatementsDto,
  ListDisputesQuery,
  ListStatementsQuery,
  mapDispute,
  mapStatement,
  mapStatementLine,
  RaiseDisputeDto,
  RejectDisputeDto,
  StatementDto,
  StatementLineDto,
  StatementLinePage,
  StatementPage,
  statementCsv,
} from './settlement.dto';
import { SettlementService } from './settlement.service';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

const READERS = [Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.REP, Role.INTEGRATION];
const MANAGERS = [Role.ADMIN, Role.SALES_MANAGER];

/**
 * Settlement statements: what each vendor (or independent rep) earns per period, line by line. Sales
 * managers draft, approve and lock them; vendor managers and vendor-bound clients read their own and
 * dispute lines; anything outside the caller's scope is 404.
 */
@ApiTags('settlement')
@Controller()
export class SettlementController {
  constructor(private readonly settlement: SettlementService) {}

  @Post('settlement-statements')
  @Auth(...MANAGERS)
  @Idempotent()
  @Endpoint({
    summary: 'Draft a statement for one vendor (or independent rep) and period, computed at once',
    description:
      'An agency is settled as a whole, an independent rep per rep (`repId`). A statement overlapping ' +
      'another of the same payee is 409 SETTLEMENT_PERIOD_OVERLAP; a payee that does not fit the vendor, ' +
      'or a vendor without an agreement in force in the period, is 422 SETTLEMENT_PAYEE_INVALID; a credit ' +
      'split that is not 100 % is 422 SETTLEMENT_CREDIT_SPLIT_INVALID, a cap over another currency 422 ' +
      'SETTLEMENT_CURRENCY_MIXED. Nothing is written on a refusal.',
    created: StatementDto,
    problems: [400, 404, 409, 422],
  })
  async createStatement(
    @Body() body: CreateStatementDto,
    @CurrentPrincipal() actor: Principal,
    @Scope() scope: DataScope,
  ): Promise<StatementDto> {
    return mapStatement(await this.settlement.createStatement(body, actor, scope));
  }

  @Post('settlement-statements/drafts')
  @Auth(...MANAGERS)
  @Endpoint({
    summary: 'Draft (or recompute) the statements of every vendor with an agreement in force in a period',
    description:
      'What the scheduler does at each period end: payees without a statement for the period get a draft, ' +
      'drafts of exactly that period are recomputed, approved and locked ones are left alone.',
    created: DraftRunDto,
    problems: [400],
  })
  draftStatements(@Body() body: DraftStatementsDto): Promise<DraftRunDto> {
    return this.settlement.draftStatements(body.periodKey);
  }

  @Get('settlement-statements')
  @Auth(...READERS)
  @Endpoint({
    summary: 'List statements by period (vendor managers and reps see their own)',
    description:
      'Any signed-in role, within its scope: vendor managers see their vendor’s statements, reps ' +
      'their own as independent payees. Filter by vendor, period or status; cursor-paged.',
    ok: StatementPage,
    problems: [400],
  })
  async listStatements(
    @Query() query: ListStatementsQuery,
    @Scope() scope: DataScope,
  ): Promise<Page<StatementDto>> {
    const page = await this.settlement.listStatements(query, scope);
    return { data: page.data.map(mapStatement), nextCursor: page.nextCursor };
  }

  @Get('settlement-statements/:id')
  @Auth(...READERS)
  @Endpoint({
    summary: 'Get a statement with its totals per currency',
    description:
      'Any role that may see it. Answers the statement with its payee, period, status (draft, ' +
      'approved, locked) and totals per currency; amounts in minor units, never summed across ' +
      'currencies.',
    ok: StatementDto,
    problems: [400, 404],
  })
  async getStatement(@UuidParam('id') id: string, @Scope() scope: DataScope): Promise<StatementDto> {
    return mapStatement(await this.settlement.getStatement(id, scope));
  }

  @Get('settlement-statements/:id/lines')
  @Auth(...READERS)
  @Endpoint({
    summary: 'List a statement’s lines: source, basis, rate, tier, amount and currency of each',
    description:
      'Any role that may see the statement. Lists its lines with cursor pagination: the revenue or ' +
      'target source, the basis amount, the rate and tier applied, and the resulting amount and ' +
      'currency.',
    ok: StatementLinePage,
    problems: [400, 404],
  })
  async listStatementLines(
    @UuidParam('id') id: string,
    @Query() query: PageQuery,
    @Scope() scope: DataScope,
  ): Promise<Page<StatementLineDto>> {
    const page = await this.settlement.listStatementLines(id, query, scope);
    return { data: page.data.map(mapStatementLine), nextCursor: page.nextCursor };
  }

  @Get('settlement-statements/:id/csv')
  @Auth(...READERS)
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @Endpoint({
    summary: 'Export a statement as CSV for payroll or accounts payable (one row per line)',
    description:
      'Any role that may see the statement. Answers an RFC 4180 CSV with a header row and one row ' +
      'per statement line (source, basis, rate, tier, amount in minor units, currency), for ' +
      'payroll or accounts payable.',
    ok: {
      description: 'RFC 4180 CSV with a header row; amounts in minor units',
      content: {
        'text/csv': {
          schema: { type: 'string' },
          example: 'statement_id,vendor_id,payee_rep_id,period,status,line_no,kind,…\r\n',
        },
      },
    },
    problems: [400, 404],
  })
  async exportStatementCsv(@UuidParam('id') id: string, @Scope() scope: DataScope): Promise<string> {
    const { statement, lines } = await this.settlement.allStatementLines(id, scope);
    return statementCsv(statement, lines);
  }

  @Post('settlement-statements/:id/recomputations')
  @Auth(...MANAGERS)
  @Endpoint({
    summary: 'Recompute a draft statement from the current facts',
    description:
      'A locked statement is 409 SETTLEMENT_STATEMENT_LOCKED, an approved one 409 SETTLEMENT_STATEMENT_STATE_INVALID.',
    created: StatementDto,
    problems: [400, 404, 409, 422],
  })
  async recomputeStatement(
    @UuidParam('id') id: string,
    @CurrentPrincipal() actor: Principal,
    @Scope() scope: DataScope,
  ): Promise<StatementDto> {
    return mapStatement(await this.settlement.recomputeStatement(id, actor, scope));
  }

  @Post('settlement-statements/:id/approval')
  @Auth(...MANAGERS)
  @Endpoint({
    summary: 'Approve a draft statement (sales manager): its lines are frozen; sends `statement.approved`',
    description:
      'A locked statement is 409 SETTLEMENT_STATEMENT_LOCKED, an approved one 409 SETTLEMENT_STATEMENT_STATE_INVALID.',
    created: StatementDto,
    problems: [400, 404, 409, 422],
  })
  async approveStatement(
    @UuidParam('id') id: string,
    @CurrentPrincipal() actor: Principal,
    @Scope() scope: DataScope,
  ): Promise<StatementDto> {
    return mapStatement(await this.settlement.approveStatement(id, actor, scope));
  }

  @Post('settlement-statements/:id/lock')
  @Auth(...MANAGERS)
  @Endpoint({
    summary: 'Lock an approved statement for payment: frozen forever',
    description:
      'Later corrections go into the payee’s next open statement as adjustment lines naming the original.',
    created: StatementDto,
    problems: [400, 404, 409],
  })
  async lockStatement(
    @UuidParam('id') id: string,
    @CurrentPrincipal() actor: Principal,
    @Scope() scope: DataScope,
  ): Promise<StatementDto> {
    return mapStatement(await this.settlement.lockStatement(id, actor, scope));
  }

  @Post('settlement-statements/:id/lines/:lineId/disputes')
  @Auth(Role.ADMIN, Role.VENDOR_MANAGER)
  @Endpoint({
    summary: 'Dispute a line of an approved or locked statement, with a reason (vendor manager)',
    description:
      'A line of another vendor is 404; a draft’s line is 409 SETTLEMENT_STATEMENT_STATE_INVALID (drafts are ' +
      'recomputed); a line with an open dispute 409 SETTLEMENT_DISPUTE_STATE_INVALID.',
    created: DisputeDto,
    problems: [400, 404, 409],
  })
  async raiseDispute(
    @UuidParam('id') id: string,
    @UuidParam('lineId') lineId: string,
    @Body() body: RaiseDisputeDto,
    @CurrentPrincipal() actor: Principal,
    @Scope() scope: DataScope,
  ): Promise<DisputeDto> {
    return mapDispute(await this.settlement.raiseDispute(id, lineId, body, actor, scope));
  }

  @Get('settlement-disputes')
  @Auth(...READERS)
  @Endpoint({
    summary: 'List disputes with their decisions (the history of each line’s disputes)',
    description:
      'Any signed-in role, within its scope (a vendor manager or rep: disputes of their own ' +
      'statements). Lists disputes of statement lines with their status and the decision on each, ' +
      'so a line’s whole dispute history can be read; filter by statement or status.',
    ok: DisputePage,
    problems: [400],
  })
  async listDisputes(
    @Query() query: ListDisputesQuery,
    @Scope() scope: DataScope,
  ): Promise<Page<DisputeDto>> {
    const page = await this.settlement.listDisputes(query, scope);
    return { data: page.data.map(mapDispute), nextCursor: page.nextCursor };
  }

  @Post('settlement-disputes/:id/acceptance')
  @Auth(...MANAGERS)
  @Endpoint({
    summary: 'Accept a dispute (sales manager): the correction goes into the payee’s next open statement',
    description:
      'Writes an adjustment line naming the disputed line into the next draft (now, or when it is drafted). ' +
      'A currency other than the line’s is 422 SETTLEMENT_CURRENCY_MIXED; a decided dispute 409.',
    created: DisputeDto,
    problems: [400, 404, 409, 422],
  })
  async acceptDispute(
    @UuidParam('id') id: string,
    @Body() body: AcceptDisputeDto,
    @CurrentPrincipal() actor: Principal,
    @Scope() scope: DataScope,
  ): Promise<DisputeDto> {
    return mapDispute(await this.settlement.acceptDispute(id, body, actor, scope));
  }

  @Post('settlement-disputes/:id/rejection')
  @Auth(...MANAGERS)
  @Endpoint({
    summary: 'Reject a dispute with a reason (sales manager)',
    description:
      'Admins and sales managers. Rejects an open dispute with a reason; the statement line stays ' +
      'as it was. A dispute already decided is 409.',
    created: DisputeDto,
    problems: [400, 404, 409],
  })
  async rejectDispute(
    @UuidParam('id') id: string,
    @Body() body: RejectDisputeDto,
    @CurrentPrincipal() actor: Principal,
    @Scope() scope: DataScope,
  ): Promise<DisputeDto> {
    return mapDispute(await this.settlement.rejectDispute(id, body, actor, scope));
  }
}
