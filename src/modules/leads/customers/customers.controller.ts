import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../../common/auth/auth.decorators';
import type { DataScope } from '../../../common/auth/data-scope';
import { ALL_ROLES, type Principal, Role } from '../../../common/auth/role';
import { DomainException } from '../../../common/errors/domain.exception';
import { Idempotent } from '../../../common/idempotency/idempotency.interceptor';
import { Page, mapPage } from '../../../common/pagination/pagination';
import {
  CustomerDto,
  CustomerPage,
  ImportCustomersDto,
  ListCustomersQuery,
  mapCustomer,
} from './customers.dto';
import { ImportResultDto, summarise } from '../intake/lead-imports.dto';
import { CustomersService } from './customers.service';
import { ContactReadsRecorder } from '../personal-data/contact-reads';
import { Endpoint } from '../../../common/openapi/endpoint.decorator';

@ApiTags('customers')
@Controller('customers')
export class CustomersController {
  constructor(
    private readonly customers: CustomersService,
    private readonly contactReads: ContactReadsRecorder,
  ) {}

  @Post('imports')
  @Idempotent()
  @HttpCode(200)
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.INTEGRATION)
  @Endpoint({
    summary: 'Import ERP customers, with a result per row',
    description:
      'Rows matching an existing customer (or an earlier row) on ERP id, tax id, normalised name, phone or ' +
      'email are duplicates; rows with a bad tax id, phone or email are rejected. Company-wide callers only.',
    ok: ImportResultDto,
    problems: [400],
  })
  async importCustomers(
    @Body() body: ImportCustomersDto,
    @Scope() scope: DataScope,
  ): Promise<ImportResultDto> {
    if (!scope.isCompanyWide) throw DomainException.forbidden('Customers are imported company-wide');
    return summarise(await this.customers.importCustomers(body.rows));
  }

  @Get()
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'List customers in the caller’s scope, oldest first',
    description:
      'Any signed-in role, within its scope (a vendor manager or rep: customers of their vendor’s ' +
      'or their own contracts and leads). Oldest first with cursor pagination; filter by vendor or ' +
      '`updatedSince` (for ERP sync). Reading the page’s phone numbers and emails is written to ' +
      'the audit log, with the `purpose` the caller states.',
    ok: CustomerPage,
    problems: [400],
  })
  async listCustomers(
    @Query() query: ListCustomersQuery,
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<CustomerDto>> {
    const page = await this.customers.listCustomers(query, scope);
    await this.contactReads.recordCustomers(page.data, principal, query.purpose);
    return mapPage(page, mapCustomer);
  }

  // GET /customers/{id} is the account view: CustomerAccountsController (contracts module), which
  // composes contracts, revenue and call reports on top of this module's customer.
}
