import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import type { DataScope } from '../../common/auth/data-scope';
import { ALL_ROLES, type Principal, Role } from '../../common/auth/role';
import { todayIn } from '../../common/calendar/working-days';
import { ErrorCode } from '../../common/errors/error-codes';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import {
  CreateMilestoneDto,
  mapMilestone,
  MilestoneDto,
  PaymentStatusDto,
  UpdateMilestoneDto,
} from './contract-milestones.dto';
import { ContractMilestonesService } from './contract-milestones.service';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';

const WRITERS = [Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.REP, Role.INTEGRATION];

/** Fulfilment milestones; the contract's scope applies (another vendor's contract is 404). */
@ApiTags('contracts')
@Controller('contracts/:id/milestones')
export class ContractMilestonesController {
  constructor(private readonly milestones: ContractMilestonesService) {}

  @Get()
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'List a contract’s fulfilment milestones, soonest due first' })
  @ApiOkResponse({ type: [MilestoneDto] })
  @ApiProblems(400, 404)
  async listContractMilestones(
    @UuidParam('id') id: string,
    @Scope() scope: DataScope,
  ): Promise<MilestoneDto[]> {
    const today = todayIn('UTC');
    return (await this.milestones.listMilestones(id, scope)).map((m) => mapMilestone(m, today));
  }

  @Post()
  @Auth(...WRITERS)
  @ApiOperation({
    summary: 'Add a fulfilment milestone (delivery, acceptance, invoice, payment) to a contract',
    description:
      'Amount in integer minor units of the contract’s currency (another currency is 422 ' +
      'CONTRACT_CURRENCY_MISMATCH naming `currency`). Open past its due day it is overdue and the ' +
      'scheduler’s `milestone_overdue` check raises an alert on the contract.',
  })
  @ApiCreatedResponse({ type: MilestoneDto })
  @ApiProblems(400, 404, ErrorCode.CONTRACT_CURRENCY_MISMATCH)
  async createContractMilestone(
    @UuidParam('id') id: string,
    @Body() body: CreateMilestoneDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() actor: Principal,
  ): Promise<MilestoneDto> {
    const milestone = await this.milestones.createMilestoneForRequest(id, body, scope, actor);
    return mapMilestone(milestone, todayIn('UTC'));
  }

  @Patch(':milestoneId')
  @Auth(...WRITERS)
  @ApiOperation({
    summary: 'Mark a milestone done (doneOn), reopen it (doneOn null), move its due day or change its note',
  })
  @ApiOkResponse({ type: MilestoneDto })
  @ApiProblems(400, 404)
  async updateContractMilestone(
    @UuidParam('id') id: string,
    @UuidParam('milestoneId') milestoneId: string,
    @Body() body: UpdateMilestoneDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() actor: Principal,
  ): Promise<MilestoneDto> {
    const milestone = await this.milestones.updateMilestoneForRequest(id, milestoneId, body, scope, actor);
    return mapMilestone(milestone, todayIn('UTC'));
  }
}

/** A contract's payment status; the contract's scope applies. */
@ApiTags('contracts')
@Controller('contracts/:id/payment-status')
export class ContractPaymentStatusController {
  constructor(private readonly milestones: ContractMilestonesService) {}

  @Get()
  @Auth(...ALL_ROLES)
  @ApiOperation({
    summary: 'A contract’s payment status (unbilled, invoiced, partly_paid, paid, overdue) with its figures',
    description:
      'From the contract’s invoice and payment milestones and its posted payments less refunds, as of today (UTC).',
  })
  @ApiOkResponse({ type: PaymentStatusDto })
  @ApiProblems(400, 404)
  async getContractPaymentStatus(
    @UuidParam('id') id: string,
    @Scope() scope: DataScope,
  ): Promise<PaymentStatusDto> {
    return this.milestones.getPaymentStatus(id, scope, todayIn('UTC'));
  }
}
