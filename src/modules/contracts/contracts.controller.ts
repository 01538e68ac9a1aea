import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import type { DataScope } from '../../common/auth/data-scope';
import { ALL_ROLES, type Principal, Role } from '../../common/auth/role';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { Page, REPLICA_PAGES_NOTE } from '../../common/pagination/pagination';
import { CONTRACT_STATUS_RULES_TEXT } from './contract-status';
import {
  ApprovalDecisionDto,
  ChangeContractStatusDto,
  ContractDto,
  ContractPage,
  CreateContractDto,
  CreateRenewalDto,
  ExternalContractDto,
  ExternalIdPath,
  ListContractsQuery,
  InvoiceDto,
  mapContract,
  mapInvoice,
  mapPayment,
  PaymentDto,
  PostInvoiceDto,
  PostPaymentDto,
  SetReviewCycleDto,
  ScopeExceptionDto,
  SignContractDto,
} from './contracts.dto';
import { ContractsService } from './contracts.service';
import { AssignmentDecisionDto, mapAssignmentDecision } from '../leads/leads.published';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

const WRITERS = [Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.REP, Role.INTEGRATION];
const MANAGERS = [Role.ADMIN, Role.SALES_MANAGER];
const ERP = [Role.ADMIN, Role.SALES_MANAGER, Role.INTEGRATION];

/** Scope: reps see their own contracts, vendor managers and vendor-bound clients their vendor's; else 404. */
@ApiTags('contracts')
@Controller('contracts')
export class ContractsController {
  constructor(private readonly contracts: ContractsService) {}

  @Post()
  @Auth(...WRITERS)
  @Idempotent()
  @Endpoint({
    summary: 'Create a contract (draft, or pending_approval when a line is below its floor)',
    description:
      'Lines are priced from the catalog (unit price defaults to the list price); line total = quantity × unit ' +
      'price × (1 − discount). A line whose net price undercuts the floor (a bundle: its members’ floor sum) puts ' +
      'the contract in pending_approval. Credits split the deal between sellers (basis points adding up to 10 000; ' +
      'default one 100 % credit to the seller of record).',
    created: ContractDto,
    problems: [400, 404, 422],
  })
  async createContract(
    @Body() body: CreateContractDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ContractDto> {
    return mapContract(await this.contracts.createContract(body, scope, actor));
  }

  @Put('by-external-id/:source/:externalId')
  @Auth(...ERP)
  @Idempotent()
  @Endpoint({
    summary: 'Create or update the contract an ERP holds under its own id (idempotent upsert)',
    description:
      'A draft or pending contract is replaced by the body; a signed one accepts the same body again and a move ' +
      'to active, anything else is 409 CONTRACT_NOT_EDITABLE. `status: signed` signs it (needs signedOn).',
    ok: ContractDto,
    problems: [400, 404, 409, 422],
  })
  async upsertContractByExternalId(
    @Param() path: ExternalIdPath,
    @Body() body: ExternalContractDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ContractDto> {
    return mapContract(
      await this.contracts.upsertContractByExternalId(path.source, path.externalId, body, scope, actor),
    );
  }

  @Get()
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'List contracts in the caller’s scope, oldest first',
    description:
      'Any signed-in role, within its scope: a rep sees contracts they are credited on, a vendor ' +
      'manager their vendor’s. Oldest first with cursor pagination; filter by status, vendor, ' +
      `customer, an end on or before a day, or \`updatedSince\` (for ERP sync). ${REPLICA_PAGES_NOTE}`,
    ok: ContractPage,
    problems: [400],
  })
  async listContracts(
    @Query() query: ListContractsQuery,
    @Scope() scope: DataScope,
  ): Promise<Page<ContractDto>> {
    const page = await this.contracts.listContracts(query, scope);
    return { data: page.data.map(mapContract), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'Get a contract with its lines and credits',
    description:
      'Any role that may see it. Answers the contract with its status, approval state, customer, ' +
      'vendor and rep, its lines (product or bundle, quantity, list, floor and agreed unit price, ' +
      'discount, whether below the floor), totals, and the credits that split it between reps and ' +
      'vendors; the ETag carries its version.',
    ok: ContractDto,
    problems: [400, 404],
  })
  async getContract(@UuidParam('id') id: string, @Scope() scope: DataScope): Promise<ContractDto> {
    return mapContract(await this.contracts.getContract(id, scope));
  }

  @Post(':id/sign')
  @Auth(...WRITERS)
  @HttpCode(200)
  @Idempotent()
  @Endpoint({
    summary: 'Sign a contract: books it and wins its lead',
    description:
      'Refused with 409 CONTRACT_APPROVAL_REQUIRED while a below-floor contract lacks approval, 422 ' +
      'CONTRACT_OUT_OF_SCOPE when the vendor’s scope on the signature day misses a product line sold (unless a ' +
      'sales manager recorded an exception). A contract from a lead moves the lead to won, creates or links the ' +
      'customer and records the deal facts (cycle days, touches, call reports, win factors).',
    ok: ContractDto,
    problems: [400, 404, 409, 422],
  })
  async signContract(
    @UuidParam('id') id: string,
    @Body() body: SignContractDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ContractDto> {
    return mapContract(await this.contracts.signContract(id, body, scope, actor));
  }

  @Post(':id/approval')
  @Auth(...MANAGERS)
  @HttpCode(200)
  @Endpoint({
    summary: 'Approve or reject a contract priced below the floor (with a reason, audited)',
    description:
      'Either way the contract returns to draft; only an approved one can be signed below the floor.',
    ok: ContractDto,
    problems: [400, 404, 409],
  })
  async decideContractApproval(
    @UuidParam('id') id: string,
    @Body() body: ApprovalDecisionDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ContractDto> {
    return mapContract(await this.contracts.decideContractApproval(id, body, scope, actor));
  }

  @Post(':id/scope-exception')
  @Auth(...MANAGERS)
  @HttpCode(200)
  @Endpoint({
    summary: 'Let this contract sell product lines outside the vendor’s scope (reason, audited)',
    description:
      'Admins and sales managers. Records, with a reason, that this contract may sell product ' +
      'lines outside its vendor’s effective scope; without it such a contract cannot be signed. ' +
      'Audited. A contract past signing is 409.',
    ok: ContractDto,
    problems: [400, 404, 409],
  })
  async recordScopeException(
    @UuidParam('id') id: string,
    @Body() body: ScopeExceptionDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ContractDto> {
    return mapContract(await this.contracts.recordScopeException(id, body, scope, actor));
  }

  @Post(':id/status')
  @Auth(...WRITERS)
  @HttpCode(200)
  @Endpoint({
    summary: 'Move a signed contract: active, fulfilled, expired or terminated',
    description: CONTRACT_STATUS_RULES_TEXT,
    ok: ContractDto,
    problems: [400, 404, 409],
  })
  async changeContractStatus(
    @UuidParam('id') id: string,
    @Body() body: ChangeContractStatusDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ContractDto> {
    return mapContract(await this.contracts.changeContractStatus(id, body, scope, actor));
  }

  @Post(':id/payments')
  @Auth(...ERP)
  @HttpCode(200)
  @Endpoint({
    summary: 'Post a payment or refund from the ERP (idempotent by its external id)',
    description:
      'The same external id with the same values answers the stored payment; with other values 409 ' +
      'PAYMENT_EXTERNAL_ID_CONFLICT. The currency must be the contract’s.',
    ok: PaymentDto,
    problems: [400, 404, 409, 422],
  })
  async postContractPayment(
    @UuidParam('id') id: string,
    @Body() body: PostPaymentDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() actor: Principal,
  ): Promise<PaymentDto> {
    return mapPayment(await this.contracts.postContractPayment(id, body, scope, actor));
  }

  @Put(':id/review-cycle')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.INTEGRATION)
  @Endpoint({
    summary: 'Set or clear the fulfilment review cycle of a contract, signed or not',
    description:
      'A running contract may start (or stop) being reviewed with its customer: `fulfilment_review_due` follows ' +
      'the new cycle from its next run. Fulfilled, expired and terminated contracts are 409 ' +
      'CONTRACT_NOT_EDITABLE. Vendor managers set it on their vendor’s contracts. Audited.',
    ok: ContractDto,
    problems: [400, 404, 409],
  })
  async setContractReviewCycle(
    @UuidParam('id') id: string,
    @Body() body: SetReviewCycleDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ContractDto> {
    return mapContract(await this.contracts.setReviewCycle(id, body.reviewCycle, scope, actor));
  }

  @Get(':id/routing-decisions')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'Why a renewal went to its seller: the routing decisions about it',
    description:
      'A renewal whose original vendor is no longer active or in scope is routed like a lead in negotiation ' +
      '(trigger `renewal`); the decision lists the rule, the candidates and who was left out, as for leads, ' +
      'cut to the caller’s vendor for vendor-bound callers. Empty when the original seller kept it.',
    ok: [AssignmentDecisionDto],
    problems: [400, 404],
  })
  async listRenewalRoutingDecisions(
    @UuidParam('id') id: string,
    @Scope() scope: DataScope,
  ): Promise<AssignmentDecisionDto[]> {
    return (await this.contracts.listRenewalRoutingDecisions(id, scope)).map((decision) =>
      mapAssignmentDecision(decision, scope),
    );
  }

  @Get(':id/payments')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'List a contract’s payments and refunds by paid day',
    description:
      'Any role that may see the contract. Lists the payments and refunds posted for it by the ' +
      'ERP, by the day paid; a refund is a negative movement of the contract’s currency.',
    ok: [PaymentDto],
    problems: [400, 404],
  })
  async listContractPayments(@UuidParam('id') id: string, @Scope() scope: DataScope): Promise<PaymentDto[]> {
    return (await this.contracts.listContractPayments(id, scope)).map(mapPayment);
  }

  @Post(':id/invoices')
  @Auth(...ERP)
  @HttpCode(200)
  @Endpoint({
    summary: 'Post an invoice from the ERP (idempotent by its external id)',
    description:
      'Amount in the contract’s currency, invoice date and due date. The same external id with the same values ' +
      'answers the stored invoice; with other values 409 INVOICE_EXTERNAL_ID_CONFLICT. Posted invoices drive the ' +
      'payment status: invoiced is their sum, and one past its due day not covered by payments makes it overdue.',
    ok: InvoiceDto,
    problems: [400, 404, 409, 422],
  })
  async postContractInvoice(
    @UuidParam('id') id: string,
    @Body() body: PostInvoiceDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() actor: Principal,
  ): Promise<InvoiceDto> {
    return mapInvoice(await this.contracts.postContractInvoice(id, body, scope, actor));
  }

  @Get(':id/invoices')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'List a contract’s invoices by invoice date',
    description:
      'Any role that may see the contract. Lists the invoices posted for it by the ERP, in ' +
      'invoice-date order, with amounts in minor units of the contract’s currency and due dates.',
    ok: [InvoiceDto],
    problems: [400, 404],
  })
  async listContractInvoices(@UuidParam('id') id: string, @Scope() scope: DataScope): Promise<InvoiceDto[]> {
    return (await this.contracts.listContractInvoices(id, scope)).map(mapInvoice);
  }

  @Post(':id/renewals')
  @Auth(...WRITERS)
  @Idempotent()
  @Endpoint({
    summary: 'Create the renewal draft of a contract (lines copied at the old or today’s list prices)',
    description:
      'The renewal keeps the original seller when its vendor is still active and in scope today; otherwise the ' +
      'routing engine picks another eligible vendor’s rep (rules, scope, capacity, certification, the key-lead ' +
      'tier; logged under `GET /contracts/{id}/routing-decisions`), else the internal team takes it; ' +
      '`ownerDecision` says which and why. A contract with a renewal already is 409 CONTRACT_ALREADY_RENEWED.',
    created: ContractDto,
    problems: [400, 404, 409, 422],
  })
  async createRenewal(
    @UuidParam('id') id: string,
    @Body() body: CreateRenewalDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ContractDto> {
    return mapContract(await this.contracts.createRenewal(id, body, scope, actor));
  }
}
