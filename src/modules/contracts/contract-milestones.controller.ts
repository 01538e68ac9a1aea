import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import type { DataScope } from '../../common/auth/data-scope';
import { ALL_ROLES, type Principal, Role } from '../../common/auth/role';
import { todayIn } from '../../common/calendar/working-days';
import { ErrorCode } from '../../common/errors/error-codes';
import {
  CreateMilestoneDto,
  mapMilestone,
  MilestoneDto,
  PaymentStatusDto,
  UpdateMilestoneDto,
} from './contract-milestones.dto';
import { ContractMilestonesService } from './contract-milestones.service';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

const WRITERS = [Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.REP, Role.INTEGRATION];

/** Fulfilment milestones; the contract's scope applies (another vendor's contract is 404). */
@ApiTags('contracts')
@Controller('contracts/:id/milestones')
export class ContractMilestonesController {
  constructor(private readonly milestones: ContractMilestonesService) {}

  @Get()
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'List a contract’s fulfilment milestones, soonest due first',
    description:
      'Any role that may see the contract. Lists its milestones (delivery, acceptance, invoice, ' +
      'payment) soonest due first; each says whether it is done, and whether it is overdue as of ' +
      'today.',
    ok: [MilestoneDto],
    problems: [400, 404],
  })
  async listContractMilestones(
    @UuidParam('id') id: string,
    @Scope() scope: DataScope,
  ): Promise<MilestoneDto[]> {
    const today = todayIn('UTC');
    return (await this.milestones.listMilestones(id, scope)).map((m) => mapMilestone(m, today));
  }

  @Post()
  @Auth(...WRITERS)
  @Endpoint({
    summary: 'Add a fulfilment milestone (delivery, acceptance, invoice, payment) to a contract',
    description:
      'Amount in integer minor units of the contract’s currency (another currency is 422 ' +
      'CONTRACT_CURRENCY_MISMATCH naming `currency`). Open past its due day it is overdue and the ' +
      'scheduler’s `milestone_overdue` check raises an alert on the contract.',
    created: MilestoneDto,
    problems: [400, 404, ErrorCode.CONTRACT_CURRENCY_MISMATCH],
  })
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
  @Endpoint({
    summary: 'Mark a milestone done (doneOn), reopen it (doneOn null), move its due day or change its note',
    description:
      'Any role that may see the contract, except read-only ones. Marks the milestone done on a ' +
      'day (`doneOn`), reopens it (`doneOn: null`), moves its due day or changes its note. ' +
      'Audited. A milestone of another contract, or a contract outside the caller’s scope, is 404.',
    ok: MilestoneDto,
    problems: [400, 404],
  })
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
  @Endpoint({
    summary: 'A contract’s payment status (unbilled, invoiced, partly_paid, paid, overdue) with its figures',
    description:
      'From the contract’s invoice and payment milestones and its posted payments less refunds, as of today (UTC).',
    ok: PaymentStatusDto,
    problems: [400, 404],
  })
  async getContractPaymentStatus(
    @UuidParam('id') id: string,
    @Scope() scope: DataScope,
  ): Promise<PaymentStatusDto> {
    return this.milestones.getPaymentStatus(id, scope, todayIn('UTC'));
  }
}
